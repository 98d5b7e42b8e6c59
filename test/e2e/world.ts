/**
 * The local "world" the e2e tests and the demo run in: one HTTPS server on 127.0.0.1 that answers
 * for the Recotap API hosts (the emulator) and every supported CRM host (saved fixture pages),
 * routing on the Host header. Chromium reaches it through --host-resolver-rules, so the unmodified
 * production build sees its real host names, match patterns and host permissions.
 */
import { createServer, type Server } from 'node:https';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { pageKey, type SiteCase } from './site-cases.ts';
import { createEmulator, createSelfSignedCert, type Emulator, type EmulatorOptions } from '../emulator/index.ts';

/** Hosts the Recotap emulator answers for (production and sandbox). */
export const API_HOSTS = ['eapi.recotap.com', 'sandboxapi.reco-tap.com'];

/** CRM/LinkedIn/Gmail host patterns mapped to the world server (Chromium host-resolver syntax). */
export const SITE_HOST_PATTERNS = [
  '*.lightning.force.com', '*.my.salesforce.com', '*.salesforce.com',
  'app.hubspot.com', 'app-eu1.hubspot.com', 'app-na2.hubspot.com',
  '*.dynamics.com', '*.pipedrive.com',
  'crm.zoho.com', 'crm.zoho.eu', 'crm.zoho.in', 'crm.zoho.com.au',
  'www.linkedin.com', 'mail.google.com',
];

/** One request the world server answered. */
export interface WorldRequest {
  host: string;
  method: string;
  path: string;
  search: string;
  status: number;
}

export interface WorldOptions {
  /** options of the Recotap API emulator mounted on the API hosts (default: demo seed, demo key) */
  emulator?: EmulatorOptions;
  /** fixture pages to serve at their real URLs */
  cases?: readonly SiteCase[];
  /** 0 (default) = random free port */
  port?: number;
  cert?: { key: string; cert: string };
}

export interface World {
  port: number;
  /** the emulator behind eapi.recotap.com: `controls` sets faults, reads its request log, etc. */
  emulator: Emulator;
  /** value for Chromium's --host-resolver-rules (one argv entry, no quotes) */
  hostResolverRules: string;
  requests: WorldRequest[];
  /** whether `host` is mapped to the world server (for proxies standing in for host rules) */
  handles(host: string): boolean;
  /** serve `html` at `url` (overrides a fixture), e.g. a page a single test needs */
  setPage(url: string, html: string): void;
  /** serve the HTML file `file` at `url` (e.g. a fixture whose URL another fixture also uses) */
  servePage(url: string, file: string): Promise<void>;
  close(): Promise<void>;
}

function hostOf(request: Request): string {
  return new URL(request.url).hostname.toLowerCase();
}

let certPromise: Promise<{ key: string; cert: string }> | null = null;
/** One certificate per process (Chromium ignores certificate errors; SANs are for curl users). */
function worldCert() {
  certPromise ??= createSelfSignedCert(['localhost', '127.0.0.1', ...API_HOSTS]);
  return certPromise;
}

/** Starts the world server on 127.0.0.1. */
export async function startWorld(options: WorldOptions): Promise<World> {
  const cases = options.cases ?? [];
  const files = new Map<string, string>();
  for (const c of cases) if (!files.has(pageKey(c.url))) files.set(pageKey(c.url), c.file);
  const overrides = new Map<string, string>();
  const requests: WorldRequest[] = [];
  const emulator = createEmulator(options.emulator ?? {});

  const sitePage = async (request: Request): Promise<Response> => {
    const key = pageKey(request.url);
    const html = overrides.get(key) ?? (files.has(key) ? await readFile(files.get(key)!, 'utf8') : null);
    if (request.method !== 'GET' || html === null) {
      return new Response('Not found on the e2e world server', { status: 404, headers: { 'content-type': 'text/plain' } });
    }
    return new Response(html, { headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } });
  };

  const route = async (request: Request): Promise<Response> => {
    const host = hostOf(request);
    const response = API_HOSTS.includes(host) ? await emulator.app.fetch(request) : await sitePage(request);
    const url = new URL(request.url);
    requests.push({ host, method: request.method, path: url.pathname, search: url.search, status: response.status });
    return response;
  };

  const cert = options.cert ?? (await worldCert());
  const server: Server = createServer({ key: cert.key, cert: cert.cert }, getRequestListener(route));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  const exactHosts = cases.map((c) => new URL(c.url).hostname);
  const hosts = [...new Set([...API_HOSTS, ...SITE_HOST_PATTERNS, ...exactHosts])];
  // Everything else resolves to nothing, so a test can never reach the real internet.
  const hostResolverRules = [...hosts.map((h) => `MAP ${h} 127.0.0.1:${port}`), 'MAP * ~NOTFOUND'].join(', ');

  const patterns = hosts.map((h) => (h.startsWith('*.') ? h.slice(1) : h));
  const handles = (host: string) =>
    patterns.some((p) => (p.startsWith('.') ? host.endsWith(p) && host.length > p.length : host === p));

  return {
    port,
    emulator,
    handles,
    hostResolverRules,
    requests,
    setPage: (url, html) => overrides.set(pageKey(url), html),
    servePage: async (url, file) => void overrides.set(pageKey(url), await readFile(file, 'utf8')),
    close: () =>
      new Promise<void>((resolve) => {
        emulator.controls.shutdown();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
