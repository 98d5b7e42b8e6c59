/**
 * Typed errors of the Recotap client. Every failure the client raises is a RecotapError whose
 * message is a sentence a rep can act on; it never contains the API key or a request URL.
 */
import type { ErrorKind, ErrorView } from '../view-models';

export type RecotapErrorKind = Extract<
  ErrorKind,
  'unauthorized' | 'permission' | 'validation' | 'not-found' | 'conflict' | 'rate-limited' | 'server' | 'network' | 'offline' | 'timeout' | 'unexpected-response'
>;

/** Where a rep finds (or regenerates) the API key in Recotap (recotap-api.md §2.2). */
export const KEY_LOCATION = 'Recotap → Settings (gear) → Workspace → Tech Settings → API Access Key';

/** "30 s", "2 min", "1 h": a wait a rep can read at a glance. */
export function formatWait(ms: number): string {
  const s = Math.max(1, Math.ceil(ms / 1000));
  if (s < 90) return `${s} s`;
  const min = Math.round(s / 60);
  return min < 90 ? `${min} min` : `${Math.round(min / 60)} h`;
}

/**
 * The rep-facing sentences, one per cause (docs/glossary.md). `next` is what happens next: when the
 * background retries by itself ("retrying in 30 s"), else what the rep can do.
 */
export const messages = {
  badKey: (): string => `Recotap rejected this API key. Copy it again from ${KEY_LOCATION}.`,
  /** 403: the key is good but may not do this one thing (`action`: "log calls and e-mails") */
  notAllowed: (action: string, status: number): string =>
    `Recotap doesn't allow this API key to ${action} (${status}). Ask your Recotap admin or account manager to allow it for your key.`,
  /** 400/413/422: what Recotap did not accept, and the fields to check in rep words (never the API's names) */
  notAccepted: (subject: string, fields: readonly string[], status?: number): string => {
    const code = status === undefined ? '' : ` (${status})`;
    return fields.length > 0
      ? `Recotap didn't accept ${subject}: check ${fields.join(', ')}${code}.`
      : `Recotap didn't accept ${subject}${code}. If it keeps happening, tell your Recotap admin.`;
  },
  recotapProblem: (status: number | undefined, next = 'try again in a minute'): string =>
    `Recotap is having a problem${status === undefined ? '' : ` (${status})`}; ${next}.`,
  recotapBusy: (next: string): string => `Recotap is busy (429); ${next}.`,
  offline: (): string => "You're offline. Recotap Lens tries again when you're back online.",
  unreachable: (): string => "Recotap can't be reached from this browser. Check your Wi-Fi, VPN or proxy, then try again.",
  timeout: (seconds: number, next = 'try again in a minute'): string => `Recotap didn't answer within ${seconds} s; ${next}.`,
  wrongAddress: (status: number): string =>
    `The Recotap address in Settings → Advanced doesn't answer like Recotap (${status}). Switch it back to Production, or ask your IT admin.`,
} as const;


export interface FieldError {
  field: string;
  messages: string[];
}

export interface RecotapErrorInit {
  status?: number;
  fieldErrors?: FieldError[];
  retryAfterMs?: number;
  customMessage?: string;
  /** Recotap's own words (field messages, customMessage) for diagnostics and logs, never shown to a rep */
  detail?: string;
  /** true when the caller's AbortSignal ended the request (never retried) */
  cancelled?: boolean;
  cause?: unknown;
}

/** An API or transport failure, classified by kind. */
export class RecotapError extends Error {
  readonly kind: RecotapErrorKind;
  readonly status?: number;
  readonly fieldErrors?: FieldError[];
  readonly retryAfterMs?: number;
  readonly customMessage?: string;
  /** Recotap's raw detail (field messages, customMessage): diagnostics and logs only */
  readonly detail?: string;
  readonly cancelled: boolean;

