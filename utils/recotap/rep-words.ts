/**
 * Rep words for what a Recotap request was doing and for the API's field names, so a 400 or a 403
 * says what failed in the glossary's words (docs/glossary.md): never `ownerEmail`, `rtp_aid` or
 * Recotap's own validation sentences. The raw detail stays on the error (RecotapError.detail) for
 * diagnostics and logs.
 */

export interface RequestWords {
  /** what the key was not allowed to do: "log calls and e-mails" */
  action: string;
  /** what Recotap did not accept: "the call or e-mail" */
  subject: string;
}

const GENERIC: RequestWords = { action: 'do that', subject: 'the request' };

/** Most specific first; the path is the API path without the base URL or query. */
const REQUESTS: readonly { method: string; path: RegExp; words: RequestWords }[] = [
  { method: 'POST', path: /^\/sales-activities/, words: { action: 'log calls and e-mails', subject: 'the call or e-mail' } },
  { method: 'GET', path: /^\/accounts\/custom-fields/, words: { action: 'read custom fields', subject: 'the request for custom fields' } },
  { method: 'POST', path: /^\/accounts\/custom-field/, words: { action: 'create custom fields', subject: 'the custom field' } },
  { method: 'GET', path: /^\/accounts\/missing-external-ids/, words: { action: 'read accounts without a CRM id', subject: 'the request' } },
  { method: 'PATCH', path: /^\/accounts\/external-ids/, words: { action: 'link accounts to CRM records', subject: 'the CRM record ids' } },
  { method: 'PUT', path: /^\/accounts\//, words: { action: 'change accounts', subject: 'the account change' } },
  { method: 'GET', path: /^\/accounts/, words: { action: "read your team's accounts", subject: 'the account lookup' } },
  { method: 'POST', path: /^\/accounts/, words: { action: 'add accounts', subject: 'the account' } },
  { method: 'GET', path: /^\/segments/, words: { action: 'list segments', subject: 'the request for segments' } },
  { method: 'GET', path: /^\/journey-stages/, words: { action: 'read journey stages', subject: 'the request for journey stages' } },
  { method: 'POST', path: /^\/deals/, words: { action: 'update deals', subject: 'the deal' } },
  { method: 'GET', path: /^\/deal-stages/, words: { action: 'read deal stages', subject: 'the request for deal stages' } },
  { method: 'POST', path: /^\/deal-stages/, words: { action: 'add deal stages', subject: 'the deal stages' } },
];

/** The words for a request (method + API path); generic ones when the request is unknown. */
export function requestWords(request?: { method: string; path: string }): RequestWords {
  if (!request) return GENERIC;
  const method = request.method.toUpperCase();
  return REQUESTS.find((r) => r.method === method && r.path.test(request.path))?.words ?? GENERIC;
}

/**
 * API field names (as a path like "activities.0.ownerEmail" or inside a server sentence) → rep
 * words. Order matters: the work e-mail before any other e-mail, a contact before a company name.
 */
const FIELDS: readonly [RegExp, string][] = [
  [/owner_?email/i, 'your work e-mail (Settings)'],
  [/contact|e-?mail/i, "the contact's e-mail"],
  [/domain|website|\burl\b/i, "the company's website"],
  [/segment/i, 'the segment'],
  [/external_?id/i, 'the CRM record id'],
  [/custom_?field/i, 'a custom field'],
  [/activity_?type|outcome|subject|\bnotes?\b|\bbody\b|direction|duration/i, 'the activity details'],
  [/timestamp|date|\w+At\b|lastSync/i, 'a date'],
  [/\bname\b|account_?name|short_?name/i, 'the company name'],
];

/** The rep words for the fields a 400 names (deduplicated, in FIELDS order); [] when none is recognised. */
export function fieldWords(texts: readonly string[]): string[] {
  const found = new Set<string>();
  for (const text of texts) {
    for (const [re, words] of FIELDS) {
      if (re.test(text)) {
        found.add(words);
        break; // one field, one meaning
      }
    }
  }
  return FIELDS.map(([, w]) => w).filter((w) => found.has(w));
}
