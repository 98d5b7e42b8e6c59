/**
 * The Recotap API key: read and written by the background only (design.md rule 2; eslint keeps
 * utils/recotap out of every other context). Never sent to a view.
 *
 * At rest it lives in the extension origin's IndexedDB (database 'recotap-lens-secrets'), not in
 * storage.local: Chrome and Firefox let content scripts read storage.local, but a content script's
 * indexedDB is the page's origin's, never chrome-extension://<id>'s or moz-extension://<uuid>'s.
 * docs/security.md has the threat model; test/e2e/security.spec.ts tries to reach it.
 *
 * Earlier versions kept the key in storage.local ('apiKey'). migrateLegacyApiKey() moves it: copy,
 * read back, then delete the old copy. A worker stopped at any point leaves the key in at least
 * one place, and the next start finishes the move (the copy is idempotent).
 */
import { storage } from '#imports';
import { z } from 'zod';

const ApiKeySchema = z.string().trim().max(500);

export const SECRETS_DB_NAME = 'recotap-lens-secrets';
export const SECRETS_DB_VERSION = 1;
export const SECRETS_STORE = 'secrets';
/** the record key of the API key in SECRETS_STORE */
export const API_KEY_RECORD = 'apiKey';
/** storage.local key of the previous layout (readable by content scripts): migrated away, then deleted */
export const LEGACY_API_KEY = 'apiKey';

/** storage.local item of the previous layout; only the migration touches it. */
const legacyApiKeyItem = storage.defineItem<string>(`local:${LEGACY_API_KEY}`);

let dbPromise: Promise<IDBDatabase> | null = null;

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

/** The secrets database (one object store, out-of-line keys). Plain IndexedDB: two operations need no library. */
function openSecretsDb(): Promise<IDBDatabase> {
  dbPromise ??= new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(SECRETS_DB_NAME, SECRETS_DB_VERSION);
    req.onupgradeneeded = () => {
      if (!req.result.objectStoreNames.contains(SECRETS_STORE)) req.result.createObjectStore(SECRETS_STORE);
    };
    req.onsuccess = () => {
      const db = req.result;
      // another context deleting or upgrading the database: reopen next time
      db.onversionchange = () => {
        db.close();
        dbPromise = null;
      };
      db.onclose = () => (dbPromise = null);
      resolve(db);
    };
    req.onerror = () => reject(req.error ?? new Error('cannot open the secrets database'));
    req.onblocked = () => reject(new Error('the secrets database is blocked by another connection'));
  }).catch((e: unknown) => {
    dbPromise = null;
    throw e;
  });
  return dbPromise;
}

async function readStored(): Promise<unknown> {
  const db = await openSecretsDb();
  return request(db.transaction(SECRETS_STORE, 'readonly').objectStore(SECRETS_STORE).get(API_KEY_RECORD));
}

async function writeStored(value: string | null): Promise<void> {
  const db = await openSecretsDb();
  const tx = db.transaction(SECRETS_STORE, 'readwrite');
  const store = tx.objectStore(SECRETS_STORE);
  if (value) store.put(value, API_KEY_RECORD);
  else store.delete(API_KEY_RECORD);
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB write failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB write aborted'));
  });
}

/** Test seam: steps of the migration, so a test can stop it between any two (a worker killed mid-way). */
export interface MigrationHooks {
  afterCopy?: () => void | Promise<void>;
}

let migration: Promise<void> | null = null;

/**
 * Move a key from the previous layout (storage.local) into the secrets database and delete the old
 * copy. Order: copy into IndexedDB → read it back → remove from storage.local. If the old copy is
 * present and the new store already holds a key, the old copy is what the previous version used and
 * the interrupted run wrote it, so it is the same key: copying again is harmless. Saving a key
 * always waits for this first, so a newer key is never overwritten by an older leftover.
 */
export async function migrateLegacyApiKey(hooks: MigrationHooks = {}): Promise<'none' | 'migrated'> {
  const legacy = await legacyApiKeyItem.getValue();
  if (legacy == null) return 'none';
  const parsed = ApiKeySchema.safeParse(legacy);
  if (parsed.success && parsed.data) {
    await writeStored(parsed.data);
    if ((await readStored()) !== parsed.data) throw new Error('the API key did not reach the secrets database');
  }
  await hooks.afterCopy?.();
  await legacyApiKeyItem.removeValue();
  return 'migrated';
}

/** Run the migration once per worker lifetime (a failed run is retried on the next call). */
export function ensureMigrated(): Promise<void> {
  migration ??= migrateLegacyApiKey().then(
    () => undefined,
    (e: unknown) => {
      migration = null;
      throw e;
    },
  );
  return migration;
}

/** The stored key, '' when none or when the stored value is not a string. */
export async function getApiKey(): Promise<string> {
  try {
    await ensureMigrated();
    const parsed = ApiKeySchema.safeParse(await readStored());
    return parsed.success ? parsed.data : '';
  } catch {
    return '';
  }
}

/** Store a key (trimmed); '' removes it. */
export async function setApiKey(key: string): Promise<void> {
  const value = ApiKeySchema.parse(key);
  await ensureMigrated();
  await writeStored(value || null);
  // belt and braces: nothing of the key may remain where content scripts can read
  await legacyApiKeyItem.removeValue();
}

/** Tests only: forget this context's open database and migration state (a fresh worker). */
export function resetCredentialsForTests(): void {
  dbPromise = null;
  migration = null;
}
