/**
 * Weak communes per year, REAL counts (each year in the communes of that year's
 * own structure: src/db/weak-by-year.ts), asked of DuckDB once the first list is
 * on screen. One answer per engine, structure and filter is kept, so the
 * progress line, the weak-share chart and the map's status line share it.
 */
import { useEffect, useState } from 'react';
import type { SqlRunner } from '../../db/runner.ts';
import { weakByYear, type WeakCountFilter, type WeakYear } from '../../db/weak-by-year.ts';
import type { BundleManifest } from '../../model/bundle.ts';
import { askAfterFirstList } from '../app/startup.ts';
import { reasonOf } from '../../model/text.ts';

const kept = new WeakMap<SqlRunner, Map<string, Promise<WeakYear[]>>>();

function ask(db: SqlRunner, manifest: BundleManifest, structure: string, filter: WeakCountFilter): Promise<WeakYear[]> {
  let perDb = kept.get(db);
  if (!perDb) kept.set(db, (perDb = new Map()));
  const key = JSON.stringify([manifest.id, structure, filter]);
  let p = perDb.get(key);
  if (!p) {
    p = weakByYear(db, manifest, structure, filter);
    perDb.set(key, p);
    p.catch(() => perDb.delete(key));
  }
  return p;
}

/** The years' counts for `filter` seen from `structure` (undefined until DuckDB has answered), or why DuckDB could not answer. */
export function useWeakByYear(db: SqlRunner | undefined, manifest: BundleManifest | undefined, structure: string | undefined, filter: WeakCountFilter = {}): { years?: WeakYear[]; error?: string } {
  const filterKey = JSON.stringify(filter);
  const [answer, setAnswer] = useState<{ key: string; years?: WeakYear[]; error?: string }>();
  const key = JSON.stringify([manifest?.id, structure, filterKey]);
  useEffect(() => {
    if (!db || !manifest || !structure) return;
    let current = true;
    const f = JSON.parse(filterKey) as WeakCountFilter;
    const cancel = askAfterFirstList(() =>
      void ask(db, manifest, structure, f).then(
        (years) => current && setAnswer({ key, years }),
        (e: unknown) => {
          console.error(e);
          if (current) setAnswer({ key, error: reasonOf(e) });
        },
      ),
    );
    return () => {
      current = false;
      cancel();
    };
  }, [db, manifest, structure, filterKey, key]);
  return answer && answer.key === key ? answer : {};
}
