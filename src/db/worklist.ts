/**
 * The planner's worklist: the communes matching a filter in one year, weakest
 * first, with their priority kinds and how many years in a row they have been
 * weak; plus the aggregates drawn beside it (ratings per province, weak share
 * per year inside and outside priority areas).
 *
 * Reads `series` and `units_search` (see prepareSeries in ./series.ts). SQL
 * text depends only on the SHAPE of the filter (how many provinces, which
 * sort column from a fixed list); every value is a bound parameter, so names
 * and search text are never SQL.
 */
import type { Table } from 'apache-arrow';
import type { AtlasFilter } from '../model/filters.ts';
import { weakLevelIds, type RatingScale } from '../model/scale.ts';
import { foldText } from '../model/text.ts';
import type { SqlParam, SqlRunner } from './runner.ts';

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
  'kinds',
  'weak_streak',
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
  kinds: (d) => `kinds ${d}`,
  weak_streak: (d) => `weak_streak ${d}`,
  area_km2: (d) => `area_km2 ${d}`,
};

const DEFAULT_ORDER = 'rating_order DESC NULLS LAST, score ASC NULLS LAST, code ASC';

/** `?, ?, ?` for n values; the count is the only thing taken from input. */
function marks(n: number): string {
  return Array.from({ length: n }, () => '?').join(', ');
}

function unique(xs: readonly string[]): string[] {
  return [...new Set(xs)];
}

interface Where {
  sql: string;
  params: SqlParam[];
}

/**
 * The WHERE clause of a filter over `series s`, `units u`, `units_search n`.
 * `withRatings` false leaves the rating levels out (for charts that show all levels).
 */
function filterWhere(filter: AtlasFilter, withRatings = true): Where {
  const clauses = ['s.structure = ?', 's.year = ?'];
  const params: SqlParam[] = [filter.structure, filter.year];
  const provinces = unique(filter.provinces);
  if (provinces.length > 0) {
    clauses.push(`u.province_code IN (${marks(provinces.length)})`);
    params.push(...provinces);
  }
  const ratings = unique(filter.ratings);
  if (withRatings && ratings.length > 0) {
    clauses.push(`s.rating IN (${marks(ratings.length)})`);
    params.push(...ratings);
  }
  const kinds = unique(filter.kinds);
  if (kinds.length > 0) {
    if (filter.kindsMode === 'all') {
      clauses.push(
        `(SELECT count(DISTINCT p.kind) FROM priority p
           WHERE p.code = s.code AND p.structure = s.structure AND p.kind IN (${marks(kinds.length)})) = ?`,
      );
      params.push(...kinds, kinds.length);
    } else {
      clauses.push(
        `EXISTS (SELECT 1 FROM priority p
                  WHERE p.code = s.code AND p.structure = s.structure AND p.kind IN (${marks(kinds.length)}))`,
      );
      params.push(...kinds);
    }
  }
  const raw = filter.text.normalize('NFC').trim();
  const folded = foldText(raw);
  if (folded !== '') {
    // contains() is a plain substring test: % and _ in the search are just characters.
    clauses.push('(contains(n.folded, ?) OR s.code = ?)');
    params.push(folded, raw);
  }
  return { sql: clauses.join('\n  AND '), params };
}

const FROM = `series s
  JOIN units u ON u.code = s.code AND u.structure = s.structure AND u.level = 'commune'
  JOIN units_search n ON n.code = s.code AND n.structure = s.structure`;

/**
 * Communes of `filter.structure` matching the filter in `filter.year`, as an
 * Arrow table with the columns of WORKLIST_COLUMNS:
 * `kinds` is the commune's priority kinds in that structure, sorted and
 * comma-separated ('' when none); `weak_streak` counts the consecutive manifest
 * years up to and including `filter.year` in which the commune was rated at a
 * weak level of `scale` (a year with no rating ends a streak).
 *
 * @throws Error for a sort column outside WORKLIST_COLUMNS or a bad limit.
 */
