/**
 * Saved views of this folder, kept in the browser (localStorage, keyed by the
 * folder's path so two folders on a share keep their own views) and exchangeable
 * as a JSON file.
 */
import { useCallback, useState } from 'react';
import { viewsToJson, parseViewsFile, type SavedView } from '../../model/saved-views.ts';
import { reasonOf } from '../../model/text.ts';

function storageKey(): string {
  return `movement-atlas:views:${location.pathname}`;
}

function load(): SavedView[] {
  try {
    const raw = localStorage.getItem(storageKey());
    return raw ? parseViewsFile(raw).views : [];
  } catch {
    return [];
  }
}

/** A short random id (no clock: ids must not collide when views are made in the same millisecond). */
export function newViewId(): string {
  const b = new Uint8Array(6);
  crypto.getRandomValues(b);
  return `v${[...b].map((x) => x.toString(16).padStart(2, '0')).join('')}`;
}

export function useSavedViews(bundleId: string | undefined) {
  const [views, setViewsRaw] = useState<SavedView[]>(load);
  const [storageError, setStorageError] = useState<string>();
  const setViews = useCallback(
    (next: SavedView[] | ((v: SavedView[]) => SavedView[])) => {
      setViewsRaw((prev) => {
        const v = typeof next === 'function' ? next(prev) : next;
        try {
          localStorage.setItem(storageKey(), viewsToJson(v, bundleId));
          setStorageError(undefined);
        } catch (e) {
          setStorageError(reasonOf(e));
        }
        return v;
      });
    },
    [bundleId],
  );
  return { views, setViews, storageError };
}
