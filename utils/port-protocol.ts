/**
 * The request port's names and wire format (utils/port-requests.ts is the client,
 * utils/background/register.ts the listener). A leaf module: the benchmarks speak it too.
 */

/** runtime.connect name of the request port. */
export const REQUEST_PORT = 'lens-requests';

/** What may be sent on the port: reads a retry cannot double. */
export const PORT_REQUESTS = ['lookupContext', 'searchAccounts'] as const;
export type PortRequest = (typeof PORT_REQUESTS)[number];

/** An idle port is closed after this long (it would otherwise keep a worker's port and a frame's channel open for nothing). */
export const PORT_IDLE_MS = 20_000;

/** client → background */
export interface PortRequestMessage {
  id: number;
  type: PortRequest;
  data: unknown;
}
/** background → client: the answer, or the error message the handler threw */
export type PortReplyMessage = { id: number; res: unknown } | { id: number; err: string };

export function isPortRequest(type: unknown): type is PortRequest {
  return (PORT_REQUESTS as readonly unknown[]).includes(type);
}

/** A reply from the port, or null for anything else (never trusted blindly: it is parsed). */
export function parsePortReply(value: unknown): PortReplyMessage | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  if (typeof v.id !== 'number' || !Number.isInteger(v.id)) return null;
  if ('err' in v) return { id: v.id, err: typeof v.err === 'string' ? v.err : 'The request failed.' };
  return 'res' in v ? { id: v.id, res: v.res } : null;
}