export async function worklist(db: SqlRunner, filter: AtlasFilter, scale: RatingScale, opts: WorklistOptions = {}): Promise<Table> {
  let order = DEFAULT_ORDER;
  if (opts.sort) {
    const expr = Object.hasOwn(SORT_SQL, opts.sort.column) ? SORT_SQL[opts.sort.column] : undefined;
    if (!expr) throw new Error(`cannot sort the worklist by ${String(opts.sort.column)}`);
    const dir = opts.sort.dir === 'desc' ? 'DESC' : 'ASC';
    order = `${expr(dir).split(', ').map((e) => `${e} NULLS LAST`).join(', ')}, code ASC`;
  }
  const weak = weakLevelIds(scale);
  const weakTest = weak.length > 0 ? `h.rating IN (${marks(weak.length)})` : 'FALSE';
  const where = filterWhere(filter);
  const params: SqlParam[] = [...weak, filter.structure, filter.year, filter.structure, ...where.params];
  let limit = '';
  if (opts.limit !== undefined) {
    if (!Number.isInteger(opts.limit) || opts.limit < 0) throw new Error(`bad worklist limit ${opts.limit}`);
    limit = '\nLIMIT ?';
    params.push(opts.limit);
  }
  return db.query(
    `WITH hist AS (
       SELECT h.code, h.year, coalesce(${weakTest}, FALSE) AS weak
         FROM series h WHERE h.structure = ? AND h.year <= ?),
     streak AS (
       SELECT code,
              count(*) FILTER (WHERE weak AND year > coalesce(last_ok, -2147483648)) AS weak_streak
         FROM (SELECT code, year, weak, max(year) FILTER (WHERE NOT weak) OVER (PARTITION BY code) AS last_ok FROM hist)
        GROUP BY code),
     kinds AS (
       SELECT code, array_to_string(list_sort(list_distinct(list(kind))), ',') AS kinds
         FROM priority WHERE structure = ? GROUP BY code),
     hits AS (
       SELECT s.code, u.name, u.unit_type, u.province_code, u.province_name, s.rating,
              s.ord AS rating_order, s.score, n.folded, u.area_km2
         FROM ${FROM}
        WHERE ${where.sql}),
     q AS (
       SELECT h.code, h.name, h.unit_type, h.province_code, h.province_name, h.rating, h.rating_order, h.score,
              coalesce(k.kinds, '') AS kinds, CAST(coalesce(st.weak_streak, 0) AS INTEGER) AS weak_streak, h.area_km2, h.folded
         FROM hits h
         LEFT JOIN kinds k ON k.code = h.code
         LEFT JOIN streak st ON st.code = h.code)
     SELECT ${WORKLIST_COLUMNS.join(', ')}
       FROM q
      ORDER BY ${order}${limit}`,
    params,
  );
}

/** How many communes the worklist of `filter` holds (no limit). */
export async function worklistCount(db: SqlRunner, filter: AtlasFilter): Promise<number> {
  const where = filterWhere(filter);
  const t = await db.query(`SELECT count(*) AS n FROM ${FROM} WHERE ${where.sql}`, where.params);
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
  return db.query(
    `SELECT u.province_code, u.province_name, s.rating, s.ord AS rating_order, CAST(count(*) AS INTEGER) AS communes
       FROM ${FROM}
      WHERE ${where.sql}
      GROUP BY u.province_code, u.province_name, s.rating, s.ord
      ORDER BY u.province_code, s.ord NULLS LAST`,
    where.params,
  );
}

/**
 * Share of weak communes per year in `structure`, among communes that have a
 * rating that year (weak levels from the loaded `scale` table). Columns
 * `year, kind, inside, communes, weak, share`: one national row per year
 * (kind and inside NULL), then for each priority kind (those in `kinds`, or
 * every kind flagged in the structure) a row for communes inside it and one
 * for those outside. A group with no communes has no row.
 */
export async function weakShareByYear(db: SqlRunner, structure: string, kinds?: readonly string[]): Promise<Table> {
  const wanted = kinds ? unique(kinds) : [];
  const kindFilter = kinds ? (wanted.length > 0 ? `AND kind IN (${marks(wanted.length)})` : 'AND FALSE') : '';
  return db.query(
    `WITH rated AS (
       SELECT s.code, s.year, sc.weak FROM series s JOIN scale sc ON sc.id = s.rating WHERE s.structure = ?),
     ks AS (SELECT DISTINCT kind FROM priority WHERE structure = ? ${kindFilter}),
     flags AS (SELECT DISTINCT code, kind FROM priority WHERE structure = ?),
     grouped AS (
       SELECT year, CAST(NULL AS VARCHAR) AS kind, CAST(NULL AS BOOLEAN) AS inside,
              count(*) AS communes, count(*) FILTER (WHERE weak) AS weak
         FROM rated GROUP BY year
       UNION ALL
       SELECT r.year, k.kind, f.code IS NOT NULL AS inside, count(*), count(*) FILTER (WHERE r.weak)
         FROM rated r CROSS JOIN ks k
         LEFT JOIN flags f ON f.code = r.code AND f.kind = k.kind
        GROUP BY r.year, k.kind, f.code IS NOT NULL)
     SELECT year, kind, inside, CAST(communes AS INTEGER) AS communes, CAST(weak AS INTEGER) AS weak,
            weak / communes AS share
       FROM grouped
      ORDER BY year, kind NULLS FIRST, inside DESC`,
    [structure, structure, ...wanted, structure],
  );
}
