/**
 * Optional persistence of an imported dataset in this browser (IndexedDB), only
 * when the user asks for it, with a clear way to forget it. The stored value is
 * the same payload a folder carries (parts gzip + base64), decoded the same way.
 */
import type { BundleScriptPayload } from '../../model/bundle.ts';

const DB = 'movement-atlas';
const STORE = 'datasets';
const KEY = 'kept';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB unavailable'));
  });
}

function run<T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest): Promise<T> {
  return open().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const tx = db.transaction(STORE, mode);
        const req = fn(tx.objectStore(STORE));
        tx.oncomplete = () => {
          db.close();
          resolve(req.result as T);
        };
        tx.onerror = () => reject(tx.error ?? new Error('IndexedDB error'));
      }),
  );
}

export interface KeptDataset {
  payload: BundleScriptPayload;
  savedAt: string;
}

export function storeDataset(payload: BundleScriptPayload): Promise<void> {
  const value: KeptDataset = { payload, savedAt: new Date().toISOString() };
  return run<IDBValidKey>('readwrite', (s) => s.put(value, KEY)).then(() => undefined);
}

export function keptDataset(): Promise<KeptDataset | undefined> {
  return run<KeptDataset | undefined>('readonly', (s) => s.get(KEY)).catch(() => undefined);
}

export function forgetDataset(): Promise<void> {
  return run<undefined>('readwrite', (s) => s.delete(KEY)).then(() => undefined);
}
