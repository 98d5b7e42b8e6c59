import { sendMessage } from '@/utils/messaging';
import { portRequest } from '@/utils/port-requests';
import type { PanelBackend } from './panel-controller';

/**
 * The panel controller's background calls, as messages (from a content script or the panel iframe);
 * the lookup, sent on every record, on the request port (utils/port-requests.ts).
 */
export const messagingBackend: PanelBackend = {
  lookup: (context) => portRequest('lookupContext', context),
  pin: (context, rtpAid) => sendMessage('pinAccount', { context, rtpAid }),
  unpin: (context) => sendMessage('unpinAccount', { context }),
  add: (input) => sendMessage('addAccount', input),
  markSeen: (rtpAid) => sendMessage('markSeen', { rtpAid }),
};
