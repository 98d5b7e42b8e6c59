// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { BulkPartialError, RecotapError, isDuplicateActivityError, parseRetryAfter, toErrorView } from '../../../utils/recotap';
import { KEY, apiError, rejection, setup } from './fake-fetch';

const fail = async (response: () => Response) => {
  const { client, calls } = setup(response);
  const err = (await rejection(client.listAccounts())) as RecotapError;
  expect(err).toBeInstanceOf(RecotapError);
  expect(err.message).not.toContain(KEY);
  return { err, calls };
};

describe('error classification', () => {
  it('401 says the key is invalid or missing and includes customMessage', async () => {
    const { err, calls } = await fail(() => apiError(401, { message: 'Unauthorized access', customMessage: 'Invalid API key', data: null }));
    expect(err).toMatchObject({ kind: 'unauthorized', status: 401, customMessage: 'Invalid API key' });
    expect(err.message).toBe('The Recotap API key is invalid or missing (Invalid API key). Check the key in the extension options.');
    expect(calls).toHaveLength(1);
  });

  it('401 without customMessage (as observed live) still explains the key', async () => {
    const { err } = await fail(() => apiError(401, { message: 'Unauthorized access' }));
    expect(err.message).toBe('The Recotap API key is invalid or missing. Check the key in the extension options.');
    expect(err.customMessage).toBeUndefined();
  });

  it('400 collects class-validator messages, including nested children', async () => {
    const data = [
      { property: 'lastSync', constraints: { isIso8601: 'lastSync must be a valid ISO 8601 date string' } },
      {
        property: 'accounts',
        children: [{ property: '0', children: [{ property: 'domain', value: '', constraints: { isNotEmpty: 'domain should not be empty', isString: 'domain must be a string' } }] }],
      },
    ];
    const { err, calls } = await fail(() => apiError(400, { message: 'Bad Request', data }));
    expect(err.kind).toBe('validation');
    expect(err.fieldErrors).toEqual([
      { field: 'lastSync', messages: ['lastSync must be a valid ISO 8601 date string'] },
      { field: 'accounts.0.domain', messages: ['domain should not be empty', 'domain must be a string'] },
    ]);
    expect(err.message).toBe('Recotap rejected the request: lastSync must be a valid ISO 8601 date string; domain should not be empty; domain must be a string.');
    expect(calls).toHaveLength(1);
  });

  it('400 business error uses customMessage', async () => {
    const customMessage = "Segment '66a0f3c21b7e4d09a5c31f88' is not active or draft and cannot accept new members";
    const { err } = await fail(() => apiError(400, { message: 'Bad Request', customMessage, data: null }));
    expect(err).toMatchObject({ kind: 'validation', customMessage, fieldErrors: [] });
    expect(err.message).toBe(`Recotap rejected the request: ${customMessage}.`);
  });

  it('404 on an unknown route points at the base URL', async () => {
    const { err } = await fail(() => apiError(404, { message: 'Cannot GET /api/v1/accounts/unmapped' }));
    expect(err.kind).toBe('not-found');
    expect(err.message).toContain('Check the base URL');
  });

  it('404 with an HTML page points at the base URL', async () => {
    const { err } = await fail(() => new Response('<html>Not here</html>', { status: 404, headers: { 'content-type': 'text/html' } }));
    expect(err.kind).toBe('not-found');
    expect(err.message).toContain('Check the base URL');
  });

  it('404 for a missing record', async () => {
    const { err } = await fail(() => apiError(404, { message: 'Not Found', customMessage: 'Account not found' }));
    expect(err.message).toBe('Recotap could not find it: Account not found.');
  });

  it('409 carries customMessage', async () => {
    const { err } = await fail(() => apiError(409, { message: 'Conflict', customMessage: 'Pipeline(s) already exist: smb-pipeline' }));
    expect(err).toMatchObject({ kind: 'conflict', status: 409, customMessage: 'Pipeline(s) already exist: smb-pipeline' });
    expect(err.message).toBe('Recotap reports a conflict: Pipeline(s) already exist: smb-pipeline.');
  });

  it('5xx is a server error and HTML 5xx says HTML', async () => {
    const { err } = await fail(() => apiError(503, { message: 'Service Unavailable' }));
    expect(err).toMatchObject({ kind: 'server', status: 503 });
    const html = await fail(() => new Response('<html><body>502 Bad Gateway</body></html>', { status: 502, headers: { 'content-type': 'text/html' } }));
    expect(html.err.kind).toBe('unexpected-response');
    expect(html.err.message).toContain('The Recotap API returned HTML instead of JSON (status 502)');
    expect(toErrorView(html.err).retryable).toBe(true);
  });

  it('a throwing fetch is a network error', async () => {
    const { err } = await fail(() => {
      throw new TypeError('fetch failed');
    });
    expect(err.kind).toBe('network');
    expect(err.message).toContain('Could not reach the Recotap API');
  });
});

describe('parseRetryAfter', () => {
  it('parses seconds and HTTP dates, ignores garbage', () => {
    const now = Date.parse('2026-07-01T08:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter('Wed, 01 Jul 2026 08:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 01 Jul 2026 07:59:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe('toErrorView', () => {
  it('maps every error kind with retryable', () => {
    const cases: [RecotapError, boolean][] = [
      [new RecotapError('unauthorized', 'a', { status: 401 }), false],
      [new RecotapError('validation', 'b', { status: 400 }), false],
      [new RecotapError('not-found', 'c', { status: 404 }), false],
      [new RecotapError('conflict', 'd', { status: 409 }), false],
      [new RecotapError('rate-limited', 'e', { status: 429 }), true],
      [new RecotapError('server', 'f', { status: 500 }), true],
      [new RecotapError('network', 'g'), true],
      [new RecotapError('timeout', 'h'), true],
      [new RecotapError('timeout', 'i', { cancelled: true }), false],
      [new RecotapError('unexpected-response', 'j', { status: 200 }), false],
    ];
    for (const [err, retryable] of cases) expect(toErrorView(err)).toEqual({ kind: err.kind, message: err.message, retryable });
  });

  it('maps foreign errors', () => {
    expect(toErrorView(new DOMException('x', 'AbortError'))).toMatchObject({ kind: 'timeout', retryable: false });
    expect(toErrorView(new TypeError('Failed to fetch'))).toMatchObject({ kind: 'network', retryable: true });
    expect(toErrorView(new Error('boom'))).toEqual({ kind: 'internal', message: 'Something went wrong inside the extension (boom).', retryable: false });
    expect(toErrorView('weird')).toMatchObject({ kind: 'internal' });
  });

  it('keeps the kind of a partial bulk failure', () => {
    const err = new BulkPartialError(new RecotapError('server', 'Down.', { status: 500 }), { results: [] }, 50, 120);
    expect(err).toBeInstanceOf(RecotapError);
    expect(toErrorView(err)).toMatchObject({ kind: 'server', retryable: true });
    expect(err.message).toContain('50 of 120 items');
  });
});

describe('isDuplicateActivityError', () => {
  it('recognises the duplicate text only', () => {
    expect(isDuplicateActivityError("Sales activity with externalActivityId 'a-1' already exists")).toBe(true);
    expect(isDuplicateActivityError('ownerEmail must be an email')).toBe(false);
    expect(isDuplicateActivityError(undefined)).toBe(false);
  });
});
