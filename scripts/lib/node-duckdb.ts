/**
 * DuckDB-WASM's blocking build in node behind the app's SqlRunner: the same
 * engine and the same queries as the browser (STYLE.md #8), for the tests and
 * for the packer, which works out the rating series at pack time.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ConsoleLogger, createDuckDB, LogLevel, NODE_RUNTIME } from '@duckdb/duckdb-wasm/blocking';
import type { Table } from 'apache-arrow';
import type { SqlParam, SqlRunner } from '../../src/db/runner.ts';

const require = createRequire(import.meta.url);

export async function nodeDuckDB(): Promise<SqlRunner> {
  const dist = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
  const db = await createDuckDB(
    {
      mvp: { mainModule: join(dist, 'duckdb-mvp.wasm'), mainWorker: join(dist, 'duckdb-node-mvp.worker.cjs') },
      eh: { mainModule: join(dist, 'duckdb-eh.wasm'), mainWorker: join(dist, 'duckdb-node-eh.worker.cjs') },
    },
    new ConsoleLogger(LogLevel.WARNING),
    NODE_RUNTIME,
  );
  await db.instantiate();
  db.open({ query: { castBigIntToDouble: true, castDecimalToDouble: true } });
  const conn = db.connect();
  conn.query('SET autoinstall_known_extensions = false');
  conn.query('SET autoload_known_extensions = false');
  return {
    async query(sql: string, params: readonly SqlParam[] = []): Promise<Table> {
      if (params.length === 0) return conn.query(sql) as unknown as Table;
      const stmt = conn.prepare(sql);
      try {
        return stmt.query(...params) as unknown as Table;
      } finally {
        stmt.close();
      }
    },
    async insertArrowIPC(table: string, bytes: Uint8Array, options: { append?: boolean } = {}): Promise<void> {
      if (!options.append) conn.query(`DROP TABLE IF EXISTS "${table.replace(/"/g, '""')}"`);
      conn.insertArrowFromIPCStream(bytes, { name: table, create: !options.append });
    },
    async version(): Promise<string> {
      return db.getVersion();
    },
    async close(): Promise<void> {
      conn.close();
    },
  };
}
