// The Firefox bench's attribution of a Gecko profile's main-thread samples (test/bench/lib/gecko-share.ts),
// on a small profile in the raw format Firefox writes at shutdown.
import { describe, expect, it } from 'vitest';
import { geckoShare, type GeckoProfile } from '../../bench/lib/gecko-share';

const PAGE = 'https://acme.lightning.force.com';
const EXT = 'moz-extension://a3c1f0de-7b2e-4c55-9d1a-5e0f4b6c2d10';

/** One GeckoMain thread: each stack is a list of frame labels from the root; samples every 1 ms. */
function thread(stacks: string[][], samples: [stack: number | null, cpuNs: number][]) {
  const strings: string[] = [];
  const str = (s: string) => (strings.includes(s) ? strings.indexOf(s) : strings.push(s) - 1);
  const frames: unknown[][] = [];
  const stackRows: (number | null)[][] = [];
  const stackIds = stacks.map((labels) => {
    let prefix: number | null = null;
    for (const label of labels) {
      frames.push([str(label), false, 0]);
      stackRows.push([prefix, frames.length - 1]);
      prefix = stackRows.length - 1;
    }
    return prefix;
  });
  return {
    name: 'GeckoMain',
    stringTable: strings,
    frameTable: { schema: { location: 0, relevantForJS: 1, innerWindowID: 2, implementation: 3, line: 4, column: 5, category: 6, subcategory: 7 }, data: frames },
    stackTable: { schema: { prefix: 0, frame: 1 }, data: stackRows },
    samples: {
      schema: { stack: 0, time: 1, eventDelay: 2, threadCPUDelta: 3 },
      data: samples.map(([s, cpu], i) => [s === null ? null : stackIds[s]!, 10 + i, 0, cpu]),
    },
  };
}

const STACKS = [
  ['(root)', `fill (${PAGE}/lightning/r/Account/001/view:210:16)`], // 0 page script
  ['(root)', `fill (${PAGE}/lightning/r/Account/001/view:210:16)`, `read (${EXT}/content-scripts/crm.js:5:1)`], // 1 (not a real stack, but the add-on wins)
  ['(root)', 'setTimeout handler', `read (${EXT}/content-scripts/crm.js:5:1)`, 'Document.querySelectorAll'], // 2 content script + its DOM call
  ['(root)', `performWorkOnRoot (${EXT}/chunks/messaging-x.js:7:2)`], // 3 panel script
  ['(root)', 'RefreshDriver tick', `Reflow ${EXT}/panel-frame.html#abc`, 'PresShell::DoReflow'], // 4 panel reflow
  ['(root)', 'RefreshDriver tick', `Reflow ${PAGE}/lightning/r/Account/001/view`, 'nsBlockFrame::Reflow'], // 5 page reflow
  ['(root)', 'RefreshDriver tick', `Reflow ${EXT}/panel-frame.html#abc`, `Reflow ${PAGE}/lightning/r/Account/001/view`], // 6 innermost label: the page's
  ['(root)', 'nsThread::ProcessNextEvent'], // 7 idle when the CPU says so
];

function profile(samples: [number | null, number][], other?: ReturnType<typeof thread>): GeckoProfile {
  return {
    meta: { startTime: 1_000, interval: 1, sampleUnits: { threadCPUDelta: 'ns' } },
    threads: [],
    processes: [
      ...(other ? [{ meta: { startTime: 1_000, interval: 1 }, threads: [other] }] : []),
      { meta: { startTime: 1_000, interval: 1 }, threads: [thread(STACKS, samples)] },
    ],
  };
}

const BUSY = 1_000_000; // a whole 1 ms interval on the CPU

describe('geckoShare', () => {
  it('splits busy samples between the content script, the panel, its reflows and the page', () => {
    // sample i stands for [10+i, 11+i) ms; its CPU is the next sample's delta
    const p = profile([[0, BUSY], [0, BUSY], [1, BUSY], [2, BUSY], [3, BUSY], [3, BUSY], [4, BUSY], [5, BUSY], [6, BUSY], [7, BUSY], [7, 0], [0, 0], [0, BUSY]]);
    const s = geckoShare(p, PAGE, 1_000 + 10, 1_000 + 22);
    expect(s.found).toBe(true);
    expect(s.pageScript).toBe(3); // samples 0, 1 and 11
    expect(s.contentScript).toBe(2); // 2 (the add-on wins over the page), 3
    expect(s.frameScript).toBe(2); // 4, 5
    expect(s.addonOther).toBe(1); // 6: the reflow labelled with the panel's URL; not 8, whose innermost label is the page's
    // 0-8 and 11 busy; 9 and 10 idle (the next sample had no CPU time); 12 is after the window
    expect(s.busy).toBe(10);
  });

  it('counts only the samples inside the window; a window without samples finds nothing', () => {
    const p = profile([[3, BUSY], [3, BUSY], [3, BUSY], [3, BUSY]]);
    expect(geckoShare(p, PAGE, 1_000 + 11, 1_000 + 13).frameScript).toBe(2);
    expect(geckoShare(p, PAGE, 1_000 + 10, 1_000 + 20).frameScript).toBe(4);
    expect(geckoShare(p, PAGE, 2_000, 3_000).found).toBe(false);
  });

  it("finds the thread that ran the page's script, not another tab's", () => {
    const otherTab = thread([['(root)', `x (https://other.example/app.js:1:1)`], ['(root)', `y (${EXT}/chunks/messaging-x.js:1:1)`]], [[1, BUSY], [1, BUSY], [0, BUSY]]);
    const p = profile([[0, BUSY], [3, BUSY], [0, BUSY]], otherTab);
    const s = geckoShare(p, PAGE, 1_000 + 10, 1_000 + 13);
    expect(s.found).toBe(true);
    expect(s.frameScript).toBe(1);
    expect(s.pageScript).toBe(2);
  });
});
