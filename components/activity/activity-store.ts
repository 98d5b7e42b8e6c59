/**
 * Per-view UI memory: the contact last used for each account domain, so the next one-click log
 * goes to the same person. Deliberately not persisted (design.md rule 7): after a reload the most
 * recent logged activity for the account (from the background) gives the same answer.
 */
import { create } from 'zustand';
import type { PageContact } from '@/utils/view-models';

interface LastContactState {
  byDomain: Record<string, PageContact>;
  remember(domain: string, contact: PageContact): void;
  reset(): void;
}

/** Hook/store of the last contact per domain. */
export const useLastContactStore = create<LastContactState>()((set) => ({
  byDomain: {},
  remember: (domain, contact) => set((s) => ({ byDomain: { ...s.byDomain, [domain]: contact } })),
  reset: () => set({ byDomain: {} }),
}));
