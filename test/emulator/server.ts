/** startEmulator: createEmulator behind a real HTTP(S) server on 127.0.0.1 (port 0 = any free port). */
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { createEmulator } from './app.ts';
import { createSelfSignedCert } from './cert.ts';
import { DEMO_API_KEY } from './demo-companies.ts';
import type { EmulatorOptions } from './types.ts';

export interface StartOptions extends EmulatorOptions {
  port?: number;
  host?: string;
  https?: boolean;
  /** certificate to serve instead of a fresh self-signed one */
  tls?: { key: string; cert: string };
}

/** Starts an emulator; `close()` releases hung requests, drops open sockets and stops listening. */
export async function startEmulator(options: StartOptions = {}) {
  const emu = createEmulator(options);
  const host = options.host ?? '127.0.0.1';
  const tls = options.https ? (options.tls ?? (await createSelfSignedCert())) : undefined;
  const sockets = new Set<Socket>();
  const server = await new Promise<ServerType>((resolve, reject) => {
    const s: ServerType = serve(
      {
        fetch: emu.app.fetch,
        port: options.port ?? 0,
        hostname: host,
        ...(tls ? { createServer: createHttpsServer, serverOptions: { key: tls.key, cert: tls.cert } } : {}),
      },
      () => resolve(s),
    );
    s.once('error', reject);
  });
  server.on('connection', (sock: Socket) => {
    sockets.add(sock);
    sock.once('close', () => sockets.delete(sock));
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `${tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const { controls } = emu;
  let closing: Promise<void> | undefined;

  return {
    url: `${origin}/api/v1`,
    origin,
    port,
    apiKey: (options.apiKeys ?? [])[0] ?? DEMO_API_KEY,
    /** PEM pair when serving HTTPS (trust it, or pass it to the e2e HTTPS server) */
    tls,
    app: emu.app,
    state: emu.state,
    controls,
    setFaults: controls.setFaults,
    clearFaults: controls.clearFaults,
    rescore: controls.rescore,
    setAccount: controls.setAccount,
    reset: controls.reset,
    stats: controls.stats,
    requestLog: controls.requestLog,
    resetLog: controls.resetLog,
    close(): Promise<void> {
      closing ??= new Promise<void>((resolve) => {
        controls.shutdown();
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
      return closing;
    },
  };
}
export type RunningEmulator = Awaited<ReturnType<typeof startEmulator>>;
