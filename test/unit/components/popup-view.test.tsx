// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PopupView, type PopupActions } from '@/components/popup/PopupView';
import { isLookupable } from '@/components/popup/popup-store';
import { captureEarlyKeys } from '@/components/popup/early-keys';
import type { AccountSummary, LookupResult, StatusView } from '@/utils/view-models';
import { NOW, found } from './fixtures';

afterEach(cleanup);

const CACHE: AccountSummary[] = [
  { rtpAid: 'a1', name: 'Acme Corp', domain: 'acme.com', score: 72, band: 'hot', stage: 'Consideration' },
  { rtpAid: 'a2', name: 'Acme Labs', domain: 'acmelabs.io', score: 45, band: 'warm', stage: 'Aware' },
  { rtpAid: 'a3', name: 'Beta Inc', domain: 'beta.com', score: 0, band: 'unscored', stage: '' },
];

function setup(over: Partial<PopupActions> = {}, status: StatusView | null = null, current: LookupResult | null = null, takeEarlyInput?: () => string) {
  const lookups: string[] = [];
  const actions: PopupActions = {
    search: vi.fn(async (q: string) => CACHE.filter((a) => `${a.name} ${a.domain}`.toLowerCase().includes(q.toLowerCase()))),
    lookup: async (q) => {
      lookups.push(q);
      const hit = CACHE.find((a) => a.domain === q);
      return hit ? found({ matchedBy: 'lookup' }, { rtpAid: hit.rtpAid, name: hit.name, domain: hit.domain }) : { state: 'not-found', domain: q, companyName: null };
    },
    add: async () => ({ state: 'not-configured' }),
    listSegments: async () => ({ segments: [] }),
    openOptions: vi.fn(),
    ...over,
  };
  render(<PopupView theme="light" status={status} current={current} actions={actions} debounceMs={0} now={NOW} takeEarlyInput={takeEarlyInput} />);
  return { actions, lookups };
}

