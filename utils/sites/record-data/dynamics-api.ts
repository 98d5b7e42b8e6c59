/**
 * Dynamics 365 record data (issue #16, docs/detection.md "Record data"): the page's own origin
 * serves the Dynamics Web API to the signed-in user's session, so the record the URL names (etn +
 * id) can be read as data, whatever the form's layout, language or customisation. One GET, only
 * the columns below, nothing written; the response is validated here (valibot: content side).
 * Any failure (401/403 without read rights, an on-premises server with another API version, a
 * timeout, malformed JSON) returns a reason and the DOM layers read the page instead.
 */
import * as v from 'valibot';
import type { LayerFound, RecordMatch } from '../types';
import { clean, contactOf, emailValue, websiteValue } from '../dom';

export const DYNAMICS_API_PATH = '/api/data/v9.2';

const str = v.optional(v.nullable(v.pipe(v.string(), v.maxLength(4096))));
const AccountCols = v.object({ name: str, websiteurl: str, emailaddress1: str });
const optAccount = v.optional(v.nullable(AccountCols));
const SCHEMAS = {
  account: AccountCols,
  contact: v.object({ fullname: str, emailaddress1: str, jobtitle: str, parentcustomerid_account: optAccount }),
  lead: v.object({ fullname: str, companyname: str, websiteurl: str, emailaddress1: str, jobtitle: str }),
  opportunity: v.object({ name: str, parentaccountid: optAccount, customerid_account: optAccount }),
} as const;

type Entity = keyof typeof SCHEMAS;

/** Entity set and query per record type: the only columns read. */
const QUERIES: Record<Entity, { set: string; query: string }> = {
  account: { set: 'accounts', query: '$select=name,websiteurl,emailaddress1' },
  contact: { set: 'contacts', query: '$select=fullname,emailaddress1,jobtitle&$expand=parentcustomerid_account($select=name,websiteurl)' },
  lead: { set: 'leads', query: '$select=fullname,companyname,websiteurl,emailaddress1,jobtitle' },
  opportunity: {
    set: 'opportunities',
    query: '$select=name&$expand=parentaccountid($select=name,websiteurl,emailaddress1),customerid_account($select=name,websiteurl,emailaddress1)',
  },
};

const GUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export type RecordDataResult = { ok: true; found: LayerFound } | { ok: false; reason: string };

export interface RecordDataEnv {
  /** the page's fetch (Firefox: content.fetch, so the request is the page's own, with its cookies) */
  fetch: typeof fetch;
  /** the page's origin: the only host asked */
  origin: string;
  /** default 3000 */
  timeoutMs?: number;
}

/** The Web API URL for a record, or null for a record type it does not cover. */
export function dynamicsApiUrl(match: RecordMatch, origin: string): string | null {
  const q = QUERIES[match.recordType as Entity];
  if (!q || !GUID_RE.test(match.recordId)) return null;
  return `${origin}${DYNAMICS_API_PATH}/${q.set}(${match.recordId})?${q.query}`;
}

const name = (s: string | null | undefined) => clean(s, 300);

/** The validated columns as a reading layer. */
function toLayer(entity: Entity, data: unknown): LayerFound | null {
  const parsed = v.safeParse(SCHEMAS[entity], data);
  if (!parsed.success) return null;
  const d = parsed.output as Record<string, never>;
  const acct = (a: v.InferOutput<typeof AccountCols> | null | undefined): LayerFound => ({
    websites: [websiteValue(a?.websiteurl)],
    emails: [emailValue(a?.emailaddress1)],
    companyName: name(a?.name),
  });
  switch (entity) {
    case 'account':
      return { ...acct(d), title: name(d.name) };
    case 'contact': {
      const email = emailValue(d.emailaddress1);
      const a = acct(d.parentcustomerid_account);
      return { ...a, emails: [email], title: name(d.fullname), contacts: [contactOf(email, name(d.fullname), name(d.jobtitle))] };
    }
    case 'lead': {
      const email = emailValue(d.emailaddress1);
      return { websites: [websiteValue(d.websiteurl)], emails: [email], companyName: name(d.companyname), title: name(d.fullname), contacts: [contactOf(email, name(d.fullname), name(d.jobtitle))] };
    }
    case 'opportunity':
      return { ...acct(d.parentaccountid ?? d.customerid_account), title: name(d.name) };
  }
}

/** Reads the URL's record through the page origin's Dynamics Web API (see file comment). */
export async function fetchDynamicsRecord(match: RecordMatch, env: RecordDataEnv): Promise<RecordDataResult> {
  const url = dynamicsApiUrl(match, env.origin);
  if (!url) return { ok: false, reason: 'unsupported' };
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), env.timeoutMs ?? 3000);
  try {
    const res = await env.fetch(url, {
      method: 'GET',
      headers: { Accept: 'application/json', 'OData-Version': '4.0', 'OData-MaxVersion': '4.0' },
      credentials: 'same-origin',
      signal: controller.signal,
    });
    if (!res.ok) return { ok: false, reason: `http-${res.status}` };
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      return { ok: false, reason: controller.signal.aborted ? 'timeout' : 'invalid-json' };
    }
    const found = toLayer(match.recordType as Entity, body);
    return found ? { ok: true, found } : { ok: false, reason: 'invalid-shape' };
  } catch {
    return { ok: false, reason: controller.signal.aborted ? 'timeout' : 'network' };
  } finally {
    clearTimeout(timer);
  }
}
