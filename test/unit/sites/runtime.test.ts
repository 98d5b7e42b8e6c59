/**
 * Runtime: SPA navigation, per-record aborts (a late DOM never yields a context for an old URL),
 * timeout, hidden-tab idleness, and error containment. Uses the real happy-dom document and
 * MutationObserver with a fake location + Navigation API target (jsdom/happy-dom have none).
 */
import { siteAdapters } from '@/utils/sites/registry';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { watchRecords, startSiteDetection, type ContextMeta, type WatchWindow } from '../../../utils/sites/runtime';
import sfl from '../../../utils/sites/adapters/salesforce-lightning';
import hubspot from '../../../utils/sites/adapters/hubspot';
import { cases as sfCases } from '../../fixtures/sites/salesforce-lightning/cases';
import { cases as hsCases } from '../../fixtures/sites/hubspot/cases';
import { FIXTURES, spaSwap } from './harness';
import type { PageContext } from '../../../utils/view-models';
import type { AnySiteAdapter } from '../../../utils/sites/types';

type Emitted = { ctx: PageContext | null; meta: ContextMeta };

function fakeWindow(href: string, withNavigation = true) {
  const events = new EventTarget();
  const navigation = withNavigation ? new EventTarget() : null;
  const win: WatchWindow & { go(url: string): void; back(url: string): void } = {
    location: { href },
    document,
    navigation,
    addEventListener: (type, listener, opts) => events.addEventListener(type, listener, opts),
    go(url) {
      this.location.href = url;
      navigation?.dispatchEvent(new Event('currententrychange'));
    },
    back(url) {
      this.location.href = url;
      events.dispatchEvent(new Event('popstate'));
    },
  };
  return win;
}

/** Replaces the live document's body with a fixture's body (templates included). */
function show(adapterId: string, file: string): void {
  const parsed = new DOMParser().parseFromString(readFileSync(join(FIXTURES, adapterId, file), 'utf8'), 'text/html');
  document.body.replaceChildren(...Array.from(parsed.body.childNodes).map((n) => document.importNode(n, true)));
}

let visibility: DocumentVisibilityState = 'visible';
let ctl: AbortController;
beforeEach(() => {
  visibility = 'visible';
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility });
  ctl = new AbortController();
  document.body.replaceChildren();
});
afterEach(() => {
  ctl.abort();
  vi.useRealTimers();
});

function start(win: WatchWindow, adapters: AnySiteAdapter[] = [sfl, hubspot], extra: Partial<Parameters<typeof watchRecords>[0]> = {}) {
  const out: Emitted[] = [];
  // 'reading' (the panel's skeleton) is checked on its own below; the rest follow what was read
  watchRecords({ adapters, window: win, signal: ctl.signal, onContext: (ctx, meta) => meta.status !== 'reading' && out.push({ ctx, meta }), batchMs: 20, timeoutMs: 2000, ...extra });
  return out;
}

const spa = sfCases.find((c) => c.file === 'spa.html')!;
const account = sfCases.find((c) => c.file === 'account.html')!;

