/**
 * The rating series: every commune of every structure, every year of the
 * manifest, in one table, so the map, the weak list, streaks and charts read
 * one indexed table instead of crossing the 2025 merger on every query.
 *
 *   series(structure, code, year, yi, rating, score, ord, weak)
 *   units_search(structure, code, folded)
 *
 * `yi` is the year's index in the manifest's years (0, 1, …), so a run of
 * consecutive manifest years is a run of consecutive `yi`; `weak` is true
 * where the rating is a weak level of the scale (false with no rating);
 * `estimated` is true where the rating and score were carried across the 2025
 * merger from other communes (false on a structure's own years).
 *
 * A year whose ratings sit on the other structure reaches a commune through the
 * crosswalk by the one rule of ./merger.ts (area-weighted median level, ties to
 * the weaker; area-weighted mean score), in both directions.
 */
import type { Table } from 'apache-arrow';
import type { BundleManifest } from '../model/bundle.ts';
import type { SqlRunner } from './runner.ts';
import { CARRIED_SQL, piecesSql } from './merger.ts';
import { shippedYearRows } from './shipped-year.ts';
import { tablesReady } from './tables.ts';

/** How the ratings of one year reach one structure: on its own codes, from an older structure, from a newer one, or not at all. */
export type Route = 'own' | 'up' | 'down' | 'none';

/**
 * Where the ratings of `year` come from for the communes of `structure`: the
 * structure whose codes carry them (`data`, null when none does) and the route.
 * Structures are listed newest first, so a larger index is older.
 */
export function yearRoute(manifest: BundleManifest, structure: string, year: number): { data: string | null; route: Route } {
  const ids = manifest.structures.map((s) => s.id);
  const d = manifest.structures.find((x) => year >= x.fromYear && year <= x.toYear);
  if (!d) return { data: null, route: 'none' };
  if (d.id === structure) return { data: d.id, route: 'own' };
  return { data: d.id, route: ids.indexOf(d.id) > ids.indexOf(structure) ? 'up' : 'down' };
}

/** Plans, for each structure × year, where its ratings come from. */
function plan(manifest: BundleManifest): { structure: string; year: number; yi: number; data: string | null; route: Route }[] {
  const years = [...new Set(manifest.years)].sort((a, b) => a - b);
  return manifest.structures.flatMap((s) => years.map((year, yi) => ({ structure: s.id, year, yi, ...yearRoute(manifest, s.id, year) })));
}

/**
 * SQL expression folding a name the way `foldText` (src/model/text.ts) does:
 * đ/Đ → d (they do not decompose), accents stripped (DuckDB's strip_accents
 * decomposes first, so NFD input folds too), lower case, any run of white space
 * (including the Unicode spaces JS's \s knows) collapsed to one space, trimmed.
 */
export const FOLD_SQL = (column: string) =>
  `trim(regexp_replace(lower(strip_accents(replace(replace(${column}, 'Đ', 'd'), 'đ', 'd'))), '[\\s\\p{Z}\\x{0B}\\x{FEFF}]+', ' ', 'g'))`;

/** The bundle part that carries a structure's series worked out at pack time. */
export const seriesPartName = (structure: string) => `series.${structure}`;

/**
 * What the series is worked out from, as one string: the parts it reads (by
 * their SHA-256), the scale, the years, the structures and the parts' own
 * layout. A packer stores it with each series part (`derivedFrom`); a loader
 * uses the parts only while it still matches the manifest.
 */
export function seriesInputs(manifest: BundleManifest): string {
  return JSON.stringify({
    format: SHIPPED_SERIES_FORMAT,
    units: manifest.parts.units?.sha256 ?? null,
    ratings: manifest.parts.ratings?.sha256 ?? null,
    crosswalk: manifest.parts.crosswalk?.sha256 ?? null,
    scale: manifest.scale.levels.map((l) => [l.id, l.order, l.weak]),
    years: manifest.years,
    structures: manifest.structures.map((x) => [x.id, x.fromYear, x.toYear]),
  });
}

/**
 * The series parts of a bundle by structure, when it carries one for every
 * structure, each worked out from exactly its own tables, scale, years and
 * structures; otherwise undefined (the series is then worked out here).
 */
export function shippedSeriesParts(manifest: BundleManifest, parts: Record<string, Uint8Array>): Record<string, Uint8Array> | undefined {
  const inputs = seriesInputs(manifest);
  const out: Record<string, Uint8Array> = {};
  for (const s of manifest.structures) {
    const name = seriesPartName(s.id);
    const info = manifest.parts[name];
    if (!parts[name] || info?.kind !== 'arrow' || info.derivedFrom !== inputs) return undefined;
    out[s.id] = parts[name];
  }
  return out;
}

/** Layout of the shipped parts (bump when the columns below change: older parts are then not used). */
const SHIPPED_SERIES_FORMAT = 4;

