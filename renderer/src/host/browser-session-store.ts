/**
 * The web edition's memory across reloads: the engine's last snapshot (with
 * the dataset's File itself, which IndexedDB stores by reference) and the
 * Learn view's state, in one IndexedDB record.
 */
import type { EngineSnapshot } from '../../../core/engine/protocol';

const DB_NAME = 'backprop-studio';
const STORE = 'session';
const KEY = 'current';

export interface SavedSession {
  snapshot: EngineSnapshot;
  learn: Record<string, unknown>;
  savedAt: string;
}

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => { request.result.createObjectStore(STORE); };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB is not available'));
  });
}

async function run<T>(mode: IDBTransactionMode, action: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const request = action(db.transaction(STORE, mode).objectStore(STORE));
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
    });
  } finally {
    db.close();
  }
}

export const browserSessionStore = {
  load: async (): Promise<SavedSession | null> => ((await run('readonly', (s) => s.get(KEY))) as SavedSession | undefined) ?? null,
  save: async (session: SavedSession): Promise<void> => { await run('readwrite', (s) => s.put(session, KEY)); },
  clear: async (): Promise<void> => { await run('readwrite', (s) => s.delete(KEY)); },
};
