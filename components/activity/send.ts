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

// one getStatus in flight per page: the rep-email cell and the outbox totals both ask at mount
let statusRead: Promise<ResponseMap['getStatus']> | null = null;

/** The production sender: the real typed protocol, with concurrent getStatus calls joined into one. */
export const defaultActivitySend: ActivitySend = ((name: keyof ActivityMessages, data: never) => {
  if (name !== 'getStatus') return sendMessage(name, data);
  if (!statusRead) {
    const read = sendMessage('getStatus', {});
    statusRead = read;
    const done = () => {
      if (statusRead === read) statusRead = null;
    };
    read.then(done, done);
  }
  return statusRead;
}) as ActivitySend;
