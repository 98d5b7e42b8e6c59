// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { BulkPartialError, RecotapError, isDuplicateActivityError, parseRetryAfter, toErrorView } from '../../../utils/recotap';
import { KEY, apiError, rejection, setup } from './fake-fetch';

const fail = async (response: () => Response) => {
  const { client, calls } = setup(response);
  const err = (await rejection(client.listAccounts())) as RecotapError;
  expect(err).toBeInstanceOf(RecotapError);
  expect(err.message).not.toContain(KEY);
  return { err, calls };
};

const KEY_WHERE = 'Recotap → Settings (gear) → Workspace → Tech Settings → API Access Key';

describe('error classification: one sentence per cause, in words a rep reads', () => {
  it('401 (bad key) says Recotap rejected the key and where to copy it again', async () => {
    const { err, calls } = await fail(() => apiError(401, { message: 'Unauthorized access', customMessage: 'Invalid API key', data: null }));
    expect(err).toMatchObject({ kind: 'unauthorized', status: 401, customMessage: 'Invalid API key' });
    expect(err.message).toBe(`Recotap rejected this API key. Copy it again from ${KEY_WHERE}.`);
    expect(calls).toHaveLength(1);
  });

  it('401 without customMessage (as observed live) says the same, never the header name', async () => {
    const { err } = await fail(() => apiError(401, { message: 'Unauthorized access', customMessage: 'X-Api-Key header is required' }));
    expect(err.message).toBe(`Recotap rejected this API key. Copy it again from ${KEY_WHERE}.`);
    expect(err.message).not.toContain('X-Api-Key');
  });

  it('403 (permission) names the action the key may not do, not the key: it is not a bad key', async () => {
    const { err, calls } = await fail(() => apiError(403, { message: 'Forbidden', customMessage: 'Scope crm:read missing' }));
    expect(err).toMatchObject({ kind: 'permission', status: 403, detail: 'Scope crm:read missing' });
    expect(err.message).toBe("Recotap doesn't allow this API key to read your team's accounts (403). Ask your Recotap admin or account manager to allow it for your key.");
    expect(err.message).not.toContain('crm:read');
    expect(calls).toHaveLength(1);
    expect(toErrorView(err)).toMatchObject({ kind: 'permission', retryable: false });
  });

  it('403 on logging names logging; on segments names segments', async () => {
    const { client } = setup(() => apiError(403, { message: 'Forbidden' }));
    const log = (await rejection(client.pushSalesActivities([
      { externalActivityId: 'a1', activityType: 'call', ownerEmail: 'sam@vendor.com', domain: 'acme.com', contacts: [{ email: 'dana@acme.com' }], occurredAt: '2026-07-01T08:00:00Z' },
    ] as never))) as RecotapError;
    expect(log).toMatchObject({ kind: 'permission' });
    expect(log.message).toContain('to log calls and e-mails (403)');
    const seg = (await rejection(client.listSegments())) as RecotapError;
    expect(seg.message).toContain('to list segments (403)');
  });

  it('400 says what to check in rep words; the class-validator messages stay in detail and fieldErrors', async () => {
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
    expect(err.message).toBe("Recotap didn't accept the account lookup: check the company's website, a date (400).");
    expect(err.message).not.toMatch(/lastSync|domain|ISO 8601/);
    expect(err.detail).toBe('lastSync: lastSync must be a valid ISO 8601 date string; accounts.0.domain: domain should not be empty, domain must be a string');
    expect(calls).toHaveLength(1);
  });

  it('400 business error: Recotap\'s customMessage stays in detail; the rep reads which thing to check', async () => {
    const customMessage = "Segment '66a0f3c21b7e4d09a5c31f88' is not active or draft and cannot accept new members";
    const { err } = await fail(() => apiError(400, { message: 'Bad Request', customMessage, data: null }));
    expect(err).toMatchObject({ kind: 'validation', customMessage, fieldErrors: [], detail: customMessage });
    expect(err.message).toBe("Recotap didn't accept the account lookup: check the segment (400).");
  });

  it('400 naming nothing a rep knows says so plainly, without Recotap\'s text', async () => {
    const { err } = await fail(() => apiError(400, { message: 'property foo should not exist' }));
    expect(err.message).toBe("Recotap didn't accept the account lookup (400). If it keeps happening, tell your Recotap admin.");
    expect(err.detail).toBe('property foo should not exist');
  });

  it('404 on an unknown route or an HTML page points at the address under Advanced, without "base URL"', async () => {
    const wrong = "The Recotap address in Settings → Advanced doesn't answer like Recotap (404). Switch it back to Production, or ask your IT admin.";
    const route = await fail(() => apiError(404, { message: 'Cannot GET /api/v1/accounts/unmapped' }));
    expect(route.err).toMatchObject({ kind: 'not-found', message: wrong });
    const html = await fail(() => new Response('<html>Not here</html>', { status: 404, headers: { 'content-type': 'text/html' } }));
    expect(html.err).toMatchObject({ kind: 'not-found', message: wrong });
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

  it('5xx is Recotap having a problem (after the retries), JSON or an HTML error page alike', async () => {
    const { err, calls } = await fail(() => apiError(503, { message: 'Service Unavailable' }));
    expect(err).toMatchObject({ kind: 'server', status: 503, message: 'Recotap is having a problem (503); try again in a minute.' });
    expect(calls).toHaveLength(4);
    const html = await fail(() => new Response('<html><body>502 Bad Gateway</body></html>', { status: 502, headers: { 'content-type': 'text/html' } }));
    expect(html.err).toMatchObject({ kind: 'unexpected-response', message: 'Recotap is having a problem (502); try again in a minute.' });
    expect(toErrorView(html.err).retryable).toBe(true);
  });

  it('429 says Recotap is busy and when to try again (Retry-After), or a minute without one', async () => {
    const { client } = setup(() => apiError(429, { message: 'Too Many Requests' }, { 'retry-after': '120' }));
    const err = (await rejection(client.listAccounts())) as RecotapError;
    expect(err).toMatchObject({ kind: 'rate-limited', status: 429, retryAfterMs: 120_000, message: 'Recotap is busy (429); try again in 2 min.' });
    const bare = await fail(() => apiError(429, { message: 'Too Many Requests' }));
    expect(bare.err.message).toBe('Recotap is busy (429); try again in a minute.');
  });

  it('when the background schedules the retry itself, a Recotap-side failure says when', () => {
    const down = new RecotapError('server', 'x', { status: 503 });
    expect(toErrorView(down, { retryInMs: 30_000 })).toEqual({ kind: 'server', message: 'Recotap is having a problem (503); retrying in 30 s.', retryable: true });
    const busy = new RecotapError('rate-limited', 'x', { status: 429 });
    expect(toErrorView(busy, { retryInMs: 5 * 60_000 }).message).toBe('Recotap is busy (429); retrying in 5 min.');
    // a bad key is not retried by the background: its sentence stays
    const bad = new RecotapError('unauthorized', 'Recotap rejected this API key.', { status: 401 });
    expect(toErrorView(bad, { retryInMs: 30_000 }).message).toBe('Recotap rejected this API key.');
  });

  it('a throwing fetch while the browser is offline says so', async () => {
    vi.stubGlobal('navigator', { onLine: false });
    try {
      const { err } = await fail(() => {
        throw new TypeError('fetch failed');
      });
      expect(err).toMatchObject({ kind: 'offline', message: "You're offline. Recotap Lens tries again when you're back online." });
      expect(toErrorView(err).retryable).toBe(true);
      expect(toErrorView(new TypeError('Failed to fetch'))).toMatchObject({ kind: 'offline' });
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('a throwing fetch while online: Recotap cannot be reached, no "base URL"', async () => {
    vi.stubGlobal('navigator', { onLine: true });
    try {
      const { err } = await fail(() => {
        throw new TypeError('fetch failed');
      });
      expect(err).toMatchObject({ kind: 'network', message: "Recotap can't be reached from this browser. Check your Wi-Fi, VPN or proxy, then try again." });
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('a connection dropped after Recotap answered 5xx is still Recotap\'s problem, not the rep\'s network', async () => {
    vi.stubGlobal('navigator', { onLine: true });
    try {
      const { client, calls } = setup((_call, i) => {
        if (i < 2) return apiError(503, { message: 'Service Unavailable' });
        throw new TypeError('Failed to fetch');
      });
      const err = await rejection(client.listAccounts());
      expect(calls).toHaveLength(4);
      expect(err).toMatchObject({ kind: 'server', status: 503, message: 'Recotap is having a problem (503); try again in a minute.' });
      // without an earlier 5xx a dropped connection stays a network failure
      const plain = await fail(() => {
        throw new TypeError('Failed to fetch');
      });
      expect(plain.err.kind).toBe('network');
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('a request that never answers times out with its own words', async () => {
    const { client } = setup(() => new Promise<Response>(() => undefined), { timeoutMs: 20, retries: 0 });
    const err = (await rejection(client.listAccounts())) as RecotapError;
    expect(err).toMatchObject({ kind: 'timeout', message: "Recotap didn't answer within 1 s; try again in a minute." });
    expect(toErrorView(err, { retryInMs: 60_000 }).message).toBe("Recotap didn't answer within 1 s; retrying in 60 s.");
  });

  it('no sentence names an API field, header or "base URL"', async () => {
    vi.stubGlobal('navigator', { onLine: true });
    try {
      const texts: string[] = [];
      for (const status of [401, 403, 404, 429, 500, 502, 503]) texts.push((await fail(() => apiError(status, { message: 'Cannot GET /api/v1/x' }))).err.message);
      texts.push((await fail(() => { throw new TypeError('fetch failed'); })).err.message);
      texts.push((await fail(() => apiError(400, { message: 'Bad Request', data: [{ property: 'ownerEmail', constraints: { isEmail: 'ownerEmail must be an email' } }] }))).err.message);
      for (const t of texts) expect(t).not.toMatch(/base URL|X-Api-Key|ownerEmail|status \d|API returned/);
    } finally {
      vi.unstubAllGlobals();
    }
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
      [new RecotapError('permission', 'a2', { status: 403 }), false],
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
