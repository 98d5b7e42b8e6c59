// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ActivitySection } from '@/components/activity/ActivitySection';
import { useLastContactStore } from '@/components/activity/activity-store';
import type { ActivitySend } from '@/components/activity/send';
import { ACCOUNT, DANA, fakeSend } from './fake-send';

beforeEach(() => useLastContactStore.getState().reset());
afterEach(cleanup);

describe('missing rep email', () => {
  it('shows the inline field instead of the buttons, stores the email, then logs', async () => {
    const user = userEvent.setup();
    const fake = fakeSend({ repEmail: null });
    render(<ActivitySection account={ACCOUNT} pageContacts={[DANA]} send={fake.send} />);
    const input = await screen.findByLabelText('Your work e-mail (needed to log calls and e-mails)');
    expect(screen.queryByRole('button', { name: 'Call: connected' })).toBeNull();
    expect(input.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(input.getAttribute('aria-describedby') ?? '')?.textContent).toContain('saved as the owner of everything you log');

    await user.type(input, 'not-an-email');
    await user.click(screen.getByRole('button', { name: 'Save e-mail' }));
    expect(screen.getByText('Your work e-mail: enter a valid e-mail address.')).toBeTruthy();
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(fake.of('setRepEmail')).toHaveLength(0);

    await user.clear(input);
    await user.type(input, 'rep@seller.io{Enter}');
    expect(fake.of('setRepEmail')).toEqual([{ email: 'rep@seller.io' }]);
    await user.click(await screen.findByRole('button', { name: 'Call: connected' }));
    expect(fake.calls.map((c) => c.name).filter((n) => n === 'setRepEmail' || n === 'logActivity')).toEqual(['setRepEmail', 'logActivity']);
    expect(fake.of('logActivity')[0]).toMatchObject({ activityType: 'call', contacts: [DANA] });
  });

  it('keeps the field and shows the background error when storing fails', async () => {
    const user = userEvent.setup();
    const fake = fakeSend({ repEmail: null });
    const send = (async (name, data) =>
      name === 'setRepEmail'
        ? { ok: false, error: { kind: 'internal', message: 'Could not save settings.', retryable: true } }
        : fake.send(name, data)) as ActivitySend;
    render(<ActivitySection account={ACCOUNT} pageContacts={[DANA]} send={send} />);
    await user.type(await screen.findByLabelText('Your work e-mail (needed to log calls and e-mails)'), 'rep@seller.io');
    await user.click(screen.getByRole('button', { name: 'Save e-mail' }));
    expect(await screen.findByText('Could not save settings.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Call: connected' })).toBeNull();
  });
});
