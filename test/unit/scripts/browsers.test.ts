// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { chromiumRejection, locateChromium, locateFirefox, mayFetchChromium, type BrowserSystem } from '../../../scripts/lib/browsers.ts';
import { notFoundMessage } from '../../../scripts/lib/browsers-message.ts';
import { BrowserNotFoundError, findChromium } from '../../../scripts/lib/browsers-system.ts';

/** A fake machine: `files` maps each existing binary to what its --version prints (null = nothing). */
function fakeSystem(platform: NodeJS.Platform, files: Record<string, string | null>, opts: Partial<BrowserSystem> = {}): BrowserSystem {
  return {
    platform,
    env: {},
    homedir: platform === 'win32' ? 'C:\\Users\\rep' : platform === 'darwin' ? '/Users/rep' : '/home/rep',
    exists: (f) => f in files,
    versionOf: (f) => files[f] ?? null,
    playwrightExecutable: () => null,
    ...opts,
  };
}

const LINUX_PATH = { PATH: '/usr/local/bin:/usr/bin:/bin' };
const PW_LINUX = '/home/rep/.cache/ms-playwright/chromium-1255/chrome-linux64/chrome';
const WIN_ENV = {
  Path: 'C:\\Windows\\system32;C:\\Windows',
  LOCALAPPDATA: 'C:\\Users\\rep\\AppData\\Local',
  ProgramFiles: 'C:\\Program Files',
  'ProgramFiles(x86)': 'C:\\Program Files (x86)',
};

