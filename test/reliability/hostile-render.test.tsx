// @vitest-environment jsdom
/**
 * Hostile text from the API, end to end: markup and script in a company name, domain, segment name
 * and custom fields go emulator → HTTP → client → sync/resolver → view model → AccountPanel, and
 * are shown as literal text: no element is created from them and no script runs.
 */
import { cleanup, render } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { AccountPanel } from '@/components/AccountPanel';
import { setApiKey } from '../../utils/recotap/credentials';
import type { LookupResult } from '../../utils/view-models';
import { startEmulator, type RunningEmulator } from '../emulator/index.ts';
import { recordingActions } from '../unit/components/fixtures';
import { writeSummary } from './summary';
import { contextFor, createSystem, hubspotTab, popup, type System } from './system';

declare global {
  interface Window {
    __pwned?: number;
  }
}

export const HOSTILE_STRINGS = [
  '<img src=x onerror="window.__pwned=1">Evil "Corp"</title><script>window.__pwned=2</script>',
  '<svg onload="window.__pwned=3"></svg>',
  '"><iframe srcdoc="<script>parent.__pwned=4</script>"></iframe>',
  'javascript:window.__pwned=5',
  '{{constructor.constructor("window.__pwned=6")()}}',
  '<a href="javascript:window.__pwned=7">click</a>&amp;&lt;b&gt;',
];
const [NAME, FIELD_A, FIELD_B, FIELD_C, SEGMENT_NAME, FIELD_D] = HOSTILE_STRINGS as [string, string, string, string, string, string];

let emu: RunningEmulator;
let sys: System;
beforeAll(async () => {
  emu = await startEmulator({ seed: 'demo' });
});
afterAll(() => emu.close());
afterEach(cleanup);
beforeEach(async () => {
  fakeBrowser.reset();
  delete window.__pwned;
  await setApiKey(emu.apiKey);
  sys = await createSystem({ baseUrl: emu.url });
});

function show(result: LookupResult) {
  return render(
    <AccountPanel
      result={result}
      context={{ site: 'hubspot', url: 'https://app.hubspot.com/x', recordId: '456', companyName: NAME, websites: [], emails: [], contacts: [] }}
      actions={recordingActions()}
      theme="light"
      now={new Date('2026-11-27T12:00:00Z')}
    />,
  );
}

const EVIL_DOMAIN = 'globex-analytics.io"><img src=x onerror="window.__pwned=8">';
const ELEMENTS = 'script, img, svg, iframe, a[href^="javascript"], [onerror], [onload]';

describe('hostile API data renders as inert text', () => {
  it('name, segment and custom fields from the API', async () => {
    const acme = emu.state.store.byDomain('acmerobotics.com')[0]!;
    const seg = emu.state.segments[0]!;
    emu.setAccount(acme.rtp_aid, {
      name: NAME,
      customFields: { INDUSTRY_C: FIELD_A, TIER_C: FIELD_B, ARR_C: FIELD_C, RENEWAL_DATE_C: FIELD_D },
      segmentIds: [seg.segmentId],
    });
    const segName = seg.name;
    seg.name = SEGMENT_NAME;
    const result = await sys.handlers.lookupContext(contextFor('acmerobotics.com'), hubspotTab);
    seg.name = segName;
    expect(result.state).toBe('found');
    if (result.state !== 'found') return;
    expect(result.account.name).toBe(NAME);

    const { container } = show(result);
    const text = container.textContent ?? '';
    for (const v of HOSTILE_STRINGS) expect(text).toContain(v);
    expect(container.querySelectorAll(ELEMENTS)).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 20)); // an injected onerror/onload would have fired by now
    expect(window.__pwned).toBeUndefined();
    writeSummary('hostile-api', { stringsTried: HOSTILE_STRINGS.length, shownLiterally: HOSTILE_STRINGS.length, elementsCreated: 0, pwned: window.__pwned ?? null });
  });

  it('a domain carrying markup is stored as data and never becomes an element', async () => {
    const target = emu.state.store.byDomain('globex-analytics.io')[0]!;
    emu.setAccount(target.rtp_aid, { domain: EVIL_DOMAIN });
    const status = await sys.sync.run({ full: true });
    // the sync survives the bad row; the rest of the accounts are cached
    expect(status).toMatchObject({ phase: 'idle', lastError: null });
    expect(status.cachedAccounts).toBeGreaterThan(50);
    const stored = await sys.store.getById(target.rtp_aid);
    expect(stored?.row.domain).toBe(EVIL_DOMAIN);
    const result = await sys.handlers.lookupQuery({ query: 'Globex Analytics' }, popup);
    expect(result).toMatchObject({ state: 'found', account: { domain: EVIL_DOMAIN } });
    const { container } = show(result);
    expect(container.textContent).toContain(EVIL_DOMAIN);
    expect(container.querySelectorAll(ELEMENTS)).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 20));
    expect(window.__pwned).toBeUndefined();
  });
});
