/** POST /deals (upsert ≤100), POST /sales-activities (create-only ≤50), POST /deal-stages (≤20, all-or-nothing). */
import type { Hono, MiddlewareHandler } from 'hono';
import { normalizeApiDomain } from '../../utils/recotap/domain.ts';
import type { ApiEnv, RouteDeps } from './deps.ts';
import { checkArray, fail, isEmail, isIso, isNotEmpty, isPlainObject, Issues, ok, readJson } from './http.ts';
import type { Pipeline } from './types.ts';

type Item = Record<string, unknown>;
const obj = (v: unknown): Item => (isPlainObject(v) ? v : {});

function checkDeal(issues: Issues, d: Item): void {
  if (!isNotEmpty(d.externalDealId)) issues.add('externalDealId', d.externalDealId, 'isNotEmpty', 'externalDealId should not be empty');
  if (!isNotEmpty(d.name)) issues.add('name', d.name, 'isNotEmpty', 'name should not be empty');
  for (const k of ['startDate', 'closedDate']) {
    if (d[k] !== undefined && !isIso(d[k])) issues.add(k, d[k], 'isIso8601', `${k} must be a valid ISO 8601 date string`);
  }
  if (d.ownerEmail !== undefined && !isEmail(d.ownerEmail)) issues.add('ownerEmail', d.ownerEmail, 'isEmail', 'ownerEmail must be an email');
  if (d.amount !== undefined && (typeof d.amount !== 'number' || !Number.isFinite(d.amount))) {
    issues.add('amount', d.amount, 'isNumber', 'amount must be a number conforming to the specified constraints');
  }
  if (d.associatedAccounts !== undefined && !Array.isArray(d.associatedAccounts)) issues.add('associatedAccounts', d.associatedAccounts, 'isArray', 'associatedAccounts must be an array');
}

function checkActivity(issues: Issues, a: Item): void {
  if (!isNotEmpty(a.externalActivityId)) issues.add('externalActivityId', a.externalActivityId, 'isNotEmpty', 'externalActivityId should not be empty');
  if (!isNotEmpty(a.activityType)) issues.add('activityType', a.activityType, 'isNotEmpty', 'activityType should not be empty');
  if (!isIso(a.occurredAt)) issues.add('occurredAt', a.occurredAt, 'isIso8601', 'occurredAt must be a valid ISO 8601 date string');
  if (!isNotEmpty(a.domain)) issues.add('domain', a.domain, 'isNotEmpty', 'domain should not be empty');
  if (!isEmail(a.ownerEmail)) issues.add('ownerEmail', a.ownerEmail, 'isEmail', 'ownerEmail must be an email');
  if (!Array.isArray(a.contacts) || a.contacts.length < 1) issues.add('contacts', a.contacts, 'arrayMinSize', 'contacts must contain at least 1 elements');
  else for (const ct of a.contacts) if (!isEmail(obj(ct).email)) issues.add('email', obj(ct).email, 'isEmail', 'email must be an email');
  if (a.direction !== undefined && a.direction !== 'inbound' && a.direction !== 'outbound') {
    issues.add('direction', a.direction, 'isIn', 'direction must be one of the following values: inbound, outbound');
  }
}

