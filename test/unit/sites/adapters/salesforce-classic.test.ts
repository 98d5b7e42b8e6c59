import { describe, expect, it } from 'vitest';
import { cases } from '../../../fixtures/sites/salesforce-classic/cases';
import { describeAdapterCases, loadDocument, read } from '../harness';
import adapter from '../../../../utils/sites/adapters/salesforce-classic';

describeAdapterCases('salesforce-classic', cases);

describe('salesforce-classic specifics', () => {
  it('strips the "[View Hierarchy]" suffix from the account name', () => {
    const c = cases.find((x) => x.file === 'account.html')!;
    const doc = loadDocument('salesforce-classic', c.file);
    expect(doc.getElementById('acc2_ileinner')!.textContent).toContain('[View Hierarchy]');
    expect(read(adapter, doc, c.url).ctx?.companyName).toBe('Acme Robotics');
  });
  it('accepts the 18-character form of a 15-character id', () => {
    const c = cases.find((x) => x.file === 'account.html')!;
    expect(read(adapter, loadDocument('salesforce-classic', c.file), `${c.url}IAV`).shown).toBe(true);
  });
});
