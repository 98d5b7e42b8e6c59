/**
 * A tiny in-test fetch for driving the Recotap client: it records every call and answers with
 * real Response objects built by the test. It stands in for the network, not for the client.
 */
import { createRecotapClient, type RecotapClientOptions, type RequestEvent } from '../../../utils/recotap';

export const BASE = 'https://api.test.invalid/api/v1';
export const KEY = 'k'.repeat(64);

export interface RecordedCall {
  url: URL;
  method: string;
  headers: Headers;
  body: unknown;
}

type Handler = (call: RecordedCall, index: number) => Response | Promise<Response>;

/** A fetch that records calls and delegates the answer to `handler`. */
export function fakeFetch(handler: Handler) {
  const calls: RecordedCall[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const call: RecordedCall = {
      url: new URL(String(input)),
      method: init?.method ?? 'GET',
      headers: new Headers(init?.headers),
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    calls.push(call);
    return handler(call, calls.length - 1);
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

/** A JSON response. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

/** A success in the documented envelope. */
export function ok(data: unknown, path = '/api/v1/accounts'): Response {
  return json({ statusCode: 200, timestamp: '2026-07-01T08:15:42.318Z', path, data });
}

/** An error in the documented envelope. */
export function apiError(status: number, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): Response {
  return json({ statusCode: status, timestamp: '2026-07-01T08:16:03.904Z', path: '/api/v1/accounts', message: 'Error', ...extra }, status, headers);
}

/** An account item with defaults. */
export function account(i: number, extra: Record<string, unknown> = {}) {
  return {
    rtp_aid: i.toString(16).padStart(24, '0'),
    name: `Company ${i}`,
    domain: `company${i}.com`,
    externalId: `crm-${i}`,
    rtp_account_score: i,
    rtp_journey_stage: 'Aware',
    rtp_advertising_activity_score: 1,
    rtp_website_intent_score: 2,
    rtp_g2_intent_score: 3,
    rtp_bombora_intent_score: 4,
    rtp_last_account_date: '2026-06-30T02:10:00.000Z',
    customFields: { TIER_C: 'Gold' },
    ...extra,
  };
}

/** A client over a fake fetch, with recorded (instant) sleeps and fixed jitter. */
export function setup(handler: Handler, options: Partial<RecotapClientOptions> = {}) {
  const { fetch, calls } = fakeFetch(handler);
  const delays: number[] = [];
  const events: RequestEvent[] = [];
  const client = createRecotapClient({
    baseUrl: BASE,
    apiKey: KEY,
    fetch,
    sleep: async (ms) => {
      delays.push(ms);
    },
    random: () => 0.5,
    onRequest: (e) => events.push(e),
    ...options,
  });
  return { client, calls, delays, events };
}

/** Awaits a promise that must reject and returns its reason. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected the promise to reject');
}
