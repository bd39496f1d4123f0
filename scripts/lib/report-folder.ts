/**
 * Opens a packed folder's data in node for `npm run report`: reads
 * `data/atlas-data.js` (clear, or protected with a passphrase), decodes it as
 * the page does and loads it into DuckDB-WASM's node build with the app's own
 * loader and series setup (the series shipped in the bundle when it carries
 * them), so the report's SQL runs on the same tables as in the page.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runInNewContext } from 'node:vm';
import { loadTables } from '../../src/db/queries.ts';
import type { SqlRunner } from '../../src/db/runner.ts';
import { shippedSeriesParts, startSeries } from '../../src/db/series.ts';
import { assembleBundle, BUNDLE_SCRIPT, decodeBundle, type LoadedBundle } from '../../src/io/bundle.ts';
import { checkHeader, decryptBundle, isProtectedPayload } from '../../src/io/protect.ts';
import { BUNDLE_GLOBAL } from '../../src/model/bundle.ts';
import { CliError } from './cli-main.ts';
import { folderDataFailure } from './folder-update.ts';
import { nodeDuckDB } from './node-duckdb.ts';

export interface OpenedFolder {
  bundle: LoadedBundle;
  db: SqlRunner;
}

/** Reads and decodes the bundle of a folder (a built `dist/` or a packed folder); `passphrase` for a protected one. */
export async function readFolderBundle(folder: string, passphrase?: () => Promise<string>): Promise<LoadedBundle> {
  const path = join(resolve(folder), BUNDLE_SCRIPT);
  if (!existsSync(path)) throw new CliError('folderNotFound', { path });
  // The script only assigns a global; it runs in an empty context, with nothing of node's in reach.
  const sandbox: Record<string, unknown> = {};
  sandbox.globalThis = sandbox;
  runInNewContext(readFileSync(path, 'utf8'), sandbox, { timeout: 60_000 });
  const payload = sandbox[BUNDLE_GLOBAL];
  if (!payload) throw new CliError('noBundle', { path });
  try {
    if (isProtectedPayload(payload)) {
      checkHeader(payload);
      if (!passphrase) throw new CliError('folderProtected');
      const d = await decryptBundle(payload, await passphrase());
      const bundle = assembleBundle(d.manifest, d.parts);
      return { ...bundle, manifest: { ...bundle.manifest, protected: true } };
    }
    return await decodeBundle(payload);
  } catch (e) {
    // A wrong passphrase, a damaged or refused bundle: said in both languages, as `npm run pack -- --into` says it.
    throw folderDataFailure(e) ?? e;
  }
}

/** The bundle's tables in a fresh node DuckDB, with the series set up as in the page. */
export async function loadIntoDuckDB(bundle: LoadedBundle): Promise<SqlRunner> {
  const db = await nodeDuckDB();
  await loadTables(db, bundle.parts, bundle.manifest.scale);
  await startSeries(db, bundle.manifest, undefined, shippedSeriesParts(bundle.manifest, bundle.parts));
  return db;
}

export async function openFolder(folder: string, passphrase?: () => Promise<string>): Promise<OpenedFolder> {
  const bundle = await readFolderBundle(folder, passphrase);
  return { bundle, db: await loadIntoDuckDB(bundle) };
}
