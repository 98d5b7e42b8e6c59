/**
 * One benchmark browser: Chromium (test/e2e/launch.ts finds it) with the production build (a snapshot) on the e2e world
 * server, plus helpers to call the background exactly as a view does (@webext-core/messaging's wire
 * format, sent from an extension page) and to wait for a sync. Launch flags come from
 * test/e2e/launch.ts; only --remote-debugging-port is added (for the service-worker heap sampler).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { configureExtension } from '../../e2e/extension.ts';
import { chromiumArgs, chromiumPath, extensionIdOf, extensionWorker } from '../../e2e/launch.ts';
import type { World } from '../../e2e/world.ts';
import type { RequestData, RequestName, ResponseMap } from '../../../utils/messaging.ts';
import type { SyncStatus } from '../../../utils/view-models.ts';
import { isPortRequest, REQUEST_PORT } from '../../../utils/port-protocol.ts';
import { ACCOUNTS_DB_NAME } from '../../../utils/accounts/db.ts';
import { BLOCK_INDEX } from '../../../utils/accounts/store.ts';

/** the bare echo port of floor() */
const FLOOR_PORT = '__benchFloorPort';
/** the bare cache-read port of cacheReadFloor() */
const READ_FLOOR_PORT = '__benchReadFloorPort';
/** the bare search-read port of searchReadFloor() */
const SEARCH_FLOOR_PORT = '__benchSearchFloorPort';

/** One keystroke's reads for searchReadFloor: the tiers' index ranges (store.ts searchTiers), JSON-safe. */
export interface SearchFloorPlan {
  tiers: { parts: { index: string; key: string; prefix: boolean; count?: number }[]; filtered: boolean }[];
  limit: number;
  /** store.ts leadingUnfiltered: the tiers whose index entries are read at once */
  unfiltered: number;
}

export interface BenchBrowser {
  context: BrowserContext;
  userDataDir: string;
  /** port of the DevTools HTTP endpoint (only with `debugPort`) */
  devtoolsPort: number | null;
  close(): Promise<void>;
}

