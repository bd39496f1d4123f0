/**
 * The colour of every commune for the current mode, and the legend that
 * explains it, from values already fetched (pure: no DuckDB, no React):
 * - rating: the scale's colours;
 * - score or an indicator: classified (quantile, equal, Jenks, custom), breaks
 *   optionally the same for every year (pooled over all years), the ramp run
 *   so the weak end is the strong colour (the indicator's `higherIsBetter`);
 * - change: improved / unchanged / declined against another year.
 * Geometry is never touched here; only a Map code → RGB is produced.
 * src/ui/map/useMapColors.ts asks DuckDB for the values and calls these.
 */
import { tableFromIPC, type Table } from 'apache-arrow';
import { carriedYear, indicatorHigherIsBetter, type BundleManifest } from '../model/bundle.ts';
import { classCounts, classify, classOf, legendLabels, lockBreaks, sequentialColors, type Breaks } from '../model/classify.ts';
import { formatNumber, t } from '../model/i18n.ts';
import { WEAK_SHARE_COLORS, weakShareClass, weakShareLabels } from '../model/report.ts';
import { hexToRgb, levelById, sortedLevels, type RatingScale } from '../model/scale.ts';
import type { ViewState } from '../model/view-state.ts';

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
  /** The legend class (an entry's key) of each code that has one, so counts can be taken over any set of codes. */
  classByCode: Map<string, string>;
  title: string;
  entries: LegendEntry[];
  breaks?: Breaks;
  noData: number;
  /**
   * True when the map shows figures carried across the 2025 merger (a year
   * before, or after, the structure existed: src/db/merger.ts); the title then
   * says "ước tính theo diện tích", and so do the legend, slides and images.
   */
  estimated?: boolean;
  /**
   * True when the entries count provinces, not the communes coloured by them
   * (the weak-share map): the legend shows those counts as they are.
   */
  countsProvinces?: boolean;
}

/**
 * Improved is green and declined orange: the purple it had was the land-border
 * line's colour, so a border commune that improved could not be told apart.
 */
export const CHANGE_COLORS = { improved: '#4dac26', unchanged: '#f2efe6', declined: '#e66101' };

/** The part of the view that decides colours. */
export type ColorRequest = Pick<ViewState, 'structure' | 'year' | 'mode' | 'method' | 'classes' | 'customBreaks' | 'lockBreaks' | 'compareYear' | 'lang'>;

export function colorsKey(v: ColorRequest): string {
  return [v.structure, v.year, v.mode, v.method, v.classes, v.customBreaks.join(';'), v.lockBreaks, v.compareYear ?? '', v.lang].join('|');
}

/**
 * What decides the colours of a view's map: the view itself, except side by
 * side, where both maps use the same classes (rating levels, or breaks pooled
 * over all years) and a change map shows ratings.
 */
export function colorViewOf<V extends Pick<ViewState, 'split' | 'mode' | 'lockBreaks'>>(view: V): V {
  if (!view.split) return view;
  const numeric = view.mode === 'score' || view.mode.startsWith('ind:');
  return { ...view, mode: view.mode === 'change' ? 'rating' : view.mode, lockBreaks: numeric ? true : view.lockBreaks };
}

/** The year a change map (or the left map side by side) compares with: the one asked for, or the year before (never before the first). */
export function otherYear(years: readonly number[], v: Pick<ViewState, 'year' | 'compareYear'>): number {
  return v.compareYear ?? Math.max(Math.min(...years), v.year - 1);
}

/** The numeric column a score or indicator mode colours by (`score`, or the indicator's column). */
export function numericColumn(mode: ViewState['mode']): string {
  return mode === 'score' ? 'score' : mode.slice(4);
}

/** True when the breaks are classified over every year's values (locked), not the year's own. */
export function usesPooledBreaks(v: Pick<ColorRequest, 'method' | 'customBreaks' | 'lockBreaks'>): boolean {
  return !customBreaksApply(v) && v.lockBreaks;
}

function customBreaksApply(v: Pick<ColorRequest, 'method' | 'customBreaks'>): boolean {
  return v.method === 'custom' && new Set(v.customBreaks).size >= 2;
}

