/**
 * Which demo company a fixture case is about, so a test can assert the panel shows exactly that
 * company's emulator values (name, score, stage).
 */
import { DEMO_COMPANIES, DEMO_REP, type DemoCompany } from '../emulator/demo-companies.ts';
import type { SiteCase } from './site-cases.ts';

interface ExpectedSignals {
  websites?: string[];
  companyName?: string;
  emails?: string[];
  linkedinSlug?: string;
}

const repDomain = DEMO_REP.email.split('@')[1];

function hostOf(website: string): string {
  try {
    return new URL(website.includes('://') ? website : `https://${website}`).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}

/** The demo company a case points at: website domain, else company name, else slug, else e-mail domain. */
export function expectedCompany(c: SiteCase): DemoCompany | undefined {
  const e = (c.expect ?? {}) as ExpectedSignals;
  const byDomain = (d: string) => DEMO_COMPANIES.find((x) => x.domain === d);
  for (const w of e.websites ?? []) {
    const hit = byDomain(hostOf(w));
    if (hit) return hit;
  }
  if (e.companyName) {
    const hit = DEMO_COMPANIES.find((x) => x.name === e.companyName);
    if (hit) return hit;
  }
  if (e.linkedinSlug) {
    const hit = DEMO_COMPANIES.find((x) => x.linkedinSlug === e.linkedinSlug);
    if (hit) return hit;
  }
  for (const email of e.emails ?? []) {
    const domain = email.split('@')[1] ?? '';
    const hit = domain === repDomain ? undefined : byDomain(domain);
    if (hit) return hit;
  }
  return undefined;
}

/** A company the emulator holds once, scored: its panel must show its exact values. */
export function isPlainScoredCompany(company: DemoCompany | undefined): company is DemoCompany {
  return !!company && !company.notInRecotap && !company.duplicate && company.stage !== '';
}

/** The score badge text a scored company shows, e.g. "87 · Hot". */
export function scorePattern(company: DemoCompany): RegExp {
  return new RegExp(`^${company.score}\\b`);
}

/**
 * One record page per adapter (in the given order) about a scored demo company, preferring a
 * company no earlier adapter got, so a panel stuck on a previous account cannot pass by chance.
 */
export function pickRecordPages(cases: readonly SiteCase[], adapterIds: readonly string[]): SiteCase[] {
  const used = new Set<string>();
  const picked: SiteCase[] = [];
  for (const id of adapterIds) {
    const usable = cases.filter((c) => c.adapterId === id && !c.file.endsWith('spa.html') && isPlainScoredCompany(expectedCompany(c)));
    const c = usable.find((x) => !used.has(expectedCompany(x)!.key)) ?? usable[0];
    if (!c) continue;
    used.add(expectedCompany(c)!.key);
    picked.push(c);
  }
  return picked;
}
