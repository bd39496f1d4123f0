/**
 * Every SQL string of the atlas lives in this module. Functions are named for
 * what they answer, take typed arguments, bind them as parameters (never splice
 * user text into SQL) and return Arrow tables or small typed rows.
 */
import type { Table } from 'apache-arrow';
import type { BundleManifest, StructureInfo } from '../model/bundle.ts';
import type { RatingScale } from '../model/scale.ts';
import { seriesFor } from './series.ts';
import type { SqlRunner } from './runner.ts';
import { BUNDLE_TABLES, tablesReady } from './tables.ts';

/**
 * Loads the bundle's tables (Arrow IPC bytes) and the rating scale into DuckDB,
 * replacing what was there. The new tables are built under staging names and
 * swapped in one transaction, so a bundle that fails to load leaves the previous
 * data in place and usable. The scale becomes a table so SQL can order levels.
 */
export function loadTables(db: SqlRunner, parts: Record<string, Uint8Array>, scale: RatingScale): Promise<void> {
  // One load at a time per database engine, whichever handle asks: two loads share the
  // staging names, so a second bundle (a kept dataset opened while the folder's tables
  // still go in) waits its turn, and loads go in in the order they were asked for.
  const engine = db.engine ?? db;
  const previous = loading.get(engine) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => loadTablesNow(db, parts, scale));
  loading.set(engine, next);
  return next;
}

const loading = new WeakMap<object, Promise<void>>();

async function loadTablesNow(db: SqlRunner, parts: Record<string, Uint8Array>, scale: RatingScale): Promise<void> {
  const staged: string[] = [];
  const dropStaged = async () => {
    for (const name of staged) await db.query(`DROP TABLE IF EXISTS ${name}__staging`).catch(() => undefined);
  };
  // Few statements on purpose: in the browser each one is a round trip to
  // DuckDB's worker, and at start-up the page's thread is busy drawing the map.
  try {
    for (const name of BUNDLE_TABLES) {
      const bytes = parts[name];
      if (!bytes) throw new Error(`part ${name} missing`);
      staged.push(name);
      await db.insertArrowIPC(`${name}__staging`, bytes);
    }
    await db.query('CREATE OR REPLACE TABLE scale__staging (id VARCHAR PRIMARY KEY, ord INTEGER NOT NULL, weak BOOLEAN NOT NULL)');
    staged.push('scale');
    if (scale.levels.length > 0) {
      await db.query(
        `INSERT INTO scale__staging VALUES ${scale.levels.map(() => '(?, ?, ?)').join(', ')}`,
        scale.levels.flatMap((l) => [l.id, l.order, l.weak]),
      );
    }
  } catch (e) {
    await dropStaged();
    throw e;
  }
  // One script for the swap: the names are this module's constants, never data. Unreadable
  // Arrow bytes can insert nothing without an error: the rename of a table that is not
  // there then fails, and the whole swap is rolled back.
  const swap = staged.map((name) => `DROP TABLE IF EXISTS ${name}; ALTER TABLE ${name}__staging RENAME TO ${name};`).join(' ');
  try {
    await db.query(`BEGIN TRANSACTION; ${swap} COMMIT;`);
  } catch (e) {
    await db.query('ROLLBACK').catch(() => undefined);
    await dropStaged();
    throw e;
  }
}

/** The structure whose codes carry the ratings of `year`. */
export function structureForYear(manifest: BundleManifest, year: number): StructureInfo | undefined {
  return manifest.structures.find((s) => year >= s.fromYear && year <= s.toYear);
}

export interface LevelCount {
  rating: string | null;
  count: number;
  /** How many of `count` are carried across the 2025 merger (estimates). */
  estimated: number;
}

/**
 * How many communes of `structure` sit in each level in `year` (null = no
 * rating), from the series: in a year whose ratings sit on the other structure
 * these are carried ratings (./merger.ts), so `estimated` counts the communes
 * whose rating is an estimate. Counts in the communes of that year's own
 * structure: ./weak-by-year.ts.
 */
export async function ratingCounts(db: SqlRunner, structure: string, year: number): Promise<LevelCount[]> {
  await seriesFor(db, structure);
  const t = await db.query(
    `SELECT rating, CAST(count(*) AS INTEGER) AS count, CAST(count(*) FILTER (WHERE estimated) AS INTEGER) AS estimated
       FROM series WHERE structure = ? AND year = ? GROUP BY rating ORDER BY rating NULLS LAST`,
    [structure, year],
  );
  return t.toArray().map((r) => {
    const o = r.toJSON() as { rating: string | null; count: number; estimated: number };
    return { rating: o.rating == null ? null : String(o.rating), count: Number(o.count), estimated: Number(o.estimated) };
  });
}

