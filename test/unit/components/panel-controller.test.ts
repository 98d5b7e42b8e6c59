import { describe, expect, it } from 'vitest';
import { contextKey, createPanelController, type PanelBackend } from '@/components/content-panel/panel-controller';
import { PageContextSchema, type LookupResult, type PageContext } from '@/utils/view-models';
import { found } from './fixtures';

const ctx = (recordId: string, website: string): PageContext =>
  PageContextSchema.parse({ site: 'hubspot', url: `https://app.hubspot.com/contacts/1/company/${recordId}`, recordId, websites: [website] });

/** A backend whose lookups resolve only when the test says so, to reproduce navigation races. */
function deferredBackend() {
  const pending: { context: PageContext; resolve: (r: LookupResult) => void }[] = [];
  const seen: string[] = [];
  const backend: PanelBackend = {
    lookup: (context) => new Promise((resolve) => pending.push({ context, resolve })),
    pin: async (_c, rtpAid) => found({ matchedBy: 'pinned' }, { rtpAid, name: 'Pinned Co' }),
    unpin: async () => found(),
    add: async () => ({ state: 'error', error: { kind: 'validation', message: 'Domain is not valid.', retryable: false } }),
    markSeen: async (rtpAid) => void seen.push(rtpAid),
  };
  return { backend, pending, seen };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('panel controller', () => {
  it('never shows the previous account after navigation (late reply is dropped)', async () => {
    const { backend, pending } = deferredBackend();
    const c = createPanelController(backend);
    c.setContext(ctx('1', 'acme.com'));
    c.setContext(ctx('2', 'beta.com'));
    expect(c.store.getState().result).toBeNull();
    pending[1]!.resolve(found({}, { rtpAid: 'beta', name: 'Beta' }));
    await flush();
    pending[0]!.resolve(found({}, { rtpAid: 'acme', name: 'Acme' }));
    await flush();
    const r = c.store.getState().result;
    expect(r?.state === 'found' && r.account.name).toBe('Beta');
  });

  it('leaving the record page clears the state and drops the in-flight reply', async () => {
    const { backend, pending } = deferredBackend();
    const c = createPanelController(backend);
    c.setContext(ctx('1', 'acme.com'));
    c.setContext(null);
    pending[0]!.resolve(found());
    await flush();
    expect(c.store.getState()).toMatchObject({ context: null, result: null });
  });

  it('the same context twice does not look up twice', () => {
    const { backend, pending } = deferredBackend();
    const c = createPanelController(backend);
    c.setContext(ctx('1', 'acme.com'));
    c.setContext(ctx('1', 'acme.com'));
    expect(pending).toHaveLength(1);
    expect(contextKey(ctx('1', 'acme.com'))).not.toBe(contextKey(ctx('1', 'acme.org')));
  });

  it('accepts a push only for the current page url, once the lookup has answered', async () => {
    const { backend, pending } = deferredBackend();
    const c = createPanelController(backend);
    const page1 = ctx('1', 'acme.com');
    c.setContext(page1);
    expect(c.receivePush({ url: page1.url, result: found({}, { score: 90 }) })).toBe(false); // lookup still in flight
    pending[0]!.resolve({ state: 'not-found', domain: 'acme.com', companyName: null });
    await flush();
    // the previous page's (or an extension page's) refresh never shows here
    expect(c.receivePush({ url: ctx('2', 'other.com').url, result: found({}, { rtpAid: 'someone-else' }) })).toBe(false);
    expect(c.receivePush({ url: null, result: found({}, { rtpAid: 'someone-else' }) })).toBe(false);
    // "not in Recotap" → found for this page is applied
    expect(c.receivePush({ url: page1.url, result: found({}, { score: 90 }) })).toBe(true);
    const r = c.store.getState().result;
    expect(r?.state === 'found' && r.account.score).toBe(90);
  });

  it('marks a found account as seen once, pins and reports add errors', async () => {
    const { backend, pending, seen } = deferredBackend();
    const c = createPanelController(backend);
    c.setContext(ctx('1', 'acme.com'));
    pending[0]!.resolve(found());
    await flush();
    expect(await c.pin('rtp_right')).toBeNull();
    const r = c.store.getState().result;
    expect(r?.state === 'found' && r.matchedBy).toBe('pinned');
    expect(seen).toEqual(['rtp_acme', 'rtp_right']);
    expect(await c.add({ domain: 'x', name: 'X' })).toBe('Domain is not valid.');
  });

  it('a failing background becomes a retryable error state', async () => {
    const c = createPanelController({ ...deferredBackend().backend, lookup: async () => Promise.reject(new Error('Extension context invalidated.')) });
    c.setContext(ctx('1', 'acme.com'));
    await flush();
    const r = c.store.getState().result;
    expect(r?.state).toBe('error');
    expect(r?.state === 'error' && r.error.retryable && r.error.message).toMatch(/Extension context invalidated/);
  });

  it('toggle hides and shows the panel', () => {
    const c = createPanelController(deferredBackend().backend);
    c.toggleHidden();
    expect(c.store.getState().hidden).toBe(true);
    c.toggleHidden();
    expect(c.store.getState().hidden).toBe(false);
  });
});
