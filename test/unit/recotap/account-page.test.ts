// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { parsePayload } from '../../../utils/recotap/envelope';
import { AccountPageSchema, StrictAccountPageSchema, fastAccountPage } from '../../../utils/recotap/schemas';
import { account } from './fake-fetch';

const page = (rows: unknown[], extra: Record<string, unknown> = {}) => ({ data: rows, nextCursor: 'n1', hasNextPage: true, syncTimestamp: 't', ...extra });

/** Every way a row or page can differ from the documented shape that we could think of. */
function variants(): unknown[] {
  const base = account(1, { segments: [{ segmentId: 's1', name: 'Tier 1' }] });
  const out: unknown[] = [page([base, account(2)])];
  for (const key of Object.keys(base)) {
    const without: Record<string, unknown> = { ...base };
    delete without[key];
    out.push(page([account(3), without]));
    for (const value of [null, undefined, '7', 7, Number.NaN, true, [], {}, [{ segmentId: 1, name: 'x' }], [{ segmentId: 's', name: 'x', extra: 1 }]]) {
      out.push(page([{ ...base, [key]: value }]));
    }
  }
  out.push(page([base], { nextCursor: undefined, syncTimestamp: undefined }), page([base], { nextCursor: null, syncTimestamp: null }));
  out.push(page([base], { nextCursor: 5 }), page([base], { hasNextPage: 'yes' }), page([base], { extraTopLevel: { a: 1 } }));
  out.push(page([]), page([null]), page([[base]]), { data: base, hasNextPage: false }, null, [], 'page', page([{ ...base, customFields: null }]));
  return out;
}

const outcome = (schema: typeof AccountPageSchema | typeof StrictAccountPageSchema, payload: unknown) => {
  try {
    return { data: parsePayload(schema, payload, 200, 'GET /accounts') as unknown };
  } catch (err) {
    return { error: (err as Error).message };
  }
};

describe('account page validation (sync hot path)', () => {
  it('accepts and rejects exactly what the zod schema does, with the same data and drift messages', () => {
    const cases = variants();
    expect(cases.length).toBeGreaterThan(150);
    let rejected = 0;
    for (const payload of cases) {
      const fast = outcome(AccountPageSchema, payload);
      expect(fast, JSON.stringify(payload)).toEqual(outcome(StrictAccountPageSchema, payload));
      if ('error' in fast) rejected++;
    }
    // both paths were exercised
    expect(rejected).toBeGreaterThan(50);
    expect(cases.length - rejected).toBeGreaterThan(20);
  });

  it('passes a valid page through without copying its rows', () => {
    const payload = page([account(1), account(2)]);
    const parsed = AccountPageSchema.parse(payload);
    expect(parsed.data).toBe(payload.data);
    expect(parsed.data[1]).toBe(payload.data[1]);
    expect(fastAccountPage({ ...payload, data: [account(1, { rtp_account_score: '1' })] })).toBeNull();
  });
});
