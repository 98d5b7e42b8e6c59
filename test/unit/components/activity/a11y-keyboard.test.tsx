// @vitest-environment jsdom
// axe-core in jsdom: no layout or computed colours, so 'color-contrast' is disabled here (contrast is
// checked in a real browser by the e2e suite).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { ActivitySection } from '@/components/activity/ActivitySection';
import { useLastContactStore } from '@/components/activity/activity-store';
import { LensRoot, type ThemeMode } from '@/components/LensRoot';
import { ACCOUNT, DANA, LEE, fakeSend, view } from './fake-send';

beforeEach(() => useLastContactStore.getState().reset());
afterEach(cleanup);

async function seriousViolations(container: HTMLElement) {
  const res = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
  return res.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
}

const ITEMS = [
  view({ id: 'ok', state: 'sent' }),
  view({ id: 'bad', state: 'failed', reason: 'contacts.0.email must be an email' }),
  view({ id: 'skip', state: 'skipped', reason: 'unsupported type' }),
];

function mount(theme: ThemeMode, repEmail: string | null = 'rep@seller.io') {
  const fake = fakeSend({ repEmail, items: ITEMS });
  const utils = render(
    <LensRoot theme={theme}>
      <main>
        <ActivitySection account={ACCOUNT} pageContacts={[DANA, LEE]} send={fake.send} />
      </main>
    </LensRoot>,
  );
  return { ...utils, fake };
}

describe.each(['light', 'dark'] as ThemeMode[])('axe, %s theme', (theme) => {
  it('quick log, toast and list have no serious or critical violations', async () => {
    const user = userEvent.setup();
    const { container } = mount(theme);
    await user.click(await screen.findByRole('button', { name: 'Call: connected' }));
    await screen.findByRole('button', { name: 'Undo' });
    expect(await seriousViolations(container)).toEqual([]);
  });

  it('the form with field errors has no serious or critical violations', async () => {
    const user = userEvent.setup();
    const { container } = mount(theme);
    await user.click(await screen.findByRole('button', { name: 'Log with details…' }));
    await user.clear(screen.getByLabelText('When'));
    await user.click(screen.getByRole('button', { name: 'Add contact' }));
    await user.click(screen.getByRole('button', { name: 'Log activity' }));
    expect(screen.getAllByText(/: required\.|enter a valid date/).length).toBe(2);
    expect(await seriousViolations(container)).toEqual([]);
  });

  it('the rep-email prompt has no serious or critical violations', async () => {
    const user = userEvent.setup();
    const { container } = mount(theme, null);
    await user.click(await screen.findByRole('button', { name: 'Save e-mail' }));
    expect(await seriousViolations(container)).toEqual([]);
  });
});

/** Every control a keyboard user should reach, in document order. */
function controls(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>('button, input, select, textarea, a[href]')].filter(
    (el) => !(el as HTMLButtonElement).disabled && el.tabIndex >= 0,
  );
}

async function tabThroughAll(user: ReturnType<typeof userEvent.setup>, root: HTMLElement) {
  const expected = controls(root);
  expect(expected.length).toBeGreaterThan(3);
  (document.activeElement as HTMLElement | null)?.blur();
  const reached: HTMLElement[] = [];
  for (let i = 0; i < expected.length; i++) {
    await user.tab();
    reached.push(document.activeElement as HTMLElement);
  }
  expect(reached).toEqual(expected);
}

describe('keyboard', () => {
  it('Tab reaches every control of the quick log and list; Enter activates', async () => {
    const user = userEvent.setup();
    const { container, fake } = mount('light');
    await screen.findByRole('list', { name: 'Recent activities' });
    await tabThroughAll(user, container);
    screen.getByRole('button', { name: 'Call: connected' }).focus();
    await user.keyboard('{Enter}');
    expect(fake.of('logActivity')).toHaveLength(1);
    // Undo is reachable and works from the keyboard too
    const undo = await screen.findByRole('button', { name: 'Undo' });
    expect(controls(container)).toContain(undo);
    undo.focus();
    await user.keyboard('{Enter}');
    expect(fake.of('undoActivity')).toEqual([{ id: 'act-1' }]);
  });

  it('Tab reaches every form control; Enter submits the form', async () => {
    const user = userEvent.setup();
    const { container, fake } = mount('light');
    await screen.findByRole('list', { name: 'Recent activities' });
    screen.getByRole('button', { name: 'Log with details…' }).focus();
    await user.keyboard('{Enter}');
    const form = screen.getByRole('form', { name: 'Log an activity' });
    expect(form.contains(document.activeElement)).toBe(true); // focus moved into the form
    await tabThroughAll(user, container);
    screen.getByLabelText('Call title').focus();
    await user.keyboard('Demo call{Enter}');
    expect(fake.of('logActivity')[0]).toMatchObject({ callTitle: 'Demo call', contacts: [DANA] }); // the page's contact
  });
});
