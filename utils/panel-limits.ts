/**
 * Numbers the background and the panels share. No imports: content scripts use this file, and
 * anything that pulls in zod (view-models.ts) adds ~8 KB gzipped to crm.js.
 */

/** How many of an account's recent activities the panel lists (and a found lookup carries). */
export const RECENT_ACTIVITY_LIMIT = 10;
