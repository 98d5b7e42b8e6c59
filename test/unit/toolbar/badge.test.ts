import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  applyBadge,
  BAND_COLORS,
  BADGE_TEXT_COLOR,
  renderBadge,
  stageAdvanced,
  type BadgeActionLike,
} from '../../../utils/toolbar/badge';
import type { LookupResult } from '../../../utils/view-models';
import { found } from './fixtures';

/** WCAG relative-luminance contrast ratio of two #RRGGBB colours. */
function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe('renderBadge', () => {
  it('clears the badge for every state without a scored account, saying why in the tooltip', () => {
    const cases: [LookupResult | null, RegExp][] = [
      [null, /^Recotap Lens$/],
      [{ state: 'not-configured' }, /not connected yet/],
      [{ state: 'no-signal' }, /^Recotap Lens$/],
      [{ state: 'site-disabled' }, /^Recotap Lens$/],
      [{ state: 'not-found', domain: 'newco.io', companyName: null }, /newco\.io is not in Recotap/],
      [{ state: 'not-found', domain: null, companyName: 'NewCo' }, /NewCo is not in Recotap/],
      [{ state: 'error', error: { kind: 'network', message: 'You appear to be offline.', retryable: true } }, /lookup failed\. You appear to be offline/],
    ];
    for (const [result, title] of cases) {
      const view = renderBadge(result);
      expect(view.text, JSON.stringify(result)).toBe('');
      expect(view.title).toMatch(title);
    }
  });

  it('shows the rounded score with the colour of its band', () => {
    expect(renderBadge(found({ score: 86.6 }))).toMatchObject({ text: '87', color: BAND_COLORS.hot });
    expect(renderBadge(found({ score: 55 }))).toMatchObject({ text: '55', color: BAND_COLORS.warm });
    expect(renderBadge(found({ score: 12 }))).toMatchObject({ text: '12', color: BAND_COLORS.cold });
    expect(renderBadge(found({ score: 100 })).text).toBe('100');
    const title = renderBadge(found({ score: 55 })).title;
    expect(title).toContain('Acme Robotics (acmerobotics.com)');
    expect(title).toContain('score 55, warm');
    expect(title).toContain('stage Engaged');
  });

  it('shows a dash, not a cold score, for an account Recotap has not scored yet', () => {
    const view = renderBadge(found({ score: 0, stage: '' }));
    expect(view).toMatchObject({ text: '—', color: BAND_COLORS.unscored });
    expect(view.title).toContain('not scored yet');
    // a real 0 score with a stage is cold, not unscored
    expect(renderBadge(found({ score: 0, stage: 'Aware' }))).toMatchObject({ text: '0', color: BAND_COLORS.cold });
  });

  it('mentions a stale cached copy in the tooltip only', () => {
    const view = renderBadge(found({ stale: true }));
    expect(view.text).toBe('87');
    expect(view.title).toContain('cached copy');
  });

  it('every band colour has WCAG AA contrast (4.5:1) with the white badge text', () => {
    for (const [band, color] of Object.entries(BAND_COLORS)) {
      expect(contrast(color, BADGE_TEXT_COLOR), band).toBeGreaterThanOrEqual(4.5);
    }
  });
});

