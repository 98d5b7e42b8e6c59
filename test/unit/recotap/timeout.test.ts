// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { RecotapError, toErrorView } from '../../../utils/recotap';
import { apiError, rejection, setup } from './fake-fetch';

/** A server that never answers (and ignores the abort signal, like a stuck socket). */
const hang = () => new Promise<Response>(() => undefined);

describe('timeouts and cancellation', () => {
  it('times out a request whose fetch never resolves', async () => {
    const { client, calls, events } = setup(hang, { timeoutMs: 20, retries: 0 });
    const err = (await rejection(client.listAccounts())) as RecotapError;
    expect(err).toBeInstanceOf(RecotapError);
    expect(err).toMatchObject({ kind: 'timeout', cancelled: false, name: 'RecotapError' });
    expect(err.message).toContain("didn't answer within");
    expect(calls).toHaveLength(1);
    expect(events[0]).toMatchObject({ status: null, error: 'timeout', attempt: 1 });
    expect(toErrorView(err).retryable).toBe(true);
  });

  it('retries a timed-out GET', async () => {
    const { client, calls, delays } = setup(hang, { timeoutMs: 10, retries: 2 });
    await rejection(client.listSegments());
    expect(calls).toHaveLength(3);
    expect(delays).toHaveLength(2);
  });

  it('does not retry a timed-out unsafe write', async () => {
    const { client, calls } = setup(hang, { timeoutMs: 10, retries: 3 });
    const err = (await rejection(client.createAccounts([{ domain: 'a.com', name: 'A' }]))) as RecotapError;
    expect(err.kind).toBe('timeout');
    expect(calls).toHaveLength(1);
  });

  it('a caller abort ends a hanging request as AbortError, distinguishable from our timeout, and is not retried', async () => {
    const controller = new AbortController();
    const { client, calls, delays } = setup(
      () => {
        setTimeout(() => controller.abort(), 5);
        return hang();
      },
      { timeoutMs: 60_000, retries: 3 },
    );
    const err = (await rejection(client.listAccounts({}, { signal: controller.signal }))) as RecotapError;
    expect(err).toBeInstanceOf(RecotapError);
    expect(err).toMatchObject({ kind: 'timeout', cancelled: true, name: 'AbortError' });
    expect(calls).toHaveLength(1);
    expect(delays).toEqual([]);
    expect(toErrorView(err).retryable).toBe(false);
  });

  it('an already-aborted signal sends nothing', async () => {
    const { client, calls } = setup(() => apiError(500));
    const err = (await rejection(client.listJourneyStages({ signal: AbortSignal.abort() }))) as RecotapError;
    expect(err.cancelled).toBe(true);
    expect(calls).toHaveLength(0);
  });

  it('an abort during the backoff wait stops retrying', async () => {
    const controller = new AbortController();
    // real (default) sleep with a long delay: the abort must cut it short
    const { client, calls } = setup(
      () => {
        setTimeout(() => controller.abort(), 5);
        return apiError(503);
      },
      { sleep: undefined, retryBaseMs: 60_000, random: () => 1 },
    );
    const err = (await rejection(client.listAccounts({}, { signal: controller.signal }))) as RecotapError;
    expect(err.cancelled).toBe(true);
    expect(calls).toHaveLength(1);
  });
});
