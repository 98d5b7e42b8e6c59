/**
 * Scoped DOM queries for the reading layers: every query is limited to the record area, skips what
 * the rep cannot see (hidden cached tabs, collapsed copies of a previous record), skips excluded
 * areas (navigation, association cards, the extension's own panel), and also looks inside open
 * shadow roots, since Salesforce is moving its base components to native shadow DOM.
 *
 * Shadow roots under the scope are collected once per Query (one TreeWalker pass) and only when a
 * query needs them, so a page without shadow DOM pays one walk per check at most.
 */
import type { Selectors } from './dom';

/** Areas no layer reads on any site: the app's own chrome, and this extension's UI. */
export const GLOBAL_EXCLUDE = '[role="navigation"], nav, [role="banner"], [role="menubar"], [role="search"], [role="contentinfo"], footer';

export interface Query {
  /** the record area */
  root: Element;
  /** first shown, non-excluded element matching any alternative, in table order */
  first(selectors: Selectors | string, within?: Element | null): Element | null;
  /** every shown, non-excluded element matching any alternative (deduplicated) */
  all(selectors: Selectors | string, within?: Element | null): Element[];
  /** is this element one the layers may read (shown, not excluded)? */
  readable(el: Element): boolean;
  /** the scope and every open shadow root under it (for text walks) */
  roots(): (Element | ShadowRoot)[];
}

const OWN_TAG = /^RECOTAP-LENS/;

/** The shadow host of a node in a shadow tree, else its parent element. */
function parentAcross(el: Element): Element | null {
  if (el.parentElement) return el.parentElement;
  const root = el.parentNode;
  return root && (root as ShadowRoot).host ? (root as ShadowRoot).host : null;
}

/** Does the document have layout (a real browser)? DOM-only test environments have none. */
function hasLayout(doc: Document): boolean {
  const html = doc.documentElement;
  return !!html && typeof html.getClientRects === 'function' && html.getClientRects().length > 0 && html.getBoundingClientRect().height > 0;
}

function styleHides(el: Element): boolean {
  if ((el as HTMLElement).hidden) return true;
  const style = el.getAttribute('style');
  return !!style && /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style);
}

/**
 * Is the element shown? In a browser, checkVisibility (or client rects); without layout (jsdom,
 * happy-dom: diagnostics and unit tests), the `hidden` attribute and inline display/visibility of
 * the element and its ancestors, across shadow boundaries.
 */
export function isShown(el: Element, layout = hasLayout(el.ownerDocument)): boolean {
  if (layout) {
    const check = (el as Element & { checkVisibility?: (o?: object) => boolean }).checkVisibility;
    if (typeof check === 'function') return check.call(el, { visibilityProperty: true });
    return el.getClientRects().length > 0;
  }
  for (let e: Element | null = el; e; e = parentAcross(e)) if (styleHides(e)) return false;
  return true;
}

/** closest() that continues through shadow hosts. */
export function closestAcross(el: Element, selector: string): Element | null {
  for (let e: Element | null = el; e; e = parentAcross(e)) {
    try {
      if (e.matches(selector)) return e;
    } catch {
      return null;
    }
  }
  return null;
}

function isOwnUi(el: Element): boolean {
  for (let e: Element | null = el; e; e = parentAcross(e)) if (OWN_TAG.test(e.tagName)) return true;
  return false;
}

/** Creates the queries of one check over `root`; `exclude` adds site areas (association cards). */
export function createQuery(root: Element, opts: { exclude?: string } = {}): Query {
  const doc = root.ownerDocument;
  const layout = hasLayout(doc);
  const exclude = opts.exclude ? `${GLOBAL_EXCLUDE}, ${opts.exclude}` : GLOBAL_EXCLUDE;
  let shadows: ShadowRoot[] | null = null;
  const shown = new Map<Element, boolean>();

  function shadowRoots(): ShadowRoot[] {
    if (shadows) return shadows;
    shadows = [];
    const pending: (Element | ShadowRoot)[] = [root];
    while (pending.length) {
      const base = pending.pop()!;
      const walker = doc.createTreeWalker(base, 1 /* NodeFilter.SHOW_ELEMENT */);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const sr = (n as Element).shadowRoot;
        if (sr && !OWN_TAG.test((n as Element).tagName)) {
          shadows.push(sr);
          pending.push(sr);
        }
      }
      const own = (base as Element).shadowRoot;
      if (base === root && own) {
        shadows.push(own);
        pending.push(own);
      }
    }
    return shadows;
  }

  function readable(el: Element): boolean {
    let ok = shown.get(el);
    if (ok === undefined) {
      ok = !closestAcross(el, exclude) && !isOwnUi(el) && isShown(el, layout);
      shown.set(el, ok);
    }
    return ok;
  }

  function matches(base: ParentNode, sel: string): Element[] {
    try {
      return Array.from(base.querySelectorAll(sel));
    } catch {
      return []; // an invalid alternative must not break the others
    }
  }

  function within(base: Element): ShadowRoot[] {
    return shadowRoots().filter((sr) => base === root || base.contains(sr.host) || sr.host === base);
  }

  function all(selectors: Selectors | string, inside?: Element | null): Element[] {
    const base = inside ?? root;
    if (inside === null) return [];
    const list = typeof selectors === 'string' ? [selectors] : selectors;
    const seen = new Set<Element>();
    const out: Element[] = [];
    for (const sel of list) {
      for (const el of [...matches(base, sel), ...within(base).flatMap((sr) => matches(sr, sel))]) {
        if (seen.has(el)) continue;
        seen.add(el);
        if (readable(el)) out.push(el);
      }
    }
    return out;
  }

  function first(selectors: Selectors | string, inside?: Element | null): Element | null {
    if (inside === null) return null;
    const base = inside ?? root;
    const list = typeof selectors === 'string' ? [selectors] : selectors;
    for (const sel of list) {
      for (const el of matches(base, sel)) if (readable(el)) return el;
    }
    // nothing in the light DOM: look inside open shadow roots
    for (const sel of list) {
      for (const sr of within(base)) for (const el of matches(sr, sel)) if (readable(el)) return el;
    }
    return null;
  }

  return { root, first, all, readable, roots: () => [root, ...shadowRoots()] };
}
