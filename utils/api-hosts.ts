/**
 * The Recotap API base URLs (recotap-api.md §2.1), declared once. A leaf module with no secrets
 * and no dependencies, so both the background's client and the views' settings import it.
 */
export const RECOTAP_BASE_URLS = {
  production: 'https://eapi.recotap.com/api/v1',
  /** note the hyphen in reco-tap.com: a different domain from production */
  sandbox: 'https://sandboxapi.reco-tap.com/api/v1',
} as const;
