/**
 * Message handlers for the activity messages of utils/messaging.ts. Each validates its payload with
 * requestSchemas (messages are a trust boundary, design.md rule 4); the background registers them
 * after its sender check.
 */
import type { ResponseMap } from '../messaging';
import { requestSchemas } from '../messaging-schemas';
import type { ErrorView } from '../view-models';
import type { Outbox } from './outbox';

export interface ActivityHandlerDeps {
  outbox: Pick<Outbox, 'add' | 'undo' | 'retry' | 'list'>;
  /** called after each change that may move the next due time (the scheduler's afterChange) */
  afterChange?: () => unknown;
}

const badRequest = (message: string): { ok: false; error: ErrorView } => ({
  ok: false,
  error: { kind: 'validation', message, retryable: false },
});

/** Builds the logActivity / undoActivity / retryActivity / listActivities handlers. */
export function createActivityHandlers({ outbox, afterChange }: ActivityHandlerDeps) {
  const changed = () => void afterChange?.();
  return {
    /** Validation happens inside add(), which names the failing field. */
    async logActivity(data: unknown): Promise<ResponseMap['logActivity']> {
      const res = await outbox.add(data);
      if (res.ok) changed();
      return res;
    },
    async undoActivity(data: unknown): Promise<ResponseMap['undoActivity']> {
      const parsed = requestSchemas.undoActivity.safeParse(data);
      if (!parsed.success) return badRequest('Invalid activity id.');
      if (await outbox.undo(parsed.data.id)) {
        changed();
        return { ok: true };
      }
      return { ok: false, error: { kind: 'conflict', message: 'Too late to undo: the activity is already on its way to Recotap.', retryable: false } };
    },
    async retryActivity(data: unknown): Promise<ResponseMap['retryActivity']> {
      const parsed = requestSchemas.retryActivity.safeParse(data);
      if (!parsed.success) return badRequest('Invalid retry request.');
      const res = await outbox.retry(parsed.data.id, parsed.data.draft);
      if (res.ok) changed();
      return res;
    },
    async listActivities(data: unknown): Promise<ResponseMap['listActivities']> {
      const parsed = requestSchemas.listActivities.safeParse(data ?? {});
      if (!parsed.success) throw new Error('Invalid listActivities request');
      return outbox.list(parsed.data);
    },
  };
}

export type ActivityHandlers = ReturnType<typeof createActivityHandlers>;
