/**
 * The planner's worklist: the communes matching a filter in one year, weakest
 * first, with their priority kinds and how many years in a row they have been
 * weak; plus the ratings per province drawn beside it. (The weak share per
 * year, in real counts, is ./weak-by-year.ts.)
 *
 * Filters read the year table of the structure × year (./year-table.ts, made
 * from the series of ./series.ts). SQL
 * text depends only on the SHAPE of the filter (how many provinces, which
 * sort column from a fixed list); every value is a bound parameter, so names
 * and search text are never SQL.
 */
import type { Table } from 'apache-arrow';
import { weakStreakOf, type AtlasFilter } from '../model/filters.ts';
import { searchTerm } from '../model/text.ts';
import type { SqlParam, SqlRunner } from './runner.ts';
import { tablesReady } from './tables.ts';
import { yearTable } from './year-table.ts';

/** Columns of the worklist, in output order. */
export const WORKLIST_COLUMNS = [
  'code',
  'name',
  'unit_type',
  'province_code',
  'province_name',
  'rating',
  'rating_order',
  'score',
  'estimated',
  'kinds',
  'weak_streak',
  'streak_estimated',
  'area_km2',
] as const;

export type WorklistColumn = (typeof WORKLIST_COLUMNS)[number];
export type SortDir = 'asc' | 'desc';

export interface WorklistSort {
  column: WorklistColumn;
  dir: SortDir;
}

export interface WorklistOptions {
  /** Default: weakest first (rating_order desc, score asc, code). */
  sort?: WorklistSort;
  /** Maximum number of rows; omitted = all. */
  limit?: number;
}

/**
 * The only sort expressions that can reach SQL. Names sort on their folded form
 * first so "Đồng Văn" sits among the D's, as a Vietnamese reader expects,
 * rather than after Z as raw code points would put it.
 */
const SORT_SQL: Record<WorklistColumn, (dir: 'ASC' | 'DESC') => string> = {
  code: (d) => `code ${d}`,
  name: (d) => `folded ${d}, name ${d}`,
  unit_type: (d) => `unit_type ${d}`,
  province_code: (d) => `province_code ${d}`,
  province_name: (d) => `province_name ${d}`,
  rating: (d) => `rating_order ${d}`,
  rating_order: (d) => `rating_order ${d}`,
  score: (d) => `score ${d}`,
  estimated: (d) => `estimated ${d}`,
  kinds: (d) => `kinds ${d}`,
  weak_streak: (d) => `weak_streak ${d}`,
  streak_estimated: (d) => `streak_estimated ${d}`,
  area_km2: (d) => `area_km2 ${d}`,
};

const DEFAULT_ORDER = 'rating_order DESC NULLS LAST, score ASC NULLS LAST, code ASC';

/**
 * The ORDER BY of a worklist sort (default: weakest first), nulls last and the
 * code as tie-break, built only from SORT_SQL.
 *
 * @throws Error for a sort column outside WORKLIST_COLUMNS.
 */
export function worklistOrder(sort?: WorklistSort): string {
  if (!sort) return DEFAULT_ORDER;
  const expr = Object.hasOwn(SORT_SQL, sort.column) ? SORT_SQL[sort.column] : undefined;
  if (!expr) throw new Error(`cannot sort the worklist by ${String(sort.column)}`);
  const dir = sort.dir === 'desc' ? 'DESC' : 'ASC';
  return `${expr(dir).split(', ').map((e) => `${e} NULLS LAST`).join(', ')}, code ASC`;
}

/** `?, ?, ?` for n values; the count is the only thing taken from input. */
export function marks(n: number): string {
  return Array.from({ length: n }, () => '?').join(', ');
}

export function unique(xs: readonly string[]): string[] {
  return [...new Set(xs)];
}

export interface Where {
  sql: string;
  params: SqlParam[];
}

/**
 * The WHERE clause of a filter over a year table (see ./year-table.ts).
 * `withRatings` false leaves the rating levels out (for charts that show all levels).
 */
function filterWhere(filter: AtlasFilter, withRatings = true): Where {
  const clauses = ['TRUE'];
  const params: SqlParam[] = [];
  const provinces = unique(filter.provinces);
  if (provinces.length > 0) {
    clauses.push(`province_code IN (${marks(provinces.length)})`);
    params.push(...provinces);
  }
  const ratings = unique(filter.ratings);
  if (withRatings && ratings.length > 0) {
    clauses.push(`rating IN (${marks(ratings.length)})`);
    params.push(...ratings);
  }
  const kinds = unique(filter.kinds);
  if (kinds.length > 0) {
    const fn = filter.kindsMode === 'all' ? 'list_has_all' : 'list_has_any';
    clauses.push(`${fn}(kind_list, list_value(${marks(kinds.length)}))`);
    params.push(...kinds);
  }
  const streak = weakStreakOf(filter);
  if (streak > 0) {
    clauses.push('weak_streak >= ?');
    params.push(streak);
  }
  const term = searchTerm(filter.text);
  if (term) {
    // contains() is a plain substring test: % and _ in the search are just characters.
    // The province's name matches too ("ha giang" lists the communes of Hà Giang).
    clauses.push('(contains(folded, ?) OR contains(province_folded, ?) OR code = ?)');
    params.push(term.folded, term.folded, term.raw);
  }
  return { sql: clauses.join('\n  AND '), params };
}

