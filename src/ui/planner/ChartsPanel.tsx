/**
 * Charts of the planner's workspace, drawn with d3 scales from DuckDB answers:
 * ratings by province for the year (stacked bars, click to filter), the share
 * of weak communes by year nationally and for a priority kind against the rest,
 * and progress toward "no weak commune".
 */
import { useEffect, useState } from 'react';
import type { SqlRunner } from '../../db/runner.ts';
import { ratingsByProvince, weakShareByYear } from '../../db/worklist.ts';
import { askAfterFirstList } from '../app/startup.ts';
import type { BundleManifest } from '../../model/bundle.ts';
import { compareVi, formatNumber, t, type Lang } from '../../model/i18n.ts';
import { priorityKind } from '../../model/priority.ts';
import { cleanName } from '../../model/text.ts';
import type { ViewState } from '../../model/view-state.ts';
import { LineChart, type Series } from './charts/LineChart.tsx';
import { StackedBars, type ProvinceBar } from './charts/StackedBars.tsx';
import { filterOf } from './useWorklist.ts';

interface ShareRow {
  year: number;
  kind: string | null;
  inside: boolean | null;
  communes: number;
  weak: number;
  share: number;
}

export function ChartsPanel({ lang, db, manifest, view, onChange }: { lang: Lang; db: SqlRunner; manifest: BundleManifest; view: ViewState; onChange: (p: Partial<ViewState>) => void }) {
  const [bars, setBars] = useState<ProvinceBar[]>([]);
  const [shares, setShares] = useState<ShareRow[]>([]);
  const filter = filterOf(view);
  const filterKey = JSON.stringify({ ...filter, provinces: [] });
  // The kind compared with the rest: the first chosen in the filter, else the land border.
  const kind = view.kinds[0] ?? 'border';

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
            b = { provinceCode: code, provinceName: cleanName(o.province_name).replace(/^(Tỉnh|Thành phố)\s+/u, ''), counts: {} };
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
        setBars([...byProvince.values()].sort((a, b) => share(b) - share(a) || compareVi(a.provinceName, b.provinceName)));
      },
      (e: unknown) => console.error(e),
    ));
    return () => {
      current = false;
      cancel();
    };
  }, [db, manifest, filterKey]);

  useEffect(() => {
    let current = true;
    // After the page's worklist and map colours too.
    const cancel = askAfterFirstList(() => void weakShareByYear(db, view.structure, [kind]).then(
      (tb) => current && setShares(tb.toArray().map((r) => r.toJSON() as ShareRow).map((r) => ({ ...r, year: Number(r.year), communes: Number(r.communes), weak: Number(r.weak), share: Number(r.share) }))),
      (e: unknown) => console.error(e),
    ));
    return () => {
      current = false;
      cancel();
    };
  }, [db, view.structure, kind]);

  const kindLabel = priorityKind(kind) ? t(lang, priorityKind(kind)!.label) : kind;
  const pick = (pred: (r: ShareRow) => boolean) => shares.filter(pred).map((r) => ({ year: r.year, value: r.share }));
  const series: Series[] = [
    { id: 'national', label: t(lang, 'national'), color: '#222', points: pick((r) => r.kind === null) },
    { id: 'inside', label: kindLabel, color: '#b3261e', points: pick((r) => r.kind === kind && r.inside === true) },
    { id: 'outside', label: `${t(lang, 'outside')} (${kindLabel})`, color: '#888', dashed: true, points: pick((r) => r.kind === kind && r.inside === false) },
  ];
  const national = shares.filter((r) => r.kind === null);
  const first = national[0];
  const now = national.find((r) => r.year === view.year);

  return (
    <section className="charts" aria-label={t(lang, 'charts')} data-testid="charts">
      <h2>{t(lang, 'progress')}</h2>
      {now && first && (
        <p className="progress-text" data-testid="progress">
          {t(lang, 'progressText', {
            count: formatNumber(lang, now.weak),
            share: `${formatNumber(lang, now.share * 100, 1)}%`,
            year: now.year,
            first: first.year,
            firstCount: formatNumber(lang, first.weak),
          })}
        </p>
      )}
      <h3>{t(lang, 'chartWeakShare')}</h3>
      <LineChart lang={lang} series={series} ariaLabel={t(lang, 'chartWeakShare')} markYear={view.year} width={276} />
      <h3>{t(lang, 'chartProvinces', { year: view.year })}</h3>
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
}
