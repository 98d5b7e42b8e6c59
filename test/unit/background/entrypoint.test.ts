// @vitest-environment node
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../../../entrypoints/background';
import { SYNC_ALARM } from '../../../utils/background/services';
import { syncSettingsItem } from '../../../utils/settings';
import { stubContextMenus, stubEvent } from '../toolbar/fixtures';

const settle = () => new Promise((r) => setTimeout(r, 20));

describe('background entrypoint', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    // @webext-core/messaging talks to chrome.runtime directly
    (globalThis as { chrome?: unknown }).chrome ??= fakeBrowser;
    // fake-browser 1.5.2 lacks these; the toolbar registers listeners on them at start, and the
    // request port's listener on runtime.onConnect
    Object.assign(fakeBrowser, {
      contextMenus: stubContextMenus(fakeBrowser.runtime),
      commands: { onCommand: stubEvent<[string]>() },
    });
    Object.assign(fakeBrowser.runtime, { onConnect: stubEvent<[unknown]>() });
  });

  it('schedules the sync alarm from settings and follows changes (on-demand mode clears it)', async () => {
    background.main();
    // the request port is listened for at once, with the messages (a connect may be what woke the worker)
    expect((fakeBrowser.runtime.onConnect as unknown as { count: number }).count).toBe(1);
    await settle();
    expect((await fakeBrowser.alarms.get(SYNC_ALARM))?.periodInMinutes).toBe(60);
    await syncSettingsItem.setValue({ enabled: true, intervalMinutes: 15 });
    await settle();
    expect((await fakeBrowser.alarms.get(SYNC_ALARM))?.periodInMinutes).toBe(15);
    await syncSettingsItem.setValue({ enabled: false, intervalMinutes: 15 });
    await settle();
    expect(await fakeBrowser.alarms.get(SYNC_ALARM)).toBeUndefined();
  });
});
