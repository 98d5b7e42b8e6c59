import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { applyBadge, createMoversBadge, MOVERS_COLOR, renderMoversBadge } from '../../../utils/toolbar';
import type { LookupResult } from '../../../utils/view-models';

const found = { state: 'found', account: { rtpAid: 'a', name: 'Acme', domain: 'acme.com', score: 87, band: 'hot', stage: 'Aware', changedSinceSeen: null }, stages: [], stale: false } as unknown as LookupResult;

/** An action API that inherits like Chrome's and Firefox's: a tab without its own text shows the global one. */
function inheritingAction() {
  let global = '';
  const tabs = new Map<number, string>();
  return {
    text: (tabId?: number) => (tabId === undefined ? global : (tabs.get(tabId) ?? global)),
    api: {
      action: {
        setBadgeText({ tabId, text }: { tabId?: number; text: string | null }) {
          if (tabId === undefined) global = text ?? '';
          else if (text === null) tabs.delete(tabId);
          else tabs.set(tabId, text);
        },
        setBadgeBackgroundColor: () => undefined,
        setTitle: () => undefined,
      },
    },
  };
}

describe('unseen-movers badge', () => {
  beforeEach(() => fakeBrowser.reset());

  it('renders the count (at most 99+), nothing when none or turned off', () => {
    expect(renderMoversBadge(3, true)).toMatchObject({ text: '3', color: MOVERS_COLOR, title: expect.stringContaining('3 watched accounts changed') });
    expect(renderMoversBadge(1, true).title).toContain('1 watched account changed');
    expect(renderMoversBadge(250, true).text).toBe('99+');
    expect(renderMoversBadge(0, true).text).toBe('');
    expect(renderMoversBadge(5, false).text).toBe('');
  });

  it('is the global badge: a record tab shows its score, a tab with no record inherits the count', async () => {
    let count = 3;
    let enabled = true;
    const fake = inheritingAction();
    const refresh = createMoversBadge({ api: fake.api, unseenCount: async () => count, enabled: async () => enabled });
    await refresh();
    await applyBadge(fake.api, 7, found);
    expect(fake.text(7)).toBe('87');
    expect(fake.text(8)).toBe('3');
    await applyBadge(fake.api, 7, null); // navigated away from the record
    expect(fake.text(7)).toBe('3');
    await applyBadge(fake.api, 7, { state: 'no-signal' });
    expect(fake.text(7)).toBe('3');
    count = 0; // the rep opened the Movers view
    await refresh();
    expect(fake.text(7)).toBe('');
    count = 2;
    enabled = false;
    await refresh();
    expect(fake.text()).toBe('');
    // the real fake browser: the global badge is painted there too
    await createMoversBadge({ api: fakeBrowser, unseenCount: async () => 4, enabled: async () => true })();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('4');
  });
});