/** Registers the three bulk write routes. */
export function registerWriteRoutes(api: Hono<ApiEnv>, auth: MiddlewareHandler, deps: RouteDeps): void {
  const { state } = deps;
  const stamp = () => new Date(state.now()).toISOString();

  api.post('/deals', auth, async (c) => {
    const parsed = await readJson(c);
    if ('res' in parsed) return parsed.res;
    const issues = new Issues();
    const items = checkArray(issues, 'deals', obj(parsed.body).deals, 1, 100);
    for (const d of items ?? []) checkDeal(issues, obj(d));
    if (!issues.empty || !items) return issues.respond(c);
    const seen = new Set<string>();
    const summary = { total: items.length, upserted: 0, failed: 0 };
    const results = (items as Item[]).map((d) => {
      const id = String(d.externalDealId);
      if (seen.has(id)) {
        summary.failed++;
        return { externalDealId: id, status: 'failed', error: `Duplicate externalDealId '${id}' in this request` };
      }
      seen.add(id);
      // associated accounts are linked by domain when one matches; unmatched ones stay unlinked
      const linked = ((d.associatedAccounts as unknown[]) ?? []).map((x) => {
        const acc = typeof obj(x).domain === 'string' ? state.store.byDomain(normalizeApiDomain(obj(x).domain as string))[0] : undefined;
        return { ...obj(x), rtp_aid: acc?.rtp_aid ?? null };
      });
      state.deals.set(id, { ...state.deals.get(id), ...d, ...(d.associatedAccounts ? { associatedAccounts: linked } : {}), receivedAt: stamp() });
      summary.upserted++;
      return { externalDealId: id, status: 'upserted' };
    });
    return ok(c, { results, summary });
  });

  api.post('/sales-activities', auth, async (c) => {
    const parsed = await readJson(c);
    if ('res' in parsed) return parsed.res;
    const issues = new Issues();
    const items = checkArray(issues, 'activities', obj(parsed.body).activities, 1, 50);
    for (const a of items ?? []) checkActivity(issues, obj(a));
    if (!issues.empty || !items) return issues.respond(c);
    const summary = { total: items.length, created: 0, failed: 0, skipped: 0 };
    const results = (items as Item[]).map((a) => {
      const id = String(a.externalActivityId);
      if (a.activityType !== 'call' && a.activityType !== 'email') {
        summary.skipped++;
        return { externalActivityId: id, status: 'skipped', error: `Activity type '${String(a.activityType)}' is not supported` };
      }
      if (state.activities.has(id)) {
        summary.failed++;
        return { externalActivityId: id, status: 'failed', error: `Sales activity with externalActivityId '${id}' already exists` };
      }
      state.activities.set(id, { ...a, receivedAt: stamp() });
      summary.created++;
      return { externalActivityId: id, status: 'created' };
    });
    return ok(c, { results, summary });
  });

  api.post('/deal-stages', auth, async (c) => {
    const parsed = await readJson(c);
    if ('res' in parsed) return parsed.res;
    const issues = new Issues();
    const items = checkArray(issues, 'pipelines', obj(parsed.body).pipelines, 1, 20);
    for (const raw of items ?? []) {
      const p = obj(raw);
      if (!isNotEmpty(p.pipelineId)) issues.add('pipelineId', p.pipelineId, 'isNotEmpty', 'pipelineId should not be empty');
      if (!isNotEmpty(p.pipelineLabel)) issues.add('pipelineLabel', p.pipelineLabel, 'isNotEmpty', 'pipelineLabel should not be empty');
      if (!Array.isArray(p.stages) || p.stages.length < 1) issues.add('stages', p.stages, 'arrayMinSize', 'stages must contain at least 1 elements');
      else for (const s of p.stages) {
        if (!isNotEmpty(obj(s).stageId)) issues.add('stageId', obj(s).stageId, 'isNotEmpty', 'stageId should not be empty');
        if (!isNotEmpty(obj(s).stageLabel)) issues.add('stageLabel', obj(s).stageLabel, 'isNotEmpty', 'stageLabel should not be empty');
      }
    }
    if (!issues.empty || !items) return issues.respond(c);
    const pipelines = items as Pipeline[];
    const taken = pipelines.map((p) => p.pipelineId).filter((id) => state.pipelines.has(id));
    if (taken.length) return fail(c, 409, `Pipeline(s) already exist: ${[...new Set(taken)].join(', ')}`);
    for (const p of pipelines) {
      state.pipelines.set(p.pipelineId, {
        pipelineId: p.pipelineId, pipelineLabel: p.pipelineLabel,
        stages: p.stages.map((s) => ({ stageId: s.stageId, stageLabel: s.stageLabel })),
      });
    }
    const results = pipelines.map((p) => ({ pipelineId: p.pipelineId, status: 'created' }));
    return ok(c, { results, summary: { total: results.length, created: results.length } }, deps.createdStatus);
  });
}
