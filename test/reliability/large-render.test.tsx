// @vitest-environment jsdom
/**
 * An account with 10,000 custom fields in the panel, measured in counts (DOM nodes), not time:
 * either every field is rendered (a freeze risk on a CRM page, reported in the summary) or the
 * panel renders a bounded number with a "Show all (10,000)" affordance. No field is shown twice.
 */
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { AccountPanel } from '@/components/AccountPanel';
import { NOW, found, recordingActions } from '../unit/components/fixtures';
import { writeSummary } from './summary';

afterEach(cleanup);
const TOTAL = 10_000;
/** Above this many rendered rows the panel blocks a CRM page noticeably on a slow laptop. */
const SAFE_ROWS = 200;

describe('10,000 custom fields', () => {
  it('renders each shown field once, literally, and either all of them or a bounded list with "Show all"', () => {
    const customFields = Array.from({ length: TOTAL }, (_, i) => ({ key: `F${i}`, label: `Field ${i}`, value: `<b>value ${i}</b>` }));
    const { container } = render(
      <AccountPanel
        result={found({}, { customFields })}
        context={{ site: 'hubspot', url: 'https://app.hubspot.com/x', recordId: '1', companyName: 'Acme', websites: [], emails: [], contacts: [] }}
        actions={recordingActions()}
        theme="light"
        now={NOW}
      />,
    );
    const rows = [...container.querySelectorAll('[data-section="fields"] dt')].map((dt) => dt.textContent);
    expect(new Set(rows).size).toBe(rows.length);
    expect(rows[0]).toBe('Field 0');
    expect(container.querySelectorAll('[data-section="fields"] b')).toHaveLength(0);
    // the section is folded in the compact panel: mounted, hidden until the rep opens it
    expect(screen.getByRole('button', { name: /Custom fields \(10,000\)/ }).getAttribute('aria-expanded')).toBe('false');
    const showAll = screen.queryByRole('button', { name: /Show all \(10,000\)/, hidden: true });
    if (rows.length < TOTAL) {
      expect(rows.length).toBeLessThanOrEqual(SAFE_ROWS);
      expect(showAll).not.toBeNull();
    } else {
      expect(rows).toHaveLength(TOTAL);
    }
    writeSummary('large-render', {
      customFields: TOTAL, renderedRows: rows.length, domNodes: container.querySelectorAll('*').length,
      showAllAffordance: showAll !== null, freezeRisk: rows.length > SAFE_ROWS,
    });
  });
});
