// The content scripts' side of the background's `locationChanged` relay (Firefox without the
// Navigation API): the message runs the location watchers' checks, and nothing else.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ContentScriptContext } from '#imports';

let invalidated: (() => void)[] = [];
const ctx = { onInvalidated: (fn: () => void) => void invalidated.push(fn) } as unknown as ContentScriptContext;
// @webext-core/messaging's wire format: { id, type, data, timestamp }
const deliver = (type: string) =>
  fakeBrowser.runtime.onMessage.trigger({ id: 1, type, data: undefined, timestamp: Date.now() }, { id: fakeBrowser.runtime.id }).catch(() => undefined);
// a fresh module per test: it keeps one message listener for every watcher of its JS context
const load = async () => (await import('@/components/content-panel/location-nudges')).backgroundNudges;

beforeEach(() => {
  fakeBrowser.reset();
  vi.resetModules();
  vi.restoreAllMocks();
  invalidated = [];
});

describe('backgroundNudges', () => {
  it('where the page has the Navigation API, listens for nothing', async () => {
    const backgroundNudges = await load();
    const add = vi.spyOn(fakeBrowser.runtime.onMessage, 'addListener');
    expect(backgroundNudges(ctx, { navigation: new EventTarget() })).toBeUndefined();
    expect(add).not.toHaveBeenCalled();
  });

  it('without it, runs every watcher’s check on each locationChanged, and on no other message', async () => {
    const backgroundNudges = await load();
    const listen = backgroundNudges(ctx, {});
    expect(listen).toBeTypeOf('function');
    const [a, b] = [vi.fn(), vi.fn()];
    listen!(a);
    backgroundNudges(ctx, {})!(b); // a second watcher in the same content script
    await deliver('locationChanged');
    expect([a.mock.calls.length, b.mock.calls.length]).toEqual([1, 1]);
    await deliver('togglePanel');
    expect([a.mock.calls.length, b.mock.calls.length]).toEqual([1, 1]);
  });

  it('a listener that cannot be added leaves detection running (the 1 s poll still applies)', async () => {
    const backgroundNudges = await load();
    vi.spyOn(fakeBrowser.runtime.onMessage, 'addListener').mockImplementation(() => {
      throw new Error('no runtime');
    });
    vi.spyOn(console, 'debug').mockImplementation(() => undefined);
    expect(() => backgroundNudges(ctx, {})!(vi.fn())).not.toThrow();
  });

  it('stops calling a watcher once its content script is invalidated (extension reloaded)', async () => {
    const backgroundNudges = await load();
    const check = vi.fn();
    backgroundNudges(ctx, {})!(check);
    invalidated.forEach((fn) => fn());
    await deliver('locationChanged');
    expect(check).not.toHaveBeenCalled();
  });
});
