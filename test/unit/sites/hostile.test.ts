/** Page-derived strings stay inert: markup in a CRM field is returned as text, never parsed or run. */
import { describe, expect, it } from 'vitest';
import { cases } from '../../fixtures/sites/salesforce-lightning/cases';
import adapter from '../../../utils/sites/adapters/salesforce-lightning';
import { clean, emailValue, websiteValue } from '../../../utils/sites/dom';
import { loadDocument, read } from './harness';

describe('hostile fixture', () => {
  const c = cases.find((x) => x.file === 'hostile.html')!;

  it('returns the company name as the literal text shown, and drops the javascript: website', () => {
    const doc = loadDocument('salesforce-lightning', c.file);
    const ctx = read(adapter, doc, c.url).ctx!;
    expect(ctx.companyName).toContain('<img src=x onerror=');
    expect(ctx.companyName).toContain('<script>');
    expect(ctx.websites).toEqual([]);
    expect((globalThis as { __pwned?: unknown }).__pwned).toBeUndefined();
  });

  it('the extracted name, put into a page as text, creates no element', () => {
    const ctx = read(adapter, loadDocument('salesforce-lightning', c.file), c.url).ctx!;
    const host = document.createElement('div');
    host.textContent = ctx.companyName ?? '';
    expect(host.children.length).toBe(0);
    expect(host.textContent).toBe(ctx.companyName);
  });

  it('value helpers reject non-web schemes and markup, and cap lengths', () => {
    expect(websiteValue('javascript:alert(1)')).toBeUndefined();
    expect(websiteValue('data:text/html,<script>')).toBeUndefined();
    expect(websiteValue('https://evil.example/"><script>')).toBeUndefined();
    expect(websiteValue('3.5')).toBeUndefined();
    expect(websiteValue(' https://www.acmerobotics.com ')).toBe('https://www.acmerobotics.com');
    expect(websiteValue('acmerobotics.com')).toBe('acmerobotics.com');
    expect(emailValue('mailto:Dana.Whitfield@AcmeRobotics.com?subject=hi')).toBe('dana.whitfield@acmerobotics.com');
    expect(emailValue('<script>@x.y')).toBeUndefined();
    expect(clean('x'.repeat(1000), 300)).toHaveLength(300);
    expect(clean('  a \n\t b  ')).toBe('a b');
  });
});