/** The series columns and their types, in table order. */
export const SERIES_SCHEMA = [
  ['structure', 'VARCHAR'], ['code', 'VARCHAR'], ['year', 'INTEGER'], ['yi', 'INTEGER'],
  ['rating', 'VARCHAR'], ['score', 'DOUBLE'], ['ord', 'INTEGER'], ['weak', 'BOOLEAN'], ['estimated', 'BOOLEAN'],
] as const;
export const SERIES_COLUMNS = SERIES_SCHEMA.map(([c]) => c);

/**
 * What a shipped series row carries beyond the series: the columns of the
 * worklist's year tables (src/db/year-table.ts) for that structure and year,
 * so a year table is made from that year's rows, with no join or aggregate.
 * Only `kind_list` is left out: it is `kinds` split at the commas.
 */
export const SHIPPED_WORKLIST_SCHEMA = [
  ['name', 'VARCHAR'], ['unit_type', 'VARCHAR'], ['province_code', 'VARCHAR'], ['province_name', 'VARCHAR'],
  ['kinds', 'VARCHAR'], ['weak_streak', 'INTEGER'], ['streak_estimated', 'BOOLEAN'], ['area_km2', 'DOUBLE'], ['folded', 'VARCHAR'],
] as const;
export const SHIPPED_WORKLIST_COLUMNS = SHIPPED_WORKLIST_SCHEMA.map(([c]) => c);

/**
 * The rows of one structure and year from the bundle's shipped part, as a small
 * Arrow stream (src/db/shipped-year.ts), once the series setup is done; undefined
 * without a shipped part or when it is not laid out as the packer lays it out.
 */
export async function shippedYear(db: SqlRunner, structure: string, year: number): Promise<Uint8Array | undefined> {
  const state = states.get(engineOf(db));
  const part = state?.shipped?.[structure];
  if (!state || !part) return undefined;
  await state.setup;
  return shippedYearRows(part, state.years, year);
}

/** True when the engine's `series` came with the bundle (and so carries SHIPPED_WORKLIST_COLUMNS). */
export function seriesShipped(db: SqlRunner): boolean {
  return !!states.get(engineOf(db))?.shipped;
}

const UNITS_SEARCH_SQL = `CREATE OR REPLACE TABLE units_search AS
   SELECT structure, code, ${FOLD_SQL('name')} AS folded
     FROM units WHERE level = 'commune'`;

/** What `seriesFor` needs to build a structure's rows, per engine handle. */
interface SeriesState {
  structures: string[];
  /** The plan, the empty `series` and `units_search`: every build waits for it. */
  setup: Promise<void>;
  built: Map<string, Promise<void>>;
  onBuilt?: (structure: string, ms: number) => void;
  /** Each structure's rows as the bundle ships them (worklist columns included), inserted on first use. */
  shipped?: Record<string, Uint8Array>;
  years: number[];
}

/** Keyed by the engine, not the handle: the app hands out fresh handles on one engine (see SqlRunner.engine). */
const states = new WeakMap<SqlRunner, SeriesState>();
const engineOf = (db: SqlRunner): SqlRunner => db.engine ?? db;

/**
 * Starts the series of freshly loaded bundle tables (after `loadTables`):
 * replaces `series` with an empty table, builds `units_search` and the plan,
 * and starts a new generation (year tables of the old one are dropped). Each
 * structure's rows are then built on first use (`seriesFor`) or by
 * `seriesInBackground`, so the map the user opens waits only for its own
 * structure. `onBuilt` hears when each structure is done, for the timeline.
 */
export async function startSeries(
  db: SqlRunner,
  manifest: BundleManifest,
  onBuilt?: (structure: string, ms: number) => void,
  shipped?: Record<string, Uint8Array>,
): Promise<void> {
  const rows = plan(manifest);
  const setup = (async () => {
    if (shipped) {
      // Each structure's rows come with the bundle, search names and list columns included: an empty table to take them.
      const columns = [...SERIES_SCHEMA, ...SHIPPED_WORKLIST_SCHEMA].map(([c, type]) => `${c} ${type}`).join(', ');
      await db.query(`CREATE OR REPLACE TABLE series (${columns})`);
      return;
    }
    await db.query('CREATE OR REPLACE TEMP TABLE series_plan (structure VARCHAR, year INTEGER, yi INTEGER, data_structure VARCHAR, route VARCHAR)');
    // One statement for the whole plan: in the browser every statement is a round
    // trip to DuckDB's worker, and a prepared one three.
    await db.query(
      `INSERT INTO series_plan VALUES ${rows.map(() => '(?, ?, ?, ?, ?)').join(', ')}`,
      rows.flatMap((p) => [p.structure, p.year, p.yi, p.data, p.route]),
    );
    await db.query(`CREATE OR REPLACE TABLE series (${SERIES_SCHEMA.map(([c, type]) => `${c} ${type}`).join(', ')})`);
    await tablesReady(db, 'units');
    await db.query(UNITS_SEARCH_SQL);
  })();
  // Set at once, so a reader arriving meanwhile waits for this data, never the previous.
  const structures = manifest.structures.map((x) => x.id);
  states.set(engineOf(db), { structures, setup, built: new Map(), onBuilt, shipped, years: [...manifest.years] });
  await setup;
}

