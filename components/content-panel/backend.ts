import { sendMessage } from '@/utils/messaging';
import type { PanelBackend } from './panel-controller';

/** The panel controller's background calls, as messages (from a content script or the panel iframe). */
export const messagingBackend: PanelBackend = {
  lookup: (context) => sendMessage('lookupContext', context),
  pin: (context, rtpAid) => sendMessage('pinAccount', { context, rtpAid }),
  unpin: (context) => sendMessage('unpinAccount', { context }),
  add: (input) => sendMessage('addAccount', input),
  markSeen: (rtpAid) => sendMessage('markSeen', { rtpAid }),
};
