/** Top movers for the popup and the side panel: followed segments from settings, rows from the background. */
import { sendMessage } from '@/utils/messaging';
import { followedSegmentsItem, readSetting } from '@/utils/settings';
import type { TopMoversBackend } from './TopMovers';

export const topMoversBackend: TopMoversBackend = {
  followedSegments: () => readSetting(followedSegmentsItem),
  topMovers: (segmentId, days) => sendMessage('listTopMovers', { segmentId, days }),
};