/**
 * Communes of `filter.structure` matching the filter in `filter.year`, as an
 * Arrow table with the columns of WORKLIST_COLUMNS:
 * `kinds` is the commune's priority kinds in that structure, sorted and
 * comma-separated ('' when none); `weak_streak` counts the consecutive manifest
 * years up to and including `filter.year` in which the commune was rated at a
 * weak level of the loaded scale (a year with no rating ends a streak), years
 * carried across the 2025 merger included (./merger.ts); `estimated` says the
 * year's rating and score were carried across the merger, `streak_estimated`
 * that the streak counts such a year.
 *
 * The first call for a structure × year builds its year table (tens of ms at
 * national scale); later calls only filter and sort it.
 *
 * @throws Error for a sort column outside WORKLIST_COLUMNS or a bad limit.
 */
export async function worklist(db: SqlRunner, filter: AtlasFilter, opts: WorklistOptions = {}): Promise<Table> {
  const order = worklistOrder(opts.sort);
  const where = filterWhere(filter);
  const params: SqlParam[] = [...where.params];
  let limit = '';
  if (opts.limit !== undefined) {
    if (!Number.isInteger(opts.limit) || opts.limit < 0) throw new Error(`bad worklist limit ${opts.limit}`);
    limit = '\nLIMIT ?';
    params.push(opts.limit);
  }
  const table = await yearTable(db, filter.structure, filter.year);
  return db.query(`SELECT ${WORKLIST_COLUMNS.join(', ')} FROM ${table} WHERE ${where.sql} ORDER BY ${order}${limit}`, params);
}

/** How many communes the worklist of `filter` holds (no limit). */
export async function worklistCount(db: SqlRunner, filter: AtlasFilter): Promise<number> {
  const where = filterWhere(filter);
  const table = await yearTable(db, filter.structure, filter.year);
  const t = await db.query(`SELECT count(*) AS n FROM ${table} WHERE ${where.sql}`, where.params);
  return Number(t.get(0)!.toJSON().n);
}

/**
 * Communes per province per rating level in `filter.year`, for stacked bars:
 * columns `province_code, province_name, rating, rating_order, communes`
 * (rating NULL = no rating), ordered by province code then level. Every filter
 * field applies except `ratings`, because the bars show the whole distribution.
 */
export async function ratingsByProvince(db: SqlRunner, filter: AtlasFilter): Promise<Table> {
  const where = filterWhere(filter, false);
  const table = await yearTable(db, filter.structure, filter.year);
  return db.query(
    `SELECT province_code, province_name, rating, rating_order, CAST(count(*) AS INTEGER) AS communes
       FROM ${table}
      WHERE ${where.sql}
      GROUP BY province_code, province_name, rating, rating_order
      ORDER BY province_code, rating_order NULLS LAST`,
    where.params,
  );
}

export interface ProvinceWeakRow {
  code: string;
  name: string;
  /** Communes matching the filter (levels aside). */
  communes: number;
  rated: number;
  weak: number;
  /** weak / rated (0 when nothing is rated). */
  share: number;
  /** The same in `compareYear`, when asked for (null: no comparison). */
  compareRated: number | null;
  compareWeak: number | null;
}

/**
 * Weak communes per province in `filter.year` (and `compareYear`), for the
 * province ranking table and the province choropleth of weak share. Every
 * filter field applies except `provinces` (every province is ranked) and
 * `ratings` (the share needs all levels). Weak levels come from the loaded scale.
 */
export async function provinceWeakShares(db: SqlRunner, filter: AtlasFilter, compareYear?: number): Promise<ProvinceWeakRow[]> {
  const years = compareYear !== undefined && compareYear !== filter.year ? [filter.year, compareYear] : [filter.year];
  await tablesReady(db, 'scale');
  const out = new Map<string, ProvinceWeakRow>();
  for (const [i, year] of years.entries()) {
    const where = filterWhere({ ...filter, year, provinces: [] }, false);
    const table = await yearTable(db, filter.structure, year);
    const t = await db.query(
      `SELECT province_code AS code, any_value(province_name) AS name, CAST(count(*) AS INTEGER) AS communes,
              CAST(count(rating) AS INTEGER) AS rated,
              CAST(count(*) FILTER (WHERE rating IN (SELECT id FROM scale WHERE weak)) AS INTEGER) AS weak
         FROM ${table}
        WHERE ${where.sql}
        GROUP BY province_code
        ORDER BY province_code`,
      where.params,
    );
    for (const r of t.toArray()) {
      const o = r.toJSON() as { code: string; name: string; communes: number; rated: number; weak: number };
      const code = String(o.code);
      let row = out.get(code);
      if (!row) {
        row = { code, name: String(o.name), communes: 0, rated: 0, weak: 0, share: 0, compareRated: years.length > 1 ? 0 : null, compareWeak: years.length > 1 ? 0 : null };
        out.set(code, row);
      }
      if (i === 0) {
        row.communes = Number(o.communes);
        row.rated = Number(o.rated);
        row.weak = Number(o.weak);
        row.share = row.rated > 0 ? row.weak / row.rated : 0;
      } else {
        row.compareRated = Number(o.rated);
        row.compareWeak = Number(o.weak);
      }
    }
  }
  return [...out.values()];
}

/** The province of every commune of `structure` (code → province code), for a map coloured by province. */
export async function communeProvinces(db: SqlRunner, structure: string): Promise<Map<string, string>> {
  await tablesReady(db, 'units');
  const t = await db.query(`SELECT code, province_code FROM units WHERE structure = ? AND level = 'commune'`, [structure]);
  const code = t.getChild('code'), province = t.getChild('province_code');
  const out = new Map<string, string>();
  for (let i = 0; i < t.numRows; i++) out.set(String(code?.get(i)), String(province?.get(i)));
  return out;
}
