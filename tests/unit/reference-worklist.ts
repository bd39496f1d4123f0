/**
 * The worklist as it was first written: one query over `series`, `units`,
 * `units_search` and `priority` with the streak as a window over every year.
 * The app now reads per-year tables (src/db/year-table.ts); this stays as the
 * independent reference the tests compare those answers with.
 */
import type { Table } from 'apache-arrow';
import type { AtlasFilter } from '../../src/model/filters.ts';
import { weakLevelIds, type RatingScale } from '../../src/model/scale.ts';
import { foldText } from '../../src/model/text.ts';
import type { SqlParam, SqlRunner } from '../../src/db/runner.ts';
import { marks, unique, WORKLIST_COLUMNS, worklistOrder, type Where, type WorklistOptions } from '../../src/db/worklist.ts';

/**
 * The WHERE clause of a filter over `series s`, `units u`, `units_search n`.
 * `withRatings` false leaves the rating levels out (for charts that show all levels).
 */
function filterWhere(filter: AtlasFilter, provinceNames: Map<string, string>, withRatings = true): Where {
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
    // Provinces whose name holds the text match all their communes; folded here in TypeScript.
    const provinces = [...provinceNames].filter(([, name]) => foldText(name).includes(folded)).map(([code]) => code);
    clauses.push(`(contains(n.folded, ?) OR s.code = ?${provinces.length ? ` OR u.province_code IN (${marks(provinces.length)})` : ''})`);
    params.push(folded, raw, ...provinces);
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
export async function referenceWorklist(db: SqlRunner, filter: AtlasFilter, scale: RatingScale, opts: WorklistOptions = {}): Promise<Table> {
  const order = worklistOrder(opts.sort);
  const weak = weakLevelIds(scale);
  const weakTest = weak.length > 0 ? `h.rating IN (${marks(weak.length)})` : 'FALSE';
  const provinceNames = new Map(
    (await db.query("SELECT code, name FROM units WHERE structure = ? AND level = 'province'", [filter.structure])).toArray().map((r) => [String(r.code), String(r.name)] as [string, string]),
  );
  const where = filterWhere(filter, provinceNames);
  const minStreak = Math.max(0, Math.floor(filter.minWeakStreak ?? 0));
  const params: SqlParam[] = [...weak, filter.structure, filter.year, filter.structure, ...where.params, minStreak];
  let limit = '';
  if (opts.limit !== undefined) {
    if (!Number.isInteger(opts.limit) || opts.limit < 0) throw new Error(`bad worklist limit ${opts.limit}`);
    limit = '\nLIMIT ?';
    params.push(opts.limit);
  }
  return db.query(
    `WITH hist AS (
       SELECT h.code, h.year, coalesce(${weakTest}, FALSE) AS weak, h.estimated
         FROM series h WHERE h.structure = ? AND h.year <= ?),
     streak AS (
       SELECT code,
              count(*) FILTER (WHERE weak AND year > coalesce(last_ok, -2147483648)) AS weak_streak,
              coalesce(bool_or(estimated) FILTER (WHERE weak AND year > coalesce(last_ok, -2147483648)), FALSE) AS streak_estimated
         FROM (SELECT code, year, weak, estimated, max(year) FILTER (WHERE NOT weak) OVER (PARTITION BY code) AS last_ok FROM hist)
        GROUP BY code),
     kinds AS (
       SELECT code, array_to_string(list_sort(list_distinct(list(kind))), ',') AS kinds
         FROM priority WHERE structure = ? GROUP BY code),
     hits AS (
       SELECT s.code, u.name, u.unit_type, u.province_code, u.province_name, s.rating,
              s.ord AS rating_order, s.score, s.estimated, n.folded, u.area_km2
         FROM ${FROM}
        WHERE ${where.sql}),
     q AS (
       SELECT h.code, h.name, h.unit_type, h.province_code, h.province_name, h.rating, h.rating_order, h.score, h.estimated,
              coalesce(k.kinds, '') AS kinds, CAST(coalesce(st.weak_streak, 0) AS INTEGER) AS weak_streak,
              coalesce(st.streak_estimated, FALSE) AS streak_estimated, h.area_km2, h.folded
         FROM hits h
         LEFT JOIN kinds k ON k.code = h.code
         LEFT JOIN streak st ON st.code = h.code)
     SELECT ${WORKLIST_COLUMNS.join(', ')}
       FROM q
      WHERE weak_streak >= ?
      ORDER BY ${order}${limit}`,
    params,
  );
}

