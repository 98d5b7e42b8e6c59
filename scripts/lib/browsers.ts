/**
 * Finding the browsers the demo, the e2e tests, the Firefox smoke test and the benchmarks drive.
 * `locateChromium` / `locateFirefox` are pure over an injected {@link BrowserSystem} (unit-tested
 * with fake Linux, macOS and Windows layouts); browsers-system.ts is the real wrapper (file system,
 * `--version`, Playwright's managed Chromium, Playwright's installer). Node-only: never imported by
 * the extension.
 */
import { chromiumPlaces, firefoxPlaces, type Candidate } from './browsers-places.ts';

/** Everything the locator may ask of the machine. */
export interface BrowserSystem {
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  exists(file: string): boolean;
  /** first line of `<file> --version` (on Windows: "<ProductName> <ProductVersion>"), null if it fails */
  versionOf(file: string): string | null;
  homedir: string;
  /** where Playwright's managed Chromium is (or would be) installed; null if Playwright is missing */
  playwrightExecutable(): string | null;
  /** Linux: ID and ID_LIKE of /etc/os-release, e.g. "debian" or "fedora rhel"; picks the install hint */
  linuxDistro?: string;
}

export type BrowserKind = 'chromium' | 'firefox';

/** One place looked at, and what was there. */
export interface Tried {
  path: string;
  /** where the candidate came from: "CHROMIUM_PATH", "PATH", "system", "Playwright" */
  source: string;
  /** null = usable */
  rejected: string | null;
  version: string | null;
}

export interface FoundBrowser {
  kind: BrowserKind;
  path: string;
  source: string;
  version: string | null;
}

export type Located = { ok: true; browser: FoundBrowser; tried: Tried[] } | { ok: false; tried: Tried[] };

/** Branded Chrome ignores --load-extension from this major version on. */
export const BRANDED_CHROME_CUTOFF = 137;
/** The add-on's strict_min_version (wxt.config.ts); puppeteer-core's BiDi installExtension needs ≥ 138 too. */
export const MIN_FIREFOX = 140;

/** Why a Chromium-family binary cannot run the unpacked extension, or null if it can. */
export function chromiumRejection(file: string, version: string | null): string | null {
  if (version !== null) {
    const branded = /^Google Chrome (\d+)/.exec(version.trim());
    if (branded) {
      const major = Number(branded[1]);
      return major >= BRANDED_CHROME_CUTOFF ? `branded Google Chrome ${major} ignores --load-extension (since ${BRANDED_CHROME_CUTOFF})` : null;
    }
    if (/\bsnap\b/i.test(version)) return 'a snap package: its private /tmp hides the extension build from it';
    if (/chrom/i.test(version)) return null;
    return `not Chromium ("${version.trim()}")`;
  }
  // no version output (Windows without PowerShell, a broken wrapper): judge by the install path
  if (file.startsWith('/snap/')) return 'a snap package: its private /tmp hides the extension build from it';
  if (/google[\\/ -]chrome(?![ -]for[ -]testing)/i.test(file)) return `looks like branded Google Chrome (no version output); Chrome ≥ ${BRANDED_CHROME_CUTOFF} ignores --load-extension`;
  return null;
}

/** Why a Firefox binary cannot be driven (puppeteer-core over BiDi), or null if it can. */
export function firefoxRejection(version: string | null): string | null {
  if (version === null) return null; // exists, version unknown: let puppeteer try
  const m = /Firefox\D*(\d+)/i.exec(version);
  if (!m) return `not Firefox ("${version.trim()}")`;
  const major = Number(m[1]);
  return major < MIN_FIREFOX ? `Firefox ${major} is older than ${MIN_FIREFOX} (the add-on's minimum; puppeteer-core needs a BiDi Firefox)` : null;
}

function dedupe(cands: Candidate[]): Candidate[] {
  const seen = new Set<string>();
  return cands.filter((c) => (seen.has(c.path) ? false : (seen.add(c.path), true)));
}

function walk(sys: BrowserSystem, kind: BrowserKind, cands: Candidate[], reject: (c: Candidate, v: string | null) => string | null, tried: Tried[]): Located {
  for (const c of dedupe(cands)) {
    if (tried.some((t) => t.path === c.path)) continue;
    if (!sys.exists(c.path)) {
      tried.push({ ...c, rejected: 'not found', version: null });
      continue;
    }
    const version = sys.versionOf(c.path);
    const rejected = reject(c, version);
    tried.push({ ...c, rejected, version });
    if (rejected === null) return { ok: true, browser: { kind, path: c.path, source: c.source, version }, tried };
  }
  return { ok: false, tried };
}

/**
 * A Chromium-family browser that loads an unpacked extension: CHROMIUM_PATH (authoritative: when
 * set, nothing else is tried), else the system's Chromium (or Chrome for Testing), else
 * Playwright's managed Chromium. Branded Chrome ≥ 137 is skipped, with the reason in `tried`.
 */
export function locateChromium(sys: BrowserSystem): Located {
  const tried: Tried[] = [];
  const reject = (c: Candidate, v: string | null) => chromiumRejection(c.path, v);
  const explicit = sys.env.CHROMIUM_PATH;
  if (explicit) return walk(sys, 'chromium', [{ path: explicit, source: 'CHROMIUM_PATH' }], reject, tried);
  const pw = sys.playwrightExecutable();
  return walk(sys, 'chromium', [...chromiumPlaces(sys), ...(pw ? [{ path: pw, source: 'Playwright' }] : [])], reject, tried);
}

/** firefox-esr / firefox: FIREFOX_PATH (authoritative), else the system's, version ≥ {@link MIN_FIREFOX}. */
export function locateFirefox(sys: BrowserSystem): Located {
  const tried: Tried[] = [];
  const reject = (_c: Candidate, v: string | null) => firefoxRejection(v);
  const explicit = sys.env.FIREFOX_PATH;
  if (explicit) return walk(sys, 'firefox', [{ path: explicit, source: 'FIREFOX_PATH' }], reject, tried);
  return walk(sys, 'firefox', firefoxPlaces(sys), reject, tried);
}

/** Whether Playwright's installer may fetch Chromium: never in CI; RECOTAP_FETCH_BROWSER=1/0 decides, else only in a terminal. */
export function mayFetchChromium(env: BrowserSystem['env'], interactive: boolean): boolean {
  const truthy = (v: string | undefined) => v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
  if (truthy(env.CI) || truthy(env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD) || env.CHROMIUM_PATH) return false;
  if (env.RECOTAP_FETCH_BROWSER !== undefined) return truthy(env.RECOTAP_FETCH_BROWSER);
  return interactive;
}
