/**
 * Real background services for handler tests: the emulator over HTTP (demo seed), fake-browser
 * storage reset before each test, the settings cache restarted as a fresh worker has it, the API
 * base pointed at the emulator and the rep's e-mail set. `build` makes the services (once, or
 * before every test with `fresh: true`); `prepare` runs after, before each test.
 * The test file itself imports 'fake-indexeddb/auto' and runs in the node environment.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { BackgroundServices } from '../../../utils/background/services';
import type { MessageSenderLike } from '../../../utils/background/sender';
import { apiBaseItem, enableSettingsCache, repEmailItem } from '../../../utils/settings';
import { DEMO_REP, startEmulator, type RunningEmulator } from '../../emulator/index.ts';

export const EXT = 'test-extension-id';
export const popup: MessageSenderLike = { id: EXT, url: `chrome-extension://${EXT}/popup.html` };
export const hubspotUrl = 'https://app.hubspot.com/contacts/123/record/0-2/456';
export const hubspotTab: MessageSenderLike = { id: EXT, url: hubspotUrl, tab: { id: 7, url: hubspotUrl } };
export const hubspotCtx = { site: 'hubspot', url: hubspotUrl, recordId: '456', websites: ['https://www.acmerobotics.com'] };

export function withBackgroundServices(opts: {
  build: (emu: RunningEmulator) => Promise<BackgroundServices>;
  fresh?: boolean;
  prepare?: (services: BackgroundServices, emu: RunningEmulator) => Promise<void>;
}): { readonly emu: RunningEmulator; readonly services: BackgroundServices } {
  let emu: RunningEmulator | undefined;
  let services: BackgroundServices | undefined;
  beforeAll(async () => {
    emu = await startEmulator({ seed: 'demo' });
  });
  afterAll(async () => {
    await emu?.close();
  });
  beforeEach(async () => {
    fakeBrowser.reset();
    // reset() empties storage and drops its listeners without change events, unlike anything a real
    // browser does: restart the background's settings cache as a fresh worker would have it
    enableSettingsCache()();
    enableSettingsCache();
    await apiBaseItem.setValue({ choice: 'custom', customUrl: emu!.url });
    await repEmailItem.setValue(DEMO_REP.email);
    if (opts.fresh || !services) services = await opts.build(emu!);
    await opts.prepare?.(services, emu!);
  });
  return {
    get emu() {
      return emu!;
    },
    get services() {
      return services!;
    },
  };
}