describe('locateChromium on Linux', () => {
  it("finds Debian's Chromium on PATH", () => {
    const sys = fakeSystem('linux', { '/usr/bin/chromium': 'Chromium 156.0.8078.129 built on Debian GNU/Linux 12 (bookworm)' }, { env: LINUX_PATH });
    const r = locateChromium(sys);
    expect(r.ok && r.browser).toMatchObject({ kind: 'chromium', path: '/usr/bin/chromium', source: 'PATH', version: expect.stringMatching(/^Chromium 156/) });
  });

  it('CHROMIUM_PATH wins over the system Chromium', () => {
    const sys = fakeSystem('linux', { '/usr/bin/chromium': 'Chromium 156', '/opt/cft/chrome': 'Google Chrome for Testing 150.0.1' }, { env: { ...LINUX_PATH, CHROMIUM_PATH: '/opt/cft/chrome' } });
    const r = locateChromium(sys);
    expect(r.ok && r.browser).toMatchObject({ path: '/opt/cft/chrome', source: 'CHROMIUM_PATH' });
  });

  it('a CHROMIUM_PATH that does not exist fails, without falling back', () => {
    const sys = fakeSystem('linux', { '/usr/bin/chromium': 'Chromium 156' }, { env: { ...LINUX_PATH, CHROMIUM_PATH: '/nope' } });
    const r = locateChromium(sys);
    expect(r.ok).toBe(false);
    expect(r.tried).toEqual([{ path: '/nope', source: 'CHROMIUM_PATH', rejected: 'not found', version: null }]);
    expect(notFoundMessage('chromium', sys, r.tried)).toBe(
      'CHROMIUM_PATH is set to /nope, which cannot be used: not found. Fix the path or unset CHROMIUM_PATH to search the usual places. ' +
        'Branded Google Chrome will not do: since Chrome 137 it ignores --load-extension.',
    );
  });

  it('branded Chrome only: skipped with the reason, and the message says what to install', () => {
    const sys = fakeSystem('linux', { '/usr/bin/google-chrome': 'Google Chrome 140.0.7339.80', '/opt/google/chrome/chrome': 'Google Chrome 140.0.7339.80' }, {
      env: LINUX_PATH,
      linuxDistro: 'debian',
    });
    const r = locateChromium(sys);
    expect(r.ok).toBe(false);
    expect(r.tried.filter((t) => t.rejected !== 'not found').map((t) => [t.path, t.rejected])).toEqual([
      ['/usr/bin/google-chrome', 'branded Google Chrome 140 ignores --load-extension (since 137)'],
      ['/opt/google/chrome/chrome', 'branded Google Chrome 140 ignores --load-extension (since 137)'],
    ]);
    const msg = notFoundMessage('chromium', sys, r.tried, 'skipped (CI)');
    expect(msg).toContain('/usr/bin/google-chrome (branded Google Chrome 140 ignores --load-extension (since 137))');
    expect(msg).toContain('Install one: `sudo apt-get install chromium`, or `npx playwright install chromium`');
    expect(msg).not.toContain('\n');
  });

  it('an old branded Chrome (< 137) still loads extensions', () => {
    const sys = fakeSystem('linux', { '/usr/bin/google-chrome-stable': 'Google Chrome 136.0.7103.92' }, { env: LINUX_PATH });
    const r = locateChromium(sys);
    expect(r.ok && r.browser.path).toBe('/usr/bin/google-chrome-stable');
  });

  it("prefers the system Chromium, then falls back to Playwright's managed Chromium (Chrome for Testing)", () => {
    const files = { [PW_LINUX]: 'Google Chrome for Testing 145.0.7632.6' };
    const sys = fakeSystem('linux', files, { env: LINUX_PATH, playwrightExecutable: () => PW_LINUX });
    const r = locateChromium(sys);
    expect(r.ok && r.browser).toMatchObject({ path: PW_LINUX, source: 'Playwright' });
    const both = locateChromium(fakeSystem('linux', { ...files, '/usr/lib/chromium/chromium': 'Chromium 156' }, { env: {}, playwrightExecutable: () => PW_LINUX }));
    expect(both.ok && both.browser.path).toBe('/usr/lib/chromium/chromium');
  });

  it('skips a snap Chromium (its private /tmp hides the extension build)', () => {
    const sys = fakeSystem('linux', { '/usr/bin/chromium-browser': 'Chromium 140.0.7339.80 snap' }, { env: LINUX_PATH });
    const r = locateChromium(sys);
    expect(r.ok).toBe(false);
    expect(r.tried.find((t) => t.path === '/usr/bin/chromium-browser')?.rejected).toMatch(/snap/);
  });

  it('nothing found: one paragraph naming every place tried and the command for this distribution', () => {
    const sys = fakeSystem('linux', {}, { env: { PATH: '/usr/bin' }, linuxDistro: 'fedora', playwrightExecutable: () => PW_LINUX });
    const r = locateChromium(sys);
    expect(r.ok).toBe(false);
    expect(notFoundMessage('chromium', sys, r.tried, 'skipped (CI)')).toBe(
      'No Chromium that can load the unpacked extension was found. Tried: not found: /usr/bin/chromium, /usr/bin/chromium-browser, ' +
        `/usr/lib/chromium/chromium, /usr/lib64/chromium-browser/chromium-browser, /opt/google/chrome/chrome, ${PW_LINUX}; ` +
        "download with Playwright's installer: skipped (CI). Install one: `sudo dnf install chromium`, or `npx playwright install chromium` " +
        "(Playwright's own Chromium, any OS), or set CHROMIUM_PATH to a Chromium or Chrome for Testing binary. " +
        'Branded Google Chrome will not do: since Chrome 137 it ignores --load-extension.',
    );
  });
});

