import type { ReactNode } from 'react';
import type { AccountView, ActivityView, MatchReason, PageContext } from '@/utils/view-models';
import { ActivitySection } from './activity/ActivitySection';

/** AccountPanel's renderActivity slot (titled "Log activity" by AccountDetails) for the shown account. */
export function activitySlot(refreshToken: unknown) {
  return (account: AccountView, context: PageContext | null, recent?: ActivityView[], matchedBy?: MatchReason): ReactNode => (
    <ActivitySection
      account={account}
      pageContacts={context?.contacts ?? []}
      refreshToken={refreshToken}
      initialItems={recent}
      pinned={matchedBy === 'pinned'}
      pageUrl={context?.url}
    />
  );
}