/** The ramp of `k` classes from low to high values; reversed when higher is better, so the weak end is the strong colour. */
export function rampColors(k: number, higherIsBetter: boolean): string[] {
  const palette = sequentialColors(k);
  return higherIsBetter ? [...palette].reverse() : palette;
}

/** A map's colours as DuckDB's answer to `v`. */
function answer(v: ColorRequest, ratingByCode: Map<string, string | null>, drawn: Pick<MapColors, 'colorByCode' | 'classByCode' | 'noData' | 'title' | 'entries' | 'breaks'>): MapColors {
  return { key: colorsKey(v), source: 'duckdb', ratingByCode, ...drawn };
}

/**
 * Whether the map of `v` shows carried figures: a rating or score map of a year
 * whose ratings sit on the other structure, or a change map with such a year on
 * either side. Indicator maps show only a structure's own years (else no data).
 */
export function mapIsEstimate(manifest: Pick<BundleManifest, 'structures' | 'years'>, v: Pick<ColorRequest, 'structure' | 'year' | 'mode' | 'compareYear'>): boolean {
  if (v.mode.startsWith('ind:')) return false;
  const carried = (year: number) => carriedYear(manifest, v.structure, year);
  return carried(v.year) || (v.mode === 'change' && carried(otherYear(manifest.years, v)));
}

/** `colors` with the estimate marked (flag and title) when `v`'s map is one (mapIsEstimate). */
export function withEstimateMark(manifest: Pick<BundleManifest, 'structures' | 'years'>, v: ColorRequest, colors: MapColors): MapColors {
  if (!mapIsEstimate(manifest, v) || colors.estimated) return colors;
  return { ...colors, estimated: true, title: `${colors.title} (${t(v.lang, 'estimateShort')})` };
}

/** The rating map's colours and legend for the year (the scale's colours). */
export function ratingMapColors(manifest: Pick<BundleManifest, 'scale'>, v: ColorRequest, ratingByCode: Map<string, string | null>): MapColors {
  const levels = sortedLevels(manifest.scale);
  const palette = new Map(levels.map((l) => [l.id, hexToRgb(l.color)]));
  const colorByCode = new Map<string, [number, number, number]>();
  const classByCode = new Map<string, string>();
  const counts = new Map<string, number>();
  let noData = 0;
  for (const [code, r] of ratingByCode) {
    const rgb = r ? palette.get(r) : undefined;
    if (rgb && r) {
      colorByCode.set(code, rgb);
      classByCode.set(code, r);
      counts.set(r, (counts.get(r) ?? 0) + 1);
    } else noData++;
  }
  const entries = levels.map((l) => ({ key: l.id, color: l.color, label: l.label[v.lang], count: counts.get(l.id) ?? 0 }));
  return answer(v, ratingByCode, { colorByCode, classByCode, noData, title: t(v.lang, 'legendTitle'), entries });
}

/**
 * The change map: each commune's level change from year `other` to the view's
 * year (negative = a better level, see levelChange in src/db/queries.ts;
 * null = not rated in one of the years).
 */
export function changeMapColors(v: ColorRequest, other: number, delta: Map<string, number | null>, ratingByCode: Map<string, string | null>): MapColors {
  const colorByCode = new Map<string, [number, number, number]>();
  const classByCode = new Map<string, string>();
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
    classByCode.set(code, k);
  }
  const entries = (['improved', 'unchanged', 'declined'] as const).map((k) => ({ key: k, color: CHANGE_COLORS[k], label: t(v.lang, k), count: counts[k] }));
  return answer(v, ratingByCode, { colorByCode, classByCode, noData, title: `${t(v.lang, 'modeChange')}: ${other} → ${v.year}`, entries });
}

/**
 * A score or indicator map: `values` are the year's values by code; `pooled`
 * every year's values, needed only when usesPooledBreaks(v).
 */
