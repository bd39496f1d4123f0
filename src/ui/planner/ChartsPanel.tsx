/**
 * Charts of the planner's workspace, drawn with d3 scales from DuckDB answers:
 * ratings by province for the year (stacked bars, click to filter), the share
 * of weak communes by year nationally and for a priority kind against the rest,
 * and progress toward "no weak commune". The share and the progress are REAL
 * counts, each year in that year's own communes (useWeakByYear); a figure that
 * is an area-weighted estimate says so (dashed, "ước tính theo diện tích").
 *
 * Memoised: the page hands it a deferred view (useDeferredValue) and a stable
 * `onChange`, so a year switch's own task re-renders the map, the controls and
 * the status line, and the charts follow in React's next, interruptible render.
 */
import { memo, useEffect, useState } from 'react';
import type { SqlRunner } from '../../db/runner.ts';
import type { WeakYear } from '../../db/weak-by-year.ts';
import { ratingsByProvince } from '../../db/worklist.ts';
import { askAfterFirstList } from '../app/startup.ts';
import { carriedYear, type BundleManifest } from '../../model/bundle.ts';
import { compareVi, formatNumber, formatShare, t, type Lang } from '../../model/i18n.ts';
import { kindDef, type PriorityKindDef } from '../../model/priority.ts';
import { shortProvinceName } from '../../model/provinces.ts';
import { cleanName, reasonOf } from '../../model/text.ts';
import type { ViewState } from '../../model/view-state.ts';
import { LineChart, type Series } from './charts/LineChart.tsx';
import { StackedBars, type ProvinceBar } from './charts/StackedBars.tsx';
import { useWeakByYear } from './useWeakByYear.ts';
import { filterOf } from './useWorklist.ts';

/** A chart line's points from counts per year (estimated years marked). */
const points = (years: WeakYear[] | undefined) => (years ?? []).map((r) => ({ year: r.year, value: r.share, estimated: r.estimated }));

