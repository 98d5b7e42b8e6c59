// @vitest-environment jsdom
// @vitest-environment-options {"url": "https://app.hubspot.com/contacts/4455667/record/0-2/18233445500"}
// crm.js on Chrome: detection on a saved HubSpot company page, driving the framed panel. The panel
// iframe never loads in jsdom; the test stands in for the frame's window the way the browser would
// deliver messages to it, and checks what crm.js sends it and the background.
import { siteAdapters } from '@/utils/sites/registry';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ContentScriptContext } from '#imports';
import { runLensContentScript } from '@/components/content-panel/run-content-script';
import { framePanel } from '@/components/panel-frame/mount-frame-panel';
import { sitePrefsItem } from '@/utils/settings';

const FIXTURE = path.resolve(import.meta.dirname, '../../fixtures/sites/hubspot/company.html');
const sent: { type: string; data: { url?: string; secret?: string } }[] = [];
const roots: ShadowRoot[] = [];
let abort: AbortController;

beforeEach(() => {
  fakeBrowser.reset();
  sent.length = 0;
  roots.length = 0;
  abort = new AbortController();
  document.documentElement.innerHTML = readFileSync(FIXTURE, 'utf8').replace(/^<!doctype html>/i, '');
  // the transport (chrome.runtime.sendMessage), recorded; registerPanelFrame is accepted
  (globalThis as unknown as { chrome: unknown }).chrome = {
    runtime: {
      onMessage: { addListener: () => undefined, removeListener: () => undefined },
      sendMessage: (msg: (typeof sent)[number], cb: (r: unknown) => void) => {
        sent.push(msg);
        cb({ res: msg.type === 'registerPanelFrame' ? { ok: true } : { state: 'loading' } });
      },
    },
  };
  // the host's shadow root is closed: keep a handle on it, as the browser does
  const attach = Element.prototype.attachShadow;
  vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (this: Element, init: ShadowRootInit) {
    const root = attach.call(this, init);
    roots.push(root);
    return root;
  });
});
const invalidated: (() => void)[] = [];
afterEach(() => {
  abort.abort();
  invalidated.splice(0).forEach((cb) => cb()); // removes the script's message listeners and panel
});

const ctx = () => ({ signal: abort.signal, onInvalidated: (cb: () => void) => invalidated.push(cb) }) as unknown as ContentScriptContext;
const settle = () => new Promise((r) => setTimeout(r, 400));
const types = () => sent.map((m) => m.type);

/**
 * The frame's window, as the iframe's load would make it reachable: records the host messages crm.js
 * posts to it (after the handshake that hands over the port, each carries the frame's secret).
 */
function connectFrame(): { type: string; context?: { url: string } | null }[] {
  const iframe = roots.at(-1)?.querySelector('iframe');
  if (!iframe) throw new Error('no panel iframe');
  const secret = new URL(iframe.src).hash.slice(1);
  const posted: { type: string; context?: { url: string } | null }[] = [];
  Object.defineProperty(iframe, 'contentWindow', {
    value: {
      postMessage: (data: { lens?: string; m?: (typeof posted)[number] }, origin: string, ports: MessagePort[] = []) => {
        if (!iframe.src.startsWith(`${origin}/`) || data.lens !== secret) throw new Error('posted without the secret or to another origin');
        if (ports.length === 0 && data.m) posted.push(data.m);
      },
    },
  });
  iframe.dispatchEvent(new Event('load'));
  return posted;
}

describe('crm.js with the framed panel', () => {
  it('registers the frame secret, adds the iframe, and hands the record to the frame (the frame looks it up)', async () => {
    await runLensContentScript(ctx(), { allowPanel: true, panel: framePanel, adapters: siteAdapters });
    await settle();
    expect(types()).toEqual(['registerPanelFrame']);
    const iframe = roots.at(-1)!.querySelector('iframe')!;
    expect(iframe.src).toBe(`${fakeBrowser.runtime.getURL('/panel-frame.html')}#${sent[0]!.data.secret}`);
    expect(sent[0]!.data.secret).toMatch(/^[0-9a-f]{32}$/);
    expect(document.querySelectorAll('recotap-lens-panel')).toHaveLength(1);
    const posted = connectFrame();
    await settle();
    expect(posted.map((m) => m.type)).toEqual(['viewport', 'context']);
    expect(posted[1]!.context?.url).toBe('https://app.hubspot.com/contacts/4455667/record/0-2/18233445500');
  });

  it('with the side panel as the surface, adds nothing and sends the lookup itself (for the side panel and badge)', async () => {
    await sitePrefsItem.setValue({ hubspot: { surface: 'side-panel' } });
    await runLensContentScript(ctx(), { allowPanel: true, panel: framePanel, adapters: siteAdapters });
    await settle();
    expect(types()).toEqual(['lookupContext']);
    expect(document.querySelectorAll('recotap-lens-panel')).toHaveLength(0);
  });

  it('switching the surface to in-page on a record mounts the panel with that record', async () => {
    await sitePrefsItem.setValue({ hubspot: { surface: 'side-panel' } });
    await runLensContentScript(ctx(), { allowPanel: true, panel: framePanel, adapters: siteAdapters });
    await settle();
    await sitePrefsItem.setValue({ hubspot: { surface: 'in-page' } });
    await settle();
    expect(types()).toEqual(['lookupContext', 'registerPanelFrame']);
    const posted = connectFrame();
    await settle();
    expect(posted.filter((m) => m.type === 'context').map((m) => m.context?.url)).toEqual([
      'https://app.hubspot.com/contacts/4455667/record/0-2/18233445500',
    ]);
  });

  it('turning the site off while its record is open (Hide on this site, Settings → Sites) removes the panel at once', async () => {
    await runLensContentScript(ctx(), { allowPanel: true, panel: framePanel, adapters: siteAdapters });
    await settle();
    expect(document.querySelectorAll('recotap-lens-panel')).toHaveLength(1);
    await sitePrefsItem.setValue({ hubspot: { enabled: false } });
    await settle();
    expect(document.querySelectorAll('recotap-lens-panel')).toHaveLength(0);
  });
});
