/**
 * The periodic review report (sơ kết / tổng kết): what it is about
 * (`ReportRequest`), the numbers it reports (`ReportData`, answered by DuckDB in
 * src/db/report.ts) and the arithmetic on them that the sentences and tables
 * share. Pure: no DOM, no SQL.
 */
import type { BundleManifest } from './bundle.ts';
import type { KindsMode } from './filters.ts';
import { sortedLevels, type RatingScale } from './scale.ts';

/** Years a report's history columns and small-multiples strip cover. */
export const PERIOD_LENGTH = 5;

export interface ReportRequest {
  /** Structure whose communes are reported (`2025`, `pre2025`). */
  structure: string;
  /** Province code in that structure, or null for the whole country. */
  province: string | null;
  year: number;
  /** Year compared with (previous year by default; the first year of a plan for a tổng kết). */
  baseYear: number;
  /** Priority kinds of the view's filter: only communes in them are reported (empty = all). */
  kinds: string[];
  kindsMode: KindsMode;
}

/** Counts of one year in the report's scope. */
export interface ReportYear {
  year: number;
  /** Communes in scope. */
  units: number;
  /** Of which rated that year. */
  rated: number;
  /** Communes per rating level id. */
  byLevel: Record<string, number>;
  weak: number;
  /**
   * True when the year's ratings sit on another structure and were carried
   * over to these communes by area (the 2025 merger): an estimate. The fields
   * above are then what the map of these communes shows for that year.
   */
  estimated: boolean;
  /**
   * The year's weak count as the app's progress line gives it: real, in the
   * communes of the year's own structure (before 1 July 2025, the old
   * communes, each in the province that holds most of its land), unless that
   * cannot be done (a priority kind the old structure does not flag) and it
   * is an area-weighted estimate on the scope's communes (`estimated`).
   */
  counted: ReportCount;
}

/** One year's weak count (src/db/weak-by-year.ts). */
export interface ReportCount {
  /** Communes rated that year, and of them weak. */
  rated: number;
  weak: number;
  /** True for an area-weighted estimate, false for a count of real communes. */
  estimated: boolean;
  /** The structure whose communes were counted. */
  structure: string;
}

export interface ReportCommune {
  code: string;
  name: string;
  provinceCode: string;
  provinceName: string;
  /** Rating in the report's year and in the base year (level ids; null = none). */
  rating: string | null;
  baseRating: string | null;
  score: number | null;
  /** Consecutive weak years up to the report's year. */
  weakStreak: number;
  /** True when the streak counts years carried across the 2025 merger (an estimate). */
  streakEstimated: boolean;
  /** Priority kinds, sorted. */
  kinds: string[];
  /** Rating in each of `ReportData.period` (same order). */
  history: (string | null)[];
}

export interface ReportKind {
  kind: string;
  /** Inside the kind (in scope). */
  units: number;
  rated: number;
  weak: number;
  /** The rest of the scope. */
  restUnits: number;
  restRated: number;
  restWeak: number;
}

export interface ReportProvince {
  code: string;
  name: string;
  units: number;
  rated: number;
  weak: number;
  baseRated: number;
  baseWeak: number;
}

export interface ReportData {
  request: ReportRequest;
  /** The province's name (with its type: "Tỉnh Hà Giang"), or null for the whole country. */
  provinceName: string | null;
  /** `tỉnh` or `thành phố` for a province scope. */
  provinceType: string | null;
  /** Years of the history columns and of the strip, oldest first, ending at the report's year. */
  period: number[];
  /** Counts of every year of `period` and of the base year, oldest first. */
  years: ReportYear[];
  /** Every commune in scope (the map colours come from here), by code. */
  communes: ReportCommune[];
  /** Priority kinds flagged in the structure, each against the rest of the scope (report's year). */
  kinds: ReportKind[];
  /** For a national report: every province, report's year and base year. */
  provinces: ReportProvince[];
}

/** The year of a report's data, or a readable error. */
export function reportYear(data: ReportData, year: number): ReportYear {
  const y = data.years.find((x) => x.year === year);
  if (!y) throw new Error(`the report has no counts for ${year}`);
  return y;
}

/** weak / rated, 0 when nothing is rated. */
export function share(weak: number, rated: number): number {
  return rated > 0 ? weak / rated : 0;
}

/** The manifest years a report's history covers: up to PERIOD_LENGTH years ending at `year`. */
export function periodYears(manifest: Pick<BundleManifest, 'years'>, year: number): number[] {
  return [...manifest.years]
    .filter((y) => y <= year)
    .sort((a, b) => a - b)
    .slice(-PERIOD_LENGTH);
}

/** The default base year: the manifest year before `year` (or `year` itself when it is the first). */
export function defaultBaseYear(manifest: Pick<BundleManifest, 'years'>, year: number): number {
  const before = manifest.years.filter((y) => y < year);
  return before.length ? Math.max(...before) : year;
}

