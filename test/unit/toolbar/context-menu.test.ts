import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  createContextMenus,
  LOOKUP_MENU_ID,
  MAX_NAME_CHARS,
  onContextMenuClick,
  parseLookupQuery,
  toPlainText,
} from '../../../utils/toolbar/context-menu';
import { createTabState } from '../../../utils/toolbar/tab-state';
import { stubContextMenus, stubPanels } from './fixtures';

describe('parseLookupQuery', () => {
  it('reads domains, URLs with paths and e-mail addresses as the company domain', () => {
    expect(parseLookupQuery('acme.com')).toEqual({ ok: true, kind: 'domain', query: 'acme.com' });
    expect(parseLookupQuery('  WWW.Acme.co.uk  ')).toEqual({ ok: true, kind: 'domain', query: 'acme.co.uk' });
    expect(parseLookupQuery('https://www.acme.com/pricing?plan=pro#faq')).toEqual({ ok: true, kind: 'url', query: 'acme.com' });
    expect(parseLookupQuery('acme.com/about')).toEqual({ ok: true, kind: 'url', query: 'acme.com' });
    expect(parseLookupQuery('jane.doe@acme.com')).toEqual({ ok: true, kind: 'email', query: 'acme.com' });
    expect(parseLookupQuery('mailto:Jane@Sales.Acme.com')).toEqual({ ok: true, kind: 'email', query: 'sales.acme.com' });
    expect(parseLookupQuery('Jane Doe <jane@acme.com>')).toEqual({ ok: true, kind: 'email', query: 'acme.com' });
  });

  it('keeps LinkedIn company pages whole, so the background can resolve the slug', () => {
    expect(parseLookupQuery('https://www.linkedin.com/company/acme-robotics/about/')).toEqual({
      ok: true,
      kind: 'linkedin',
      query: 'https://www.linkedin.com/company/acme-robotics',
    });
    // within the lookupQuery message's 500-character limit even for an absurd slug
    const huge = parseLookupQuery(`https://linkedin.com/company/${'a'.repeat(3000)}`);
    expect(huge.ok && huge.query.length).toBeLessThanOrEqual(500);
  });

  it('treats everything else as a company name', () => {
    expect(parseLookupQuery('Acme Robotics, Inc.')).toEqual({ ok: true, kind: 'name', query: 'Acme Robotics, Inc.' });
    // a dot is not enough to be a domain: js is not a public suffix
    expect(parseLookupQuery('Node.js')).toEqual({ ok: true, kind: 'name', query: 'Node.js' });
    expect(parseLookupQuery('Globex')).toEqual({ ok: true, kind: 'name', query: 'Globex' });
  });

  it('rejects empty selections, personal mailboxes and non-web links', () => {
    expect(parseLookupQuery('')).toEqual({ ok: false, reason: 'empty' });
    expect(parseLookupQuery('   \n\t ')).toEqual({ ok: false, reason: 'empty' });
    expect(parseLookupQuery('—!?…')).toEqual({ ok: false, reason: 'empty' });
    expect(parseLookupQuery('someone@gmail.com')).toEqual({ ok: false, reason: 'free-mail' });
    expect(parseLookupQuery('javascript:alert(1)')).toEqual({ ok: false, reason: 'unsupported-link' });
    expect(parseLookupQuery('chrome://settings')).toEqual({ ok: false, reason: 'unsupported-link' });
    expect(parseLookupQuery('https://192.168.0.1/admin')).toEqual({ ok: false, reason: 'unsupported-link' });
  });

  it('turns markup into plain text and drops script bodies', () => {
    expect(parseLookupQuery('<script>alert("x")</script><b>Acme</b> Corp')).toEqual({ ok: true, kind: 'name', query: 'Acme Corp' });
    expect(parseLookupQuery('<img src=x onerror=alert(1)>globex.com')).toEqual({ ok: true, kind: 'domain', query: 'globex.com' });
    expect(parseLookupQuery('<script>only code')).toEqual({ ok: false, reason: 'empty' });
    expect(toPlainText('a\u0000b\u200bc\r\nd')).toBe('a b c d');
  });

  it('caps very long selections at a word boundary', () => {
    const long = parseLookupQuery('Acme '.repeat(50_000));
    expect(long.ok && long.kind === 'name' && long.query.length).toBeLessThanOrEqual(MAX_NAME_CHARS);
    expect(long.ok && long.query.endsWith('Acme')).toBe(true);
    const oneWord = parseLookupQuery('x'.repeat(5000));
    expect(oneWord.ok && oneWord.query.length).toBe(MAX_NAME_CHARS);
  });
});

