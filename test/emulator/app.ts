/**
 * createEmulator: the Hono app (API under /api/v1, admin under /__emulator), its state and the
 * controls tests use. Mount `app.fetch` in any server, or use startEmulator (server.ts).
 */
import { Hono, type MiddlewareHandler } from 'hono';
import { createAdminApp } from './admin.ts';
import { DEMO_API_KEY } from './demo-companies.ts';
import type { ApiEnv, RouteDeps } from './deps.ts';
import { createFaultLayer } from './faults.ts';
import { fail } from './http.ts';
import { createRequestLog } from './request-log.ts';
import { registerAccountFieldRoutes } from './routes-account-fields.ts';
import { registerAccountRoutes } from './routes-accounts.ts';
import { registerCatalogRoutes } from './routes-catalog.ts';
import { registerWriteRoutes } from './routes-writes.ts';
import { createState, type RescoreOptions } from './state.ts';
import type { EmulatorOptions, Faults, FaultSet, RequestLogEntry, Received, SeedSpec, StoredAccount } from './types.ts';

export interface EmulatorStats {
  accounts: number;
  activities: number;
  deals: number;
  pipelines: number;
  customFields: number;
  requests: { total: number; byPath: Record<string, Record<string, number>> };
  lastPageScanned: number;
}

export interface EmulatorControls {
  reset(seed?: SeedSpec): void;
  rescore(opts?: RescoreOptions): string[];
  setAccount(rtpAid: string, patch: Partial<Omit<StoredAccount, 'rtp_aid'>>): StoredAccount;
  setFaults(f: Faults): void;
  clearFaults(): void;
  getFaults(): FaultSet[];
  stats(): EmulatorStats;
  activities(): Received[];
  requestLog: RequestLogEntry[];
  resetLog(): void;
  /** releases hung requests and pending latency timers (call before closing a server) */
  shutdown(): void;
}

/** Builds an emulator without listening anywhere. */
export function createEmulator(options: EmulatorOptions = {}) {
  const state = createState(options);
  const apiKeys = options.apiKeys ?? [DEMO_API_KEY];
  const deps: RouteDeps = {
    state,
    maxLimit: options.maxLimit ?? 100,
    createdStatus: options.createdStatus ?? 200,
    bareArrays: options.bareArrays ?? true,
    metrics: { lastPageScanned: 0 },
  };
  const faults = createFaultLayer(options.faults);
  const log = createRequestLog();

  const controls: EmulatorControls = {
    reset: (seed) => {
      state.reset(seed);
      faults.clear();
      log.reset();
    },
    rescore: (opts) => state.rescore(opts),
    setAccount: (id, patch) => state.setAccount(id, patch),
    setFaults: (f) => faults.set(f),
    clearFaults: () => faults.clear(),
    getFaults: () => faults.get(),
    stats: () => ({
      accounts: state.store.size,
      activities: state.activities.size,
      deals: state.deals.size,
      pipelines: state.pipelines.size,
      customFields: state.customFields.filter((f) => f.status === 'active').length,
      requests: { total: log.entries.length, byPath: log.byPath() },
      lastPageScanned: deps.metrics.lastPageScanned,
    }),
    activities: () => [...state.activities.values()],
    requestLog: log.entries,
    resetLog: () => log.reset(),
    shutdown: () => faults.shutdown(),
  };

  const auth: MiddlewareHandler = async (c, next) => {
    const key = c.req.header('x-api-key');
    if (!key) return fail(c, 401, 'X-Api-Key header is required');
    if (!apiKeys.includes(key)) return fail(c, 401, 'Invalid API key');
    await next();
  };

  const app = new Hono<ApiEnv>();
  app.route('/__emulator', createAdminApp(controls));
  app.use('/api/v1/*', log.middleware);
  app.use('/api/v1/*', faults.middleware);
  const api = new Hono<ApiEnv>();
  registerAccountFieldRoutes(api, auth, deps);
  registerAccountRoutes(api, auth, deps);
  registerWriteRoutes(api, auth, deps);
  registerCatalogRoutes(api, auth, deps);
  app.route('/api/v1', api);
  // NestJS wording for unknown routes, in the envelope
  app.notFound((c) => fail(c, 404, undefined, `Cannot ${c.req.method} ${new URL(c.req.url).pathname}`));
  app.onError((err, c) => fail(c, 500, err.message));

  return { app, state, controls, deps };
}
export type Emulator = ReturnType<typeof createEmulator>;