/**
 * The current generation of `series` on this engine: a new object after every
 * `startSeries`, so caches of derived tables (./year-table.ts) can tell that
 * the data changed under them.
 */
export function seriesGeneration(db: SqlRunner): object | undefined {
  return states.get(engineOf(db));
}

/**
 * Resolves once the series rows of `structure` are in `series`, building them
 * (or inserting the bundle's, when it ships them) the first time (one
 * statement, so no other query runs between its steps).
 * Every reader of `series` awaits this first. Without `startSeries` on this
 * engine there is nothing to wait for.
 */
export function seriesFor(db: SqlRunner, structure: string): Promise<void> {
  const state = states.get(engineOf(db));
  if (!state || !state.structures.includes(structure)) return Promise.resolve();
  let p = state.built.get(structure);
  if (!p) {
    p = state.setup.then(async () => {
      const t0 = performance.now();
      const bytes = state.shipped?.[structure];
      if (bytes) await db.insertArrowIPC('series', bytes, { append: true });
      else {
        await tablesReady(db, 'units', 'ratings', 'crosswalk', 'scale');
        await db.query(SERIES_SQL, [structure]);
      }
      state.onBuilt?.(structure, performance.now() - t0);
    });
    state.built.set(structure, p);
    p.catch(() => state.built.delete(structure));
  }
  return p;
}

/**
 * Builds `series` and `units_search` for every structure (`startSeries`, then
 * `seriesFor` each). Every commune of every manifest structure gets one row per
 * manifest year; rating, score and ord are NULL where there is no rating.
 */
export async function prepareSeries(db: SqlRunner, manifest: BundleManifest): Promise<void> {
  await startSeries(db, manifest);
  for (const s of manifest.structures) await seriesFor(db, s.id);
}

/**
 * Builds the structures nobody has asked for yet, one by one, once the engine
 * has been idle for `idleMs` (so the first map, list and charts go first). A
 * structure asked for meanwhile is simply built then. Returns a cancel function.
 */
export function seriesInBackground(db: SqlRunner, idleMs: number): () => void {
  let cancelled = false;
  const timer = setTimeout(() => {
    void (async () => {
      for (const s of states.get(engineOf(db))?.structures ?? []) {
        if (cancelled) return;
        await seriesFor(db, s).catch(() => undefined);
      }
    })();
  }, idleMs);
  return () => {
    cancelled = true;
    clearTimeout(timer);
  };
}

/** The rows of one structure ($1), in the order readers filter by; crossings by the rule of ./merger.ts. */
const SERIES_SQL = `INSERT INTO series
     WITH plan AS (SELECT * FROM series_plan WHERE structure = $1),
     own AS (
       SELECT p.structure, r.code, p.year, r.rating, CAST(r.score AS DOUBLE) AS score, FALSE AS estimated
         FROM plan p JOIN ratings r ON r.year = p.year
        WHERE p.route = 'own'),
     ${piecesSql('plan')},
     ${CARRIED_SQL},
     rated AS (SELECT * FROM own UNION ALL SELECT * FROM carried)
     SELECT u.structure, u.code, CAST(p.year AS INTEGER) AS year, p.yi, x.rating, x.score, CAST(s.ord AS INTEGER) AS ord,
            coalesce(s.weak, FALSE) AS weak, coalesce(x.estimated, FALSE) AS estimated
       FROM units u
       JOIN plan p ON p.structure = u.structure
       LEFT JOIN rated x ON x.structure = u.structure AND x.code = u.code AND x.year = p.year
       LEFT JOIN scale s ON s.id = x.rating
      WHERE u.level = 'commune' AND u.structure = $1
      -- Stored in the order queries filter by (structure, year), so DuckDB's
      -- min/max zone maps skip most row groups.
      ORDER BY p.year, u.code`;

/**
 * Rating and score of every commune of `structure` in `year`, from `series`
 * (columns `code`, `rating`, `score`, `estimated`, ordered by code), rating NULL
 * where there is none; across the merger by the rule of ./merger.ts.
 */
export async function seriesRatings(db: SqlRunner, structure: string, year: number): Promise<Table> {
  await seriesFor(db, structure);
  return db.query('SELECT code, rating, score, estimated FROM series WHERE structure = ? AND year = ? ORDER BY code', [structure, year]);
}

/**
 * Every year's rating of every commune of `structure` (columns `code`, `year`,
 * `rating`), for views that switch years often and keep them in memory.
 */
export async function seriesAllYears(db: SqlRunner, structure: string): Promise<Table> {
  await seriesFor(db, structure);
  return db.query('SELECT code, year, rating FROM series WHERE structure = ? ORDER BY year, code', [structure]);
}

/** Folds text in DuckDB exactly as `units_search.folded` is folded (for tests and checks). */
export async function foldInDb(db: SqlRunner, text: string): Promise<string> {
  const t = await db.query(`SELECT ${FOLD_SQL('?')} AS folded`, [text]);
  return String(t.get(0)!.toJSON().folded);
}
