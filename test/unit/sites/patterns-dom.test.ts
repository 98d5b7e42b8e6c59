import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { linkedinSlug, looksLikeHost, queryEach } from '../../../utils/sites/dom';
import { loadDocument } from './harness';
import { matchesAny, matchesPattern } from '../../../utils/sites/patterns';

describe('match patterns as host tests', () => {
  it('matches scheme and host, wildcard subdomains and the bare domain; ignores the path', () => {
    const sf = ['https://*.lightning.force.com/*', 'https://*.my.salesforce.com/*'];
    expect(matchesAny(sf, new URL('https://acme.lightning.force.com/lightning/r/Account/001/view'))).toBe(true);
    expect(matchesAny(sf, new URL('https://ACME.my.salesforce.com/'))).toBe(true);
    expect(matchesAny(sf, new URL('https://lightning.force.com/x'))).toBe(true);
    expect(matchesAny(sf, new URL('http://acme.lightning.force.com/'))).toBe(false);
    expect(matchesAny(sf, new URL('https://acme.lightning.force.com.evil.example/'))).toBe(false);
    expect(matchesAny(sf, new URL('https://evillightning.force.com/'))).toBe(false);
    expect(matchesPattern('*://app.hubspot.com/*', new URL('http://app.hubspot.com/contacts'))).toBe(true);
    expect(matchesPattern('*://app.hubspot.com/*', new URL('ftp://app.hubspot.com/'))).toBe(false);
    expect(matchesPattern('not a pattern', new URL('https://app.hubspot.com/'))).toBe(false);
    // the same answers when asked again (patterns are parsed once)
    expect(matchesAny(sf, new URL('https://acme.lightning.force.com/'))).toBe(true);
    expect(matchesPattern('not a pattern', new URL('https://app.hubspot.com/'))).toBe(false);
  });
});

describe('LinkedIn company slugs in links', () => {
  it('reads company, showcase and school slugs from LinkedIn links, relative ones included', () => {
    expect(linkedinSlug('https://www.linkedin.com/company/Acme-Robotics/about/')).toBe('acme-robotics');
    expect(linkedinSlug('https://linkedin.com/showcase/acme-labs')).toBe('acme-labs');
    expect(linkedinSlug('//www.linkedin.com/school/acme-u/')).toBe('acme-u');
    expect(linkedinSlug('/company/acme/')).toBe('acme'); // LinkedIn's own relative links
    expect(linkedinSlug('https://de.linkedin.com/company/acme%20gmbh')).toBe('acme gmbh');
  });

  it('answers a link read again the same, the hostile ones included, however many links came between', () => {
    const hrefs = ['https://www.linkedin.com/company/Acme-Robotics/', 'https://linkedin.com.evil.example/company/acme', '/company/acme/'];
    const first = hrefs.map(linkedinSlug);
    expect(first).toEqual(['acme-robotics', undefined, 'acme']);
    // more links than it remembers, then the same ones again
    for (let i = 0; i < 100; i++) expect(linkedinSlug(`https://www.linkedin.com/company/co-${i}/`)).toBe(`co-${i}`);
    expect(hrefs.map(linkedinSlug)).toEqual(first);
    expect(hrefs.map(linkedinSlug)).toEqual(first);
    // a hostile page's huge href is answered, not remembered
    const huge = `https://www.linkedin.com/company/acme/?q=${'x'.repeat(100_000)}`;
    expect([linkedinSlug(huge), linkedinSlug(huge)]).toEqual(['acme', 'acme']);
  });

  it('ignores links that are not a LinkedIn company page', () => {
    expect(linkedinSlug('https://acme.example/company/acme')).toBeUndefined();
    expect(linkedinSlug('https://www.linkedin.com/in/jo-doe/')).toBeUndefined();
    expect(linkedinSlug('https://linkedin.com.evil.example/company/acme')).toBeUndefined();
    expect(linkedinSlug('javascript:alert(1)//linkedin.com/company/x')).toBeUndefined();
    expect(linkedinSlug('mailto:jo@acme.example')).toBeUndefined();
    expect(linkedinSlug('')).toBeUndefined();
    expect(linkedinSlug(null)).toBeUndefined();
  });
});

describe('host-shaped website values', () => {
  it('answers as the Unicode rule does, for ASCII and internationalised hosts alike', () => {
    const unicode = /^([\p{L}\p{N}-]+\.)+\p{L}[\p{L}\p{N}-]*\.?(:\d+)?$/u;
    const hosts = ['acme.com', 'www.acme.co.uk', 'ACME.COM.', 'acme.com:8443', 'a-b.c-d.io', '3.5', 'v1.2', 'acme', '.acme.com', 'acme..com',
      'acme.c0m', 'acme.1com', 'münchen.de', 'bücher.example', 'пример.рф', '例え.テスト', 'acme.com:x', '', 'acme_corp.com', 'xn--mnchen-3ya.de'];
    for (const h of hosts) expect(looksLikeHost(h), h).toBe(unicode.test(h));
  });
});

describe('a selector list as one query per selector (queryEach)', () => {
  it('finds what querySelectorAll of the joined list finds, in the same order, on every site fixture', () => {
    const lists = [
      ['main', '[role="main"]', 'div', 'a[href]'],
      ['h1', 'header h1', '[data-id="header_title"]', 'span.title'],
      ['li a', 'li', 'ul', '.slds-is-active', 'section div'],
      ['[data-test-id]', '[data-testid]', 'td', 'tr > td:first-child'],
    ];
    const root = join(import.meta.dirname, '../../fixtures/sites');
    let compared = 0;
    for (const site of readdirSync(root)) {
      let files: string[];
      try {
        files = readdirSync(join(root, site)).filter((f) => f.endsWith('.html'));
      } catch {
        continue; // not a folder
      }
      for (const file of files) {
        const doc = loadDocument(site, file);
        for (const list of lists) {
          const want = Array.from(doc.querySelectorAll(list.join(', ')));
          expect(queryEach(doc, list), `${site}/${file}: ${list.join(', ')}`).toEqual(want);
          compared += want.length;
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });
});
