/**
 * How the outbox reads a failed push: which errors are transient (retry later with backoff),
 * which mean the key is bad (stop), and which blame the batch's content (isolate the bad item).
 * Errors are read by shape (kind/status/retryAfterMs/fieldErrors of RecotapError) so that anything
 * thrown, including a bug, is classified instead of escaping the flush.
 */
import { messages } from '../recotap/errors';
import { fieldWords } from '../recotap/rep-words';
import { ErrorKindSchema, type ErrorKind } from '../view-models';

export interface SendFailure {
  kind: ErrorKind;
  message: string;
  retryAfterMs?: number;
  fieldErrors?: { field: string; messages: string[] }[];
  /** Recotap's own words (RecotapError.detail): kept for diagnostics, never shown to the rep */
  detail?: string;
}

export type FailureClass = 'unauthorized' | 'forbidden' | 'invalid-batch' | 'transient';

/** Normalises any thrown value into a SendFailure. */
export function describeFailure(err: unknown): SendFailure {
  if (err && typeof err === 'object') {
    const e = err as Record<string, unknown>;
    const kind = ErrorKindSchema.safeParse(e.kind);
    if (kind.success) {
      return {
        kind: kind.data,
        message: typeof e.message === 'string' ? e.message : kind.data,
        retryAfterMs: typeof e.retryAfterMs === 'number' ? e.retryAfterMs : undefined,
        fieldErrors: Array.isArray(e.fieldErrors) ? (e.fieldErrors as SendFailure['fieldErrors']) : undefined,
        detail: typeof e.detail === 'string' ? e.detail : undefined,
      };
    }
    if (e.name === 'AbortError' || e.name === 'TimeoutError') return { kind: 'timeout', message: 'Recotap did not answer in time.' };
    if (e.name === 'TypeError') return { kind: 'network', message: 'Could not reach Recotap (network error).' };
  }
  return { kind: 'unexpected-response', message: err instanceof Error ? err.message : String(err) };
}

/**
 * 401 stops the flush (bad key); 403 fails the batch (this key may not log activities, retrying
 * cannot help, but the key stays); 400 blames the content; everything else is worth retrying later.
 */
export function classifyFailure(f: SendFailure): FailureClass {
  if (f.kind === 'unauthorized') return 'unauthorized';
  if (f.kind === 'permission') return 'forbidden';
  if (f.kind === 'validation') return 'invalid-batch';
  return 'transient';
}

/** What diagnostics keep of a failure: its kind and Recotap's raw detail (field names included). */
export function failureDetail(f: SendFailure): string {
  const fields = (f.fieldErrors ?? []).map((fe) => `${fe.field}: ${fe.messages.join(', ')}`).join('; ');
  return `${f.kind}: ${fields || f.detail || f.message}`;
}

/**
 * The rep's reason for a per-item "failed" in a 200 answer: Recotap's own sentence names API fields,
 * so only the fields it is about are said, in rep words (the raw text goes to diagnostics).
 */
export function itemFailureReason(error: string | undefined): string {
  return messages.notAccepted('this call or e-mail', fieldWords(error ? [error] : []));
}

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  random: () => number;
}

/**
 * Delay before the next attempt after `attempts` consecutive failures: exponential, capped,
 * with jitter in [50%, 100%] so many clients do not retry in lockstep; never shorter than the
 * server's Retry-After.
 */
export function backoffDelay(attempts: number, retryAfterMs: number | undefined, o: BackoffOptions): number {
  const exp = Math.min(o.maxMs, o.baseMs * 2 ** Math.max(0, attempts - 1));
  const jittered = Math.round(exp * (0.5 + 0.5 * o.random()));
  return Math.max(jittered, retryAfterMs ?? 0);
}
