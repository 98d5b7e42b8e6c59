/**
 * Recotap API base URLs (recotap-api.md §2.1): production, sandbox (note the hyphen in
 * reco-tap.com), or a custom one that must be HTTPS, except plain HTTP on loopback for development.
 */
import { RECOTAP_BASE_URLS } from '../api-hosts';
import { RecotapError } from './errors';

export { RECOTAP_BASE_URLS };

export type BaseUrlChoice = 'production' | 'sandbox' | 'custom';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

function invalid(message: string): RecotapError {
  return new RecotapError('validation', message, { fieldErrors: [{ field: 'baseUrl', messages: [message] }] });
}

/** Returns the base URL for a choice; a custom URL is validated and its trailing slash trimmed. */
export function resolveBaseUrl(choice: BaseUrlChoice, custom?: string): string {
  if (choice === 'production' || choice === 'sandbox') return RECOTAP_BASE_URLS[choice];
  const raw = (custom ?? '').trim();
  if (raw === '') throw invalid('Enter the custom Recotap address.');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalid('The custom Recotap address is not a web address, for example https://eapi.example.com/api/v1.');
  }
  const loopback = LOOPBACK.has(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw invalid('The custom Recotap address must start with https:// (http:// only for localhost and 127.0.0.1).');
  }
  // credentials in the URL would end up in logs and permission prompts
  if (url.username || url.password) throw invalid('The custom Recotap address must not contain a user name or password.');
  if (url.search || url.hash) throw invalid('The custom Recotap address must not contain a query (?…) or fragment (#…).');
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}
