/**
 * Account messages: page/popup lookups, type-ahead, "Not this account?" pins, "seen" snapshots and
 * "Add to Recotap". Content scripts reach these only from an enabled supported site.
 */
import type { Resolver } from '../accounts/resolver';
import { domainPinKey, recordPinKey, signalsFromContext } from '../accounts/signals';
import type { AccountStore } from '../accounts/store';
import type { WatchStore } from '../accounts/watch';
import { toAccountSummary } from '../accounts/view';
import type { ResponseMap } from '../messaging';
import type { RecotapClient } from '../recotap';
import { messages } from '../recotap/errors';
import { fieldWords } from '../recotap/rep-words';
import {
  getEffectiveSettings,
  isSiteEnabled,
  pinnedMatchesItem,
  readSetting,
  repEmailItem,
} from '../settings';
import { HOT_SCORE, type ErrorView, type LookupResult, type PageContext } from '../view-models';
import type { Body } from './handlers';
import type { SenderInfo } from './sender';

export interface AccountHandlerDeps {
  store: AccountStore;
  resolver: Resolver;
  getClient: () => Promise<RecotapClient | null>;
  /** push a fresher LookupResult to the asking tab (tabId) or to extension pages (null) */
  /** `url`: the page the lookup was for (views drop pushes for a page they have left) */
  pushUpdate: (target: { tabId: number | null; url: string | null }, result: LookupResult) => void;
  /** a content script's tab got a result (first answer and fresher ones): toolbar badge and tab state */
  onTabResult?: (tabId: number, context: PageContext | undefined, result: LookupResult) => void;
  /** the rep looked at an account (markSeen): the badge drops its "stage moved up" mark */
  onSeen?: (rtpAid: string) => void;
  /** watched accounts: "Recent accounts" reads when each was last seen on a record page */
  watch?: WatchStore;
  toErrorView: (err: unknown) => ErrorView;
  now?: () => number;
}

const err = (kind: ErrorView['kind'], message: string): LookupResult => ({
  state: 'error',
  error: { kind, message, retryable: false },
});