describe('watchRecords', () => {
  it('reads the record already on screen, then follows SPA navigation once the new record renders', async () => {
    show('salesforce-lightning', 'spa.html');
    const win = fakeWindow(spa.url);
    const out = start(win);
    expect(out).toHaveLength(1);
    expect(out[0]!.ctx).toMatchObject(spa.expect);
    expect(out[0]!.meta.status).toBe('ready');

    win.go(spa.spaNext!.url); // URL changes first; the old record is still rendered
    await new Promise((r) => setTimeout(r, 80));
    expect(out).toHaveLength(1); // the stale DOM is not taken for the new URL
    spaSwap(document, 'b');
    await vi.waitFor(() => expect(out).toHaveLength(2));
    expect(out[1]!.ctx).toMatchObject({ ...spa.spaNext!.expect, url: spa.spaNext!.url });

    win.back(spa.url); // popstate back to the first record
    spaSwap(document, 'a');
    await vi.waitFor(() => expect(out).toHaveLength(3));
    expect(out[2]!.ctx?.companyName).toBe('Acme Robotics');
  });

  it('emits null for a non-record URL once, and ignores query churn on the same record', async () => {
    show('salesforce-lightning', 'account.html');
    const win = fakeWindow(account.url);
    const out = start(win);
    win.go(`${account.url}?tabset-1=2`);
    expect(out).toHaveLength(1);
    win.go('https://acme.lightning.force.com/lightning/o/Account/list');
    win.go('https://acme.lightning.force.com/lightning/page/home');
    expect(out.map((e) => e.ctx)).toEqual([expect.objectContaining({ companyName: 'Acme Robotics' }), null]);
    expect(out[1]!.meta.status).toBe('not-record');
  });

  it('never emits a late result for a URL the rep already left', async () => {
    const [a, b] = [hsCases.find((c) => c.file === 'company.html')!, hsCases.find((c) => c.file === 'contact.html')!];
    const win = fakeWindow(a.url);
    // slow record A: nothing rendered yet (B then waits the settle time: nothing was read before it)
    const out = start(win, undefined, { settleMs: 300 });
    win.go(b.url); // the rep moves on before A renders
    show('hubspot', 'company.html'); // A's DOM arrives late
    await new Promise((r) => setTimeout(r, 100));
    expect(out).toHaveLength(0);
    show('hubspot', 'contact.html');
    await vi.waitFor(() => expect(out).toHaveLength(1), { timeout: 4000 });
    expect(out[0]!.ctx).toMatchObject({ url: b.url, recordId: b.expect.recordId });
    expect(out.some((e) => e.ctx?.url === a.url)).toBe(false);
  });

  it('times out with a URL-only context and stops observing', async () => {
    const win = fakeWindow(account.url);
    const hooks = vi.fn(sfl.hooks);
    const out = start(win, [{ ...sfl, hooks }], { timeoutMs: 150 });
    await vi.waitFor(() => expect(out).toHaveLength(1));
    expect(out[0]!.meta.status).toBe('timeout');
    expect(out[0]!.ctx).toMatchObject({ site: 'salesforce-lightning', recordType: 'account', recordId: account.expect.recordId, websites: [], emails: [] });
    expect(out[0]!.ctx?.read?.status).toBe('unreadable'); // never a lookup that could say "not in Recotap"
    expect(out[0]!.ctx?.companyName).toBeUndefined();
    const calls = hooks.mock.calls.length;
    show('salesforce-lightning', 'account.html'); // too late: the observer is gone
    await new Promise((r) => setTimeout(r, 80));
    expect(hooks.mock.calls.length).toBe(calls);
    expect(out).toHaveLength(1);
  });

  it('does no work after the record is read: DOM churn triggers no further checks', async () => {
    show('salesforce-lightning', 'account.html');
    const hooks = vi.fn(sfl.hooks);
    const out = start(fakeWindow(account.url), [{ ...sfl, hooks }]);
    expect(out).toHaveLength(1);
    const calls = hooks.mock.calls.length;
    for (let i = 0; i < 5; i++) document.body.append(document.createElement('div'));
    await new Promise((r) => setTimeout(r, 80));
    expect(hooks.mock.calls.length).toBe(calls);
  });

  it('batches DOM checks: many mutations in a burst cause one check', async () => {
    const hooks = vi.fn(sfl.hooks);
    start(fakeWindow(account.url), [{ ...sfl, hooks }], { batchMs: 60 });
    const before = hooks.mock.calls.length;
    for (let i = 0; i < 50; i++) document.body.append(document.createElement('span'));
    await new Promise((r) => setTimeout(r, 150));
    expect(hooks.mock.calls.length - before).toBe(1);
  });

  it('contains adapter errors at the boundary: a broken hooks layer is reported, the other layers still read', async () => {
    show('salesforce-lightning', 'account.html');
    const onError = vi.fn();
    const broken = { ...sfl, hooks: () => { throw new Error('selector drift'); } };
    const out = start(fakeWindow(account.url), [broken], { onError, timeoutMs: 100 });
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'selector drift' }));
    await vi.waitFor(() => expect(out.map((e) => e.meta.status)).toEqual(['ready']));
    expect(out[0]!.ctx?.websites).toEqual(['https://www.acmerobotics.com']);
    expect(out[0]!.ctx?.read?.via.websites).toBe('labels');
  });

  it('shows a skeleton while reading: a record URL with nothing rendered yet says "reading" once, without signals', async () => {
    const seen: ContextMeta['status'][] = [];
    const ctxs: (PageContext | null)[] = [];
    watchRecords({ adapters: [sfl], window: fakeWindow(account.url), signal: ctl.signal, onContext: (c, m) => (seen.push(m.status), ctxs.push(c)), batchMs: 20, timeoutMs: 2000 });
    await vi.waitFor(() => expect(seen).toEqual(['reading']));
    expect(ctxs[0]).toMatchObject({ recordId: account.expect.recordId, websites: [], emails: [], read: { status: 'reading' } });
    show('salesforce-lightning', 'account.html');
    await vi.waitFor(() => expect(seen).toEqual(['reading', 'ready']));
    expect(ctxs[1]?.read).toMatchObject({ status: 'read', via: { websites: 'hooks' }, guard: 'fresh-load' });
  });

  it('stops everything when the content script’s signal aborts', async () => {
    const win = fakeWindow(account.url);
    const out = start(win);
    ctl.abort();
    show('salesforce-lightning', 'account.html');
    win.go(spa.spaNext!.url);
    await new Promise((r) => setTimeout(r, 80));
    expect(out).toHaveLength(0);
  });
});

