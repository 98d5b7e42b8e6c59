// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ActivitySection } from '@/components/activity/ActivitySection';
import { useLastContactStore } from '@/components/activity/activity-store';
import { ActivityDraftSchema, type ActivityDraft } from '@/utils/view-models';
import type { ActivitySend } from '@/components/activity/send';
import { ACCOUNT, DANA, LEE, fakeSend, view } from './fake-send';

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;

beforeEach(() => useLastContactStore.getState().reset());
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('QuickLog in ActivitySection', () => {
  it('one click logs a call with the right defaults', async () => {
    const user = userEvent.setup();
    const fake = fakeSend();
    render(<ActivitySection account={ACCOUNT} pageContacts={[DANA, LEE]} send={fake.send} />);
    const button = await screen.findByRole('button', { name: 'Call: connected' });
    const before = Date.now();
    await user.click(button);
    const after = Date.now();
    expect(fake.of('logActivity')).toHaveLength(1);
    const draft = fake.of('logActivity')[0] as ActivityDraft;
    expect(draft).toMatchObject({
      activityType: 'call',
      domain: 'acme.com',
      accountName: 'Acme Corp',
      rtpAid: ACCOUNT.rtpAid,
      outcome: 'Connected',
      direction: 'outbound',
      callTitle: 'Call with Dana Reyes',
      contacts: [DANA],
    });
    expect(draft).not.toHaveProperty('subject');
    expect(draft.occurredAt).toMatch(ISO_WITH_OFFSET);
    expect(ActivityDraftSchema.safeParse(draft).success).toBe(true);
    const at = Date.parse(draft.occurredAt);
    expect(at).toBeGreaterThanOrEqual(before - 1000); // seconds precision
    expect(at).toBeLessThanOrEqual(after);
  });

  it.each([
    ['Call: left voicemail', 'Left voicemail'],
    ['Call: no answer', 'No answer'],
  ])('%s sets outcome %s', async (label, outcome) => {
    const user = userEvent.setup();
    const fake = fakeSend();
    render(<ActivitySection account={ACCOUNT} pageContacts={[DANA]} send={fake.send} />);
    await user.click(await screen.findByRole('button', { name: label }));
    expect(fake.of('logActivity')[0]).toMatchObject({ activityType: 'call', outcome, direction: 'outbound' });
  });

  it('"E-mail sent" logs an email without call-only fields', async () => {
    const user = userEvent.setup();
    const fake = fakeSend();
    render(<ActivitySection account={ACCOUNT} pageContacts={[DANA]} send={fake.send} />);
    await user.click(await screen.findByRole('button', { name: 'E-mail sent' }));
    const draft = fake.of('logActivity')[0] as ActivityDraft;
    expect(draft).toMatchObject({ activityType: 'email', subject: 'Email to Dana Reyes', contacts: [DANA] });
    for (const k of ['callTitle', 'outcome', 'direction', 'durationMinutes']) expect(draft).not.toHaveProperty(k);
    expect(await screen.findByText('Logged E-mail — Dana Reyes')).toBeTruthy();
  });

  it('says who a log goes to and where that came from; "change" picks another person', async () => {
    const user = userEvent.setup();
    const fake = fakeSend();
    const { unmount } = render(<ActivitySection account={ACCOUNT} pageContacts={[DANA, LEE]} send={fake.send} />);
    expect((await screen.findByText(/^Logs for/)).textContent).toBe('Logs for Dana Reyes (on this page) · change');
    await user.click(screen.getByRole('button', { name: /Change who this is logged for/ }));
    await user.click(within(screen.getByRole('form', { name: 'Who is this for?' })).getByRole('button', { name: /Lee Park/ }));
    await user.click(screen.getByRole('button', { name: 'Call: no answer' }));
    unmount();
    // another page of the same account without Lee: still Lee, and the panel says so
    render(<ActivitySection account={ACCOUNT} pageContacts={[]} send={fake.send} />);
    expect((await screen.findByText(/^Logs for/)).textContent).toContain('Lee Park (from your last page)');
    await user.click(await screen.findByRole('button', { name: 'E-mail sent' }));
    const drafts = fake.of('logActivity') as ActivityDraft[];
    expect(drafts.map((d) => d.contacts[0]?.email)).toEqual([LEE.email, LEE.email]);
  });

  it('prefers the page\'s contact, then the last logged activity\'s (labelled)', async () => {
    const user = userEvent.setup();
    const fake = fakeSend({ items: [view()] });
    const { unmount } = render(<ActivitySection account={ACCOUNT} pageContacts={[DANA]} send={fake.send} />);
    expect((await screen.findByText(/^Logs for/)).textContent).toContain('Dana Reyes (on this page)');
    unmount();
    render(<ActivitySection account={ACCOUNT} pageContacts={[]} send={fake.send} />);
    expect((await screen.findByText(/^Logs for/)).textContent).toContain('Lee Park (from your last log)');
    await user.click(screen.getByRole('button', { name: 'Call: connected' }));
    expect((fake.of('logActivity')[0] as ActivityDraft).contacts).toEqual([LEE]);
  });

  it('after a pin to another company, the page\'s people of the old company are not the default', async () => {
    const user = userEvent.setup();
    const fake = fakeSend();
    const other = { email: 'kim@globex.com', name: 'Kim Globex' };
    render(<ActivitySection account={ACCOUNT} pageContacts={[other]} pinned send={fake.send} />);
    await user.click(await screen.findByRole('button', { name: 'Call: connected' }));
    expect(fake.of('logActivity')).toHaveLength(0);
    // one question, with the page's people as suggestions
    const ask = screen.getByRole('form', { name: 'Who did you call?' });
    expect(within(ask).getByRole('button', { name: /Kim Globex/ })).toBeTruthy();
    await user.type(within(ask).getByRole('textbox', { name: 'Who did you call?' }), 'pat@acme.com');
    await user.click(within(ask).getByRole('button', { name: 'Log call' }));
    expect(fake.of('logActivity')[0]).toMatchObject({ activityType: 'call', outcome: 'Connected', contacts: [{ email: 'pat@acme.com' }] });
    expect(await screen.findByText('Logged Call · Connected — pat@acme.com')).toBeTruthy();
    expect((await screen.findByText(/^Logs for/)).textContent).toContain('pat@acme.com (from your last page)'); // no page URL given
  });

  it('without any contact, a quick log asks one question instead of opening the full form', async () => {
    const user = userEvent.setup();
    const fake = fakeSend();
    render(<ActivitySection account={ACCOUNT} pageContacts={[]} send={fake.send} />);
    await user.click(await screen.findByRole('button', { name: 'E-mail sent' }));
    expect(fake.of('logActivity')).toHaveLength(0);
    expect(screen.queryByRole('form', { name: 'Log an activity' })).toBeNull();
    const input = screen.getByRole('textbox', { name: 'Who did you e-mail?' });
    expect(document.activeElement).toBe(input);
    await user.type(input, 'not an address{Enter}');
    expect(screen.getByText('Enter their e-mail address, or pick someone below.')).toBeTruthy();
    expect(fake.of('logActivity')).toHaveLength(0);
    await user.clear(input);
    await user.type(input, 'dana@acme.com{Enter}');
    expect(fake.of('logActivity')[0]).toMatchObject({ activityType: 'email', contacts: [{ email: 'dana@acme.com' }] });
  });
});

