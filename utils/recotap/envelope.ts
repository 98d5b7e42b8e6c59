/**
 * Response-body decoding and envelope normalisation (recotap-api.md §2.4, §5 #3).
 * The live API mixes shapes: `{statusCode, data}` envelopes, bare arrays, rows at `data.data`,
 * and `{data: [...]}` without an envelope. Everything is reduced to the payload, then checked
 * against the endpoint's schema; a mismatch is reported with the field path (schema drift).
 */
import type { z } from 'zod';
import { RecotapError } from './errors';

/** What the endpoint's payload is expected to be, which decides how far to unwrap. */
export type PayloadShape = 'page' | 'list' | 'object' | 'any';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** True when a body is (probably) an HTML page rather than JSON. */
export function looksLikeHtml(text: string, contentType: string | null): boolean {
  return /text\/html/i.test(contentType ?? '') || /^\s*</.test(text);
}

/** Parses a 2xx body as JSON, or throws an 'unexpected-response' error that says what came back. */
export function decodeJsonBody(text: string, status: number, contentType: string | null): unknown {
  if (text.trim() === '') {
    throw new RecotapError('unexpected-response', `Recotap sent an empty answer (${status}). Try again in a minute.`, { status });
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    if (looksLikeHtml(text, contentType)) {
      throw new RecotapError('unexpected-response', `The Recotap address in Settings → Advanced answered with a web page, not Recotap's data (${status}). Switch it back to Production, or ask your IT admin.`, { status, cause });
    }
    throw new RecotapError('unexpected-response', `Recotap sent an answer Recotap Lens can't read (${status}). Try again in a minute.`, { status, cause });
  }
}

function isEnvelope(v: unknown): v is Record<string, unknown> & { data: unknown } {
  return isRecord(v) && 'data' in v && ('statusCode' in v || 'timestamp' in v || 'path' in v);
}

/** Reduces any of the observed body shapes to the endpoint payload. */
export function normalizePayload(body: unknown, shape: PayloadShape): unknown {
  let p = isEnvelope(body) ? body.data : body;
  if (shape === 'list' && isRecord(p) && Array.isArray(p.data)) p = p.data;
  if ((shape === 'page' || shape === 'object') && isRecord(p) && isRecord(p.data)) p = p.data;
  // a bare array where a page was expected is a single, final page
  if (shape === 'page' && Array.isArray(p)) p = { data: p, nextCursor: null, hasNextPage: false };
  return p;
}

/** Renders a zod issue path as `data[0].rtp_aid`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out || '(root)';
}

/** Validates a payload, turning schema drift into an 'unexpected-response' error naming the fields. */
export function parsePayload<S extends z.ZodType>(schema: S, payload: unknown, status: number, what: string): z.output<S> {
  const result = schema.safeParse(payload);
  if (result.success) return result.data;
  const issues = result.error.issues.slice(0, 3).map((i) => `${formatPath(i.path)}: ${i.message}`);
  const more = result.error.issues.length > 3 ? ` and ${result.error.issues.length - 3} more` : '';
  throw new RecotapError(
    'unexpected-response',
    `The Recotap API response for ${what} did not have the expected format (${issues.join('; ')}${more}). The API may have changed.`,
    { status, cause: result.error },
  );
}
