/**
 * Record → record navigation with an answer on screen: the previous answer may stay up for
 * HOLD_FRAMES (2) frames. A fast answer replaces it directly (no loading state: one store update,
 * one render); a slow one gives way to the loading state at the second frame. The frame scheduler
 * is driven by hand, so these are counts and orders, never timings.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPanelController, FRAME_MS, HOLD_FRAMES, type PanelBackend, type PanelViewState } from '@/components/content-panel/panel-controller';
import { PageContextSchema, type LookupResult, type PageContext } from '@/utils/view-models';
import { found } from './fixtures';
import { manualFrames } from './manual-frames';

const ctx = (recordId: string, website: string): PageContext =>
  PageContextSchema.parse({ site: 'hubspot', url: `https://app.hubspot.com/contacts/1/company/${recordId}`, recordId, websites: [website] });

/** `frames`: driven by hand (default), or the production scheduler (frameTicks) */
function setup(frames: 'manual' | 'production' = 'manual') {
  const lookups: { context: PageContext; resolve: (r: LookupResult) => void }[] = [];
  const seen: string[] = [];
  const backend: PanelBackend = {
    lookup: (context) => new Promise((resolve) => lookups.push({ context, resolve })),
    pin: async (_c, rtpAid) => found({ matchedBy: 'pinned' }, { rtpAid }),
    unpin: async () => found(),
    add: async () => found(),
    markSeen: async (rtpAid) => void seen.push(rtpAid),
  };
  const states: PanelViewState[] = [];
  const f = manualFrames();
  const c = createPanelController(backend, (s) => states.push(s), frames === 'manual' ? f.frames : undefined);
  /** "name @ record" of every state published, '…' for loading */
  const shown = () => states.map((s) => `${s.result?.state === 'found' ? s.result.account.name : s.result ? s.result.state : '…'} @ ${s.context?.recordId ?? '-'}`);
  return { c, f, lookups, seen, states, shown };
}

const flush = () => new Promise((r) => setTimeout(r, 0));
const A = ctx('1', 'acme.com');
const B = ctx('2', 'beta.com');
const C = ctx('3', 'gamma.com');

async function showA(s: ReturnType<typeof setup>) {
  s.c.setContext(A);
  s.lookups[0]!.resolve(found({}, { rtpAid: 'acme', name: 'Acme' }));
  await flush();
  s.states.length = 0;
}