/** The level that "good or better" counts from: the second-best level of a scale of three or more. */
export function goodLevel(scale: RatingScale): RatingScale['levels'][number] | undefined {
  const levels = sortedLevels(scale).filter((l) => !l.weak);
  return levels.length >= 2 ? levels[1] : undefined;
}

/** Communes at `goodLevel` or better in a year. */
export function goodOrBetter(y: ReportYear, scale: RatingScale): number {
  const good = goodLevel(scale);
  if (!good) return 0;
  return scale.levels.filter((l) => l.order <= good.order).reduce((s, l) => s + (y.byLevel[l.id] ?? 0), 0);
}

/** Level change of a commune from the base year (negative = better), or null without both ratings. */
export function levelDelta(c: Pick<ReportCommune, 'rating' | 'baseRating'>, scale: RatingScale): number | null {
  const order = (id: string | null) => (id == null ? undefined : scale.levels.find((l) => l.id === id)?.order);
  const a = order(c.rating);
  const b = order(c.baseRating);
  return a === undefined || b === undefined ? null : a - b;
}

/** Communes rated weak in the report's year, longest streak first, then by province and name. */
export function weakCommunes(data: ReportData, scale: RatingScale): ReportCommune[] {
  const weak = new Set(scale.levels.filter((l) => l.weak).map((l) => l.id));
  return data.communes
    .filter((c) => c.rating != null && weak.has(c.rating))
    .sort((a, b) => b.weakStreak - a.weakStreak || a.provinceCode.localeCompare(b.provinceCode) || a.name.localeCompare(b.name, 'vi') || a.code.localeCompare(b.code));
}

/** Communes that went up by at least `levels` levels since the base year (biggest rise first). */
export function improvedCommunes(data: ReportData, scale: RatingScale, levels = 2): ReportCommune[] {
  return data.communes
    .filter((c) => (levelDelta(c, scale) ?? 0) <= -levels)
    .sort((a, b) => levelDelta(a, scale)! - levelDelta(b, scale)! || a.provinceCode.localeCompare(b.provinceCode) || a.name.localeCompare(b.name, 'vi'));
}

/**
 * Communes whose level fell since the base year by two levels or more, or by
 * one into a weak level: the falls a review must name (biggest fall first).
 */
export function declinedCommunes(data: ReportData, scale: RatingScale): ReportCommune[] {
  const weak = new Set(scale.levels.filter((l) => l.weak).map((l) => l.id));
  return data.communes
    .filter((c) => {
      const d = levelDelta(c, scale) ?? 0;
      return d >= 2 || (d >= 1 && c.rating != null && weak.has(c.rating));
    })
    .sort((a, b) => levelDelta(b, scale)! - levelDelta(a, scale)! || a.provinceCode.localeCompare(b.provinceCode) || a.name.localeCompare(b.name, 'vi'));
}

/** Provinces by weak share in the report's year, highest first (ties: more weak communes, then code). */
export function provinceRanking(data: ReportData): ReportProvince[] {
  return [...data.provinces].sort((a, b) => share(b.weak, b.rated) - share(a.weak, a.rated) || b.weak - a.weak || a.code.localeCompare(b.code));
}

/** Upper bounds of the classes of the weak-share choropleth (shares; the last class is open). */
export const WEAK_SHARE_BREAKS = [0, 0.01, 0.02, 0.05] as const;
/** Colours of those classes, light to dark (ColorBrewer Reds), the last for ≥ 5 %. */
export const WEAK_SHARE_COLORS = ['#fee5d9', '#fcae91', '#fb6a4a', '#de2d26', '#a50f15'] as const;

/** Class index (0…WEAK_SHARE_COLORS.length-1) of a weak share: 0 is exactly none. */
export function weakShareClass(value: number): number {
  if (value <= 0) return 0;
  for (let i = 1; i < WEAK_SHARE_BREAKS.length; i++) if (value <= WEAK_SHARE_BREAKS[i]) return i;
  return WEAK_SHARE_BREAKS.length;
}

/** Labels of the weak-share classes: "0,0 %", "≤ 1,0 %", "1,0 %–2,0 %", "2,0 %–5,0 %", "> 5,0 %" (en: "0.0%" …). */
export function weakShareLabels(lang: 'vi' | 'en'): string[] {
  const pct = (v: number) => {
    const s = (v * 100).toFixed(1);
    return lang === 'vi' ? `${s.replace('.', ',')} %` : `${s}%`;
  };
  const b = WEAK_SHARE_BREAKS;
  return [pct(0), `≤ ${pct(b[1])}`, ...b.slice(2).map((x, i) => `${pct(b[i + 1])}–${pct(x)}`), `> ${pct(b[b.length - 1])}`];
}
