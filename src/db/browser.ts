/**
 * Boots DuckDB-WASM inside a page opened from file:// or http, offline.
 * Recipe (measured, see DESIGN.md): the worker is a Blob URL made of a small
 * prelude plus DuckDB's stock `duckdb-browser-eh.worker.js`; the wasm arrives as
 * a classic script with a gzip+base64 payload, is posted to the worker, and the
 * prelude answers DuckDB's `fetch('embedded:duckdb.wasm')` with it.
 */
import { AsyncDuckDB, VoidLogger, type AsyncDuckDBConnection, type AsyncPreparedStatement } from '@duckdb/duckdb-wasm';
import workerSource from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?packed';
import type { Table } from 'apache-arrow';
import { DUCKDB_GLOBAL, type DuckdbPayload } from '../model/duckdb-payload.ts';
import type { WasmMessage } from './messages.ts';
import type { SqlParam, SqlRunner } from './runner.ts';
import { WORKER_PRELUDE } from './worker-prelude.ts';
import { reasonOf } from '../model/text.ts';

export const DUCKDB_SCRIPT = 'duckdb/duckdb-eh.wasm.js';

/** Raised with a stable code so the UI can explain it in both languages. */
export class BootError extends Error {
  constructor(
    readonly code: 'duckdb-missing' | 'duckdb-boot',
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
  }
}

/** Loads a classic script next to index.html; the only way to read bytes on file://. */
export function loadClassicScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const el = document.createElement('script');
    el.src = src;
    el.async = true;
    el.onload = () => resolve();
    el.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.appendChild(el);
  });
}

/** Prepared statements kept per connection (each holds a parsed and planned query in the worker). */
const MAX_STATEMENTS = 48;

class BrowserRunner implements SqlRunner {
  constructor(
    private readonly db: AsyncDuckDB,
    private readonly conn: AsyncDuckDBConnection,
    private readonly worker: Worker,
  ) {}

  /**
   * Prepared statements by SQL text, most recently used last. Preparing and
   * closing are a round trip to the worker each: a search keystroke that
   * reuses its statement costs one round trip instead of three.
   */
  private readonly statements = new Map<string, Promise<AsyncPreparedStatement>>();

  async query(sql: string, params: readonly SqlParam[] = []): Promise<Table> {
    if (params.length === 0) return (await this.conn.query(sql)) as unknown as Table;
    let stmt = this.statements.get(sql);
    if (stmt) {
      this.statements.delete(sql);
    } else {
      stmt = this.conn.prepare(sql);
      stmt.catch(() => this.statements.delete(sql));
    }
    this.statements.set(sql, stmt);
    while (this.statements.size > MAX_STATEMENTS) {
      const [oldest, p] = this.statements.entries().next().value!;
      this.statements.delete(oldest);
      p.then((s) => s.close()).catch(() => undefined);
    }
    return (await (await stmt).query(...params)) as unknown as Table;
  }

  async insertArrowIPC(table: string, bytes: Uint8Array, options: { append?: boolean } = {}): Promise<void> {
    if (!options.append) await this.conn.query(`DROP TABLE IF EXISTS "${table.replace(/"/g, '""')}"`);
    // DuckDB transfers the buffer to its worker, detaching it here; the page still
    // reads the same bytes through lazy Arrow views (names, labels), so send a copy.
    await this.conn.insertArrowFromIPCStream(bytes.slice(), { name: table, create: !options.append });
  }

  version(): Promise<string> {
    return this.db.getVersion();
  }

  async close(): Promise<void> {
    await this.conn.close().catch(() => undefined);
    await this.db.terminate().catch(() => undefined);
    this.worker.terminate();
  }
}

export interface BootTimings {
  script: number;
  instantiate: number;
}

/**
 * Starts DuckDB. `onStep` reports each finished step with its duration, for the
 * diagnostics panel and the benchmark.
 */
export async function bootDuckDB(onStep: (step: string, ms: number) => void = () => undefined): Promise<SqlRunner> {
  let t0 = performance.now();
  const g = globalThis as unknown as Record<string, DuckdbPayload | undefined>;
  if (!g[DUCKDB_GLOBAL]) {
    try {
      await loadClassicScript(DUCKDB_SCRIPT);
    } catch {
      throw new BootError('duckdb-missing', DUCKDB_SCRIPT);
    }
  }
  const payload = g[DUCKDB_GLOBAL];
  if (!payload || typeof payload.gzipBase64 !== 'string') throw new BootError('duckdb-missing', DUCKDB_SCRIPT);
  // The 10 MB string is handed to the worker; drop the page's reference.
  delete g[DUCKDB_GLOBAL];
  onStep('duckdb-script', performance.now() - t0);

  t0 = performance.now();
  const url = URL.createObjectURL(new Blob([WORKER_PRELUDE, workerSource()], { type: 'text/javascript' }));
  let worker: Worker;
  try {
    worker = new Worker(url);
  } finally {
    URL.revokeObjectURL(url);
  }
  try {
    const message: WasmMessage = { type: 'atlas:wasm', gzipBase64: payload.gzipBase64, bytes: payload.bytes };
    worker.postMessage(message);
    const db = new AsyncDuckDB(new VoidLogger(), worker);
    onStep('duckdb-worker', performance.now() - t0);
    // Sub-steps, so the benchmark can set each against its floor: gunzip +
    // compile + instantiate of the wasm (in the worker), open, connect.
    t0 = performance.now();
    await db.instantiate('embedded:duckdb.wasm');
    onStep('duckdb-instantiate', performance.now() - t0);
    t0 = performance.now();
    await db.open({ query: { castBigIntToDouble: true, castDecimalToDouble: true } });
    const conn = await db.connect();
    // Only core DuckDB is there; an extension download would fail (and autoload
    // of Parquet was seen to crash the wasm), so never try.
    await conn.query('SET autoinstall_known_extensions = false');
    await conn.query('SET autoload_known_extensions = false');
    onStep('duckdb-open', performance.now() - t0);
    return new BrowserRunner(db, conn, worker);
  } catch (e) {
    worker.terminate();
    throw new BootError('duckdb-boot', reasonOf(e));
  }
}