describe('Undo toast', () => {
  it('Undo calls undoActivity with the id and the item leaves the list', async () => {
    const user = userEvent.setup();
    const fake = fakeSend();
    render(<ActivitySection account={ACCOUNT} pageContacts={[DANA]} send={fake.send} />);
    await user.click(await screen.findByRole('button', { name: 'Call: connected' }));
    const region = screen.getByRole('status');
    expect(region.getAttribute('aria-live')).toBe('polite');
    expect(region.textContent).toContain('Logged Call · Connected — Dana Reyes');
    expect(within(screen.getByRole('list', { name: 'Recent activities' })).getByText('Call · Connected — Dana Reyes')).toBeTruthy(); // listed as pending
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(fake.of('undoActivity')).toEqual([{ id: 'act-1' }]);
    expect(await screen.findByText('Undone: nothing was sent to Recotap.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull();
    await waitFor(() => expect(screen.queryByRole('list', { name: 'Recent activities' })).toBeNull());
  });

  it('the Undo button disappears when the undo window closes', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    const fake = fakeSend({ undoMs: 10_000 });
    render(<ActivitySection account={ACCOUNT} pageContacts={[DANA]} send={fake.send} />);
    await user.click(await screen.findByRole('button', { name: 'Call: connected' }));
    expect(screen.getByRole('button', { name: 'Undo' })).toBeTruthy();
    await act(() => vi.advanceTimersByTimeAsync(9000));
    expect(screen.getByRole('button', { name: 'Undo' })).toBeTruthy();
    const listsBefore = fake.of('listActivities').length;
    await act(() => vi.advanceTimersByTimeAsync(1500));
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull();
    expect(screen.getByRole('status').textContent).toBe('');
    expect(fake.of('undoActivity')).toHaveLength(0);
    expect(fake.of('listActivities').length).toBeGreaterThan(listsBefore); // list refreshed after the window
  });
});

describe('background refusals', () => {
  it('shows the reason when logging or undoing is refused', async () => {
    const user = userEvent.setup();
    const fake = fakeSend();
    let refuseLog = true;
    const send = (async (name, data) => {
      if (name === 'logActivity' && refuseLog) {
        return { ok: false, error: { kind: 'validation', message: 'Set your work email in Options first.', retryable: false } };
      }
      if (name === 'undoActivity') {
        return { ok: false, error: { kind: 'conflict', message: 'Too late to undo: the activity is already on its way to Recotap.', retryable: false } };
      }
      return fake.send(name, data);
    }) as ActivitySend;
    render(<ActivitySection account={ACCOUNT} pageContacts={[DANA]} send={send} />);
    await user.click(await screen.findByRole('button', { name: 'Call: connected' }));
    expect(screen.getByRole('alert').textContent).toBe('Set your work email in Options first.');
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull();
    refuseLog = false;
    await user.click(screen.getByRole('button', { name: 'Call: connected' }));
    expect(screen.queryByRole('alert')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(screen.getByRole('status').textContent).toBe('Too late to undo: the activity is already on its way to Recotap.');
  });
});
