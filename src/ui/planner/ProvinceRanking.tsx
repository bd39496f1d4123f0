/**
 * Provinces ranked by their share of weak communes in the view's year (the
 * view's filter applies, provinces and rating levels aside), against the year
 * compared with; sortable by any column, with a button that opens a
 * province's report. Answered by DuckDB (src/db/worklist.ts provinceWeakShares).
 */
import { useEffect, useMemo, useState } from 'react';
import type { SqlRunner } from '../../db/runner.ts';
import { provinceWeakShares, type ProvinceWeakRow } from '../../db/worklist.ts';
import type { BundleManifest } from '../../model/bundle.ts';
import { compareVi, t, type Lang } from '../../model/i18n.ts';
import { defaultBaseYear } from '../../model/report.ts';
import { count, percent, points } from '../../model/report-text.ts';
import type { ViewState } from '../../model/view-state.ts';
import { filterOf } from './useWorklist.ts';
import { reasonOf } from '../../model/text.ts';

type Column = 'name' | 'communes' | 'weak' | 'share' | 'compare' | 'change';

interface Row extends ProvinceWeakRow {
  compareShare: number | null;
  change: number | null;
}

export interface ProvinceRankingProps {
  lang: Lang;
  db: SqlRunner;
  manifest: BundleManifest;
  view: ViewState;
  onReport: (province: string) => void;
}

export function ProvinceRanking({ lang, db, manifest, view, onReport }: ProvinceRankingProps) {
  const compareYear = view.compareYear ?? defaultBaseYear(manifest, view.year);
  const [rows, setRows] = useState<Row[]>();
  const [error, setError] = useState<string>();
  const [sort, setSort] = useState<{ column: Column; dir: 'asc' | 'desc' }>({ column: 'share', dir: 'desc' });
  const key = JSON.stringify([filterOf(view), compareYear]);
  useEffect(() => {
    let current = true;
    const [filter, cy] = JSON.parse(key) as [ReturnType<typeof filterOf>, number];
    provinceWeakShares(db, filter, cy).then(
      (r) => {
        if (!current) return;
        setError(undefined);
        setRows(
          r.map((p) => {
            const compareShare = p.compareRated ? (p.compareWeak ?? 0) / p.compareRated : null;
            return { ...p, compareShare, change: compareShare === null ? null : p.share - compareShare };
          }),
        );
      },
      (e: unknown) => current && setError(reasonOf(e)),
    );
    return () => {
      current = false;
    };
  }, [db, key]);

  const sorted = useMemo(() => {
    if (!rows) return [];
    const value = (r: Row): number | string => (sort.column === 'name' ? r.name : sort.column === 'compare' ? (r.compareShare ?? -1) : sort.column === 'change' ? (r.change ?? -Infinity) : r[sort.column]);
    const k = sort.dir === 'asc' ? 1 : -1;
    return [...rows].sort((a, b) => {
      const va = value(a), vb = value(b);
      const c = typeof va === 'string' ? compareVi(va, vb as string) : va - (vb as number);
      return c * k || b.weak - a.weak || a.code.localeCompare(b.code);
    });
  }, [rows, sort]);

  const header = (column: Column, label: string) => {
    const active = sort.column === column;
    return (
      <th aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
        <button type="button" onClick={() => setSort({ column, dir: active && sort.dir === 'desc' ? 'asc' : 'desc' })} data-testid={`ranking-sort-${column}`}>
          {label}
          {active ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}
        </button>
      </th>
    );
  };

  if (error) return <p className="notice" role="alert">{error}</p>;
  if (!rows) return <p className="loading">{t(lang, 'loadingData')}</p>;
  // No year to compare with (the data's first year), or none of its communes rated: no columns of dashes.
  const compared = compareYear !== view.year && rows.some((r) => r.compareShare !== null);
  return (
    <div className="ranking" data-testid="province-ranking">
      {!compared && <p className="muted" data-testid="ranking-no-compare">{compareYear === view.year ? t(lang, 'rankingNoEarlierYear', { year: view.year }) : t(lang, 'rankingNoCompareData', { year: compareYear })}</p>}
      <table>
        <thead>
          <tr>
            <th>{t(lang, 'reviewColRank')}</th>
            {header('name', t(lang, 'province'))}
            {header('communes', t(lang, 'reviewColUnits'))}
            {header('weak', t(lang, 'reviewColWeak'))}
            {header('share', `${t(lang, 'reviewColShare')} ${view.year}`)}
            {compared && header('compare', String(compareYear))}
            {compared && header('change', t(lang, 'reviewColShareChange'))}
            <th />
          </tr>
        </thead>
        <tbody>
          {sorted.map((r, i) => (
            <tr key={r.code} data-code={r.code}>
              <td className="num">{i + 1}</td>
              <td>{r.name}</td>
              <td className="num">{count(lang, r.communes)}</td>
              <td className="num" data-testid="ranking-weak">{count(lang, r.weak)}</td>
              <td className="num">{percent(lang, r.share)}</td>
              {compared && <td className="num">{r.compareShare === null ? '–' : percent(lang, r.compareShare)}</td>}
              {compared && <td className="num">{r.change === null ? '–' : points(lang, r.change)}</td>}
              <td>
                <button type="button" onClick={() => onReport(r.code)} data-testid="ranking-report">
                  {t(lang, 'reviewOpen')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
