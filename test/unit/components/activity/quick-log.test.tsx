// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
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

  it('"Email sent" logs an email without call-only fields', async () => {
    const user = userEvent.setup();
    const fake = fakeSend();
    render(<ActivitySection account={ACCOUNT} pageContacts={[DANA]} send={fake.send} />);
    await user.click(await screen.findByRole('button', { name: 'Email sent' }));
    const draft = fake.of('logActivity')[0] as ActivityDraft;
    expect(draft).toMatchObject({ activityType: 'email', subject: 'Email to Dana Reyes', contacts: [DANA] });
    for (const k of ['callTitle', 'outcome', 'direction', 'durationMinutes']) expect(draft).not.toHaveProperty(k);
    expect(await screen.findByText('Logged email to Dana Reyes')).toBeTruthy();
  });

  it('remembers the contact last used for the account', async () => {
    const user = userEvent.setup();
    const fake = fakeSend();
    const { unmount } = render(<ActivitySection account={ACCOUNT} pageContacts={[DANA, LEE]} send={fake.send} />);
    await user.selectOptions(await screen.findByLabelText('Log for'), LEE.email);
    await user.click(screen.getByRole('button', { name: 'Call: no answer' }));
    unmount();
    // a fresh mount (another page of the same account) still logs for Lee
    render(<ActivitySection account={ACCOUNT} pageContacts={[DANA, LEE]} send={fake.send} />);
    await user.click(await screen.findByRole('button', { name: 'Email sent' }));
    const drafts = fake.of('logActivity') as ActivityDraft[];
    expect(drafts.map((d) => d.contacts[0]?.email)).toEqual([LEE.email, LEE.email]);
  });

  it('falls back to the most recent activity contact, then the first page contact', async () => {
    const user = userEvent.setup();
    const fake = fakeSend({ items: [view()] });
    render(<ActivitySection account={ACCOUNT} pageContacts={[DANA]} send={fake.send} />);
    await screen.findByText('Call with Lee Park');
    await user.click(screen.getByRole('button', { name: 'Call: connected' }));
    expect((fake.of('logActivity')[0] as ActivityDraft).contacts).toEqual([LEE]);
  });

  it('without any contact, a quick log opens the form instead of sending', async () => {
    const user = userEvent.setup();
    const fake = fakeSend();
    render(<ActivitySection account={ACCOUNT} pageContacts={[]} send={fake.send} />);
    await user.click(await screen.findByRole('button', { name: 'Call: left voicemail' }));
    expect(fake.of('logActivity')).toHaveLength(0);
    expect(screen.getByRole('form', { name: 'Log an activity' })).toBeTruthy();
    expect((screen.getByLabelText('Outcome') as HTMLInputElement).value).toBe('Left voicemail');
    expect((screen.getByLabelText('Call title') as HTMLInputElement).value).toBe('');
    expect(document.activeElement).toBe(screen.getByLabelText('Type'));
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
    expect(region.textContent).toContain('Logged call with Dana Reyes');
    await screen.findByText('Call with Dana Reyes'); // listed as pending
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(fake.of('undoActivity')).toEqual([{ id: 'act-1' }]);
    expect(await screen.findByText('Undone: nothing was sent to Recotap.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull();
    expect(screen.queryByText('Call with Dana Reyes')).toBeNull();
  });

  it('the Undo button disappears when the undo window closes', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    const fake = fakeSend({ undoMs: 5000 });
    render(<ActivitySection account={ACCOUNT} pageContacts={[DANA]} send={fake.send} />);
    await user.click(await screen.findByRole('button', { name: 'Call: connected' }));
    expect(screen.getByRole('button', { name: 'Undo' })).toBeTruthy();
    await act(() => vi.advanceTimersByTimeAsync(2000));
    expect(screen.getByRole('button', { name: 'Undo' })).toBeTruthy();
    const listsBefore = fake.of('listActivities').length;
    await act(() => vi.advanceTimersByTimeAsync(3500));
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
