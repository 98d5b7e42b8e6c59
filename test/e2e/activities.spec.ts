/**
 * No activity is lost or duplicated: 200 activities are logged (through the in-page panel's quick
 * log when this build mounts it, and through the message API as a view sends it) while the emulator
 * answers POST /sales-activities with 5xx, 429 bursts and hanging requests, the service worker is
 * stopped twice in the middle of a flush, and the browser is closed and reopened on the same
 * profile. The emulator must end with exactly the 200 activities, each once.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { DEMO_COMPANIES, DEMO_REP } from '../emulator/index.ts';
import type { FaultSet, RequestLogEntry } from '../emulator/index.ts';
import { configureExtension, panelLocator } from './extension.ts';
import { expect, test } from './fixtures.ts';
import { extensionIdOf, extensionWorker, ROOT } from './launch.ts';
import {
  ACTIVITY_PATH, createProfile, getStatus, launchOnProfile, logBurst, messageDraft, pollUntil, readLease, type Lease,
  monitorWorker, waitForMidFlush,
} from './lib-activities.ts';

const TOTAL = 200;
const UI_COUNT = 20;
const DOMAIN = DEMO_COMPANIES.find((c) => c.key === 'initech')?.domain ?? 'initech.dev';
const CONTACT = `buyer@${DOMAIN}`;
const FAULTS = (retryAfterSec: number): FaultSet => ({
  pathPrefix: '/sales-activities', method: 'POST', latencyMs: 500, jitterMs: 1500,
  errorRate: 0.2, hangRate: 0.05, rate429: { burst: 3, retryAfterSec }, seed: `activities-e2e-${retryAfterSec}`,
});

/** Clicks "E-mail sent" in the in-page panel's quick log `count` times; 0 when the build has no quick log. */
async function logThroughPanel(page: Page, url: string, count: number): Promise<number> {
  await page.goto(url);
  const panel = await panelLocator(page);
  await panel.locator('.rl-title').waitFor({ timeout: 20_000 });
  const quick = panel.getByRole('group', { name: 'Quick log' });
  if (!(await quick.waitFor({ timeout: 10_000 }).then(() => true, () => false))) return 0;
  const button = quick.getByRole('button', { name: 'E-mail sent', exact: true });
  for (let i = 0; i < count; i++) {
    await expect(button).toBeEnabled();
    await button.click();
    await expect(panel.getByText(/^Logged E-mail — /)).toBeVisible();
    await expect(button).toBeEnabled();
  }
  return count;
}

