/**
 * The colour of every commune for the current mode, and the legend that
 * explains it, from DuckDB answers:
 * - rating: the scale's colours;
 * - score or an indicator: classified (quantile, equal, Jenks, custom), breaks
 *   optionally the same for every year (pooled over all years);
 * - change: improved / unchanged / declined against another year.
 * Geometry is never touched here; only a Map code → RGB is produced.
 */
import { tableFromIPC, type Table } from 'apache-arrow';
import { useEffect, useMemo, useState } from 'react';
import type { LoadedBundle } from '../../io/bundle.ts';
import { levelChange, numericValues, pooledValues } from '../../db/queries.ts';
import { stringColumn } from '../../db/arrow-strings.ts';
import { seriesAllYears } from '../../db/series.ts';
import type { SqlRunner } from '../../db/runner.ts';
import type { BundleManifest } from '../../model/bundle.ts';
import { classCounts, classify, classOf, legendLabels, lockBreaks, sequentialColors, type Breaks } from '../../model/classify.ts';
import { t, type Lang } from '../../model/i18n.ts';
import { hexToRgb, sortedLevels } from '../../model/scale.ts';
import type { ViewState } from '../../model/view-state.ts';
import { firstListShown } from '../app/startup.ts';

export interface LegendEntry {
  key: string;
  color: string;
  label: string;
  count: number;
}

export interface MapColors {
  key: string;
  /** `duckdb`, or `bundle` for the first paint from the bundle's own Arrow table while DuckDB boots. */
  source: 'duckdb' | 'bundle';
  colorByCode: Map<string, [number, number, number]>;
  /** Rating per code in the year (always, for tooltips and counts). */
  ratingByCode: Map<string, string | null>;
  title: string;
  entries: LegendEntry[];
  breaks?: Breaks;
  noData: number;
}

export const CHANGE_COLORS = { improved: '#5e3c99', unchanged: '#f2efe6', declined: '#e66101' };

/** The part of the view that decides colours. */
export type ColorRequest = Pick<ViewState, 'structure' | 'year' | 'mode' | 'method' | 'classes' | 'customBreaks' | 'lockBreaks' | 'compareYear' | 'lang'>;

export function colorsKey(v: ColorRequest): string {
  return [v.structure, v.year, v.mode, v.method, v.classes, v.customBreaks.join(';'), v.lockBreaks, v.compareYear ?? '', v.lang].join('|');
}

type RatingsByYear = Map<number, Map<string, string | null>>;

/**
 * Every year's rating of every commune of a structure, asked of DuckDB once per
 * engine handle and structure, then kept by year: switching the year of the
 * rating map is then a lookup, not a query (the p95 budget is one frame).
 * `value` is set once DuckDB has answered, so a render can use it directly.
 */
const seriesCache = new WeakMap<SqlRunner, Map<string, { promise: Promise<RatingsByYear>; value?: RatingsByYear }>>();

function ratingsByYear(db: SqlRunner, structure: string): Promise<RatingsByYear> {
  let perDb = seriesCache.get(db);
  if (!perDb) {
    perDb = new Map();
    seriesCache.set(db, perDb);
  }
  let entry = perDb.get(structure);
  if (!entry) {
    const e: { promise: Promise<RatingsByYear>; value?: RatingsByYear } = {
      promise: seriesAllYears(db, structure).then((t) => {
        const out: RatingsByYear = new Map();
        const code = stringColumn(t, 'code'), rating = stringColumn(t, 'rating');
        const year = t.getChild('year')?.toArray() as ArrayLike<number> | undefined;
        for (let i = 0; i < t.numRows; i++) {
          const y = Number(year?.[i]);
          let m = out.get(y);
          if (!m) out.set(y, (m = new Map()));
          m.set(code[i] ?? '', rating[i]);
        }
        e.value = out;
        return out;
      }),
    };
    entry = e;
    perDb.set(structure, entry);
    entry.promise.catch(() => perDb!.delete(structure));
  }
  return entry.promise;
}

/** The ratings of every year of `structure`, if DuckDB has already answered them. */
function keptRatings(db: SqlRunner, structure: string): RatingsByYear | undefined {
  return seriesCache.get(db)?.get(structure)?.value;
}

