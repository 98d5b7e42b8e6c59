/**
 * The build-time switch that renders the LinkedIn opt-in panel (entrypoints/inpage.content, the
 * only panel drawn in the page itself) with Preact instead of React: React DOM alone is ~62 KB
 * gzipped, preact/compat ~5 KB, and inpage.js has a 100 KB budget (docs/benchmarks.md §2). The
 * panel code is unchanged and still written against React's API; wxt.config.ts applies these
 * aliases only to the build that contains an entrypoint `usesPreact` accepts, and the Preact
 * variant of the panel's unit tests (vitest.config.ts, project "preact") uses the same list.
 * Everything else (popup, options, side panel, the framed CRM panel) keeps React 19.
 */

/** Entrypoints rendered with preact/compat (by WXT entrypoint name). */
export const PREACT_ENTRYPOINTS: readonly string[] = ['inpage'];

export const usesPreact = (entrypoint: { name: string }): boolean => PREACT_ENTRYPOINTS.includes(entrypoint.name);

/** Vite `resolve.alias` entries; exact matches, so e.g. `react-dom/client` is not caught by `react-dom`. */
export const PREACT_COMPAT_ALIASES: { find: RegExp; replacement: string }[] = [
  { find: /^react$/, replacement: 'preact/compat' },
  { find: /^react\/jsx-runtime$/, replacement: 'preact/compat/jsx-runtime' },
  { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/compat/jsx-dev-runtime' },
  { find: /^react-dom$/, replacement: 'preact/compat' },
  { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
];