export function numericMapColors(
  manifest: Pick<BundleManifest, 'indicators'>,
  v: ColorRequest,
  values: Map<string, number | null>,
  pooled: ArrayLike<number> | undefined,
  ratingByCode: Map<string, string | null>,
): MapColors {
  const lang = v.lang;
  const column = numericColumn(v.mode);
  const arr = [...values.values()];
  let breaks: Breaks;
  if (customBreaksApply(v)) {
    breaks = classify(arr, 'custom', v.customBreaks.length - 1, v.customBreaks);
  } else if (v.lockBreaks) {
    if (!pooled) throw new Error('locked breaks need every year’s values');
    breaks = lockBreaks(classify(pooled, v.method === 'custom' ? 'quantile' : v.method, v.classes));
  } else {
    breaks = classify(arr, v.method === 'custom' ? 'quantile' : v.method, v.classes);
  }
  const colors = rampColors(Math.max(0, breaks.bounds.length - 1), indicatorHigherIsBetter(manifest.indicators, column));
  const colorByCode = new Map<string, [number, number, number]>();
  const classByCode = new Map<string, string>();
  let noData = 0;
  for (const [code, value] of values) {
    const c = classOf(value, breaks);
    if (c < 0) {
      noData++;
      continue;
    }
    colorByCode.set(code, hexToRgb(colors[c]));
    classByCode.set(code, String(c));
  }
  const counts = classCounts(arr, breaks);
  const labels = legendLabels(breaks, lang, column === 'score' ? 0 : 1);
  const indicator = manifest.indicators.find((i) => i.column === column);
  const title = column === 'score' ? t(lang, 'modeScore') : (indicator?.label[lang] ?? column);
  const entries = labels.map((label, i) => ({ key: String(i), color: colors[i], label, count: counts[i] ?? 0 }));
  return answer(v, ratingByCode, { colorByCode, classByCode, noData, breaks, title, entries });
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
 * structure read straight from the bundle's `ratings` part (Arrow IPC; a
 * lookup, not an analysis). DuckDB's answer replaces it as soon as the engine
 * is up; legend counts are only shown from DuckDB.
 */
export function firstPaint(manifest: Pick<BundleManifest, 'structures' | 'scale'>, ratingsPart: Uint8Array | undefined, v: ColorRequest): MapColors | undefined {
  const s = manifest.structures.find((x) => x.id === v.structure);
  if (v.mode !== 'rating' || !s || v.year < s.fromYear || v.year > s.toYear || !ratingsPart) return undefined;
  let table = ratingsCache.get(ratingsPart);
  if (!table) {
    table = tableFromIPC(ratingsPart);
    ratingsCache.set(ratingsPart, table);
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
  return { ...ratingMapColors(manifest, v, ratingByCode), source: 'bundle', noData: 0, entries: [] };
}

/** How many communes of `colors` have a weak rating (a level the scale marks `weak`). */
export function weakCount(colors: Pick<MapColors, 'ratingByCode'>, scale: RatingScale): number {
  let n = 0;
  for (const r of colors.ratingByCode.values()) if (r && levelById(scale, r)?.weak) n++;
  return n;
}

/** A province's weak communes in the year (src/db/worklist.ts provinceWeakShares). */
export interface ProvinceWeak {
  code: string;
  rated: number;
  weak: number;
}

/**
 * Provinces coloured by their share of weak communes (the province
 * choropleth): every commune takes its province's class, so the commune layer
 * draws it with no new geometry; the legend counts provinces per class.
 */
export function weakShareMapColors(v: ColorRequest, provinces: readonly ProvinceWeak[], provinceOf: ReadonlyMap<string, string>, ratingByCode: Map<string, string | null>): MapColors {
  const classOf = new Map(provinces.filter((p) => p.rated > 0).map((p) => [p.code, weakShareClass(p.weak / p.rated)]));
  const colorByCode = new Map<string, [number, number, number]>();
  const classByCode = new Map<string, string>();
  let noData = 0;
  for (const [code, province] of provinceOf) {
    const c = classOf.get(province);
    if (c === undefined) noData++;
    else {
      colorByCode.set(code, hexToRgb(WEAK_SHARE_COLORS[c]));
      classByCode.set(code, `weak-share-${c}`);
    }
  }
  const labels = weakShareLabels(v.lang);
  const entries: LegendEntry[] = labels.map((label, i) => ({ key: `weak-share-${i}`, color: WEAK_SHARE_COLORS[i], label, count: [...classOf.values()].filter((c) => c === i).length }));
  const title = `${t(v.lang, 'modeWeakShare')} ${v.year} (${t(v.lang, 'reviewProvincesCount', { count: formatNumber(v.lang, classOf.size) })})`;
  return { key: colorsKey(v), source: 'duckdb', colorByCode, ratingByCode, classByCode, title, entries, noData, countsProvinces: true };
}