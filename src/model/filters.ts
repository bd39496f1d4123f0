/**
 * The planner's filter as a plain, serialisable object: the same value drives
 * the map, the weak-commune list, the export header and the slide subtitle.
 * Empty arrays mean "no restriction". The database layer turns it into bound
 * parameters; nothing here builds SQL.
 */
import type { BundleManifest } from './bundle.ts';
import { formatNumber, t, type Lang } from './i18n.ts';
import { coversCountry } from './provinces.ts';
import { kindDef, priorityKindsOf } from './priority.ts';
import { levelById, weakLevelIds, type RatingScale } from './scale.ts';
import { cleanName } from './text.ts';

/** Whether a commune must carry any one of the chosen priority kinds, or all of them. */
export type KindsMode = 'any' | 'all';

export interface AtlasFilter {
  /** Structure id whose communes are listed (`2025`, `pre2025`). */
  structure: string;
  year: number;
  /** Province codes; empty = all provinces. */
  provinces: string[];
  /** Rating level ids; empty = all levels. */
  ratings: string[];
  /** Priority kind ids; empty = no restriction. */
  kinds: string[];
  kindsMode: KindsMode;
  /** Name or code search (commune or province name); matched without diacritics or case. */
  text: string;
  /** Only communes weak at least this many years running up to `year` (absent or 0: no restriction). */
  minWeakStreak?: number;
}

/** The filter a fresh atlas opens with: newest structure, latest year, nothing narrowed. */
export function defaultFilter(manifest: BundleManifest): AtlasFilter {
  return {
    structure: manifest.structures[0]?.id ?? '',
    year: Math.max(...manifest.years),
    provinces: [],
    ratings: [],
    kinds: [],
    kindsMode: 'any',
    text: '',
  };
}

/** The "weak communes" preset: `base` with the ratings set to the scale's weak levels. */
export function weakPreset(manifest: BundleManifest, base: AtlasFilter): AtlasFilter {
  return normaliseFilter({ ...base, ratings: weakLevelIds(manifest.scale) }, manifest);
}

function uniqueSorted(xs: readonly string[], compare?: (a: string, b: string) => number): string[] {
  const set = new Set(xs.map((x) => String(x).trim()).filter((x) => x !== ''));
  return [...set].sort(compare);
}

/**
 * Canonical form, so two filters that mean the same compare equal (saved views,
 * URL hash, isDefault): arrays de-duplicated and sorted (ratings in scale order,
 * unknown rating ids dropped because they can match nothing), text NFC-trimmed
 * with inner whitespace collapsed, an unknown structure replaced by the newest,
 * and the year moved to the nearest year the manifest has (ties go to the later year).
 */
export function normaliseFilter(filter: AtlasFilter, manifest: BundleManifest): AtlasFilter {
  const years = [...manifest.years].sort((a, b) => a - b);
  const wanted = Number.isFinite(filter.year) ? filter.year : years[years.length - 1];
  let year = years[years.length - 1];
  for (const y of years) if (Math.abs(y - wanted) <= Math.abs(year - wanted)) year = y;
  const structure = manifest.structures.some((s) => s.id === filter.structure) ? filter.structure : (manifest.structures[0]?.id ?? '');
  const order = (id: string) => levelById(manifest.scale, id)?.order ?? Number.MAX_SAFE_INTEGER;
  const ratings = uniqueSorted(filter.ratings).filter((id) => levelById(manifest.scale, id) !== undefined);
  ratings.sort((a, b) => order(a) - order(b));
  const streak = weakStreakOf(filter);
  return {
    structure,
    year,
    provinces: uniqueSorted(filter.provinces),
    ratings,
    kinds: uniqueSorted(filter.kinds),
    kindsMode: filter.kindsMode === 'all' ? 'all' : 'any',
    text: cleanName(filter.text),
    // Left out when off, so filters from before the field existed compare equal.
    ...(streak > 0 ? { minWeakStreak: streak } : {}),
  };
}

/** The filter's "weak N years running" threshold as a whole number of years (0 = off). */
export function weakStreakOf(filter: Pick<AtlasFilter, 'minWeakStreak'>): number {
  const n = Math.floor(Number(filter.minWeakStreak ?? 0));
  return Number.isFinite(n) && n > 0 ? Math.min(n, 100) : 0;
}

