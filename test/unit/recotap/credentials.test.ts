// @vitest-environment node
// The API key at rest: the extension origin's IndexedDB, never storage.local (which content scripts
// can read), and the in-place migration from the previous layout, including a worker stopped mid-way.
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  API_KEY_RECORD, getApiKey, LEGACY_API_KEY, migrateLegacyApiKey, resetCredentialsForTests, SECRETS_DB_NAME, SECRETS_STORE, setApiKey,
} from '../../../utils/recotap/credentials';

const OLD = 'rtp_live_old_layout_key_0001';
const NEW = 'rtp_live_rotated_key_0002';

/** everything in storage.local (the area content scripts can read) */
const local = () => fakeBrowser.storage.local.get(null);

/** the secrets database read directly, as a second context of the extension origin would */
async function storedInDb(): Promise<unknown> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(SECRETS_DB_NAME);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  try {
    return await new Promise((resolve, reject) => {
      const req = db.transaction(SECRETS_STORE).objectStore(SECRETS_STORE).get(API_KEY_RECORD);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  } finally {
    db.close();
  }
}

/** a worker start: module state gone, storage and IndexedDB kept */
const restartWorker = () => resetCredentialsForTests();

beforeEach(() => {
  fakeBrowser.reset();
  globalThis.indexedDB = new IDBFactory();
  resetCredentialsForTests();
});

describe('API key storage', () => {
  it('keeps a saved key in the secrets database only, never in storage.local', async () => {
    await setApiKey(`  ${NEW} `);
    expect(await getApiKey()).toBe(NEW);
    expect(await storedInDb()).toBe(NEW);
    expect(JSON.stringify(await local())).not.toContain(NEW);
    restartWorker();
    expect(await getApiKey()).toBe(NEW);
    await setApiKey('');
    expect(await getApiKey()).toBe('');
    expect(await storedInDb()).toBeUndefined();
  });

  it('migrates a key from the previous layout (storage.local) and deletes the old copy', async () => {
    await fakeBrowser.storage.local.set({ [LEGACY_API_KEY]: OLD, repEmail: 'rep@example.com' });
    expect(await getApiKey()).toBe(OLD);
    expect(await storedInDb()).toBe(OLD);
    expect(await local()).toEqual({ repEmail: 'rep@example.com' });
  });

  it('loses no key when the worker stops after the copy and before the old copy is deleted', async () => {
    await fakeBrowser.storage.local.set({ [LEGACY_API_KEY]: OLD });
    const killed = new Error('worker stopped');
    await expect(migrateLegacyApiKey({ afterCopy: () => { throw killed; } })).rejects.toBe(killed);
    // stopped mid-way: the key is in both places, not in neither
    expect(await storedInDb()).toBe(OLD);
    expect((await local())[LEGACY_API_KEY]).toBe(OLD);
    restartWorker();
    expect(await getApiKey()).toBe(OLD);
    expect((await local())[LEGACY_API_KEY]).toBeUndefined();
  });

  it('loses no key when the worker stops before the copy (the database cannot be opened)', async () => {
    await fakeBrowser.storage.local.set({ [LEGACY_API_KEY]: OLD });
    const real = globalThis.indexedDB;
    globalThis.indexedDB = { open: () => { throw new Error('worker stopped'); } } as unknown as IDBFactory;
    expect(await getApiKey()).toBe(''); // no key this time...
    expect((await local())[LEGACY_API_KEY]).toBe(OLD); // ...but the old copy is untouched
    globalThis.indexedDB = real;
    restartWorker();
    expect(await getApiKey()).toBe(OLD);
    expect((await local())[LEGACY_API_KEY]).toBeUndefined();
  });

  it('a key saved after an interrupted migration is not overwritten by the leftover old copy', async () => {
    await fakeBrowser.storage.local.set({ [LEGACY_API_KEY]: OLD });
    await migrateLegacyApiKey({ afterCopy: () => { throw new Error('worker stopped'); } }).catch(() => undefined);
    restartWorker();
    await setApiKey(NEW); // the rep reconnects with a rotated key before anything read the old one
    restartWorker();
    expect(await getApiKey()).toBe(NEW);
    expect((await local())[LEGACY_API_KEY]).toBeUndefined();
  });

  it('drops an invalid value of the previous layout instead of copying it', async () => {
    await fakeBrowser.storage.local.set({ [LEGACY_API_KEY]: 12345 });
    expect(await getApiKey()).toBe('');
    expect(await local()).toEqual({});
  });
});
