/**
 * Payload validation for incoming messages (a trust boundary, design.md rule 4). An invalid payload
 * gets the message's own failure shape where it has one ({ok:false} / {state:'error'}), else throws.
 */
import type { z } from 'zod';
import type { RequestName, ResponseMap } from '../messaging';
import { requestSchemas } from '../messaging-schemas';
import type { ErrorView } from '../view-models';

export type RequestOutput<N extends RequestName> = z.output<(typeof requestSchemas)[N]>;

const LOOKUP_SHAPED = new Set<RequestName>(['lookupContext', 'lookupQuery', 'pinAccount', 'unpinAccount', 'addAccount']);
const THROWING = new Set<RequestName>(['searchAccounts', 'getStatus', 'listActivities']);

export class InvalidRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidRequestError';
  }
}

/** The message's failure response for an error view (or a throw for messages without one). */
export function failure<N extends RequestName>(name: N, error: ErrorView): ResponseMap[N] {
  if (THROWING.has(name)) throw new InvalidRequestError(error.message);
  if (LOOKUP_SHAPED.has(name)) return { state: 'error', error } as ResponseMap[N];
  return { ok: false, error } as ResponseMap[N];
}

/** Parse a payload with requestSchemas[name]; on failure return a clear "field: problem" message. */
export function parseRequest<N extends RequestName>(
  name: N,
  data: unknown,
): { ok: true; data: RequestOutput<N> } | { ok: false; message: string } {
  const schema = requestSchemas[name] as unknown as z.ZodType<RequestOutput<N>>;
  const parsed = schema.safeParse(data);
  if (parsed.success) return { ok: true, data: parsed.data };
  const issues = parsed.error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : 'payload'}: ${i.message}`)
    .join('; ');
  return { ok: false, message: `Invalid ${name} request (${issues}).` };
}

/** An ErrorView for a rejected payload. */
export function validationError(message: string): ErrorView {
  return { kind: 'validation', message, retryable: false };
}
