/**
 * The rating series: every commune of every structure, every year of the
 * manifest, in one table, so the map, the weak list, streaks and charts read
 * one indexed table instead of crossing the 2025 merger on every query.
 *
 *   series(structure, code, year, rating, score, ord)
 *   units_search(structure, code, folded)
 *
 * The crossing rules are those of `communeRatings` (src/db/queries.ts):
 * - a year whose ratings sit on an OLDER structure reaches a current commune as
 *   the area-weighted mean of its old communes' level order, rounded to the
 *   nearest level (half away from zero), and the area-weighted mean score;
 * - a year whose ratings sit on a NEWER structure reaches an old commune from
 *   the current commune holding the largest share of it (ties: smallest code,
 *   so the answer never depends on scan order).
 */
import type { Table } from 'apache-arrow';
import type { BundleManifest } from '../model/bundle.ts';
import type { SqlRunner } from './runner.ts';

/** How the ratings of one year reach one structure. */
type Route = 'own' | 'up' | 'down' | 'none';

/**
 * Plans, for each structure × year, where its ratings come from. Structures
 * are listed newest first, so a larger index is older.
 */
function plan(manifest: BundleManifest): { structure: string; year: number; data: string | null; route: Route }[] {
  const ids = manifest.structures.map((s) => s.id);
  const out: { structure: string; year: number; data: string | null; route: Route }[] = [];
  for (const s of manifest.structures) {
    for (const year of manifest.years) {
      const d = manifest.structures.find((x) => year >= x.fromYear && year <= x.toYear);
      let route: Route = 'none';
      if (d && d.id === s.id) route = 'own';
      else if (d) route = ids.indexOf(d.id) > ids.indexOf(s.id) ? 'up' : 'down';
      out.push({ structure: s.id, year, data: d?.id ?? null, route });
    }
  }
  return out;
}

/**
 * SQL expression folding a name the way `foldText` (src/model/text.ts) does:
 * đ/Đ → d (they do not decompose), accents stripped (DuckDB's strip_accents
 * decomposes first, so NFD input folds too), lower case, any run of white space
 * (including the Unicode spaces JS's \s knows) collapsed to one space, trimmed.
 */
const FOLD_SQL = (column: string) =>
  `trim(regexp_replace(lower(strip_accents(replace(replace(${column}, 'Đ', 'd'), 'đ', 'd'))), '[\\s\\p{Z}\\x{0B}\\x{FEFF}]+', ' ', 'g'))`;

/**
 * Builds `series` and `units_search` from the loaded bundle tables (after
 * `loadTables`). Replaces them if they exist. Every commune of every manifest
 * structure gets one row per manifest year; rating, score and ord are NULL
 * where there is no rating.
 */
export async function prepareSeries(db: SqlRunner, manifest: BundleManifest): Promise<void> {
  await db.query('CREATE OR REPLACE TEMP TABLE series_plan (structure VARCHAR, year INTEGER, data_structure VARCHAR, route VARCHAR)');
  for (const p of plan(manifest)) {
    await db.query('INSERT INTO series_plan VALUES (?, ?, ?, ?)', [p.structure, p.year, p.data, p.route]);
  }
  await db.query(
    `CREATE OR REPLACE TABLE series AS
     WITH own AS (
       SELECT p.structure, r.code, p.year, r.rating, CAST(r.score AS DOUBLE) AS score
         FROM series_plan p JOIN ratings r ON r.year = p.year
        WHERE p.route = 'own'),
     parts AS (
       SELECT p.structure, c.new_code AS code, p.year, s.ord, r.score, c.share * o.area_km2 AS w
         FROM series_plan p
         JOIN ratings r ON r.year = p.year
         JOIN crosswalk c ON c.old_code = r.code
         JOIN units o ON o.code = c.old_code AND o.structure = p.data_structure AND o.level = 'commune'
         JOIN scale s ON s.id = r.rating
        WHERE p.route = 'up'),
     up AS (
       SELECT a.structure, a.code, a.year, s.id AS rating, a.score
         FROM (SELECT structure, code, year, round(sum(ord * w) / sum(w)) AS ord, sum(score * w) / sum(w) AS score
                 FROM parts GROUP BY structure, code, year) a
         LEFT JOIN scale s ON s.ord = a.ord),
     best AS (
       SELECT old_code, first(new_code ORDER BY share DESC, new_code) AS new_code FROM crosswalk GROUP BY old_code),
     down AS (
       SELECT p.structure, b.old_code AS code, p.year, r.rating, CAST(r.score AS DOUBLE) AS score
         FROM series_plan p
         JOIN ratings r ON r.year = p.year
         JOIN best b ON b.new_code = r.code
        WHERE p.route = 'down'),
     rated AS (SELECT * FROM own UNION ALL SELECT * FROM up UNION ALL SELECT * FROM down)
     SELECT u.structure, u.code, CAST(p.year AS INTEGER) AS year, x.rating, x.score, CAST(s.ord AS INTEGER) AS ord
       FROM units u
       JOIN series_plan p ON p.structure = u.structure
       LEFT JOIN rated x ON x.structure = u.structure AND x.code = u.code AND x.year = p.year
       LEFT JOIN scale s ON s.id = x.rating
      WHERE u.level = 'commune'
      -- Stored in the order queries filter by (structure, year), so DuckDB's
      -- min/max zone maps skip most row groups.
      ORDER BY u.structure, p.year, u.code`,
  );
  await db.query(
    `CREATE OR REPLACE TABLE units_search AS
     SELECT structure, code, ${FOLD_SQL('name')} AS folded
       FROM units WHERE level = 'commune'`,
  );
  await db.query('DROP TABLE series_plan');
}

/**
 * Rating and score of every commune of `structure` in `year`, from `series`
 * (columns `code`, `rating`, `score`, ordered by code): the same answer as
 * `communeRatings`, without crossing the merger again.
 */
export async function seriesRatings(db: SqlRunner, structure: string, year: number): Promise<Table> {
  return db.query('SELECT code, rating, score FROM series WHERE structure = ? AND year = ? ORDER BY code', [structure, year]);
}

/**
 * Every year's rating of every commune of `structure` (columns `code`, `year`,
 * `rating`), for views that switch years often and keep them in memory.
 */
export async function seriesAllYears(db: SqlRunner, structure: string): Promise<Table> {
  return db.query('SELECT code, year, rating FROM series WHERE structure = ? ORDER BY year, code', [structure]);
}

/** Folds text in DuckDB exactly as `units_search.folded` is folded (for tests and checks). */
export async function foldInDb(db: SqlRunner, text: string): Promise<string> {
  const t = await db.query(`SELECT ${FOLD_SQL('?')} AS folded`, [text]);
  return String(t.get(0)!.toJSON().folded);
}
