/** Request log (for assertions) and per path/status counters (for /__emulator/stats). */
import type { MiddlewareHandler } from 'hono';
import type { RequestLogEntry } from './types.ts';

const MAX_ENTRIES = 50_000;

/** Creates the log; `entries` is one live array (resetLog empties it in place). */
export function createRequestLog() {
  const entries: RequestLogEntry[] = [];
  const counts = new Map<string, Record<string, number>>();
  return {
    entries,
    reset(): void {
      entries.length = 0;
      counts.clear();
    },
    /** Requests by "METHOD /path" then by status ("0" = never answered yet). */
    byPath(): Record<string, Record<string, number>> {
      return Object.fromEntries(counts);
    },
    /** Records /api/v1 requests; the entry is written first so hung requests show status 0. */
    middleware: (async (c, next) => {
      const url = new URL(c.req.url);
      const entry: RequestLogEntry = { method: c.req.method, path: url.pathname, search: url.search, status: 0, at: new Date().toISOString() };
      if (entries.length >= MAX_ENTRIES) entries.splice(0, MAX_ENTRIES / 2);
      entries.push(entry);
      await next();
      entry.status = c.res.status;
      const key = `${entry.method} ${entry.path}`;
      const row = counts.get(key) ?? {};
      row[entry.status] = (row[entry.status] ?? 0) + 1;
      counts.set(key, row);
    }) as MiddlewareHandler,
  };
}
export type RequestLog = ReturnType<typeof createRequestLog>;
