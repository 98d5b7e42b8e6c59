import { browser, defineBackground } from '#imports';
import { createStatusBroadcaster, pushAccountUpdated, registerHandlers } from '@/utils/background/register';
import { createBackgroundServices, scheduleSyncAlarm, SYNC_ALARM, SYNC_RETRY_ALARM } from '@/utils/background/services';
import { needsNewKeyItem, syncSettingsItem, syncStatusItem, watchSetting } from '@/utils/settings';

export default defineBackground({
  type: 'module',
  main() {
    // Wiring only; services live in utils/. Listeners are added synchronously so the event that
    // woke the worker is delivered; they wait for the services (IndexedDB open) themselves.
    const services = createBackgroundServices({
      pushUpdate: pushAccountUpdated,
      // LEAD: activityHandlers: createActivityHandlers({ outbox, afterChange }), getOutboxTotals
    });
    registerHandlers(services.then((s) => s.handlers));
    const runSync = () => void services.then((s) => s.sync.run()).catch(() => undefined);

    browser.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === SYNC_ALARM || alarm.name === SYNC_RETRY_ALARM) runSync();
    });
    browser.runtime.onStartup.addListener(runSync);
    browser.runtime.onInstalled.addListener(() => {
      void scheduleSyncAlarm();
      runSync();
    });
    void scheduleSyncAlarm();
    watchSetting(syncSettingsItem, () => void scheduleSyncAlarm());
    const broadcastStatus = createStatusBroadcaster(() => services.then((s) => s.statusView()));
    watchSetting(syncStatusItem, broadcastStatus);
    watchSetting(needsNewKeyItem, broadcastStatus);
  },
});
