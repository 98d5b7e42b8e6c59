// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render } from '@testing-library/react';
import { useOutboxTotals } from '@/components/activity/use-outbox-totals';

// the transport stands in for the background (the hook is under test, not messaging): getStatus
// answers with the current outbox totals and every call is counted
let reads = 0;
let pending = 0;
vi.mock('@/utils/messaging', () => ({
  sendMessage: async (name: string) => {
    if (name !== 'getStatus') throw new Error(`unexpected ${name}`);
    reads++;
    return { outbox: { pending, sent: 3, failed: 0 } };
  },
  onMessage: () => () => undefined,
}));

afterEach(cleanup);
beforeEach(() => {
  reads = 0;
  pending = 0;
});

function Probe({ poll }: { poll: boolean }) {
  return <output>{useOutboxTotals({ poll })}</output>;
}

const settle = () => act(async () => new Promise((r) => setTimeout(r, 20)));

describe('useOutboxTotals', () => {
  it('reads once on mount and not again when the panel flips `poll` on each navigation', async () => {
    const view = render(<Probe poll />);
    await settle();
    expect(view.container.textContent).toBe('0/3/0');
    for (const poll of [false, true, false, true]) {
      view.rerender(<Probe poll={poll} />);
      await settle();
    }
    expect(reads).toBe(1);
  });

  it('resumes reading on a flip back to polling while items are pending', async () => {
    pending = 2;
    const view = render(<Probe poll />);
    await settle();
    expect(view.container.textContent).toBe('2/3/0');
    view.rerender(<Probe poll={false} />);
    await settle();
    pending = 0;
    view.rerender(<Probe poll />);
    await settle();
    expect(reads).toBe(2);
    expect(view.container.textContent).toBe('0/3/0');
  });
});
