import { describe, expect, it } from 'vitest';
import {
  domainCandidates,
  emailDomain,
  isFreeMailDomain,
  nameKey,
  ownDomain,
  slugToNameKey,
  toHostname,
} from '../../../utils/accounts/normalize';
import { signalsFromContext, signalsFromQuery } from '../../../utils/accounts/signals';
import { PageContextSchema } from '../../../utils/view-models';

describe('domain normalisation', () => {
  it('turns URLs, hosts and e-mails into ASCII hosts and rejects junk', () => {
    expect(toHostname('https://WWW.Acme.co.uk/en?x=1')).toBe('www.acme.co.uk');
    expect(toHostname(' acme.com. ')).toBe('acme.com');
    expect(toHostname('mailto:<Dana@Sales.Acme.io>')).toBe('sales.acme.io');
    expect(toHostname('münchen.de')).toBe('xn--mnchen-3ya.de');
    for (const junk of ['192.168.0.1', 'http://localhost:3000', 'intranet', '', 'not a url at all']) expect(toHostname(junk)).toBeNull();
  });

  it('tries the host first, then the registrable domain; private suffixes stay whole', () => {
    expect(domainCandidates('https://app.acme.com/login').map((c) => c.domain)).toEqual(['app.acme.com', 'acme.com']);
    expect(domainCandidates('www.acme.com').map((c) => c.domain)).toEqual(['acme.com']);
    expect(domainCandidates('acme-outdoor.myshopify.com').map((c) => c.domain)).toEqual(['acme-outdoor.myshopify.com']);
    expect(domainCandidates('https://www.linkedin.com/company/acme')).toEqual([]);
  });

  it('filters free mail with the vendored list and knows the rep\'s own domain', () => {
    expect(isFreeMailDomain('gmail.com')).toBe(true);
    expect(isFreeMailDomain('yahoo.co.uk')).toBe(true);
    expect(isFreeMailDomain('acmerobotics.com')).toBe(false);
    expect(emailDomain('a.b@eu.sales.acme.co.uk')).toBe('acme.co.uk');
    expect(ownDomain('sam@lens-demo-vendor.com')).toBe('lens-demo-vendor.com');
  });

  it('normalises company names and LinkedIn slugs to one key', () => {
    expect(nameKey('Acme Robotics, Inc.')).toBe('acme robotics');
    expect(nameKey('Société Générale S.A.')).toBe('societe generale');
    expect(slugToNameKey('acme-robotics-inc')).toBe('acme robotics');
  });
});

describe('signals', () => {
  it('orders website domains before e-mail domains and drops free mail and the rep\'s domain', () => {
    const ctx = PageContextSchema.parse({
      site: 'hubspot',
      url: 'https://app.hubspot.com/x',
      recordId: '9',
      websites: ['https://shop.globex.io'],
      emails: ['x@gmail.com', 'me@vendor.com', 'y@initech.dev'],
      contacts: [{ email: 'z@globex.io' }],
    });
    const s = signalsFromContext(ctx, 'rep@vendor.com');
    expect(s.domains).toEqual([
      { domain: 'shop.globex.io', reason: 'website' },
      { domain: 'globex.io', reason: 'website' },
      { domain: 'initech.dev', reason: 'email' },
    ]);
    expect(s.pinKeys[0]).toBe('record:hubspot:9');
  });

  it('reads popup queries as e-mail, URL, domain, LinkedIn URL or name', () => {
    expect(signalsFromQuery('dana@acme.com', '').domains).toEqual([{ domain: 'acme.com', reason: 'email' }]);
    expect(signalsFromQuery('https://acme.com/x', '').domains).toEqual([{ domain: 'acme.com', reason: 'url' }]);
    expect(signalsFromQuery('acme.com', '').domains).toEqual([{ domain: 'acme.com', reason: 'lookup' }]);
    expect(signalsFromQuery('https://www.linkedin.com/company/acme-robotics/', '')).toMatchObject({ domains: [], linkedinSlug: 'acme-robotics' });
    expect(signalsFromQuery('Acme Robotics', '')).toMatchObject({ domains: [], companyName: 'Acme Robotics' });
  });
});
