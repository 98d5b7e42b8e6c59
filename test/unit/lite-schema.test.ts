import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  liteArray, liteBoolean, liteEnum, liteNullable, liteNumber, liteObject, liteOptional, liteRecord, liteString, type Lite,
} from '../../utils/lite-schema';
import { readSetting, sitePrefsItem, SitePrefsSchema, ManagedPolicySchema } from '../../utils/settings';
import { fakeBrowser } from 'wxt/testing/fake-browser';

type Parser = { safeParse(v: unknown): { success: boolean; data?: unknown; error?: { issues: { path: PropertyKey[]; message: string }[] } } };
const outcome = (p: Parser, v: unknown) => {
  const r = p.safeParse(v);
  return r.success
    ? { ok: true, data: r.data }
    : { ok: false, issues: (r.error?.issues ?? []).map((i) => `${i.path.map(String).join('.')}: ${i.message}`).sort() };
};

// each lite validator next to the classic zod schema it stands in for
const pairs: [string, Lite<unknown>, z.ZodType, unknown[]][] = [
  ['string max', liteString({ max: 5 }), z.string().max(5), ['abc', 'abcdef', 3, null, undefined, {}]],
  ['string min+max', liteString({ min: 1, max: 3 }), z.string().min(1).max(3), ['', 'ab', 'abcd']],
  ['number range', liteNumber({ min: 1, max: 10 }), z.number().min(1).max(10), [0, 1, 10, 11, NaN, Infinity, '5']],
  ['int', liteNumber({ int: true, min: 5 }), z.int().min(5), [5, 4, 5.5, 'x']],
  ['boolean', liteBoolean(), z.boolean(), [true, 'true', 0]],
  ['enum', liteEnum(['a', 'b']), z.enum(['a', 'b']), ['a', 'c', 1]],
  ['nullable', liteNullable(liteString()), z.string().nullable(), [null, 'x', 1]],
  ['array', liteArray(liteNumber(), { max: 2 }), z.array(z.number()).max(2), [[1], [1, 2, 3], [1, 'x'], {}]],
  ['record', liteRecord(liteString({ max: 2 }), liteBoolean()), z.record(z.string().max(2), z.boolean()), [{ a: true }, { abc: true }, { a: 1 }, []]],
  [
    'object',
    liteObject({ a: liteString(), b: liteOptional(liteNumber()) }),
    z.object({ a: z.string(), b: z.number().optional() }),
    [{ a: 'x' }, { a: 'x', b: 2, extra: true }, { b: 'y' }, null, [1]],
  ],
];

describe('lite validators agree with zod', () => {
  for (const [name, lite, zod, inputs] of pairs) {
    it.each(inputs.map((v) => [JSON.stringify(v) ?? String(v), v]))(`${name}: %s`, (_, value) => {
      expect(outcome(lite, value)).toEqual(outcome(zod, value));
    });
  }
});

describe('settings validation (lite)', () => {
  it('drops unknown keys and keeps optional ones only when set', () => {
    expect(SitePrefsSchema.safeParse({ hubspot: { enabled: false, junk: 1 }, zoho: {} })).toEqual({
      success: true,
      data: { hubspot: { enabled: false }, zoho: {} },
    });
    expect(ManagedPolicySchema.shape.enabledSites.safeParse(['a'.repeat(65)]).success).toBe(false);
  });

  it('a stored value of the wrong shape reads as the default', async () => {
    fakeBrowser.reset();
    await fakeBrowser.storage.local.set({ sitePrefs: { hubspot: { surface: 'floating' } } });
    expect(await readSetting(sitePrefsItem)).toEqual({});
    await fakeBrowser.storage.local.set({ sitePrefs: { hubspot: { surface: 'side-panel' } } });
    expect(await readSetting(sitePrefsItem)).toEqual({ hubspot: { surface: 'side-panel' } });
  });
});
