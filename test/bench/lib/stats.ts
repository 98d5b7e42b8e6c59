/** Small statistics and table helpers shared by the benchmarks (no dependencies). */

/** The p-quantile (0..1) of xs, nearest-rank; NaN for an empty list. */
export function quantile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return Number.NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] as number;
}

/** Median of xs. */
export const median = (xs: readonly number[]): number => quantile(xs, 0.5);

/** A number with `digits` decimals and thousands separators. */
export function fmt(n: number, digits = 0): string {
  if (!Number.isFinite(n)) return 'n/a';
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Bytes as KB (1 KB = 1024 bytes) with one decimal. */
/** "p50 / p95" with one decimal, or 'n/a' for no values. */
export const p50p95 = (xs: readonly number[]): string => (xs.length ? `${fmt(quantile(xs, 0.5), 1)} / ${fmt(quantile(xs, 0.95), 1)}` : 'n/a');

export const kb = (bytes: number): string => `${fmt(bytes / 1024, 1)} KB`;

/** A markdown table; numeric-looking columns are right-aligned. */
export function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const numeric = head.map((_, i) => rows.length > 0 && rows.every((r) => /^[-~≈<>]?\s?[\d,.]+( ?[a-zA-Z%/]+)?$/.test(r[i] ?? '')));
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map((_, i) => (numeric[i] ? '---:' : '---'))), ...rows.map(line)].join('\n');
}

/** "met" / "NOT met" for a target check. */
export const verdict = (ok: boolean): string => (ok ? 'met' : 'NOT met');

/** Wall-clock milliseconds of an async call. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}
