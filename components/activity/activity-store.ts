/**
 * Per-view UI memory: the contact last used for each account domain, so the next one-click log
 * goes to the same person. Deliberately not persisted (design.md rule 7): after a reload the most
 * recent logged activity for the account (from the background) gives the same answer.
 */
import { create } from 'zustand';
import type { PageContact } from '@/utils/view-models';

/** The contact, and the page it was chosen on (to say "your choice" there, "from your last page" elsewhere). */
export type RememberedContact = PageContact & { chosenOn?: string };

interface LastContactState {
  byDomain: Record<string, RememberedContact>;
  remember(domain: string, contact: PageContact, page?: string): void;
  reset(): void;
}

/** Hook/store of the last contact per domain. */
export const useLastContactStore = create<LastContactState>()((set) => ({
  byDomain: {},
  remember: (domain, contact, page) => set((s) => ({ byDomain: { ...s.byDomain, [domain]: { ...contact, chosenOn: page } } })),
  reset: () => set({ byDomain: {} }),
}));
