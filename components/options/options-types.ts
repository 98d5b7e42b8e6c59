/** Data and callbacks of the options page (the container binds them to settings items and messages). */
import type { SimpleResult, TestConnectionResult } from '@/utils/messaging';
import type { ApiBase, EffectiveSettings, PanelSurface, SyncSettings, Theme } from '@/utils/settings';
import type { StatusView } from '@/utils/view-models';
import type { Shortcut } from '../shortcuts';

export interface OptionsModel {
  settings: EffectiveSettings;
  status: StatusView | null;
  sites: { id: string; label: string }[];
  /** bytes used by the extension's storage (navigator.storage.estimate), when known */
  storageBytes: number | null;
  /** the keyboard shortcuts as assigned (defaults when absent) */
  shortcuts?: Shortcut[];
}

export interface OptionsActions {
  /**
   * Connect: test the key against `base`, and only when Recotap accepts it save the key (and
   * `base`, when `saveBase`). A rejected key saves nothing.
   */
  connect(apiKey: string, base: ApiBase, saveBase: boolean): Promise<TestConnectionResult>;
  /** forget the saved key (sync stops) */
  disconnect(): Promise<SimpleResult>;
  /** resolves to an error sentence, or null once saved (custom URLs ask for host access first) */
  saveApiBase(base: ApiBase): Promise<string | null>;
  saveRepEmail(email: string): Promise<void>;
  saveSync(sync: SyncSettings): Promise<void>;
  syncNow(): Promise<SimpleResult>;
  clearLocalData(): Promise<SimpleResult>;
  saveSitePref(siteId: string, patch: { enabled?: boolean; surface?: PanelSurface }): Promise<void>;
  saveTheme(theme: Theme): Promise<void>;
  /** ask the rep to confirm a destructive action (window.confirm in the page) */
  confirm(message: string): boolean;
  /** GET /segments for "Follow segments" (absent: only the segments already followed are listed) */
  listSegments?(): Promise<{ segments: { id: string; name: string }[] } | { error: string }>;
}

/** Is this a usable https (or local test) base URL? Returns an error sentence or null. */
export function baseUrlProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return 'Enter a full URL, for example https://eapi.example.com/api/v1';
  }
  const local = url.hostname === '127.0.0.1' || url.hostname === 'localhost';
  if (url.protocol !== 'https:' && !(local && url.protocol === 'http:')) return 'The API URL must start with https://';
  return null;
}

/** Simple e-mail check: Recotap needs the rep's address as the activity owner. */
export function emailProblem(raw: string): string | null {
  const v = raw.trim();
  if (v === '') return 'Your work e-mail is required to log calls and e-mails to Recotap.';
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v) ? null : 'Enter a valid e-mail address, like jane@yourcompany.com.';
}
