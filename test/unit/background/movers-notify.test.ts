import { describe, expect, it } from 'vitest';
import type { MoveRecord } from '../../../utils/accounts/movers';
import { createMoversNotifier, inQuietHours, MOVERS_NOTIFICATION_ID, summarizeForNotification } from '../../../utils/background/movers-notify';
import type { MoversSettings } from '../../../utils/settings';

const move = (rtpAid: string, name: string, before: [number, string], after: [number, string]): MoveRecord => ({
  rtpAid, name, at: '2026-11-27T09:00:00.000Z', domain: `${rtpAid}.com`,
  scoreBefore: before[0], stageBefore: before[1], scoreAfter: after[0], stageAfter: after[1], intentJumps: [],
});
const acmeHot = move('a', 'Acme Robotics', [60, 'Aware'], [87, 'Aware']);
const globexStage = move('g', 'Globex', [50, 'Consideration'], [52, 'Opportunity']);
const minor = move('m', 'Minor Co', [20, 'Aware'], [25, 'Aware']);

describe('movers notification summary', () => {
  it('names accounts that turned Hot or moved stage, Hot first, "+N more" past two', () => {
    expect(summarizeForNotification([globexStage, acmeHot, minor])).toEqual({
      title: '2 watched accounts moved',
      message: 'Acme Robotics → Hot (87), Globex → Opportunity',
      accounts: ['a', 'g'],
    });
    const more = [acmeHot, globexStage, move('x', 'Initech', [10, 'Aware'], [10, 'Consideration']), move('y', 'Hooli', [1, ''], [90, 'Aware'])];
    expect(summarizeForNotification(more)?.message).toBe('Acme Robotics → Hot (87), Hooli → Hot (90), Aware, +2 more');
    expect(summarizeForNotification([minor])).toBeNull();
    // already Hot and staying Hot is no news
    expect(summarizeForNotification([move('h', 'Hot Co', [80, 'Aware'], [95, 'Aware'])])).toBeNull();
  });

  it('quiet hours wrap past midnight; from === to means none', () => {
    const at = (h: number) => new Date(2026, 10, 27, h, 30);
    expect(inQuietHours(at(23), 22, 7)).toBe(true);
    expect(inQuietHours(at(6), 22, 7)).toBe(true);
    expect(inQuietHours(at(7), 22, 7)).toBe(false);
    expect(inQuietHours(at(13), 12, 14)).toBe(true);
    expect(inQuietHours(at(3), 0, 0)).toBe(false);
  });
});

describe('movers notifier', () => {
  const settings = (over: Partial<MoversSettings> = {}): MoversSettings => ({ badge: true, notifications: true, quietFromHour: 0, quietToHour: 0, ...over });
  function setup(s: MoversSettings, granted = true, hour = 12) {
    const created: { id: string; message: string }[] = [];
    const notify = createMoversNotifier({
      notifications: () => (granted ? { create: async (id, o) => void created.push({ id, message: o.message }) } : undefined),
      getSettings: async () => s,
      iconUrl: 'icon/128.png',
      now: () => new Date(2026, 10, 27, hour),
    });
    return { created, notify };
  }

  it('creates one notification (a fixed id) per call when on', async () => {
    const { created, notify } = setup(settings());
    await notify([acmeHot, globexStage]);
    expect(created).toEqual([{ id: MOVERS_NOTIFICATION_ID, message: 'Acme Robotics → Hot (87), Globex → Opportunity' }]);
  });

  it('creates none when off (the default), without the permission, in quiet hours, or with nothing notable', async () => {
    for (const { created, notify } of [
      setup(settings({ notifications: false })),
      setup(settings(), false),
      setup(settings({ quietFromHour: 9, quietToHour: 17 }), true, 12),
    ]) {
      expect(await notify([acmeHot])).toBeNull();
      expect(created).toEqual([]);
    }
    const { created, notify } = setup(settings());
    await notify([minor]);
    expect(created).toEqual([]);
  });
});