/** Launches Chromium against the world; `extensionPath` null = a baseline browser without the extension. */
export async function launchBench(world: World, extensionPath: string | null, debugPort = false): Promise<BenchBrowser> {
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'lens-bench-'));
  const args = chromiumArgs({
    hostResolverRules: world.hostResolverRules,
    withExtension: extensionPath !== null,
    ...(extensionPath ? { extensionPath } : {}),
  });
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: false, // --headless=new is in the args
    ignoreHTTPSErrors: true,
    viewport: { width: 1280, height: 800 },
    args: [...args, ...(debugPort ? ['--remote-debugging-port=0'] : [])],
  });
  // tsx (esbuild keepNames) wraps inner functions in __name(); functions we evaluate in pages need it
  await context.addInitScript('globalThis.__name ??= (f) => f;');
  let devtoolsPort: number | null = null;
  if (debugPort) {
    // Chromium writes the chosen port as the first line of DevToolsActivePort
    for (let i = 0; i < 100 && devtoolsPort === null; i++) {
      try {
        devtoolsPort = Number(readFileSync(path.join(userDataDir, 'DevToolsActivePort'), 'utf8').split('\n')[0]);
      } catch {
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  }
  return {
    context,
    userDataDir,
    devtoolsPort,
    close: async () => {
      await context.close().catch(() => undefined);
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** The extension inside a bench browser: its worker, id and an extension page to send messages from. */
export interface ExtensionSession {
  worker: Worker;
  extensionId: string;
  /** popup.html opened in a tab: an extension page, so every message is allowed (utils/background/sender.ts) */
  page: Page;
  call<N extends RequestName>(name: N, data: RequestData<N>): Promise<ResponseMap[N]>;
  /** sends each payload in turn from inside the page and times each round trip there (ms) */
  timedCalls<N extends RequestName>(name: N, datas: RequestData<N>[]): Promise<{ ms: number[]; results: ResponseMap[N][] }>;
  syncStatus(): Promise<SyncStatus | null>;
  /**
   * The floor of a round trip: ms of `count` requests from the extension page that a bare listener
   * in the worker (installed for the bench) answers at once: on a port of its own (the transport of
   * lookups and searches), or as runtime.sendMessage calls.
   */
  floor(count: number, transport?: 'port' | 'message'): Promise<number[]>;
  /**
   * The floor of a lookup answered from the cache: ms of one round trip per domain on a port of its
   * own whose bare listener (installed for the bench) does only the cache read a lookup cannot skip,
   * the account's rows by domain (one read-only transaction over 'accounts' and 'blocks', both index
   * reads at once, as store.ts findIn), and answers with the number of records read.
   */
  cacheReadFloor(domains: string[]): Promise<{ ms: number[]; found: number }>;
  /**
   * The floor of a type-ahead keystroke answered from the cache: ms of one round trip per plan on a
   * port of its own whose bare listener does only the IndexedDB reads the search needs (store.ts
   * search with the search pages built: per name or domain part, the own rows' index range and the
   * first two search pages of the key, one request each, for the leading unfiltered tiers at once;
   * the word tier, only while those cannot fill the answer, as index ranges and then BlockHits, a
   * BlockHits record only the first time any keystroke of the run needs it, as the product keeps the
   * last 128 in memory), with no ranking, no parsing and no answer built. Answers with the records
   * (search pages and BlockHits) read over the run.
   */
  searchReadFloor(plans: SearchFloorPlan[]): Promise<{ ms: number[]; records: number }>;
  /**
   * Each request after the service worker was stopped (CDP ServiceWorker.stopAllWorkers, then a
   * pause): what the first request after an idle spell costs (Chrome stops an extension's worker
   * after 30 s without events). Leaves `worker` stale: call it last.
   */
  wakeCalls<N extends RequestName>(name: N, datas: RequestData<N>[]): Promise<{ ms: number[]; results: ResponseMap[N][] }>;
}

/** the extension of wakeFloor(): a worker with one listener that answers at once */
export const BARE_EXTENSION = path.resolve(import.meta.dirname, '../bare-extension');

/** Stops every service worker of the page's profile (the extension's included), then waits 300 ms. */
export async function stopWorkers(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
  } finally {
    await cdp.detach();
  }
  await page.waitForTimeout(300);
}

/**
 * The floor of ExtensionSession.wakeCalls, in a browser of its own: `count` runtime.sendMessage round
 * trips from an extension page, each after the worker of test/bench/bare-extension was stopped.
 */
export async function wakeFloor(world: World, count: number): Promise<number[]> {
  const browser = await launchBench(world, BARE_EXTENSION);
  try {
    const worker = browser.context.serviceWorkers()[0] ?? (await browser.context.waitForEvent('serviceworker'));
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${extensionIdOf(worker)}/page.html`);
    const ms: number[] = [];
    for (let i = 0; i < count; i++) {
      await stopWorkers(page);
      ms.push(
        await page.evaluate(async () => {
          const t0 = performance.now();
          await new Promise((r) => chrome.runtime.sendMessage({ type: '__benchWake' }, r));
          return performance.now() - t0;
        }),
      );
    }
    return ms;
  } finally {
    await browser.close();
  }
}

/**
 * Sends each payload in turn from inside an extension page and times each round trip there. The
 * product's transport: the request port (utils/port-protocol.ts: {id, type, data} → {id, res} |
 * {id, err}) for PORT_REQUESTS, as the panel and the popup send them; else a runtime message in
 * the wire format of @webext-core/messaging 4: {id, type, data, timestamp} → {res} | {err}.
 * BENCH_TRANSPORT=message sends the port requests as messages too (an A/B of the two transports).
 */
async function inPageCalls(args: { name: string; datas: unknown[]; port: string | null }): Promise<{ ms: number[]; results: unknown[] }> {
  let send: (type: string, data: unknown) => Promise<unknown>;
  let port: chrome.runtime.Port | null = null;
  if (args.port) {
    const open = chrome.runtime.connect({ name: args.port });
    port = open;
    const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
    let next = 0;
    open.onMessage.addListener((m: { id: number; res?: unknown; err?: string }) => {
      const w = waiting.get(m.id);
      if (!w) return;
      waiting.delete(m.id);
      if (m.err !== undefined) w.reject(new Error(m.err));
      else w.resolve(m.res);
    });
    send = (type, data) =>
      new Promise((resolve, reject) => {
        const id = ++next;
        waiting.set(id, { resolve, reject });
        open.postMessage({ id, type, data });
      });
  } else {
    send = (type, data) =>
      new Promise<unknown>((resolve, reject) => {
        const message = { id: Math.floor(Math.random() * 1e9), type, data, timestamp: Date.now() };
        chrome.runtime.sendMessage(message, (response?: { res?: unknown; err?: { message?: string } }) => {
          if (chrome.runtime.lastError) reject(new Error(chrome.runtime.lastError.message));
          else if (!response) reject(new Error(`no response to ${type}`));
          else if (response.err) reject(new Error(response.err.message ?? `error from ${type}`));
          else resolve(response.res);
        });
      });
  }
  const ms: number[] = [];
  const results: unknown[] = [];
  try {
    for (const data of args.datas) {
      const t0 = performance.now();
      results.push(await send(args.name, data));
      ms.push(performance.now() - t0);
    }
  } finally {
    port?.disconnect();
  }
  return { ms, results };
}

/**
 * In an extension page: one round trip per payload on a new port named `portName` (each sent as
 * {...payload, id}, answered with {id, res}), timed there; the answers' `res` in order. The floors'
 * transport (floor, cacheReadFloor).
 */
async function timedPortTrips(args: { portName: string; payloads: Record<string, unknown>[] }): Promise<{ ms: number[]; answers: unknown[] }> {
  const ms: number[] = [];
  const answers: unknown[] = [];
  const port = chrome.runtime.connect({ name: args.portName });
  let answer: ((res: unknown) => void) | null = null;
  port.onMessage.addListener((m: { res: unknown }) => answer?.(m.res));
  for (const [i, payload] of args.payloads.entries()) {
    const t0 = performance.now();
    answers.push(
      await new Promise<unknown>((r) => {
        answer = r;
        port.postMessage({ ...payload, id: i });
      }),
    );
    ms.push(performance.now() - t0);
  }
  port.disconnect();
  return { ms, answers };
}

/** The floors' IndexedDB helpers, installed in the worker (globalThis.__benchIdb) by installBenchIdb. */
interface BenchIdb {
  /** the accounts database, opened once */
  open(): Promise<IDBDatabase>;
  /** a request's result */
  result<T>(req: IDBRequest<T>): Promise<T>;
}

/** Installs BenchIdb in the worker once, for the floors' bare listeners (evaluated code shares no closures). */
async function installBenchIdb(worker: Worker): Promise<void> {
  // tsx names the inner functions below with a helper the worker does not have
  await worker.evaluate('globalThis.__name ??= (f) => f;');
  await worker.evaluate((dbName) => {
    const g = globalThis as { __benchIdb?: BenchIdb };
    if (g.__benchIdb) return;
    let db: Promise<IDBDatabase> | null = null;
    g.__benchIdb = {
      open: () =>
        (db ??= new Promise((resolve, reject) => {
          const req = indexedDB.open(dbName);
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        })),
      result: <T>(req: IDBRequest<T>) =>
        new Promise<T>((resolve, reject) => {
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        }),
    };
  }, ACCOUNTS_DB_NAME);
}

/** Waits for the extension's worker, configures it against the world's emulator and opens popup.html. */
export async function openExtension(context: BrowserContext, opts: { syncEnabled?: boolean } = {}): Promise<ExtensionSession> {
  const worker = await extensionWorker(context);
  const extensionId = extensionIdOf(worker);
  const setSync = (enabled: boolean) =>
    worker.evaluate(async (on) => chrome.storage.local.set({ syncSettings: { enabled: on, intervalMinutes: 60 } }), enabled);
  // Sync off before the key lands: the install-time sync attempt must not pick the key up and start
  // a run of its own (it would fill a "cold" cache, or start a measured sync before t0).
  await setSync(false);
  await new Promise((r) => setTimeout(r, 1000));
  await configureExtension({ context, serviceWorker: worker, extensionId });
  if (opts.syncEnabled ?? true) await setSync(true);
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  await page.evaluate('globalThis.__name ??= (f) => f;');
  const timedCalls = (async (name: string, datas: unknown[]) =>
    page.evaluate(inPageCalls, { name, datas, port: isPortRequest(name) && process.env.BENCH_TRANSPORT !== 'message' ? REQUEST_PORT : null })) as ExtensionSession['timedCalls'];
  return {
    worker,
    extensionId,
    page,
    timedCalls,
    call: (async (name: RequestName, data: unknown) => (await timedCalls(name, [data as never])).results[0]) as ExtensionSession['call'],
    syncStatus: () => worker.evaluate(async () => ((await chrome.storage.local.get('syncStatus')).syncStatus ?? null) as SyncStatus | null),
    async floor(count: number, transport: 'port' | 'message' = 'port') {
      await worker.evaluate((portName) => {
        const g = globalThis as { __benchFloor?: boolean };
        if (g.__benchFloor) return;
        g.__benchFloor = true;
        chrome.runtime.onMessage.addListener((m: { type?: string } | null, _sender, reply) => {
          if (m?.type === '__benchFloor') reply({ res: null });
          return undefined;
        });
        chrome.runtime.onConnect.addListener((p) => {
          if (p.name === portName) p.onMessage.addListener((m: { id: number }) => p.postMessage({ id: m.id, res: null }));
        });
      }, FLOOR_PORT);
      if (transport === 'port') return (await page.evaluate(timedPortTrips, { portName: FLOOR_PORT, payloads: Array.from({ length: count }, () => ({})) })).ms;
      return page.evaluate(async (n) => {
        const ms: number[] = [];
        for (let i = 0; i < n; i++) {
          const t0 = performance.now();
          await new Promise((r) => chrome.runtime.sendMessage({ type: '__benchFloor' }, r));
          ms.push(performance.now() - t0);
        }
        return ms;
      }, count);
    },
    async wakeCalls(name, datas) {
      const out: { ms: number[]; results: ResponseMap[typeof name][] } = { ms: [], results: [] };
      for (const data of datas) {
        await stopWorkers(page);
        const one = await timedCalls(name, [data]);
        out.ms.push(...one.ms);
        out.results.push(...one.results);
      }
      return out;
    },
    async cacheReadFloor(domains: string[]) {
      await installBenchIdb(worker);
      await worker.evaluate(
        ({ portName }) => {
          const g = globalThis as { __benchReadFloor?: boolean; __benchIdb?: BenchIdb };
          if (g.__benchReadFloor) return;
          g.__benchReadFloor = true;
          const idb = g.__benchIdb!;
          chrome.runtime.onConnect.addListener((p) => {
            if (p.name !== portName) return;
            p.onMessage.addListener(async (m: { id: number; domain: string }) => {
              const tx = (await idb.open()).transaction(['accounts', 'blocks'], 'readonly');
              const [own, blocks] = await Promise.all([
                idb.result(tx.objectStore('accounts').index('domain').getAll(m.domain)),
                idb.result(tx.objectStore('blocks').index('domains').getAll(m.domain)),
              ]);
              p.postMessage({ id: m.id, res: own.length + blocks.length });
            });
          });
        },
        { portName: READ_FLOOR_PORT },
      );
      const { ms, answers } = await page.evaluate(timedPortTrips, { portName: READ_FLOOR_PORT, payloads: domains.map((domain) => ({ domain })) });
      return { ms, found: answers.filter((n) => typeof n === 'number' && n > 0).length };
    },
    async searchReadFloor(plans: SearchFloorPlan[]) {
      await installBenchIdb(worker);
      await worker.evaluate(
        ({ portName, blockIndex }) => {
          const g = globalThis as { __benchSearchFloor?: boolean; __benchIdb?: BenchIdb };
          if (g.__benchSearchFloor) return;
          g.__benchSearchFloor = true;
          const { open, result } = g.__benchIdb!;
          /** BlockHits read by an earlier keystroke of this port (the product's page cache, unbounded here) */
          const read = new Set<string>();
          type Part = SearchFloorPlan['tiers'][number]['parts'][number];
          chrome.runtime.onConnect.addListener((p) => {
            if (p.name !== portName) return;
            p.onMessage.addListener(async (m: { id: number } & SearchFloorPlan) => {
              const db = await open();
              const tx = db.transaction(['accounts', 'blocks', 'blockHits', 'searchPages'], 'readonly');
              let records = 0;
              const range = (part: Part) => (part.prefix ? IDBKeyRange.bound(part.key, part.key + '\uffff') : IDBKeyRange.only(part.key));
              // a name or domain part (store.ts pagesPart): own rows by index, and the first two search
              // pages of the key, one request each; returns how many entries could answer
              const pagesPart = async (part: Part) => {
                const kind = part.index === 'domain' ? 'd' : 'n';
                const [own, pages] = await Promise.all([
                  result(tx.objectStore('accounts').index(part.index).getAll(range(part), part.count)),
                  result(tx.objectStore('searchPages').getAll(IDBKeyRange.bound([kind, part.key], [kind, []]), 2)) as Promise<{ nameKeys: string[]; domains: string[] }[]>,
                ]);
                records += pages.length;
                const keys = pages.flatMap((pg) => (kind === 'n' ? pg.nameKeys : pg.domains));
                return own.length + keys.filter((k) => (part.prefix ? k.startsWith(part.key) : k === part.key)).length;
              };
              // a word part (store.ts indexEntries, then hitsFrom): the index ranges, then the BlockHits
              const wordPart = async (part: Part) => {
                const [own, ids] = await Promise.all([
                  result(tx.objectStore('accounts').index(part.index).getAll(range(part), part.count)),
                  result(tx.objectStore('blocks').index((blockIndex as Record<string, string>)[part.index]!).getAllKeys(range(part), part.count)),
                ]);
                const fresh = [...new Set(ids.map(String))].filter((id) => !read.has(id));
                fresh.forEach((id) => read.add(id));
                await Promise.all(fresh.map((id) => result(tx.objectStore('blockHits').get(id))));
                records += fresh.length;
                return own.length + ids.length;
              };
              const readTier = (t: SearchFloorPlan['tiers'][number]) => Promise.all(t.parts.map((part) => (part.index === 'words' ? wordPart(part) : pagesPart(part))));
              // the leading unfiltered tiers at once, the others only while those cannot fill the answer (store.ts search)
              const counts = (await Promise.all(m.tiers.slice(0, m.unfiltered).map(readTier))).flat();
              let found = counts.reduce((a, b) => a + b, 0);
              for (let i = m.unfiltered; i < m.tiers.length && found < m.limit; i++) found += (await readTier(m.tiers[i]!)).reduce((a, b) => a + b, 0);
              p.postMessage({ id: m.id, res: { records } });
            });
          });
        },
        { portName: SEARCH_FLOOR_PORT, blockIndex: BLOCK_INDEX },
      );
      const { ms, answers } = await page.evaluate(timedPortTrips, { portName: SEARCH_FLOOR_PORT, payloads: plans as unknown as Record<string, unknown>[] });
      return { ms, records: (answers as { records: number }[]).reduce((n, a) => n + a.records, 0) };
    },
  };
}

/**
 * Starts a sync with syncNow and resolves when it completed (a new lastSuccessAt); throws on failure.
 * After `capMs` it resolves with `partial: true` and the progress so far (the sync keeps running: see stopSync).
 * `onProgress` sees every status polled while the sync runs (awaited: the heap probes of cache-scale.ts).
 */
export async function syncAndWait(
  ext: ExtensionSession,
  full: boolean,
  capMs = 600_000,
  onProgress?: (status: SyncStatus) => Promise<void>,
): Promise<{ ms: number; status: SyncStatus; partial: boolean }> {
  const before = (await ext.syncStatus())?.lastSuccessAt ?? null;
  const t0 = performance.now();
  const started = await ext.call('syncNow', { full });
  if (!started.ok) throw new Error(`syncNow refused: ${started.error.message}`);
  for (;;) {
    const status = await ext.syncStatus();
    if (status && status.phase === 'idle' && status.lastSuccessAt && status.lastSuccessAt !== before) {
      return { ms: performance.now() - t0, status, partial: false };
    }
    if (status && (status.phase === 'backoff' || status.phase === 'paused-auth')) {
      throw new Error(`sync failed: ${status.lastError?.message ?? status.phase}`);
    }
    if (status && performance.now() - t0 > capMs) return { ms: performance.now() - t0, status, partial: true };
    if (status && onProgress && (status.phase === 'full' || status.phase === 'delta')) await onProgress(status);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Stops a running sync: background sync off (no retry restarts it), then the emulator fails /accounts until the run gives up. */
export async function stopSync(ext: ExtensionSession, world: World): Promise<void> {
  await ext.worker.evaluate(async () => chrome.storage.local.set({ syncSettings: { enabled: false, intervalMinutes: 60 } }));
  world.emulator.controls.setFaults({ pathPrefix: '/accounts', errorRate: 1 });
  try {
    for (let i = 0; i < 300; i++) {
      const phase = (await ext.syncStatus())?.phase;
      if (phase !== 'full' && phase !== 'delta') return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the sync did not stop within 30 s');
  } finally {
    world.emulator.controls.clearFaults();
  }
}