export interface DbOverview {
  units: number;
  ratings: number;
  years: [number, number];
}

/** A small overview straight from DuckDB, shown on screen as proof the engine answers. */
export async function overview(db: SqlRunner): Promise<DbOverview> {
  await tablesReady(db, 'units', 'ratings');
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
  /** Evidence of a computed border or coast flag, km; null otherwise and in bundles made before it was kept. */
  length_km: number | null;
}

/** Priority flags of the communes of one structure. */
export async function priorityFlags(db: SqlRunner, structure: string): Promise<PriorityFlag[]> {
  await tablesReady(db, 'priority', 'units');
  // p.*: bundles made before the evidence was kept have no length_km column.
  const t = await db.query(
    `SELECT p.*
       FROM priority p JOIN units u ON u.code = p.code AND u.structure = p.structure AND u.level = 'commune'
      WHERE p.structure = ?
      ORDER BY p.kind, p.code`,
    [structure],
  );
  return t.toArray().map((r) => {
    const o = r.toJSON() as Omit<PriorityFlag, 'length_km'> & { length_km?: number | null };
    const km = o.length_km == null ? null : Number(o.length_km);
    return { code: String(o.code), kind: String(o.kind), detail: o.detail == null ? null : String(o.detail), source: String(o.source), length_km: km !== null && Number.isFinite(km) ? km : null };
  });
}

export interface HistoryRow {
  year: number;
  rating: string | null;
  score: number | null;
  /** Carried across the 2025 merger from other communes (./merger.ts): an estimate. Absent = false. */
  estimated?: boolean;
}

/**
 * A commune's rating in every year, from the `series` table (src/db/series.ts),
 * so a current commune's years before 2025 are carried from the old communes it
 * was formed from and an old commune's years after it from its successors, by
 * the rule of ./merger.ts; such rows are marked `estimated` (unless the two are
 * the same land).
 */
export async function communeHistory(db: SqlRunner, structure: string, code: string): Promise<HistoryRow[]> {
  await seriesFor(db, structure);
  const t = await db.query('SELECT year, rating, score, estimated FROM series WHERE structure = ? AND code = ? ORDER BY year', [structure, code]);
  return t.toArray().map((r) => {
    const o = r.toJSON() as { year: number; rating: string | null; score: number | null; estimated: boolean };
    return { year: Number(o.year), rating: o.rating ?? null, score: o.score == null ? null : Number(o.score), estimated: o.estimated === true };
  });
}

export interface RelatedUnit {
  code: string;
  name: string;
  share: number;
  /** Ratings of the related unit on its own structure's years. */
  history: HistoryRow[];
}

/**
 * The other side of the 2025 merger for one commune: for a current commune, the
 * old communes it was formed from, with their own ratings; for an old commune,
 * the current commune(s) it became part of.
 */
export async function relatedAcrossMerger(db: SqlRunner, manifest: BundleManifest, structure: string, code: string): Promise<{ direction: 'formedFrom' | 'becamePartOf'; units: RelatedUnit[] }> {
  const order = manifest.structures.map((s) => s.id);
  const idx = order.indexOf(structure);
  const newer = idx === 0;
  const other = newer ? order[1] : order[idx - 1];
  const otherInfo = manifest.structures.find((s) => s.id === other);
  if (!other || !otherInfo) return { direction: newer ? 'formedFrom' : 'becamePartOf', units: [] };
  await tablesReady(db, 'crosswalk', 'units', 'ratings');
  const t = await db.query(
    newer
      ? `SELECT c.old_code AS code, u.name, c.share, r.year, r.rating, r.score
           FROM crosswalk c
           JOIN units u ON u.code = c.old_code AND u.structure = ? AND u.level = 'commune'
           LEFT JOIN ratings r ON r.code = c.old_code AND r.year BETWEEN ? AND ?
          WHERE c.new_code = ?
          ORDER BY c.old_code, r.year`
      : `SELECT c.new_code AS code, u.name, c.share, r.year, r.rating, r.score
           FROM crosswalk c
           JOIN units u ON u.code = c.new_code AND u.structure = ? AND u.level = 'commune'
           LEFT JOIN ratings r ON r.code = c.new_code AND r.year BETWEEN ? AND ?
          WHERE c.old_code = ?
          ORDER BY c.new_code, r.year`,
    [other, otherInfo.fromYear, otherInfo.toYear, code],
  );
  const units = new Map<string, RelatedUnit>();
  for (const row of t.toArray()) {
    const o = row.toJSON() as { code: string; name: string; share: number; year: number | null; rating: string | null; score: number | null };
    const c = String(o.code);
    let u = units.get(c);
    if (!u) {
      u = { code: c, name: String(o.name), share: Number(o.share), history: [] };
      units.set(c, u);
    }
    if (o.year != null) u.history.push({ year: Number(o.year), rating: o.rating ?? null, score: o.score == null ? null : Number(o.score) });
  }
  return { direction: newer ? 'formedFrom' : 'becamePartOf', units: [...units.values()] };
}

