/**
 * What every bundle gets for `import browser from 'webextension-polyfill'` (wxt.config.ts points the
 * bare id here; `#imports` / `wxt/browser` reach it through @wxt-dev/webextension-polyfill): the
 * browser's own promise-based `browser` when it has one (Firefox; Chromium since it added the
 * `browser` namespace), else the polyfill, evaluated only then.
 *
 * The polyfill makes the same test itself and then exports the browser's own object unchanged, but
 * only after its whole body (~1,000 lines of API metadata) has been parsed and compiled; and the
 * bundler's ES-module interop then copied every property of the result (a getter per API). On every
 * CRM page load that was ~2–3 ms of the content script's start-up on the page's main thread
 * (docs/architecture.md, "Where the time goes").
 */
import type Browser from 'webextension-polyfill';

declare const require: (id: string) => unknown;

type BrowserApi = typeof Browser;

/** The browser's own `browser` when it has a runtime id (the polyfill's own test), else loadPolyfill(). */
export function pickBrowser(scope: unknown, loadPolyfill: () => BrowserApi): BrowserApi {
  const own = (scope as { browser?: BrowserApi }).browser;
  return own?.runtime?.id ? own : loadPolyfill();
}

// the polyfill's CommonJS module, which the bundler wraps lazily: evaluated on this call only
const browser: BrowserApi = pickBrowser(globalThis, () => require('webextension-polyfill/dist/browser-polyfill.js') as BrowserApi);
export default browser;
