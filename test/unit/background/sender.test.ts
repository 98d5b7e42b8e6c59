import { describe, expect, it } from 'vitest';
import { checkSender, CONTENT_SCRIPT_MESSAGES, SenderRejectedError } from '../../../utils/background/sender';

const deps = {
  extensionId: 'lens@recotap.com',
  extensionOrigin: 'moz-extension://1234-abcd/',
  siteForUrl: (url: string) => (new URL(url).hostname === 'app.hubspot.com' ? 'hubspot' : null),
};

describe('sender check', () => {
  it('accepts our extension pages (Firefox origins too), even when opened in a tab', async () => {
    expect(await checkSender('saveApiKey', { id: 'lens@recotap.com', url: 'moz-extension://1234-abcd/options.html' }, deps)).toEqual({
      kind: 'extension-page',
    });
    const inTab = { id: 'lens@recotap.com', url: 'moz-extension://1234-abcd/options.html', tab: { id: 3, url: 'moz-extension://1234-abcd/options.html' } };
    expect((await checkSender('clearLocalData', inTab, deps)).kind).toBe('extension-page');
  });

  it('classifies content scripts by their tab site and limits what they may send', async () => {
    const cs = { id: 'lens@recotap.com', url: 'https://app.hubspot.com/contacts/1/company/2', tab: { id: 5 } };
    expect(await checkSender('lookupContext', cs, deps)).toEqual({ kind: 'content-script', tabId: 5, url: cs.url, siteId: 'hubspot' });
    await expect(checkSender('testConnection', cs, deps)).rejects.toThrow(SenderRejectedError);
    await expect(checkSender('syncNow', cs, deps)).rejects.toThrow(SenderRejectedError);
  });

  it('rejects spoofed ids and look-alike origins', async () => {
    await expect(checkSender('getStatus', { id: 'evil@x', url: 'moz-extension://1234-abcd/options.html' }, deps)).rejects.toThrow();
    const lookAlike = { id: 'lens@recotap.com', url: 'https://moz-extension.evil.example/', tab: { id: 1 } };
    await expect(checkSender('lookupContext', lookAlike, deps)).rejects.toThrow(/not on a supported site/);
  });

  it('the framed CRM panel (both builds): a CRM content script may look records up and register its frame, nothing else', async () => {
    const framed = { ...deps, framedCrmPanel: true, siteForUrl: (url: string) => (new URL(url).hostname === 'www.linkedin.com' ? 'linkedin' : deps.siteForUrl(url)) };
    const cs = { id: 'lens@recotap.com', url: 'https://app.hubspot.com/contacts/1/company/2', tab: { id: 5 } };
    const allowed: string[] = [];
    for (const name of CONTENT_SCRIPT_MESSAGES) {
      if (await checkSender(name, cs, framed).then(() => true, () => false)) allowed.push(name);
    }
    expect(allowed.sort()).toEqual(['lookupContext', 'registerPanelFrame']);
    await expect(checkSender('addAccount', cs, framed)).rejects.toThrow(/its panel is framed/);
    // LinkedIn's opt-in panel renders in the page: its script keeps the page-facing messages
    const li = { id: 'lens@recotap.com', url: 'https://www.linkedin.com/company/acme/', tab: { id: 6 } };
    expect((await checkSender('addAccount', li, framed)).kind).toBe('content-script');
  });
  it('Firefox: the panel frame at moz-extension://<uuid>/ speaks for its tab only with the registered secret', async () => {
    const secret = 'a'.repeat(32);
    const entry = { secret, url: 'https://app.hubspot.com/contacts/1/company/2', siteId: 'hubspot' };
    const framed = { ...deps, framedCrmPanel: true, panelFrame: async (tabId: number) => (tabId === 7 ? entry : null) };
    const frame = (hash: string, tabId = 7) => ({ id: 'lens@recotap.com', url: `moz-extension://1234-abcd/panel-frame.html#${hash}`, tab: { id: tabId, url: entry.url } });
    expect(await checkSender('addAccount', frame(secret), framed)).toEqual({ kind: 'content-script', tabId: 7, url: entry.url, siteId: 'hubspot' });
    await expect(checkSender('lookupContext', frame('b'.repeat(32)), framed)).rejects.toThrow(/did not register/);
    await expect(checkSender('lookupContext', frame(secret, 8), framed)).rejects.toThrow(/did not register/);
    await expect(checkSender('registerPanelFrame', frame(secret), framed)).rejects.toThrow(/may not send/);
    await expect(checkSender('saveApiKey', frame(secret), framed)).rejects.toThrow(/may not send/);
  });
});
