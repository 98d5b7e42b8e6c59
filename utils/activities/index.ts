/** The activity outbox: store, flush, scheduling glue and message handlers (background only). */
export { createOutbox, type Outbox, type OutboxOptions, type AddResult } from './outbox';
export { openOutboxDb, OUTBOX_DB_NAME, type OutboxDb, type OutboxItem } from './db';
export type { FlushResult, FlushStatus } from './flush';
export { createOutboxScheduler, OUTBOX_ALARM, type OutboxScheduler } from './schedule';
export { createActivityHandlers, type ActivityHandlers } from './handlers';
export { MISSING_OWNER_EMAIL } from './validate';