/** The rating map's colours and legend for the year (the scale's colours). */
function ratingMapColors(manifest: BundleManifest, v: ColorRequest, ratingByCode: Map<string, string | null>): MapColors {
  const levels = sortedLevels(manifest.scale);
  const palette = new Map(levels.map((l) => [l.id, hexToRgb(l.color)]));
  const colorByCode = new Map<string, [number, number, number]>();
  const counts = new Map<string, number>();
  let noData = 0;
  for (const [code, r] of ratingByCode) {
    const rgb = r ? palette.get(r) : undefined;
    if (rgb && r) {
      colorByCode.set(code, rgb);
      counts.set(r, (counts.get(r) ?? 0) + 1);
    } else noData++;
  }
  return {
    key: colorsKey(v),
    source: 'duckdb',
    colorByCode,
    ratingByCode,
    noData,
    title: t(v.lang, 'legendTitle'),
    entries: levels.map((l) => ({ key: l.id, color: l.color, label: l.label[v.lang], count: counts.get(l.id) ?? 0 })),
  };
}

async function compute(db: SqlRunner, manifest: BundleManifest, v: ColorRequest): Promise<MapColors> {
  const lang: Lang = v.lang;
  const ratingByCode = (await ratingsByYear(db, v.structure)).get(v.year) ?? new Map<string, string | null>();
  const colorByCode = new Map<string, [number, number, number]>();
  const key = colorsKey(v);

  if (v.mode === 'rating') return ratingMapColors(manifest, v, ratingByCode);

  if (v.mode === 'change') {
    const other = v.compareYear ?? Math.max(Math.min(...manifest.years), v.year - 1);
    const delta = await levelChange(db, v.structure, v.year, other);
    const counts = { improved: 0, unchanged: 0, declined: 0 };
    let noData = 0;
    for (const [code, d] of delta) {
      if (d == null) {
        noData++;
        continue;
      }
      const k = d < 0 ? 'improved' : d > 0 ? 'declined' : 'unchanged';
      counts[k]++;
      colorByCode.set(code, hexToRgb(CHANGE_COLORS[k]));
    }
    return {
      key,
      source: 'duckdb',
      colorByCode,
      ratingByCode,
      noData,
      title: `${t(lang, 'modeChange')}: ${other} → ${v.year}`,
      entries: (['improved', 'unchanged', 'declined'] as const).map((k) => ({ key: k, color: CHANGE_COLORS[k], label: t(lang, k), count: counts[k] })),
    };
  }

  const column = v.mode === 'score' ? 'score' : v.mode.slice(4);
  const values = await numericValues(db, manifest, v.structure, v.year, column);
  const arr = [...values.values()];
  let breaks: Breaks;
  if (v.method === 'custom' && new Set(v.customBreaks).size >= 2) {
    breaks = classify(arr, 'custom', v.customBreaks.length - 1, v.customBreaks);
  } else if (v.lockBreaks) {
    breaks = lockBreaks(classify(await pooledValues(db, manifest, v.structure, column), v.method === 'custom' ? 'quantile' : v.method, v.classes));
  } else {
    breaks = classify(arr, v.method === 'custom' ? 'quantile' : v.method, v.classes);
  }
  const k = Math.max(0, breaks.bounds.length - 1);
  const palette = sequentialColors(k);
  // Higher score / participation is better: reverse the ramp so the weak end is the strong colour.
  const higherIsBetter = column !== 'incidents';
  const colors = higherIsBetter ? [...palette].reverse() : palette;
  let noData = 0;
  for (const [code, value] of values) {
    const c = classOf(value, breaks);
    if (c < 0) {
      noData++;
      continue;
    }
    colorByCode.set(code, hexToRgb(colors[c]));
  }
  const counts = classCounts(arr, breaks);
  const labels = legendLabels(breaks, lang, column === 'score' ? 0 : 1);
  const indicator = manifest.indicators.find((i) => i.column === column);
  return {
    key,
    source: 'duckdb',
    colorByCode,
    ratingByCode,
    noData,
    breaks,
    title: column === 'score' ? t(lang, 'modeScore') : (indicator?.label[lang] ?? column),
    entries: labels.map((label, i) => ({ key: String(i), color: colors[i], label, count: counts[i] ?? 0 })),
  };
}

/** The colour maps handed out lately, by colours key (a few: the single map and the two of a split view). */
const handedOut = new Map<string, MapColors['colorByCode']>();

function sameRgb(a: MapColors['colorByCode'], b: MapColors['colorByCode']): boolean {
  if (a.size !== b.size) return false;
  for (const [code, x] of a) {
    const y = b.get(code);
    if (!y || y[0] !== x[0] || y[1] !== x[1] || y[2] !== x[2]) return false;
  }
  return true;
}

