// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { RECOTAP_BASE_URLS, RecotapError, resolveBaseUrl } from '../../../utils/recotap';

describe('resolveBaseUrl', () => {
  it('returns the production and sandbox hosts', () => {
    expect(resolveBaseUrl('production')).toBe('https://eapi.recotap.com/api/v1');
    expect(resolveBaseUrl('sandbox')).toBe('https://sandboxapi.reco-tap.com/api/v1');
    expect(RECOTAP_BASE_URLS.sandbox).toContain('reco-tap.com');
  });

  it.each([
    ['https://proxy.example.com/recotap/api/v1/', 'https://proxy.example.com/recotap/api/v1'],
    ['  https://eapi.recotap.com/api/v1//  ', 'https://eapi.recotap.com/api/v1'],
    ['http://127.0.0.1:8787/api/v1', 'http://127.0.0.1:8787/api/v1'],
    ['http://localhost:3000/api/v1/', 'http://localhost:3000/api/v1'],
    ['HTTPS://EAPI.Recotap.com/api/v1', 'https://eapi.recotap.com/api/v1'],
  ])('accepts %j', (input, expected) => {
    expect(resolveBaseUrl('custom', input)).toBe(expected);
  });

  it.each([
    ['', 'Enter the custom Recotap address'],
    ['eapi.recotap.com/api/v1', 'is not a web address'],
    ['http://eapi.recotap.com/api/v1', 'must start with https://'],
    ['http://192.168.1.10/api/v1', 'must start with https://'],
    ['ftp://eapi.recotap.com/api/v1', 'must start with https://'],
    ['https://user:pass@eapi.recotap.com/api/v1', 'user name or password'],
    ['https://eapi.recotap.com/api/v1?x=1', 'query (?…)'],
  ])('rejects %j', (input, message) => {
    let err: unknown;
    try {
      resolveBaseUrl('custom', input);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(RecotapError);
    expect(err).toMatchObject({ kind: 'validation', fieldErrors: [{ field: 'baseUrl' }] });
    expect((err as Error).message).toContain(message);
  });
});
