/**
 * Which panel iframe may speak for a tab (the framed in-page panel, components/panel-frame/).
 * crm.js registers the random secret it puts in the iframe's URL (registerPanelFrame) before it
 * adds the iframe; the sender check (sender.ts) then accepts a panel-frame.html sender only with
 * that secret, as the tab's content script. One entry per tab: a new panel replaces the last.
 * Kept in storage.session (per-tab keys), since MV3 may stop the worker between the registration
 * and the frame's lookups.
 */
import { z } from 'zod';
import type { SessionAreaLike } from '../toolbar/tab-state';
import type { PanelFrameEntry } from './sender';

const EntrySchema = z.object({ secret: z.string().regex(/^[0-9a-f]{32}$/), url: z.string().max(4096), siteId: z.string().min(1).max(64) });
const keyOf = (tabId: number) => `lens.panelFrame.${tabId}`;

export function createPanelFrames(session: SessionAreaLike | null) {
  const entries = new Map<number, PanelFrameEntry | null>();
  return {
    async register(tabId: number, entry: PanelFrameEntry): Promise<void> {
      entries.set(tabId, entry);
      await session?.set({ [keyOf(tabId)]: entry }).catch(() => undefined);
    },
    async get(tabId: number): Promise<PanelFrameEntry | null> {
      if (entries.has(tabId)) return entries.get(tabId) ?? null;
      const stored = session ? ((await session.get(keyOf(tabId)).catch(() => ({}))) as Record<string, unknown>)[keyOf(tabId)] : undefined;
      const parsed = EntrySchema.safeParse(stored);
      const entry = parsed.success ? parsed.data : null;
      entries.set(tabId, entry);
      return entry;
    },
    /** the tab closed */
    async forget(tabId: number): Promise<void> {
      entries.delete(tabId);
      await session?.remove(keyOf(tabId)).catch(() => undefined);
    },
  };
}

export type PanelFrames = ReturnType<typeof createPanelFrames>;
