/**
 * When the bundle's tables are in DuckDB, asked by name.
 *
 * `loadTables` (./queries.ts) inserts the bundle's tables. At start-up, with a
 * bundle that ships its rating series, the page hands out its DuckDB handle
 * before they are in: the planner's first list needs only the shipped series
 * (see src/ui/app/startup.md). So every function that reads a bundle table says
 * which ones, with `await tablesReady(db, 'units', 'priority')` before its
 * statement, and the handle decides when they are there:
 *
 * - a handle made by `withTablesArriving(db, loaded)` answers once `loaded`
 *   has settled (and rejects when the load failed);
 * - any other handle (tables loaded before it was handed out, the tests, the
 *   packer) answers at once.
 *
 * Tables the app makes from these (the series, year tables, `units_search`)
 * have their own readiness: `seriesFor` (./series.ts) and `yearTable`
 * (./year-table.ts). tests/unit/table-readiness.test.ts runs every reader of
 * src/db before the tables are in, so a reader that forgets a table fails there.
 */
import type { SqlRunner } from './runner.ts';

/** The tables a bundle brings, in load order. */
export const BUNDLE_TABLES = ['units', 'ratings', 'priority', 'zones', 'crosswalk'] as const;

/** A table `loadTables` makes: one of the bundle's, or `scale` (the manifest's rating scale as a table). */
export type BundleTable = (typeof BUNDLE_TABLES)[number] | 'scale';

/** Resolves once `tables` are in DuckDB for this handle; rejects when their load failed. */
export function tablesReady(db: SqlRunner, ...tables: BundleTable[]): Promise<void> {
  return db.tablesReady ? db.tablesReady(tables) : Promise.resolve();
}

/**
 * A handle on `db` whose bundle tables are still going in: `tablesReady` on it
 * waits for `loaded` (every table arrives with it: `loadTables` swaps them in
 * as one transaction). Statements run on `db` as they come; only readers that
 * declared a table wait.
 */
export function withTablesArriving(db: SqlRunner, loaded: Promise<void>): SqlRunner {
  return {
    engine: db.engine ?? db,
    query: (sql, params) => db.query(sql, params),
    insertArrowIPC: (table, bytes, options) => db.insertArrowIPC(table, bytes, options),
    version: () => db.version(),
    close: () => db.close(),
    tablesReady: () => loaded,
  };
}
