// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { OptionsView } from '@/components/options/OptionsView';
import { emailProblem, type OptionsActions, type OptionsModel } from '@/components/options/options-types';
import { linkedinInPageStateItem, type EffectiveSettings } from '@/utils/settings';
import type { StatusView } from '@/utils/view-models';

afterEach(cleanup);

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

function setup(over: Partial<OptionsActions> = {}, model: Partial<OptionsModel> = {}) {
  const actions: OptionsActions = {
    testConnection: vi.fn(async () => ({ ok: true as const, accountCount: 1234, hasMore: false })),
    saveApiKey: vi.fn(async () => ({ ok: true as const })),
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
  render(<OptionsView model={{ settings: SETTINGS, status: STATUS, sites, storageBytes: 2 * 1024 * 1024, ...model }} actions={actions} />);
  return actions;
}

describe('OptionsView onboarding', () => {
  it('shows the exact 401 message from testConnection', async () => {
    const actions = setup({
      testConnection: vi.fn(async () => ({
        ok: false as const,
        error: { kind: 'unauthorized' as const, message: 'Recotap rejected the API key (401 Unauthorized). Check the key and try again.', retryable: false },
      })),
    });
    expect(screen.getByRole('list', { name: 'Getting started' })).toBeTruthy();
    await userEvent.type(screen.getByLabelText('API key'), 'bad-key');
    await userEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    expect(actions.testConnection).toHaveBeenCalledWith('bad-key', { choice: 'production', customUrl: '' });
    expect(await screen.findByText('Recotap rejected the API key (401 Unauthorized). Check the key and try again.')).toBeTruthy();
  });

  it('a good key shows the account count, and Save sends the key only through saveApiKey', async () => {
    const actions = setup();
    await userEvent.type(screen.getByLabelText('API key'), ' good-key ');
    await userEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    expect(await screen.findByText('Connected: your team has 1,234 accounts in Recotap.')).toBeTruthy();
    // a team larger than one page: the page size is a floor, and the rep is told the sync counts the rest
    vi.mocked(actions.testConnection).mockResolvedValueOnce({ ok: true, accountCount: 100, hasMore: true });
    await userEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    expect(await screen.findByText('Connected: your team has more than 100 accounts in Recotap; the first sync counts them all.')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(actions.saveApiKey).toHaveBeenCalledWith('good-key');
    expect(await screen.findByText('API key saved. Recotap Lens is connected.')).toBeTruthy();
    expect((screen.getByLabelText('API key') as HTMLInputElement).value).toBe('');
  });

  it('a custom base URL must be https before it can be saved', async () => {
    const actions = setup();
    await userEvent.click(screen.getByRole('radio', { name: 'Custom' }));
    await userEvent.type(screen.getByLabelText('Custom API URL'), 'http://api.example.com/api/v1');
    expect(screen.getByText('The API URL must start with https://')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Save API address' }) as HTMLButtonElement).disabled).toBe(true);
    await userEvent.clear(screen.getByLabelText('Custom API URL'));
    await userEvent.type(screen.getByLabelText('Custom API URL'), 'https://api.example.com/api/v1');
    await userEvent.click(screen.getByRole('button', { name: 'Save API address' }));
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
});
