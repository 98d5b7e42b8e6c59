/**
 * Shared setup of the contract tests: a real emulator on 127.0.0.1 (port 0) and the real client
 * pointed at it. Sleeps are recorded, not waited, so Retry-After and backoff are asserted as values.
 */
import { createRecotapClient, type RecotapClientOptions, type RequestEvent } from '../../utils/recotap/index.ts';
import { startEmulator, type RunningEmulator, type StartOptions } from '../emulator/index.ts';

export interface Harness {
  emu: RunningEmulator;
  client: ReturnType<typeof createRecotapClient>;
  /** every sleep the client asked for, in ms */
  sleeps: number[];
  /** every attempt the client reported */
  events: RequestEvent[];
  /** a second client on the same emulator with other options */
  clientWith(over: Partial<RecotapClientOptions>): ReturnType<typeof createRecotapClient>;
}

/** Starts an emulator and a client bound to it. */
export async function startHarness(options: StartOptions = {}, clientOptions: Partial<RecotapClientOptions> = {}): Promise<Harness> {
  const emu = await startEmulator(options);
  const sleeps: number[] = [];
  const events: RequestEvent[] = [];
  const clientWith = (over: Partial<RecotapClientOptions>) =>
    createRecotapClient({
      baseUrl: emu.url,
      apiKey: emu.apiKey,
      timeoutMs: 5_000,
      random: () => 0.5,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      onRequest: (e) => events.push(e),
      ...clientOptions,
      ...over,
    });
  return { emu, client: clientWith({}), sleeps, events, clientWith };
}

/** Raw HTTP call to the emulator (for wire-level details the client hides). */
export async function raw(emu: RunningEmulator, path: string, init: RequestInit & { key?: string | null } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (init.key !== null) headers['x-api-key'] = init.key ?? emu.apiKey;
  const res = await fetch(`${emu.url}${path}`, { ...init, headers });
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: res.status, headers: res.headers, body: body as Record<string, unknown> & { data?: unknown } };
}

/** Awaits a promise that must reject and returns the reason. */
export async function rejectionOf(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
