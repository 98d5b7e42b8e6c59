// @vitest-environment jsdom
// Options → Follow segments (stored with the settings) and the Movers view's Top movers (segment picker, 7/30 days).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { FollowSegments } from '@/components/movers/FollowSegments';
import { TopMovers, type TopMoversBackend } from '@/components/movers/TopMovers';
import { followedSegmentsItem, readSetting } from '@/utils/settings';
import type { TopMoverView, TopMoversView } from '@/utils/messaging';

afterEach(cleanup);
beforeEach(() => fakeBrowser.reset());

async function violations(container: HTMLElement) {
  const res = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
  return res.violations.map((v) => `${v.id}: ${v.help}`);
}

const EMEA = { id: 'seg-emea', name: 'EMEA Fintech Targets' };
const Q4 = { id: 'seg-q4', name: 'Q4 Expansion' };

describe('Follow segments', () => {
  it('lists GET /segments as checkboxes and stores the followed ones with the settings', async () => {
    const user = userEvent.setup();
    const { container } = render(<FollowSegments listSegments={async () => ({ segments: [EMEA, Q4] })} />);
    const emea = await screen.findByRole('checkbox', { name: EMEA.name });
    expect(screen.getByRole('group', { name: 'Follow segments' })).toBeTruthy();
    await user.click(emea);
    await waitFor(async () => expect(await readSetting(followedSegmentsItem)).toEqual([EMEA]));
    await user.click(screen.getByRole('checkbox', { name: Q4.name }));
    await waitFor(async () => expect(await readSetting(followedSegmentsItem)).toEqual([EMEA, Q4]));
    await user.click(emea);
    await waitFor(async () => expect(await readSetting(followedSegmentsItem)).toEqual([Q4]));
    await waitFor(() => expect((screen.getByRole('checkbox', { name: EMEA.name }) as HTMLInputElement).checked).toBe(false));
    expect(await violations(container)).toEqual([]);
  });

  it('keeps a followed segment listed (to unfollow it) when the segments cannot be loaded', async () => {
    await followedSegmentsItem.setValue([Q4]);
    render(<FollowSegments listSegments={async () => ({ error: "You're offline." })} />);
    expect(await screen.findByText("Segments could not be loaded: You're offline.")).toBeTruthy();
    expect(((await screen.findByRole('checkbox', { name: Q4.name })) as HTMLInputElement).checked).toBe(true);
  });
});

const mover = (rtpAid: string, name: string, before: number, after: number): TopMoverView => ({
  rtpAid,
  name,
  domain: `${name.toLowerCase().replace(/\W+/g, '')}.com`,
  scoreBefore: before,
  scoreAfter: after,
  delta: after - before,
  bandBefore: before >= 70 ? 'hot' : before >= 40 ? 'warm' : 'cold',
  bandAfter: after >= 70 ? 'hot' : after >= 40 ? 'warm' : 'cold',
  stageBefore: 'Aware',
  stageAfter: 'Aware',
  at: '2026-11-26T00:00:00.000Z',
});

function fakeBackend(segments: { id: string; name: string }[]) {
  const data: Record<string, TopMoverView[]> = {
    'seg-emea/7': [mover('a1', 'Acme', 40, 80), mover('a2', 'Globex', 50, 60)],
    'seg-emea/30': [mover('a3', 'Initech', 10, 90), mover('a1', 'Acme', 30, 80)],
    'seg-q4/7': [],
  };
  const topMovers = vi.fn(async (segmentId: string, days: 7 | 30): Promise<TopMoversView> => {
    const movers = data[`${segmentId}/${days}`] ?? [];
    return { ok: true, segmentId, days, movers, moved: movers.length };
  });
  const backend: TopMoversBackend = { followedSegments: async () => segments, topMovers };
  return { backend, topMovers };
}

const rows = (list: HTMLElement) => within(list).getAllByRole('listitem').map((li) => li.textContent);

describe('Top movers', () => {
  it('shows nothing when no segment is followed', async () => {
    const { backend, topMovers } = fakeBackend([]);
    const { container } = render(<TopMovers backend={backend} onOpen={() => {}} />);
    await new Promise((r) => setTimeout(r, 20));
    expect(container.textContent).toBe('');
    expect(topMovers).not.toHaveBeenCalled();
  });

  it('picks a segment and 7 or 30 days; rows are largest rise first and open on click', async () => {
    const user = userEvent.setup();
    const { backend, topMovers } = fakeBackend([EMEA, Q4]);
    const onOpen = vi.fn();
    const { container } = render(<TopMovers backend={backend} onOpen={onOpen} />);
    const week = await screen.findByRole('list', { name: 'Top movers in EMEA Fintech Targets, last 7 days' });
    expect(rows(week)).toEqual([expect.stringMatching(/^Acme\+40.*40 · Warm.*80 · Hot/), expect.stringMatching(/^Globex\+10/)]);
    expect(screen.getByRole('button', { name: '7 days' }).getAttribute('aria-pressed')).toBe('true');
    expect(await violations(container)).toEqual([]);

    await user.click(screen.getByRole('button', { name: '30 days' }));
    const month = await screen.findByRole('list', { name: 'Top movers in EMEA Fintech Targets, last 30 days' });
    expect(rows(month)).toEqual([expect.stringMatching(/^Initech\+80/), expect.stringMatching(/^Acme\+50/)]);
    expect(topMovers).toHaveBeenLastCalledWith('seg-emea', 30);

    await user.click(within(month).getByRole('button', { name: /^Initech/ }));
    expect(onOpen).toHaveBeenCalledWith(expect.objectContaining({ rtpAid: 'a3', domain: 'initech.com' }));

    await user.selectOptions(screen.getByRole('combobox', { name: 'Segment' }), Q4.id);
    expect(await screen.findByText('No score changes in Q4 Expansion over the last 30 days.')).toBeTruthy();
    expect(topMovers).toHaveBeenLastCalledWith('seg-q4', 30);
  });
});

describe('Movers list size', () => {
  it('asks for the first 50 rows, then all of them on "Show all"', async () => {
    const { MoversPane } = await import('@/components/movers/MoversPane');
    const user = userEvent.setup();
    const row = (i: number) => ({
      rtpAid: `m${i}`, name: `Mover ${i}`, domain: `m${i}.com`, scoreBefore: 10, scoreAfter: 80, bandBefore: 'cold' as const, bandAfter: 'hot' as const,
      stageBefore: 'Aware', stageAfter: 'Aware', topIntent: null, at: '2026-11-26T00:00:00.000Z', unseen: true, lastUrl: null,
    });
    const all = Array.from({ length: 60 }, (_, i) => row(i));
    const listMovers = vi.fn(async (limit?: number) => ({ movers: limit === undefined ? all : all.slice(0, limit), total: all.length, unseen: 60, visitedAt: null }));
    render(<MoversPane backend={{ listMovers, markVisited: async () => ({ ok: true }), unwatch: async () => ({ ok: true }) }} onOpen={() => {}} onOpenUrl={() => {}} />);
    const list = await screen.findByRole('list', { name: 'Accounts that changed' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(50);
    expect(listMovers).toHaveBeenCalledWith(50);
    await user.click(screen.getByRole('button', { name: 'Show all 60 accounts' }));
    await waitFor(() => expect(within(screen.getByRole('list', { name: 'Accounts that changed' })).getAllByRole('listitem')).toHaveLength(60));
    expect(screen.queryByRole('button', { name: /Show all/ })).toBeNull();
  });
});
