/**
 * The in-page panel's controller: owns which page context is current, runs lookups, and drops any
 * answer (reply or push) that belongs to a context the rep has already navigated away from.
 * Framework-free (a zustand vanilla store) so it can be unit-tested without a browser.
 *
 * Record → record with an answer on screen: the previous answer stays up for at most
 * HOLD_FRAMES frames' time (timer ticks of FRAME_MS), and is replaced by the new answer if it
 * arrives by then, else by the loading state. So a fast (cached) answer goes straight from one
 * account to the next: one store update and one render, no loading state in between. One frame was too short: the frame
 * learns of the record when the page has already painted it, and its next frame comes 0–16 ms
 * later, while a warm lookup's round trip through the service worker takes 5–15 ms, so nearly
 * every navigation painted the loading state for one frame and rendered twice (issue #18).
 */
import { createStore } from 'zustand/vanilla';
import type { LookupResult, PageContext } from '@/utils/view-models';
import type { AddAccountInput } from '../panel-actions';
import { errorText } from '../panel-actions';

/** UI state of one panel (rule 7: UI state only; data comes from the background). */
export interface PanelViewState {
  /**
   * The page shown. While loading it may be an earlier context of the same page (the URL-only one
   * of its 'reading' skeleton): the loading state does not depend on it, and the answer comes with
   * the current one.
   */
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
  const reading = c.read?.status === 'reading' ? 'reading' : '';
  return JSON.stringify([c.site, c.recordType ?? '', c.recordId ?? c.url, c.websites, c.emails, c.companyName ?? '', c.linkedinSlug ?? '', reading]);
}

/** A thrown messaging failure as a LookupResult the panel can show (with Retry). */
export function failureResult(err: unknown): LookupResult {
  return { state: 'error', error: { kind: 'internal', message: `Recotap Lens could not reach its background service: ${errorText(err)}`, retryable: true } };
}

/** Calls back after one frame's time (frameTicks in production; tests drive it by hand). */
export interface FrameScheduler {
  request(cb: () => void): number;
  cancel(id: number): void;
}

/**
 * How many frames the previous answer may stay up while the next record's lookup is in flight: two
 * frames (the issue #18 budget, 33 ms at 60 Hz) cover a warm lookup; a slower one (a cold cache, an
 * API call) shows the loading state from the second frame on.
 */
export const HOLD_FRAMES = 2;

/** One frame at 60 Hz, in the whole ms a timer counts: the hold's tick. */
export const FRAME_MS = 16;

/**
 * The hold's clock: timers of one frame's length, never requestAnimationFrame. A request for an
 * animation frame when the next record arrives makes the browser start a frame for the panel at
 * once, before the lookup's answer is back (a few ms later); the answer's render then waits for the
 * frame after that one, a whole vsync interval more. A timer asks for no frame, so the answer is
 * painted on the first frame after it comes. Alternated with the animation-frame hold in the panel
 * benchmark (§7, Chrome, warm cache, 2 rounds): p50 35.8 / 35.7 → 24.2 / 29.4 ms, p95 44.5 / 47.0 →
 * 31.9 / 37.4 ms (docs/architecture.md, "The hold's clock"; no difference in Firefox).
 */
export const frameTicks = (): FrameScheduler => ({
  request: (cb) => setTimeout(cb, FRAME_MS) as unknown as number,
  cancel: (id) => clearTimeout(id),
});

/** Creates the controller and its store. */
export function createPanelController(backend: PanelBackend, onState?: (s: PanelViewState) => void, frames: FrameScheduler = frameTicks()) {
  const store = createStore<PanelViewState>(() => ({ context: null, result: null, hidden: false }));
  let key: string | null = null;
  /** the latest context from site detection; the store shows it, or will by the next frame */
  let current: PageContext | null = null;
  let seq = 0;
  let inflight = false;
  let hold: number | undefined;
  const seen = new Set<string>();
  if (onState) store.subscribe(onState);

  /**
   * Keeps the answer on screen for at most `frames` more frames, then shows the loading state if a
   * lookup is still in flight. A hold already running keeps its deadline (a rep moving on quickly
   * does not extend how long the first account stays up).
   */
  function holdAnswer(count: number) {
    if (hold !== undefined) return;
    let left = count;
    const tick = () => {
      hold = undefined;
      if (--left > 0) hold = frames.request(tick);
      else if (inflight) showLoading();
    };
    hold = frames.request(tick);
  }

  /**
   * Shows `current` in the loading state now (ends a hold of the previous answer). When the loading
   * state is already up for this page (its skeleton while the record was read, then the read
   * record's lookup) nothing on screen would change, so the store is left alone: no render.
   */
  function showLoading() {
    if (hold !== undefined) frames.cancel(hold);
    hold = undefined;
    const shown = store.getState();
    if (shown.result === null && current !== null && shown.context?.url === current.url) return;
    store.setState({ context: current, result: null });
  }

  function apply(result: LookupResult) {
    if (hold !== undefined) frames.cancel(hold);
    hold = undefined;
    store.setState({ context: current, result });
    if (result.state === 'found' && !seen.has(result.account.rtpAid)) {
      seen.add(result.account.rtpAid);
      backend.markSeen(result.account.rtpAid).catch(() => undefined);
    }
  }

  /**
   * Run `call` for the current context; its answer is applied only if the context is still current.
   * `loading`: 'now' shows the loading state at once, 'hold' keeps the previous answer up for
   * HOLD_FRAMES frames at most, 'no' keeps it until the answer (pin, add: same record).
   */
  async function run(call: (c: PageContext) => Promise<LookupResult>, loading: 'now' | 'hold' | 'no'): Promise<LookupResult | null> {
    const context = current;
    if (!context) return null;
    const mine = ++seq;
    inflight = true;
    if (loading === 'now' || (hold !== undefined && loading === 'no')) showLoading();
    else if (loading === 'hold') holdAnswer(HOLD_FRAMES);
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
        current = null;
        showLoading();
        return;
      }
      const next = contextKey(context);
      if (next === key) return;
      key = next;
      current = context;
      if (context.read?.status === 'reading') {
        // the record is still being read: its skeleton, and no lookup (nothing to look up yet)
        seq++;
        inflight = true;
        // (no answer can come for it, so only until the next frame)
        if (store.getState().result !== null && hold === undefined) holdAnswer(1);
        else if (hold === undefined) showLoading();
        return;
      }
      // an answer on screen may stay for HOLD_FRAMES frames (see file comment); else loading at once
      const answerShown = store.getState().result !== null && hold === undefined;
      void run(backend.lookup, answerShown || hold !== undefined ? 'hold' : 'now');
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
    retry: () => run(backend.lookup, 'now'),
    pin: async (rtpAid: string) => resultError(await run((c) => backend.pin(c, rtpAid), 'no')),
    unpin: async () => resultError(await run(backend.unpin, 'no')),
    add: async (input: AddAccountInput) => resultError(await run(() => backend.add(input), 'no')),
    toggleHidden() {
      store.setState((s) => ({ hidden: !s.hidden }));
    },
  };
}

export type PanelController = ReturnType<typeof createPanelController>;

