/** Builders for view models used by the component tests (valid by construction via the zod schemas). */
import { vi } from 'vitest';
import { AccountViewSchema, LookupResultSchema, type AccountView, type LookupResult } from '@/utils/view-models';
import type { PanelActions } from '@/components/panel-actions';

export const NOW = new Date('2026-11-27T12:00:00Z');

export function account(over: Partial<AccountView> = {}): AccountView {
  return AccountViewSchema.parse({
    rtpAid: 'rtp_acme',
    name: 'Acme Corp',
    domain: 'acme.com',
    score: 72,
    band: 'hot',
    stage: 'Consideration',
    intent: { linkedin: 38, website: 21, g2: 5, bombora: 0 },
    segments: [{ id: 'seg1', name: 'EMEA Fintech Targets' }],
    customFields: [{ key: 'tier', label: 'Tier', value: 'Enterprise' }],
    updatedAt: '2026-11-27T09:00:00Z',
    fetchedAt: '2026-11-27T11:55:00Z',
    history: [
      { at: '2026-11-20T00:00:00Z', score: 40, stage: 'Aware' },
      { at: '2026-11-27T00:00:00Z', score: 72, stage: 'Consideration' },
    ],
    changedSinceSeen: { seenAt: '2026-11-25T12:00:00Z', previousScore: 40, previousStage: 'Aware' },
    ...over,
  });
}

export function found(over: Partial<Extract<LookupResult, { state: 'found' }>> = {}, acc: Partial<AccountView> = {}): LookupResult {
  return LookupResultSchema.parse({
    state: 'found',
    account: account(acc),
    matchedBy: 'website',
    stale: false,
    refreshError: null,
    stages: ['Unaware', 'Aware', 'Consideration', 'Opportunity', 'Customer'],
    ...over,
  });
}

/** Recording implementation of the panel's actions (the panel's real collaborator is a callback). */
export function recordingActions(over: Partial<PanelActions> = {}) {
  const actions: PanelActions = {
    retry: vi.fn(),
    openOptions: vi.fn(),
    addAccount: vi.fn(async () => null),
    listSegments: vi.fn(async () => ({ segments: [{ id: 'seg1', name: 'EMEA Fintech Targets', status: 'active' }] })),
    search: vi.fn(async (q: string) =>
      [
        { rtpAid: 'rtp_acme2', name: 'Acme Holdings', domain: 'acme-holdings.com', score: 55, band: 'warm' as const, stage: 'Aware' },
        { rtpAid: 'rtp_other', name: 'Other Inc', domain: 'other.io', score: 10, band: 'cold' as const, stage: 'Unaware' },
      ].filter((a) => a.name.toLowerCase().includes(q.toLowerCase())),
    ),
    pin: vi.fn(async () => null),
    unpin: vi.fn(async () => null),
    ...over,
  };
  return actions;
}

export const HOSTILE = '<img src=x onerror=alert(1)>';