export const ChartsPanel = memo(function ChartsPanel({ lang, db, manifest, kinds, view, wholeLabel, onChange }: { lang: Lang; db: SqlRunner; manifest: BundleManifest; kinds: PriorityKindDef[]; view: ViewState; /** The line of every commune: "Toàn quốc", or all the data of a part of the country. */ wholeLabel: string; onChange: (p: Partial<ViewState>) => void }) {
  const [bars, setBars] = useState<ProvinceBar[]>([]);
  const [barsError, setBarsError] = useState<string>();
  const filter = filterOf(view);
  const filterKey = JSON.stringify({ ...filter, provinces: [] });
  // The kind compared with the rest: the first chosen in the filter, else the land border, else the data's first kind.
  const kind = view.kinds[0] ?? (kinds.length === 0 || kinds.some((k) => k.id === 'border') ? 'border' : kinds[0].id);

  useEffect(() => {
    let current = true;
    const f = JSON.parse(filterKey) as typeof filter;
    // DuckDB answers the page's worklist first (see askAfterFirstList).
    const cancel = askAfterFirstList(() => void ratingsByProvince(db, f).then(
      (tb) => {
        if (!current) return;
        const byProvince = new Map<string, ProvinceBar>();
        for (const r of tb.toArray()) {
          const o = r.toJSON() as { province_code: string; province_name: string; rating: string | null; communes: number };
          const code = String(o.province_code);
          let b = byProvince.get(code);
          if (!b) {
            b = { provinceCode: code, provinceName: shortProvinceName(cleanName(o.province_name)), counts: {} };
            byProvince.set(code, b);
          }
          if (o.rating) b.counts[o.rating] = Number(o.communes);
        }
        // Provinces with the largest weak share first: where to act.
        const weakIds = manifest.scale.levels.filter((l) => l.weak).map((l) => l.id);
        const share = (b: ProvinceBar) => {
          const total = Object.values(b.counts).reduce((s, n) => s + n, 0) || 1;
          return weakIds.reduce((s, id) => s + (b.counts[id] ?? 0), 0) / total;
        };
        setBarsError(undefined);
        setBars([...byProvince.values()].sort((a, b) => share(b) - share(a) || compareVi(a.provinceName, b.provinceName)));
      },
      (e: unknown) => {
        console.error(e);
        if (current) setBarsError(reasonOf(e));
      },
    ));
    return () => {
      current = false;
      cancel();
    };
  }, [db, manifest, filterKey]);

  // Real counts per year, nationally and inside / outside the kind (after the page's worklist and map colours).
  const nationalAnswer = useWeakByYear(db, manifest, view.structure);
  const insideAnswer = useWeakByYear(db, manifest, view.structure, { kinds: [kind] });
  const outsideAnswer = useWeakByYear(db, manifest, view.structure, { kinds: [kind], outside: true });
  const [national, inside, outside] = [nationalAnswer.years, insideAnswer.years, outsideAnswer.years];
  const failed = barsError ?? nationalAnswer.error ?? insideAnswer.error ?? outsideAnswer.error;

  const kindLabel = kindDef(kinds, kind).label[lang];
  const series: Series[] = [
    { id: 'national', label: wholeLabel, color: '#222', points: points(national) },
    { id: 'inside', label: kindLabel, color: '#b3261e', points: points(inside) },
    { id: 'outside', label: `${t(lang, 'outside')} (${kindLabel})`, color: '#888', points: points(outside) },
  ];
  const counted = (national ?? []).filter((r) => r.total > 0);
  const now = counted.find((r) => r.year === view.year);
  // Compared with the first year counted; in that year itself, with the last.
  const first = counted[0] && now && counted[0].year === now.year ? counted.at(-1) : counted[0];
  const anyEstimated = series.some((s) => s.points.some((p) => p.estimated && p.value != null));
  const unitsVary = new Set(counted.map((r) => r.unitsStructure)).size > 1;
  const barsEstimated = carriedYear(manifest, view.structure, view.year);

  return (
    <section className="charts" aria-label={t(lang, 'charts')} data-testid="charts">
      <h2>{t(lang, 'progress')}</h2>
      {failed && (
        <p className="error-text" role="alert" data-testid="charts-error">
          {t(lang, 'chartsFailed', { reason: failed })}
        </p>
      )}
      {now && first && (
        <p className="progress-text" data-testid="progress" data-units={now.unitsStructure} data-first-units={first.unitsStructure}>
          {t(lang, 'progressText', {
            count: formatNumber(lang, now.weak),
            total: formatNumber(lang, now.total),
            share: formatShare(lang, now.share ?? 0),
            year: now.year,
            first: first.year,
            firstCount: formatNumber(lang, first.weak),
            firstTotal: formatNumber(lang, first.total),
            firstShare: formatShare(lang, first.share ?? 0),
          })}
          {now.estimated || first.estimated ? ` (${t(lang, 'estimateShort')})` : ''}
        </p>
      )}
      <h3>{t(lang, 'chartWeakShare')}</h3>
      <LineChart lang={lang} series={series} ariaLabel={t(lang, 'chartWeakShare')} markYear={view.year} width={276} estimatedLabel={t(lang, 'estimateShort')} />
      {(unitsVary || anyEstimated) && (
        <p className="muted chart-note" data-testid="chart-note">
          {unitsVary && t(lang, 'progressUnits')} {anyEstimated && t(lang, 'progressEstimated')}
        </p>
      )}
      <h3>
        {t(lang, 'chartProvinces', { year: view.year })}
        {barsEstimated && <small className="estimate-mark"> ({t(lang, 'estimateShort')})</small>}
      </h3>
      <StackedBars
        lang={lang}
        scale={manifest.scale}
        bars={bars}
        selected={view.provinces}
        width={276}
        onSelect={(code) => onChange({ provinces: view.provinces.includes(code) ? view.provinces.filter((p) => p !== code) : [...view.provinces, code].sort() })}
      />
    </section>
  );
});
