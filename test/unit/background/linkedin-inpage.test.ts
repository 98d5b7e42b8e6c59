// @vitest-environment node
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  createLinkedInInPage,
  INPAGE_SCRIPT_FILE,
  LINKEDIN_INPAGE_SCRIPT_ID,
  startLinkedInInPage,
  type ScriptingApi,
} from '../../../utils/background/linkedin-inpage';
import { linkedinInPageStateItem, readSetting, sitePrefsItem } from '../../../utils/settings';

type Registered = Parameters<ScriptingApi['registerContentScripts']>[0][number];

/** An in-memory scripting registry with Chrome's rules: duplicate ids and unknown ids are errors. */
function memoryScripting(log: string[] = []) {
  const scripts = new Map<string, Registered>();
  let failNext: string | null = null;
  const api: ScriptingApi = {
    async getRegisteredContentScripts(filter) {
      return [...scripts.values()].filter((s) => !filter?.ids || filter.ids.includes(s.id)).map((s) => ({ ...s }));
    },
    async registerContentScripts(list) {
      await Promise.resolve(); // the real call is asynchronous: interleavings are possible
      if (failNext) throw new Error(failNext);
      for (const s of list) if (scripts.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
      for (const s of list) scripts.set(s.id, s);
      log.push('register');
    },
    async unregisterContentScripts({ ids }) {
      await Promise.resolve();
      for (const id of ids) if (!scripts.has(id)) throw new Error(`Nonexistent script ID '${id}'`);
      for (const id of ids) scripts.delete(id);
      log.push('unregister');
    },
  };
  return { api, scripts, failWith: (m: string | null) => (failNext = m) };
}

const optIn = (on: boolean) => sitePrefsItem.setValue({ linkedin: { surface: on ? 'in-page' : 'side-panel' } });
const settle = () => new Promise((r) => setTimeout(r, 20));

beforeEach(() => {
  fakeBrowser.reset();
});

describe('LinkedIn in-page registration', () => {
  it('registers nothing by default (LinkedIn stays read-only)', async () => {
    const s = memoryScripting();
    expect(await createLinkedInInPage({ scripting: s.api }).reconcile()).toEqual({ active: false, error: null });
    expect(s.scripts.size).toBe(0);
    expect(await readSetting(linkedinInPageStateItem)).toEqual({ active: false, error: null });
  });

  it('registers the built CRM script for LinkedIn once, however often it reconciles', async () => {
    const s = memoryScripting();
    const inPage = createLinkedInInPage({ scripting: s.api });
    await optIn(true);
    const states = await Promise.all([inPage.reconcile(), inPage.reconcile(), inPage.reconcile()]);
    expect(states).toEqual([1, 2, 3].map(() => ({ active: true, error: null })));
    expect([...s.scripts.values()]).toEqual([
      {
        id: LINKEDIN_INPAGE_SCRIPT_ID,
        js: [INPAGE_SCRIPT_FILE],
        matches: ['https://www.linkedin.com/*'],
        runAt: 'document_idle',
        allFrames: false,
        persistAcrossSessions: true,
      },
    ]);
    // a new worker (browser start) finds the persisted registration and leaves it alone
    const log: string[] = [];
    const again = memoryScripting(log);
    for (const [id, v] of s.scripts) again.scripts.set(id, v);
    await createLinkedInInPage({ scripting: again.api }).reconcile();
    expect(log).toEqual([]);
    expect(await readSetting(linkedinInPageStateItem)).toEqual({ active: true, error: null });
  });

  it('unregisters when the rep opts out, after telling linkedin.content to take the lookups back', async () => {
    const log: string[] = [];
    const s = memoryScripting(log);
    const inPage = createLinkedInInPage({
      scripting: s.api,
      writeState: async (st) => {
        log.push(`state:${st.active}`);
        await linkedinInPageStateItem.setValue(st);
      },
    });
    await optIn(true);
    await inPage.reconcile();
    await optIn(false);
    expect(await inPage.reconcile()).toEqual({ active: false, error: null });
    expect(s.scripts.size).toBe(0);
    expect(log).toEqual(['register', 'state:true', 'state:false', 'unregister', 'state:false']);
  });

  it('follows the managed site allow-list like every other site setting', async () => {
    const s = memoryScripting();
    const inPage = createLinkedInInPage({ scripting: s.api });
    await optIn(true);
    await fakeBrowser.storage.managed.set({ enabledSites: ['hubspot'] });
    expect((await inPage.reconcile()).active).toBe(false);
    await fakeBrowser.storage.managed.set({ enabledSites: ['hubspot', 'linkedin'] });
    expect((await inPage.reconcile()).active).toBe(true);
    expect(s.scripts.size).toBe(1);
  });

  it('replaces a registration left by an older version (other file)', async () => {
    const s = memoryScripting();
    s.scripts.set(LINKEDIN_INPAGE_SCRIPT_ID, {
      id: LINKEDIN_INPAGE_SCRIPT_ID, js: ['content-scripts/old.js'], matches: ['https://www.linkedin.com/*'],
      runAt: 'document_idle', allFrames: false, persistAcrossSessions: true,
    });
    await optIn(true);
    await createLinkedInInPage({ scripting: s.api }).reconcile();
    expect(s.scripts.get(LINKEDIN_INPAGE_SCRIPT_ID)?.js).toEqual([INPAGE_SCRIPT_FILE]);
  });

  it('reports why it could not register, and stays inactive so LinkedIn keeps its side panel lookups', async () => {
    const s = memoryScripting();
    s.failWith('Could not load file');
    await optIn(true);
    const state = await createLinkedInInPage({ scripting: s.api }).reconcile();
    expect(state.active).toBe(false);
    expect(state.error).toMatch(/^Could not add the panel to LinkedIn pages \(Could not load file\)/);
    expect(await createLinkedInInPage({ scripting: undefined }).reconcile()).toEqual({
      active: false,
      error: expect.stringContaining('does not let Recotap Lens add its panel'),
    });
    await optIn(false);
    expect(await createLinkedInInPage({ scripting: undefined }).reconcile()).toEqual({ active: false, error: null });
  });

  it('startLinkedInInPage reconciles at start and on every site-settings change', async () => {
    const s = memoryScripting();
    await optIn(true);
    startLinkedInInPage({ scripting: s.api });
    await settle();
    expect(s.scripts.size).toBe(1);
    await optIn(false);
    await settle();
    expect(s.scripts.size).toBe(0);
    expect(await readSetting(linkedinInPageStateItem)).toEqual({ active: false, error: null });
  });
});
