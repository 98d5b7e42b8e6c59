/**
 * Fault injection in front of /api/v1: latency, 5xx, 429 bursts with Retry-After, hangs,
 * malformed JSON, HTML error pages and schema drift. Each fault set has its own seeded PRNG, so
 * the same request sequence meets the same faults on every run.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { ApiEnv } from './deps.ts';
import { fail } from './http.ts';
import { createPrng, type Prng } from './prng.ts';
import type { FaultSet, Faults } from './types.ts';

interface ActiveSet {
  set: FaultSet;
  prng: Prng;
  left429: number;
  leftErrors: number;
}

const HTML_TITLES: Record<number, string> = { 200: 'Sign in', 502: 'Bad Gateway', 503: 'Service Temporarily Unavailable', 504: 'Gateway Time-out' };
const HTML_PAGE = (status: number) => {
  const title = `${status} ${HTML_TITLES[status] ?? 'Error'}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>awselb/2.0</center>\r\n</body>\r\n</html>\r\n`;
};

function matches(s: FaultSet, c: Context): boolean {
  if (s.method && s.method.toUpperCase() !== c.req.method) return false;
  if (!s.pathPrefix) return true;
  const path = new URL(c.req.url).pathname;
  const rel = path.startsWith('/api/v1') ? path.slice('/api/v1'.length) : path;
  return s.pathPrefix.startsWith('/api/') ? path.startsWith(s.pathPrefix) : rel.startsWith(s.pathPrefix);
}

/** Creates the fault layer; `shutdown()` releases hung requests and pending delays. */
export function createFaultLayer(initial?: Faults) {
  let active: ActiveSet[] = [];
  const pending = new Set<() => void>();
  let closed = false;

  const wait = (ms: number) => new Promise<void>((resolve) => {
    if (closed || ms <= 0) return resolve();
    const done = () => { clearTimeout(timer); pending.delete(done); resolve(); };
    const timer = setTimeout(done, ms);
    pending.add(done);
  });
  // a hung request resolves only when the emulator closes (its socket is destroyed then anyway)
  const hang = (c: Context) => new Promise<Response>((resolve) => {
    const done = () => { pending.delete(done); resolve(fail(c, 503)); };
    if (closed) return done();
    pending.add(done);
  });

  const layer = {
    set(f: Faults | undefined): void {
      const sets = f === undefined ? [] : Array.isArray(f) ? f : [f];
      active = sets.map((set, i) => ({ set: { ...set }, prng: createPrng(set.seed ?? `faults-${i}`), left429: set.rate429?.burst ?? 0, leftErrors: set.errorBurst?.count ?? 0 }));
    },
    clear(): void {
      active = [];
    },
    /** Current sets with the bursts still to come. */
    get(): (FaultSet & { remaining429: number; remainingErrors: number })[] {
      return active.map((a) => ({ ...a.set, remaining429: a.left429, remainingErrors: a.leftErrors }));
    },
    shutdown(): void {
      closed = true;
      for (const done of [...pending]) done();
    },
    middleware: (async (c, next) => {
      const sets = active.filter((a) => matches(a.set, c));
      if (sets.length === 0) return next();
      let delay = 0;
      for (const { set, prng } of sets) delay += (set.latencyMs ?? 0) + (set.jitterMs ? prng.next() * set.jitterMs : 0);
      await wait(delay);
      for (const a of sets) {
        const { set, prng } = a;
        if (a.left429 > 0) {
          a.left429--;
          return fail(c, 429, 'Rate limit exceeded. Try again later.', 'Too Many Requests', { 'retry-after': String(set.rate429?.retryAfterSec ?? 1) });
        }
        if (a.leftErrors > 0) {
          a.leftErrors--;
          return fail(c, set.errorBurst?.status ?? 503);
        }
        if (set.hangRate && prng.next() < set.hangRate) return hang(c);
        if (set.errorRate && prng.next() < set.errorRate) return fail(c, prng.pick([500, 502, 503]));
        if (set.htmlErrorRate && prng.next() < set.htmlErrorRate) {
          const status = set.htmlErrorStatus ?? 502;
          return new Response(HTML_PAGE(status), { status, headers: { 'content-type': 'text/html' } });
        }
        if (set.malformedJsonRate && prng.next() < set.malformedJsonRate) {
          return new Response('{"statusCode":200,"timestamp":"2026-', { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' } });
        }
        if (set.schemaDrift) c.set('drift', set.schemaDrift);
      }
      return next();
    }) as MiddlewareHandler<ApiEnv>,
  };
  layer.set(initial);
  return layer;
}
export type FaultLayer = ReturnType<typeof createFaultLayer>;
