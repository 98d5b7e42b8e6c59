/**
 * Driving the add-on from one of its own pages in Firefox: the view-side message wire format and
 * the popup's lookup, read from the DOM (puppeteer-core over BiDi, no Playwright locators).
 */
import type { Page } from 'puppeteer-core';
import { pollIn, waitInPanel } from './launch.ts';

/**
 * Sends one request of utils/messaging.ts exactly as a view does with @webext-core/messaging 4:
 * `{ id, type, data, timestamp }` through browser.runtime.sendMessage; the answer is `{ res }` or `{ err }`.
 */
export async function askFirefoxBackground<T>(page: Page, type: string, data: unknown = {}): Promise<T> {
  const reply = await page.evaluate(
    (t: string, d: unknown) => {
      const ext = (globalThis as unknown as { browser: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).browser;
      return ext.runtime.sendMessage({ id: Math.floor(Math.random() * 1e9), type: t, data: d, timestamp: Date.now() }) as Promise<{
        res?: unknown;
        err?: unknown;
      } | null>;
    },
    type,
    data,
  );
  if (!reply || reply.err !== undefined) throw new Error(`${type} failed: ${JSON.stringify(reply?.err ?? 'no response')}`);
  return reply.res as T;
}

/** Types `query` into the popup's search box and presses Enter; resolves with the opened account (null after the timeout). */
export async function lookUpInPopup(page: Page, query: string, timeoutMs = 20_000): Promise<{ name: string; score: string } | null> {
  if (!(await pollIn(page, (sel: string) => !!document.querySelector(sel), '#rl-popup-q', 15_000))) return null;
  await page.focus('#rl-popup-q');
  await page.keyboard.type(query);
  await page.keyboard.press('Enter');
  const panel = 'aside[aria-label="Recotap Lens account panel"]';
  if (!(await pollIn(page, (sel: string) => !!document.querySelector(`${sel} [data-section="score"] .rl-badge`), panel, timeoutMs))) return null;
  // no helper functions inside evaluated code: tsx's __name() wrappers do not exist in the page
  const [name = '', score = ''] = await page.evaluate(
    (sel: string) => [`${sel} .rl-title`, `${sel} [data-section="score"] .rl-badge`].map((s) => document.querySelector(s)?.textContent?.trim() ?? ''),
    panel,
  );
  return { name, score };
}

/**
 * Clicks `label` (e.g. "E-mail sent") in the in-page panel's quick log (in the panel iframe on CRM
 * pages, in the shadow root on LinkedIn) and waits for its "Logged …" confirmation; resolves with
 * that text, or null when either did not show.
 */
export async function quickLogInPanel(page: Page, label: string, timeoutMs = 15_000): Promise<string | null> {
  // no helper functions inside evaluated code: tsx's __name() wrappers do not exist in the page
  const clicked = await waitInPanel(
    page,
    (framed: boolean, text: string) => {
      const root = framed ? document : document.querySelector('recotap-lens-panel')?.shadowRoot;
      const group = root?.querySelector('[role="group"][aria-label="Quick log"]');
      const button = [...(group?.querySelectorAll('button') ?? [])].find((b) => b.textContent?.trim() === text && !b.disabled);
      button?.click();
      return !!button;
    },
    label,
    timeoutMs,
  );
  if (!clicked) return null;
  const toast = await waitInPanel(
    page,
    (framed: boolean) => {
      const root = framed ? document : document.querySelector('recotap-lens-panel')?.shadowRoot;
      return [...(root?.querySelectorAll('[aria-live]') ?? [])].map((e) => e.textContent ?? '').find((t) => t.includes('Logged ')) ?? '';
    },
    null,
    timeoutMs,
  );
  return toast === null ? null : toast.value.trim();
}
