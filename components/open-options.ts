import { browser } from '#imports';
import { sendMessage } from '@/utils/messaging';

/**
 * Open the options page. Extension pages can do it themselves; a content script cannot, so it asks
 * the background with the `openOptions` message.
 */
export async function openOptionsPage(): Promise<void> {
  if (typeof browser.runtime.openOptionsPage === 'function' && location.protocol.endsWith('-extension:')) {
    await browser.runtime.openOptionsPage();
    return;
  }
  await sendMessage('openOptions', {}).catch(() => undefined);
}
