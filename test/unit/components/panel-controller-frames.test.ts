/**
 * Record → record navigation with an answer on screen: the previous answer may stay up only until
 * the next frame. A fast answer replaces it directly (no loading state, so the account view is not
 * unmounted and its sections do not re-fetch); a slow one gives way to the loading state at the
 * frame. The frame scheduler is driven by hand, so these are counts and orders, never timings.
 */
import { describe, expect, it } from 'vitest';
import { createPanelController, type FrameScheduler, type PanelBackend, type PanelViewState } from '@/components/content-panel/panel-controller';
import { PageContextSchema, type LookupResult, type PageContext } from '@/utils/view-models';
import { found } from './fixtures';

const ctx = (recordId: string, website: string): PageContext =>
  PageContextSchema.parse({ site: 'hubspot', url: `https://app.hubspot.com/contacts/1/company/${recordId}`, recordId, websites: [website] });

function manualFrames() {
  const callbacks = new Map<number, () => void>();
  let next = 1;
  const frames: FrameScheduler = {
    request: (cb) => (callbacks.set(next, cb), next++),
    cancel: (id) => void callbacks.delete(id),
  };
  return {
    frames,
    pending: () => callbacks.size,
    requested: () => next - 1,
    fire() {
      const all = [...callbacks.values()];
      callbacks.clear();
      all.forEach((cb) => cb());
    },
  };
}

function setup() {
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
  const c = createPanelController(backend, (s) => states.push(s), f.frames);
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

  it('a slow answer: the previous account gives way to the loading state at the next frame', async () => {
    const s = setup();
    await showA(s);
    s.c.setContext(B);
    expect(s.shown()).toEqual([]);
    s.f.fire(); // the frame that would first paint record B
    expect(s.shown()).toEqual(['… @ 2']);
    s.lookups[1]!.resolve(found({}, { rtpAid: 'beta', name: 'Beta' }));
    await flush();
    expect(s.shown()).toEqual(['… @ 2', 'Beta @ 2']);
  });

  it('navigating on before the frame: one deadline, the skipped record never shows, nor does the first', async () => {
    const s = setup();
    await showA(s);
    s.c.setContext(B);
    s.c.setContext(C);
    expect(s.f.requested()).toBe(1);
    s.lookups[1]!.resolve(found({}, { rtpAid: 'beta', name: 'Beta' })); // late answer for B
    await flush();
    s.f.fire();
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

  it('from the loading state (nothing to hold) the next record shows loading at once, without a frame', async () => {
    const s = setup();
    s.c.setContext(A);
    s.c.setContext(B);
    expect(s.f.requested()).toBe(0);
    expect(s.shown()).toEqual(['… @ 1', '… @ 2']);
  });
});
