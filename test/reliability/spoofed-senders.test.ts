// @vitest-environment node
/**
 * Spoofed senders, for every message of the protocol: another extension, a sender without a tab,
 * a tab on an unsupported site, and a content script asking for key/connection/wipe messages are
 * all rejected before any handler body runs (no API request, no storage change).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CONTENT_SCRIPT_MESSAGES, SenderRejectedError, type MessageSenderLike } from '../../utils/background/sender';
import type { RequestName } from '../../utils/messaging';
import { getApiKey, setApiKey } from '../../utils/recotap/credentials';
import { startEmulator, type RunningEmulator } from '../emulator/index.ts';
import { writeSummary } from './summary';
import { EXT, HUBSPOT_URL, createSystem, type System } from './system';

let emu: RunningEmulator;
let sys: System;
beforeAll(async () => {
  emu = await startEmulator({ seed: 'demo' });
});
const tally: { sender: string; rejected: number }[] = [];
afterAll(async () => {
  await emu.close();
  writeSummary('spoofed-senders', { spoofs: tally.length, rejections: tally.reduce((n, t) => n + t.rejected, 0), tally });
});
beforeEach(async () => {
  fakeBrowser.reset();
  await setApiKey(emu.apiKey);
  sys = await createSystem({ baseUrl: emu.url });
  emu.resetLog();
});

const EVIL = 'https://evil.example/crm';
/** Written out here, not read from sender.ts, so widening CONTENT_SCRIPT_MESSAGES fails this test. */
const EXTENSION_PAGES_ONLY: RequestName[] = ['saveApiKey', 'testConnection', 'clearLocalData', 'syncNow', 'lookupQuery', 'getTabResult', 'dismissTabQuery', 'listMovers', 'markMoversVisited', 'listTopMovers', 'unwatchAccount', 'showInSidePanel', 'listSuggestions'];
const SPOOFS: { name: string; sender: MessageSenderLike | undefined; allowed: (m: RequestName) => boolean }[] = [
  { name: 'no sender', sender: undefined, allowed: () => false },
  { name: 'another extension', sender: { id: 'abcdefghijklmnopabcdefghijklmnop', url: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/x.html' }, allowed: () => false },
  { name: 'another extension claiming our page URL', sender: { id: 'other', url: `chrome-extension://${EXT}/options.html` }, allowed: () => false },
  { name: 'a web page (our id, no tab)', sender: { id: EXT, url: EVIL, origin: 'https://evil.example' }, allowed: () => false },
  { name: 'a tab on an unsupported site', sender: { id: EXT, url: EVIL, tab: { id: 3, url: EVIL } }, allowed: () => false },
  // a real content script on a supported CRM: only the page-facing messages
  { name: 'a content script on HubSpot', sender: { id: EXT, url: HUBSPOT_URL, tab: { id: 4, url: HUBSPOT_URL } }, allowed: (m) => !EXTENSION_PAGES_ONLY.includes(m) },
  // a CRM page framing our web-accessible panel page itself: no registered secret, no voice
  {
    name: "a page's own panel-frame.html",
    sender: { id: EXT, url: `chrome-extension://${EXT}/panel-frame.html#${'f'.repeat(32)}`, tab: { id: 4, url: HUBSPOT_URL } },
    allowed: () => false,
  },
];

const PAYLOADS: { [N in RequestName]: unknown } = {
  lookupContext: { site: 'hubspot', url: HUBSPOT_URL, websites: ['https://acmerobotics.com'] },
  lookupQuery: { query: 'acmerobotics.com' },
  searchAccounts: { query: 'acme', limit: 5 },
  pinAccount: { context: { site: 'hubspot', url: HUBSPOT_URL, recordId: '1' }, rtpAid: 'x' },
  unpinAccount: { context: { site: 'hubspot', url: HUBSPOT_URL, recordId: '1' } },
  markSeen: { rtpAid: 'x' },
  addAccount: { domain: 'evil-added.example', name: 'Evil' },
  listSegments: {},
  getStatus: {},
  syncNow: { full: true },
  testConnection: { apiKey: 'x', baseUrl: 'https://evil.example/api/v1' },
  saveApiKey: { apiKey: 'attacker-key' },
  clearLocalData: {},
  logActivity: {},
  undoActivity: { id: 'x' },
  retryActivity: { id: 'x' },
  listActivities: {},
  setRepEmail: { email: 'attacker@evil.example' },
  getTabResult: {},
  openOptions: {},
  dismissTabQuery: { tabId: 1 },
  registerPanelFrame: { secret: 'a'.repeat(32) },
  listMovers: {},
  markMoversVisited: {},
  listTopMovers: { segmentId: 'x', days: 7 },
  unwatchAccount: { rtpAid: 'x' },
  showInSidePanel: { tabId: 1, query: 'acmerobotics.com' },
  listSuggestions: { limit: 5 },
};

describe('spoofed senders', () => {
  it.each(SPOOFS)('$name is rejected for every message it may not send, before any effect', async ({ name: who, sender, allowed }) => {
    const names = Object.keys(PAYLOADS) as RequestName[];
    expect(names.sort()).toEqual(Object.keys(sys.handlers).sort());
    expect(EXTENSION_PAGES_ONLY.filter((n) => CONTENT_SCRIPT_MESSAGES.has(n))).toEqual([]);
    let rejected = 0;
    for (const name of names.filter((n) => !allowed(n))) {
      const handler = sys.handlers[name] as (d: unknown, s?: MessageSenderLike) => Promise<unknown>;
      await expect(handler(PAYLOADS[name], sender), name).rejects.toThrow(SenderRejectedError);
      rejected++;
    }
    expect(emu.requestLog).toEqual([]);
    expect(await getApiKey()).toBe(emu.apiKey);
    tally.push({ sender: who, rejected });
  });
});

describe('the panel iframe (Chrome)', () => {
  const SECRET = '0123456789abcdef0123456789abcdef';
  const crm = { id: EXT, url: HUBSPOT_URL, tab: { id: 4, url: HUBSPOT_URL } };
  const frame = (secret: string, tabId = 4): MessageSenderLike => ({
    id: EXT, url: `chrome-extension://${EXT}/panel-frame.html#${secret}`, tab: { id: tabId, url: HUBSPOT_URL },
  });
  const lookup = { site: 'hubspot', url: HUBSPOT_URL, websites: ['https://acmerobotics.com'] };

  it("speaks for its tab only with the secret that tab's content script registered, and only page messages", async () => {
    await expect(sys.handlers.lookupContext(lookup, frame(SECRET))).rejects.toThrow(SenderRejectedError); // nothing registered yet
    expect(await sys.handlers.registerPanelFrame({ secret: SECRET }, crm)).toEqual({ ok: true });

    const found = await sys.handlers.lookupContext(lookup, frame(SECRET));
    expect(found.state).toBe('found');
    await expect(sys.handlers.lookupContext(lookup, frame('f'.repeat(32)))).rejects.toThrow(SenderRejectedError);
    await expect(sys.handlers.lookupContext(lookup, frame(SECRET, 5))).rejects.toThrow(SenderRejectedError); // another tab
    await expect(sys.handlers.lookupContext(lookup, { ...frame(SECRET), tab: undefined })).rejects.toThrow(SenderRejectedError);
    for (const name of [...EXTENSION_PAGES_ONLY, 'registerPanelFrame'] as RequestName[]) {
      const handler = sys.handlers[name] as (d: unknown, s?: MessageSenderLike) => Promise<unknown>;
      await expect(handler(PAYLOADS[name], frame(SECRET)), name).rejects.toThrow(SenderRejectedError);
    }
    expect(await getApiKey()).toBe(emu.apiKey);
  });

  it('a new registration for the tab replaces the last, and an extension page cannot register', async () => {
    await sys.handlers.registerPanelFrame({ secret: SECRET }, crm);
    await sys.handlers.registerPanelFrame({ secret: 'b'.repeat(32) }, crm);
    await expect(sys.handlers.getStatus({}, frame(SECRET))).rejects.toThrow(SenderRejectedError);
    expect((await sys.handlers.getStatus({}, frame('b'.repeat(32)))).configured).toBe(true);
    const page = { id: EXT, url: `chrome-extension://${EXT}/sidepanel.html` };
    expect(await sys.handlers.registerPanelFrame({ secret: SECRET }, page)).toMatchObject({ ok: false });
    expect(await sys.handlers.registerPanelFrame({ secret: 'not hex' }, crm)).toMatchObject({ ok: false });
  });
});
