/**
 * The planner's filter applied to the units drawn on the map, in memory, for
 * the map's fade only: a filter change or a search keystroke fades the map in
 * the same frame, even while DuckDB is busy. The worklist, its order, streaks,
 * counts and charts are still DuckDB's answers (src/db/worklist.ts); this must
 * match exactly the communes DuckDB lists, which a unit test checks filter by
 * filter against the worklist query.
 *
 * Same rules as the worklist's WHERE clause: provinces (any of), rating levels
 * (any of; no rating never matches), priority kinds (any of, or all of), and a
 * search that is a diacritic- and case-insensitive substring of the name, or
 * the exact code.
 */
import { isUnfiltered, weakStreakOf, type AtlasFilter } from './filters.ts';
import { searchTerm } from './text.ts';

/** What the fade needs to know of each unit of one structure. */
export interface FadeUnit {
  code: string;
  provinceCode: string;
  /** `foldText(name)`. */
  folded: string;
  /** `foldText(province name)`: a search matches the province's name too. */
  provinceFolded?: string;
}

export interface FadeInput {
  units: readonly FadeUnit[];
  /** Rating per code in the filter's year; a missing code has no rating. */
  ratingByCode: ReadonlyMap<string, string | null>;
  /** Priority kinds per code in the filter's structure. */
  kindsByCode: ReadonlyMap<string, ReadonlySet<string>>;
  /** Weak years running up to the filter's year, per code (needed when the filter has `minWeakStreak`). */
  weakStreakByCode?: ReadonlyMap<string, number>;
}

/** The codes matching `filter`, or undefined when nothing is filtered (no fade). */
export function matchingCodes(filter: AtlasFilter, input: FadeInput): Set<string> | undefined {
  if (isUnfiltered(filter)) return undefined;
  const provinces = new Set(filter.provinces);
  const ratings = new Set(filter.ratings);
  const kinds = [...new Set(filter.kinds)];
  const text = textMatcher(filter.text);
  const streak = weakStreakOf(filter);
  const out = new Set<string>();
  for (const u of input.units) {
    if (provinces.size > 0 && !provinces.has(u.provinceCode)) continue;
    if (ratings.size > 0) {
      const r = input.ratingByCode.get(u.code);
      if (r == null || !ratings.has(r)) continue;
    }
    if (kinds.length > 0) {
      const has = input.kindsByCode.get(u.code);
      const hit = filter.kindsMode === 'all' ? kinds.every((k) => has?.has(k)) : kinds.some((k) => has?.has(k));
      if (!hit) continue;
    }
    if (streak > 0 && (input.weakStreakByCode?.get(u.code) ?? 0) < streak) continue;
    if (text && !text(u.folded, u.code, u.provinceFolded)) continue;
    out.add(u.code);
  }
  return out;
}

/**
 * The search part of the filter: a test of a unit's folded name, its folded
 * province name and its code, or undefined when the text searches nothing
 * (it folds to '').
 */
export function textMatcher(searchText: string): ((folded: string, code: string, provinceFolded?: string) => boolean) | undefined {
  const term = searchTerm(searchText);
  if (!term) return undefined;
  return (folded, code, provinceFolded) => folded.includes(term.folded) || (provinceFolded?.includes(term.folded) ?? false) || code === term.raw;
}

/**
 * The rows of a list answered without search text that a search keeps, in the
 * list's order: `codes[i]` and `folded[i]` (`foldText` of the name) are row i.
 * Undefined when the text searches nothing.
 */
export function narrowRows(codes: readonly string[], folded: readonly string[], searchText: string, provinceFolded?: readonly string[]): Int32Array | undefined {
  const test = textMatcher(searchText);
  if (!test) return undefined;
  const rows: number[] = [];
  for (let i = 0; i < codes.length; i++) if (test(folded[i], codes[i], provinceFolded?.[i])) rows.push(i);
  return Int32Array.from(rows);
}
