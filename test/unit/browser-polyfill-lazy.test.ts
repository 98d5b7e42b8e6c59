import { afterEach, describe, expect, it, vi } from 'vitest';
import { pickBrowser } from '../../utils/browser-polyfill-lazy';

/**
 * utils/browser-polyfill-lazy.ts is what the build gives every `import browser from
 * 'webextension-polyfill'` (wxt.config.ts): the browser's own namespace, or the polyfill, loaded
 * only then.
 */
const g = globalThis as unknown as Record<string, unknown>;
const saved = { browser: g.browser, chrome: g.chrome };

afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete g[k];
    else g[k] = v;
  }
});

describe('the polyfill, only where the browser has no promise-based browser namespace', () => {
  it("is the browser's own object, and the polyfill is not loaded, when browser.runtime.id exists (Firefox, current Chromium)", () => {
    const own = { runtime: { id: 'lens@recotap.com' } };
    const load = vi.fn(() => ({}) as never);
    expect(pickBrowser({ browser: own }, load)).toBe(own);
    expect(load).not.toHaveBeenCalled();
  });

  it('loads the polyfill when there is no browser namespace, or one without a runtime id (the polyfill\'s own test)', () => {
    const polyfilled = { runtime: { id: 'x' } } as never;
    for (const scope of [{}, { browser: undefined }, { browser: { runtime: {} } }, { browser: {} }]) {
      const load = vi.fn(() => polyfilled);
      expect(pickBrowser(scope, load)).toBe(polyfilled);
      expect(load).toHaveBeenCalledTimes(1);
    }
  });

  it('the module, where only chrome.* exists (older Chromium): the real polyfill, promises from callbacks', async () => {
    delete g.browser;
    const sendMessage = vi.fn((message: unknown, reply: (r: unknown) => void) => reply({ echoed: message }));
    g.chrome = { runtime: { id: 'abcdefghijklmnop', lastError: undefined, sendMessage, getURL: (p: string) => `chrome-extension://abcdefghijklmnop/${p}` } };
    vi.resetModules();
    const browser = (await import('../../utils/browser-polyfill-lazy')).default as unknown as {
      runtime: { sendMessage: (m: unknown) => Promise<unknown>; getURL: (p: string) => string };
    };
    expect(browser).not.toBe(g.chrome);
    await expect(browser.runtime.sendMessage({ type: 'ping' })).resolves.toEqual({ echoed: { type: 'ping' } });
    expect(sendMessage).toHaveBeenCalledTimes(1);
    expect(browser.runtime.getURL('panel-frame.html')).toBe('chrome-extension://abcdefghijklmnop/panel-frame.html');
  });

  it('the module, where the browser has its own namespace: that object itself', async () => {
    const own = { runtime: { id: 'lens@recotap.com', getURL: (p: string) => `moz-extension://uuid/${p}` } };
    g.browser = own;
    vi.resetModules();
    expect((await import('../../utils/browser-polyfill-lazy')).default).toBe(own);
  });
});
