/**
 * The communes matching the planner's filter, answered by DuckDB, with their
 * count and the set of matching codes (for the map's fade). A newer request
 * supersedes an older one, so fast typing in the search box never shows a stale
 * list.
 */
import type { Table } from 'apache-arrow';
import { useEffect, useMemo, useState } from 'react';
import type { SqlRunner } from '../db/runner.ts';
import { stringColumn } from '../db/arrow-strings.ts';
import { worklist } from '../db/worklist.ts';
import type { BundleManifest } from '../model/bundle.ts';
import { isUnfiltered, type AtlasFilter } from '../model/filters.ts';
import type { ViewState } from '../model/view-state.ts';
import type { SortState } from './Worklist.tsx';

export function filterOf(v: ViewState): AtlasFilter {
  return { structure: v.structure, year: v.year, provinces: v.provinces, ratings: v.ratings, kinds: v.kinds, kindsMode: v.kindsMode, text: v.text };
}

export function useWorklist(db: SqlRunner | undefined, manifest: BundleManifest | undefined, view: ViewState | undefined, sort: SortState) {
  const [result, setResult] = useState<{ table: Table; key: string; filtered: boolean }>();
  const [error, setError] = useState<string | undefined>();
  const filter = view ? filterOf(view) : undefined;
  const key = filter ? JSON.stringify(filter) : '';
  const sortKey = `${sort.column}:${sort.dir}`;
  useEffect(() => {
    if (!db || !manifest || !key) return;
    let current = true;
    const f = JSON.parse(key) as AtlasFilter;
    const [column, dir] = sortKey.split(':') as [SortState['column'], SortState['dir']];
    const t0 = performance.now();
    worklist(db, f, { sort: { column, dir } }).then(
      (table) => {
        if (!current) return;
        setResult({ table, key, filtered: !isUnfiltered(f) });
        setError(undefined);
        document.documentElement.dataset.worklistKey = `${key}|${sortKey}`;
        document.documentElement.dataset.worklistMs = String(Math.round(performance.now() - t0));
      },
      (e: unknown) => current && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      current = false;
    };
  }, [db, manifest, key, sortKey]);

  // The codes in list order, decoded once for the list and the map's fade.
  const codes = useMemo(() => (result ? stringColumn(result.table, 'code').map((c) => c ?? '') : undefined), [result]);
  const matches = useMemo(() => (result && result.filtered && codes ? new Set(codes) : undefined), [result, codes]);

  /** `key`: the filter (JSON) the table and `matches` answer, so the page can tell which filter is on screen. */
  return { table: result?.table, codes, count: result?.table.numRows, matches, key: result?.key, error };
}
