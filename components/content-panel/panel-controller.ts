/**
 * The in-page panel's controller: owns which page context is current, runs lookups, and drops any
 * answer (reply or push) that belongs to a context the rep has already navigated away from.
 * Framework-free (a zustand vanilla store) so it can be unit-tested without a browser.
 */
import { createStore } from 'zustand/vanilla';
import type { LookupResult, PageContext } from '@/utils/view-models';
import type { AddAccountInput } from '../panel-actions';
import { errorText } from '../panel-actions';

/** UI state of one panel (rule 7: UI state only; data comes from the background). */
export interface PanelViewState {
  context: PageContext | null;
  /** null = loading */
  result: LookupResult | null;
  /** hidden by the toggle command; the next command shows it again */
  hidden: boolean;
}

/** What the controller needs from the background (sendMessage in production). */
export interface PanelBackend {
  lookup(context: PageContext): Promise<LookupResult>;
  pin(context: PageContext, rtpAid: string): Promise<LookupResult>;
  unpin(context: PageContext): Promise<LookupResult>;
  add(input: AddAccountInput): Promise<LookupResult>;
  markSeen(rtpAid: string): Promise<unknown>;
}

/** Identity of a page context: the same record with the same signals needs no new lookup. */
export function contextKey(c: PageContext): string {
  return JSON.stringify([c.site, c.recordType ?? '', c.recordId ?? c.url, c.websites, c.emails, c.companyName ?? '', c.linkedinSlug ?? '']);
}

/** A thrown messaging failure as a LookupResult the panel can show (with Retry). */
export function failureResult(err: unknown): LookupResult {
  return { state: 'error', error: { kind: 'internal', message: `Recotap Lens could not reach its background service: ${errorText(err)}`, retryable: true } };
}

/** Creates the controller and its store. */
export function createPanelController(backend: PanelBackend, onState?: (s: PanelViewState) => void) {
  const store = createStore<PanelViewState>(() => ({ context: null, result: null, hidden: false }));
  let key: string | null = null;
  let seq = 0;
  let inflight = false;
  const seen = new Set<string>();
  if (onState) store.subscribe(onState);

  function apply(result: LookupResult) {
    store.setState({ result });
    if (result.state === 'found' && !seen.has(result.account.rtpAid)) {
      seen.add(result.account.rtpAid);
      backend.markSeen(result.account.rtpAid).catch(() => undefined);
    }
  }

  /** Run `call` for the current context; its answer is applied only if the context is still current. */
  async function run(call: (c: PageContext) => Promise<LookupResult>, showLoading: boolean): Promise<LookupResult | null> {
    const context = store.getState().context;
    if (!context) return null;
    const mine = ++seq;
    inflight = true;
    if (showLoading) store.setState({ result: null });
    let result: LookupResult;
    try {
      result = await call(context);
    } catch (err) {
      result = failureResult(err);
    }
    if (mine !== seq) return null;
    inflight = false;
    apply(result);
    return result;
  }

  const resultError = (r: LookupResult | null) => (r?.state === 'error' ? r.error.message : null);

  return {
    store,
    /** A new page context from site detection (null = not a record page). */
    setContext(context: PageContext | null) {
      if (!context) {
        key = null;
        seq++;
        inflight = false;
        store.setState({ context: null, result: null });
        return;
      }
      const next = contextKey(context);
      if (next === key) return;
      key = next;
      store.setState({ context });
      void run(backend.lookup, true);
    },
    /**
     * A background push (stale-while-revalidate refresh) for the page at `url`. Accepted only for the
     * current page, so "not in Recotap → found" updates while the previous page's answer never shows.
     */
    receivePush(push: { url: string | null; result: LookupResult }) {
      const { context } = store.getState();
      if (!context || inflight || push.url === null || push.url !== context.url) return false;
      apply(push.result);
      return true;
    },
    retry: () => run(backend.lookup, true),
    pin: async (rtpAid: string) => resultError(await run((c) => backend.pin(c, rtpAid), false)),
    unpin: async () => resultError(await run(backend.unpin, false)),
    add: async (input: AddAccountInput) => resultError(await run(() => backend.add(input), false)),
    toggleHidden() {
      store.setState((s) => ({ hidden: !s.hidden }));
    },
  };
}

export type PanelController = ReturnType<typeof createPanelController>;