  constructor(kind: RecotapErrorKind, message: string, init: RecotapErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    // a caller abort keeps the standard name so `err.name === 'AbortError'` checks keep working
    this.name = init.cancelled ? 'AbortError' : 'RecotapError';
    this.kind = kind;
    this.status = init.status;
    this.fieldErrors = init.fieldErrors;
    this.retryAfterMs = init.retryAfterMs;
    this.customMessage = init.customMessage;
    this.detail = init.detail;
    this.cancelled = init.cancelled ?? false;
  }
}

/**
 * A bulk write stopped at a failing chunk after earlier chunks succeeded. It carries the kind of
 * the failure plus the merged outcome of the completed chunks, so callers lose nothing.
 */
export class BulkPartialError<T = unknown> extends RecotapError {
  /** merged results and summary of the chunks that completed */
  readonly completed: T;
  /** number of input items covered by `completed` */
  readonly completedItems: number;

  constructor(cause: RecotapError, completed: T, completedItems: number, totalItems: number) {
    super(
      cause.kind,
      `${cause.message} (${completedItems} of ${totalItems} items were sent before the failure.)`,
      {
        status: cause.status, fieldErrors: cause.fieldErrors, retryAfterMs: cause.retryAfterMs, customMessage: cause.customMessage,
        detail: cause.detail, cancelled: cause.cancelled, cause,
      },
    );
    this.name = 'BulkPartialError';
    this.completed = completed;
    this.completedItems = completedItems;
  }
}

/** True for the per-item failure Recotap reports when an activity was already created (a retried send). */
export function isDuplicateActivityError(error?: string): boolean {
  return typeof error === 'string' && /already exists/i.test(error);
}

/** Whether repeating the same request later can succeed. */
export function isRetryableError(err: RecotapError): boolean {
  if (err.cancelled) return false;
  switch (err.kind) {
    case 'rate-limited':
    case 'server':
    case 'network':
    case 'offline':
    case 'timeout':
      return true;
    case 'unexpected-response':
      // an HTML 502 from a proxy is transient; a 200 with a drifted schema is not
      return err.status !== undefined && err.status >= 500;
    default:
      return false;
  }
}

function isAbortError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { name?: unknown }).name === 'AbortError';
}

/** True when the browser says it has no network at all (service workers and pages both have navigator.onLine). */
export function browserIsOffline(): boolean {
  return typeof navigator !== 'undefined' && navigator.onLine === false;
}

/** The sentence for a failure the background retries by itself in `ms`, or undefined when its message says no wait. */
function retryingMessage(err: RecotapError, ms: number): string | undefined {
  const next = `retrying in ${formatWait(ms)}`;
  if (err.kind === 'server' || (err.kind === 'unexpected-response' && err.status !== undefined && err.status >= 500)) {
    return messages.recotapProblem(err.status, next);
  }
  if (err.kind === 'rate-limited') return messages.recotapBusy(next);
  if (err.kind === 'timeout' && !err.cancelled) return err.message.replace(/; try again in a minute\.$/, `; ${next}.`);
  return undefined;
}

/**
 * Maps any thrown value to the ErrorView that views render. `retryInMs`: the background has
 * scheduled its own retry that far ahead, so a Recotap-side failure says when instead of "try again".
 */
export function toErrorView(err: unknown, opts: { retryInMs?: number } = {}): ErrorView {
  if (err instanceof RecotapError) {
    const retrying = opts.retryInMs === undefined ? undefined : retryingMessage(err, opts.retryInMs);
    return { kind: err.kind, message: retrying ?? err.message, retryable: isRetryableError(err) };
  }
  if (isAbortError(err)) return { kind: 'timeout', message: 'The request was cancelled.', retryable: false };
  if (err instanceof TypeError && /fetch|network/i.test(err.message)) {
    return browserIsOffline()
      ? { kind: 'offline', message: messages.offline(), retryable: true }
      : { kind: 'network', message: messages.unreachable(), retryable: true };
  }
  const detail = err instanceof Error && err.message ? ` (${err.message})` : '';
  return { kind: 'internal', message: `Something went wrong inside the extension${detail}.`, retryable: false };
}