/**
 * An indicator column of `ratings`, quoted for SQL. The name is never user text:
 * it must be one the manifest declares and a plain identifier, or this throws.
 */
function indicatorColumn(manifest: BundleManifest, column: string): string {
  if (!manifest.indicators.some((i) => i.column === column) || !/^[a-z_][a-z0-9_]*$/.test(column)) throw new Error(`unknown indicator ${column}`);
  return `"${column}"`;
}

/** First and last year whose ratings sit on `structure`'s own codes ([0, 0] when unknown). */
function ownYears(manifest: BundleManifest, structure: string): [number, number] {
  const s = manifest.structures.find((x) => x.id === structure);
  return [s?.fromYear ?? 0, s?.toYear ?? 0];
}

/** `code` → a numeric column (NULL kept as null) of a query result. */
function numberByCode(t: Table, column: string): Map<string, number | null> {
  const out = new Map<string, number | null>();
  const code = t.getChild('code'), value = t.getChild(column);
  for (let i = 0; i < t.numRows; i++) {
    const v = value?.get(i);
    out.set(String(code?.get(i)), v == null ? null : Number(v));
  }
  return out;
}

/**
 * A numeric value per commune of `structure` in `year`: `score` (through the
 * series, so it crosses the merger) or an indicator column of `ratings` (on the
 * structure's own years only; other years give NULL). The column name is never
 * user text: it must be one the manifest declares and a plain identifier.
 */
export async function numericValues(db: SqlRunner, manifest: BundleManifest, structure: string, year: number, column: string): Promise<Map<string, number | null>> {
  let t: Table;
  if (column === 'score') {
    await seriesFor(db, structure);
    await tablesReady(db, 'units');
    t = await db.query(
      `SELECT u.code, s.score AS value FROM units u LEFT JOIN series s ON s.structure = u.structure AND s.code = u.code AND s.year = ?
        WHERE u.structure = ? AND u.level = 'commune'`,
      [year, structure],
    );
  } else {
    const quoted = indicatorColumn(manifest, column);
    await tablesReady(db, 'units', 'ratings');
    t = await db.query(
      `SELECT u.code, r.${quoted} AS value FROM units u LEFT JOIN ratings r ON r.code = u.code AND r.year = ?
        WHERE u.structure = ? AND u.level = 'commune' AND ? BETWEEN ? AND ?`,
      [year, structure, year, ...ownYears(manifest, structure)],
    );
  }
  return numberByCode(t, 'value');
}

/**
 * Change of level between two years for every commune of `structure`:
 * negative = improved (a better level has a lower order), 0 = unchanged,
 * positive = declined, null when either year has no rating.
 */
export async function levelChange(db: SqlRunner, structure: string, year: number, compareYear: number): Promise<Map<string, number | null>> {
  await seriesFor(db, structure);
  const t = await db.query(
    `SELECT a.code, a.ord - b.ord AS delta
       FROM series a LEFT JOIN series b ON b.structure = a.structure AND b.code = a.code AND b.year = ?
      WHERE a.structure = ? AND a.year = ?`,
    [compareYear, structure, year],
  );
  return numberByCode(t, 'delta');
}

/**
 * Every value of a numeric column over all years of a structure, pooled, for
 * breaks that stay the same from year to year ("locked" classes).
 */
export async function pooledValues(db: SqlRunner, manifest: BundleManifest, structure: string, column: string): Promise<Float64Array> {
  let t: Table;
  if (column === 'score') {
    await seriesFor(db, structure);
    t = await db.query('SELECT score AS value FROM series WHERE structure = ? AND score IS NOT NULL', [structure]);
  } else {
    const quoted = indicatorColumn(manifest, column);
    await tablesReady(db, 'ratings', 'units');
    t = await db.query(
      `SELECT r.${quoted} AS value FROM ratings r JOIN units u ON u.code = r.code AND u.structure = ? AND u.level = 'commune'
        WHERE r.year BETWEEN ? AND ? AND r.${quoted} IS NOT NULL`,
      [structure, ...ownYears(manifest, structure)],
    );
  }
  const col = t.getChild('value');
  const out = new Float64Array(t.numRows);
  for (let i = 0; i < t.numRows; i++) out[i] = Number(col?.get(i));
  return out;
}
