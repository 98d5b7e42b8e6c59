/**
 * Domain normalisation exactly as the Recotap API applies it (recotap-api.md §2.9):
 * trim → lower-case → drop `scheme://` → drop everything from the first `/`, `?` or `#`
 * → drop `:port` → drop one leading `www.` → keep other subdomains.
 * Shared by the client (before sending and comparing) and the emulator (on write and filter).
 * Returns '' for input that has nothing left.
 */
export function normalizeApiDomain(input: string): string {
  let s = String(input).trim().toLowerCase();
  const scheme = s.indexOf('://');
  if (scheme !== -1) s = s.slice(scheme + 3);
  const cut = s.search(/[/?#]/);
  if (cut !== -1) s = s.slice(0, cut);
  const colon = s.indexOf(':');
  if (colon !== -1) s = s.slice(0, colon);
  if (s.startsWith('www.')) s = s.slice(4);
  return s;
}
