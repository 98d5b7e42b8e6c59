/**
 * The scoped query's reading rules (utils/sites/query.ts) and readPage's light-DOM-first order:
 * which elements a layer may read, and when open shadow roots are searched.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createQuery } from '../../../utils/sites/query';
import { readPage } from '../../../utils/sites/read-page';
import { getSiteAdapter } from '../../../utils/sites/registry';
import type { RecordMatch } from '../../../utils/sites/types';
import { loadDocument } from './harness';

function page(html: string): Document {
  return new DOMParser().parseFromString(`<!doctype html><html><body>${html}</body></html>`, 'text/html');
}

describe('createQuery: what a layer may read', () => {
  const doc = page(`
    <div id="outer" style="display:none">
      <main id="scope">
        <p class="v" id="plain">plain</p>
        <nav><p class="v" id="in-nav">nav</p></nav>
        <div class="related-card"><p class="v" id="in-card">card</p></div>
        <div style="display: NONE"><p class="v" id="hidden">hidden</p></div>
        <div style="display:flex; color:red"><p class="v" id="styled">styled</p></div>
        <section hidden><p class="v" id="hidden-attr">hidden attr</p></section>
        <recotap-lens-panel><p class="v" id="ours">ours</p></recotap-lens-panel>
        <div id="host"></div>
        <div id="nav-host" role="navigation"></div>
      </main>
    </div>`);
  const scope = doc.getElementById('scope')!;
  const sr = doc.getElementById('host')!.attachShadow({ mode: 'open' });
  sr.innerHTML = '<p class="v" id="deep">deep</p><div style="visibility:hidden"><p class="v" id="deep-hidden">x</p></div>';
  doc.getElementById('nav-host')!.attachShadow({ mode: 'open' }).innerHTML = '<p class="v" id="deep-nav">x</p>';

  it('skips excluded areas, markup-hidden content below the scope and its own UI, not markup above the scope', () => {
    const q = createQuery(scope, { exclude: '.related-card' });
    expect(q.all('.v').map((e) => e.id)).toEqual(['plain', 'styled', 'deep']);
  });

  it('a site exclude that does not parse keeps the global exclusions and reads the rest', () => {
    const q = createQuery(scope, { exclude: 'div[[' });
    expect(q.all('.v').map((e) => e.id)).toEqual(['plain', 'in-card', 'styled', 'deep']);
  });

  it('shadows: false keeps every query in the light DOM', () => {
    const q = createQuery(scope, { exclude: '.related-card', shadows: false });
    expect(q.all('.v').map((e) => e.id)).toEqual(['plain', 'styled']);
    expect(q.first('#deep')).toBeNull();
    expect(q.roots()).toEqual([scope]);
  });

  it('first() returns the first readable match, skipping unreadable ones that come earlier', () => {
    const q = createQuery(scope, { exclude: '.related-card' });
    expect(q.first(['#in-nav', '.v'])?.id).toBe('plain');
    expect(q.first('#deep')?.id).toBe('deep');
    expect(q.first('#deep-nav')).toBeNull();
  });
});

describe('readPage: light DOM first, shadow roots when no field gave a domain', () => {
  const adapter = getSiteAdapter('salesforce-lightning')!;
  const url = 'https://acme.lightning.force.com/lightning/r/Account/001Hs0000000AbCdEI/view';
  const match = adapter.matchUrl(new URL(url)) as RecordMatch;
  afterEach(() => vi.restoreAllMocks());

  it('a Website field in the light DOM is read without walking for shadow roots', () => {
    const doc = loadDocument('salesforce-lightning', 'account.html');
    const walk = vi.spyOn(doc, 'createTreeWalker');
    const r = readPage(adapter, doc, match);
    expect(r.ctx.websites).toEqual(['https://www.acmerobotics.com']);
    expect(r.via.websites).toBe('hooks');
    // the only walks are inside fields (a link in a component's shadow root), never over the record area
    const field = doc.querySelector('[field-label="Website"]')!;
    expect(walk.mock.calls.map(([base]) => field.contains(base as Node))).not.toContain(false);
  });

  it('a Website field inside an open shadow root wins over a link the page layer finds in the light DOM', () => {
    const doc = loadDocument('salesforce-lightning', 'account.html');
    const url = doc.querySelector('lightning-formatted-url')!;
    const a = url.querySelector('a')!;
    url.attachShadow({ mode: 'open' }).append(a); // the link moves into the component's shadow root
    const main = doc.querySelector('[role="main"], main') ?? doc.body;
    const other = Object.assign(doc.createElement('a'), { href: 'https://www.partner-example.org', textContent: 'www.partner-example.org' });
    main.append(other);
    const r = readPage(adapter, doc, match);
    expect(r.ctx.websites?.[0]).toBe('https://www.acmerobotics.com');
    expect(r.via.websites).not.toBe('page');
  });
});
