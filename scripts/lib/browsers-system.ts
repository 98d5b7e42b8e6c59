/**
 * The real side of the browser locator (browsers.ts): this machine's file system, `--version`,
 * Playwright's managed Chromium and Playwright's installer. `findChromium()` / `findFirefox()` are
 * what the demo, the e2e launcher, the Firefox smoke test and the benchmarks call.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { chromium } from '@playwright/test';
import { locateChromium, locateFirefox, mayFetchChromium, type BrowserSystem, type FoundBrowser } from './browsers.ts';
import { notFoundMessage } from './browsers-message.ts';

/** No usable browser: `message` is the whole explanation (print it, no stack trace). */
export class BrowserNotFoundError extends Error {
  override name = 'BrowserNotFoundError';
  constructor(message: string) {
    super(message);
    // the message is the whole story: wherever it surfaces (Playwright's globalSetup, tsx), no stack frames
    this.stack = `${this.name}: ${message}`;
  }
}

function versionOf(file: string): string | null {
  try {
    const out =
      process.platform === 'win32'
        ? // chrome.exe and firefox.exe print nothing for --version on Windows: read the file's version resource
          execFileSync('powershell.exe', ['-NoProfile', '-Command', `$v = (Get-Item -LiteralPath '${file.replace(/'/g, "''")}').VersionInfo; "$($v.ProductName) $($v.ProductVersion)"`], {
            encoding: 'utf8', timeout: 20_000, stdio: ['ignore', 'pipe', 'ignore'],
          })
        : execFileSync(file, ['--version'], { encoding: 'utf8', timeout: 20_000, stdio: ['ignore', 'pipe', 'ignore'] });
    return out.trim().split('\n')[0]?.trim() || null;
  } catch {
    return null;
  }
}

/** This machine, as the locator sees it. */
export function realSystem(): BrowserSystem {
  let linuxDistro: string | undefined;
  if (process.platform === 'linux') {
    try {
      const release = readFileSync('/etc/os-release', 'utf8');
      linuxDistro = ['ID', 'ID_LIKE'].map((k) => new RegExp(`^${k}="?([^"\\n]*)"?`, 'm').exec(release)?.[1] ?? '').join(' ').trim();
    } catch {
      linuxDistro = undefined;
    }
  }
  return {
    platform: process.platform,
    env: process.env,
    exists: (file) => {
      try {
        return statSync(file).isFile();
      } catch {
        return false;
      }
    },
    versionOf,
    homedir: os.homedir(),
    playwrightExecutable: () => {
      try {
        return chromium.executablePath();
      } catch {
        return null;
      }
    },
    ...(linuxDistro ? { linuxDistro } : {}),
  };
}

/** Runs `playwright install chromium` (progress on the terminal); true if it succeeded. */
function fetchPlaywrightChromium(): { ok: boolean; note: string } {
  console.log("No usable Chromium on this machine: fetching Playwright's Chromium (npx playwright install chromium)…");
  const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
  const r = spawnSync(process.execPath, [cli, 'install', 'chromium'], { stdio: 'inherit' });
  return r.status === 0 ? { ok: true, note: 'done' } : { ok: false, note: `failed (exit ${r.status ?? r.signal}; its output is above)` };
}

function whyNoFetch(sys: BrowserSystem): string {
  const env = sys.env;
  if (env.CI && env.CI !== '0' && env.CI !== 'false') return 'skipped (CI)';
  if (env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD && env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD !== '0') return 'skipped (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD is set)';
  if (env.RECOTAP_FETCH_BROWSER !== undefined) return `skipped (RECOTAP_FETCH_BROWSER=${env.RECOTAP_FETCH_BROWSER})`;
  return 'skipped (not a terminal; RECOTAP_FETCH_BROWSER=1 allows it)';
}

let chromiumFound: FoundBrowser | null = null;
let firefoxFound: FoundBrowser | null = null;

/**
 * The Chromium to drive (memoised). When none is found and the user allows it (a terminal, or
 * RECOTAP_FETCH_BROWSER=1; never in CI), fetches Playwright's Chromium first. Throws
 * {@link BrowserNotFoundError} with the explanation otherwise.
 */
export function findChromium(sys: BrowserSystem = realSystem()): FoundBrowser {
  if (chromiumFound) return chromiumFound;
  let located = locateChromium(sys);
  let fetchNote: string | undefined;
  if (!located.ok && !sys.env.CHROMIUM_PATH) {
    if (mayFetchChromium(sys.env, Boolean(process.stdin.isTTY && process.stdout.isTTY))) {
      const fetched = fetchPlaywrightChromium();
      fetchNote = fetched.note;
      if (fetched.ok) located = locateChromium(sys);
    } else {
      fetchNote = whyNoFetch(sys);
    }
  }
  if (!located.ok) throw new BrowserNotFoundError(notFoundMessage('chromium', sys, located.tried, fetchNote));
  chromiumFound = located.browser;
  return chromiumFound;
}

/** The Firefox to drive (memoised); throws {@link BrowserNotFoundError} with the explanation. */
export function findFirefox(sys: BrowserSystem = realSystem()): FoundBrowser {
  if (firefoxFound) return firefoxFound;
  const located = locateFirefox(sys);
  if (!located.ok) throw new BrowserNotFoundError(notFoundMessage('firefox', sys, located.tried));
  firefoxFound = located.browser;
  return firefoxFound;
}
