import { browser, defineBackground } from '#imports';
import { createActivityHandlers, createOutbox, createOutboxScheduler } from '@/utils/activities';
import { startLinkedInInPage } from '@/utils/background/linkedin-inpage';
import { relayLocationChanges } from '@/utils/background/location-nudges';
import { createPanelFrames } from '@/utils/background/panel-frames';
import { createMoversNotifier, MOVERS_NOTIFICATION_ID } from '@/utils/background/movers-notify';
import { createStatusBroadcaster, pushAccountUpdated, registerHandlers, registerPortHandlers } from '@/utils/background/register';
import { createBackgroundServices, scheduleSyncAlarm, SYNC_ALARM, SYNC_RETRY_ALARM } from '@/utils/background/services';
import { sendMessage } from '@/utils/messaging';
import { moversSettingsItem, needsNewKeyItem, readSetting, repEmailItem, syncSettingsItem, syncStatusItem, watchSetting } from '@/utils/settings';
import { createMoversBadge, registerBrowserToolbar } from '@/utils/toolbar';

/** Sent activities are kept this long for the panel's "recent activity" list. */
const KEEP_SENT_MS = 30 * 86_400_000;

type WindowEventTarget = Pick<Window, 'addEventListener' | 'removeEventListener'>;

export default defineBackground({
  type: 'module',
  main() {
    // Wiring only; services live in utils/. Every listener is added synchronously so the event that
    // woke the worker is delivered; handlers wait for the services (IndexedDB open) themselves.
    const notifyTab = (tabId: number) => void sendMessage('tabResultChanged', { tabId }).catch(() => undefined);
    const toolbar = registerBrowserToolbar({ onTabQuery: notifyTab });
    let broadcastStatus = () => {};

    // Activities: the outbox flushes on its alarm, at start, when the browser is back online, and
    // shortly after each new item (a best-effort timer while the worker is awake; the alarm is the
    // durable path, since MV3 clamps alarms to 30 s and may stop the worker at any time).
    let services: ReturnType<typeof createBackgroundServices> | null = null;
    const outbox = createOutbox({
      client: () => services?.then((s) => s.getClient()) ?? null,
      getOwnerEmail: async () => (await readSetting(repEmailItem)) || null,
      onChange: () => broadcastStatus(),
      soleInstance: true,
    });
    const scheduler = createOutboxScheduler({
      outbox,
      alarms: browser.alarms,
      // the worker's global fires 'online' when connectivity returns
      onlineTarget: 'addEventListener' in globalThis ? (globalThis as unknown as WindowEventTarget) : undefined,
      onFlushed: (r) => {
        if (r.status === 'unauthorized') void needsNewKeyItem.setValue(true);
        broadcastStatus();
      },
    });
    const afterChange = async () => {
      const next = await scheduler.afterChange();
      if (next !== null) setTimeout(() => void scheduler.flushNow(), Math.max(0, next - Date.now()) + 50);
      return next;
    };

    // Chrome's framed in-page panel: the iframes crm.js registered, forgotten with their tab
    const panelFrames = createPanelFrames(browser.storage.session ?? null);
    browser.tabs.onRemoved.addListener((tabId) => void panelFrames.forget(tabId));
    // Firefox before 147: tell a tab's content scripts when its URL changed (they have no Navigation API)
    if (import.meta.env.FIREFOX) relayLocationChanges(browser.tabs, (tabId) => sendMessage('locationChanged', undefined, tabId));

    // the unseen-movers count: the global badge, which tabs showing no record inherit
    const moversBadge = createMoversBadge({
      api: browser,
      unseenCount: async () => (services ? (await services).watch.unseenCount() : 0),
      enabled: async () => (await readSetting(moversSettingsItem)).badge,
    });
    const refreshMoversBadge = () => void moversBadge();
    // opt-in: browser.notifications exists only once the rep granted the optional permission
    const notifyMovers = createMoversNotifier({
      notifications: () => browser.notifications,
      getSettings: () => readSetting(moversSettingsItem),
      iconUrl: browser.runtime.getURL('/icon/128.png'),
    });
    const onNotificationClicked = (id: string) => {
      if (id !== MOVERS_NOTIFICATION_ID) return;
      void browser.notifications?.clear(id);
      void browser.tabs.create({ url: browser.runtime.getURL('/popup.html#movers') });
    };
    // registered at start when the permission is granted (a click can wake the worker), and when a
    // notification is shown in a worker that started before the rep granted it
    const listenForClicks = () => {
      const clicked = browser.notifications?.onClicked;
      if (clicked && !clicked.hasListener(onNotificationClicked)) clicked.addListener(onNotificationClicked);
    };
    listenForClicks();

    services = createBackgroundServices({
      onMoves: (moves) => {
        refreshMoversBadge();
        return notifyMovers(moves).then((shown) => void (shown && listenForClicks()));
      },
      onUnseenChanged: refreshMoversBadge,
      pushUpdate: pushAccountUpdated,
      panelFrames,
      activityHandlers: createActivityHandlers({ outbox, afterChange }),
      getOutboxTotals: () => outbox.totals(),
      toolbar: {
        ...toolbar,
        recordTabResult: async (tabId, context, result) => {
          await toolbar.recordTabResult(tabId, context, result);
          notifyTab(tabId);
        },
        dismissTabQuery: async (tabId) => {
          await toolbar.tabState.clearQuery(tabId);
          notifyTab(tabId);
        },
      },
      showTabQuery: async (tabId, query) => {
        await toolbar.tabState.recordTabQuery(tabId, query);
        notifyTab(tabId);
      },
      onRepEmailChanged: () => void scheduler.flushNow(),
      onKeySaved: () => void scheduler.flushNow(),
    });
    registerHandlers(services.then((s) => s.handlers));
    registerPortHandlers(browser.runtime.onConnect, services.then((s) => s.handlers));
    refreshMoversBadge();
    watchSetting(moversSettingsItem, refreshMoversBadge);
    scheduler.start();
    // opt-in in-page panel on LinkedIn: the CRM script registered at runtime (undefined without 'scripting')
    const linkedinInPage = startLinkedInInPage({ scripting: browser.scripting });

    const runSync = () => void services?.then((s) => s.sync.run()).catch(() => undefined);
    browser.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === SYNC_ALARM || alarm.name === SYNC_RETRY_ALARM) runSync();
    });
    browser.runtime.onStartup.addListener(() => {
      linkedinInPage.reconcile();
      runSync();
      void outbox.purgeSent(KEEP_SENT_MS).catch(() => undefined);
    });
    browser.runtime.onInstalled.addListener(() => {
      linkedinInPage.reconcile();
      void scheduleSyncAlarm();
      runSync();
    });
    void scheduleSyncAlarm();
    watchSetting(syncSettingsItem, () => void scheduleSyncAlarm());
    broadcastStatus = createStatusBroadcaster(() => services!.then((s) => s.statusView()));
    watchSetting(syncStatusItem, broadcastStatus);
    watchSetting(needsNewKeyItem, broadcastStatus);
  },
});
