import { describe, expect, it } from 'vitest';
import { cases } from '../../../fixtures/sites/gmail/cases';
import { describeAdapterCases, loadDocument, read } from '../harness';
import adapter, { companyEmailDomains } from '../../../../utils/sites/adapters/gmail';
import { DEMO_REP } from '../../../emulator/demo-companies';

describeAdapterCases('gmail', cases);

describe('gmail companyEmailDomains', () => {
  const isFreeMail = (d: string) => ['gmail.com', 'outlook.com', 'yahoo.com'].includes(d);
  it('drops the rep’s own domain and free mail, most frequent first', () => {
    const emails = ['a@acmerobotics.com', DEMO_REP.email, 'x@gmail.com', 'b@globex-analytics.io', 'c@globex-analytics.io', 'colleague@lens-demo-vendor.com'];
    expect(companyEmailDomains(emails, { repEmail: DEMO_REP.email, isFreeMail })).toEqual(['globex-analytics.io', 'acmerobotics.com']);
  });
  it('gives the thread fixture’s company domain only', () => {
    const c = cases.find((x) => x.file === 'thread.html')!;
    const ctx = read(adapter, loadDocument('gmail', c.file), c.url).ctx!;
    expect(companyEmailDomains(ctx.emails, { repEmail: DEMO_REP.email, isFreeMail })).toEqual(['acmerobotics.com']);
  });
  it('returns nothing for a thread among the rep’s colleagues and free mail', () => {
    expect(companyEmailDomains(['me@lens-demo-vendor.com', 'a@gmail.com'], { repEmail: DEMO_REP.email, isFreeMail })).toEqual([]);
  });
});
