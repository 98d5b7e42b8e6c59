/**
 * Popup open timing (benchmark 6, second half): popup.html opened in a tab; an init script
 * timestamps (performance.now(), i.e. ms since navigation start) when the search box appears and
 * when the first result row appears after typing. First contentful paint comes from the Paint Timing API.
 */
import type { BrowserContext } from '@playwright/test';
import { median } from './lib/stats.ts';

export interface PopupOpen {
  /** ms from navigation start, medians over `runs` openings */
  firstContentfulPaint: number;
  searchBoxReady: number;
  /** ms from the input event (whole prefix pasted) to the first result row, including the view's debounce */
  typingToFirstRow: number;
  runs: number;
}

function recordMarks() {
  const w = window as unknown as { __marks: Record<string, number> };
  w.__marks = {};
  const mark = (k: string) => (w.__marks[k] ??= performance.now());
  new MutationObserver(() => {
    if (document.querySelector('#rl-popup-q')) mark('searchBox');
    if (w.__marks.input !== undefined && document.querySelector('[role="option"]')) mark('firstRow');
  }).observe(document, { subtree: true, childList: true });
  document.addEventListener('input', () => mark('input'), true);
}

/** Opens popup.html `runs` times and types `name`'s first 4 characters each time. */
export async function measurePopupOpen(context: BrowserContext, extensionId: string, name: string, runs = 3): Promise<PopupOpen> {
  const fcp: number[] = [];
  const box: number[] = [];
  const typing: number[] = [];
  for (let i = 0; i < runs; i++) {
    const page = await context.newPage();
    await page.addInitScript(recordMarks);
    await page.goto(`chrome-extension://${extensionId}/popup.html`);
    const input = page.locator('#rl-popup-q');
    await input.waitFor();
    await input.fill(name.slice(0, 4).toLowerCase());
    await page.locator('[role="option"]').first().waitFor({ timeout: 10_000 });
    const m = await page.evaluate(() => {
      const marks = (window as unknown as { __marks: Record<string, number> }).__marks;
      const paint = performance.getEntriesByName('first-contentful-paint')[0];
      return { searchBox: marks.searchBox, firstRow: marks.firstRow, input: marks.input, fcp: paint ? paint.startTime : Number.NaN };
    });
    fcp.push(m.fcp);
    box.push(m.searchBox ?? Number.NaN);
    typing.push((m.firstRow ?? Number.NaN) - (m.input ?? Number.NaN));
    await page.close();
  }
  return { firstContentfulPaint: median(fcp), searchBoxReady: median(box), typingToFirstRow: median(typing), runs };
}
