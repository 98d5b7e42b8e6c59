/** Real emulator over HTTP + the real client + a fresh fake-indexeddb store, for resolver/sync tests. */
import { createRecotapClient, type RecotapClient } from '../../../utils/recotap';
import { startEmulator, type RunningEmulator, type StartOptions } from '../../emulator/index.ts';
import { freshStore } from './helpers';

export interface Harness {
  emu: RunningEmulator;
  client: RecotapClient;
  store: Awaited<ReturnType<typeof freshStore>>;
  /** GET /accounts requests seen by the emulator since the last resetLog() */
  accountRequests(): { search: string; status: number }[];
}

/** Start an emulator and a client without retries (tests count requests). */
export async function startHarness(options: StartOptions = {}): Promise<Harness> {
  const emu = await startEmulator({ seed: 'demo', ...options });
  const client = createRecotapClient({ baseUrl: emu.url, apiKey: emu.apiKey, fetch: globalThis.fetch, retries: 0 });
  const store = await freshStore();
  return {
    emu,
    client,
    store,
    accountRequests: () => emu.requestLog.filter((e) => e.method === 'GET' && /\/accounts$/.test(e.path)),
  };
}
