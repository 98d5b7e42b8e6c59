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
