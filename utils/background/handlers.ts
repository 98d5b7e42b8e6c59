/**
 * One handler per message of utils/messaging.ts, as pure functions of their dependencies
 * (`createHandlers(deps)`), so tests call them directly with a fake sender. Every handler checks
 * the sender, validates its payload, and answers with view models only — never the API key.
 */
import type { RequestName, ResponseMap } from '../messaging';
import { RECENT_ACTIVITY_LIMIT } from '../panel-limits';
import type { LookupResult, PageContext } from '../view-models';
import { signalsFromContext } from '../accounts/signals';
import { normalizeApiDomain } from '../recotap/domain';
import { readSetting, repEmailItem } from '../settings';
import type { MessageSenderLike, SenderCheckDeps, SenderInfo } from './sender';
import { checkSender } from './sender';
import { failure, parseRequest, validationError, type RequestOutput } from './validate';
import { createAccountHandlers, type AccountHandlerDeps } from './account-handlers';
import { createAdminHandlers, type AdminHandlerDeps } from './admin-handlers';
import { createMoversHandlers, type MoversHandlerDeps } from './movers-handlers';
import type { PanelFrames } from './panel-frames';
import type { WatchReason } from '../accounts/db';

/** Activity messages: implemented by utils/activities (createActivityHandlers); the lead wires them here. */
export type ActivityMessage = 'logActivity' | 'undoActivity' | 'retryActivity' | 'listActivities';

export type ActivityHandlerMap = { [N in ActivityMessage]: (data: unknown) => Promise<ResponseMap[N]> };

/** Per-tab state kept by utils/toolbar (context, last result, context-menu query). */
export interface TabStateDeps {
  getTabResult: (tabId: number | undefined) => Promise<ResponseMap['getTabResult']>;
  dismissTabQuery: (tabId: number) => Promise<void>;
}

export interface HandlerDeps extends SenderCheckDeps, AccountHandlerDeps, AdminHandlerDeps, MoversHandlerDeps {
  /** runtime.openOptionsPage */
  openOptionsPage?: () => Promise<void>;
  /** createActivityHandlers({ outbox, afterChange }) from utils/activities */
  activityHandlers?: ActivityHandlerMap;
  tabs?: TabStateDeps;
  /** the panel iframes crm.js registered (panel-frames.ts); absent: registerPanelFrame is refused */
  panelFrames?: Pick<PanelFrames, 'register'>;
}

/** A validated handler body. */
export type Body<N extends RequestName> = (data: RequestOutput<N>, who: SenderInfo) => Promise<ResponseMap[N]>;

/** What registerHandlers() and tests call: raw payload + the runtime sender. */
export type Handler<N extends RequestName> = (data: unknown, sender?: MessageSenderLike) => Promise<ResponseMap[N]>;
export type Handlers = { [N in RequestName]: Handler<N> };

const notWired: ActivityHandlerMap = {
  logActivity: async () => failure('logActivity', notWiredError()),
  undoActivity: async () => failure('undoActivity', notWiredError()),
  retryActivity: async () => failure('retryActivity', notWiredError()),
  listActivities: async () => [],
};

function notWiredError() {
  return { kind: 'internal' as const, message: 'Activity logging is not available in this build.', retryable: false };
}

