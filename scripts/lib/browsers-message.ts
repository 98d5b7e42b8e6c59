/**
 * The one paragraph printed when no usable browser is found: what was tried and the exact command
 * for this OS. Pure (unit-tested with the locator).
 */
import { BRANDED_CHROME_CUTOFF, MIN_FIREFOX, type BrowserKind, type BrowserSystem, type Tried } from './browsers.ts';

const PLAYWRIGHT_CHROMIUM = '`npx playwright install chromium`';

type Distro = 'ubuntu' | 'debian' | 'fedora' | 'arch' | 'suse' | null;

function distroOf(sys: BrowserSystem): Distro {
  const words = (sys.linuxDistro ?? '').toLowerCase().split(/\s+/);
  if (words.includes('ubuntu')) return 'ubuntu';
  if (words.includes('debian')) return 'debian';
  if (words.some((w) => ['fedora', 'rhel', 'centos'].includes(w))) return 'fedora';
  if (words.includes('arch')) return 'arch';
  if (words.some((w) => w.includes('suse'))) return 'suse';
  return null;
}

/** The system package command for this OS, or null when there is none worth recommending. */
export function installHint(kind: BrowserKind, sys: BrowserSystem): string | null {
  const chromium = kind === 'chromium';
  switch (sys.platform) {
    case 'darwin':
      return chromium ? '`brew install --cask chromium`' : '`brew install --cask firefox`';
    case 'win32':
      return chromium ? null : '`winget install Mozilla.Firefox`';
    case 'linux':
      switch (distroOf(sys)) {
        case 'debian':
          return chromium ? '`sudo apt-get install chromium`' : '`sudo apt-get install firefox-esr`';
        case 'ubuntu': // Ubuntu ships both as snaps, whose private /tmp hides the extension build and profile
          return chromium ? null : 'Firefox from Mozilla\'s APT repository (packages.mozilla.org; the snap cannot be driven)';
        case 'fedora':
          return chromium ? '`sudo dnf install chromium`' : '`sudo dnf install firefox`';
        case 'arch':
          return chromium ? '`sudo pacman -S chromium`' : '`sudo pacman -S firefox`';
        case 'suse':
          return chromium ? '`sudo zypper install chromium`' : '`sudo zypper install MozillaFirefox`';
        default:
          return chromium ? "your distribution's `chromium` package" : "your distribution's `firefox-esr` or `firefox` package";
      }
    default:
      return null;
  }
}

/** "a (why); b (why); not found: c, d" */
function describeTried(tried: readonly Tried[]): string {
  const missing = tried.filter((t) => t.rejected === 'not found').map((t) => t.path);
  const refused = tried.filter((t) => t.rejected !== null && t.rejected !== 'not found').map((t) => `${t.path} (${t.rejected})`);
  const parts = [...refused, ...(missing.length ? [`not found: ${missing.join(', ')}`] : [])];
  return parts.length ? parts.join('; ') : 'nothing (no candidate locations for this OS)';
}

/**
 * The "nothing suitable" paragraph. `fetchNote` says what happened to the Playwright download
 * (Chromium only), e.g. "skipped: CI is set".
 */
export function notFoundMessage(kind: BrowserKind, sys: BrowserSystem, tried: readonly Tried[], fetchNote?: string): string {
  const explicitVar = kind === 'chromium' ? 'CHROMIUM_PATH' : 'FIREFOX_PATH';
  const explicit = sys.env[explicitVar];
  const hint = installHint(kind, sys);
  if (kind === 'chromium') {
    const what = explicit
      ? `CHROMIUM_PATH is set to ${explicit}, which cannot be used: ${tried[0]?.rejected ?? 'not found'}.`
      : `No Chromium that can load the unpacked extension was found. Tried: ${describeTried(tried)}${fetchNote ? `; download with Playwright's installer: ${fetchNote}` : ''}.`;
    const fix = explicit
      ? ' Fix the path or unset CHROMIUM_PATH to search the usual places.'
      : ` Install one: ${hint ? `${hint}, or ` : ''}${PLAYWRIGHT_CHROMIUM} (Playwright's own Chromium, any OS)` +
        ', or set CHROMIUM_PATH to a Chromium or Chrome for Testing binary.';
    return `${what}${fix} Branded Google Chrome will not do: since Chrome ${BRANDED_CHROME_CUTOFF} it ignores --load-extension.`;
  }
  const what = explicit
    ? `FIREFOX_PATH is set to ${explicit}, which cannot be used: ${tried[0]?.rejected ?? 'not found'}.`
    : `No Firefox ${MIN_FIREFOX} or newer was found. Tried: ${describeTried(tried)}.`;
  const fix = explicit
    ? ' Fix the path or unset FIREFOX_PATH to search the usual places.'
    : ` Install one${hint ? `: ${hint}` : ''}, or set FIREFOX_PATH to a Firefox ≥ ${MIN_FIREFOX} binary.`;
  return `${what}${fix}`;
}
