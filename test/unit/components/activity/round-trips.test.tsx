// @vitest-environment jsdom
// What the activity section asks the background for: a page pays for each message (a content
// script's runtime.sendMessage is ~1 ms of the host page's main thread), so the section asks only
// for what it does not already have.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ActivitySection } from '@/components/activity/ActivitySection';
import { useLastContactStore } from '@/components/activity/activity-store';
import { ACCOUNT, DANA, fakeSend, view } from './fake-send';

beforeEach(() => useLastContactStore.getState().reset());
afterEach(cleanup);

const settle = () => act(async () => new Promise((r) => setTimeout(r, 20)));

describe('activity section round trips', () => {
  it('shows the activities a lookup delivered without asking for them, and re-reads only when the outbox moves', async () => {
    const fake = fakeSend({ items: [view({ id: 'from-list', draft: { callTitle: 'Listed call' } })] });
    const delivered = [view({ id: 'from-lookup', draft: { callTitle: 'Delivered call' } })];
    const { rerender } = render(<ActivitySection account={ACCOUNT} pageContacts={[DANA]} send={fake.send} refreshToken="" initialItems={delivered} />);
    const list = await screen.findByRole('list', { name: 'Recent activities' });
    expect(within(list).getByText('Delivered call')).toBeTruthy();
    // the outbox totals arriving (unknown → known) is not a change of the outbox
    rerender(<ActivitySection account={ACCOUNT} pageContacts={[DANA]} send={fake.send} refreshToken="0/3/0" initialItems={delivered} />);
    await settle();
    expect(fake.of('listActivities')).toEqual([]);
    // an item moved: read again
    rerender(<ActivitySection account={ACCOUNT} pageContacts={[DANA]} send={fake.send} refreshToken="0/4/0" initialItems={delivered} />);
    expect(await within(list).findByText('Listed call')).toBeTruthy();
    expect(fake.of('listActivities')).toEqual([{ domain: ACCOUNT.domain, limit: 10 }]);
  });

  it('asks for the list itself when the lookup did not carry one', async () => {
    const fake = fakeSend({ items: [view({ id: 'from-list', draft: { callTitle: 'Listed call' } })] });
    render(<ActivitySection account={ACCOUNT} pageContacts={[DANA]} send={fake.send} />);
    expect(await screen.findByText('Listed call')).toBeTruthy();
    expect(fake.of('listActivities')).toEqual([{ domain: ACCOUNT.domain, limit: 10 }]);
  });

  it("asks for the rep's email once per page, not once per account", async () => {
    const fake = fakeSend({ items: [] });
    const other = { domain: 'globex.io', name: 'Globex' };
    const { rerender } = render(<ActivitySection account={ACCOUNT} pageContacts={[DANA]} send={fake.send} initialItems={[]} />);
    expect(await screen.findByRole('button', { name: 'Call: connected' })).toBeTruthy();
    rerender(<ActivitySection account={other} pageContacts={[]} send={fake.send} initialItems={[]} />);
    rerender(<ActivitySection account={ACCOUNT} pageContacts={[DANA]} send={fake.send} initialItems={[]} />);
    expect(await screen.findByRole('button', { name: 'Call: connected' })).toBeTruthy();
    await settle();
    expect(fake.of('getStatus')).toHaveLength(1);
  });

  it('a missing email saved in one section unlocks logging in the next account without asking again', async () => {
    const fake = fakeSend({ repEmail: null, items: [] });
    const { rerender } = render(<ActivitySection account={ACCOUNT} pageContacts={[DANA]} send={fake.send} initialItems={[]} />);
    const input = await screen.findByLabelText('Your work e-mail (needed to log calls and e-mails)');
    await userEvent.setup().type(input, 'rep@seller.io{Enter}');
    expect(await screen.findByRole('button', { name: 'Call: connected' })).toBeTruthy();
    rerender(<ActivitySection account={{ domain: 'globex.io', name: 'Globex' }} pageContacts={[]} send={fake.send} initialItems={[]} />);
    expect(await screen.findByRole('button', { name: 'Call: connected' })).toBeTruthy();
    expect(fake.of('getStatus')).toHaveLength(1);
  });

  it('a failed email read still lets the rep log, and the next section asks again (once)', async () => {
    const fake = fakeSend({ items: [] });
    let failures = 1;
    const send = (async (name, data) => {
      if (name === 'getStatus' && failures-- > 0) throw new Error('background asleep');
      return fake.send(name, data);
    }) as typeof fake.send;
    const { rerender } = render(<ActivitySection account={ACCOUNT} pageContacts={[DANA]} send={send} initialItems={[]} />);
    expect(await screen.findByRole('button', { name: 'Call: connected' })).toBeTruthy();
    rerender(<ActivitySection account={{ domain: 'globex.io', name: 'Globex' }} pageContacts={[]} send={send} initialItems={[]} />);
    rerender(<ActivitySection account={ACCOUNT} pageContacts={[DANA]} send={send} initialItems={[]} />);
    await settle();
    expect(fake.of('getStatus')).toHaveLength(1); // the failed read plus exactly one successful retry
  });
});
