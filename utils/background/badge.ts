/**
 * Toolbar badge: the score of the account on the current tab (design.md data flow). Chrome MV3 has
 * `action`, Firefox MV2 `browserAction`; both take per-tab text and colour.
 */
import { browser } from '#imports';
import type { LookupResult, ScoreBand } from '../view-models';

// WCAG-AA-friendly on white text: dark enough backgrounds
const BAND_COLOURS: Record<ScoreBand, string> = { hot: '#B42318', warm: '#B54708', cold: '#175CD3', unscored: '#475467' };

/** Badge text and colour for a lookup result ('' clears it). */
export function badgeFor(result: LookupResult): { text: string; color: string } {
  if (result.state !== 'found') return { text: '', color: BAND_COLOURS.unscored };
  const { score, band } = result.account;
  return { text: band === 'unscored' ? '–' : String(Math.round(score)), color: BAND_COLOURS[band] };
}

/** Show a tab's account score on the toolbar icon; failures (tab closed) are ignored. */
export function setTabBadge(tabId: number, result: LookupResult): void {
  const api = (browser as unknown as { action?: BadgeApi; browserAction?: BadgeApi }).action ??
    (browser as unknown as { browserAction?: BadgeApi }).browserAction;
  if (!api) return;
  const { text, color } = badgeFor(result);
  try {
    Promise.all([api.setBadgeText({ tabId, text }), api.setBadgeBackgroundColor({ tabId, color })]).catch(() => undefined);
  } catch {
    // an API that throws synchronously (old polyfills, test fakes) must not break the lookup
  }
}

interface BadgeApi {
  setBadgeText(details: { tabId: number; text: string }): Promise<void>;
  setBadgeBackgroundColor(details: { tabId: number; color: string }): Promise<void>;
}
