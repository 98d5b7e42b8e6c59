import { describe, expect, it, vi } from 'vitest';
import { formatDateTime, formatDayMonth } from '../../../components/format';

describe('dates in the panel (components/format.ts)', () => {
  const iso = '2026-12-06T22:31:00.000Z';

  it("formats in the browser's locale exactly as toLocaleString with the same options", () => {
    const d = new Date(iso);
    expect(formatDateTime(iso)).toBe(d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }));
    expect(formatDayMonth(iso)).toBe(d.toLocaleDateString(undefined, { day: 'numeric', month: 'short' }));
    expect(formatDateTime('2027-01-31T08:05:00.000Z')).toBe(new Date('2027-01-31T08:05:00.000Z').toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }));
  });

  it('shows an unparsable date as given (API or page text is never turned into "Invalid Date")', () => {
    expect(formatDateTime('not a date')).toBe('not a date');
    expect(formatDayMonth('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>');
  });

  it('builds each formatter once, however many dates it formats', async () => {
    const Real = Intl.DateTimeFormat;
    let made = 0;
    class Counting extends Real {
      constructor(...args: ConstructorParameters<typeof Real>) {
        super(...args);
        made++;
      }
    }
    vi.resetModules();
    Intl.DateTimeFormat = Counting as typeof Real;
    try {
      const fresh = await import('../../../components/format');
      for (let i = 0; i < 20; i++) {
        expect(fresh.formatDateTime(iso)).toBe(formatDateTime(iso));
        expect(fresh.formatDayMonth(iso)).toBe(formatDayMonth(iso));
      }
    } finally {
      Intl.DateTimeFormat = Real;
    }
    expect(made).toBe(2);
  });
});
