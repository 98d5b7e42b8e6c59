/**
 * Side channel between a tab's content script and extension pages (side panel, popup), so they can
 * show "the account on the active tab" without a background round-trip. Kept out of
 * utils/messaging.ts until the lead adopts it (proposed there as getTabState / tabStateChanged).
 * Uses its own @webext-core/messaging instance: listeners ignore the other instance's types.
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { LookupResult, PageContext } from '@/utils/view-models';

export interface TabState {
  context: PageContext | null;
  result: LookupResult | null;
}

interface TabBridgeProtocol {
  /** extension page → content script of a tab */
  'lens:getTabState'(): TabState;
  /** extension page → content script: something changed (pin/add): look the context up again */
  'lens:refreshTab'(): void;
  /** content script → extension pages (runtime broadcast) */
  'lens:tabStateChanged'(state: TabState): void;
}

export const { sendMessage: sendBridgeMessage, onMessage: onBridgeMessage } = defineExtensionMessaging<TabBridgeProtocol>();
