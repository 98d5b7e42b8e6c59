/** The messages the activity section needs from the background, as one injectable function. */
import { sendMessage, type RequestData, type ResponseMap } from '@/utils/messaging';

type Msg<N extends keyof ResponseMap> = [RequestData<N>, ResponseMap[N]];

export interface ActivityMessages {
  getStatus: Msg<'getStatus'>;
  logActivity: Msg<'logActivity'>;
  undoActivity: Msg<'undoActivity'>;
  retryActivity: Msg<'retryActivity'>;
  listActivities: Msg<'listActivities'>;
  setRepEmail: Msg<'setRepEmail'>;
}

/** Same call shape as `sendMessage`, restricted to the activity messages. */
export type ActivitySend = <N extends keyof ActivityMessages>(
  name: N,
  data: ActivityMessages[N][0],
) => Promise<ActivityMessages[N][1]>;

/** The production sender: the real typed protocol (ActivitySend is a subset of its signature). */
export const defaultActivitySend: ActivitySend = sendMessage;
