import { describe, expect, it } from 'vitest';
import { toPageContext } from '../../../utils/sites/runtime';
import { PageContextSchema, type PageContextInput } from '../../../utils/view-models';

const base: PageContextInput = { site: 'hubspot', url: 'https://app.hubspot.com/contacts/1/company/2' };

describe('toPageContext (zod-free mirror of PageContextSchema)', () => {
  it.each<[string, PageContextInput]>([
    ['minimal', base],
    ['full', { ...base, recordType: 'company', recordId: '2', companyName: 'Acme', linkedinSlug: 'acme', websites: ['acme.com'], emails: ['a@acme.com'], contacts: [{ email: 'a@acme.com', name: 'A', title: 'CEO' }] }],
    ['extra keys are dropped', { ...base, extra: 'x' } as PageContextInput],
  ])('agrees with the schema: %s', (_, input) => {
    expect(toPageContext(input)).toEqual(PageContextSchema.parse(input));
  });

  it('caps lists like the reader always did and rejects what the schema rejects', () => {
    expect(toPageContext({ ...base, websites: Array.from({ length: 30 }, (_, i) => `s${i}.com`) }).websites).toHaveLength(20);
    for (const bad of [{ ...base, companyName: 'x'.repeat(301) }, { ...base, url: 42 }, { ...base, contacts: [{ name: 'no email' }] }]) {
      expect(PageContextSchema.safeParse(bad).success).toBe(false);
      expect(() => toPageContext(bad as PageContextInput)).toThrow(TypeError);
    }
  });
});
