/**
 * A few hand-written validators with zod's safeParse shape, for code that runs in content scripts
 * (settings reads, the activity form): zod/mini cost crm.js ~8 KB gzipped. Objects strip unknown
 * keys and messages follow zod's English wording, so results match the zod schemas the background
 * applies (test/unit/lite-schema.test.ts and the mirror tests check that). Not a general library.
 */
export interface LiteIssue {
  path: PropertyKey[];
  message: string;
}
export type LiteResult<T> = { success: true; data: T; error?: undefined } | { success: false; data?: undefined; error: { issues: LiteIssue[] } };

/** A validator: `run` returns the (stripped) value and records issues; `safeParse` wraps it. */
export interface Lite<T> {
  readonly optional?: boolean;
  run(value: unknown, path: PropertyKey[], issues: LiteIssue[]): T;
  safeParse(value: unknown): LiteResult<T>;
}
export type LiteOut<S> = S extends Lite<infer T> ? T : never;
type Shape = Record<string, Lite<unknown>>;
type Opt<S extends Shape> = { [K in keyof S]: S[K] extends { optional: true } ? K : never }[keyof S];
type Simplify<T> = { [K in keyof T]: T[K] } & {};
export type LiteObject<S extends Shape> = Simplify<{ [K in Exclude<keyof S, Opt<S>>]: LiteOut<S[K]> } & { [K in Opt<S>]?: LiteOut<S[K]> }>;

function lite<T>(run: Lite<T>['run'], optional?: boolean): Lite<T> {
  return {
    optional,
    run,
    safeParse(value) {
      const issues: LiteIssue[] = [];
      const data = run(value, [], issues);
      return issues.length ? { success: false, error: { issues } } : { success: true, data };
    },
  };
}

const typeName = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'number' && !Number.isFinite(v) ? String(v) : typeof v);
const expected = (type: string, v: unknown) => `Invalid input: expected ${type}, received ${typeName(v)}`;

/** Size limits with zod's wording: strings count characters, arrays items, numbers compare values. */
function limits(v: number, o: { min?: number; max?: number; minMessage?: string }, origin: string, path: PropertyKey[], issues: LiteIssue[]) {
  const size = origin === 'number' ? (n: number) => `be ${n}` : (n: number) => `have ${n} ${origin === 'string' ? 'characters' : 'items'}`;
  if (o.max !== undefined && v > o.max) issues.push({ path, message: `Too big: expected ${origin} to ${size(o.max).replace(' ', ' <=')}` });
  if (o.min !== undefined && v < o.min) issues.push({ path, message: o.minMessage ?? `Too small: expected ${origin} to ${size(o.min).replace(' ', ' >=')}` });
}

/**
 * A string of at most `max` (and at least `min`) characters; `pattern` (a RegExp or any `test`) adds a
 * format check. `message` replaces the type and format messages (as zod's `z.email({ message })`).
 */
export function liteString(o: { max?: number; min?: number; minMessage?: string; pattern?: { test(s: string): boolean }; message?: string } = {}): Lite<string> {
  return lite((v, path, issues) => {
    if (typeof v !== 'string') issues.push({ path, message: o.message ?? expected('string', v) });
    else {
      if (o.pattern && !o.pattern.test(v)) issues.push({ path, message: o.message ?? 'Invalid input' });
      limits(v.length, o, 'string', path, issues);
    }
    return v as string;
  });
}

/** A finite number within [min, max]; `int` also requires a (safe) whole number. */
export function liteNumber(o: { min?: number; max?: number; int?: boolean } = {}): Lite<number> {
  return lite((v, path, issues) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) issues.push({ path, message: expected('number', v) });
    else if (o.int && !Number.isSafeInteger(v)) issues.push({ path, message: expected('int', v) });
    else limits(v, o, 'number', path, issues);
    return v as number;
  });
}

export const liteBoolean = (): Lite<boolean> =>
  lite((v, path, issues) => {
    if (typeof v !== 'boolean') issues.push({ path, message: expected('boolean', v) });
    return v as boolean;
  });

/** One of the given string values. */
export function liteEnum<const V extends readonly string[]>(values: V): Lite<V[number]> {
  return lite((v, path, issues) => {
    if (!values.includes(v as string)) issues.push({ path, message: `Invalid option: expected one of ${values.map((x) => `"${x}"`).join('|')}` });
    return v as V[number];
  });
}

/** `undefined` passes (and an object leaves the key out). */
export function liteOptional<T>(inner: Lite<T>): Lite<T | undefined> & { optional: true } {
  return lite<T | undefined>((v, path, issues) => (v === undefined ? undefined : inner.run(v, path, issues)), true) as Lite<T | undefined> & { optional: true };
}

export function liteNullable<T>(inner: Lite<T>): Lite<T | null> {
  return lite((v, path, issues) => (v === null ? null : inner.run(v, path, issues)));
}

/** An array of `item` with optional size limits. */
export function liteArray<T>(item: Lite<T>, o: { max?: number; min?: number; minMessage?: string } = {}): Lite<T[]> {
  return lite((v, path, issues) => {
    if (!Array.isArray(v)) {
      issues.push({ path, message: expected('array', v) });
      return [];
    }
    // like zod: an over-long array reports only its length, not its items
    if (o.max !== undefined && v.length > o.max) {
      limits(v.length, { max: o.max }, 'array', path, issues);
      return v as T[];
    }
    const out = v.map((x, i) => item.run(x, [...path, i], issues));
    limits(v.length, o, 'array', path, issues);
    return out;
  });
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** An object with exactly these keys in its output (unknown keys are dropped, as zod does). */
export function liteObject<S extends Shape>(shape: S): Lite<LiteObject<S>> & { shape: S } {
  const schema = lite((v, path, issues) => {
    if (!isPlainObject(v)) {
      issues.push({ path, message: expected('object', v) });
      return v as LiteObject<S>;
    }
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(shape)) {
      const value = field.run(v[key], [...path, key], issues);
      if (value !== undefined || !field.optional) out[key] = value;
    }
    return out as LiteObject<S>;
  });
  return Object.assign(schema, { shape });
}

/** A string-keyed record whose keys pass `key` and values pass `value`. */
export function liteRecord<T>(key: Lite<string>, value: Lite<T>): Lite<Record<string, T>> {
  return lite((v, path, issues) => {
    if (!isPlainObject(v)) {
      issues.push({ path, message: expected('record', v) });
      return {};
    }
    const out: Record<string, T> = {};
    for (const [k, x] of Object.entries(v)) {
      if (!key.safeParse(k).success) issues.push({ path: [...path, k], message: 'Invalid key in record' });
      out[k] = value.run(x, [...path, k], issues);
    }
    return out;
  });
}