/** The account-message bodies (validation and sender checks happen in createHandlers). */
export function createAccountHandlers(deps: AccountHandlerDeps) {
  const now = deps.now ?? Date.now;
  const tabOf = (who: SenderInfo) => (who.kind === 'content-script' ? who.tabId : null);
  const toTab = (who: SenderInfo, result: LookupResult, context?: PageContext) => {
    const tabId = tabOf(who);
    if (tabId != null) deps.onTabResult?.(tabId, context, result);
    return result;
  };
  const fresher = (who: SenderInfo, url: string | null = null) => (result: LookupResult) => {
    deps.pushUpdate({ tabId: tabOf(who), url }, toTab(who, result));
  };
  /**
   * A pin chosen in the side panel also reaches the in-page panel of the tab it was chosen for (and
   * that tab's badge/state). Only extension pages may name a tab: a content script speaks for its own.
   */
  const alsoToTab = (who: SenderInfo, tabId: number | undefined, context: PageContext, result: LookupResult) => {
    if (who.kind === 'content-script' || tabId == null) return result;
    deps.onTabResult?.(tabId, context, result);
    deps.pushUpdate({ tabId, url: context.url }, result);
    return result;
  };

  async function siteOff(ctx: PageContext, who: SenderInfo): Promise<boolean> {
    if (who.kind !== 'content-script') return false;
    const settings = await getEffectiveSettings();
    return !isSiteEnabled(settings, who.siteId) || !isSiteEnabled(settings, ctx.site);
  }

  const lookupContext: Body<'lookupContext'> = async (ctx, who) => {
    if (await siteOff(ctx, who)) return toTab(who, { state: 'site-disabled' }, ctx);
    return toTab(who, await deps.resolver.lookupContext(ctx, { onFresher: fresher(who, ctx.url) }), ctx);
  };

  const lookupQuery: Body<'lookupQuery'> = async ({ query }, who) =>
    deps.resolver.lookupQuery(query, { onFresher: fresher(who) });

  const searchAccounts: Body<'searchAccounts'> = async ({ query, limit }) =>
    (await deps.store.search(query, limit)).map(toAccountSummary);

  /** "Recent accounts" (the watch store's lastSeenAt) and "Hot accounts" (top cached scores, Hot band). */
  const listSuggestions: Body<'listSuggestions'> = async ({ limit }) => {
    const [seen, hot] = await Promise.all([deps.watch?.recentlySeen(limit) ?? [], deps.store.topScored(limit, HOT_SCORE)]);
    // an account unwatched-then-cleared or dropped from the cache has no row: left out
    const rows = await Promise.all(seen.map((w) => deps.store.getById(w.rtpAid)));
    const recent = rows.filter((a): a is NonNullable<typeof a> => a !== undefined).map(toAccountSummary);
    return { recent, hot: hot.map(toAccountSummary) };
  };

  const pinAccount: Body<'pinAccount'> = async ({ context, rtpAid, tabId }, who) => {
    if (await siteOff(context, who)) return { state: 'site-disabled' };
    const account = await deps.store.getById(rtpAid);
    if (!account) return err('not-found', 'That account is not in the local cache. Search for it again.');
    const signals = signalsFromContext(context, await readSetting(repEmailItem));
    const key = context.recordId
      ? recordPinKey(context.site, context.recordId)
      : signals.domains[0] && domainPinKey(signals.domains[0].domain);
    if (!key) return err('validation', 'This page has no record id or domain to remember the choice for.');
    const pins = await readSetting(pinnedMatchesItem);
    pins[key] = { rtpAid, name: account.row.name, domain: account.domain, pinnedAt: new Date(now()).toISOString() };
    await pinnedMatchesItem.setValue(pins);
    const result = toTab(who, await deps.resolver.lookupContext(context, { onFresher: fresher(who, context.url) }));
    return alsoToTab(who, tabId, context, result);
  };

  const unpinAccount: Body<'unpinAccount'> = async ({ context, tabId }, who) => {
    if (await siteOff(context, who)) return { state: 'site-disabled' };
    const signals = signalsFromContext(context, await readSetting(repEmailItem));
    const pins = await readSetting(pinnedMatchesItem);
    for (const key of signals.pinKeys) delete pins[key];
    await pinnedMatchesItem.setValue(pins);
    const result = toTab(who, await deps.resolver.lookupContext(context, { onFresher: fresher(who, context.url) }));
    return alsoToTab(who, tabId, context, result);
  };

  const markSeen: Body<'markSeen'> = async ({ rtpAid }): Promise<ResponseMap['markSeen']> => {
    const account = await deps.store.getById(rtpAid);
    if (!account) return { ok: false, error: { kind: 'not-found', message: 'Unknown account.', retryable: false } };
    await deps.store.putLastSeen({
      rtpAid,
      seenAt: new Date(now()).toISOString(),
      score: account.row.rtp_account_score ?? 0,
      stage: account.row.rtp_journey_stage ?? '',
    });
    deps.onSeen?.(rtpAid);
    return { ok: true };
  };

  const addAccount: Body<'addAccount'> = async ({ domain, name, externalId, segmentId }, who) => {
    const client = await deps.getClient();
    if (!client) return { state: 'not-configured' };
    try {
      const { results } = await client.createAccounts([{ domain, name, ...(externalId ? { externalId } : {}) }], {
        ...(segmentId ? { segmentId } : {}),
      });
      const first = results[0];
      if (!first || first.status === 'failed') {
        // Recotap's own sentence names API fields: the rep reads rep words, the log keeps the rest
        if (first?.error) console.debug('[recotap-lens] addAccount failed:', first.error);
        return err('validation', addFailureReason(first?.error));
      }
      await deps.store.deleteNegative([first.domain ?? domain]);
      return await deps.resolver.lookupQuery(first.domain ?? domain, { onFresher: fresher(who) });
    } catch (e) {
      return { state: 'error', error: deps.toErrorView(e) };
    }
  };

  return { lookupContext, lookupQuery, searchAccounts, listSuggestions, pinAccount, unpinAccount, markSeen, addAccount };
}

/** "Add to Recotap" refused for one account: why, in rep words (docs/glossary.md). */
export function addFailureReason(error: string | undefined): string {
  if (error && /already exists/i.test(error)) return 'Recotap already has an account with this website.';
  return messages.notAccepted('the account', fieldWords(error ? [error] : []));
}
