/**
 * Pure formatting helpers shared by every view: labels for match reasons, bands, intent sources,
 * and relative times. Kept free of React so they are cheap to test and reuse.
 */
import type { AccountView, Intent, MatchReason, ScoreBand } from '@/utils/view-models';

/** Journey stages used when the background has not sent the team's own list. */
export const DEFAULT_STAGES = ['Unaware', 'Aware', 'Consideration', 'Opportunity', 'Customer'];

const MATCH_LABELS: Record<MatchReason, string> = {
  pinned: 'your choice',
  website: 'Website field',
  email: 'email domain',
  url: 'page address',
  linkedin: 'LinkedIn company',
  name: 'matched by name',
  lookup: 'your search',
  'page-website': 'website link on the page',
  'page-email': 'e-mail address on the page',
  'record-data': 'Dynamics record data',
};

/** Why this account was matched, in a rep's words. */
export function matchReasonLabel(reason: MatchReason): string {
  return MATCH_LABELS[reason];
}

const BAND_LABELS: Record<ScoreBand, string> = { unscored: 'Not scored yet', cold: 'Cold', warm: 'Warm', hot: 'Hot' };

/** Human label of a score band ("unscored" is never called cold). */
export function bandLabel(band: ScoreBand): string {
  return BAND_LABELS[band];
}

/** Intent sources in display order with the labels reps know them by. */
export const INTENT_SOURCES: { key: keyof Intent; label: string }[] = [
  { key: 'linkedin', label: 'LinkedIn advertising' },
  { key: 'website', label: 'Website visits' },
  { key: 'g2', label: 'G2' },
  { key: 'bombora', label: 'Bombora' },
];

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** "5 minutes ago", "yesterday", "just now"; "unknown" for a missing or unparsable date. */
export function relativeTime(iso: string | null | undefined, now: Date = new Date()): string {
  if (!iso) return 'unknown';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return 'unknown';
  const seconds = Math.round((t - now.getTime()) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return 'just now';
  for (const [unit, size] of UNITS) {
    if (abs >= size) return rtf.format(Math.round(seconds / size), unit);
  }
  return rtf.format(Math.round(seconds / 60), 'minute');
}

/** Stages to draw in the stepper: the team's list, the default list, plus the current stage if unknown. */
export function stepperStages(stages: string[], current: string): string[] {
  const base = stages.length > 0 ? stages : DEFAULT_STAGES;
  return current !== '' && !base.includes(current) ? [...base, current] : base;
}

/** One line describing what changed since the rep last looked, or null when nothing did. */
export function changeSummary(account: AccountView, now: Date = new Date()): string | null {
  const seen = account.changedSinceSeen;
  if (!seen) return null;
  const parts: string[] = [];
  if (seen.previousScore !== account.score) parts.push(`score ${seen.previousScore} → ${account.score}`);
  if (seen.previousStage !== account.stage) {
    parts.push(`stage ${seen.previousStage || 'none'} → ${account.stage || 'none'}`);
  }
  if (parts.length === 0) return null;
  return `Changed since you last looked (${relativeTime(seen.seenAt, now)}): ${parts.join(', ')}.`;
}

/** Short description of the score history for screen readers. */
export function trendLabel(points: { score: number }[]): string {
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last || points.length < 2) return 'Not enough score history yet';
  const dir = last.score > first.score ? 'up' : last.score < first.score ? 'down' : 'flat';
  return `Score trend ${dir}: ${first.score} to ${last.score} over ${points.length} readings`;
}

/**
 * A date formatter in the browser's locale, made on first use and kept: `toLocaleString(locale,
 * options)` builds a new Intl.DateTimeFormat on every call (~0.1 ms each in V8, against ~0.003 ms for
 * format() on a kept one), and the panel formats each recent activity on every render. Unparsable
 * input is returned as given.
 */
function keptDateFormat(options: Intl.DateTimeFormatOptions): (iso: string) => string {
  let format: Intl.DateTimeFormat | null = null;
  return (iso) => {
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return iso;
    format ??= new Intl.DateTimeFormat(undefined, options);
    return format.format(d);
  };
}

/** "Dec 6, 2026, 10:31 PM" (medium date, short time, the browser's locale); the input as given when unparsable. */
export const formatDateTime = keptDateFormat({ dateStyle: 'medium', timeStyle: 'short' });

/** "6 Dec" / "Dec 6" (the browser's locale); the input as given when unparsable. */
export const formatDayMonth = keptDateFormat({ day: 'numeric', month: 'short' });
