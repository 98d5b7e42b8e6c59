// @vitest-environment jsdom
// axe-core on the popup and options views ('color-contrast' off in jsdom; see theme-contrast.test.ts).
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { OptionsView } from '@/components/options/OptionsView';
import { PopupView } from '@/components/popup/PopupView';
import type { EffectiveSettings } from '@/utils/settings';
import { found } from './fixtures';

afterEach(cleanup);
beforeAll(() => {
  HTMLCanvasElement.prototype.getContext = (() => null) as typeof HTMLCanvasElement.prototype.getContext;
});

async function serious(container: HTMLElement) {
  const res = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
  return res.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
}

const SETTINGS: EffectiveSettings = {
  apiBase: { choice: 'custom', customUrl: 'https://api.example.com/api/v1' },
  baseUrl: 'https://api.example.com/api/v1',
  repEmail: 'rep@example.com',
  sync: { enabled: true, intervalMinutes: 60 },
  cache: { ttlMinutes: 15, negativeTtlMinutes: 10 },
  sitePrefs: {},
  managedSites: null,
  extraCrmHosts: [],
  theme: 'dark',
  locked: ['sites'],
};

describe('views have no serious or critical axe violations', () => {
  it('popup with type-ahead results and the current tab', async () => {
    const { container } = render(
      <PopupView
        theme="dark"
        status={null}
        current={found()}
        debounceMs={0}
        actions={{
          search: async () => [{ rtpAid: 'a1', name: 'Acme', domain: 'acme.com', score: 72, band: 'hot', stage: 'Aware' }],
          lookup: async () => found(),
          add: async () => found(),
          listSegments: async () => ({ segments: [] }),
          openOptions: () => undefined,
        }}
      />,
    );
    await userEvent.keyboard('ac');
    await screen.findByRole('option');
    expect(await serious(container)).toEqual([]);
  });

  it('options page', async () => {
    const noop = async () => undefined;
    const ok = async () => ({ ok: true as const });
    const { container } = render(
      <OptionsView
        model={{ settings: SETTINGS, status: null, sites: [{ id: 'hubspot', label: 'HubSpot' }], storageBytes: null }}
        actions={{
          connect: async () => ({ ok: true, accountCount: 1, hasMore: false }),
          disconnect: ok,
          saveApiBase: async () => null,
          saveRepEmail: noop,
          saveSync: noop,
          syncNow: ok,
          clearLocalData: ok,
          saveSitePref: noop,
          saveTheme: noop,
          confirm: () => true,
        }}
      />,
    );
    expect(await serious(container)).toEqual([]);
  });
});
