/**
 * The toolbar badge: the current tab's account score on the extension icon.
 *
 * Text: the rounded score ('87'), '—' for an account Recotap has not scored yet, '' (badge
 * cleared) when there is nothing to say (no account, not in Recotap, not set up, error). When the
 * journey stage moved forward since the rep last looked, an arrow follows the score: '87↑'
 * (at most '100↑', inside the 4-character badge limit). The tooltip says everything in words, so
 * neither colour nor the arrow is the only carrier of meaning.
 */
import type { LookupResult, ScoreBand } from '../view-models';

export interface BadgeView {
  text: string;
  /** background colour; every band colour has ≥ 4.5:1 contrast with white text (WCAG AA) */
  color: string;
  title: string;
}

export const BADGE_TEXT_COLOR = '#FFFFFF';
export const STAGE_ADVANCED_MARK = '↑';
export const NOT_SCORED_TEXT = '—';
export const PRODUCT_TITLE = 'Recotap Lens';

/** Band colours: hot red, warm amber, cold blue, unscored grey (all dark enough for white text). */
export const BAND_COLORS: Record<ScoreBand, string> = {
  hot: '#B42318',
  warm: '#B54708',
  cold: '#175CD3',
  unscored: '#475467',
};
const NEUTRAL = BAND_COLORS.unscored;

type Found = Extract<LookupResult, { state: 'found' }>;

/** True when the stage moved later in the funnel since the rep last looked ('' = not staged). */
export function stageAdvanced(result: Found): boolean {
  const change = result.account.changedSinceSeen;
  if (!change || change.previousStage === result.account.stage) return false;
  const now = result.stages.indexOf(result.account.stage);
  const before = change.previousStage === '' ? -1 : result.stages.indexOf(change.previousStage);
  // an unknown stage name (renamed stage list) tells us nothing about direction
  if (now === -1 || (before === -1 && change.previousStage !== '')) return false;
  return now > before;
}

/** Render the badge for a lookup result (null = nothing known for the tab). */
export function renderBadge(result: LookupResult | null): BadgeView {
  const cleared = (detail?: string): BadgeView => ({
    text: '',
    color: NEUTRAL,
    title: detail ? `${PRODUCT_TITLE}: ${detail}` : PRODUCT_TITLE,
  });
  if (!result) return cleared();
  switch (result.state) {
    case 'not-configured':
      return cleared('not connected yet. Open Settings to connect to Recotap.');
    case 'no-signal':
    case 'site-disabled':
      return cleared();
    case 'not-found':
      return cleared(`${result.domain ?? result.companyName ?? 'this company'} is not in Recotap`);
    case 'error':
      return cleared(`lookup failed. ${result.error.message}`);
    case 'found':
      return renderFound(result);
  }
}

function renderFound(result: Found): BadgeView {
  const { account } = result;
  const advanced = stageAdvanced(result);
  const score = String(Math.min(999, Math.max(0, Math.round(account.score))));
  const scored = account.band !== 'unscored';
  const parts = [`${PRODUCT_TITLE}: ${account.name} (${account.domain})`];
  parts.push(scored ? `score ${score}, ${account.band}` : 'not scored yet');
  if (account.stage) parts.push(`stage ${account.stage}`);
  if (advanced) parts.push(`stage moved up from ${account.changedSinceSeen?.previousStage || 'no stage'} since you last looked`);
  if (result.stale) parts.push('cached copy, may be out of date');
  const text = (scored ? score : NOT_SCORED_TEXT) + (advanced ? STAGE_ADVANCED_MARK : '');
  return { text, color: BAND_COLORS[account.band], title: parts.join('; ') };
}

/** The per-tab badge setters of `action` (MV3) or `browserAction` (Firefox MV2). */
export interface BadgeActionLike {
  /** text null with a tabId: the tab inherits the global badge (see INHERIT_GLOBAL) */
  setBadgeText(details: { tabId?: number; text: string }): unknown;
  setBadgeBackgroundColor(details: { tabId?: number; color: string }): unknown;
  /** Chrome 110+, Firefox 63+ */
  setBadgeTextColor?(details: { tabId?: number; color: string }): unknown;
  setTitle(details: { tabId?: number; title: string }): unknown;
}

export interface BadgeApi {
  action?: BadgeActionLike;
  browserAction?: BadgeActionLike;
}

/** The tab shows no record: its badge falls back to the global one (the unseen-movers count). */
export function showsNoRecord(result: LookupResult | null): boolean {
  return !result || result.state === 'no-signal' || result.state === 'site-disabled';
}

/**
 * Chrome's action and Firefox's browserAction both document `text: null` with a tabId as "drop this
 * tab's text and show the global badge" (the unseen-movers count, movers-badge.ts); the typings only
 * know strings.
 */
const INHERIT_GLOBAL = null as unknown as string;

/** Colour of the unseen-movers count (≥ 4.5:1 with white text), distinct from the band colours. */
export const MOVERS_COLOR = '#5B21B6';

/** Show a tab's result on the toolbar icon; a closed tab or a missing API is not an error. */
export async function applyBadge(api: BadgeApi, tabId: number, result: LookupResult | null): Promise<BadgeView> {
  const view = renderBadge(result);
  const inherit = showsNoRecord(result);
  const action = api.action ?? api.browserAction;
  // without a valid tabId the setters change the global badge, i.e. every tab's
  if (!action || !isTabId(tabId)) return view;
  // each call may reject (the tab closed meanwhile): settle all, the next lookup repaints
  await Promise.allSettled([
    call(() => action.setBadgeText({ tabId, text: inherit ? INHERIT_GLOBAL : view.text })),
    call(() => action.setBadgeBackgroundColor({ tabId, color: inherit ? MOVERS_COLOR : view.color })),
    call(() => action.setBadgeTextColor?.({ tabId, color: BADGE_TEXT_COLOR })),
    call(() => action.setTitle({ tabId, title: view.title })),
  ]);
  return view;
}

/** A real tab id: tabs.TAB_ID_NONE (-1) and missing ids are not. */
export function isTabId(tabId: unknown): tabId is number {
  return typeof tabId === 'number' && Number.isInteger(tabId) && tabId >= 0;
}

async function call(fn: () => unknown): Promise<void> {
  await fn();
}
