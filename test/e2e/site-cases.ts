/**
 * Loads the site-adapter fixture cases (test/fixtures/sites/<adapter-id>/cases.ts) so the world
 * server can serve each saved page at its real URL, and the e2e tests and demo can iterate them.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** One saved page: served at `url`, read by the adapter `adapterId`. */
export interface SiteCase {
  adapterId: string;
  name: string;
  /** absolute path of the fixture HTML */
  file: string;
  url: string;
  /** what the adapter should read; shape owned by the fixtures (not interpreted here) */
  expect: unknown;
  /** spa.html only: where #spa-next / window.__spaGo() goes, and what must be read there */
  spaNext?: { url: string; expect: unknown };
}

interface RawCase {
  name: string;
  file: string;
  url: string;
  expect?: unknown;
  spaNext?: { url: string; expect: unknown };
}

/** Root of the per-adapter fixture folders. */
export const SITES_DIR = path.resolve(import.meta.dirname, '../fixtures/sites');

/** Every case of every adapter folder that has a cases.ts (sorted by adapter id, then file order). */
export async function loadSiteCases(sitesDir = SITES_DIR): Promise<SiteCase[]> {
  if (!existsSync(sitesDir)) return [];
  const ids = readdirSync(sitesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(sitesDir, d.name, 'cases.ts')))
    .map((d) => d.name)
    .sort();
  const all: SiteCase[] = [];
  for (const adapterId of ids) {
    const dir = path.join(sitesDir, adapterId);
    const mod = (await import(pathToFileURL(path.join(dir, 'cases.ts')).href)) as { cases?: RawCase[] };
    for (const c of mod.cases ?? []) {
      all.push({ adapterId, name: c.name, file: path.resolve(dir, c.file), url: c.url, expect: c.expect, spaNext: c.spaNext });
    }
  }
  return all;
}

/** A URL's routing key on the world server: host + path + query (the hash never reaches a server). */
export function pageKey(url: string): string {
  const u = new URL(url);
  return `${u.hostname}${u.pathname}${u.search}`;
}
