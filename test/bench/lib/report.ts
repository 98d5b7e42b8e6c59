/** What each benchmark hands back to run.ts, which writes docs/benchmarks.md from it. */

/** One target a benchmark checks, e.g. "p95 ≤ 10 ms" and whether this run met it. */
export interface TargetCheck {
  target: string;
  measured: string;
  /** null = could not be judged (not measured) */
  met: boolean | null;
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
    for (const t of s.targets) out.push(`| ${t.target} | ${t.measured} | ${t.met === null ? 'not measured' : t.met ? 'met' : 'NOT met'} |`);
    out.push('');
  }
  for (const n of s.notes ?? []) out.push(`- ${n}`);
  if (s.notes?.length) out.push('');
  if (s.wallMs !== undefined) out.push(`_Benchmark wall time: ${(s.wallMs / 1000).toFixed(0)} s._`, '');
  return out.join('\n');
}
