// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ActivitySection } from '@/components/activity/ActivitySection';
import { useLastContactStore } from '@/components/activity/activity-store';
import type { ActivityDraft } from '@/utils/view-models';
import { ACCOUNT, DANA, HOSTILE, fakeSend, view } from './fake-send';

beforeEach(() => useLastContactStore.getState().reset());
afterEach(cleanup);

const FAILED = view({
  id: 'act-failed',
  state: 'failed',
  reason: 'contacts.0.email must be an email',
  sentAt: null,
  draft: { callTitle: 'Call with Sam', contacts: [{ email: 'sam@acme', name: 'Sam' }] },
});

describe('ActivityList', () => {
  it('shows a chip per state and explains failed and skipped items', async () => {
    const items = [
      view({ id: 'a', state: 'undoable', draft: { callTitle: 'T-undoable' } }),
      view({ id: 'b', state: 'pending', reason: 'Recotap did not answer in time.', draft: { callTitle: 'T-pending' } }),
      view({ id: 'c', state: 'sending', draft: { callTitle: 'T-sending' } }),
      view({ id: 'd', state: 'sent', draft: { callTitle: 'T-sent' } }),
      FAILED,
      view({ id: 'f', state: 'skipped', reason: 'activityType not supported', draft: { callTitle: 'T-skipped' } }),
    ];
    render(<ActivitySection account={ACCOUNT} pageContacts={[DANA]} send={fakeSend({ items }).send} />);
    const list = await screen.findByRole('list', { name: 'Recent activities' });
    const rows = within(list).getAllByRole('listitem').map((li) => li.textContent ?? '');
    expect(rows[0]).toContain('Pending');
    expect(rows[1]).toContain('Pending');
    expect(rows[1]).toContain('Will retry: Recotap did not answer in time.');
    expect(rows[2]).toContain('Pending');
    expect(rows[3]).toContain('Sent');
    expect(rows[4]).toContain('Failed: contacts.0.email must be an email');
    expect(rows[5]).toContain('Skipped');
    expect(rows[5]).toContain('it accepts only calls and e-mails');
    expect(within(list).getAllByRole('button')).toHaveLength(1); // only the failed item offers Edit & resend
  });

  it('Edit & resend opens the form prefilled and sends retryActivity with the edited draft', async () => {
    const user = userEvent.setup();
    const fake = fakeSend({ items: [FAILED] });
    render(<ActivitySection account={ACCOUNT} pageContacts={[DANA]} send={fake.send} />);
    await user.click(await screen.findByRole('button', { name: /^Edit & resend/ }));
    const form = within(screen.getByRole('form', { name: 'Edit and resend activity' }));
    expect((form.getByLabelText('Call title') as HTMLInputElement).value).toBe('Call with Sam');
    const email = form.getByLabelText('Contact 1 email') as HTMLInputElement;
    expect(email.value).toBe('sam@acme');
    await user.clear(email);
    await user.type(email, 'sam@acme.com');
    await user.click(form.getByRole('button', { name: 'Resend' }));
    expect(fake.of('logActivity')).toHaveLength(0);
    const [retry] = fake.of('retryActivity') as { id: string; draft: ActivityDraft }[];
    expect(retry?.id).toBe('act-failed');
    expect(retry?.draft).toMatchObject({ activityType: 'call', callTitle: 'Call with Sam', contacts: [{ email: 'sam@acme.com', name: 'Sam' }] });
    expect(screen.queryByRole('form')).toBeNull();
    expect(await screen.findByText('Queued again: Call · Connected — Sam')).toBeTruthy();
    const list = screen.getByRole('list', { name: 'Recent activities' });
    expect(list.textContent).toContain('Pending');
    expect(list.textContent).not.toContain('Failed');
  });

  it('renders hostile page and API strings as text', async () => {
    const user = userEvent.setup();
    const hostile = view({
      id: 'h',
      state: 'failed',
      reason: HOSTILE,
      draft: { callTitle: undefined, contacts: [{ email: 'x@acme.com', name: HOSTILE }] },
    });
    const fake = fakeSend({ items: [hostile] });
    const { container } = render(
      <ActivitySection account={{ ...ACCOUNT, name: HOSTILE }} pageContacts={[{ email: 'evil@acme.com', name: HOSTILE, title: HOSTILE }]} send={fake.send} />,
    );
    const list = await screen.findByRole('list', { name: 'Recent activities' });
    expect(list.textContent).toContain(`Call · Connected — ${HOSTILE}`);
    expect(list.textContent).toContain(`Failed: ${HOSTILE}`);
    await user.click(screen.getByRole('button', { name: 'Call: connected' }));
    expect(screen.getByRole('status').textContent).toContain(`— ${HOSTILE}`);
    await user.click(screen.getByRole('button', { name: 'Log with details…' }));
    expect(container.querySelector('img')).toBeNull();
  });
});

describe('ActivityList refresh', () => {
  it('reloads when refreshToken changes and starts clean for another account', async () => {
    const fake = fakeSend({ items: [view({ id: 'p', state: 'pending', draft: { callTitle: 'Queued call' } })] });
    let state: 'pending' | 'sent' = 'pending';
    const send: typeof fake.send = (async (name, data) => {
      const res = await fake.send(name, data);
      return name === 'listActivities' && Array.isArray(res) ? res.map((i) => ({ ...i, state })) : res;
    }) as typeof fake.send;
    const { rerender } = render(<ActivitySection account={ACCOUNT} pageContacts={[DANA]} send={send} refreshToken={1} />);
    const list = await screen.findByRole('list', { name: 'Recent activities' });
    expect(list.textContent).toContain('Pending');
    state = 'sent';
    rerender(<ActivitySection account={ACCOUNT} pageContacts={[DANA]} send={send} refreshToken={2} />);
    expect(await within(list).findByText('Sent')).toBeTruthy();
    const other = { domain: 'globex.io', name: 'Globex' };
    rerender(<ActivitySection account={other} pageContacts={[]} send={send} refreshToken={2} />);
    expect(fake.of('listActivities').at(-1)).toEqual({ domain: 'globex.io', limit: 10 });
  });
});
