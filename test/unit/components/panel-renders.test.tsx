// @vitest-environment jsdom
/**
 * Work per SPA navigation in the framed panel (issue #18), as counts: one context → one lookup →
 * one committed AccountPanel render (workCounts.panelRenders, the counter §7 of the bench reads).
 * The real tree of panel-frame.html (FramedApp → ContentPanel → AccountPanel) on a frame client
 * whose frames are driven by hand, so the answer's arrival relative to the frames is chosen, not
 * timed.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { FramedApp } from '@/components/panel-frame/FramedApp';
import { createFrameClient, type FrameClient } from '@/components/panel-frame/frame-client';
import type { PanelBackend } from '@/components/content-panel/panel-controller';
import { workCounts } from '@/utils/work-counts';
import { PageContextSchema, type LookupResult, type PageContext } from '@/utils/view-models';
import { found } from './fixtures';
import { manualFrames } from './manual-frames';

const setWidth = (w: number) => Object.defineProperty(window, 'innerWidth', { value: w, configurable: true });
beforeEach(() => {
  fakeBrowser.reset();
  setWidth(1280);
});
afterEach(() => setWidth(1024));
afterEach(cleanup);

const ctx = (recordId: string, website: string, read?: 'reading'): PageContext =>
  PageContextSchema.parse({
    site: 'hubspot',
    url: `https://app.hubspot.com/contacts/1/company/${recordId}`,
    recordId,
    websites: read ? [] : [website],
    ...(read ? { read: { status: 'reading', via: {}, layers: [] } } : {}),
  });
const A = ctx('1', 'acme.com');
const B = ctx('2', 'beta.com');
const ACME = found({}, { rtpAid: 'acme', name: 'Acme', domain: 'acme.com' });
const BETA = found({}, { rtpAid: 'beta', name: 'Beta', domain: 'beta.com' });

/** The frame's client and tree with a background whose lookups answer when the test says so. */
async function mountFramed() {
  const lookups: { context: PageContext; resolve: (r: LookupResult) => void }[] = [];
  const backend: PanelBackend = {
    lookup: (context) => new Promise((resolve) => lookups.push({ context, resolve })),
    pin: async () => ACME,
    unpin: async () => ACME,
    add: async () => ACME,
    markSeen: async () => ({ ok: true }),
  };
  const placed: unknown[] = [];
  const port = { postMessage: (m: unknown) => placed.push(m) } as unknown as MessagePort;
  const f = manualFrames();
  const client: FrameClient = createFrameClient(port, backend, f.frames);
  act(() => client.receive({ type: 'context', context: A }));
  render(<FramedApp client={client} />);
  await act(async () => lookups[0]!.resolve(ACME));
  await screen.findByRole('heading', { name: 'Acme' });
  await settle(); // the settings reads (theme, layout) and the outbox totals are in
  const start = { renders: workCounts.panelRenders, lookups: lookups.length };
  return {
    client,
    lookups,
    f,
    /** AccountPanel commits and lookups since the first account showed */
    counts: () => ({ renders: workCounts.panelRenders - start.renders, lookups: lookups.length - start.lookups }),
    title: () => document.querySelector('.rl-title')?.textContent,
    /** the panel shows the loading state (no account title) */
    loading: () => document.querySelector('.rl-title')?.textContent === 'Recotap Lens',
  };
}

const settle = () => act(() => new Promise((r) => setTimeout(r, 30)));

describe('framed panel: renders per SPA navigation (warm cache)', () => {
  it('one context → one lookup → exactly one committed render, even when a frame passes before the answer', async () => {
    const p = await mountFramed();
    act(() => p.client.receive({ type: 'context', context: B }));
    act(() => p.f.fire()); // the frame's next frame comes before the worker's answer (as in Chrome)
    expect(p.title()).toBe('Acme'); // held, not the loading state
    await act(async () => p.lookups.at(-1)!.resolve(BETA));
    expect(p.title()).toBe('Beta');
    await settle();
    expect(p.counts()).toEqual({ renders: 1, lookups: 1 });
  });

  it('an answer before any frame: one render', async () => {
    const p = await mountFramed();
    act(() => p.client.receive({ type: 'context', context: B }));
    await act(async () => p.lookups.at(-1)!.resolve(BETA));
    await settle();
    expect(p.title()).toBe('Beta');
    expect(p.counts()).toEqual({ renders: 1, lookups: 1 });
  });

  it('back and forth: one render and one lookup per navigation', async () => {
    const p = await mountFramed();
    for (const [context, answer] of [[B, BETA], [A, ACME], [B, BETA], [A, ACME]] as const) {
      act(() => p.client.receive({ type: 'context', context }));
      act(() => p.f.fire());
      await act(async () => p.lookups.at(-1)!.resolve(answer));
    }
    await settle();
    expect(p.title()).toBe('Acme');
    expect(p.counts()).toEqual({ renders: 4, lookups: 4 });
  });

  it('a slow answer still shows the loading state after two frames: two renders, both seen', async () => {
    const p = await mountFramed();
    act(() => p.client.receive({ type: 'context', context: B }));
    act(() => p.f.fire());
    act(() => p.f.fire());
    expect(p.loading()).toBe(true);
    expect(p.counts().renders).toBe(1);
    await act(async () => p.lookups.at(-1)!.resolve(BETA));
    await settle();
    expect(p.title()).toBe('Beta');
    expect(p.counts()).toEqual({ renders: 2, lookups: 1 });
  });

  it('a record still being read: its skeleton shows at the next frame, no lookup until it is read', async () => {
    const p = await mountFramed();
    act(() => p.client.receive({ type: 'context', context: ctx('2', 'beta.com', 'reading') }));
    expect(p.title()).toBe('Acme');
    act(() => p.f.fire());
    expect(p.loading()).toBe(true);
    expect(p.counts()).toEqual({ renders: 1, lookups: 0 });
    act(() => p.client.receive({ type: 'context', context: B }));
    await act(async () => p.lookups.at(-1)!.resolve(BETA));
    await settle();
    expect(p.title()).toBe('Beta');
    expect(p.counts()).toEqual({ renders: 2, lookups: 1 });
  });

  it('a stale answer refreshed by a push: one more render with the fresher answer', async () => {
    const p = await mountFramed();
    act(() => p.client.receive({ type: 'push', push: { url: A.url, result: found({}, { rtpAid: 'acme', name: 'Acme Inc', domain: 'acme.com' }) } }));
    await settle();
    expect(p.title()).toBe('Acme Inc');
    expect(p.counts()).toEqual({ renders: 1, lookups: 0 });
  });
});
