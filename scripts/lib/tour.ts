/**
 * The demo tour: which fixture pages to open, and how to read what Recotap Lens shows on each
 * (the in-page panel on CRM/Gmail pages, the side panel page for LinkedIn).
 */
import type { BrowserContext, Page } from '@playwright/test';
import { pagePanelLocator, readPanel, type ShownAccount } from '../../test/e2e/extension.ts';
import { pickRecordPages } from '../../test/e2e/expectations.ts';
import type { SiteCase } from '../../test/e2e/site-cases.ts';

/** Tour order: one record page per site, by adapter id. */
export const TOUR_SITES = ['salesforce-lightning', 'hubspot', 'dynamics', 'linkedin', 'gmail'] as const;

export interface TourStop {
  site: string;
  case: SiteCase;
}

/** One record page per tour site that has fixtures, each about a different scored demo company. */
export function pickTour(cases: readonly SiteCase[]): TourStop[] {
  return pickRecordPages(cases, TOUR_SITES).map((c) => ({ site: c.adapterId, case: c }));
}

export interface StopResult {
  site: string;
  url: string;
  shown: ShownAccount | null;
  /** the page the screenshot was taken of (the side panel page for LinkedIn) */
  shot: Page;
}

/** Opens one stop in a new tab and reads what the extension shows for it. */
export async function visitStop(context: BrowserContext, extensionId: string, stop: TourStop): Promise<StopResult> {
  const page = await context.newPage();
  await page.goto(stop.case.url, { waitUntil: 'load' });
  if (stop.site !== 'linkedin') {
    return { site: stop.site, url: stop.case.url, shown: await readPanel(page), shot: page };
  }
  // LinkedIn never gets an in-page panel: the account shows in the side panel page, which follows
  // the active tab of its window, so open it in a tab and bring LinkedIn back to the front.
  const side = await context.newPage();
  await side.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  await page.bringToFront();
  // until it catches up with the LinkedIn tab it describes its own tab ("No company found")
  await pagePanelLocator(side).locator('.rl-title').filter({ hasNotText: /^Recotap Lens$/ }).waitFor({ timeout: 15_000 }).catch(() => undefined);
  const shown = await readPanel(side);
  return { site: stop.site, url: stop.case.url, shown, shot: side };
}

/** A plain-text table of the tour's results. */
export function formatSummary(results: readonly Pick<StopResult, 'site' | 'shown'>[]): string {
  const rows = [
    ['#', 'page', 'account', 'score', 'stage'],
    ...results.map((r, i) => [
      String(i + 1),
      r.site,
      r.shown?.name || (r.shown ? r.shown.summary : '(no panel)'),
      r.shown?.score ?? '',
      r.shown?.stage ?? '',
    ]),
  ];
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => row[col]!.length)));
  const line = (row: string[]) => row.map((cell, col) => cell.padEnd(widths[col]!)).join('  ');
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}
