/** Formatting for the Movers list (pure, no React). */
import { INTENT_SOURCES } from '../format';
import type { MoverView } from '@/utils/messaging';

type IntentJump = NonNullable<MoverView['topIntent']>;

/** "just now", "12 min ago", "3 h ago", "2 d ago" (compact: a list row has little room). */
export function shortAgo(iso: string, now: Date = new Date()): string {
  const s = Math.max(0, (now.getTime() - Date.parse(iso)) / 1000);
  if (!Number.isFinite(s) || s < 60) return 'just now';
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86_400)} d ago`;
}

/** "G2 +30" for the largest intent jump. */
export function intentText(j: IntentJump): string {
  const label = INTENT_SOURCES.find((x) => x.key === j.source)?.label ?? j.source;
  return `${label} +${j.after - j.before}`;
}

/** Only web pages may be opened from the list (a remembered URL came from a page context). */
export function isOpenableUrl(url: string | null): url is string {
  return !!url && /^https?:\/\//i.test(url);
}