/** Build every handler. */
export function createHandlers(deps: HandlerDeps): Handlers {
  const wrap =
    <N extends RequestName>(name: N, body: Body<N>): Handler<N> =>
    async (raw, sender) => {
      const who = await checkSender(name, sender, deps);
      const parsed = parseRequest(name, raw);
      if (!parsed.ok) return failure(name, validationError(parsed.message));
      return body(parsed.data, who);
    };
  const activities = deps.activityHandlers ?? notWired;
  const account = createAccountHandlers(deps);
  const admin = createAdminHandlers(deps);
  const movers = createMoversHandlers(deps);
  /** Watch an account the rep viewed, pinned, logged or added (never slows the answer down). */
  const watch = (rtpAid: string | undefined, reason: WatchReason, url?: string | null) => {
    if (rtpAid) void deps.watch?.watch(rtpAid, reason, url).catch(() => undefined);
  };
  const watching =
    <N extends 'lookupContext' | 'pinAccount' | 'addAccount'>(reason: WatchReason, body: Body<N>, urlOf?: (data: RequestOutput<N>) => string | null): Body<N> =>
    async (data, who) => {
      const result: LookupResult = await body(data, who);
      // the record page it was shown on: a content script's own page, else the context's
      if (result.state === 'found') watch(result.account.rtpAid, reason, who.kind === 'content-script' ? who.url : urlOf?.(data));
      return result;
    };
  const logActivity: Body<'logActivity'> = async (draft) => {
    const result = await activities.logActivity(draft);
    if (result.ok) {
      const rtpAid = draft.rtpAid ?? (await deps.store.getByDomain(draft.domain).catch(() => null))?.winner.rtpAid;
      watch(rtpAid, 'logged');
    }
    return result;
  };
  /**
   * A found account's answer carries its recent activities, so a panel shows a record with one
   * round trip instead of two (each message costs the host page's main thread ~1 ms). The list is
   * optional: if the outbox cannot answer, the panel asks for it itself. `likelyDomain` names the
   * domain the answer will most likely have (a page's first domain): its activities are read while
   * the lookup runs, not after it, and used only if the answer's domain is that one.
   */
  const withActivities =
    <N extends 'lookupContext' | 'lookupQuery' | 'pinAccount' | 'unpinAccount'>(
      body: Body<N>,
      likelyDomain?: (data: RequestOutput<N>) => Promise<string | undefined>,
    ): Body<N> =>
    async (data, who) => {
      const read = (domain: string) => activities.listActivities({ domain, limit: RECENT_ACTIVITY_LIMIT });
      const early =
        deps.activityHandlers && likelyDomain
          ? likelyDomain(data).then((d) => (d ? { domain: normalizeApiDomain(d), list: read(d) } : undefined), () => undefined)
          : undefined;
      // an early read the answer does not use must not end as an unhandled rejection
      void early?.then((e) => e?.list.catch(() => undefined));
      const result: LookupResult = await body(data, who);
      if (result.state !== 'found' || !deps.activityHandlers) return result;
      try {
        const guess = await early;
        const list = await (guess?.domain === result.account.domain ? guess.list : read(result.account.domain));
        return { ...result, activities: list };
      } catch {
        return result;
      }
    };
  const pageDomain = async (ctx: PageContext) => signalsFromContext(ctx, await readSetting(repEmailItem)).domains[0]?.domain;
  return {
    lookupContext: wrap('lookupContext', withActivities(watching('viewed', account.lookupContext, (c) => c.url), pageDomain)),
    lookupQuery: wrap('lookupQuery', withActivities(account.lookupQuery)),
    searchAccounts: wrap('searchAccounts', account.searchAccounts),
    listSuggestions: wrap('listSuggestions', account.listSuggestions),
    pinAccount: wrap('pinAccount', withActivities(watching('pinned', account.pinAccount, (d) => d.context.url))),
    unpinAccount: wrap('unpinAccount', withActivities(account.unpinAccount)),
    markSeen: wrap('markSeen', account.markSeen),
    addAccount: wrap('addAccount', watching('added', account.addAccount)),
    listSegments: wrap('listSegments', admin.listSegments),
    getStatus: wrap('getStatus', admin.getStatus),
    syncNow: wrap('syncNow', admin.syncNow),
    testConnection: wrap('testConnection', admin.testConnection),
    saveApiKey: wrap('saveApiKey', admin.saveApiKey),
    clearLocalData: wrap('clearLocalData', admin.clearLocalData),
    logActivity: wrap('logActivity', logActivity),
    undoActivity: wrap('undoActivity', (data) => activities.undoActivity(data)),
    retryActivity: wrap('retryActivity', (data) => activities.retryActivity(data)),
    listActivities: wrap('listActivities', (data) => activities.listActivities(data)),
    setRepEmail: wrap('setRepEmail', admin.setRepEmail),
    getTabResult: wrap('getTabResult', async ({ tabId }) =>
      deps.tabs ? deps.tabs.getTabResult(tabId) : { context: null, result: null, query: null },
    ),
    openOptions: wrap('openOptions', async () => {
      await deps.openOptionsPage?.();
      return { ok: true };
    }),
    dismissTabQuery: wrap('dismissTabQuery', async ({ tabId }) => {
      await deps.tabs?.dismissTabQuery(tabId);
      return { ok: true };
    }),
    listMovers: wrap('listMovers', movers.listMovers),
    markMoversVisited: wrap('markMoversVisited', movers.markMoversVisited),
    listTopMovers: wrap('listTopMovers', movers.listTopMovers),
    unwatchAccount: wrap('unwatchAccount', movers.unwatchAccount),
    showInSidePanel: wrap('showInSidePanel', movers.showInSidePanel),
    registerPanelFrame: wrap('registerPanelFrame', async ({ secret }, who) => {
      if (who.kind !== 'content-script' || who.tabId === null || !deps.panelFrames) {
        return failure('registerPanelFrame', { kind: 'validation', message: 'Only a content script in a tab can register its panel frame.', retryable: false });
      }
      await deps.panelFrames.register(who.tabId, { secret, url: who.url, siteId: who.siteId });
      return { ok: true };
    }),
  };
}
