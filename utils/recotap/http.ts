/**
 * The HTTP transport under the Recotap client: builds URLs, sends X-Api-Key on every request,
 * applies a per-attempt timeout, honours the caller's AbortSignal, retries per RetryMode with
 * backoff, decodes and validates the body, and reports every attempt to onRequest.
 */
import type { z } from 'zod';
import { RecotapError, browserIsOffline, messages } from './errors';
import { errorFromResponse } from './error-response';
import { decodeJsonBody, normalizePayload, parsePayload, type PayloadShape } from './envelope';
import { backoffDelay, defaultSleep, shouldRetry, type RetryMode } from './retry';

/** One finished attempt, for counting requests in tests and benchmarks. */
export interface RequestEvent {
  method: string;
  /** endpoint path without base URL or query, e.g. '/accounts' */
  path: string;
  search: string;
  /** HTTP status, or null when no response arrived (network error, timeout, cancel) */
  status: number | null;
  /** 1 for the first try, 2 for the first retry, ... */
  attempt: number;
  durationMs: number;
  error?: RecotapError['kind'];
}

export interface TransportOptions {
  baseUrl: string;
  apiKey: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  retries?: number;
  retryBaseMs?: number;
  maxRetryDelayMs?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  now?: () => number;
  onRequest?: (event: RequestEvent) => void;
}

export interface RequestSpec<S extends z.ZodType> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH';
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  schema: S;
  shape: PayloadShape;
  retry: RetryMode;
  /** what the request is about, for drift messages ("GET /accounts") */
  what?: string;
  signal?: AbortSignal;
}

export type Transport = <S extends z.ZodType>(spec: RequestSpec<S>) => Promise<z.output<S>>;

function buildSearch(query: RequestSpec<z.ZodType>['query']): string {
  const parts = Object.entries(query ?? {})
    .filter((e): e is [string, string | number] => e[1] !== undefined)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

const cancelledError = (signal: AbortSignal) =>
  new RecotapError('timeout', 'The request was cancelled.', { cancelled: true, cause: signal.reason });

/** Creates the request function used by every endpoint of the client. */
export function createTransport(opts: TransportOptions): Transport {
  const base = opts.baseUrl.trim().replace(/\/+$/, '');
  const apiKey = opts.apiKey.trim();
  const fetchFn = opts.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const timeoutMs = opts.timeoutMs ?? 25_000;
  const retries = opts.retries ?? 3;
  const backoff = { retryBaseMs: opts.retryBaseMs ?? 500, maxRetryDelayMs: opts.maxRetryDelayMs ?? 30_000, random: opts.random ?? Math.random };
  const sleep = opts.sleep ?? defaultSleep;
  const now = opts.now ?? Date.now;

  async function once<S extends z.ZodType>(spec: RequestSpec<S>, search: string, attempt: number): Promise<z.output<S>> {
    const caller = spec.signal;
    if (caller?.aborted) throw cancelledError(caller);
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new DOMException('Recotap request timed out', 'TimeoutError'));
    }, timeoutMs);
    const onCallerAbort = () => controller.abort(caller?.reason);
    caller?.addEventListener('abort', onCallerAbort, { once: true });
    // a fetch that ignores its signal must still end when we abort
    const aborted = new Promise<never>((_, reject) => {
      controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true });
    });
    aborted.catch(() => undefined);
    const started = now();
    let status: number | null = null;
    const report = (error?: RecotapError) =>
      opts.onRequest?.({ method: spec.method, path: spec.path, search, status, attempt, durationMs: now() - started, error: error?.kind });
    try {
      let text: string;
      let headers: Headers;
      try {
        const headerInit: Record<string, string> = { 'X-Api-Key': apiKey, Accept: 'application/json' };
        if (spec.body !== undefined) headerInit['Content-Type'] = 'application/json';
        const init: RequestInit = { method: spec.method, headers: headerInit, signal: controller.signal };
        if (spec.body !== undefined) init.body = JSON.stringify(spec.body);
        const res = await Promise.race([fetchFn(`${base}${spec.path}${search}`, init), aborted]);
        status = res.status;
        headers = res.headers;
        text = await Promise.race([res.text(), aborted]);
      } catch (cause) {
        if (caller?.aborted) throw cancelledError(caller);
        if (timedOut) throw new RecotapError('timeout', messages.timeout(Math.ceil(timeoutMs / 1000)), { status: status ?? undefined, cause });
        if (browserIsOffline()) throw new RecotapError('offline', messages.offline(), { cause });
        throw new RecotapError('network', messages.unreachable(), { cause });
      }
      if (status < 200 || status > 299) throw errorFromResponse(status, text, headers, now(), { method: spec.method, path: spec.path });
      const body = decodeJsonBody(text, status, headers.get('content-type'));
      const value = parsePayload(spec.schema, normalizePayload(body, spec.shape), status, spec.what ?? `${spec.method} ${spec.path}`);
      report();
      return value;
    } catch (err) {
      report(err instanceof RecotapError ? err : undefined);
      throw err;
    } finally {
      clearTimeout(timer);
      caller?.removeEventListener('abort', onCallerAbort);
    }
  }

  return async function request<S extends z.ZodType>(spec: RequestSpec<S>): Promise<z.output<S>> {
    const search = buildSearch(spec.query);
    // Recotap answered 5xx on an earlier try: a later dropped connection is Recotap's side too, and
    // the rep must not be told to check their network
    let recotapSide: RecotapError | undefined;
    for (let attempt = 0; ; attempt++) {
      try {
        return await once(spec, search, attempt + 1);
      } catch (err) {
        if (!(err instanceof RecotapError)) throw err;
        if (err.status !== undefined && err.status >= 500) recotapSide = err;
        const final = attempt >= retries || !shouldRetry(err, spec.retry);
        if (final && err.kind === 'network' && recotapSide) throw recotapSide;
        if (final) throw err;
        // a server asking for a longer pause than we would ever wait: let the caller reschedule
        if (err.retryAfterMs !== undefined && err.retryAfterMs > backoff.maxRetryDelayMs) throw err;
        try {
          await sleep(backoffDelay(attempt, backoff, err.retryAfterMs), spec.signal);
        } catch (cause) {
          if (spec.signal?.aborted) throw cancelledError(spec.signal);
          throw cause;
        }
        if (spec.signal?.aborted) throw cancelledError(spec.signal);
      }
    }
  };
}
