import { describe, expect, it, vi } from 'vitest';
import { cases } from '../../../fixtures/sites/salesforce-lightning/cases';
import { describeAdapterCases, loadDocument, read } from '../harness';
import adapter from '../../../../utils/sites/adapters/salesforce-lightning';

describeAdapterCases('salesforce-lightning', cases);

describe('salesforce-lightning specifics', () => {
  it('console: while the URL names another tab’s record, the active panel does not verify; after the switch it does', () => {
    const doc = loadDocument('salesforce-lightning', 'console.html');
    const tab = doc.querySelector('li:not(.slds-is-active) a[role="tab"]')!;
    const url = `https://acme.lightning.force.com${tab.getAttribute('href')}`;
    expect(read(adapter, doc, url).shown).toBe(false);
    doc.querySelector('li.slds-is-active')!.classList.remove('slds-is-active');
    tab.closest('li')!.classList.add('slds-is-active');
    const r = read(adapter, doc, url);
    expect(r.shown).toBe(true);
    expect(r.ctx?.companyName).toBe(tab.getAttribute('title'));
  });
  it('console: one read looks the active tabs up once (the scope and the rendered id share it)', () => {
    const doc = loadDocument('salesforce-lightning', 'console.html');
    const tab = doc.querySelector('li.slds-is-active a[role="tab"]')!;
    const url = `https://acme.lightning.force.com${tab.getAttribute('href')}`;
    const spy = vi.spyOn(doc, 'querySelectorAll');
    try {
      const r = read(adapter, doc, url);
      expect(r.shown).toBe(true);
      const tabScans = spy.mock.calls.filter(([sel]) => String(sel).includes('a[role="tab"][aria-controls]'));
      expect(tabScans.length).toBe(2); // the two active-tab selectors, once each
    } finally {
      spy.mockRestore();
    }
  });
  it('keeps 15- and 18-character ids comparable (15-char head)', () => {
    const c = cases.find((x) => x.file === 'account.html')!;
    const doc = loadDocument('salesforce-lightning', 'account.html');
    const r = read(adapter, doc, c.url.replace(/(001\w{12})\w{3}/, '$1'));
    expect(r.shown).toBe(true);
  });
  it('rejects an Account URL whose id is a Contact id', () => {
    expect(adapter.matchUrl(new URL('https://acme.lightning.force.com/lightning/r/Account/003Hs00001XyZaBIAV/view'))).toBeNull();
  });
});
