/**
 * The runtime with a record-data adapter (Dynamics): the API layer comes first, the DOM is the
 * fallback on a failure, one request per record for the tab's life, and a page still showing the
 * previous record never adds its values to the API's read of the new one.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { watchRecords, type ContextMeta, type WatchWindow } from '../../../../utils/sites/runtime';
import dynamics from '../../../../utils/sites/adapters/dynamics';
import { cases } from '../../../fixtures/sites/dynamics/cases';
import { FIXTURES } from '../harness';
import type { PageContext } from '../../../../utils/view-models';

const noWebsite = cases.find((c) => c.file === 'account-no-website.html')!;
const withWebsite = cases.find((c) => c.file === 'account.html')!;

function fakeWindow(href: string) {
  const navigation = new EventTarget();
  return {
    location: { href },
    document,
    navigation,
    addEventListener: () => undefined,
    go(url: string) {
      this.location.href = url;
      navigation.dispatchEvent(new Event('currententrychange'));
    },
  } satisfies WatchWindow & { go(url: string): void };
}
function show(file: string): void {
  const parsed = new DOMParser().parseFromString(readFileSync(join(FIXTURES, 'dynamics', file), 'utf8'), 'text/html');
  document.body.replaceChildren(...Array.from(parsed.body.childNodes).map((n) => document.importNode(n, true)));
}
function api(respond: (url: string) => Response | Promise<Response>) {
  const calls: string[] = [];
  const f = (async (input: RequestInfo | URL) => {
    calls.push(String(input));
    return respond(String(input));
  }) as typeof fetch;
  return { f, calls };
}
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

let ctl: AbortController;
beforeEach(() => {
  ctl = new AbortController();
  document.body.replaceChildren();
});
afterEach(() => ctl.abort());

function start(win: WatchWindow, recordFetch: typeof fetch) {
  const out: { ctx: PageContext | null; meta: ContextMeta }[] = [];
  watchRecords({ adapters: [dynamics], window: win, signal: ctl.signal, recordFetch, onContext: (ctx, meta) => meta.status !== 'reading' && out.push({ ctx, meta }), batchMs: 20, timeoutMs: 2000, settleMs: 300 });
  return out;
}

describe('record data (Dynamics Web API) in the runtime', () => {
  it('reads the website only the API has, as the first layer, with one request', async () => {
    show('account-no-website.html');
    const { f, calls } = api(() => json({ name: 'Globex Analytics', websiteurl: 'https://www.globex-analytics.io', emailaddress1: null }));
    const out = start(fakeWindow(noWebsite.url), f);
    await vi.waitFor(() => expect(out).toHaveLength(1));
    expect(out[0]!.ctx).toMatchObject({ websites: ['https://www.globex-analytics.io'], companyName: 'Globex Analytics', read: { status: 'read', guard: 'record-data', via: { websites: 'api' } } });
    expect(calls).toEqual([`https://contoso.crm4.dynamics.com/api/data/v9.2/accounts(${noWebsite.expect.recordId})?$select=name,websiteurl,emailaddress1`]);
  });

  it('falls back to the DOM layers on a 403', async () => {
    show('account.html');
    const { f, calls } = api(() => json({ error: { message: 'no read privilege' } }, 403));
    const out = start(fakeWindow(withWebsite.url), f);
    await vi.waitFor(() => expect(out).toHaveLength(1));
    expect(out[0]!.ctx).toMatchObject({ websites: ['https://www.contoso-pharma.com'], read: { via: { websites: 'hooks' } } });
    expect(calls).toHaveLength(1);
  });

  it('asks once per record for the tab’s life, and never mixes the previous record’s DOM into the next one', async () => {
    show('account.html'); // Contoso's form stays on screen while the URL moves on
    const bodies: Record<string, unknown> = {
      [withWebsite.expect.recordId!]: { name: 'Contoso Pharma', websiteurl: 'https://www.contoso-pharma.com', emailaddress1: null },
      [noWebsite.expect.recordId!]: { name: 'Globex Analytics', websiteurl: 'globex-analytics.io', emailaddress1: null },
    };
    const { f, calls } = api((url) => json(bodies[/\(([^)]+)\)/.exec(url)![1]!]));
    const win = fakeWindow(withWebsite.url);
    const out = start(win, f);
    await vi.waitFor(() => expect(out).toHaveLength(1));
    win.go(noWebsite.url);
    await vi.waitFor(() => expect(out).toHaveLength(2));
    expect(out[1]!.ctx).toMatchObject({ recordId: noWebsite.expect.recordId, websites: ['globex-analytics.io'], companyName: 'Globex Analytics' });
    expect(out[1]!.ctx!.read!.layers.map((l) => l.layer)).toEqual(['api']); // the stale form was not read
    win.go(withWebsite.url);
    await vi.waitFor(() => expect(out).toHaveLength(3));
    expect(out[2]!.ctx?.companyName).toBe('Contoso Pharma');
    expect(calls).toHaveLength(2);
  });
});
