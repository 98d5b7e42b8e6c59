/**
 * Scoped DOM queries for the reading layers: every query is limited to the record area, skips what
 * the rep cannot see (hidden cached tabs, collapsed copies of a previous record), skips excluded
 * areas (navigation, association cards, the extension's own panel), and also looks inside open
 * shadow roots, since Salesforce is moving its base components to native shadow DOM.
 *
 * Shadow roots under the scope are collected once per Query (one TreeWalker pass) and only when a
 * query needs them; readPage first reads with `shadows: false` and walks for shadow roots only
 * when no field in the light DOM gave a website or e-mail. Whether an element may be read is
 * decided with native closest() per tree segment, never with a query over the whole area.
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

/** The shadow host of a node in a shadow tree, else its parent element. */
function parentAcross(el: Element): Element | null {
  if (el.parentElement) return el.parentElement;
  const root = el.parentNode;
  return root && (root as ShadowRoot).host ? (root as ShadowRoot).host : null;
}

const layoutOf = new WeakMap<Document, boolean>();
/**
 * Does the document have layout (a real browser)? DOM-only environments (jsdom, happy-dom: the
 * diagnose tool and unit tests) have none. Decided without touching layout: forcing a layout of a
 * busy CRM page on every check would cost the page more than the whole read.
 */
function hasLayout(doc: Document): boolean {
  let known = layoutOf.get(doc);
  if (known === undefined) {
    const ua = doc.defaultView?.navigator?.userAgent ?? '';
    const html = doc.documentElement as (Element & { checkVisibility?: unknown }) | null;
    known = !/jsdom|happydom|happy-dom/i.test(ua) && typeof html?.checkVisibility === 'function';
    layoutOf.set(doc, known);
  }
  return known;
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

/**
 * The one shown element of several candidates (cached tabs, earlier conversations). With one
 * candidate no style is computed at all: a check must not force the page's style or layout.
 */
export function pickShown<T extends Element>(candidates: readonly T[]): T | undefined {
  if (candidates.length <= 1) return candidates[0] && !hiddenByMarkup(candidates[0], null) ? candidates[0] : undefined;
  const layout = hasLayout(candidates[0]!.ownerDocument);
  return candidates.find((el) => isShown(el, layout));
}

/** Hidden by markup (the `hidden` attribute, inline display/visibility) between el and `top`. */
function hiddenByMarkup(el: Element, top: Element | null): boolean {
  for (let e: Element | null = el; e && e !== top; e = parentAcross(e)) if (styleHides(e)) return true;
  return false;
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

/** The extension's own UI in a page (the panel's host element); no layer reads inside it. */
export const OWN_UI = 'recotap-lens-panel';
/** Markup that may hide an element (verified with styleHides: the attribute selectors only narrow). */
const MAYBE_HIDDEN = '[hidden], [style*="display" i], [style*="visibility" i]';

/** Does this selector list parse? (a bad site `exclude` must not break reading) Decided once per selector. */
const parsed = new Map<string, boolean>();
function parses(doc: Document, selector: string): boolean {
  let ok = parsed.get(selector);
  if (ok === undefined) {
    try {
      doc.createDocumentFragment().querySelector(selector);
      ok = true;
    } catch {
      ok = false;
    }
    parsed.set(selector, ok);
  }
  return ok;
}

/**
 * Creates the queries of one check over `root` (already chosen as the shown record area);
 * `exclude` adds site areas (association cards). Elements are filtered without computing style:
 * markup-hidden elements, excluded areas and the extension's own UI are skipped. `shadows: false`
 * keeps every query in the light DOM (no walk for shadow roots).
 */
export function createQuery(root: Element, opts: { exclude?: string; shadows?: boolean } = {}): Query {
  const doc = root.ownerDocument;
  const withSite = opts.exclude ? `${GLOBAL_EXCLUDE}, ${opts.exclude}` : GLOBAL_EXCLUDE;
  const exclude = opts.exclude && !parses(doc, withSite) ? GLOBAL_EXCLUDE : withSite;
  const skip = `${exclude}, ${OWN_UI}`;
  const blocking = `${skip}, ${MAYBE_HIDDEN}`;
  let shadows: ShadowRoot[] | null = null;
  let rootAndAbove: Set<Element> | null = null;
  const verdicts = new Map<Element, boolean>();

  function shadowRoots(): ShadowRoot[] {
    if (shadows) return shadows;
    shadows = [];
    if (opts.shadows === false) return shadows;
    const pending: (Element | ShadowRoot)[] = [root];
    const own = root.shadowRoot;
    if (own) {
      shadows.push(own);
      pending.push(own);
    }
    while (pending.length) {
      const base = pending.pop()!;
      const walker = doc.createTreeWalker(base, 1 /* NodeFilter.SHOW_ELEMENT */);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const sr = (n as Element).shadowRoot;
        if (sr && (n as Element).localName !== OWN_UI) {
          shadows.push(sr);
          pending.push(sr);
        }
      }
    }
    return shadows;
  }

  function matches(base: ParentNode, sel: string): Element[] {
    try {
      return Array.from(base.querySelectorAll(sel));
    } catch {
      return []; // an invalid alternative must not break the others
    }
  }

  /** The record area and its ancestors (across shadow hosts): markup above the scope does not hide. */
  function aboveScope(el: Element): boolean {
    if (!rootAndAbove) {
      rootAndAbove = new Set();
      for (let e: Element | null = root; e; e = parentAcross(e)) rootAndAbove.add(e);
    }
    return rootAndAbove.has(el);
  }

  /**
   * Readable = not inside an excluded area or our own UI (anywhere up the tree), and not hidden by
   * markup between the element and the scope. Native closest() finds the candidates one tree
   * segment at a time (light DOM, then each shadow host), so a check costs a few calls per element
   * instead of a query over the whole record area.
   */
  function readable(el: Element): boolean {
    let ok = verdicts.get(el);
    if (ok !== undefined) return ok;
    ok = true;
    for (let e: Element | null = el; e && ok; ) {
      const hit = e.closest(blocking);
      if (!hit) {
        const top = e.getRootNode() as ShadowRoot | Document;
        e = (top as ShadowRoot).host ?? null;
        continue;
      }
      if (hit.matches(skip)) ok = false;
      else if (!aboveScope(hit) && styleHides(hit)) ok = false;
      e = parentAcross(hit);
    }
    verdicts.set(el, ok);
    return ok;
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
    const collect = (found: Element[]) => {
      for (const el of found) {
        if (seen.has(el)) continue;
        seen.add(el);
        if (readable(el)) out.push(el);
      }
    };
    for (const sel of list) collect(matches(base, sel));
    for (const sel of list) collect(within(base).flatMap((sr) => matches(sr, sel)));
    return out;
  }

  function first(selectors: Selectors | string, inside?: Element | null): Element | null {
    if (inside === null) return null;
    const base = inside ?? root;
    const list = typeof selectors === 'string' ? [selectors] : selectors;
    for (const sel of list) {
      let one: Element | null = null;
      try {
        one = base.querySelector(sel);
      } catch {
        continue; // an invalid alternative must not break the others
      }
      if (!one) continue;
      if (readable(one)) return one;
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