/** True when the filter, once normalised, is the manifest's default filter. */
export function isDefault(filter: AtlasFilter, manifest: BundleManifest): boolean {
  return sameFilter(normaliseFilter(filter, manifest), defaultFilter(manifest));
}

/** True when nothing narrows the communes (structure and year aside). */
export function isUnfiltered(filter: AtlasFilter): boolean {
  return filter.provinces.length === 0 && filter.ratings.length === 0 && filter.kinds.length === 0 && filter.text.trim() === '' && weakStreakOf(filter) === 0;
}

/** Field-by-field equality of two filters (compare normalised filters). */
export function sameFilter(a: AtlasFilter, b: AtlasFilter): boolean {
  const eq = (x: string[], y: string[]) => x.length === y.length && x.every((v, i) => v === y[i]);
  return (
    a.structure === b.structure &&
    a.year === b.year &&
    eq(a.provinces, b.provinces) &&
    eq(a.ratings, b.ratings) &&
    eq(a.kinds, b.kinds) &&
    a.kindsMode === b.kindsMode &&
    a.text === b.text &&
    weakStreakOf(a) === weakStreakOf(b)
  );
}

/**
 * What the description needs to name things: the manifest's scale and
 * structures (a manifest itself fits) plus optional display names.
 */
export interface FilterNames extends Pick<BundleManifest, 'scale' | 'structures' | 'priorityKinds'> {
  /** Province code → name; unknown codes are shown as the code. */
  provinces?: Record<string, string>;
}

/**
 * What "every province" is: the whole country ("Toàn quốc") when the data's
 * provinces are all of the country's (or not known), else all the data, with
 * its number of provinces: a folder of one province is not "the whole country".
 */
export function allProvincesLabel(lang: Lang, codes?: readonly string[]): string {
  return !codes?.length || coversCountry(codes) ? t(lang, 'describeAllProvinces') : t(lang, 'describeAllData', { count: formatNumber(lang, codes.length) });
}

/**
 * The filter in words, one clause per line, for export headers and slide
 * subtitles, e.g. `Năm 2025`, `Sau 2025`, `Tỉnh/thành: Hà Giang`,
 * `Xếp loại: Yếu`, `Vùng trọng điểm (thuộc ít nhất một): Biên giới đất liền`,
 * `Tên hoặc mã chứa: “lũng”`. Untrusted text stays plain text.
 */
export function describeFilterParts(filter: AtlasFilter, lang: Lang, names: FilterNames): string[] {
  // Years are not quantities: no thousands separator ("2025", not "2.025").
  const parts: string[] = [`${t(lang, 'year')} ${String(filter.year)}`];
  const structure = names.structures.find((s) => s.id === filter.structure);
  if (structure) parts.push(structure.label[lang]);
  parts.push(
    filter.provinces.length === 0
      ? allProvincesLabel(lang, names.provinces && Object.keys(names.provinces))
      : `${t(lang, 'describeProvinces')}: ${filter.provinces.map((c) => names.provinces?.[c] ?? c).join(', ')}`,
  );
  parts.push(
    filter.ratings.length === 0 ? t(lang, 'describeAllRatings') : `${t(lang, 'describeRatings')}: ${filter.ratings.map((id) => ratingLabel(names.scale, id, lang)).join(', ')}`,
  );
  if (filter.kinds.length > 0) {
    const kinds = priorityKindsOf(names);
    const label = (id: string) => kindDef(kinds, id).label[lang];
    parts.push(`${filter.kindsMode === 'all' ? t(lang, 'describeKindsAll') : t(lang, 'describeKindsAny')}: ${filter.kinds.map(label).join(', ')}`);
  }
  const streak = weakStreakOf(filter);
  if (streak > 0) parts.push(t(lang, 'describeStreak', { n: streak }));
  const text = filter.text.trim();
  if (text !== '') parts.push(`${t(lang, 'describeText')}: “${text}”`);
  return parts;
}

/** The filter in words on one line (clauses joined by " · "). */
export function describeFilter(filter: AtlasFilter, lang: Lang, names: FilterNames): string {
  return describeFilterParts(filter, lang, names).join(' · ');
}

function ratingLabel(scale: RatingScale, id: string, lang: Lang): string {
  return levelById(scale, id)?.label[lang] ?? id;
}
