import { describe, expect, it, vi } from 'vitest';
import { cases } from '../../../fixtures/sites/salesforce-lightning/cases';
import { describeAdapterCases, loadDocument, read } from '../harness';
import adapter, { ACTIVE_SELECTORS, activeCandidates } from '../../../../utils/sites/adapters/salesforce-lightning';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

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
  it('console: one read queries the whole document for two classes only, not for each compound selector', () => {
    const doc = loadDocument('salesforce-lightning', 'console.html');
    const tab = doc.querySelector('li.slds-is-active a[role="tab"]')!;
    const url = `https://acme.lightning.force.com${tab.getAttribute('href')}`;
    const all = vi.spyOn(doc, 'querySelectorAll');
    try {
      const r = read(adapter, doc, url);
      expect(r.shown).toBe(true);
      // before: the three tab selectors over the whole document (twice each before the scope and the rendered id shared the lookup)
      expect(all.mock.calls.map(([sel]) => sel)).toEqual(['.active', '.slds-is-active']);
    } finally {
      all.mockRestore();
    }
  });

  it('the class lookup finds what querySelectorAll finds, in the same order, on every Lightning fixture and on nested tabs', () => {
    // the shortcut holds only while each selector needs an .active / .slds-is-active element where it looks
    for (const sel of ACTIVE_SELECTORS.tabs) expect(sel).toMatch(/\bli\.(slds-is-)?active\b/);
    for (const sel of ACTIVE_SELECTORS.panels) expect(sel.split(' ').at(-1)).toMatch(/\.active\b/);
    const dir = join(import.meta.dirname, '../../../fixtures/sites/salesforce-lightning');
    const docs = readdirSync(dir)
      .filter((f) => f.endsWith('.html'))
      .map((f) => [f, loadDocument('salesforce-lightning', f)] as const);
    const extra = loadDocument('salesforce-lightning', 'console.html');
    extra.body.insertAdjacentHTML(
      'afterbegin',
      `<ul class="tabBar"><li class="active"><a role="tab" aria-controls="x1" id="a1"></a><ul><li class="slds-is-active"><a role="tab" aria-controls="x2" id="a2"></a></li></ul></li></ul>
       <div class="oneContent active"><div class="windowViewMode-normal oneContent active" id="nested"></div></div>`,
    );
    expect(docs.length).toBeGreaterThan(10);
    let nonEmpty = 0;
    for (const [name, doc] of [...docs, ['console.html + nested', extra] as const]) {
      const active = activeCandidates(doc);
      for (const sel of ACTIVE_SELECTORS.tabs) {
        const want = Array.from(doc.querySelectorAll(sel));
        nonEmpty += want.length ? 1 : 0;
        expect(active.tabs(sel), `${name}: ${sel}`).toEqual(want);
      }
      for (const sel of ACTIVE_SELECTORS.panels) {
        const want = Array.from(doc.querySelectorAll(sel));
        nonEmpty += want.length ? 1 : 0;
        expect(active.panels(sel), `${name}: ${sel}`).toEqual(want);
      }
    }
    expect(nonEmpty).toBeGreaterThan(10); // the comparison saw real matches, not only empty lists
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