test('200 activities survive API faults, two worker stops mid-flush and a browser restart, each delivered once', async ({ world, extensionPath, siteCases }) => {
  test.setTimeout(10 * 60_000);
  const t0 = Date.now();
  const emu = world.emulator;
  const log: RequestLogEntry[] = emu.controls.requestLog;
  // duplicate answers the emulator gives ("already exists"): a re-send after a lost response
  let duplicateAnswers = 0;
  const stored = emu.state.activities;
  const has = stored.has.bind(stored);
  stored.has = (id: string) => {
    const hit = has(id);
    if (hit) duplicateAnswers++;
    return hit;
  };
  const stops: { versionId: string; inFlight: number; restarted: boolean }[] = [];
  const leaseWaitsMs: number[] = [];
  const progress = (what: string) => console.log(`[activities] ${Math.round((Date.now() - t0) / 1000)} s: ${what}, ${emu.controls.stats().activities} stored`);
  const profile = createProfile();
  let context = await launchOnProfile(profile.dir, world.hostResolverRules, extensionPath);
  let next = 1;
  const burst = async (page: Page, n: number) => {
    const drafts = Array.from({ length: n }, (_, i) => messageDraft(next + i, DOMAIN, CONTACT));
    next += n;
    return logBurst(page, drafts);
  };
  /** stops the worker once a flush is mid-request, then wakes it with a message and sees it run again */
  const stopMidFlush = async (popup: Page, extensionId: string, since: Set<RequestLogEntry>, answered: number) => {
    const inFlight = await waitForMidFlush(log, since, answered, 30_000, 120_000);
    expect(inFlight, 'a push to /sales-activities is in flight when the worker is stopped').toBeGreaterThan(0);
    const monitor = await monitorWorker(popup, extensionId);
    try {
      const versionId = await monitor.stop();
      const stoppedLease = await readLease(popup); // the dead worker's, unless the flush had just ended
      const before = monitor.starts();
      await getStatus(popup); // any message wakes the worker
      await monitor.waitRunning();
      stops.push({ versionId, inFlight, restarted: monitor.starts() === before + 1 });
      return stoppedLease;
    } finally {
      await monitor.detach();
    }
  };
  /** waits until the lease a stopped worker held lapsed (a live worker may take a new one at once) */
  const waitLeaseLapse = async (popup: Page, dead: Lease | null) => {
    const start = Date.now();
    const lapsed = await pollUntil(async () => {
      const lease = await readLease(popup);
      return !dead || !lease || lease.owner !== dead.owner || lease.expiresAt <= Date.now();
    }, 240_000, 1000);
    expect(lapsed, 'the stopped worker\'s lease lapses').toBe(true);
    leaseWaitsMs.push(Date.now() - start);
  };
  try {
    // session 1: configure, faults on
    let sw = await extensionWorker(context);
    const extensionId = extensionIdOf(sw);
    await configureExtension({ context, serviceWorker: sw, extensionId });
    let popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    emu.controls.setFaults(FAULTS(2));

    // burst A, then stop #1 while its flush is mid-request
    let since = new Set(log);
    expect(await burst(popup, 50)).toBe(50);
    const lease1 = await stopMidFlush(popup, extensionId, since, 2);
    progress(`stop #1 (lease ${lease1 ? 'held' : 'free'})`);

    // burst B and the panel's quick logs while the dead worker's lease still blocks flushing
    expect(await burst(popup, 40)).toBe(40);
    const hubspot = siteCases.find((c) => c.adapterId === 'hubspot' && c.url.includes('/record/0-1/'));
    expect(hubspot, 'a HubSpot contact record fixture').toBeDefined();
    const crm = await context.newPage();
    const uiLogged = await logThroughPanel(crm, hubspot!.url, UI_COUNT);
    await crm.close();
    await waitLeaseLapse(popup, lease1);
    progress('lease #1 lapsed');

    // burst C (a fresh 429 burst with Retry-After 1 s), then stop #2 mid-flush
    emu.controls.setFaults(FAULTS(1));
    since = new Set(log);
    expect(await burst(popup, 50)).toBe(50);
    const lease2 = await stopMidFlush(popup, extensionId, since, 3);
    progress(`stop #2 (lease ${lease2 ? 'held' : 'free'})`);

    // close the browser and reopen it on the same profile; faults off
    await context.close();
    context = await launchOnProfile(profile.dir, world.hostResolverRules, extensionPath);
    sw = await extensionWorker(context);
    expect(extensionIdOf(sw)).toBe(extensionId);
    popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    emu.controls.clearFaults();
    progress('reopened');
    await waitLeaseLapse(popup, lease2);
    progress('lease #2 lapsed');

    // the rest through the message API; adding wakes the flush
    expect(await burst(popup, TOTAL - uiLogged - (next - 1))).toBeGreaterThan(0);
    expect(next - 1 + uiLogged).toBe(TOTAL);
    let status = await getStatus(popup);
    await pollUntil(async () => {
      status = await getStatus(popup);
      return emu.controls.stats().activities >= TOTAL && status.outbox.pending === 0;
    }, 240_000, 1000);

    // figures
    const pushes = log.filter((e) => e.method === 'POST' && e.path === ACTIVITY_PATH);
    const byStatus: Record<string, number> = {};
    for (const e of pushes) byStatus[String(e.status)] = (byStatus[String(e.status)] ?? 0) + 1;
    const count = (pred: (s: number) => boolean) => pushes.filter((e) => pred(e.status)).length;
    const activities = emu.controls.activities();
    const ids = activities.map((a) => String((a as Record<string, unknown>).externalActivityId));
    const subjects = activities.map((a) => String((a as Record<string, unknown>).subject ?? ''));
    const figures = {
      activitiesLogged: TOTAL,
      viaPanelUi: uiLogged,
      viaMessageApi: next - 1,
      emulatorActivities: activities.length,
      uniqueExternalIds: new Set(ids).size,
      duplicateAnswers,
      pushRequests: pushes.length,
      requestsByStatus: byStatus,
      faults: { http429: count((s) => s === 429), http5xx: count((s) => s >= 500), hungOrCut: count((s) => s === 0) },
      workerStops: stops.length,
      workerRestarts: stops.filter((s) => s.restarted).length,
      inFlightAtStops: stops.map((s) => s.inFlight),
      browserRestarts: 1,
      leaseWaitsSec: leaseWaitsMs.map((ms) => Math.round(ms / 1000)),
      outbox: status.outbox,
      wallTimeSec: Math.round((Date.now() - t0) / 1000),
    };
    const rows = Object.entries(figures).map(([k, v]) => `| ${k} | ${typeof v === 'object' ? JSON.stringify(v) : String(v)} |`);
    console.log(['', '| figure | value |', '|---|---|', ...rows].join('\n'));
    mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
    writeFileSync(path.join(ROOT, 'test-results/activities-e2e.json'), `${JSON.stringify(figures, null, 2)}\n`);

    // exactly 200, each once: no id twice (the map) and no activity stored under two ids (subjects)
    expect(activities).toHaveLength(TOTAL);
    expect(new Set(ids).size).toBe(TOTAL);
    for (let n = 1; n < next; n++) expect(subjects.filter((s) => s === `e2e-activity-${n}`), `e2e-activity-${n}`).toHaveLength(1);
    expect(activities.filter((a) => (a as Record<string, unknown>).ownerEmail === DEMO_REP.email)).toHaveLength(TOTAL);
    expect(subjects.filter((s) => !s.startsWith('e2e-activity-'))).toHaveLength(uiLogged);
    expect(status.outbox).toEqual({ pending: 0, failed: 0, sent: TOTAL });
    expect(stops.map((s) => s.restarted)).toEqual([true, true]);
  } finally {
    await context.close().catch(() => undefined);
    profile.remove();
  }
});
