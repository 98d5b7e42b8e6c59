// @vitest-environment jsdom
// The in-page container with WXT's fake browser storage: layout is remembered per site.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ContentPanel } from '@/components/content-panel/ContentPanel';
import { createPanelController } from '@/components/content-panel/panel-controller';
import { panelStateItem, readSetting, sitePrefsItem, themeItem } from '@/utils/settings';
import { PageContextSchema } from '@/utils/view-models';
import { found } from './fixtures';

// jsdom's window is 1024 px wide, where the panel starts collapsed; most cases are about a wide window
const setWidth = (w: number) => Object.defineProperty(window, 'innerWidth', { value: w, configurable: true });
beforeEach(() => {
  fakeBrowser.reset();
  setWidth(1280);
});
afterEach(() => setWidth(1024));
afterEach(cleanup);

function mountFor(siteId: string) {
  const controller = createPanelController({
    lookup: async () => found(),
    pin: async () => found(),
    unpin: async () => found(),
    add: async () => found(),
    markSeen: async () => undefined,
  });
  act(() => controller.setContext(PageContextSchema.parse({ site: siteId, url: 'https://app.hubspot.com/x/1', recordId: '1', websites: ['acme.com'] })));
  return { controller, ...render(<ContentPanel controller={controller} siteId={siteId} />) };
}

describe('ContentPanel', () => {
  it('collapsed state and side are saved per site and restored on the next mount', async () => {
    mountFor('hubspot');
    await userEvent.click(await screen.findByRole('button', { name: 'Move panel to the left side' }));
    await userEvent.click(screen.getByRole('button', { name: 'Collapse panel' }));
    await waitFor(async () => expect((await readSetting(panelStateItem)).hubspot).toMatchObject({ collapsed: true, side: 'left' }));
    cleanup();

    mountFor('hubspot');
    expect(await screen.findByRole('button', { name: /Expand panel/ })).toBeTruthy();
    cleanup();
    mountFor('pipedrive'); // another site keeps its own (default) layout
    expect(await screen.findByRole('button', { name: 'Collapse panel' })).toBeTruthy();
  });

  it('below 1100 CSS px (narrow window or high zoom) each page starts collapsed; expanding does not change the saved layout', async () => {
    setWidth(1024);
    mountFor('hubspot');
    await userEvent.click(await screen.findByRole('button', { name: /Expand panel/ }));
    expect(await screen.findByRole('button', { name: 'Collapse panel' })).toBeTruthy();
    expect((await readSetting(panelStateItem)).hubspot).toBeUndefined();
    cleanup();
    mountFor('hubspot');
    expect(await screen.findByRole('button', { name: /Expand panel/ })).toBeTruthy();
  });

  it('"Hide on this site" shows "hidden — Undo" with focus on Undo; Undo brings the panel back and turns nothing off', async () => {
    mountFor('hubspot');
    await userEvent.click(await screen.findByRole('button', { name: 'Hide on this site' }));
    expect(screen.getByRole('status').textContent).toContain('Recotap Lens is hidden on this site.');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Undo' }));
    expect(screen.queryByRole('heading', { name: 'Acme Corp' })).toBeNull();
    await userEvent.keyboard('{Enter}');
    expect(await screen.findByRole('heading', { name: 'Acme Corp' })).toBeTruthy();
    expect((await readSetting(sitePrefsItem)).hubspot).toBeUndefined();
  });

  it('"Hide on this site" turns the site off, as Settings → Sites does, once the 10 s Undo window closes', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
      mountFor('hubspot');
      await user.click(await screen.findByRole('button', { name: 'Hide on this site' }));
      await act(async () => void vi.advanceTimersByTime(9_000));
      expect((await readSetting(sitePrefsItem)).hubspot).toBeUndefined();
      await act(async () => void vi.advanceTimersByTime(1_500));
      await waitFor(async () => expect((await readSetting(sitePrefsItem)).hubspot).toEqual({ enabled: false }));
    } finally {
      vi.useRealTimers();
    }
  });

  it('leaving the page inside the Undo window still turns the site off', async () => {
    mountFor('pipedrive');
    await userEvent.click(await screen.findByRole('button', { name: 'Hide on this site' }));
    await screen.findByRole('button', { name: 'Undo' });
    await new Promise((r) => setTimeout(r, 20)); // the prefs read when × was pressed
    act(() => void window.dispatchEvent(new Event('pagehide')));
    await waitFor(async () => expect((await readSetting(sitePrefsItem)).pipedrive).toEqual({ enabled: false }));
  });

  it('follows the theme setting and hides on the toggle command', async () => {
    await themeItem.setValue('dark');
    const { controller, container } = mountFor('hubspot');
    await screen.findByRole('heading', { name: 'Acme Corp' });
    // the setting is read from storage, which may answer after the answer's render
    await waitFor(() => expect(container.querySelector('.rl-root')?.getAttribute('data-theme')).toBe('dark'));
    act(() => controller.toggleHidden());
    expect(screen.queryByRole('heading', { name: 'Acme Corp' })).toBeNull();
  });
});
