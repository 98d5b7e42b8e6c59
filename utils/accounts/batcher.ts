/**
 * Coalesces concurrent domain lookups: every domain asked for within a short window goes into one
 * `GET /accounts?domains=[…]` of at most 100 domains (N concurrent lookups → ceil(N/100) requests).
 * A domain already in flight joins the pending request instead of asking again.
 */
import { normalizeApiDomain } from '../recotap/domain';

export const MAX_DOMAINS_PER_REQUEST = 100;

/** Fetch rows for ≤100 domains; rows are matched back to domains by normalised domain. */
export type FetchDomains<R extends { domain: string }> = (domains: string[]) => Promise<R[]>;

interface Waiter<R> {
  resolve: (rows: R[]) => void;
  reject: (err: unknown) => void;
}

/** Create a batcher; `get(domain)` resolves with every row for that domain ([] = not in Recotap). */
export function createDomainBatcher<R extends { domain: string }>(fetchDomains: FetchDomains<R>, windowMs = 25) {
  let pending = new Map<string, Waiter<R>[]>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  const inFlight = new Map<string, Promise<R[]>>();

  function flush(): void {
    if (timer) clearTimeout(timer);
    timer = null;
    const batch = pending;
    pending = new Map();
    if (batch.size === 0) return;
    const domains = [...batch.keys()];
    const request = fetchDomains(domains);
    for (const d of domains) {
      const mine = request.then((rows) => rows.filter((r) => normalizeApiDomain(r.domain) === d));
      mine.catch(() => undefined); // joiners see the rejection; nobody joining must not be "unhandled"
      inFlight.set(d, mine);
    }
    request.then(
      (rows) => {
        for (const [d, waiters] of batch) {
          const mine = rows.filter((r) => normalizeApiDomain(r.domain) === d);
          for (const w of waiters) w.resolve(mine);
        }
      },
      (err: unknown) => {
        for (const waiters of batch.values()) for (const w of waiters) w.reject(err);
      },
    ).finally(() => {
      for (const d of domains) inFlight.delete(d);
    });
  }

  return {
    get(domain: string): Promise<R[]> {
      const d = normalizeApiDomain(domain);
      const running = inFlight.get(d);
      if (running) return running;
      return new Promise<R[]>((resolve, reject) => {
        const waiters = pending.get(d);
        if (waiters) waiters.push({ resolve, reject });
        else pending.set(d, [{ resolve, reject }]);
        if (pending.size >= MAX_DOMAINS_PER_REQUEST) flush();
        else timer ??= setTimeout(flush, windowMs);
      });
    },
    /** Send whatever is pending now (tests, shutdown). */
    flush,
  };
}

export type DomainBatcher<R extends { domain: string }> = ReturnType<typeof createDomainBatcher<R>>;
