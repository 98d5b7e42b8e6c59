// @vitest-environment node
import { defineExtensionMessaging } from '@webext-core/messaging';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { onMessage, sendMessage } from '../../utils/messaging';
import type { LookupResult, PageContext } from '../../utils/view-models';

/*
 * One extension runtime with two façades: chrome.runtime (callbacks, `return true` + sendResponse),
 * which @webext-core/messaging 4 uses, and fakeBrowser.runtime (promises), which utils/messaging.ts
 * uses through WXT's `browser`. Each message is cloned, as the real runtime serialises it.
 */
type RawListener = (message: unknown, sender: unknown, sendResponse: (r: unknown) => void) => unknown;
const listeners = new Set<RawListener>();
const SENDER = { id: 'lens', url: 'chrome-extension://lens/sidepanel.html' };

function dispatch(message: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    let pending = false;
    for (const listener of [...listeners]) {
      const r = listener(structuredClone(message), SENDER, resolve);
      if (r === true) pending = true;
      else if (r instanceof Promise) {
        pending = true;
        void r.then(resolve);
      }
    }
    if (!pending) resolve(undefined);
  });
}

beforeEach(() => {
  fakeBrowser.reset();
  listeners.clear();
  (globalThis as { chrome?: unknown }).chrome = {
    runtime: {
      lastError: undefined,
      sendMessage: (m: unknown, cb: (r: unknown) => void) => void dispatch(m).then(cb),
      onMessage: { addListener: (l: RawListener) => listeners.add(l), removeListener: (l: RawListener) => listeners.delete(l) },
    },
  };
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((m: unknown) => dispatch(m) as never);
  vi.spyOn(fakeBrowser.runtime.onMessage, 'addListener').mockImplementation((l) => void listeners.add(l as RawListener));
  vi.spyOn(fakeBrowser.runtime.onMessage, 'removeListener').mockImplementation((l) => void listeners.delete(l as RawListener));
});
afterEach(() => {
  vi.restoreAllMocks();
  delete (globalThis as { chrome?: unknown }).chrome;
});

const library = () =>
  defineExtensionMessaging<{
    lookupContext(data: PageContext): LookupResult;
    togglePanel(data: undefined): string;
  }>();
const context: PageContext = { site: 'hubspot', url: 'https://app.hubspot.com/x', websites: ['acme.com'], emails: [], contacts: [] };

describe('utils/messaging speaks @webext-core/messaging 4', () => {
  it('our request reaches a library listener with its data and sender, and its answer comes back', async () => {
    const lib = library();
    const seen: unknown[] = [];
    lib.onMessage('lookupContext', (m) => {
      seen.push({ data: m.data, sender: m.sender, id: typeof m.id, timestamp: typeof m.timestamp });
      return { state: 'not-found', domain: m.data.websites[0] ?? null, companyName: null };
    });
    await expect(sendMessage('lookupContext', context)).resolves.toEqual({ state: 'not-found', domain: 'acme.com', companyName: null });
    expect(seen).toEqual([{ data: context, sender: SENDER, id: 'number', timestamp: 'number' }]);
  });

  it("a library listener's error rejects our call with its message and name", async () => {
    library().onMessage('lookupContext', () => {
      throw new RangeError('store closed');
    });
    const err = await sendMessage('lookupContext', context).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toBe('store closed');
    expect((err as Error).name).toBe('RangeError');
  });

  it("the library's request reaches our listener; our answer and our errors go back", async () => {
    const lib = library();
    let calls = 0;
    const off = onMessage('togglePanel', () => {
      calls++;
      if (calls === 2) throw new Error('panel gone');
    });
    await expect(lib.sendMessage('togglePanel', undefined)).resolves.toBeUndefined();
    await expect(lib.sendMessage('togglePanel', undefined)).rejects.toThrow('panel gone');
    expect(calls).toBe(2);
    off();
    expect(listeners.size).toBe(0); // the last listener removed the runtime listener too
  });

  it('leaves foreign and unknown messages unanswered, and says so when nobody answers', async () => {
    const off = onMessage('togglePanel', () => undefined);
    await expect(dispatch({ hello: 'world' })).resolves.toBeUndefined();
    await expect(dispatch({ id: 1, type: 'syncNow', data: {}, timestamp: 1 })).resolves.toBeUndefined();
    await expect(dispatch({ id: 1, type: 'togglePanel', data: undefined })).resolves.toBeUndefined(); // no timestamp
    await expect(sendMessage('getStatus', {})).rejects.toThrow('No response');
    off();
  });

  it('allows one listener per type in a context, and a new one after removal', () => {
    const off = onMessage('togglePanel', () => undefined);
    expect(() => onMessage('togglePanel', () => undefined)).toThrow(/only one listener/);
    off();
    off(); // twice is harmless
    const again = onMessage('togglePanel', () => undefined);
    expect(listeners.size).toBe(1);
    again();
  });

  it('pushes to a tab (and frame) through tabs.sendMessage', async () => {
    const calls: unknown[][] = [];
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation(async (...args: unknown[]) => {
      calls.push(args);
      return { res: true };
    });
    await sendMessage('togglePanel', undefined, 7);
    await sendMessage('togglePanel', undefined, { tabId: 8, frameId: 0 });
    expect(calls.map(([tabId, m, opts]) => [tabId, (m as { type: string }).type, opts])).toEqual([
      [7, 'togglePanel', undefined],
      [8, 'togglePanel', { frameId: 0 }],
    ]);
  });
});
