/**
 * Every site adapter, in match priority order. Adding a site = one adapter file + one line here
 * (the convention test fails until it is registered). No side effects: content-script `matches`
 * are computed from this list at build time (hosts.ts).
 */
import type { AnySiteAdapter } from './types';
import salesforceLightning from './adapters/salesforce-lightning';
import salesforceClassic from './adapters/salesforce-classic';
import hubspot from './adapters/hubspot';
import dynamics from './adapters/dynamics';
import pipedrive from './adapters/pipedrive';
import zoho from './adapters/zoho';
import linkedin from './adapters/linkedin';
import gmail from './adapters/gmail';
import outlook from './adapters/outlook';

/** All registered adapters. */
export const siteAdapters: readonly AnySiteAdapter[] = [
  salesforceLightning,
  salesforceClassic,
  hubspot,
  dynamics,
  pipedrive,
  zoho,
  linkedin,
  gmail,
  outlook,
];

/** Adapter by id. */
export function getSiteAdapter(id: string): AnySiteAdapter | undefined {
  return siteAdapters.find((a) => a.id === id);
}
