/**
 * Where the browser locator (browsers.ts) looks on each OS: PATH names and the usual install
 * locations on Linux, macOS and Windows. Order matters: the first usable candidate wins.
 */
import path from 'node:path';
import type { BrowserSystem } from './browsers.ts';

/** A path to look at, and where the idea came from ("PATH", "system", …). */
export interface Candidate {
  path: string;
  source: string;
}

const pathOf = (sys: BrowserSystem) => (sys.platform === 'win32' ? path.win32 : path.posix);

/** `names` looked up on PATH, in PATH order (Windows: with PATHEXT's .exe). */
function onPath(sys: BrowserSystem, names: readonly string[]): Candidate[] {
  const p = pathOf(sys);
  const dirs = (sys.env.PATH ?? sys.env.Path ?? '').split(sys.platform === 'win32' ? ';' : ':').filter(Boolean);
  const out: Candidate[] = [];
  for (const name of names) {
    for (const dir of dirs) {
      const file = p.join(dir, sys.platform === 'win32' ? `${name}.exe` : name);
      if (sys.exists(file)) out.push({ path: file, source: 'PATH' });
    }
  }
  return out;
}

/** Windows install roots: per-user first, then machine-wide. */
function windowsRoots(sys: BrowserSystem): string[] {
  const e = sys.env;
  return [e.LOCALAPPDATA ?? path.win32.join(sys.homedir, 'AppData', 'Local'), e.ProgramFiles ?? 'C:\\Program Files', e['ProgramFiles(x86)'] ?? 'C:\\Program Files (x86)'];
}

/** macOS app bundles, in /Applications then ~/Applications. */
function macApps(sys: BrowserSystem, bundles: readonly [app: string, binary: string][]): string[] {
  return bundles.flatMap(([app, bin]) =>
    ['/Applications', path.posix.join(sys.homedir, 'Applications')].map((dir) => path.posix.join(dir, `${app}.app`, 'Contents', 'MacOS', bin)),
  );
}

/** System Chromium-family candidates (Chromium first, then Chrome for Testing, then branded Chrome). */
export function chromiumPlaces(sys: BrowserSystem): Candidate[] {
  const system = (paths: string[]): Candidate[] => paths.map((p) => ({ path: p, source: 'system' }));
  switch (sys.platform) {
    case 'darwin':
      return [
        ...system(macApps(sys, [['Chromium', 'Chromium'], ['Google Chrome for Testing', 'Google Chrome for Testing']])),
        ...system(['/opt/homebrew/bin/chromium', '/usr/local/bin/chromium']),
        ...system(macApps(sys, [['Google Chrome', 'Google Chrome']])),
      ];
    case 'win32': {
      const roots = windowsRoots(sys);
      const under = (...parts: string[]) => roots.map((r) => path.win32.join(r, ...parts));
      return [
        ...system(under('Chromium', 'Application', 'chrome.exe')),
        ...onPath(sys, ['chromium', 'chrome']),
        ...system(under('Google', 'Chrome', 'Application', 'chrome.exe')),
      ];
    }
    default:
      return [
        ...onPath(sys, ['chromium', 'chromium-browser']),
        ...system(['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/lib/chromium/chromium', '/usr/lib64/chromium-browser/chromium-browser']),
        ...onPath(sys, ['google-chrome-stable', 'google-chrome']),
        ...system(['/opt/google/chrome/chrome']),
      ];
  }
}

/** System Firefox candidates (ESR first on Linux). */
export function firefoxPlaces(sys: BrowserSystem): Candidate[] {
  const system = (paths: string[]): Candidate[] => paths.map((p) => ({ path: p, source: 'system' }));
  switch (sys.platform) {
    case 'darwin':
      return system(macApps(sys, [['Firefox', 'firefox'], ['Firefox Developer Edition', 'firefox'], ['Firefox Nightly', 'firefox']]));
    case 'win32':
      return [...system(windowsRoots(sys).map((r) => path.win32.join(r, 'Mozilla Firefox', 'firefox.exe'))), ...onPath(sys, ['firefox'])];
    default:
      return [
        ...onPath(sys, ['firefox-esr', 'firefox']),
        ...system(['/usr/bin/firefox-esr', '/usr/bin/firefox', '/usr/lib/firefox-esr/firefox-esr', '/usr/lib/firefox/firefox', '/usr/lib64/firefox/firefox']),
      ];
  }
}
