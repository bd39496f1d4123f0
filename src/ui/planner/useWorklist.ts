/**
 * The communes matching the planner's filter, answered by DuckDB, with their
 * count and the set of matching codes (for the map's fade). A newer request
 * supersedes an older one, so fast typing in the search box never shows a stale
 * list.
 *
 * While DuckDB works on a search, the list is narrowed at once from DuckDB's
 * last answer for the same filter without search text (same structure, year,
 * provinces, levels, kinds and sort): those rows, in DuckDB's order, whose name
 * or code the text matches — exactly the rows DuckDB then returns, since its
 * order is total and the search only removes rows (the unit tests hold the
 * in-memory search to DuckDB's, filter by filter). DuckDB's own answer replaces
 * it when it comes; exports use only DuckDB's answer.
 */
import type { Table } from 'apache-arrow';
import { useEffect, useMemo, useState } from 'react';
import { stringColumn } from '../../db/arrow-strings.ts';
import type { SqlRunner } from '../../db/runner.ts';
import { worklist } from '../../db/worklist.ts';
import type { BundleManifest } from '../../model/bundle.ts';
import { narrowRows, textMatcher } from '../../model/filter-match.ts';
import { isUnfiltered, type AtlasFilter } from '../../model/filters.ts';
import { foldText, reasonOf } from '../../model/text.ts';
import type { ViewState } from '../../model/view-state.ts';
import type { SortState } from './Worklist.tsx';

export function filterOf(v: ViewState): AtlasFilter {
  return { structure: v.structure, year: v.year, provinces: v.provinces, ratings: v.ratings, kinds: v.kinds, kindsMode: v.kindsMode, text: v.text, minWeakStreak: v.minWeakStreak };
}

interface Answer {
  table: Table;
  /** The filter (JSON) and sort it answers. */
  key: string;
  sortKey: string;
  filtered: boolean;
  codes: string[];
}

/** Folded names seen so far (they repeat from year to year and sort to sort); cleared past a national list or two. */
const foldCache = new Map<string, string>();

function foldedNames(table: Table, column = 'name'): string[] {
  if (foldCache.size > 40_000) foldCache.clear();
  return stringColumn(table, column).map((n) => {
    const name = n ?? '';
    let f = foldCache.get(name);
    if (f === undefined) foldCache.set(name, (f = foldText(name)));
    return f;
  });
}

/** The filter without its search text, with the sort: answers with equal base keys differ only by search. */
const baseKeyOf = (f: AtlasFilter, sortKey: string) => `${JSON.stringify({ ...f, text: '' })}|${sortKey}`;

export function useWorklist(db: SqlRunner | undefined, manifest: BundleManifest | undefined, view: ViewState | undefined, sort: SortState) {
  const [result, setResult] = useState<Answer>();
  /** DuckDB's last answer with no search text (its folded names made on the first search): what a search narrows. */
  const [base, setBase] = useState<{ answer: Answer; baseKey: string; folded?: string[]; provinceFolded?: string[] }>();
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
        const answer: Answer = { table, key, sortKey, filtered: !isUnfiltered(f), codes: stringColumn(table, 'code').map((c) => c ?? '') };
        setResult(answer);
        if (!textMatcher(f.text)) setBase({ answer, baseKey: baseKeyOf(f, sortKey) });
        setError(undefined);
        document.documentElement.dataset.worklistKey = `${key}|${sortKey}`;
        document.documentElement.dataset.worklistMs = String(Math.round(performance.now() - t0));
      },
      (e: unknown) => current && setError(reasonOf(e)),
    );
    return () => {
      current = false;
    };
  }, [db, manifest, key, sortKey]);

  // DuckDB's answer to this very filter: the latest one, or the kept base (the search box emptied again).
  const answered = [result, base?.answer].find((a) => a && a.key === key && a.sortKey === sortKey);
  const exact = !!answered;
  // A search DuckDB has not answered yet, narrowed from the base answer.
  const narrowed = useMemo(() => {
    if (exact || !base || !key) return undefined;
    const f = JSON.parse(key) as AtlasFilter;
    if (base.baseKey !== baseKeyOf(f, sortKey)) return undefined;
    base.folded ??= foldedNames(base.answer.table);
    // A search matches the province's name too.
    base.provinceFolded ??= foldedNames(base.answer.table, 'province_name');
    const rows = narrowRows(base.answer.codes, base.folded, f.text, base.provinceFolded);
    return rows && { rows, codes: Array.from(rows, (i) => base.answer.codes[i]) };
  }, [exact, base, key, sortKey]);

  const shown = answered ?? (narrowed ? { ...base!.answer, key, codes: narrowed.codes, filtered: true } : result);
  const matches = useMemo(() => (shown && shown.filtered ? new Set(shown.codes) : undefined), [shown?.codes, shown?.filtered]); // eslint-disable-line react-hooks/exhaustive-deps

  return {
    /** DuckDB's table; with `rows`, only those rows of it (in that order) are the list. */
    table: shown?.table,
    rows: narrowed?.rows,
    /** True when the list is DuckDB's own answer to the current filter and sort (exports wait for it). */
    exact,
    codes: shown?.codes,
    count: shown?.codes.length,
    matches,
    /** The filter (JSON) the list and `matches` answer, so the page can tell which filter is on screen. */
    key: shown?.key,
    error,
  };
}
