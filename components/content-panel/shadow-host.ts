/**
 * The in-page panel's isolation boundary: a custom element appended to <body>, with a shadow root
 * holding <html><head><style>(reset + the panel's inlined CSS)</style></head><body>. WXT's
 * createShadowRootUi builds the same thing, but with its auto-mount, anchor and CSS-fetch code
 * (and their dependencies) it cost crm.js ~2.5 KB gzipped; the panel needs none of that.
 */

/** Keys typed into the panel must not reach the page's shortcuts (Gmail, Salesforce, …). */
const ISOLATED_EVENTS = ['keydown', 'keyup', 'keypress'] as const;

/** `all: initial` on the host: no inherited page styles (fonts, colours, line height) leak in. */
const HOST_RESET = ':host{all:initial !important;}';

export interface PanelHost {
  /** the element in the page (<recotap-lens-panel>) */
  host: HTMLElement;
  shadow: ShadowRoot;
  /** the shadow root's <body>: render into this */
  container: HTMLElement;
  /** detach from the page (safe to call twice) */
  remove(): void;
}

/** Builds the host (not yet in the page); `attach` appends it as the last child of <body>. */
export function createPanelHost(doc: Document, opts: { name: string; css: string }): PanelHost & { attach(): void } {
  const host = doc.createElement(opts.name);
  const shadow = host.attachShadow({ mode: 'open' });
  const html = doc.createElement('html');
  const head = doc.createElement('head');
  const body = doc.createElement('body');
  const style = doc.createElement('style');
  style.textContent = `${HOST_RESET}\n${opts.css}`;
  head.append(style);
  html.append(head, body);
  shadow.append(html);
  for (const type of ISOLATED_EVENTS) body.addEventListener(type, (e) => e.stopPropagation());
  return {
    host,
    shadow,
    container: body,
    attach: () => (doc.body ?? doc.documentElement).append(host),
    remove: () => host.remove(),
  };
}
