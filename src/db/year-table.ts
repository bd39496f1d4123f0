/**
 * One table per structure × year with everything the planner's worklist shows
 * or filters on, made once (the first time that year is asked for) from
 * `series`, `units`, `units_search` and `priority`:
 *
 *   code, name, unit_type, province_code, province_name, rating, rating_order,
 *   score, estimated, kinds, kind_list, weak_streak, streak_estimated, area_km2, folded,
 *   province_folded
 *
 * A filter change or a search keystroke then reads a few thousand rows of one
 * table, with no join, window or aggregate: that is what keeps a keystroke
 * within a frame budget. The streak (consecutive weak manifest years up to the
 * year, carried years across the merger included: ./merger.ts) is one grouped
 * scan: with one series row per commune per manifest year, it is the year's
 * index minus the index of the last year that was not weak; it counts a carried
 * (estimated) year when the last estimated weak year comes after that one.
 *
 * Tables are named by a counter, never by data (structure ids come from the
 * bundle), and dropped when the series is rebuilt for new data.
 *
 * A bundle may ship its series with these columns already worked out (at pack
 * time, by this very query: scripts/lib/series-part.ts); a year table is then
 * that year's rows, cut out of the shipped part in the page
 * (src/db/shipped-year.ts), with no join or aggregate for DuckDB's cold start.
 */
import type { SqlRunner } from './runner.ts';
import { FOLD_SQL, seriesFor, seriesGeneration, seriesShipped, shippedYear } from './series.ts';
import { tablesReady } from './tables.ts';

interface Cache {
  generation: object | undefined;
  tables: Map<string, Promise<string>>;
}

const caches = new WeakMap<SqlRunner, Cache>();
let counter = 0;

/**
 * The name of the year table of `structure` in `year`, made on first use.
 * Concurrent callers share one build; a failed build is forgotten so the next
 * call tries again. When the series was rebuilt for new data, the tables of
 * the old data are dropped and new ones made.
 */
export function yearTable(db: SqlRunner, structure: string, year: number): Promise<string> {
  const generation = seriesGeneration(db);
  let cache = caches.get(db);
  if (cache && cache.generation !== generation) {
    for (const p of cache.tables.values()) {
      p.then((name) => db.query(`DROP TABLE IF EXISTS ${name}`)).catch(() => undefined);
    }
    cache = undefined;
  }
  if (!cache) {
    cache = { generation, tables: new Map() };
    caches.set(db, cache);
  }
  const key = JSON.stringify([structure, year]);
  let p = cache.tables.get(key);
  if (!p) {
    const name = `worklist_year_${++counter}`;
    p = build(db, name, structure, year).then(() => name);
    cache.tables.set(key, p);
    const c = cache;
    p.catch(() => c.tables.delete(key));
  }
  return p;
}

/** A year table's columns from a shipped series row (worked out at pack time with the query below). */
const SHIPPED_COLUMNS = `code, name, unit_type, province_code, province_name, rating, ord AS rating_order, score, estimated, kinds,
   CASE WHEN kinds = '' THEN CAST([] AS VARCHAR[]) ELSE string_split(kinds, ',') END AS kind_list,
   weak_streak, streak_estimated, area_km2, folded, ${FOLD_SQL('province_name')} AS province_folded`;

async function build(db: SqlRunner, name: string, structure: string, year: number): Promise<void> {
  if (seriesShipped(db)) {
    // The bundle ships every column of the year's rows: insert just that year's rows, cut out
    // in the page, without waiting for the structure's whole series.
    const rows = await shippedYear(db, structure, year);
    if (rows) {
      await db.insertArrowIPC(`${name}__rows`, rows);
      await db.query(`CREATE OR REPLACE TABLE ${name} AS SELECT ${SHIPPED_COLUMNS} FROM ${name}__rows; DROP TABLE ${name}__rows;`);
      return;
    }
    await seriesFor(db, structure);
    await db.query(`CREATE OR REPLACE TABLE ${name} AS SELECT ${SHIPPED_COLUMNS} FROM series WHERE structure = ? AND year = ?`, [structure, year]);
    return;
  }
  await seriesFor(db, structure);
  await tablesReady(db, 'units', 'priority');
  await db.query(
    `CREATE OR REPLACE TABLE ${name} AS
     WITH runs AS (
       SELECT code, max(yi) AS last, coalesce(max(yi) FILTER (WHERE NOT weak), -1) AS last_ok,
              coalesce(max(yi) FILTER (WHERE weak AND estimated), -2) AS last_estimated
         FROM series WHERE structure = ? AND year <= ? GROUP BY code),
     streak AS (
       SELECT code, CAST(last - last_ok AS INTEGER) AS weak_streak, last_estimated > last_ok AS streak_estimated FROM runs),
     kinds AS (
       SELECT code, list_sort(list_distinct(list(kind))) AS kind_list
         FROM priority WHERE structure = ? GROUP BY code)
     SELECT s.code, u.name, u.unit_type, u.province_code, u.province_name, s.rating, s.ord AS rating_order, s.score, s.estimated,
            coalesce(array_to_string(k.kind_list, ','), '') AS kinds,
            coalesce(k.kind_list, CAST([] AS VARCHAR[])) AS kind_list,
            coalesce(st.weak_streak, 0) AS weak_streak, coalesce(st.streak_estimated, FALSE) AS streak_estimated, u.area_km2, n.folded,
            ${FOLD_SQL('u.province_name')} AS province_folded
       FROM series s
       JOIN units u ON u.code = s.code AND u.structure = s.structure AND u.level = 'commune'
       JOIN units_search n ON n.code = s.code AND n.structure = s.structure
       LEFT JOIN kinds k ON k.code = s.code
       LEFT JOIN streak st ON st.code = s.code
      WHERE s.structure = ? AND s.year = ?`,
    [structure, year, structure, structure, year],
  );
}
