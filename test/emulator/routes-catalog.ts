/** GET /segments (static active/draft, keyset), GET /journey-stages and GET /deal-stages (bare arrays, as observed). */
import type { Hono, MiddlewareHandler } from 'hono';
import type { ApiEnv, RouteDeps } from './deps.ts';
import { checkLimit, Issues, ok } from './http.ts';

/** Registers the catalogue routes. */
export function registerCatalogRoutes(api: Hono<ApiEnv>, auth: MiddlewareHandler, deps: RouteDeps): void {
  const { state } = deps;

  api.get('/segments', auth, (c) => {
    const issues = new Issues();
    const limit = checkLimit(issues, c.req.query('limit'), deps.maxLimit);
    if (!issues.empty) return issues.respond(c);
    const cursor = c.req.query('cursor');
    const visible = state.segments
      .filter((s) => s.type === 'static' && (s.status === 'active' || s.status === 'draft'))
      .sort((a, b) => (a.segmentId < b.segmentId ? -1 : 1));
    const rest = cursor ? visible.filter((s) => s.segmentId > cursor) : visible;
    const page = rest.slice(0, limit);
    const last = page[page.length - 1];
    return ok(c, {
      data: page.map((s) => ({ segmentId: s.segmentId, name: s.name, status: s.status })),
      nextCursor: last ? last.segmentId : null,
      hasNextPage: rest.length > limit,
    });
  });

  // observed on the live API without the envelope; `bareArrays: false` wraps them like everything else
  api.get('/journey-stages', auth, (c) => (deps.bareArrays ? c.json(state.journeyStages) : ok(c, state.journeyStages)));

  api.get('/deal-stages', auth, (c) => {
    const list = [...state.pipelines.values()].map((p) => ({ ...p, stages: p.stages.map((s) => ({ ...s })) }));
    return deps.bareArrays ? c.json(list) : ok(c, list);
  });
}