describe('PopupView', () => {
  it('keeps what the rep typed before the popup mounted, and stops listening once the box takes over', async () => {
    const early = captureEarlyKeys(document);
    const press = (key: string, init: KeyboardEventInit = {}) => document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, ...init }));
    for (const k of ['a', 'c', 'x', 'Backspace', 'm', 'e', 'Shift']) press(k);
    press('v', { ctrlKey: true }); // shortcuts are not text
    const { actions } = setup({}, null, null, early.take);
    const box = screen.getByRole<HTMLInputElement>('combobox', { name: 'Find an account' });
    expect(box.value).toBe('acme');
    await waitFor(() => expect(actions.search).toHaveBeenCalledWith('acme'));
    expect(await screen.findAllByRole('option')).toHaveLength(2);
    press('z'); // after mount the buffer is gone: a stray key on the body changes nothing
    expect(early.take()).toBe('acme');
    expect(box.value).toBe('acme');
  });

  it('autofocuses the search box, ranks type-ahead results, and moves with arrow keys', async () => {
    setup();
    const box = screen.getByRole('combobox', { name: 'Find an account' });
    expect(document.activeElement).toBe(box);
    await userEvent.keyboard('acme');
    const options = await screen.findAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual([expect.stringContaining('Acme Corp'), expect.stringContaining('Acme Labs')]);
    expect(options[0]?.getAttribute('aria-selected')).toBe('true');
    expect(box.getAttribute('aria-activedescendant')).toBe('rl-popup-opt-a1');
    await userEvent.keyboard('{ArrowDown}');
    expect(box.getAttribute('aria-activedescendant')).toBe('rl-popup-opt-a2');
    await userEvent.keyboard('{ArrowDown}'); // wraps
    expect(box.getAttribute('aria-activedescendant')).toBe('rl-popup-opt-a1');
    await userEvent.keyboard('{ArrowUp}');
    expect(box.getAttribute('aria-activedescendant')).toBe('rl-popup-opt-a2');
  });

  it('Enter opens the highlighted account in the panel, and Back returns to the search', async () => {
    const { lookups } = setup();
    await userEvent.keyboard('acme');
    await screen.findAllByRole('option');
    await userEvent.keyboard('{ArrowDown}{Enter}');
    expect(await screen.findByRole('heading', { level: 2, name: 'Acme Labs' })).toBeTruthy();
    expect(lookups).toEqual(['acmelabs.io']);
    expect(screen.queryByRole('button', { name: 'Not this account?' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect(screen.getByRole('combobox')).toBeTruthy();
  });

  it('Enter on a domain that is not cached asks the background with lookupQuery', async () => {
    const { lookups } = setup();
    await userEvent.keyboard('newco.io');
    expect(await screen.findByText('Not in your cached accounts. Press Enter to ask Recotap.')).toBeTruthy();
    await userEvent.keyboard('{Enter}');
    expect(lookups).toEqual(['newco.io']);
    expect(await screen.findByRole('button', { name: 'Add to Recotap' })).toBeTruthy();
  });

  it('Enter on an uncached company name says why Recotap cannot be asked, instead of doing nothing', async () => {
    const { lookups } = setup();
    await userEvent.keyboard('Nowhere Widgets');
    expect(await screen.findByText('No cached account matches.')).toBeTruthy();
    await userEvent.keyboard('{Enter}');
    expect(lookups).toEqual([]);
    expect(await screen.findByText(/“Nowhere Widgets” is not in your cached accounts, and Recotap can look up only a domain or e-mail address/)).toBeTruthy();
  });

  it('Escape clears the query and the results', async () => {
    setup();
    await userEvent.keyboard('acme');
    await screen.findAllByRole('option');
    await userEvent.keyboard('{Escape}');
    expect((screen.getByRole('combobox') as HTMLInputElement).value).toBe('');
    await waitFor(() => expect(screen.queryAllByRole('option')).toHaveLength(0));
  });

  it('shows the current tab account, sync and outbox status, and a settings link', async () => {
    const status: StatusView = {
      configured: true,
      needsNewKey: false,
      repEmail: 'rep@example.com',
      sync: { enabled: true, phase: 'delta', pages: 3, accounts: 250, errors: 0, lastError: null, lastSuccessAt: '2026-11-27T11:00:00Z', cachedAccounts: 1234 },
      outbox: { pending: 2, sent: 10, failed: 1 },
    };
    const { actions } = setup({}, status, found());
    expect(screen.getByRole('group', { name: 'On this tab' }).textContent).toContain('Acme Corp');
    expect(screen.getByText(/Fetching changes/)).toBeTruthy();
    expect(screen.getByText('1,234 accounts cached · last sync 1 hour ago')).toBeTruthy();
    expect(screen.getByText('Activities: 2 waiting to send, 1 failed')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Settings' }));
    expect(actions.openOptions).toHaveBeenCalled();
  });

  it('empty box: On this tab, Recent accounts (without the tab\'s account) and Hot accounts; arrows move, Enter opens', async () => {
    const lists = {
      recent: [CACHE[0]!, CACHE[2]!], // a1 is the tab's account too: shown once, under On this tab
      hot: [{ rtpAid: 'h1', name: 'Hot One', domain: 'hotone.com', score: 96, band: 'hot' as const, stage: 'Opportunity' }, CACHE[0]!],
    };
    const current = found({}, { rtpAid: 'a1', name: 'Acme Corp', domain: 'acme.com' });
    const { lookups } = setup({ listSuggestions: async () => lists }, null, current);
    const box = screen.getByRole('combobox', { name: 'Find an account' });
    const names = (group: string) => within(screen.getByRole('group', { name: group })).getAllByRole('option').map((o) => o.textContent);
    await screen.findByRole('group', { name: 'Hot accounts' });
    expect(names('On this tab')).toEqual([expect.stringContaining('Acme Corp')]);
    expect(names('Recent accounts')).toEqual([expect.stringContaining('Beta Inc')]);
    expect(names('Hot accounts')).toEqual([expect.stringContaining('Hot One'), expect.stringContaining('Acme Corp')]);
    expect(box.getAttribute('aria-activedescendant')).toBeNull(); // nothing highlighted until the rep moves
    await userEvent.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}');
    expect(box.getAttribute('aria-activedescendant')).toBe('rl-popup-hot-h1');
    expect(screen.getByRole('option', { selected: true }).textContent).toContain('Hot One');
    await userEvent.keyboard('{Enter}');
    // opened like a search result: a lookup of its domain, shown in the popup's account view
    await waitFor(() => expect(lookups).toEqual(['hotone.com']));
    expect(await screen.findByRole('button', { name: 'Back' })).toBeTruthy();
  });

  it('empty box: Enter on "On this tab" shows the tab\'s account without a new lookup; Escape drops the highlight first', async () => {
    const current = found({}, { rtpAid: 'a1', name: 'Acme Corp', domain: 'acme.com' });
    const { lookups } = setup({ listSuggestions: async () => ({ recent: [], hot: [] }) }, null, current);
    await userEvent.keyboard('{ArrowDown}');
    await userEvent.keyboard('{Escape}');
    expect(screen.getByRole('combobox').getAttribute('aria-activedescendant')).toBeNull();
    await userEvent.keyboard('{ArrowDown}{Enter}');
    expect(await screen.findByRole('heading', { level: 2, name: 'Acme Corp' })).toBeTruthy();
    expect(lookups).toEqual([]);
  });

  it('typing hides the empty state; clearing the box brings it back', async () => {
    setup({ listSuggestions: async () => ({ recent: [CACHE[2]!], hot: [] }) });
    await screen.findByRole('group', { name: 'Recent accounts' });
    await userEvent.keyboard('acme');
    await screen.findAllByRole('option');
    expect(screen.queryByRole('group', { name: 'Recent accounts' })).toBeNull();
    await userEvent.keyboard('{Escape}');
    expect(await screen.findByRole('group', { name: 'Recent accounts' })).toBeTruthy();
  });

  it('recognises lookupable queries', () => {
    expect(['acme.com', 'https://acme.com/about', 'jane@acme.co.uk'].every(isLookupable)).toBe(true);
    expect(['acme', 'Acme Corp', ''].some(isLookupable)).toBe(false);
  });
});
