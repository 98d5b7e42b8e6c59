import { browser } from '#imports';
import { sendMessage } from '@/utils/messaging';

/**
 * Open the options page. Extension pages can do it themselves; a content script cannot, so it asks
 * the background with an `openOptions` message (proposed protocol addition — until the background
 * handles it the call fails quietly and nothing opens).
 */
export async function openOptionsPage(): Promise<void> {
  if (typeof browser.runtime.openOptionsPage === 'function' && location.protocol.endsWith('-extension:')) {
    await browser.runtime.openOptionsPage();
    return;
  }
  const send = sendMessage as unknown as (name: string, data: object) => Promise<unknown>;
  await send('openOptions', {}).catch(() => undefined);
}