/**
 * `c`, with the colour map handed out before for the same key when every
 * commune's colour is the same: the map's layers then see the same array and
 * are not rebuilt or redrawn. DuckDB's first answer usually equals the first
 * paint from the bundle; the legend counts and the source still come from `c`.
 */
export function keepEqualColors(c: MapColors | undefined): MapColors | undefined {
  if (!c) return c;
  const before = handedOut.get(c.key);
  if (before && before !== c.colorByCode && sameRgb(before, c.colorByCode)) return { ...c, colorByCode: before };
  handedOut.delete(c.key);
  handedOut.set(c.key, c.colorByCode);
  while (handedOut.size > 4) handedOut.delete(handedOut.keys().next().value!);
  return c;
}

const ratingsCache = new WeakMap<Uint8Array, Table>();

/**
 * The first paint, before DuckDB is ready: ratings of a year on its own
 * structure read straight from the bundle's Arrow table (a lookup, not an
 * analysis). DuckDB's answer replaces it as soon as the engine is up; legend
 * counts are only shown from DuckDB.
 */
export function firstPaint(bundle: LoadedBundle, v: ColorRequest): MapColors | undefined {
  const s = bundle.manifest.structures.find((x) => x.id === v.structure);
  if (v.mode !== 'rating' || !s || v.year < s.fromYear || v.year > s.toYear || !bundle.parts.ratings) return undefined;
  let table = ratingsCache.get(bundle.parts.ratings);
  if (!table) {
    table = tableFromIPC(bundle.parts.ratings);
    ratingsCache.set(bundle.parts.ratings, table);
  }
  const years = table.getChild('year')?.toArray() as ArrayLike<number> | undefined;
  const codes = table.getChild('code');
  const ratings = table.getChild('rating');
  if (!years || !codes || !ratings) return undefined;
  const ratingByCode = new Map<string, string | null>();
  for (let i = 0; i < years.length; i++) {
    if (years[i] === v.year) ratingByCode.set(String(codes.get(i)), (ratings.get(i) as string | null) ?? null);
  }
  // The same colours as DuckDB's rating map; no legend counts until DuckDB answers.
  return { ...ratingMapColors(bundle.manifest, v, ratingByCode), source: 'bundle', noData: 0, entries: [] };
}

export function useMapColors(db: SqlRunner | undefined, manifest: BundleManifest | undefined, view: ViewState | undefined) {
  const [colors, setColors] = useState<MapColors | undefined>();
  const [error, setError] = useState<string | undefined>();
  // Primitive dependencies: a camera move or a filter change must not recolour.
  const structure = view?.structure, year = view?.year, mode = view?.mode, method = view?.method, classes = view?.classes;
  const breaksText = view?.customBreaks.join(';') ?? '', lock = view?.lockBreaks, compareYear = view?.compareYear, lang = view?.lang;
  useEffect(() => {
    if (!db || !manifest || structure === undefined || year === undefined || !mode || !method || classes === undefined || lock === undefined || !lang) return;
    // Worked out in the render below, with nothing to wait for.
    if (mode === 'rating' && keptRatings(db, structure)) return;
    let current = true;
    const customBreaks = breaksText ? breaksText.split(';').map(Number) : [];
    firstListShown.then(() => compute(db, manifest, { structure, year, mode, method, classes, customBreaks, lockBreaks: lock, compareYear, lang })).then(
      (c) => {
        if (!current) return;
        setColors(c);
        setError(undefined);
      },
      (e: unknown) => current && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      current = false;
    };
  }, [db, manifest, structure, year, mode, method, classes, breaksText, lock, compareYear, lang]);

  // The rating map, once its structure's years are in memory, is worked out in this render:
  // a year switch recolours without waiting for an effect, a promise and a second render.
  const kept = db && structure !== undefined ? keptRatings(db, structure) : undefined;
  const inRender = useMemo(() => {
    if (!kept || !manifest || mode !== 'rating' || structure === undefined || year === undefined || !method || classes === undefined || lock === undefined || !lang) return undefined;
    const v: ColorRequest = { structure, year, mode, method, classes, customBreaks: breaksText ? breaksText.split(';').map(Number) : [], lockBreaks: lock, compareYear, lang };
    return ratingMapColors(manifest, v, kept.get(year) ?? new Map());
  }, [kept, manifest, structure, year, mode, method, classes, breaksText, lock, compareYear, lang]);
  return { colors: inRender ?? colors, error: inRender ? undefined : error };
}
