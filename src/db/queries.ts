/**
 * Every SQL string of the atlas lives in this module. Functions are named for
 * what they answer, take typed arguments, bind them as parameters (never splice
 * user text into SQL) and return Arrow tables or small typed rows.
 */
import type { Table } from 'apache-arrow';
import type { BundleManifest, StructureInfo } from '../model/bundle.ts';
import type { RatingScale } from '../model/scale.ts';
import type { SqlRunner } from './runner.ts';

/** The tables a bundle brings, in load order. */
export const BUNDLE_TABLES = ['units', 'ratings', 'priority', 'zones', 'crosswalk'] as const;

/**
 * Loads the bundle's tables (Arrow IPC bytes) and the rating scale into DuckDB,
 * replacing what was there. The scale becomes a table so SQL can order levels.
 */
export async function loadTables(db: SqlRunner, parts: Record<string, Uint8Array>, scale: RatingScale): Promise<void> {
  for (const name of BUNDLE_TABLES) {
    const bytes = parts[name];
    if (!bytes) throw new Error(`part ${name} missing`);
    await db.insertArrowIPC(name, bytes);
  }
  await db.query('CREATE OR REPLACE TABLE scale (id VARCHAR PRIMARY KEY, ord INTEGER NOT NULL, weak BOOLEAN NOT NULL)');
  for (const level of scale.levels) {
    await db.query('INSERT INTO scale VALUES (?, ?, ?)', [level.id, level.order, level.weak]);
  }
}

/** The structure whose codes carry the ratings of `year`. */
export function structureForYear(manifest: BundleManifest, year: number): StructureInfo | undefined {
  return manifest.structures.find((s) => year >= s.fromYear && year <= s.toYear);
}

/**
 * Rating and score of every commune of `structure` in `year` (columns `code`,
 * `rating`, `score`), one row per commune, rating NULL where there is none.
 *
 * When the year's ratings sit on the other structure, they cross the 2025 merger
 * through the crosswalk:
 * - old ratings on a current commune: the area-weighted mean of its old
 *   communes' level order, rounded to the nearest level, and the area-weighted
 *   mean score;
 * - a current rating on an old commune: the rating of the current commune that
 *   holds the largest share of it.
 */
export async function communeRatings(db: SqlRunner, manifest: BundleManifest, structure: string, year: number): Promise<Table> {
  const data = structureForYear(manifest, year);
  const order = manifest.structures.map((s) => s.id);
  if (!data || data.id === structure) {
    return db.query(
      `SELECT u.code, r.rating, r.score
         FROM units u LEFT JOIN ratings r ON r.code = u.code AND r.year = ?
        WHERE u.level = 'commune' AND u.structure = ?
        ORDER BY u.code`,
      [year, structure],
    );
  }
  // Structures are listed newest first: a larger index is older.
  const dataIsOlder = order.indexOf(data.id) > order.indexOf(structure);
  if (dataIsOlder) {
    return db.query(
      `WITH parts AS (
         SELECT c.new_code AS code, s.ord, r.score, c.share * o.area_km2 AS w
           FROM crosswalk c
           JOIN units o ON o.code = c.old_code AND o.structure = ? AND o.level = 'commune'
           JOIN ratings r ON r.code = c.old_code AND r.year = ?
           JOIN scale s ON s.id = r.rating),
       agg AS (
         SELECT code, round(sum(ord * w) / sum(w)) AS ord, sum(score * w) / sum(w) AS score
           FROM parts GROUP BY code)
       SELECT u.code, s.id AS rating, agg.score
         FROM units u
         LEFT JOIN agg ON agg.code = u.code
         LEFT JOIN scale s ON s.ord = agg.ord
        WHERE u.level = 'commune' AND u.structure = ?
        ORDER BY u.code`,
      [data.id, year, structure],
    );
  }
  return db.query(
    `WITH best AS (
       SELECT old_code, arg_max(new_code, share) AS new_code FROM crosswalk GROUP BY old_code)
     SELECT u.code, r.rating, r.score
       FROM units u
       LEFT JOIN best b ON b.old_code = u.code
       LEFT JOIN ratings r ON r.code = b.new_code AND r.year = ?
      WHERE u.level = 'commune' AND u.structure = ?
      ORDER BY u.code`,
    [year, structure],
  );
}

export interface LevelCount {
  rating: string | null;
  count: number;
}

/** How many communes of `structure` sit in each level in `year` (null = no rating). */
export async function ratingCounts(db: SqlRunner, manifest: BundleManifest, structure: string, year: number): Promise<LevelCount[]> {
  const ratings = await communeRatings(db, manifest, structure, year);
  // Counting the rows we already have avoids a second crosswalk pass in SQL.
  const counts = new Map<string | null, number>();
  const col = ratings.getChild('rating');
  for (let i = 0; i < ratings.numRows; i++) {
    const r = (col?.get(i) as string | null) ?? null;
    counts.set(r, (counts.get(r) ?? 0) + 1);
  }
  return [...counts].map(([rating, count]) => ({ rating, count }));
}

export interface DbOverview {
  units: number;
  ratings: number;
  years: [number, number];
}

/** A small overview straight from DuckDB, shown on screen as proof the engine answers. */
export async function overview(db: SqlRunner): Promise<DbOverview> {
  const t = await db.query(
    `SELECT (SELECT count(*) FROM units WHERE level = 'commune') AS units,
            (SELECT count(*) FROM ratings) AS ratings,
            (SELECT min(year) FROM ratings) AS y0,
            (SELECT max(year) FROM ratings) AS y1`,
  );
  const row = t.get(0)!.toJSON() as { units: number; ratings: number; y0: number; y1: number };
  return { units: Number(row.units), ratings: Number(row.ratings), years: [Number(row.y0), Number(row.y1)] };
}

export interface PriorityFlag {
  code: string;
  kind: string;
  detail: string | null;
  source: string;
}

/** Priority flags of the communes of one structure. */
export async function priorityFlags(db: SqlRunner, structure: string): Promise<PriorityFlag[]> {
  const t = await db.query(
    `SELECT p.code, p.kind, p.detail, p.source
       FROM priority p JOIN units u ON u.code = p.code AND u.structure = p.structure AND u.level = 'commune'
      WHERE p.structure = ?
      ORDER BY p.kind, p.code`,
    [structure],
  );
  return t.toArray().map((r) => {
    const o = r.toJSON() as PriorityFlag;
    return { code: String(o.code), kind: String(o.kind), detail: o.detail == null ? null : String(o.detail), source: String(o.source) };
  });
}
