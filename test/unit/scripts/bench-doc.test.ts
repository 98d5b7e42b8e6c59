// docs/benchmarks.md partial runs (npm run bench -- --only=x): summary rows of x replaced, or added for a new section.
import { describe, expect, it } from 'vitest';
import { replaceSummaryRows } from '../../bench/doc.ts';
import type { Section } from '../../bench/lib/report.ts';

const section = (id: string, measured: string): Section => ({ id, title: id, method: '', body: '', targets: [{ target: 't', measured, met: true }] });
const DOC = [
  '| Benchmark | Target | Measured | Met? |',
  '|---|---|---|---|',
  '| a | t | 1 | met <!-- summary:a --> |',
  '| b | t | 2 | met <!-- summary:b --> |',
  '',
  '## a',
].join('\n');

describe('benchmarks doc, partial runs', () => {
  it("replaces an existing section's summary rows in place and leaves the others", () => {
    const out = replaceSummaryRows(DOC, section('a', '9'));
    expect(out.split('\n').slice(2, 4)).toEqual(['| a | t | 9 | met <!-- summary:a --> |', '| b | t | 2 | met <!-- summary:b --> |']);
  });

  it("adds a new section's rows after the last summary row", () => {
    const out = replaceSummaryRows(DOC, section('movers', '42'));
    expect(out.split('\n').slice(2, 6)).toEqual([
      '| a | t | 1 | met <!-- summary:a --> |',
      '| b | t | 2 | met <!-- summary:b --> |',
      '| movers | t | 42 | met <!-- summary:movers --> |',
      '',
    ]);
  });
});

describe('paired-visit verdicts', () => {
  it('judges a paired figure only when its rounds agree within twice the target', async () => {
    const { pairedVerdict, verdictText } = await import('../../bench/lib/report.ts');
    // rounds within 10 points of each other: judged against 5%, either way
    expect(pairedVerdict([0.01, 0.03, 0.08], 0.03, 0.05)).toEqual({ met: true, spread: 'rounds 1.0% … 8.0%' });
    expect(pairedVerdict([0.06, 0.07, 0.12], 0.07, 0.05).met).toBe(false);
    // a 50-point spread says nothing about 5%, whether its median reads 6.4% or -3.6%
    const noisy = pairedVerdict([0.164, -0.23, -0.34, 0.097, 0.064], 0.064, 0.05);
    expect(noisy).toEqual({ met: 'not judged', spread: 'rounds -34.0% … 16.4%: a 50-point spread cannot resolve 5%' });
    expect(pairedVerdict([0.164, -0.23, -0.34], -0.23, 0.05).met).toBe('not judged');
    expect(pairedVerdict([Number.NaN, 0.01], 0.01, 0.05).met).toBe('not judged'); // a missing baseline visit
    expect([true, false, null, 'not judged' as const].map((m) => verdictText(m, '**NOT met**'))).toEqual(['met', '**NOT met**', 'not measured', 'not judged']);
  });
});
