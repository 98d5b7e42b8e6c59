/**
 * The messages the activity section needs from the background, as one injectable function.
 * `setRepEmail` is not in utils/messaging.ts yet (proposed: `setRepEmail: z.object({ email: z.email() })`
 * → SimpleResult); until it is, the default sender reaches it through a cast, so adding the message to
 * the protocol is a one-line change there and nothing here has to move.
 */
import { sendMessage, type RequestData, type ResponseMap, type SimpleResult } from '@/utils/messaging';

type Msg<N extends keyof ResponseMap> = [RequestData<N>, ResponseMap[N]];

export interface ActivityMessages {
  getStatus: Msg<'getStatus'>;
  logActivity: Msg<'logActivity'>;
  undoActivity: Msg<'undoActivity'>;
  retryActivity: Msg<'retryActivity'>;
  listActivities: Msg<'listActivities'>;
  setRepEmail: [{ email: string }, SimpleResult];
}

/** Same call shape as `sendMessage`, restricted to the activity messages. */
export type ActivitySend = <N extends keyof ActivityMessages>(
  name: N,
  data: ActivityMessages[N][0],
) => Promise<ActivityMessages[N][1]>;

/** The production sender: the real typed protocol (setRepEmail pending, see above). */
export const defaultActivitySend = sendMessage as unknown as ActivitySend;
