/** What each benchmark hands back to run.ts, which writes docs/benchmarks.md from it. */

/** One target a benchmark checks, e.g. "p95 ≤ 10 ms" and whether this run met it. */
export interface TargetCheck {
  target: string;
  measured: string;
  /** null = not measured; 'not judged' = measured, but this run's noise is larger than the target (see pairedVerdict) */
  met: boolean | null | 'not judged';
}

/** One benchmark's section of docs/benchmarks.md. */
export interface Section {
  id: string;
  title: string;
  /** how it was measured, one paragraph */
  method: string;
  /** markdown (tables, lists) */
  body: string;
  targets: TargetCheck[];
  /** caveats, in the reader's words */
  notes?: string[];
  wallMs?: number;
}

/** A section for a benchmark that could not run, with the reason (never a made-up figure). */
export function notMeasured(id: string, title: string, reason: string, targets: string[] = []): Section {
  return {
    id,
    title,
    method: '',
    body: `**Not measured yet:** ${reason}`,
    targets: targets.map((target) => ({ target, measured: 'not measured yet', met: null })),
  };
}

/** Markdown of one section. */
export function renderSection(s: Section): string {
  const out = [`## ${s.title}`, ''];
  if (s.method) out.push(`Method: ${s.method}`, '');
  out.push(s.body, '');
  if (s.targets.length > 0) {
    out.push('| Target | Measured | Met? |', '|---|---|---|');
    for (const t of s.targets) out.push(`| ${t.target} | ${t.measured} | ${verdictText(t.met, 'NOT met')} |`);
    out.push('');
  }
  for (const n of s.notes ?? []) out.push(`- ${n}`);
  if (s.notes?.length) out.push('');
  if (s.wallMs !== undefined) out.push(`_Benchmark wall time: ${(s.wallMs / 1000).toFixed(0)} s._`, '');
  return out.join('\n');
}

/** The Met? column: `unmet` is how a missed target is written ('**NOT met**' in the summary). */
export function verdictText(met: TargetCheck['met'], unmet: string): string {
  return met === null ? 'not measured' : met === 'not judged' ? 'not judged' : met ? 'met' : unmet;
}

/**
 * The verdict of a paired-visits figure (the median over rounds of with ÷ without − 1): judged only
 * when the rounds agree within twice the target, else this run's noise swamps what it measures and
 * the figure is reported but not judged (either way). The text names the rounds' range.
 */
export function pairedVerdict(rounds: number[], median: number, target: number): { met: TargetCheck['met']; spread: string } {
  const lo = Math.min(...rounds);
  const hi = Math.max(...rounds);
  const points = (hi - lo) * 100;
  const range = `rounds ${(lo * 100).toFixed(1)}% … ${(hi * 100).toFixed(1)}%`;
  if (!(points <= 2 * target * 100)) {
    return { met: 'not judged', spread: `${range}: a ${points.toFixed(0)}-point spread cannot resolve ${(target * 100).toFixed(0)}%` };
  }
  return { met: median <= target, spread: range };
}
