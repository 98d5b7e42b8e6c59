// @vitest-environment node
// A found lookup carries the account's recent activities (one round trip per record for a panel):
// real background services, the real outbox on fake-indexeddb and the emulator over HTTP.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createActivityHandlers, createOutbox } from '../../../utils/activities';
import { createBackgroundServices } from '../../../utils/background/services';
import type { MessageSenderLike } from '../../../utils/background/sender';
import { RECENT_ACTIVITY_LIMIT } from '../../../utils/panel-limits';
import { DEMO_API_KEY, DEMO_REP } from '../../emulator/index.ts';
import { callDraft, freshDb } from '../activities/helpers';
import { popup, withBackgroundServices } from './services-fixture';

const EXT = 'test-extension-id';
const url = 'https://app.hubspot.com/contacts/123/record/0-2/456';
const tab: MessageSenderLike = { id: EXT, url, tab: { id: 7, url } };
const acme = { site: 'hubspot', url, recordId: '456', websites: ['https://www.acmerobotics.com'] };

let failList = false;
let listed: string[] = [];

const bg = withBackgroundServices({
  // a fresh outbox (and services over it) for every test
  fresh: true,
  build: async () => {
    failList = false;
    listed = [];
    const outbox = createOutbox({ db: await freshDb(), client: () => null, getOwnerEmail: async () => DEMO_REP.email });
    const handlers = createActivityHandlers({ outbox });
    return createBackgroundServices({
      // the in-page panel's content script (Firefox, LinkedIn opt-in) sends every page-facing message
      framedCrmPanel: false,
      pushUpdate: () => undefined,
      activityHandlers: {
        ...handlers,
        listActivities: async (data) => {
          listed.push((data as { domain?: string }).domain ?? '');
          if (failList) throw new Error('outbox unavailable');
          return handlers.listActivities(data);
        },
      },
    });
  },
  prepare: async (services) => {
    await services.handlers.saveApiKey({ apiKey: DEMO_API_KEY }, popup);
  },
});

describe('lookups carry recent activities', () => {
  it('a found account comes with its own activities (capped), and nothing from other accounts', async () => {
    const h = bg.services.handlers;
    for (let i = 0; i < RECENT_ACTIVITY_LIMIT + 2; i++) {
      const logged = await h.logActivity(callDraft(i), tab);
      expect(logged.ok).toBe(true);
    }
    await h.logActivity(callDraft(99, { domain: 'globex.com', accountName: 'Globex' }), tab);
    const r = await h.lookupContext(acme, tab);
    if (r.state !== 'found') throw new Error(`expected found, got ${r.state}`);
    expect(r.account.domain).toBe('acmerobotics.com');
    expect(r.activities).toHaveLength(RECENT_ACTIVITY_LIMIT);
    expect(new Set(r.activities!.map((a) => a.draft.domain))).toEqual(new Set(['acmerobotics.com']));
    // the same list the panel would have asked for
    expect(r.activities).toEqual(await h.listActivities({ domain: 'acmerobotics.com', limit: RECENT_ACTIVITY_LIMIT }, tab));
  });

  it('an account with nothing logged gets an empty list; other states get none', async () => {
    const h = bg.services.handlers;
    const found = await h.lookupContext(acme, tab);
    expect(found.state === 'found' && found.activities).toEqual([]);
    const missing = await h.lookupContext({ ...acme, recordId: '457', websites: ['https://not-in-recotap.example'] }, tab);
    expect(missing.state).toBe('not-found');
    expect('activities' in missing).toBe(false);
  });

  it("reads the page's domain's activities alongside the lookup, and the answer's own when that is another domain", async () => {
    const h = bg.services.handlers;
    await h.logActivity(callDraft(1), tab);
    listed = [];
    const r = await h.lookupContext(acme, tab);
    expect(r.state === 'found' && r.activities?.map((a) => a.draft.domain)).toEqual(['acmerobotics.com']);
    expect(listed).toEqual(['acmerobotics.com']); // one read, begun with the lookup
    // the page's first website is not in Recotap; its e-mail domain is: the early read is not used
    listed = [];
    const other = await h.lookupContext({ ...acme, recordId: '458', websites: ['https://not-in-recotap.example'], emails: ['jo@acmerobotics.com'] }, tab);
    if (other.state !== 'found') throw new Error(`expected found, got ${other.state}`);
    expect(other.account.domain).toBe('acmerobotics.com');
    expect(other.activities?.map((a) => a.draft.domain)).toEqual(['acmerobotics.com']);
    expect(listed).toEqual(['not-in-recotap.example', 'acmerobotics.com']);
  });

  it('a failing outbox never fails the lookup: the answer comes without the list (the panel asks itself)', async () => {
    failList = true;
    const r = await bg.services.handlers.lookupContext(acme, tab);
    expect(r.state).toBe('found');
    expect(r.state === 'found' && r.activities).toBeUndefined();
  });
});
