/**
 * The unseen-movers count on the toolbar icon (issue #17). It is the *global* badge: tabs showing a
 * record paint their own score over it (badge.ts), tabs with no record inherit it (their per-tab
 * text is reset to null). A setting turns it off (on by default).
 */
import { MOVERS_COLOR, PRODUCT_TITLE, BADGE_TEXT_COLOR, type BadgeApi, type BadgeView } from './badge';

/** The global badge for `count` unseen movers ('' when none or turned off; at most '99+'). */
export function renderMoversBadge(count: number, enabled: boolean): BadgeView {
  if (!enabled || count <= 0) return { text: '', color: MOVERS_COLOR, title: PRODUCT_TITLE };
  const accounts = count === 1 ? '1 watched account' : `${count} watched accounts`;
  return { text: count > 99 ? '99+' : String(count), color: MOVERS_COLOR, title: `${PRODUCT_TITLE}: ${accounts} changed since you last looked (open the popup's Movers tab)` };
}

export interface MoversBadgeDeps {
  api: BadgeApi;
  unseenCount: () => Promise<number>;
  enabled: () => Promise<boolean>;
}

/** Returns refresh(): repaint the global badge from the current count and setting (never rejects). */
export function createMoversBadge(deps: MoversBadgeDeps): () => Promise<BadgeView | null> {
  let queue: Promise<BadgeView | null> = Promise.resolve(null);
  const paint = async (): Promise<BadgeView | null> => {
    const action = deps.api.action ?? deps.api.browserAction;
    const enabled = await deps.enabled();
    const view = renderMoversBadge(enabled ? await deps.unseenCount() : 0, enabled);
    if (!action) return view;
    await Promise.allSettled([
      Promise.resolve().then(() => action.setBadgeText({ text: view.text })),
      Promise.resolve().then(() => action.setBadgeBackgroundColor({ color: view.color })),
      Promise.resolve().then(() => action.setBadgeTextColor?.({ color: BADGE_TEXT_COLOR })),
      Promise.resolve().then(() => action.setTitle({ title: view.title })),
    ]);
    return view;
  };
  // one repaint at a time, in call order (the last call paints the latest count)
  return () => (queue = queue.then(paint, paint).catch(() => null));
}
