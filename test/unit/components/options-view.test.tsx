// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import userEvent from '@testing-library/user-event';
import { OptionsView } from '@/components/options/OptionsView';
import { emailProblem, type OptionsActions, type OptionsModel } from '@/components/options/options-types';
import { accountUrlTemplateItem, linkedinInPageStateItem, type EffectiveSettings } from '@/utils/settings';
import type { StatusView } from '@/utils/view-models';

afterEach(cleanup);
afterEach(() => fakeBrowser.reset());

const SETTINGS: EffectiveSettings = {
  apiBase: { choice: 'production', customUrl: '' },
  baseUrl: 'https://eapi.recotap.com/api/v1',
  repEmail: '',
  sync: { enabled: true, intervalMinutes: 60 },
  cache: { ttlMinutes: 15, negativeTtlMinutes: 10 },
  sitePrefs: {},
  managedSites: null,
  extraCrmHosts: [],
  theme: 'system',
  locked: [],
};

const STATUS: StatusView = {
  configured: false,
  needsNewKey: false,
  repEmail: null,
  sync: { enabled: true, phase: 'idle', pages: 0, accounts: 0, errors: 0, lastError: null, lastSuccessAt: null, cachedAccounts: 0 },
  outbox: { pending: 0, sent: 0, failed: 0 },
};

let view: ReturnType<typeof render>;

function setup(over: Partial<OptionsActions> = {}, model: Partial<OptionsModel> = {}) {
  const actions: OptionsActions = {
    connect: vi.fn(async () => ({ ok: true as const, accountCount: 1234, hasMore: false })),
    disconnect: vi.fn(async () => ({ ok: true as const })),
    saveApiBase: vi.fn(async () => null),
    saveRepEmail: vi.fn(async () => undefined),
    saveSync: vi.fn(async () => undefined),
    syncNow: vi.fn(async () => ({ ok: true as const })),
    clearLocalData: vi.fn(async () => ({ ok: true as const })),
    saveSitePref: vi.fn(async () => undefined),
    saveTheme: vi.fn(async () => undefined),
    confirm: vi.fn(() => true),
    ...over,
  };
  const sites = [
    { id: 'hubspot', label: 'HubSpot' },
    { id: 'linkedin', label: 'LinkedIn' },
  ];
  view = render(<OptionsView model={{ settings: SETTINGS, status: STATUS, sites, storageBytes: 2 * 1024 * 1024, ...model }} actions={actions} />);
  return actions;
}

