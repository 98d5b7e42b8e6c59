/**
 * The response envelope (recotap-api.md §2.4) and class-validator style checks, shared by routes.
 * Validation errors carry raw `{ property, value, constraints }` objects in `data` and no
 * customMessage; business errors carry `customMessage` and `data: null`.
 */
import type { Context } from 'hono';

const REASONS: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized access', 404: 'Not Found', 409: 'Conflict', 413: 'Payload Too Large',
  429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable',
};

/** Request path as the live API echoes it: pathname plus the raw query string. */
export function fullPath(c: Context): string {
  const u = new URL(c.req.url);
  return u.pathname + u.search;
}

/** A JSON response; the status is explicit so fault paths can reuse it. */
export function json(body: unknown, status: number, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } });
}

/** Success envelope. */
export function ok(c: Context, data: unknown, status = 200): Response {
  return json({ statusCode: status, timestamp: new Date().toISOString(), path: fullPath(c), data }, status);
}

/** Business error envelope (401/404/409/429/5xx and 400s thrown by services). */
export function fail(c: Context, status: number, customMessage?: string, message = REASONS[status] ?? 'Error', headers: Record<string, string> = {}): Response {
  const body: Record<string, unknown> = { statusCode: status, timestamp: new Date().toISOString(), path: fullPath(c), message };
  if (customMessage !== undefined) body.customMessage = customMessage;
  body.data = null;
  return json(body, status, headers);
}

export interface ValidationItem {
  property: string;
  value?: unknown;
  constraints: Record<string, string>;
}

/** Collects class-validator style failures; one entry per property with merged constraints. */
export class Issues {
  readonly items: ValidationItem[] = [];
  add(property: string, value: unknown, constraint: string, text: string): void {
    let item = this.items.find((i) => i.property === property);
    if (!item) {
      item = { property, value, constraints: {} };
      this.items.push(item);
    }
    item.constraints[constraint] = text;
  }
  get empty(): boolean {
    return this.items.length === 0;
  }
  /** 400 with `message: "Bad Request"` and the raw objects in data. */
  respond(c: Context): Response {
    return json({ statusCode: 400, timestamp: new Date().toISOString(), path: fullPath(c), message: 'Bad Request', data: this.items }, 400);
  }
}

const ISO = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
/** ISO 8601 date or date-time that also denotes a real instant. */
export const isIso = (v: unknown): v is string => typeof v === 'string' && ISO.test(v) && !Number.isNaN(Date.parse(v));
export const isEmail = (v: unknown): v is string => typeof v === 'string' && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v);
export const isNotEmpty = (v: unknown): boolean => v !== undefined && v !== null && v !== '';
export const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks an array property: isArray, arrayMinSize(min), arrayMaxSize(max). Returns the array when usable. */
export function checkArray(issues: Issues, name: string, v: unknown, min: number, max: number): unknown[] | null {
  if (!Array.isArray(v) || v.length < min) {
    // documented text for missing/empty is "must be an array"; class-validator adds arrayMinSize
    issues.add(name, v, 'isArray', `${name} must be an array`);
    issues.add(name, v, 'arrayMinSize', `${name} must contain at least ${min} elements`);
    return null;
  }
  if (v.length > max) {
    issues.add(name, v, 'arrayMaxSize', `${name} must contain no more than ${max} elements`);
    return null;
  }
  return v;
}

/** `limit` query parameter: integer in [1, max]; default when absent. */
export function checkLimit(issues: Issues, raw: string | undefined, max: number, dflt = 100): number {
  if (raw === undefined) return Math.min(dflt, max);
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(n)) issues.add('limit', raw, 'isInt', 'limit must be an integer number');
  else if (n < 1) issues.add('limit', raw, 'min', 'limit must not be less than 1');
  else if (n > max) issues.add('limit', raw, 'max', `limit must not be greater than ${max}`);
  return n;
}

/** Parses a JSON body; a body that is not JSON is a 400 (as body-parser does). */
export async function readJson(c: Context): Promise<{ body: unknown } | { res: Response }> {
  const text = await c.req.text();
  try {
    return { body: text === '' ? {} : (JSON.parse(text) as unknown) };
  } catch {
    return { res: fail(c, 400, 'Request body is not valid JSON') };
  }
}
