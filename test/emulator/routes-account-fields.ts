/**
 * PUT /accounts/:rtp_aid, GET /accounts/missing-external-ids, PATCH /accounts/external-ids,
 * GET /accounts/custom-fields and POST /accounts/custom-field (recotap-api.md §3.3–3.7).
 */
import type { Hono, MiddlewareHandler } from 'hono';
import { normalizeApiDomain } from '../../utils/recotap/domain.ts';
import type { ApiEnv, RouteDeps } from './deps.ts';
import { checkArray, checkLimit, fail, isNotEmpty, isPlainObject, Issues, ok, readJson } from './http.ts';
import { LABEL_TYPES, type CustomFieldDef, type CustomFieldValue, type LabelType } from './types.ts';

const publicField = (f: CustomFieldDef) => ({ ...f, options: [...f.options] });

/** Registers the per-account and custom-field routes. */
export function registerAccountFieldRoutes(api: Hono<ApiEnv>, auth: MiddlewareHandler, deps: RouteDeps): void {
  const { state } = deps;

  api.get('/accounts/missing-external-ids', auth, (c) => {
    const issues = new Issues();
    const limit = checkLimit(issues, c.req.query('limit'), deps.maxLimit);
    if (!issues.empty) return issues.respond(c);
    // a scan in id order that stops after `limit` matches: O(limit / share of unmapped accounts)
    const out: { name: string; domain: string }[] = [];
    for (const a of state.store.all()) {
      if (out.length >= limit) break;
      if (a.externalId === undefined || a.externalId === '') out.push({ name: a.name, domain: a.domain });
    }
    return ok(c, out);
  });

  api.patch('/accounts/external-ids', auth, async (c) => {
    const parsed = await readJson(c);
    if ('res' in parsed) return parsed.res;
    const body = isPlainObject(parsed.body) ? parsed.body : {};
    const issues = new Issues();
    const items = checkArray(issues, 'mappings', body.mappings, 1, 100);
    for (const raw of items ?? []) {
      const m = isPlainObject(raw) ? raw : {};
      if (!isNotEmpty(m.domain)) issues.add('domain', m.domain, 'isNotEmpty', 'domain should not be empty');
      if (!isNotEmpty(m.externalId)) issues.add('externalId', m.externalId, 'isNotEmpty', 'externalId should not be empty');
      else if (typeof m.externalId !== 'string') issues.add('externalId', m.externalId, 'isString', 'externalId must be a string');
    }
    if (!issues.empty || !items) return issues.respond(c);
    // last mapping for a domain wins
    const byDomain = new Map<string, { raw: string; externalId: string }>();
    for (const m of items as { domain: string; externalId: string }[]) {
      const d = normalizeApiDomain(String(m.domain));
      byDomain.delete(d);
      byDomain.set(d, { raw: String(m.domain), externalId: m.externalId });
    }
    let matched = 0;
    let updated = 0;
    const notFound: string[] = [];
    for (const [domain, m] of byDomain) {
      const accounts = [...state.store.byDomain(domain)];
      if (accounts.length === 0) notFound.push(m.raw);
      matched += accounts.length;
      for (const a of accounts) {
        if (a.externalId === m.externalId) continue;
        state.store.update(a, { externalId: m.externalId, updatedAt: state.bumpTime() });
        updated++;
      }
    }
    return ok(c, { matched, updated, notFound });
  });

  api.put('/accounts/:rtp_aid', auth, async (c) => {
    const id = c.req.param('rtp_aid');
    if (!/^[0-9a-f]{24}$/.test(id)) return fail(c, 400, 'Invalid rtp_aid');
    const parsed = await readJson(c);
    if ('res' in parsed) return parsed.res;
    if (!isPlainObject(parsed.body)) return fail(c, 400, 'Request body must be a JSON object');
    const body = parsed.body;
    const issues = new Issues();
    for (const key of Object.keys(body)) {
      if (key !== 'customFields') issues.add(key, body[key], 'whitelistValidation', `property ${key} should not exist`);
    }
    if (body.customFields !== undefined && !isPlainObject(body.customFields)) issues.add('customFields', body.customFields, 'isObject', 'customFields must be an object');
    if (!issues.empty) return issues.respond(c);
    const account = state.store.get(id);
    if (!account) return fail(c, 404, `Account '${id}' not found`);
    const cf = (body.customFields ?? {}) as Record<string, CustomFieldValue>;
    const unknown = Object.keys(cf).filter((k) => !state.activeField(k));
    if (unknown.length) return fail(c, 400, `Custom field key(s) not found: ${unknown.join(', ')}`);
    state.store.update(account, { customFields: { ...account.customFields, ...cf }, updatedAt: state.bumpTime() });
    return ok(c, { message: 'Account updated successfully' });
  });

  api.get('/accounts/custom-fields', auth, (c) => ok(c, state.customFields.filter((f) => f.status === 'active').map(publicField)));

  api.post('/accounts/custom-field', auth, async (c) => {
    const parsed = await readJson(c);
    if ('res' in parsed) return parsed.res;
    const body = isPlainObject(parsed.body) ? parsed.body : {};
    const issues = new Issues();
    if (!isNotEmpty(body.label)) issues.add('label', body.label, 'isNotEmpty', 'label should not be empty');
    else if (typeof body.label !== 'string') issues.add('label', body.label, 'isString', 'label must be a string');
    if (!LABEL_TYPES.includes(body.labelType as LabelType)) {
      issues.add('labelType', body.labelType, 'isIn', `labelType must be one of the following values: ${LABEL_TYPES.join(', ')}`);
    }
    if (body.description !== undefined && body.description !== null && typeof body.description !== 'string') {
      issues.add('description', body.description, 'isString', 'description must be a string');
    }
    const selection = body.labelType === 'singleSelection' || body.labelType === 'multiSelection';
    if (selection) {
      const opts = checkArray(issues, 'options', body.options, 1, Number.MAX_SAFE_INTEGER);
      if (opts?.some((o) => typeof o !== 'string')) issues.add('options', body.options, 'isString', 'each value in options must be a string');
    }
    if (!issues.empty) return issues.respond(c);
    const label = body.label as string;
    const key = `${label.replace(/ /g, '_').toUpperCase()}_C`;
    const existing = state.customFields.find((f) => f.key === key);
    if (existing?.status === 'active') return fail(c, 409, `Custom field '${key}' already exists`);
    const field: CustomFieldDef = {
      key, label, labelType: body.labelType as LabelType,
      description: typeof body.description === 'string' ? body.description : null,
      options: selection ? [...(body.options as string[])] : [],
      objectType: 'accounts', status: 'active',
    };
    if (existing) Object.assign(existing, field);
    else state.customFields.push(field);
    return ok(c, [publicField(field)], deps.createdStatus);
  });
}
