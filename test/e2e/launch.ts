/**
 * Launching Chromium (found by scripts/lib/browsers.ts: CHROMIUM_PATH, the system's, or Playwright's) with the unmodified production build (toolchain.md §3.2, §3.7),
 * shared by the Playwright fixture and the demo launcher.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Worker } from '@playwright/test';
import { findChromium } from '../../scripts/lib/browsers-system.ts';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const CHROME_BUILD = path.join(ROOT, '.output/chrome-mv3');
/** The Chromium to launch (memoised; throws BrowserNotFoundError with the explanation). */
export const chromiumPath = (): string => findChromium().path;

export interface LaunchOptions {
  /** the world server's --host-resolver-rules value */
  hostResolverRules: string;
  /** load the extension (false = a baseline browser without it) */
  withExtension?: boolean;
  extensionPath?: string;
  /** false = a visible window (demo with a display) */
  headless?: boolean;
  /** false = the caller handles SIGINT/SIGTERM itself (the demo's clean shutdown) */
  handleSignals?: boolean;
  /** an existing profile to reuse (default: a fresh one, deleted on close) */
  userDataDir?: string;
}

export interface LaunchedBrowser {
  context: BrowserContext;
  userDataDir: string;
  /** closes the browser and deletes its profile */
  close(): Promise<void>;
}

/**
 * A byte-identical copy of the build in a temp dir, so a `wxt build` running meanwhile (dev loop,
 * another terminal) cannot swap files under a browser that is starting. The id changes with the path.
 */
export function snapshotBuild(from = CHROME_BUILD): { path: string; remove(): void } {
  if (!existsSync(path.join(from, 'manifest.json'))) throw new Error(`No extension build at ${from}: run \`npx wxt build\` first.`);
  const dir = mkdtempSync(path.join(tmpdir(), 'lens-build-'));
  cpSync(from, dir, { recursive: true });
  return { path: dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Chromium argv for a run against the world server. */
export function chromiumArgs(opts: LaunchOptions): string[] {
  const ext = opts.extensionPath ?? CHROME_BUILD;
  return [
    ...(opts.headless === false ? [] : ['--headless=new']),
    ...(opts.withExtension === false ? [] : [`--disable-extensions-except=${ext}`, `--load-extension=${ext}`]),
    // one argv entry, no shell quotes (toolchain.md §3.7)
    `--host-resolver-rules=${opts.hostResolverRules}`,
    '--ignore-certificate-errors',
    '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--no-first-run', '--disable-sync',
  ];
}

/** Launches Chromium with a fresh profile; the extension build must exist (`npx wxt build`). */
export async function launchChromium(opts: LaunchOptions): Promise<LaunchedBrowser> {
  const ext = opts.extensionPath ?? CHROME_BUILD;
  if (opts.withExtension !== false && !existsSync(path.join(ext, 'manifest.json'))) {
    throw new Error(`No extension build at ${ext}: run \`npx wxt build\` first.`);
  }
  const userDataDir = opts.userDataDir ?? mkdtempSync(path.join(tmpdir(), 'lens-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: false, // --headless=new is in the args when wanted
    ignoreHTTPSErrors: true,
    viewport: { width: 1280, height: 800 },
    args: chromiumArgs(opts),
    ...(opts.handleSignals === false ? { handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false } : {}),
  });
  return {
    context,
    userDataDir,
    close: async () => {
      await context.close().catch(() => undefined);
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Launches Chromium with optional API permissions of the extension already granted, as if the rep
 * had accepted `permissions.request` (e.g. 'notifications'). Playwright cannot click Chromium's
 * permission prompt (a native dialog, not a page) and no command-line switch accepts it, so: a
 * first launch installs the extension into a fresh profile, the browser is closed, the permissions
 * are added to the extension's granted and active sets in the profile's Preferences (the same
 * record `permissions.request` writes; Linux Chromium does not enforce the preference MACs), and
 * the browser starts again on that profile. The build under test is unchanged.
 */
export async function launchChromiumWithGrantedPermissions(opts: LaunchOptions, permissions: string[]): Promise<LaunchedBrowser> {
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'lens-e2e-'));
  const first = await launchChromium({ ...opts, userDataDir });
  let id: string;
  try {
    id = extensionIdOf(await extensionWorker(first.context));
  } finally {
    await first.context.close().catch(() => undefined);
  }
  const file = path.join(userDataDir, 'Default', 'Preferences');
  const prefs = JSON.parse(readFileSync(file, 'utf8')) as { extensions?: { settings?: Record<string, Record<string, { api?: string[] }>> } };
  const entry = prefs.extensions?.settings?.[id];
  if (!entry?.granted_permissions?.api || !entry.active_permissions?.api) throw new Error(`no permission record for ${id} in ${file}`);
  for (const set of [entry.granted_permissions, entry.active_permissions]) set.api = [...new Set([...set.api!, ...permissions])];
  writeFileSync(file, JSON.stringify(prefs));
  return launchChromium({ ...opts, userDataDir });
}

/** The extension's service worker (waits for it to start). */
export async function extensionWorker(context: BrowserContext): Promise<Worker> {
  const isOurs = (w: Worker) => w.url().startsWith('chrome-extension://');
  const running = context.serviceWorkers().find(isOurs);
  if (running) return running;
  return context.waitForEvent('serviceworker', { predicate: isOurs, timeout: 20_000 });
}

/** The extension id read from its service worker's URL. */
export function extensionIdOf(worker: Worker): string {
  return new URL(worker.url()).host;
}
