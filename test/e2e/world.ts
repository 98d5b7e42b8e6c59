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
  'outlook.office.com', 'outlook.office365.com', 'outlook.live.com',
];

/**
 * What the Dynamics Web API on every *.dynamics.com host answers per record GUID (issue #16): the
 * form account-no-website.html shows no website, only the API has it; account.html's user has no
 * read rights (403, so the DOM is read). Any other record: 404, as a server with another API version.
 */
export const DYNAMICS_API_RECORDS: Record<string, { status: number; body: unknown }> = {
  '8f0c7a55-2f3b-ee11-9cbd-100000000001': { status: 200, body: { name: 'Globex Analytics', websiteurl: 'https://www.globex-analytics.io', emailaddress1: null } },
  '8f0c7a55-2f3b-ee11-9cbd-100000000005': {
    status: 403,
    body: { error: { code: '0x80040220', message: 'Principal user is missing prvReadAccount privilege' } },
  },
};

/** One request to the world's Dynamics Web API, with the headers the reader must send. */
export interface DynamicsApiRequest {
  host: string;
  path: string;
  search: string;
  accept: string | null;
  odataVersion: string | null;
  odataMaxVersion: string | null;
  cookie: string | null;
}

function dynamicsApi(request: Request, log: DynamicsApiRequest[]): Response {
  const url = new URL(request.url);
  const h = request.headers;
  log.push({ host: url.hostname, path: url.pathname, search: decodeURIComponent(url.search), accept: h.get('accept'), odataVersion: h.get('odata-version'), odataMaxVersion: h.get('odata-maxversion'), cookie: h.get('cookie') });
  const id = /^\/api\/data\/v9\.2\/(?:accounts|contacts|leads|opportunities)\(([0-9a-f-]{36})\)$/.exec(url.pathname)?.[1];
  const hit = id ? DYNAMICS_API_RECORDS[id] : undefined;
  const { status, body } = hit ?? { status: 404, body: { error: { code: '0x80060888', message: 'Resource not found for the segment' } } };
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; odata.metadata=minimal', 'odata-version': '4.0' } });
}

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
  /** requests to the Dynamics Web API (/api/data/v9.2/… on a *.dynamics.com host) */
  dynamicsApiRequests: DynamicsApiRequest[];
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
  const dynamicsApiRequests: DynamicsApiRequest[] = [];
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
    const isDynamicsApi = host.endsWith('.dynamics.com') && new URL(request.url).pathname.startsWith('/api/data/');
    const response = API_HOSTS.includes(host) ? await emulator.app.fetch(request) : isDynamicsApi ? dynamicsApi(request, dynamicsApiRequests) : await sitePage(request);
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
    dynamicsApiRequests,
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