describe('locateChromium on macOS', () => {
  it('finds Chromium.app (Homebrew cask) in /Applications, then in ~/Applications', () => {
    const app = '/Applications/Chromium.app/Contents/MacOS/Chromium';
    expect(locateChromium(fakeSystem('darwin', { [app]: 'Chromium 141.0.7390.54' })).ok).toBe(true);
    const home = '/Users/rep/Applications/Chromium.app/Contents/MacOS/Chromium';
    const r = locateChromium(fakeSystem('darwin', { [home]: 'Chromium 141.0.7390.54' }));
    expect(r.ok && r.browser).toMatchObject({ path: home, source: 'system' });
  });

  it('branded Chrome only: skipped, and the hint is brew', () => {
    const chrome = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    const sys = fakeSystem('darwin', { [chrome]: 'Google Chrome 142.0.7444.59' });
    const r = locateChromium(sys);
    expect(r.ok).toBe(false);
    const msg = notFoundMessage('chromium', sys, r.tried, 'skipped (not a terminal; RECOTAP_FETCH_BROWSER=1 allows it)');
    expect(msg).toContain(`${chrome} (branded Google Chrome 142 ignores --load-extension (since 137))`);
    expect(msg).toContain('Install one: `brew install --cask chromium`, or `npx playwright install chromium`');
    expect(msg).not.toContain('apt-get');
  });
});

describe('locateChromium on Windows', () => {
  it('finds a per-user Chromium install', () => {
    const exe = 'C:\\Users\\rep\\AppData\\Local\\Chromium\\Application\\chrome.exe';
    const r = locateChromium(fakeSystem('win32', { [exe]: 'Chromium 141.0.7390.54' }, { env: WIN_ENV }));
    expect(r.ok && r.browser).toMatchObject({ path: exe, source: 'system' });
  });

  it('branded Chrome only, with and without a readable version: skipped', () => {
    const exe = 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe';
    for (const version of ['Google Chrome 141.0.7390.55', null]) {
      const sys = fakeSystem('win32', { [exe]: version }, { env: WIN_ENV });
      const r = locateChromium(sys);
      expect(r.ok).toBe(false);
      expect(r.tried.find((t) => t.path === exe)?.rejected).toMatch(/branded Google Chrome/);
    }
  });

  it("nothing found: the hint is Playwright's installer only", () => {
    const sys = fakeSystem('win32', {}, { env: WIN_ENV });
    const msg = notFoundMessage('chromium', sys, locateChromium(sys).tried);
    expect(msg).toContain('C:\\Program Files\\Chromium\\Application\\chrome.exe');
    expect(msg).toContain('Install one: `npx playwright install chromium` (Playwright');
    expect(msg).not.toMatch(/apt-get|brew/);
  });
});

describe('chromiumRejection', () => {
  it('tells Chromium, Chrome for Testing and branded Chrome apart', () => {
    expect(chromiumRejection('/x', 'Chromium 156.0.8078.129 built on Debian')).toBeNull();
    expect(chromiumRejection('/x', 'Google Chrome for Testing 141.0.7390.54')).toBeNull();
    expect(chromiumRejection('/x', 'Google Chrome 137.0.7151.55')).toMatch(/ignores --load-extension/);
    expect(chromiumRejection('/x', 'Google Chrome 138.0.7204.4 beta')).toMatch(/ignores/);
    expect(chromiumRejection('/x', 'Microsoft Edge 141.0')).toMatch(/not Chromium/);
    expect(chromiumRejection('/Applications/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing', null)).toBeNull();
  });
});

