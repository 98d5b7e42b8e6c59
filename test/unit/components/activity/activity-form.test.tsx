// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ActivitySection } from '@/components/activity/ActivitySection';
import { useLastContactStore } from '@/components/activity/activity-store';
import { isoToLocalInput } from '@/components/activity/drafts';
import type { ActivityDraft } from '@/utils/view-models';
import { ACCOUNT, DANA, LEE, fakeSend, view } from './fake-send';

beforeEach(() => useLastContactStore.getState().reset());
afterEach(cleanup);

async function openForm(pageContacts = [DANA], items = [view({ draft: { contacts: [DANA] } })]) {
  const user = userEvent.setup();
  const fake = fakeSend({ items });
  render(<ActivitySection account={ACCOUNT} pageContacts={pageContacts} send={fake.send} />);
  await (items.length ? screen.findByRole('list', { name: 'Recent activities' }) : screen.findByText('No activities logged for this account yet.'));
  await user.click(screen.getByRole('button', { name: 'Log with details…' }));
  const form = screen.getByRole('form', { name: 'Log an activity' });
  return { user, fake, form: within(form) };
}

/** The error message an invalid field points at through aria-describedby. */
function describedError(el: HTMLElement): string {
  expect(el.getAttribute('aria-invalid')).toBe('true');
  const id = el.getAttribute('aria-describedby') ?? '';
  return document.getElementById(id)?.textContent ?? '';
}

describe('ActivityForm', () => {
  it('rejects a missing contact email and a bad date with messages that name the field', async () => {
    const { user, fake, form } = await openForm([], []);
    await user.clear(form.getByLabelText('When'));
    await user.click(form.getByRole('button', { name: 'Log activity' }));
    expect(fake.of('logActivity')).toHaveLength(0);
    const email = form.getByLabelText('Contact 1 email');
    expect(describedError(email)).toBe('Contact 1 email: required.');
    expect(describedError(form.getByLabelText('When'))).toBe('When: enter a valid date and time.');
    expect(document.activeElement).toBe(form.getByLabelText('When')); // first invalid field
    await user.type(email, 'not-an-address');
    await user.click(form.getByRole('button', { name: 'Log activity' }));
    expect(describedError(email)).toBe('Contact 1 email: enter a valid e-mail address.');
    expect(fake.of('logActivity')).toHaveLength(0);
  });

  it('names the contacts list when every contact row was removed', async () => {
    const { user, fake, form } = await openForm();
    await user.click(form.getByRole('button', { name: 'Remove contact 1' }));
    await user.click(form.getByRole('button', { name: 'Log activity' }));
    expect(form.getByText('Contacts: add at least one contact with an email.')).toBeTruthy();
    expect(fake.of('logActivity')).toHaveLength(0);
  });

  it('sends a valid email draft with open and click counts and no call-only fields', async () => {
    const { user, fake, form } = await openForm();
    await user.selectOptions(form.getByLabelText('Type'), 'email');
    expect(form.queryByLabelText('Call title')).toBeNull();
    await user.type(form.getByLabelText('Subject'), 'Pricing follow-up');
    await user.type(form.getByLabelText('Opens'), '3');
    await user.type(form.getByLabelText('Clicks'), '1');
    const when = form.getByLabelText('When') as HTMLInputElement;
    await user.clear(when);
    await user.type(when, '2026-11-26T14:30');
    await user.click(form.getByRole('button', { name: 'Log activity' }));
    const [draft] = fake.of('logActivity') as ActivityDraft[];
    expect(draft).toMatchObject({ activityType: 'email', subject: 'Pricing follow-up', openCount: 3, clickCount: 1, contacts: [DANA] });
    for (const k of ['callTitle', 'outcome', 'direction', 'durationMinutes']) expect(draft).not.toHaveProperty(k);
    expect(draft?.occurredAt).toMatch(/^2026-11-26T14:30:00[+-]\d{2}:\d{2}$/);
    expect(isoToLocalInput(draft?.occurredAt ?? '')).toBe('2026-11-26T14:30');
    expect(screen.queryByRole('form')).toBeNull(); // closed after logging
  });

  it('sends call fields only for calls', async () => {
    const { user, fake, form } = await openForm();
    await user.type(form.getByLabelText('Call title'), 'Discovery call');
    await user.type(form.getByLabelText('Outcome'), 'Connected');
    await user.selectOptions(form.getByLabelText('Direction'), 'inbound');
    await user.type(form.getByLabelText('Duration (minutes)'), '25');
    await user.click(form.getByRole('button', { name: 'Log activity' }));
    const [draft] = fake.of('logActivity') as ActivityDraft[];
    expect(draft).toMatchObject({ activityType: 'call', callTitle: 'Discovery call', outcome: 'Connected', direction: 'inbound', durationMinutes: 25 });
    for (const k of ['subject', 'openCount', 'clickCount']) expect(draft).not.toHaveProperty(k);
  });

  it('suggests page contacts and recent contacts, fills the name, and handles extra rows', async () => {
    // the page shows no one: the form starts with Lee (last logged); Dana comes from another recent activity
    const { user, fake, form } = await openForm([], [view(), view({ id: 'act-dana', draft: { contacts: [DANA] } })]);
    const options = [...document.querySelectorAll('datalist option')].map((o) => o.getAttribute('value'));
    expect(options).toEqual(expect.arrayContaining([DANA.email, LEE.email]));
    await user.click(form.getByRole('button', { name: 'Add contact' }));
    const second = form.getByLabelText('Contact 2 email');
    expect(second.getAttribute('list')).toBeTruthy();
    await user.type(second, DANA.email);
    expect((form.getByLabelText('Contact 2 name (optional)') as HTMLInputElement).value).toBe(DANA.name);
    expect((form.getByLabelText('Contact 2 title (optional)') as HTMLInputElement).value).toBe(DANA.title);
    await user.click(form.getByRole('button', { name: 'Log activity' }));
    const [draft] = fake.of('logActivity') as ActivityDraft[];
    expect(draft?.contacts).toEqual([LEE, DANA]); // Lee was last logged; Dana picked from the suggestions
  });

  it('Escape and Cancel close the form without sending', async () => {
    const { user, fake } = await openForm();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('form')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Log with details…' }));
    expect(fake.of('logActivity')).toHaveLength(0);
  });
});
