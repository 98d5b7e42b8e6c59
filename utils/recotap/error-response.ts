/**
 * Turns a non-2xx Recotap response into a RecotapError (recotap-api.md §2.4, §2.10).
 * Branches on the HTTP status; the body only adds detail (customMessage, class-validator errors).
 */
import { RecotapError, formatWait, messages, type FieldError } from './errors';
import { looksLikeHtml } from './envelope';
import { fieldWords, requestWords } from './rep-words';

interface ErrorBody {
  message?: unknown;
  customMessage?: unknown;
  data?: unknown;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses Retry-After (delta-seconds or HTTP-date) into milliseconds from `now`; undefined when absent/invalid. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/** Flattens class-validator error objects (`{property, constraints, children}`) into field errors. */
export function collectFieldErrors(data: unknown, prefix = ''): FieldError[] {
  if (!Array.isArray(data)) return [];
  const out: FieldError[] = [];
  for (const item of data) {
    if (!isRecord(item)) continue;
    const property = typeof item.property === 'string' || typeof item.property === 'number' ? String(item.property) : '';
    const field = prefix && property ? `${prefix}.${property}` : prefix || property;
    if (isRecord(item.constraints)) {
      const messages = Object.values(item.constraints).filter((m): m is string => typeof m === 'string' && m !== '');
      if (messages.length > 0) out.push({ field, messages });
    }
    out.push(...collectFieldErrors(item.children, field));
  }
  return out;
}

function parseErrorBody(text: string): ErrorBody | null {
  try {
    const parsed: unknown = JSON.parse(text);
    return isRecord(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

// trailing full stops are dropped because the texts are embedded in our own sentences
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim().replace(/\.+$/, '') : undefined);

/**
 * Builds the RecotapError for an HTTP error status. `request` (method and API path) lets a 403 or a
 * 400 name what failed in rep words ("log calls and e-mails"); Recotap's own field messages stay in
 * `detail` and `fieldErrors` (diagnostics, logs), never in the message.
 */
export function errorFromResponse(status: number, text: string, headers: Headers, now?: number, request?: { method: string; path: string }): RecotapError {
  const body = parseErrorBody(text);
  const customMessage = str(body?.customMessage);
  const serverMessage = str(body?.message);
  const init = { status, customMessage };
  const words = requestWords(request);

  // 401 stops the key's use (sync pauses, Settings asks for a key)
  if (status === 401) return new RecotapError('unauthorized', messages.badKey(), init);
  // 403: the key works, but not for this request; only the action that failed reports it
  if (status === 403) return new RecotapError('permission', messages.notAllowed(words.action, status), { ...init, detail: customMessage ?? serverMessage });
  if (status === 400 || status === 413 || status === 422) {
    const fieldErrors = collectFieldErrors(body?.data);
    const raw = fieldErrors.length > 0 ? fieldErrors.map((f) => `${f.field}: ${f.messages.join(', ')}`) : [customMessage ?? serverMessage ?? ''].filter(Boolean);
    const named = fieldWords(fieldErrors.length > 0 ? fieldErrors.map((f) => f.field) : raw);
    return new RecotapError('validation', messages.notAccepted(words.subject, named, status), { ...init, fieldErrors, detail: raw.join('; ') || undefined });
  }
  if (status === 404) {
    if (body === null && looksLikeHtml(text, headers.get('content-type'))) {
      return new RecotapError('not-found', messages.wrongAddress(status), init);
    }
    // an unknown route ("Cannot GET /api/v1/...") usually means a wrong base URL
    if (!customMessage && serverMessage?.startsWith('Cannot ')) {
      return new RecotapError('not-found', messages.wrongAddress(status), init);
    }
    return new RecotapError('not-found', `Recotap could not find it${customMessage ? `: ${customMessage}` : ''}.`, init);
  }
  if (status === 409) {
    return new RecotapError('conflict', customMessage ? `Recotap reports a conflict: ${customMessage}.` : 'That already exists in Recotap.', init);
  }
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(headers.get('retry-after'), now);
    const next = retryAfterMs === undefined ? 'try again in a minute' : `try again in ${formatWait(retryAfterMs)}`;
    return new RecotapError('rate-limited', messages.recotapBusy(next), { ...init, retryAfterMs });
  }
  if (status >= 500) {
    // an HTML error page (a proxy or load balancer in front of Recotap) is still Recotap's side
    if (body === null && looksLikeHtml(text, headers.get('content-type'))) return new RecotapError('unexpected-response', messages.recotapProblem(status), init);
    return new RecotapError('server', messages.recotapProblem(status), init);
  }
  return new RecotapError('unexpected-response', `Recotap answered in a way Recotap Lens doesn't understand (${status}). Try again in a minute.`, init);
}
