// The background's relay of a tab's URL changes to its content scripts, for Firefox without the
// Navigation API (utils/background/location-nudges.ts).
import { describe, expect, it, vi } from 'vitest';
import { relayLocationChanges } from '@/utils/background/location-nudges';

type Change = { url?: string; status?: string; isArticle?: boolean };

function fakeTabs() {
  const listeners: ((tabId: number, change: Change) => void)[] = [];
  return {
    tabs: { onUpdated: { addListener: (fn: (tabId: number, change: Change) => void) => void listeners.push(fn) } },
    fire: (tabId: number, change: Change) => listeners.forEach((fn) => fn(tabId, change)),
    listeners,
  };
}

describe('relayLocationChanges', () => {
  it('registers nothing where the background itself has the Navigation API', () => {
    const t = fakeTabs();
    expect(relayLocationChanges(t.tabs, vi.fn(), { navigation: new EventTarget() })).toBe(false);
    expect(t.listeners).toHaveLength(0);
    expect(relayLocationChanges(undefined, vi.fn(), {})).toBe(false);
  });

  it('tells the tab when Firefox reports a same-document navigation, with or without its url', () => {
    const t = fakeTabs();
    const send = vi.fn(() => Promise.resolve());
    expect(relayLocationChanges(t.tabs, send, {})).toBe(true);
    t.fire(7, { status: 'complete' }); // no host permission for the CRM: the url is withheld
    t.fire(8, { url: 'https://acme.lightning.force.com/lightning/r/Account/001/view' });
    expect(send.mock.calls).toEqual([[7], [8]]);
  });

  it('ignores the other updates (a load starting, reader mode, …)', () => {
    const t = fakeTabs();
    const send = vi.fn(() => Promise.resolve());
    relayLocationChanges(t.tabs, send, {});
    t.fire(7, { status: 'loading' });
    t.fire(7, { isArticle: false });
    expect(send).not.toHaveBeenCalled();
  });

  it('a tab with no content script to receive it (the send rejects) is no error', async () => {
    const t = fakeTabs();
    const send = vi.fn(() => Promise.reject(new Error('Could not establish connection. Receiving end does not exist.')));
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    relayLocationChanges(t.tabs, send, {});
    t.fire(3, { status: 'complete' });
    await new Promise((r) => setTimeout(r, 10));
    process.off('unhandledRejection', unhandled);
    expect(send).toHaveBeenCalledTimes(1);
    expect(unhandled).not.toHaveBeenCalled();
  });
});
