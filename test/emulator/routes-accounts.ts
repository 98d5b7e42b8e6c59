/** GET /accounts (keyset, lastSync, domains) and POST /accounts (create/upsert ≤100, segmentId). */
import type { Hono, MiddlewareHandler } from 'hono';
import { normalizeApiDomain } from '../../utils/recotap/domain.ts';
import type { ApiEnv, RouteDeps } from './deps.ts';
import { applyDrift } from './drift.ts';
import { checkArray, checkLimit, fail, isIso, isNotEmpty, isPlainObject, Issues, ok, readJson } from './http.ts';
import { accountRow } from './rows.ts';
import type { CustomFieldValue, StoredAccount } from './types.ts';

/** Registers the two /accounts collection routes. */
export function registerAccountRoutes(api: Hono<ApiEnv>, auth: MiddlewareHandler, deps: RouteDeps): void {
  const { state } = deps;

  api.get('/accounts', auth, (c) => {
    const q = c.req.query();
    const issues = new Issues();
    const limit = checkLimit(issues, q.limit, deps.maxLimit);
    if (q.lastSync !== undefined && !isIso(q.lastSync)) {
      issues.add('lastSync', q.lastSync, 'isIso8601', 'lastSync must be a valid ISO 8601 date string');
    }
    let domains: string[] | undefined;
    if (q.domains !== undefined) {
      let parsed: unknown;
      try { parsed = JSON.parse(q.domains); } catch { parsed = undefined; }
      if (!Array.isArray(parsed) || parsed.some((d) => typeof d !== 'string')) {
        issues.add('domains', q.domains, 'isJsonArray', 'domains must be a JSON array of strings');
      } else if (parsed.length > 100) {
        issues.add('domains', q.domains, 'arrayMaxSize', 'domains must contain no more than 100 elements');
      } else {
        domains = [...new Set((parsed as string[]).map(normalizeApiDomain).filter(Boolean))];
      }
    }
    if (!issues.empty) return issues.respond(c);
    const page = state.store.page({
      cursor: q.cursor || undefined,
      limit,
      lastSync: q.lastSync === undefined ? undefined : Date.parse(q.lastSync),
      domains,
    });
    deps.metrics.lastPageScanned = page.scanned;
    const syncTimestamp = new Date(state.issueSyncTimestamp()).toISOString();
    const rows = applyDrift(page.rows.map((a) => accountRow(state, a)), c.get('drift'));
    const last = page.rows[page.rows.length - 1];
    return ok(c, { data: rows, nextCursor: last ? last.rtp_aid : null, hasNextPage: page.hasNextPage, syncTimestamp });
  });

  api.post('/accounts', auth, async (c) => {
    const parsed = await readJson(c);
    if ('res' in parsed) return parsed.res;
    const body = isPlainObject(parsed.body) ? parsed.body : {};
    const issues = new Issues();
    const items = checkArray(issues, 'accounts', body.accounts, 1, 100);
    for (const raw of items ?? []) {
      const it = isPlainObject(raw) ? raw : {};
      if (!isNotEmpty(it.domain)) issues.add('domain', it.domain, 'isNotEmpty', 'domain should not be empty');
      else if (typeof it.domain !== 'string') issues.add('domain', it.domain, 'isString', 'domain must be a string');
      if (!isNotEmpty(it.name)) issues.add('name', it.name, 'isNotEmpty', 'name should not be empty');
      else if (typeof it.name !== 'string') issues.add('name', it.name, 'isString', 'name must be a string');
      if (it.externalId !== undefined && typeof it.externalId !== 'string') issues.add('externalId', it.externalId, 'isString', 'externalId must be a string');
      if (it.tags !== undefined && (!Array.isArray(it.tags) || it.tags.some((t) => typeof t !== 'string'))) issues.add('tags', it.tags, 'isArray', 'tags must be an array');
      if (it.customFields !== undefined && !isPlainObject(it.customFields)) issues.add('customFields', it.customFields, 'isObject', 'customFields must be an object');
    }
    if (body.segmentId !== undefined && typeof body.segmentId !== 'string') issues.add('segmentId', body.segmentId, 'isString', 'segmentId must be a string');
    if (body.upsert !== undefined && typeof body.upsert !== 'boolean') issues.add('upsert', body.upsert, 'isBoolean', 'upsert must be a boolean value');
    if (!issues.empty || !items) return issues.respond(c);

    // the segment is checked before any account is touched: a bad one writes nothing
    const segmentId = body.segmentId as string | undefined;
    if (segmentId !== undefined) {
      const seg = state.segments.find((s) => s.segmentId === segmentId);
      if (!seg) return fail(c, 400, `Segment '${segmentId}' not found`);
      if (seg.type !== 'static') return fail(c, 400, `Segment '${segmentId}' is not a static segment`);
      if (seg.status !== 'active' && seg.status !== 'draft') return fail(c, 400, `Segment '${segmentId}' is not active or draft and cannot accept new members`);
    }
    const upsert = body.upsert === true;
    const summary = { total: items.length, created: 0, updated: 0, failed: 0 };
    const results = items.map((raw) => {
      const it = raw as Record<string, unknown>;
      const domain = normalizeApiDomain(it.domain as string);
      const externalId = typeof it.externalId === 'string' ? it.externalId : undefined;
      const base = { domain, ...(externalId !== undefined ? { externalId } : {}) };
      const failed = (error: string, rtp_aid: string | null = null) => { summary.failed++; return { rtp_aid, ...base, status: 'failed', error }; };
      if (domain === '') return failed(`Domain '${String(it.domain)}' is not a valid domain. Unable to add this account.`);
      const cf = (it.customFields ?? {}) as Record<string, CustomFieldValue>;
      const unknown = Object.keys(cf).filter((k) => !state.activeField(k));
      if (unknown.length) return failed(`Custom field key(s) not found: ${unknown.join(', ')}. Unable to add this account.`);
      const scalar = {
        name: it.name as string,
        ...(externalId !== undefined ? { externalId } : {}),
        ...(typeof it.shortName === 'string' ? { shortName: it.shortName } : {}),
        ...(typeof it.linkedinUrl === 'string' ? { linkedinUrl: it.linkedinUrl } : {}),
        ...(Array.isArray(it.tags) ? { tags: [...(it.tags as string[])] } : {}),
      };
      const existing = state.store.byDomain(domain)[0];
      if (existing && !upsert) {
        return failed(`Account with domain '${domain}' already exists. Set upsert: true to update it via this endpoint.`, existing.rtp_aid);
      }
      const withSegment = (ids?: string[]) => (segmentId && !ids?.includes(segmentId) ? [...(ids ?? []), segmentId] : ids);
      if (existing) {
        state.store.update(existing, {
          ...scalar,
          customFields: Object.keys(cf).length ? { ...existing.customFields, ...cf } : existing.customFields,
          segmentIds: withSegment(existing.segmentIds),
          updatedAt: state.bumpTime(),
        });
        summary.updated++;
        return { rtp_aid: existing.rtp_aid, ...base, status: 'updated' };
      }
      const account: StoredAccount = {
        rtp_aid: state.newId(), ...scalar, domain,
        rtp_account_score: 0, rtp_journey_stage: '', rtp_advertising_activity_score: 0, rtp_website_intent_score: 0,
        rtp_g2_intent_score: 0, rtp_bombora_intent_score: 0, updatedAt: state.bumpTime(),
        ...(Object.keys(cf).length ? { customFields: { ...cf } } : {}),
        ...(segmentId ? { segmentIds: [segmentId] } : {}),
      };
      state.store.insert(account);
      summary.created++;
      return { rtp_aid: account.rtp_aid, ...base, status: 'created' };
    });
    return ok(c, { results, summary });
  });
}