describe('OptionsView onboarding', () => {
  it('Connect shows the rejection in the one result place, and no "connected" text', async () => {
    const rejected = 'Recotap rejected this API key. Copy it again from Recotap → Settings (gear) → Workspace → Tech Settings → API Access Key.';
    const actions = setup({ connect: vi.fn(async () => ({ ok: false as const, error: { kind: 'unauthorized' as const, message: rejected, retryable: false } })) });
    expect(screen.getByRole('list', { name: 'Getting started' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Test connection' })).toBeNull();
    await userEvent.type(screen.getByLabelText('API key'), 'bad-key');
    await userEvent.click(screen.getByRole('button', { name: 'Connect' }));
    expect(actions.connect).toHaveBeenCalledWith('bad-key', { choice: 'production', customUrl: '' }, false);
    const section = screen.getByRole('heading', { name: 'Connect to Recotap' }).closest('section')!;
    const results = within(section).getAllByRole('status').filter((el) => el.textContent !== '');
    expect(results.map((el) => el.textContent)).toEqual([rejected]);
    expect(section.textContent).not.toMatch(/Connected/);
    // the key stays in the box to fix
    expect((screen.getByLabelText('API key') as HTMLInputElement).value).toBe('bad-key');
  });

  it('a good key: Connect says how many accounts, clears the box and moves focus to the e-mail', async () => {
    const actions = setup();
    await userEvent.type(screen.getByLabelText('API key'), ' good-key {Enter}');
    expect(actions.connect).toHaveBeenCalledWith('good-key', { choice: 'production', customUrl: '' }, false);
    expect(await screen.findByText('Connected: your team has 1,234 accounts in Recotap.')).toBeTruthy();
    expect((screen.getByLabelText('API key') as HTMLInputElement).value).toBe('');
    expect(document.activeElement).toBe(screen.getByLabelText('E-mail (required to log activities)'));
  });

  it('a team larger than one page: the count is a floor and the first sync counts the rest', async () => {
    setup({ connect: vi.fn(async () => ({ ok: true as const, accountCount: 100, hasMore: true })) });
    await userEvent.type(screen.getByLabelText('API key'), 'k{Enter}');
    expect(await screen.findByText('Connected: your team has more than 100 accounts in Recotap; the first sync counts them all.')).toBeTruthy();
  });

  it('connected: shows the key\'s last 4 characters and Disconnect, no key box', async () => {
    const actions = setup({}, { status: { ...STATUS, configured: true, keyHint: 'a1b2' } });
    expect(screen.getByText('a1b2').closest('p')!.textContent).toBe('Connected with the key ending in a1b2');
    expect(screen.queryByLabelText('API key')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Disconnect' }));
    expect(actions.confirm).toHaveBeenCalledTimes(1);
    expect(actions.disconnect).toHaveBeenCalledTimes(1);
  });

  it('the Recotap address sits under Advanced; a changed address is saved with the key on Connect', async () => {
    const actions = setup();
    const advanced = screen.getByText(/^Advanced: Recotap address/).closest('details')!;
    expect(advanced.open).toBe(false);
    await userEvent.click(screen.getByText(/^Advanced: Recotap address/));
    await userEvent.click(screen.getByRole('radio', { name: /^Sandbox/ }));
    await userEvent.type(screen.getByLabelText('API key'), 'k{Enter}');
    expect(actions.connect).toHaveBeenCalledWith('k', { choice: 'sandbox', customUrl: '' }, true);
  });

  it('a locked address is never saved by Connect', async () => {
    const actions = setup({}, { settings: { ...SETTINGS, locked: ['apiBase'] } });
    expect((screen.getByRole('radio', { name: /^Sandbox/ }) as HTMLInputElement).disabled).toBe(true);
    await userEvent.type(screen.getByLabelText('API key'), 'k{Enter}');
    expect(actions.connect).toHaveBeenCalledWith('k', { choice: 'production', customUrl: '' }, false);
  });

  it('before any connection the sync status does not claim "Up to date"', () => {
    setup();
    const sync = screen.getByRole('heading', { name: 'Sync and local data' }).closest('section')!;
    expect(sync.textContent).toContain('Not connected to Recotap yet');
    expect(sync.textContent).not.toContain('Up to date');
  });

  it('lists the keyboard shortcuts', () => {
    setup();
    const keys = screen.getByRole('heading', { name: 'Keyboard shortcuts' }).closest('section')!;
    expect(keys.textContent).toContain('Alt+Shift+L');
    expect(keys.textContent).toContain('Alt+Shift+O');
  });

  it('a custom base URL must be https before it can be saved', async () => {
    const actions = setup();
    await userEvent.click(screen.getByRole('radio', { name: 'Custom' }));
    await userEvent.type(screen.getByLabelText('Custom Recotap address'), 'http://api.example.com/api/v1');
    expect(screen.getByText('The API URL must start with https://')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Save address' }) as HTMLButtonElement).disabled).toBe(true);
    await userEvent.clear(screen.getByLabelText('Custom Recotap address'));
    await userEvent.type(screen.getByLabelText('Custom Recotap address'), 'https://api.example.com/api/v1');
    await userEvent.click(screen.getByRole('button', { name: 'Save address' }));
    expect(actions.saveApiBase).toHaveBeenCalledWith({ choice: 'custom', customUrl: 'https://api.example.com/api/v1' });
  });

  it('validates the rep e-mail before saving', async () => {
    const actions = setup();
    await userEvent.type(screen.getByLabelText('E-mail (required to log activities)'), 'not-an-email');
    await userEvent.click(screen.getByRole('button', { name: 'Save e-mail' }));
    expect(screen.getByRole('alert').textContent).toBe(emailProblem('not-an-email'));
    expect(actions.saveRepEmail).not.toHaveBeenCalled();
    await userEvent.clear(screen.getByLabelText('E-mail (required to log activities)'));
    await userEvent.type(screen.getByLabelText('E-mail (required to log activities)'), 'jane@acme.com');
    await userEvent.click(screen.getByRole('button', { name: 'Save e-mail' }));
    expect(actions.saveRepEmail).toHaveBeenCalledWith('jane@acme.com');
  });

  it('Save e-mail confirms, and onboarding ends with the All set card (focused) linking to the supported sites', async () => {
    const connected: StatusView = { ...STATUS, configured: true, keyHint: 'a1b2' };
    const actions = setup({}, { status: connected });
    expect(screen.queryByRole('heading', { name: 'All set' })).toBeNull();
    await userEvent.type(screen.getByLabelText('E-mail (required to log activities)'), 'jane@acme.com{Enter}');
    expect(actions.saveRepEmail).toHaveBeenCalledWith('jane@acme.com');
    expect(await screen.findByText('Saved. Calls and e-mails you log are recorded under jane@acme.com.')).toBeTruthy();
    // the container re-reads settings after the save
    const sites = [{ id: 'hubspot', label: 'HubSpot' }, { id: 'linkedin', label: 'LinkedIn' }];
    view.rerender(<OptionsView model={{ settings: { ...SETTINGS, repEmail: 'jane@acme.com' }, status: connected, sites, storageBytes: null }} actions={actions} />);
    const heading = await screen.findByRole('heading', { name: 'All set' });
    expect(document.activeElement).toBe(heading);
    const card = heading.closest('section')!;
    expect(within(card).getByRole('link', { name: 'HubSpot' }).getAttribute('href')).toBe('https://app.hubspot.com/');
    expect(within(card).getByRole('link', { name: 'LinkedIn' }).getAttribute('href')).toBe('https://www.linkedin.com/');
    expect(card.textContent).toContain('Alt+Shift+L');
    expect(screen.queryByRole('list', { name: 'Getting started' })).toBeNull();
  });

  it('a page opened after setup shows neither the steps nor All set', () => {
    setup({}, { settings: { ...SETTINGS, repEmail: 'jane@acme.com' }, status: { ...STATUS, configured: true } });
    expect(screen.queryByRole('list', { name: 'Getting started' })).toBeNull();
    expect(screen.queryByRole('heading', { name: 'All set' })).toBeNull();
  });

  it('clear local data asks for confirmation first', async () => {
    const confirm = vi.fn(() => false);
    const actions = setup({ confirm });
    await userEvent.click(screen.getByRole('button', { name: 'Clear local data' }));
    expect(confirm).toHaveBeenCalledTimes(1);
    expect(actions.clearLocalData).not.toHaveBeenCalled();
    confirm.mockReturnValue(true);
    await userEvent.click(screen.getByRole('button', { name: 'Clear local data' }));
    expect(actions.clearLocalData).toHaveBeenCalledTimes(1);
    expect(await screen.findByText('Local data cleared.')).toBeTruthy();
  });
});

describe('OptionsView sites and policy', () => {
  it('LinkedIn defaults to the side panel and explains why; toggles save per site', async () => {
    const actions = setup();
    expect((screen.getByLabelText('Where to show the account on LinkedIn') as HTMLSelectElement).value).toBe('side-panel');
    expect((screen.getByLabelText('Where to show the account on HubSpot') as HTMLSelectElement).value).toBe('in-page');
    expect(screen.getByText(/LinkedIn's terms restrict extensions that change its pages/)).toBeTruthy();
    await userEvent.click(screen.getByLabelText('Use Recotap Lens on HubSpot'));
    expect(actions.saveSitePref).toHaveBeenCalledWith('hubspot', { enabled: false });
  });

  it('the LinkedIn in-page panel is an opt-in, off by default, next to LinkedIn\'s terms and a reload note', async () => {
    const actions = setup();
    const toggle = screen.getByLabelText('Show the panel on LinkedIn pages') as HTMLInputElement;
    expect(toggle.checked).toBe(false);
    const link = screen.getByRole('link', { name: 'User Agreement' });
    expect(link.getAttribute('href')).toBe('https://www.linkedin.com/legal/user-agreement');
    expect(screen.getByText(/section 8\.2\) does not allow browser extensions or plug-ins that change LinkedIn's pages/)).toBeTruthy();
    expect(screen.getByText('LinkedIn tabs that are already open change after you reload them.')).toBeTruthy();
    await userEvent.click(toggle);
    expect(actions.saveSitePref).toHaveBeenCalledWith('linkedin', { surface: 'in-page' });
  });

  it('shows the opt-in as on once saved, and turning it off saves the side panel', async () => {
    const actions = setup({}, { settings: { ...SETTINGS, sitePrefs: { linkedin: { surface: 'in-page' } } } });
    const toggle = screen.getByLabelText('Show the panel on LinkedIn pages') as HTMLInputElement;
    expect(toggle.checked).toBe(true);
    expect((screen.getByLabelText('Where to show the account on LinkedIn') as HTMLSelectElement).value).toBe('in-page');
    await userEvent.click(toggle);
    expect(actions.saveSitePref).toHaveBeenCalledWith('linkedin', { surface: 'side-panel' });
  });

  it('says so when the background could not add the panel to LinkedIn', async () => {
    await linkedinInPageStateItem.setValue({ active: false, error: 'Could not add the panel to LinkedIn pages (no access).' });
    setup({}, { settings: { ...SETTINGS, sitePrefs: { linkedin: { surface: 'in-page' } } } });
    expect((await screen.findByRole('alert')).textContent).toBe('Could not add the panel to LinkedIn pages (no access).');
    await linkedinInPageStateItem.removeValue();
  });

  it('the LinkedIn opt-in is off and disabled when IT leaves LinkedIn out', () => {
    setup({}, { settings: { ...SETTINGS, locked: ['sites'], managedSites: ['hubspot'], sitePrefs: { linkedin: { surface: 'in-page' } } } });
    const toggle = screen.getByLabelText('Show the panel on LinkedIn pages') as HTMLInputElement;
    expect(toggle.checked).toBe(false);
    expect(toggle.disabled).toBe(true);
  });

  it('values locked by IT are disabled and say so', () => {
    setup({}, { settings: { ...SETTINGS, locked: ['apiBase', 'sites'], managedSites: ['hubspot'] } });
    expect(screen.getAllByText('Set by your IT admin')).toHaveLength(2);
    expect((screen.getByRole('radio', { name: 'Custom' }) as HTMLInputElement).disabled).toBe(true);
    expect((screen.getByLabelText('Use Recotap Lens on HubSpot') as HTMLInputElement).disabled).toBe(true);
    expect((screen.getByLabelText('Use Recotap Lens on LinkedIn') as HTMLInputElement).checked).toBe(false);
  });

  it('explains each permission', () => {
    setup();
    for (const p of ['storage', 'unlimitedStorage', 'alarms', 'contextMenus', 'sidePanel', 'scripting']) expect(screen.getByText(p)).toBeTruthy();
    expect(screen.getByText(/Used only if you turn on "Show the panel on LinkedIn pages"/)).toBeTruthy();
    expect(screen.getByText('Optional: other https sites')).toBeTruthy();
  });

  it('lists the sites turned off (by the panel\'s × or here) with "Show again"', async () => {
    const actions = setup({}, { settings: { ...SETTINGS, sitePrefs: { hubspot: { enabled: false } } } });
    await userEvent.click(screen.getByRole('button', { name: 'Show again on HubSpot' }));
    expect(actions.saveSitePref).toHaveBeenCalledWith('hubspot', { enabled: true });
    expect(screen.queryByRole('button', { name: 'Show again on LinkedIn' })).toBeNull();
  });

  it('no "Show again" list when every site is on, or when IT chose the sites', () => {
    setup({}, { settings: { ...SETTINGS, managedSites: ['linkedin'], locked: ['sites'] } });
    expect(screen.queryByRole('button', { name: /Show again/ })).toBeNull();
  });
});

describe('OptionsView: Open in Recotap address', () => {
  const box = () => screen.getByRole('textbox', { name: 'Account page address in Recotap' });
  const save = () => userEvent.click(screen.getByRole('button', { name: 'Save account link' }));

  it('saves an https address with {rtpAid} and shows the link it makes', async () => {
    setup();
    await userEvent.type(box(), 'https://app.example.com/accounts/{{rtpAid}');
    await save();
    expect(await screen.findByText(/Saved\. Open in Recotap now links each account, e\.g\. https:\/\/app\.example\.com\/accounts\/64f1c0ffee0000000000abcd/)).toBeTruthy();
    expect(await accountUrlTemplateItem.getValue()).toBe('https://app.example.com/accounts/{rtpAid}');
  });

  it('refuses http, a non-address and an address without the account placeholder, saving nothing', async () => {
    setup();
    for (const [typed, why] of [
      ['http://app.example.com/accounts/{{rtpAid}', 'The address must start with https://.'],
      ['app example accounts', 'Enter a full web address, e.g. https://app.example.com/accounts/{rtpAid}.'],
      ['https://app.example.com/accounts/', 'Put {rtpAid} (the Recotap account id) or {domain} where the account goes in the address.'],
    ] as const) {
      await userEvent.clear(box());
      await userEvent.type(box(), typed);
      await save();
      expect(screen.getByRole('alert').textContent).toBe(why);
    }
    expect(await accountUrlTemplateItem.getValue()).toBe('');
  });

  it('shows IT\'s address read-only when a managed policy sets it', async () => {
    vi.spyOn(fakeBrowser.storage.managed, 'get').mockResolvedValue({ accountUrlTemplate: 'https://crm.example.com/a/{rtpAid}' });
    try {
      setup();
      await waitFor(() => expect((box() as HTMLInputElement).value).toBe('https://crm.example.com/a/{rtpAid}'));
      expect(box().hasAttribute('readonly')).toBe(true);
      expect(screen.getAllByText('Set by your IT admin').length).toBeGreaterThan(0);
      expect(screen.queryByRole('button', { name: 'Save account link' })).toBeNull();
    } finally {
      vi.restoreAllMocks();
    }
  });
});
