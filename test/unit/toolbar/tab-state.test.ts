import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createTabState, pageKey, queryKey, shouldClearOnUpdate } from '../../../utils/toolbar/tab-state';
import { context, found } from './fixtures';

describe('tab state', () => {
  beforeEach(() => fakeBrowser.reset());

  it('returns what was recorded per tab, and null for unknown tabs', async () => {
    const state = createTabState({ session: fakeBrowser.storage.session });
    await state.recordTabResult(5, context(), found({ score: 55 }));
    await state.recordTabResult(6, context('https://other.example/'), { state: 'no-signal' });
    expect(await state.getTabResult(5)).toEqual({ context: context(), result: found({ score: 55 }), query: null });
    expect((await state.getTabResult(6))?.result).toEqual({ state: 'no-signal' });
    expect(await state.getTabResult(7)).toBeNull();
  });

  it('ignores a missing or invalid tab id (a sender without a tab, TAB_ID_NONE)', async () => {
    const state = createTabState({ session: fakeBrowser.storage.session });
    for (const bad of [undefined, -1, 1.5, Number.NaN]) {
      await state.recordTabResult(bad as number, context(), found());
      await state.recordTabQuery(bad as number, 'acme.com');
      expect(await state.getTabResult(bad as number)).toBeNull();
    }
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });

  it('survives a worker restart: a new instance reads storage.session', async () => {
    const before = createTabState({ session: fakeBrowser.storage.session });
    await before.recordTabResult(5, context(), found({ score: 55 }));
    await before.recordTabQuery(5, 'globex.com');

    const after = createTabState({ session: fakeBrowser.storage.session });
    expect(await after.getTabResult(5)).toEqual({ context: context(), result: found({ score: 55 }), query: 'globex.com' });
    expect(await after.tabIds()).toEqual([5]);
  });

  it('a fresher result without a context keeps the stored context, also after a restart', async () => {
    await createTabState({ session: fakeBrowser.storage.session }).recordTabResult(5, context(), found({ score: 55 }));
    const after = createTabState({ session: fakeBrowser.storage.session });
    await after.recordTabResult(5, undefined, found({ score: 91 }));
    expect(await after.getTabResult(5)).toMatchObject({ context: context(), result: found({ score: 91 }) });
  });

  it('falls back to memory where storage.session is missing (Firefox MV2 without it)', async () => {
    const state = createTabState({ session: null });
    await state.recordTabResult(5, context(), found());
    expect((await state.getTabResult(5))?.result).toEqual(found());
    expect(await createTabState({ session: null }).getTabResult(5)).toBeNull();
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });

  it('clearTab forgets the result and the pending query, in memory and in storage', async () => {
    const state = createTabState({ session: fakeBrowser.storage.session });
    await state.recordTabResult(5, context(), found());
    await state.recordTabQuery(5, 'acme.com');
    await state.recordTabResult(6, context(), found());
    await state.clearTab(5);
    expect(await state.getTabResult(5)).toBeNull();
    expect(await createTabState({ session: fakeBrowser.storage.session }).getTabResult(5)).toBeNull();
    expect(Object.keys(await fakeBrowser.storage.session.get(null))).toEqual([pageKey(6)]);
  });

  it('clearQuery keeps the page result; clearAll forgets every tab', async () => {
    const state = createTabState({ session: fakeBrowser.storage.session });
    await state.recordTabResult(5, context(), found());
    await state.recordTabQuery(5, 'acme.com');
    await state.clearQuery(5);
    expect(await state.getTabResult(5)).toMatchObject({ query: null, result: found() });
    await state.recordTabQuery(8, 'initech.com');
    await createTabState({ session: fakeBrowser.storage.session }).clearAll();
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });

  it('treats a corrupt or outdated stored value as absent', async () => {
    await fakeBrowser.storage.session.set({
      [pageKey(5)]: { context: 'not a context', result: { state: 'found' }, at: 1 },
      [queryKey(5)]: { query: '', at: 1 },
    });
    expect(await createTabState({ session: fakeBrowser.storage.session }).getTabResult(5)).toBeNull();
  });

  it('keeps a write that raced a storage read', async () => {
    await fakeBrowser.storage.session.set({ [pageKey(5)]: { context: null, result: { state: 'no-signal' }, at: 1 } });
    const state = createTabState({ session: fakeBrowser.storage.session });
    const reading = state.getTabResult(5);
    const writing = state.recordTabResult(5, context(), found());
    await Promise.all([reading, writing]);
    expect((await state.getTabResult(5))?.result).toEqual(found());
  });

  it('bounds storage to the most recently updated tabs', async () => {
    let t = 0;
    const state = createTabState({ session: fakeBrowser.storage.session, maxTabs: 3, now: () => ++t });
    for (let tab = 1; tab <= 10; tab++) await state.recordTabResult(tab, context(), found());
    const keys = Object.keys(await fakeBrowser.storage.session.get(null)).sort();
    expect(keys).toEqual([pageKey(10), pageKey(8), pageKey(9)].sort());
    expect(await state.getTabResult(1)).toBeNull();
  });

  it('a storage failure never breaks recording (quota, closing worker)', async () => {
    const failing = {
      get: () => Promise.reject(new Error('quota')),
      set: () => Promise.reject(new Error('QUOTA_BYTES quota exceeded')),
      remove: () => Promise.reject(new Error('gone')),
    };
    const state = createTabState({ session: failing });
    await expect(state.recordTabResult(5, context(), found())).resolves.toBeUndefined();
    expect((await state.getTabResult(5))?.result).toEqual(found());
    expect(await state.getTabResult(6)).toBeNull();
  });
});

describe('shouldClearOnUpdate', () => {
  const url = 'https://app.hubspot.com/contacts/1/record/0-2/456';
  it('clears when a different document starts loading, or a reload / unreadable URL', () => {
    expect(shouldClearOnUpdate(url, { status: 'loading', url: 'https://news.example/' })).toBe(true);
    expect(shouldClearOnUpdate(url, { status: 'loading' })).toBe(true);
    expect(shouldClearOnUpdate(null, { status: 'loading', url })).toBe(true);
  });
  it('keeps the tab for other updates and for the page it already recorded', () => {
    expect(shouldClearOnUpdate(url, { status: 'complete' })).toBe(false);
    expect(shouldClearOnUpdate(url, { url: 'https://news.example/' })).toBe(false);
    expect(shouldClearOnUpdate(url, { status: 'loading', url })).toBe(false);
  });
});
