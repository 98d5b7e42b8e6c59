/**
 * Launching firefox-esr (or another Firefox ≥ 140, see scripts/lib/browsers.ts) over WebDriver BiDi (puppeteer-core, toolchain.md §4.4) with the
 * production Firefox build installed as a temporary add-on, on the world server's host names
 * (through the CONNECT proxy). Shared by the smoke test and `npm run demo -- --firefox`.
 */
import path from 'node:path';
import puppeteer, { type Browser, type Frame, type Page } from 'puppeteer-core';
import { findFirefox } from '../../scripts/lib/browsers-system.ts';
import type { World } from '../e2e/world.ts';
import { startConnectProxy, type ConnectProxy } from './connect-proxy.ts';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const FIREFOX_BUILD = path.join(ROOT, '.output/firefox-mv2');
export const ADDON_ID = 'lens@recotap.com';
/** fixed moz-extension:// host, via the extensions.webextensions.uuids pref */
export const ADDON_UUID = 'a3c1f0de-7b2e-4c55-9d1a-5e0f4b6c2d10';

export interface LaunchedFirefox {
  browser: Browser;
  proxy: ConnectProxy;
  /** the id installExtension returned ('' without the add-on) */
  addonId: string;
  close(): Promise<void>;
}

/** Starts the proxy and Firefox, and installs the build. */
export async function launchFirefox(
  world: World,
  opts: {
    headless?: boolean;
    handleSignals?: boolean;
    /** the add-on to install (default FIREFOX_BUILD); null: none, a baseline browser */
    extensionPath?: string | null;
    /** more Firefox preferences (the benchmarks turn off timer coarsening) */
    prefs?: Record<string, unknown>;
    /** more environment variables for Firefox (the benchmark's Gecko profiler: MOZ_PROFILER_*) */
    env?: Record<string, string>;
    /** a Firefox binary other than the one findFirefox() picks (the bench's minimum-version run) */
    executablePath?: string;
  } = {},
): Promise<LaunchedFirefox> {
  // FIREFOX_PATH, else firefox-esr / firefox from the system (throws BrowserNotFoundError with the explanation)
  const executablePath = opts.executablePath ?? findFirefox().path;
  const proxy = await startConnectProxy(world.port, world.handles);
  let browser: Browser | null = null;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      protocol: 'webDriverBiDi',
      executablePath,
      headless: opts.headless ?? true,
      ...(opts.handleSignals === false ? { handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false } : {}),
      acceptInsecureCerts: true, // the world server's certificate is self-signed
      args: ['--remote-allow-system-access'], // lets a tab open moz-extension:// pages
      ...(opts.env ? { env: { ...process.env, ...opts.env } } : {}),
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: ADDON_UUID }),
        'network.proxy.type': 1,
        'network.proxy.ssl': '127.0.0.1',
        'network.proxy.ssl_port': proxy.port,
        'network.proxy.no_proxies_on': '',
        ...opts.prefs,
      },
    });
    const extensionPath = opts.extensionPath === undefined ? FIREFOX_BUILD : opts.extensionPath;
    const addonId = extensionPath ? await browser.installExtension(extensionPath) : '';
    const b = browser;
    return {
      browser: b,
      proxy,
      addonId,
      close: async () => {
        await b.close().catch(() => undefined);
        await proxy.close();
      },
    };
  } catch (e) {
    await browser?.close().catch(() => undefined);
    await proxy.close();
    throw e;
  }
}

/**
 * Polls `fn(arg)` in a page or frame until it returns something truthy; resolves with that value,
 * or null after `timeoutMs`. The Firefox harness waits with this rather than puppeteer's
 * waitForFunction / waitForSelector: on firefox-esr 140 (the add-on's strict_min_version) those
 * reject at once with "Waiting failed" in moz-extension:// documents, where evaluate works.
 */
