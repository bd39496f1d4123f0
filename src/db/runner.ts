/**
 * The narrow interface the typed queries need. Two implementations: DuckDB-WASM
 * in the browser (async worker) and DuckDB-WASM's blocking build in node, for
 * tests, so the same query cases run against both.
 */
import type { Table } from 'apache-arrow';
import type { BundleTable } from './tables.ts';

/** A value that can be bound to a `?` placeholder. */
export type SqlParam = string | number | boolean | null;

export interface SqlRunner {
  /** Runs one statement with bound parameters; parameters are never spliced into the text. */
  query(sql: string, params?: readonly SqlParam[]): Promise<Table>;
  /**
   * Creates (or replaces) a table from Arrow IPC stream bytes; with `append`,
   * adds the rows to an existing table instead (columns in its order).
   */
  insertArrowIPC(table: string, bytes: Uint8Array, options?: { append?: boolean }): Promise<void>;
  /** DuckDB's version string, e.g. `v1.4.3`. */
  version(): Promise<string>;
  close(): Promise<void>;
  /**
   * The engine this handle runs on, when it is one of several handles on one
   * DuckDB (the app hands out a fresh handle per dataset): state that belongs
   * to the engine's tables is keyed by it.
   */
  readonly engine?: SqlRunner;
  /**
   * Resolves once the named bundle tables are in DuckDB for this handle (see
   * ./tables.ts: readers call `tablesReady`, not this). Absent: they are in.
   */
  readonly tablesReady?: (tables: readonly BundleTable[]) => Promise<void>;
}
