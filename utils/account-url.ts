/**
 * "Open in Recotap": the account's page in Recotap, built only from a URL template the rep or IT
 * gave (Settings, or the managed policy's accountUrlTemplate). Recotap documents no account URL,
 * so none is ever guessed: without a valid template there is no link.
 */

/** Placeholders a template may use. */
const PLACEHOLDERS = /\{(rtpAid|domain)\}/g;

/** Whether `template` is an https URL template naming the account ({rtpAid} or {domain}). */
export function isAccountUrlTemplate(template: string): boolean {
  const t = template.trim();
  if (!/\{(rtpAid|domain)\}/.test(t)) return false;
  try {
    return new URL(t.replace(PLACEHOLDERS, 'x')).protocol === 'https:';
  } catch {
    return false;
  }
}

/** Why `template` cannot be used, in the rep's words; null when it can ('' = no template, no link). */
export function accountUrlTemplateProblem(template: string): string | null {
  const t = template.trim();
  if (t === '') return null;
  let url: URL;
  try {
    url = new URL(t.replace(PLACEHOLDERS, 'x'));
  } catch {
    return 'Enter a full web address, e.g. https://app.example.com/accounts/{rtpAid}.';
  }
  if (url.protocol !== 'https:') return 'The address must start with https://.';
  if (!/\{(rtpAid|domain)\}/.test(t)) return 'Put {rtpAid} (the Recotap account id) or {domain} where the account goes in the address.';
  return null;
}

/** The account's URL from the template, each value URL-encoded; null without a valid template. */
export function accountUrl(template: string | null | undefined, account: { rtpAid: string; domain: string }): string | null {
  if (!template || !isAccountUrlTemplate(template)) return null;
  return template.trim().replace(PLACEHOLDERS, (_, key: 'rtpAid' | 'domain') => encodeURIComponent(account[key]));
}
