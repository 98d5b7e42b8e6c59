// @vitest-environment node
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RecotapError } from '../../utils/recotap/index.ts';
import { rejectionOf, startHarness, type Harness } from './support.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ seed: 'demo' }, { retries: 3, retryBaseMs: 100 });
});
afterAll(() => h.emu.close());
beforeEach(() => {
  h.emu.reset();
  h.sleeps.length = 0;
});

const statuses = (path: string) => h.emu.requestLog.filter((r) => r.path === `/api/v1${path}`).map((r) => r.status);

describe('retries', () => {
  it('waits at least Retry-After on 429 and then succeeds', async () => {
    h.emu.setFaults({ rate429: { burst: 2, retryAfterSec: 1 } });
    const page = await h.client.listAccounts({ limit: 2 });
    expect(page.data).toHaveLength(2);
    expect(statuses('/accounts')).toEqual([429, 429, 200]);
    expect(h.sleeps).toHaveLength(2);
    expect(h.sleeps.every((ms) => ms >= 1000)).toBe(true);
  });

  it('retries 429 even for writes that are unsafe to repeat', async () => {
    h.emu.setFaults({ rate429: { burst: 1, retryAfterSec: 1 }, pathPrefix: '/deal-stages' });
    const out = await h.client.pushDealStages([{ pipelineId: 'p', pipelineLabel: 'P', stages: [{ stageId: 's', stageLabel: 'S' }] }]);
    expect(out.summary.created).toBe(1);
    expect(statuses('/deal-stages')).toEqual([429, 200]);
  });

  it('retries a 5xx and recovers, or surfaces server after the retries run out', async () => {
    h.emu.setFaults({ errorBurst: { count: 2, status: 502 } });
    await expect(h.client.listSegments()).resolves.toHaveLength(2);
    expect(statuses('/segments')).toEqual([502, 502, 200]);

    h.emu.setFaults({ errorRate: 1, seed: 'always' });
    const err = (await rejectionOf(h.client.listJourneyStages())) as RecotapError;
    expect(err.kind).toBe('server');
    expect([500, 502, 503]).toContain(err.status);
    expect(statuses('/journey-stages')).toHaveLength(4);
  });

  it('limits faults to a path prefix', async () => {
    h.emu.setFaults({ errorRate: 1, pathPrefix: '/sales-activities' });
    await expect(h.client.listAccounts({ limit: 1 })).resolves.toMatchObject({ hasNextPage: true });
  });
});

describe('timeouts', () => {
  it('turns a request that never answers into a timeout error', async () => {
    h.emu.setFaults({ hangRate: 1 });
    const client = h.clientWith({ timeoutMs: 150, retries: 1 });
    const err = (await rejectionOf(client.listAccounts({ limit: 1 }))) as RecotapError;
    expect(err.kind).toBe('timeout');
    // both attempts reached the emulator and were never answered
    expect(statuses('/accounts')).toEqual([0, 0]);
  });
});

describe('unexpected responses', () => {
  it.each([
    ['missing-fields', 'rtp_account_score'],
    ['wrong-types', 'rtp_account_score'],
  ] as const)('reports schema drift (%s) as unexpected-response naming the field', async (drift, field) => {
    h.emu.setFaults({ schemaDrift: drift });
    const err = (await rejectionOf(h.client.listAccounts({ limit: 2 }))) as RecotapError;
    expect(err.kind).toBe('unexpected-response');
    expect(err.message).toContain(field);
  });

  it('tolerates additive drift (extra fields)', async () => {
    h.emu.setFaults({ schemaDrift: 'extra-fields' });
    const page = await h.client.listAccounts({ limit: 2 });
    expect(page.data).toHaveLength(2);
  });

  it('reports an HTML page and malformed JSON as unexpected-response', async () => {
    h.emu.setFaults({ htmlErrorRate: 1, htmlErrorStatus: 200 });
    const html = (await rejectionOf(h.client.listSegments())) as RecotapError;
    expect([html.kind, html.status]).toEqual(['unexpected-response', 200]);
    expect(html.message).toMatch(/answered with a web page/);

    h.emu.setFaults({ htmlErrorRate: 1 });
    const lb = (await rejectionOf(h.client.listSegments())) as RecotapError;
    expect([lb.kind, lb.status]).toEqual(['unexpected-response', 502]);
    // a load balancer's 502 page is transient: it was retried
    expect(statuses('/segments').slice(-4)).toEqual([502, 502, 502, 502]);

    h.emu.setFaults({ malformedJsonRate: 1 });
    const bad = (await rejectionOf(h.client.listCustomFields())) as RecotapError;
    expect(bad.kind).toBe('unexpected-response');
    expect(bad.message).toMatch(/can't read/);
  });

  it('draws rate faults from a seeded PRNG: the same sequence on every run', async () => {
    const run = async () => {
      h.emu.reset();
      h.emu.setFaults({ errorRate: 0.5, seed: 42 });
      const client = h.clientWith({ retries: 0 });
      for (let i = 0; i < 12; i++) await client.listJourneyStages().catch(() => undefined);
      return statuses('/journey-stages');
    };
    const first = await run();
    expect(first.some((s) => s === 200) && first.some((s) => s >= 500)).toBe(true);
    expect(await run()).toEqual(first);
  });
});