describe('createContextMenus', () => {
  it('is idempotent: install + startup + a concurrent call leave exactly one item and no duplicate-id error', async () => {
    const runtime: { lastError?: unknown } = {};
    const contextMenus = stubContextMenus(runtime);
    const api = { contextMenus, runtime };
    await Promise.all([createContextMenus(api), createContextMenus(api)]);
    await createContextMenus(api);
    expect([...contextMenus.items.keys()]).toEqual([LOOKUP_MENU_ID]);
    expect(contextMenus.items.get(LOOKUP_MENU_ID)).toEqual({ title: 'Look up in Recotap', contexts: ['selection', 'link'] });
    expect(contextMenus.errors).toEqual([]);
  });

  it('does nothing without a contextMenus API', async () => {
    await expect(createContextMenus({})).resolves.toBeUndefined();
  });
});

describe('onContextMenuClick', () => {
  beforeEach(() => fakeBrowser.reset());

  it('records the query for the tab and opens the side panel inside the click (Chrome)', async () => {
    const panels = stubPanels();
    const tabState = createTabState({ session: fakeBrowser.storage.session });
    const notified: [number, string][] = [];
    const done = onContextMenuClick(
      { menuItemId: LOOKUP_MENU_ID, selectionText: 'https://www.acme.com/pricing' },
      { id: 12, windowId: 1 },
      { api: { sidePanel: panels.sidePanel, sidebarAction: panels.sidebarAction }, tabState, onQuery: (t, q) => notified.push([t, q]) },
    );
    // synchronously, before any await: the user gesture is still alive
    expect(panels.calls).toEqual([{ api: 'sidePanel', tabId: 12 }]);
    expect(notified).toEqual([[12, 'acme.com']]);
    expect((await tabState.getTabResult(12))?.query).toBe('acme.com');
    await expect(done).resolves.toEqual({ handled: true, ok: true, tabId: 12, query: 'acme.com', panelOpened: true });
    // persisted for a restarted worker
    expect((await createTabState({ session: fakeBrowser.storage.session }).getTabResult(12))?.query).toBe('acme.com');
  });

  it('opens the Firefox sidebar when there is no sidePanel API, and uses the link when nothing is selected', async () => {
    const panels = stubPanels();
    const tabState = createTabState();
    const done = onContextMenuClick(
      { menuItemId: LOOKUP_MENU_ID, linkUrl: 'mailto:bob@globex.com' },
      { id: 4 },
      { api: { sidebarAction: panels.sidebarAction }, tabState },
    );
    expect(panels.calls).toEqual([{ api: 'sidebarAction' }]);
    await expect(done).resolves.toMatchObject({ ok: true, query: 'globex.com', panelOpened: true });
  });

  it('prefers a usable selection over the link it sits in, else falls back to the link', async () => {
    const tabState = createTabState();
    const api = { sidePanel: stubPanels().sidePanel };
    await onContextMenuClick({ menuItemId: LOOKUP_MENU_ID, selectionText: 'Initech', linkUrl: 'https://ads.example.com/x' }, { id: 1 }, { api, tabState });
    expect((await tabState.getTabResult(1))?.query).toBe('Initech');
    await onContextMenuClick({ menuItemId: LOOKUP_MENU_ID, selectionText: '   ', linkUrl: 'https://initech.com/' }, { id: 2 }, { api, tabState });
    expect((await tabState.getTabResult(2))?.query).toBe('initech.com');
  });

  it('ignores other menu items, and neither records nor opens for junk or a missing tab', async () => {
    const panels = stubPanels();
    const tabState = createTabState();
    const deps = { api: { sidePanel: panels.sidePanel }, tabState };
    await expect(onContextMenuClick({ menuItemId: 'other', selectionText: 'acme.com' }, { id: 1 }, deps)).resolves.toEqual({ handled: false });
    await expect(onContextMenuClick({ menuItemId: LOOKUP_MENU_ID, selectionText: '<script></script>' }, { id: 1 }, deps)).resolves.toMatchObject({ ok: false, reason: 'empty' });
    await expect(onContextMenuClick({ menuItemId: LOOKUP_MENU_ID, selectionText: 'acme.com' }, undefined, deps)).resolves.toMatchObject({ ok: false, reason: 'no-tab' });
    await expect(onContextMenuClick({ menuItemId: LOOKUP_MENU_ID, selectionText: 'acme.com' }, { id: -1 }, deps)).resolves.toMatchObject({ ok: false, reason: 'no-tab' });
    expect(panels.calls).toEqual([]);
    expect(await tabState.getTabResult(1)).toBeNull();
  });

  it('still records the query when the panel cannot open (no gesture, no API)', async () => {
    const tabState = createTabState();
    const refusing = { sidePanel: { open: () => Promise.reject(new Error('sidePanel.open() may only be called in response to a user gesture.')) } };
    await expect(onContextMenuClick({ menuItemId: LOOKUP_MENU_ID, selectionText: 'acme.com' }, { id: 3 }, { api: refusing, tabState })).resolves.toMatchObject({ ok: true, panelOpened: false });
    await expect(onContextMenuClick({ menuItemId: LOOKUP_MENU_ID, selectionText: 'globex.com' }, { id: 3 }, { api: {}, tabState })).resolves.toMatchObject({ ok: true, panelOpened: false });
    expect((await tabState.getTabResult(3))?.query).toBe('globex.com');
  });
});
