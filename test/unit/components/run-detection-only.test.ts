// @vitest-environment jsdom
// @vitest-environment-options {"url": "https://www.linkedin.com/company/acme-robotics/"}
// linkedin.content's detection on a saved LinkedIn company page: it sends the record's lookup,
// unless the in-page panel's script (registered by the background) sends it for this page load.
import { siteAdapters } from '@/utils/sites/registry';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ContentScriptContext } from '#imports';
import { runDetectionOnly } from '@/components/content-panel/run-detection-only';
import { linkedinInPageStateItem, sitePrefsItem } from '@/utils/settings';

const FIXTURE = path.resolve(import.meta.dirname, '../../fixtures/sites/linkedin/company.html');
const sent: { type: string; data: { url?: string; companyName?: string } }[] = [];
let abort: AbortController;

beforeEach(() => {
  fakeBrowser.reset();
  sent.length = 0;
  abort = new AbortController();
  document.documentElement.innerHTML = readFileSync(FIXTURE, 'utf8').replace(/^<!doctype html>/i, '');
  // @webext-core/messaging sends through chrome.runtime.sendMessage(message, callback): record the
  // messages that leave the content script (the transport, not the detection under test)
  (globalThis as unknown as { chrome: unknown }).chrome = {
    runtime: {
      sendMessage: (msg: (typeof sent)[number], cb: (r: unknown) => void) => {
        sent.push(msg);
        cb({ res: { state: 'loading' } });
      },
      // jsdom has no Navigation API, so the script also listens for the background's locationChanged
      onMessage: { addListener: () => undefined, removeListener: () => undefined },
    },
  };
});
afterEach(() => abort.abort());

const ctx = () => ({ signal: abort.signal, onInvalidated: (fn: () => void) => abort.signal.addEventListener('abort', fn) }) as unknown as ContentScriptContext;
const lookups = () => sent.filter((m) => m.type === 'lookupContext');
const settle = () => new Promise((r) => setTimeout(r, 400));

describe('runDetectionOnly (linkedin.content)', () => {
  it('sends one lookup for the company page by default', async () => {
    await runDetectionOnly(ctx(), siteAdapters);
    await settle();
    expect(lookups()).toHaveLength(1);
    expect(lookups()[0]?.data).toMatchObject({ url: 'https://www.linkedin.com/company/acme-robotics/', companyName: 'Acme Robotics' });
  });

  it('stands down when the in-page panel script is registered (that script sends the lookup)', async () => {
    await sitePrefsItem.setValue({ linkedin: { surface: 'in-page' } });
    await linkedinInPageStateItem.setValue({ active: true, error: null });
    await runDetectionOnly(ctx(), siteAdapters);
    await settle();
    expect(sent).toEqual([]);
  });

  it('keeps looking up when the rep opted in but registering failed', async () => {
    await sitePrefsItem.setValue({ linkedin: { surface: 'in-page' } });
    await linkedinInPageStateItem.setValue({ active: false, error: 'Could not add the panel to LinkedIn pages (x).' });
    await runDetectionOnly(ctx(), siteAdapters);
    await settle();
    expect(lookups()).toHaveLength(1);
  });
});