describe('panel controller: record to record', () => {
  it('a fast answer replaces the previous account directly: no loading state, one state change', async () => {
    const s = setup();
    await showA(s);
    s.c.setContext(B);
    expect(s.c.store.getState().context).toBe(A); // context and result stay consistent until the answer
    s.lookups[1]!.resolve(found({}, { rtpAid: 'beta', name: 'Beta' }));
    await flush();
    expect(s.shown()).toEqual(['Beta @ 2']);
    expect(s.f.pending()).toBe(0); // the frame deadline was cancelled
    expect(s.seen).toEqual(['acme', 'beta']);
  });

  it('an answer that misses the first frame but not the second still replaces the previous account directly', async () => {
    const s = setup();
    await showA(s);
    s.c.setContext(B);
    s.f.fire(); // the frame's next frame comes before a warm lookup's round trip through the worker
    expect(s.shown()).toEqual([]); // the previous account stays up: no loading state yet
    s.lookups[1]!.resolve(found({}, { rtpAid: 'beta', name: 'Beta' }));
    await flush();
    expect(s.shown()).toEqual(['Beta @ 2']);
    expect(s.f.pending()).toBe(0);
    expect(s.f.requested()).toBe(2);
  });

  it('a slow answer: the previous account gives way to the loading state at the second frame', async () => {
    expect(HOLD_FRAMES).toBe(2);
    const s = setup();
    await showA(s);
    s.c.setContext(B);
    expect(s.shown()).toEqual([]);
    s.f.fire();
    expect(s.shown()).toEqual([]);
    s.f.fire(); // the second frame: the hold ends
    expect(s.shown()).toEqual(['… @ 2']);
    expect(s.f.pending()).toBe(0);
    s.lookups[1]!.resolve(found({}, { rtpAid: 'beta', name: 'Beta' }));
    await flush();
    expect(s.shown()).toEqual(['… @ 2', 'Beta @ 2']);
  });

  it('navigating on during the hold: one deadline, the skipped record never shows, nor does the first', async () => {
    const s = setup();
    await showA(s);
    s.c.setContext(B);
    s.f.fire();
    s.c.setContext(C); // does not restart the hold
    expect(s.f.requested()).toBe(2);
    s.lookups[1]!.resolve(found({}, { rtpAid: 'beta', name: 'Beta' })); // late answer for B
    await flush();
    s.f.fire();
    expect(s.f.pending()).toBe(0);
    s.lookups[2]!.resolve(found({}, { rtpAid: 'gamma', name: 'Gamma' }));
    await flush();
    expect(s.shown()).toEqual(['… @ 3', 'Gamma @ 3']);
  });

  it('ignores pushes while the next record is being looked up, and leaving the record clears at once', async () => {
    const s = setup();
    await showA(s);
    s.c.setContext(B);
    expect(s.c.receivePush({ url: A.url, result: found({}, { rtpAid: 'acme', name: 'Acme refreshed' }) })).toBe(false);
    s.c.setContext(null);
    expect(s.f.pending()).toBe(0);
    expect(s.c.store.getState()).toMatchObject({ context: null, result: null });
    s.lookups[1]!.resolve(found({}, { rtpAid: 'beta', name: 'Beta' }));
    await flush();
    expect(s.shown()).toEqual(['… @ -']);
  });

  it('a record read after its skeleton: the skeleton stays up (no new state) until the answer', async () => {
    const s = setup();
    await showA(s);
    const reading = PageContextSchema.parse({ ...B, websites: [], read: { status: 'reading', via: {}, layers: [] } });
    s.c.setContext(reading);
    expect(s.shown()).toEqual([]);
    s.f.fire(); // no answer can come for an unread record: the skeleton at the next frame
    expect(s.shown()).toEqual(['… @ 2']);
    s.c.setContext(B); // read: looked up, while the same skeleton stays on screen
    expect(s.lookups).toHaveLength(2);
    expect(s.shown()).toEqual(['… @ 2']);
    s.lookups[1]!.resolve(found({}, { rtpAid: 'beta', name: 'Beta' }));
    await flush();
    expect(s.shown()).toEqual(['… @ 2', 'Beta @ 2']);
    expect(s.c.store.getState().context).toBe(B);
  });

  it('from the loading state (nothing to hold) the next record shows loading at once, without a frame', async () => {
    const s = setup();
    s.c.setContext(A);
    s.c.setContext(B);
    expect(s.f.requested()).toBe(0);
    expect(s.shown()).toEqual(['… @ 1', '… @ 2']);
  });
});

describe("panel controller: the hold's own clock (no animation frame requested)", () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  /**
   * The production scheduler (frameTicks) under fake timers, with requestAnimationFrame present and
   * watched: Acme shown, then the next record (B) arrives.
   */
  async function toBFromAcme() {
    vi.useFakeTimers();
    const raf = vi.fn((cb: FrameRequestCallback) => setTimeout(() => cb(0), FRAME_MS) as unknown as number);
    vi.stubGlobal('requestAnimationFrame', raf);
    vi.stubGlobal('cancelAnimationFrame', vi.fn());
    const s = setup('production');
    s.c.setContext(A);
    s.lookups[0]!.resolve(found({}, { rtpAid: 'acme', name: 'Acme' }));
    await vi.advanceTimersByTimeAsync(0);
    s.states.length = 0;
    s.c.setContext(B);
    return { ...s, raf };
  }

  it('asks the browser for no frame while the answer is awaited: the answer is painted on the first frame after it', async () => {
    const s = await toBFromAcme();
    await vi.advanceTimersByTimeAsync(5); // a warm lookup's round trip
    s.lookups[1]!.resolve(found({}, { rtpAid: 'beta', name: 'Beta' }));
    await vi.advanceTimersByTimeAsync(0);
    expect(s.shown()).toEqual(['Beta @ 2']);
    // a requestAnimationFrame at the record's arrival would have started a frame before the answer
    expect(s.raf).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0); // the hold's deadline was cancelled
  });

  it('keeps the previous answer for HOLD_FRAMES frames of time, then shows the loading state', async () => {
    const s = await toBFromAcme();
    await vi.advanceTimersByTimeAsync(HOLD_FRAMES * FRAME_MS - 1);
    expect(s.shown()).toEqual([]);
    await vi.advanceTimersByTimeAsync(2);
    expect(s.shown()).toEqual(['… @ 2']);
    expect(s.raf).not.toHaveBeenCalled();
  });
});
