// @vitest-environment node
/**
 * Large inputs through the background: a ~5 MB page of GET /accounts (100 accounts × 50 KB of
 * custom-field text) syncs completely, and an account with 10,000 custom fields reaches the view
 * model intact (how many of them the panel renders is checked in large-render.test.tsx).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { setApiKey } from '../../utils/recotap/credentials';
import { startEmulator, type RunningEmulator } from '../emulator/index.ts';
import { writeSummary } from './summary';
import { contextFor, createSystem, hubspotTab, type System } from './system';

const BIG = 50_000;
const figures: Record<string, unknown> = {};
let emu: RunningEmulator;
let sys: System;

beforeAll(async () => {
  emu = await startEmulator({ seed: { synthetic: 150 } });
});
afterAll(async () => {
  await emu.close();
  writeSummary('large-inputs', figures);
});
beforeEach(async () => {
  fakeBrowser.reset();
  await setApiKey(emu.apiKey);
  // 100-row pages, a 5 s timeout: the 5 MB answer must arrive whole, not time out on a slow CI
  sys = await createSystem({ baseUrl: emu.url, pageSize: 100, timeoutMs: 5000 });
});

describe('large inputs', () => {
  it('syncs a ~5 MB page of 100 accounts with 50 KB custom fields each', async () => {
    const accounts = emu.state.store.all().slice(0, 100);
    accounts.forEach((a, i) => emu.setAccount(a.rtp_aid, { customFields: { INDUSTRY_C: `${i}:${'x'.repeat(BIG)}` } }));
    const res = await fetch(`${emu.url}/accounts?limit=100`, { headers: { 'X-Api-Key': emu.apiKey } });
    const bytes = (await res.arrayBuffer()).byteLength;
    expect(bytes).toBeGreaterThan(5_000_000);
    emu.resetLog();

    const status = await sys.sync.run({ full: true });
    expect(status).toMatchObject({ phase: 'idle', lastError: null, pages: 2, accounts: 150, cachedAccounts: 150 });
    // every big value stored whole, none truncated or mixed up
    for (const [i, a] of accounts.entries()) {
      const stored = await sys.store.getById(a.rtp_aid);
      expect(stored?.row.customFields?.INDUSTRY_C).toBe(`${i}:${'x'.repeat(BIG)}`);
    }
    const pageRequests = emu.requestLog.filter((e) => e.path.endsWith('/accounts'));
    expect(pageRequests.map((e) => e.status)).toEqual([200, 200]);
    const r = await sys.handlers.lookupContext(contextFor(accounts[3]!.domain), hubspotTab);
    expect(r.state === 'found' && r.account.customFields.find((f) => f.key === 'INDUSTRY_C')?.value.length).toBe(BIG + 2);
    figures.bigPage = { bytes, accounts: 150, pages: status.pages, requests: pageRequests.length };
  });

  it('carries an account with 10,000 custom fields to the view model', async () => {
    const target = emu.state.store.all()[120]!;
    const fields: Record<string, string> = {};
    const defs = emu.state.customFields; // the emulator lists only catalogued keys on rows
    for (let i = 0; i < 10_000; i++) {
      fields[`FIELD_${i}_C`] = `value ${i}`;
      defs.push({ key: `FIELD_${i}_C`, label: `Field ${i}`, labelType: 'singleLineText', description: null, options: [], objectType: 'accounts', status: 'active' });
    }
    emu.setAccount(target.rtp_aid, { customFields: fields });
    const r = await sys.handlers.lookupContext(contextFor(target.domain), hubspotTab);
    expect(r.state).toBe('found');
    if (r.state !== 'found') return;
    defs.splice(defs.length - 10_000);
    expect(r.account.customFields).toHaveLength(10_000);
    // labelled from the field catalogue when the resolver has it, else by key
    expect(r.account.customFields[9_999]).toMatchObject({ key: 'FIELD_9999_C', value: 'value 9999', label: expect.stringMatching(/^(Field 9999|FIELD_9999_C)$/) });
    figures.manyFields = { fields: r.account.customFields.length, messageBytes: JSON.stringify(r).length };
  });
});
