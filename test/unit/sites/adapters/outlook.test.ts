import { describe, expect, it } from 'vitest';
import { cases } from '../../../fixtures/sites/outlook/cases';
import { describeAdapterCases, loadDocument, lookedUpDomain, read } from '../harness';
import adapter, { byDomainFrequency } from '../../../../utils/sites/adapters/outlook';

describeAdapterCases('outlook', cases);

describe('outlook adapter', () => {
  it('orders addresses by their domain’s frequency', () => {
    expect(byDomainFrequency(['a@x.com', 'b@y.com', 'c@y.com', 'd@z.com'])).toEqual(['b@y.com', 'c@y.com', 'a@x.com', 'd@z.com']);
  });
  it('reads the conversation’s participants with their display names, never the list, the folders or bodies', () => {
    const c = cases.find((x) => x.file === 'conversation.html')!;
    const ctx = read(adapter, loadDocument('outlook', c.file), c.url).ctx!;
    expect(ctx.contacts).toContainEqual({ email: 'dana.whitfield@acmerobotics.com', name: 'Dana Whitfield' });
    expect(ctx.emails).not.toContain('lucius.fox@wayneaero.com'); // message list
    expect(ctx.emails).not.toContain('gavin@hooli.xyz'); // message body
  });
  it('the German UI reads the same way', () => {
    const c = cases.find((x) => x.file === 'message-de.html')!;
    const ctx = read(adapter, loadDocument('outlook', c.file), c.url).ctx!;
    expect(ctx.contacts).toContainEqual({ email: 'laura.callahan@northwind.io', name: 'Laura Callahan' });
  });
  it('a page without a reading pane (inbox, list only) reads nothing', () => {
    const doc = loadDocument('outlook', 'conversation.html');
    doc.getElementById('ReadingPaneContainerId')!.remove();
    doc.querySelector('main')!.remove();
    const r = read(adapter, doc, 'https://outlook.office.com/mail/inbox/id/AAQkAGI2TG93AAA%3D');
    expect(r.page?.any).toBe(false);
    expect(lookedUpDomain(r.ctx)).toBeNull();
  });
  it('matches /mail/deeplink-free reading URLs in any folder, with and without /0/', () => {
    expect(adapter.matchUrl(new URL('https://outlook.office.com/mail/0/inbox/id/AAQkAGI2TG93AAA%3D'))?.recordId).toBe('AAQkAGI2TG93AAA=');
    expect(adapter.matchUrl(new URL('https://outlook.office.com/mail/AAMkAGFolderId/id/AAQkAGI2TG93AAA%3D'))?.recordId).toBe('AAQkAGI2TG93AAA=');
    expect(adapter.matchUrl(new URL('https://outlook.office.com/mail/inbox'))).toBeNull();
  });
});
