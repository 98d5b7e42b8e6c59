/**
 * Helpers for the activities end-to-end spec: a Chromium profile that survives a browser restart,
 * service-worker stops over CDP, the view-side message wire format, and watching the emulator's
 * request log for in-flight activity pushes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from '@playwright/test';
import type { RequestLogEntry } from '../emulator/index.ts';
import { chromiumArgs, chromiumPath } from './launch.ts';
import type { ActivityDraft, StatusView } from '../../utils/view-models.ts';

export const ACTIVITY_PATH = '/api/v1/sales-activities';

/** A profile dir that outlives one browser, so the context can be closed and reopened on it. */
export function createProfile(): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'lens-e2e-activities-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Launches Chromium on `userDataDir` with the harness's flags (launch.ts) and the given build. */
export async function launchOnProfile(userDataDir: string, hostResolverRules: string, extensionPath: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: false, // --headless=new comes with chromiumArgs
    ignoreHTTPSErrors: true,
    viewport: { width: 1280, height: 800 },
    args: chromiumArgs({ hostResolverRules, extensionPath }),
  });
}

/**
 * Watches and stops the extension's service worker through the DevTools ServiceWorker domain, on a
 * CDP session of an extension page (same storage partition as the worker). `starts()` counts the
 * worker's transitions into 'running' seen since the monitor was created.
 */
export async function monitorWorker(page: Page, extensionId: string) {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const versions = new Map<string, string>();
  let starts = 0;
  cdp.on('ServiceWorker.workerVersionUpdated', (e) => {
    for (const v of e.versions) {
      if (!v.scriptURL.startsWith(`chrome-extension://${extensionId}/`)) continue;
      if (v.runningStatus === 'running' && versions.get(v.versionId) !== 'running') starts++;
      versions.set(v.versionId, v.runningStatus);
    }
  });
  await cdp.send('ServiceWorker.enable');
  const running = () => [...versions].find(([, status]) => status === 'running')?.[0];
  const until = async (cond: () => boolean, what: string) => {
    if (!(await pollUntil(cond, 20_000, 25))) throw new Error(`service worker: ${what} (${JSON.stringify([...versions])})`);
  };
  return {
    starts: () => starts,
    /** stops the running worker; resolves with its version id once Chromium reports it stopped */
    async stop(): Promise<string> {
      await until(() => running() !== undefined, 'none running');
      const versionId = running()!;
      // a worker busy at the moment (a page's first messages, a sync step) can outlive one request:
      // ask again every 5 s, within the same 20 s
      for (let i = 0; i < 4; i++) {
        await cdp.send('ServiceWorker.stopWorker', { versionId });
        if (await pollUntil(() => versions.get(versionId) === 'stopped', 5_000, 25)) return versionId;
      }
      throw new Error(`service worker: ${versionId} did not stop (${JSON.stringify([...versions])})`);
    },
    /** waits until a worker of the extension runs again */
    waitRunning: () => until(() => running() !== undefined, 'did not restart'),
    detach: () => cdp.detach().catch(() => undefined),
  };
}

export type WorkerMonitor = Awaited<ReturnType<typeof monitorWorker>>;

/**
 * Sends one message exactly as a view does with @webext-core/messaging 4: `{ id, type, data,
 * timestamp }` through chrome.runtime.sendMessage; the background answers `{ res }` or `{ err }`.
 */
export async function sendFromPage<T>(page: Page, type: string, data: unknown): Promise<T> {
  const answer = await page.evaluate(
    ({ type, data }) =>
      new Promise<{ res?: unknown; err?: unknown }>((resolve, reject) => {
        const message = { id: Math.floor(Math.random() * 1e9), type, data, timestamp: Date.now() };
        chrome.runtime.sendMessage(message, (response: { res?: unknown; err?: unknown } | undefined) => {
          if (chrome.runtime.lastError) reject(new Error(chrome.runtime.lastError.message));
          else resolve(response ?? { err: 'No response' });
        });
      }),
    { type, data },
  );
  if (answer.err !== undefined) throw new Error(`${type} failed: ${JSON.stringify(answer.err)}`);
  return answer.res as T;
}

/** Logs drafts concurrently (a burst); returns how many the background accepted. */
export async function logBurst(page: Page, drafts: ActivityDraft[]): Promise<number> {
  const results = await Promise.all(drafts.map((d) => sendFromPage<{ ok: boolean }>(page, 'logActivity', d)));
  const refused = results.filter((r) => !r.ok);
  if (refused.length > 0) throw new Error(`logActivity refused: ${JSON.stringify(refused[0])}`);
  return results.length;
}

/** The extension's status (outbox totals included). */
export function getStatus(page: Page): Promise<StatusView> {
  return sendFromPage<StatusView>(page, 'getStatus', {});
}

/** The outbox's persisted flush lease (utils/activities/lease.ts). */
export interface Lease {
  owner: string;
  expiresAt: number;
}

/**
 * Reads (never writes) the outbox's flush lease from the extension origin's IndexedDB, null when
 * nobody holds it. Only call once the outbox database exists (after a log).
 */
export function readLease(page: Page): Promise<Lease | null> {
  return page.evaluate(
    () =>
      new Promise<Lease | null>((resolve, reject) => {
        const open = indexedDB.open('recotap-lens-outbox');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const get = db.transaction('meta', 'readonly').objectStore('meta').get('lease');
          get.onsuccess = () => {
            db.close();
            const lease = get.result as Lease | undefined;
            resolve(lease ? { owner: lease.owner, expiresAt: lease.expiresAt } : null);
          };
          get.onerror = () => {
            db.close();
            reject(get.error);
          };
        };
      }),
  );
}

/** One email draft with the checkable subject `e2e-activity-<n>`. */
export function messageDraft(n: number, domain: string, contactEmail: string): ActivityDraft {
  const subject = `e2e-activity-${n}`;
  const base = { domain, occurredAt: new Date(Date.UTC(2026, 10, 20, 9, 0, n % 60)).toISOString(), contacts: [{ email: contactEmail }] };
  return n % 3 === 0
    ? { ...base, activityType: 'call', subject, callTitle: subject, outcome: 'Connected', direction: 'outbound', durationMinutes: 5 }
    : { ...base, activityType: 'email', subject, openCount: 1 };
}

/**
 * Waits until the flush started after `since` has a request in flight (status 0) and at least
 * `answered` of its requests were answered; after `patienceMs` any in-flight request will do.
 * Returns the number in flight, or 0 if none showed up within `timeoutMs`.
 */
export async function waitForMidFlush(
  log: RequestLogEntry[], since: Set<RequestLogEntry>, answered: number, patienceMs: number, timeoutMs: number,
): Promise<number> {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    const fresh = log.filter((e) => !since.has(e) && e.method === 'POST' && e.path === ACTIVITY_PATH);
    const inFlight = fresh.filter((e) => e.status === 0).length;
    const done = fresh.length - inFlight;
    if (inFlight > 0 && (done >= answered || Date.now() - start > patienceMs)) return inFlight;
    await sleep(25);
  }
  return 0;
}

/** Polls `fn` until it returns true or `timeoutMs` passes; returns the last value. */
export async function pollUntil(fn: () => Promise<boolean> | boolean, timeoutMs: number, everyMs = 500): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await fn()) return true;
    if (Date.now() > end) return false;
    await sleep(everyMs);
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
