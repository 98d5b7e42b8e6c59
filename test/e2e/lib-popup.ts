/**
 * Helpers for popup.spec.ts: talking to the background from an extension page with the real
 * message format, reading the toolbar badge, and driving the service worker's own event listeners.
 */
import { expect, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { DEMO_API_KEY } from '../emulator/index.ts';
import type { World } from './world.ts';

/**
 * Sends one request of utils/messaging.ts from an extension page, in @webext-core/messaging's
 * wire format ({ id, type, data, timestamp } → { res } | { err }), as the views do.
 */
export async function askBackground<T>(page: Page, type: string, data: unknown = {}): Promise<T> {
  const reply = await page.evaluate(
    ({ type, data }) => chrome.runtime.sendMessage({ id: 1, type, data, timestamp: Date.now() }) as Promise<{ res?: unknown; err?: unknown }>,
    { type, data },
  );
  if (reply?.err !== undefined) throw new Error(`${type} failed: ${JSON.stringify(reply.err)}`);
  return reply.res as T;
}

interface SyncView {
  phase: string;
  lastSuccessAt: string | null;
  cachedAccounts: number;
}

/** Waits (getStatus, from a throwaway extension page) until a sync finished with `count` accounts cached. */
export async function waitForSync(context: BrowserContext, extensionId: string, count: number): Promise<void> {
  const page = await context.newPage();
  try {
    await page.goto(`chrome-extension://${extensionId}/popup.html`);
    await expect
      .poll(async () => {
        const { sync } = await askBackground<{ sync: SyncView }>(page, 'getStatus');
        return sync.phase === 'idle' && sync.lastSuccessAt !== null ? sync.cachedAccounts : -1;
      }, { timeout: 30_000 })
      .toBe(count);
  } finally {
    await page.close();
  }
}

/** Opens popup.html in a tab (Playwright cannot open the real action popup). */
export async function openPopup(context: BrowserContext, extensionId: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  return page;
}

/** The browser's id of `page`'s tab: brought to front, it is the active tab of the last focused window. */
export async function tabIdOf(sw: Worker, page: Page): Promise<number> {
  await page.bringToFront();
  const ids = await sw.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true })).map((t) => t.id));
  expect(ids).toHaveLength(1);
  return ids[0]!;
}

export interface BadgeState {
  text: string;
  /** background colour as #RRGGBB (upper case) */
  color: string;
  title: string;
}

/** What the toolbar icon shows for a tab, read from the extension's own action API. */
export async function readBadge(sw: Worker, tabId: number): Promise<BadgeState> {
  const [text, rgba, title] = await sw.evaluate(
    async (tabId) =>
      Promise.all([
        chrome.action.getBadgeText({ tabId }),
        chrome.action.getBadgeBackgroundColor({ tabId }),
        chrome.action.getTitle({ tabId }),
      ]),
    tabId,
  );
  const color = `#${rgba.slice(0, 3).map((n) => n.toString(16).padStart(2, '0')).join('')}`.toUpperCase();
  return { text, color, title };
}

/**
 * Fires the worker's real `contextMenus.onClicked` listeners (Chromium's JS event bindings expose
 * `dispatch`), with the tab as Chrome would pass it. There is no user gesture, so the handler's
 * sidePanel.open() is refused; the query is still recorded for the tab.
 */
export async function clickLookupMenu(sw: Worker, tabId: number, info: { selectionText?: string; linkUrl?: string }): Promise<void> {
  await sw.evaluate(
    async ({ tabId, info }) => {
      const tab = await chrome.tabs.get(tabId);
      const event = chrome.contextMenus.onClicked as unknown as { dispatch(...args: unknown[]): void };
      event.dispatch({ menuItemId: 'recotap-lookup', editable: false, pageUrl: '', ...info }, tab);
    },
    { tabId, info },
  );
}

/** Fires the worker's real `commands.onCommand` listeners, as a keyboard shortcut would. */
export async function runCommand(sw: Worker, command: string, tabId: number): Promise<void> {
  await sw.evaluate(
    async ({ command, tabId }) => {
      const tab = await chrome.tabs.get(tabId);
      (chrome.commands.onCommand as unknown as { dispatch(...args: unknown[]): void }).dispatch(command, tab);
    },
    { command, tabId },
  );
}

/** Sends a push of utils/messaging.ts to a tab's content script from the worker (wire format as above). */
export async function pushToTab(sw: Worker, tabId: number, type: string, data?: unknown): Promise<void> {
  await sw.evaluate(
    ({ tabId, type, data }) => chrome.tabs.sendMessage(tabId, { id: 1, type, data, timestamp: Date.now() }),
    { tabId, type, data },
  );
}

/** Adds an account to Recotap through the emulator's real POST /accounts; returns its rtp_aid. */
export async function addAccountViaApi(world: World, account: { name: string; domain: string }): Promise<string> {
  const response = await world.emulator.app.fetch(
    new Request('https://eapi.recotap.com/api/v1/accounts', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': DEMO_API_KEY },
      body: JSON.stringify({ accounts: [account] }),
    }),
  );
  const body = (await response.json()) as { data: { results: { status: string; rtp_aid?: string }[] } };
  const [result] = body.data.results;
  if (result?.status !== 'created' || !result.rtp_aid) throw new Error(`emulator did not create ${account.domain}: ${JSON.stringify(body)}`);
  return result.rtp_aid;
}

/** The `domains` lists the extension sent as GET /accounts?domains=[…] (flattened). */
export function domainLookups(world: World): string[] {
  return world.emulator.controls.requestLog
    .filter((r) => r.method === 'GET' && r.path === '/api/v1/accounts')
    .map((r) => new URLSearchParams(r.search).get('domains'))
    .filter((d): d is string => d !== null)
    .flatMap((d) => JSON.parse(d) as string[]);
}
