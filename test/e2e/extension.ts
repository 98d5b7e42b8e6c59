/**
 * Driving the loaded extension: configuring it (API key, rep email) and reading what it shows.
 */
import type { BrowserContext, Frame, Locator, Page, Worker } from '@playwright/test';
import { DEMO_API_KEY, DEMO_REP } from '../emulator/index.ts';

export interface ExtensionConfig {
  apiKey: string;
  repEmail: string;
}

export interface ExtensionHandles {
  context: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
}

/** How configureExtension gets the settings in: the real options page (default) or a storage write. */
export type ConfigureVia = 'options-page' | 'storage';

/**
 * Configures the extension against the emulator (production base URL, which the world maps), by
 * default through the options page UI, as a rep would: paste the key, Connect, enter the e-mail, Save.
 */
export async function configureExtension(
  h: ExtensionHandles,
  config: Partial<ExtensionConfig> = {},
  via: ConfigureVia = 'options-page',
): Promise<void> {
  const apiKey = config.apiKey ?? DEMO_API_KEY;
  const repEmail = config.repEmail ?? DEMO_REP.email;
  if (via === 'storage') return writeSettings(h.serviceWorker, { apiKey, repEmail });
  const page = await h.context.newPage();
  try {
    await page.goto(`chrome-extension://${h.extensionId}/options.html`);
    const connect = optionsSection(page, 'Connect to Recotap');
    await connect.getByLabel('API key').fill(apiKey);
    await connect.getByRole('button', { name: 'Connect', exact: true }).click();
    await connect.getByText(/^Connected: your team has/).waitFor();
    const rep = optionsSection(page, 'Your work e-mail');
    await rep.getByLabel(/E-mail/).fill(repEmail);
    await rep.getByRole('button', { name: 'Save e-mail' }).click();
    await page.waitForFunction(
      async (email) => (await chrome.storage.local.get('repEmail')).repEmail === email,
      repEmail,
      { polling: 100, timeout: 10_000 },
    );
  } finally {
    await page.close();
  }
}

/**
 * Writes the settings straight into storage from the service worker (no UI): the key into the
 * extension origin's IndexedDB, where utils/recotap/credentials.ts keeps it, the rest into
 * chrome.storage.local (WXT stores 'local:x' as 'x', checked in @wxt-dev/storage). The worker reads
 * the key once and keeps it: write before its first lookup, or restart it (stopServiceWorker).
 */
export async function writeSettings(sw: Worker, config: ExtensionConfig): Promise<void> {
  await sw.evaluate(async ({ apiKey, repEmail }) => {
    await chrome.storage.local.set({ repEmail, apiBase: { choice: 'production', customUrl: '' } });
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('recotap-lens-secrets', 1);
      req.onupgradeneeded = () => req.result.createObjectStore('secrets');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const tx = db.transaction('secrets', 'readwrite');
    tx.objectStore('secrets').put(apiKey, 'apiKey');
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, config);
}

/**
 * The key as stored at rest (the secrets database), read from the service worker or an extension
 * page (same origin, same IndexedDB); null when none.
 */
export async function readStoredKey(from: Worker | Page): Promise<string | null> {
  return (from as Page).evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('recotap-lens-secrets', 1);
      req.onupgradeneeded = () => req.result.createObjectStore('secrets');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const value = await new Promise<unknown>((resolve, reject) => {
      const req = db.transaction('secrets').objectStore('secrets').get('apiKey');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    db.close();
    return typeof value === 'string' ? value : null;
  });
}

/** A section of the options page, by its heading. */
export function optionsSection(page: Page, heading: string): Locator {
  return page.locator('section').filter({ has: page.getByRole('heading', { name: heading }) });
}

/** What a panel shows for an account (texts as displayed). */
export interface ShownAccount {
  name: string;
  /** the score badge, e.g. "87 · Hot" or "Not scored yet" */
  score: string;
  /** the current journey stage, or "No journey stage yet" */
  stage: string;
  /** the panel's one-sentence live summary (covers every state, e.g. errors) */
  summary: string;
}

const PANEL = 'aside[aria-label="Recotap Lens account panel"]';

/** The account panel of an extension page (popup, side panel): no frame to wait for. */
export function pagePanelLocator(page: Page): Locator {
  return page.locator(PANEL);
}

/**
 * The in-page panel's iframe on a CRM page (Chrome renders the panel in panel-frame.html). Its host
 * element's shadow root is closed, so locators cannot reach it: the frame is found among the page's
 * frames, waiting up to `timeoutMs` for crm.js to add it.
 */
export async function panelFrame(page: Page, timeoutMs = 15_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = page.frames().find((f) => f.url().includes('/panel-frame.html'));
    if (frame) return frame;
    if (Date.now() > deadline) throw new Error(`no panel iframe in ${page.url()} after ${timeoutMs} ms`);
    await page.waitForTimeout(50);
  }
}

/**
 * The account panel in a page: an extension page's (side panel, popup), the opt-in shadow-root
 * panel on LinkedIn, or the panel iframe's on a CRM page (panelFrame).
 */
export async function panelLocator(page: Page, timeoutMs = 15_000): Promise<Locator> {
  const url = page.url();
  if (url.startsWith('chrome-extension://') || /^https:\/\/[^/]*linkedin\.com\//.test(url)) return page.locator(PANEL);
  return (await panelFrame(page, timeoutMs)).locator(PANEL);
}

/** Waits until the panel left its loading state, then reads it (null: no panel within the timeout). */
export async function readPanel(page: Page, timeoutMs = 15_000): Promise<ShownAccount | null> {
  let panel: Locator;
  try {
    panel = await panelLocator(page, timeoutMs);
  } catch {
    return null;
  }
  // the panel's own live summary (other live regions, e.g. the activity toast, live deeper inside)
  const summary = panel.locator(':scope > p[aria-live="polite"]').first();
  try {
    await summary.filter({ hasNotText: 'Looking up' }).waitFor({ timeout: timeoutMs });
  } catch {
    return null;
  }
  const text = async (l: Locator) => ((await l.count()) > 0 ? ((await l.first().textContent()) ?? '').trim() : '');
  return {
    name: await text(panel.locator('.rl-title')),
    score: await text(panel.locator('[data-section="score"] .rl-badge')),
    stage: await text(panel.locator('.rl-stepper-now')),
    summary: await text(summary),
  };
}