describe('stage-advanced mark', () => {
  it('adds ↑ when the stage moved later in the funnel since the rep last looked', () => {
    const view = renderBadge(found({ score: 87, stage: 'Opportunity', previousStage: 'Aware' }));
    expect(view.text).toBe('87↑');
    expect(view.title).toContain('stage moved up from Aware since you last looked');
  });

  it('counts a first stage after none as advancing, and stays within 4 characters at 100', () => {
    expect(renderBadge(found({ score: 100, stage: 'Aware', previousStage: '' })).text).toBe('100↑');
    expect(renderBadge(found({ score: 0, stage: '', previousStage: 'Aware' })).text).toBe('—');
  });

  it('does not mark a stage that moved back, stayed, or is unknown to the stage list', () => {
    expect(renderBadge(found({ stage: 'Aware', previousStage: 'Engaged' })).text).toBe('87');
    expect(renderBadge(found({ stage: 'Engaged', previousStage: 'Engaged' })).text).toBe('87');
    expect(renderBadge(found({ stage: 'Engaged', previousStage: 'Renamed stage' })).text).toBe('87');
    expect(renderBadge(found({ stage: 'Brand new', previousStage: 'Aware' })).text).toBe('87');
    expect(renderBadge(found({ stage: 'Engaged' })).text).toBe('87');
    const r = found({ stage: 'Customer', previousStage: 'Unaware' });
    expect(r.state === 'found' && stageAdvanced(r)).toBe(true);
  });

  it('never exceeds the 4-character badge limit', () => {
    for (const score of [0, 5, 42, 99, 100, 250, 1e6]) {
      for (const previousStage of [null, '', 'Unaware']) {
        expect(renderBadge(found({ score, stage: 'Customer', previousStage })).text.length).toBeLessThanOrEqual(4);
      }
    }
  });
});

describe('applyBadge', () => {
  beforeEach(() => fakeBrowser.reset());

  it('sets text, colour and title for that tab only (fake action API)', async () => {
    await applyBadge(fakeBrowser, 7, found({ score: 55, stage: 'Opportunity', previousStage: 'Aware' }));
    expect(await fakeBrowser.action.getBadgeText({ tabId: 7 })).toBe('55↑');
    expect(await fakeBrowser.action.getBadgeBackgroundColor({ tabId: 7 })).toEqual([0xb5, 0x47, 0x08, 255]);
    expect(await fakeBrowser.action.getTitle({ tabId: 7 })).toContain('Acme Robotics');
    expect(await fakeBrowser.action.getBadgeText({ tabId: 8 })).toBe('');

    await applyBadge(fakeBrowser, 7, { state: 'no-signal' });
    expect(await fakeBrowser.action.getBadgeText({ tabId: 7 })).toBe('');
  });

  it('never paints the global badge when the tab id is missing or TAB_ID_NONE', async () => {
    await applyBadge(fakeBrowser, undefined as unknown as number, found());
    await applyBadge(fakeBrowser, -1, found());
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
  });

  it('falls back to browserAction (Firefox MV2) and tolerates a closed tab', async () => {
    // fake-browser 1.5.2 leaves browserAction unimplemented: a recording stub of the four setters
    const mv2: string[] = [];
    const browserAction: BadgeActionLike = {
      setBadgeText: async (d) => void mv2.push(`${d.tabId} text ${d.text}`),
      setBadgeBackgroundColor: async (d) => void mv2.push(`${d.tabId} color ${d.color}`),
      setTitle: async (d) => void mv2.push(`${d.tabId} title`),
    };
    await applyBadge({ browserAction }, 3, found({ score: 12 }));
    expect(mv2).toEqual(['3 text 12', `3 color ${BAND_COLORS.cold}`, '3 title']);
    // action wins when both are present
    await applyBadge({ action: fakeBrowser.action, browserAction }, 4, found({ score: 12 }));
    expect(mv2).toHaveLength(3);
    expect(await fakeBrowser.action.getBadgeText({ tabId: 4 })).toBe('12');

    const calls: string[] = [];
    const closed: BadgeActionLike = {
      setBadgeText: async () => Promise.reject(new Error('No tab with id: 9')),
      setBadgeBackgroundColor: () => {
        throw new Error('No tab with id: 9');
      },
      setBadgeTextColor: async (d) => void calls.push(`text-color ${d.color}`),
      setTitle: async (d) => void calls.push(`title ${d.title}`),
    };
    await expect(applyBadge({ action: closed }, 9, found())).resolves.toMatchObject({ text: '87' });
    expect(calls).toEqual([`text-color ${BADGE_TEXT_COLOR}`, expect.stringMatching(/^title Recotap Lens: Acme/)]);
    await expect(applyBadge({}, 9, found())).resolves.toMatchObject({ text: '87' });
  });
});