describe('locateFirefox', () => {
  it('Linux: firefox-esr on PATH', () => {
    const sys = fakeSystem('linux', { '/usr/bin/firefox-esr': 'Mozilla Firefox 153.8.0esr' }, { env: LINUX_PATH });
    expect(locateFirefox(sys)).toMatchObject({ ok: true, browser: { kind: 'firefox', path: '/usr/bin/firefox-esr', source: 'PATH' } });
  });

  it('skips a Firefox too old for the add-on and BiDi, takes the next one', () => {
    const sys = fakeSystem('linux', { '/usr/local/bin/firefox-esr': 'Mozilla Firefox 128.5.0esr', '/usr/bin/firefox': 'Mozilla Firefox 145.0' }, { env: LINUX_PATH });
    const r = locateFirefox(sys);
    expect(r.ok && r.browser.path).toBe('/usr/bin/firefox');
    expect(r.tried[0]).toMatchObject({ path: '/usr/local/bin/firefox-esr', rejected: expect.stringMatching(/Firefox 128 is older than 140/) });
  });

  it('macOS app bundle and Windows Program Files', () => {
    const mac = '/Applications/Firefox.app/Contents/MacOS/firefox';
    expect(locateFirefox(fakeSystem('darwin', { [mac]: 'Mozilla Firefox 145.0' }))).toMatchObject({ ok: true, browser: { path: mac } });
    const win = 'C:\\Program Files\\Mozilla Firefox\\firefox.exe';
    expect(locateFirefox(fakeSystem('win32', { [win]: 'Firefox 145.0' }, { env: WIN_ENV }))).toMatchObject({ ok: true, browser: { path: win } });
  });

  it('FIREFOX_PATH is authoritative', () => {
    const sys = fakeSystem('linux', { '/usr/bin/firefox-esr': 'Mozilla Firefox 153.8.0esr' }, { env: { ...LINUX_PATH, FIREFOX_PATH: '/nope' } });
    const r = locateFirefox(sys);
    expect(r.ok).toBe(false);
    expect(notFoundMessage('firefox', sys, r.tried)).toBe(
      'FIREFOX_PATH is set to /nope, which cannot be used: not found. Fix the path or unset FIREFOX_PATH to search the usual places.',
    );
  });

  it('nothing found: the command for each OS', () => {
    const linux = fakeSystem('linux', {}, { env: { PATH: '/usr/bin' }, linuxDistro: 'debian' });
    expect(notFoundMessage('firefox', linux, locateFirefox(linux).tried)).toBe(
      'No Firefox 140 or newer was found. Tried: not found: /usr/bin/firefox-esr, /usr/bin/firefox, /usr/lib/firefox-esr/firefox-esr, ' +
        '/usr/lib/firefox/firefox, /usr/lib64/firefox/firefox. Install one: `sudo apt-get install firefox-esr`, or set FIREFOX_PATH to a Firefox ≥ 140 binary.',
    );
    const mac = fakeSystem('darwin', {});
    expect(notFoundMessage('firefox', mac, locateFirefox(mac).tried)).toContain('Install one: `brew install --cask firefox`');
    const win = fakeSystem('win32', {}, { env: WIN_ENV });
    expect(notFoundMessage('firefox', win, locateFirefox(win).tried)).toContain('Install one: `winget install Mozilla.Firefox`');
  });
});

describe("fetching Playwright's Chromium", () => {
  it('never in CI; RECOTAP_FETCH_BROWSER decides; else only in a terminal', () => {
    expect(mayFetchChromium({ CI: 'true', RECOTAP_FETCH_BROWSER: '1' }, true)).toBe(false);
    expect(mayFetchChromium({ PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' }, true)).toBe(false);
    expect(mayFetchChromium({ CHROMIUM_PATH: '/nope' }, true)).toBe(false);
    expect(mayFetchChromium({}, true)).toBe(true);
    expect(mayFetchChromium({}, false)).toBe(false);
    expect(mayFetchChromium({ RECOTAP_FETCH_BROWSER: '1' }, false)).toBe(true);
    expect(mayFetchChromium({ RECOTAP_FETCH_BROWSER: '0' }, true)).toBe(false);
    expect(mayFetchChromium({ CI: 'false' }, true)).toBe(true);
  });

  it('findChromium throws the explanation (no fetch in CI)', () => {
    const sys = fakeSystem('linux', {}, { env: { PATH: '/usr/bin', CI: 'true' }, linuxDistro: 'debian' });
    expect(() => findChromium(sys)).toThrow(BrowserNotFoundError);
    expect(() => findChromium(sys)).toThrow(/download with Playwright's installer: skipped \(CI\)\. Install one: `sudo apt-get install chromium`/);
  });
});