describe('hidden tabs and the polling fallback', () => {
  it('without the Navigation API, polls only while visible', () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const setI = vi.spyOn(globalThis, 'setInterval');
    const clearI = vi.spyOn(globalThis, 'clearInterval');
    visibility = 'hidden';
    const win = fakeWindow('https://acme.lightning.force.com/lightning/page/home', false);
    // settleMs 0: a record reached by navigation from a page with no record read waits the settle time
    const out = start(win, undefined, { settleMs: 0 });
    expect(setI).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);

    visibility = 'visible';
    document.dispatchEvent(new Event('visibilitychange'));
    expect(setI).toHaveBeenCalledTimes(1);
    show('salesforce-lightning', 'account.html');
    win.location.href = account.url; // a pushState the content script cannot see
    vi.advanceTimersByTime(1000);
    expect(out.at(-1)?.ctx?.companyName).toBe('Acme Robotics');

    visibility = 'hidden';
    document.dispatchEvent(new Event('visibilitychange'));
    expect(clearI).toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('without the Navigation API, a nudge from the background reads the new record at once, not at the next poll', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const win = fakeWindow('https://acme.lightning.force.com/lightning/page/home', false);
    let nudge: (() => void) | undefined;
    const out = start(win, undefined, { settleMs: 0, listenForNudges: (check) => (nudge = check) });
    expect(nudge).toBeTypeOf('function');
    const before = out.length;
    nudge!(); // a nudge with no URL change (a page load's 'complete'): nothing happens
    await Promise.resolve();
    expect(out.length).toBe(before);

    show('salesforce-lightning', 'account.html');
    win.location.href = account.url; // a pushState the content script cannot see
    nudge!(); // the background saw the tab's URL change (tabs.onUpdated)
    await Promise.resolve();
    await Promise.resolve();
    expect(out.at(-1)?.ctx?.companyName).toBe('Acme Robotics');
    const after = out.length;
    vi.advanceTimersByTime(1000); // the poll then finds nothing new
    nudge!();
    await Promise.resolve();
    expect(out.length).toBe(after);
  });

  it('with the Navigation API, never polls', () => {
    const setI = vi.spyOn(globalThis, 'setInterval');
    start(fakeWindow(account.url, true));
    expect(setI).not.toHaveBeenCalled();
  });

  it('a record opened in a hidden tab waits, without timers, until it is shown', async () => {
    const setT = vi.spyOn(globalThis, 'setTimeout');
    visibility = 'hidden';
    show('salesforce-lightning', 'account.html');
    const out = start(fakeWindow(account.url));
    expect(out).toHaveLength(0);
    expect(setT).not.toHaveBeenCalled();
    visibility = 'visible';
    document.dispatchEvent(new Event('visibilitychange'));
    expect(out[0]?.ctx?.companyName).toBe('Acme Robotics');
  });
});

describe('startSiteDetection', () => {
  it('picks the adapters for the host and honours enabledSites', () => {
    show('salesforce-lightning', 'account.html');
    const seen: (PageContext | null)[] = [];
    expect(startSiteDetection({ adapters: siteAdapters, window: fakeWindow(account.url), signal: ctl.signal, onContext: (c) => seen.push(c) })).toBe(true);
    expect(seen[0]?.site).toBe('salesforce-lightning');
    expect(startSiteDetection({ adapters: siteAdapters, window: fakeWindow(account.url), signal: ctl.signal, onContext: () => {}, enabledSites: ['hubspot'] })).toBe(false);
    expect(startSiteDetection({ adapters: siteAdapters, window: fakeWindow('https://example.com/'), signal: ctl.signal, onContext: () => {} })).toBe(false);
  });
});
