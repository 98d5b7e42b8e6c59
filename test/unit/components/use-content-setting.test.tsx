// @vitest-environment jsdom
/**
 * A panel section remounted for the next account (the activity section is keyed by domain, so
 * its "Recent activities" fold mounts again on every SPA navigation) starts from the fold state
 * this document already knows: no default-then-flip, and no second render when storage confirms it.
 */
import { Profiler } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Fold } from '@/components/Fold';

afterEach(cleanup);

const settle = () => act(() => new Promise((r) => setTimeout(r, 30)));

function mountFold() {
  let commits = 0;
  const view = render(
    <Profiler id="fold" onRender={() => void commits++}>
      <Fold id="recent-activities" title="Recent activities" defaultOpen>
        <p>items</p>
      </Fold>
    </Profiler>,
  );
  const button = () => screen.getByRole('button', { name: /Recent activities/ });
  return { view, button, commits: () => commits };
}

describe('useContentSetting: a remounted section', () => {
  it('starts from the remembered value and does not render again when the read confirms it', async () => {
    fakeBrowser.reset();
    await fakeBrowser.storage.local.set({ panelFolds: { 'recent-activities': false } });
    const first = mountFold();
    await settle();
    expect(first.button().getAttribute('aria-expanded')).toBe('false'); // read from storage
    first.view.unmount();

    const next = mountFold(); // the next account's section
    expect(next.button().getAttribute('aria-expanded')).toBe('false'); // at once, not open first
    await settle();
    expect(next.button().getAttribute('aria-expanded')).toBe('false');
    expect(next.commits()).toBe(1); // the mount only: the equal read caused no render
  });

  it('does not read storage again while another section follows the setting', async () => {
    fakeBrowser.reset();
    await fakeBrowser.storage.local.set({ panelFolds: { 'recent-activities': false } });
    // "Intent by source" stays mounted across navigations; the activity section's fold remounts
    render(
      <Fold id="intent" title="Intent by source" defaultOpen>
        <p>bars</p>
      </Fold>,
    );
    await settle();
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    for (let i = 0; i < 3; i++) {
      const next = mountFold();
      await settle();
      expect(next.button().getAttribute('aria-expanded')).toBe('false');
      expect(next.commits()).toBe(1);
      next.view.unmount();
    }
    expect(get).not.toHaveBeenCalled();
    // and a change still reaches the sections that are mounted
    const next = mountFold();
    await act(() => fakeBrowser.storage.local.set({ panelFolds: { 'recent-activities': true } }));
    await settle();
    expect(next.button().getAttribute('aria-expanded')).toBe('true');
  });

  it('still follows a change made while no section was mounted', async () => {
    cleanup();
    const first = mountFold();
    await settle();
    first.view.unmount();
    await fakeBrowser.storage.local.set({ panelFolds: { 'recent-activities': true } });
    const next = mountFold();
    await settle();
    expect(next.button().getAttribute('aria-expanded')).toBe('true');
  });
});