export async function pollIn<A, T>(target: Page | Frame, fn: (arg: A) => T, arg: A, timeoutMs: number): Promise<NonNullable<Awaited<T>> | null> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = (await target.evaluate(fn as (arg: unknown) => unknown, arg).catch(() => null)) as Awaited<T> | null;
    if (value) return value as NonNullable<Awaited<T>>;
    if (Date.now() > end) return null;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** An element's box in the window's coordinates (as puppeteer's boundingBox), or null. */
export interface WindowBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The box of `selector` in `frame` (the page's main frame or a child frame), in the top window's
 * coordinates: the element's client rect plus the frame viewport's offset, read from Gecko's
 * mozInnerScreenX/Y in both documents. Puppeteer's boundingBox and click find a child frame's offset
 * with browsingContext.locateNodes({ type: 'context' }), which firefox-esr 140 rejects.
 */
export async function boxInWindow(page: Page, frame: Frame, selector: string): Promise<WindowBox | null> {
  type Screen = { mozInnerScreenX: number; mozInnerScreenY: number };
  const origin = () => [(window as unknown as Screen).mozInnerScreenX, (window as unknown as Screen).mozInnerScreenY];
  const [top, inner] = await Promise.all([page.evaluate(origin), frame.evaluate(origin)]);
  const rect = await frame.evaluate((sel: string) => {
    const r = document.querySelector(sel)?.getBoundingClientRect();
    return r ? { x: r.x, y: r.y, width: r.width, height: r.height } : null;
  }, selector);
  if (!rect || top.some((v) => typeof v !== 'number') || inner.some((v) => typeof v !== 'number')) return null;
  return { x: rect.x + inner[0]! - top[0]!, y: rect.y + inner[1]! - top[1]!, width: rect.width, height: rect.height };
}

/**
 * boxInWindow once two reads 100 ms apart agree, or the last read after `timeoutMs`: when the panel
 * changes size, crm.js moves and resizes its iframe a moment later, and a read in between combines
 * the frame's old place with the panel's new box.
 */
export async function settledBoxInWindow(page: Page, frame: Frame, selector: string, timeoutMs = 3_000): Promise<WindowBox | null> {
  const same = (a: WindowBox | null, b: WindowBox | null) =>
    !!a && !!b && Math.abs(a.x - b.x) < 0.5 && Math.abs(a.y - b.y) < 0.5 && Math.abs(a.width - b.width) < 0.5 && Math.abs(a.height - b.height) < 0.5;
  const end = Date.now() + timeoutMs;
  let last = await boxInWindow(page, frame, selector);
  while (Date.now() < end) {
    await new Promise((r) => setTimeout(r, 100));
    const next = await boxInWindow(page, frame, selector);
    if (same(last, next)) return next;
    last = next;
  }
  return last;
}

/** A real mouse click at the centre of `selector` in `frame` (see boxInWindow); false when it is not there. */
export async function clickInWindow(page: Page, frame: Frame, selector: string): Promise<boolean> {
  const box = await boxInWindow(page, frame, selector);
  if (!box) return false;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  return true;
}

/**
 * page.setViewport for Firefox: puppeteer sends emulation.setScreenOrientationOverride beside
 * browsingContext.setViewport, and firefox-esr 140 does not know the former (the viewport is still
 * set); that one error is tolerated, then the new width is waited for.
 */
export async function setFirefoxViewport(page: Page, width: number, height: number): Promise<void> {
  await page.setViewport({ width, height }).catch((e: unknown) => {
    if (!String(e).includes('setScreenOrientationOverride')) throw e;
  });
  await pollIn(page, (w: number) => innerWidth === w, width, 5_000);
}

/** moz-extension:// navigations never report their load over BiDi (§4.4): fire, then wait on content. */
export async function openExtensionPage(page: Page, file: string): Promise<void> {
  await page.goto(`moz-extension://${ADDON_UUID}/${file}`, { timeout: 1500 }).catch(() => undefined);
  const ready = await pollIn(page, () => typeof (globalThis as { browser?: { runtime?: { id?: string } } }).browser?.runtime?.id === 'string', null, 15_000);
  if (!ready) throw new Error(`${file} did not load as an add-on page within 15 s`);
}

/**
 * Writes the settings from one of the add-on's pages: the key into the extension origin's IndexedDB
 * (where utils/recotap/credentials.ts keeps it; the MV2 background page shares it), the rest into
 * storage.local (WXT 'local:x' → 'x').
 */
export async function writeFirefoxSettings(page: Page, settings: { apiKey: string; repEmail: string }): Promise<void> {
  await page.evaluate(async (cfg: { apiKey: string; repEmail: string; apiBase: unknown }) => {
    const ext = (globalThis as unknown as { browser: { storage: { local: { set(v: unknown): Promise<void> } } } }).browser;
    await ext.storage.local.set({ repEmail: cfg.repEmail, apiBase: cfg.apiBase });
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('recotap-lens-secrets', 1);
      req.onupgradeneeded = () => req.result.createObjectStore('secrets');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const tx = db.transaction('secrets', 'readwrite');
    tx.objectStore('secrets').put(cfg.apiKey, 'apiKey');
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, { ...settings, apiBase: { choice: 'production', customUrl: '' } });
}

/**
 * The key at rest as an add-on page sees it: the secrets database's value, or 'LEAKED' when
 * storage.local (readable by content scripts) holds any copy; null when none is stored.
 */
export async function readFirefoxStoredKey(page: Page): Promise<string | null> {
  return page.evaluate(async () => {
    const ext = (globalThis as unknown as { browser: { storage: { local: { get(k: null): Promise<Record<string, unknown>> } } } }).browser;
    if ('apiKey' in (await ext.storage.local.get(null))) return 'LEAKED into storage.local';
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

/** The document URL of crm.js's panel iframe, before its `#<secret>`. */
export const PANEL_FRAME_URL = `moz-extension://${ADDON_UUID}/panel-frame.html#`;

/**
 * Where a page's in-page panel lives: on CRM pages crm.js's panel iframe (an extension page in a
 * closed shadow root), elsewhere (LinkedIn's opt-in) the page itself, with the panel in the open
 * shadow root of <recotap-lens-panel>.
 */
export interface PanelScope {
  frame: Frame;
  framed: boolean;
}

/**
 * The panel iframe of `page`, found by its document's URL (over BiDi a moz-extension frame's
 * url() stays about:blank, so each child frame is asked), or the page's main frame when it has none.
 */
export async function panelScope(page: Page): Promise<PanelScope> {
  for (const frame of page.frames()) {
    if (frame === page.mainFrame()) continue;
    const href = await frame.evaluate(() => location.href).catch(() => '');
    if (href.startsWith(PANEL_FRAME_URL)) return { frame, framed: true };
  }
  return { frame: page.mainFrame(), framed: false };
}

/**
 * Polls `fn` in the panel's document until it returns something truthy; `fn` gets `framed` (true:
 * the panel is the frame's whole document; false: it is in the page's <recotap-lens-panel> shadow
 * root) and `arg`. Resolves with the value and where it was found, or null after the timeout.
 */
export async function waitInPanel<A, T>(
  page: Page,
  fn: (framed: boolean, arg: A) => T,
  arg: A,
  timeoutMs: number,
): Promise<{ value: NonNullable<Awaited<T>>; scope: PanelScope } | null> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const scope = await panelScope(page);
    const value = (await scope.frame.evaluate(fn as (framed: boolean, arg: unknown) => unknown, scope.framed, arg).catch(() => null)) as Awaited<T> | null;
    if (value) return { value: value as NonNullable<Awaited<T>>, scope };
    if (Date.now() > end) return null;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * The in-page panel's title, score and stage once it shows an account, and whether it is in the
 * panel iframe (null after the timeout).
 */
export async function readFirefoxPanel(page: Page, timeoutMs = 20_000): Promise<{ name: string; score: string; stage: string; framed: boolean } | null> {
  // no helper functions inside evaluated code: tsx's __name() wrappers do not exist in the page
  const found = await waitInPanel(
    page,
    (framed: boolean) => {
      const root = framed ? document : document.querySelector('recotap-lens-panel')?.shadowRoot;
      if (!root?.querySelector('[data-section="score"] .rl-badge')) return null;
      return ['.rl-title', '[data-section="score"] .rl-badge', '.rl-stepper-now'].map((sel) => root.querySelector(sel)?.textContent?.trim() ?? '');
    },
    null,
    timeoutMs,
  );
  if (!found) return null;
  const [name = '', score = '', stage = ''] = found.value;
  return { name, score, stage, framed: found.scope.framed };
}
