/**
 * Work timed in node rather than in the page, with the same engine
 * (DuckDB-WASM's blocking build) and the same code as the app:
 *
 * - the rating series worked out in DuckDB from the folder's own bundle
 *   (`loadTables`, then `prepareSeries`): what an import, or a bundle packed
 *   without its series, costs before the first list;
 * - an import of the real 692-district GeoJSON (~12 MB) of the shared data set,
 *   when it is there (tests/shared-data.ts): reading, validation, flags.
 *
 * The unit tests check these answers; how long they take is measured here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { loadTables } from '../../../src/db/queries.ts';
import { prepareSeries } from '../../../src/db/series.ts';
import { decodeBundle } from '../../../src/io/bundle.ts';
import { importFiles } from '../../../src/io/import.ts';
import { BUNDLE_GLOBAL } from '../../../src/model/bundle.ts';
import { sharedData } from '../../../tests/shared-data.ts';
import { naturalEarthNeighbours } from '../../pack.ts';
import { nodeDuckDB } from '../node-duckdb.ts';

export interface NodeMeasures {
  /** Rows of the series worked out (communes × years of every structure). */
  seriesRows: number;
  /** `loadTables` of the folder's bundle, ms per run. */
  tablesInsert: number[];
  /** `prepareSeries` after it, ms per run. */
  seriesBuild: number[];
  /** The shared districts GeoJSON through `importFiles`, or why it was not timed. */
  realImport: { file: string; bytes: number; ms: number[] } | { skipped: string };
}

const DISTRICTS = 'districts_excl_quang_ninh.geojson';

/** Times the work above `reps` times each on the folder `dir`. */
export async function measureNode(dir: string, reps: number, log: (msg: string) => void): Promise<NodeMeasures> {
  const sandbox: Record<string, unknown> = {};
  sandbox.globalThis = sandbox;
  runInNewContext(readFileSync(join(dir, 'data', 'atlas-data.js'), 'utf8'), sandbox);
  const bundle = await decodeBundle(sandbox[BUNDLE_GLOBAL]);
  const out: NodeMeasures = { seriesRows: 0, tablesInsert: [], seriesBuild: [], realImport: { skipped: '' } };
  for (let i = 0; i < reps; i++) {
    const db = await nodeDuckDB();
    try {
      let t0 = performance.now();
      await loadTables(db, bundle.parts, bundle.manifest.scale);
      out.tablesInsert.push(performance.now() - t0);
      t0 = performance.now();
      await prepareSeries(db, bundle.manifest);
      out.seriesBuild.push(performance.now() - t0);
      out.seriesRows = Number((await db.query('SELECT count(*) AS n FROM series')).get(0)!.toJSON().n);
    } finally {
      await db.close();
    }
    log(`node: series worked out ${i + 1}/${reps}: ${out.seriesRows} rows in ${out.seriesBuild[i].toFixed(0)} ms`);
  }

  const shared = sharedData('vn-pre2025-dvhcvn', [DISTRICTS]);
  if (!shared.present) {
    out.realImport = { skipped: shared.why };
    log(`node: real-data import not timed: ${shared.why}`);
    return out;
  }
  const bytes = new Uint8Array(readFileSync(join(shared.dir, DISTRICTS)));
  const codes = (JSON.parse(new TextDecoder().decode(bytes)) as { features: { properties: { level2_id: string } }[] }).features.map((f) => f.properties.level2_id);
  const ratings = new TextEncoder().encode(`code,year,rating\n${codes.map((c, i) => `${c},2024,${['XS', 'K', 'TB', 'Y'][i % 4]}`).join('\n')}\n`);
  const neighbours = naturalEarthNeighbours();
  const ms: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    const r = await importFiles([{ name: DISTRICTS, bytes }, { name: 'r.csv', bytes: ratings }], {
      codeDigits: 3,
      mappings: { [DISTRICTS]: { code: 'level2_id', name: 'name', province_code: 'level1_id', province_name: 'province_name' } },
      neighbours,
    });
    ms.push(performance.now() - t0);
    if (!r.report.usable) throw new Error(`${DISTRICTS} did not import: ${r.report.issues.slice(0, 3).map((x) => x.reason).join(', ')}`);
    log(`node: ${DISTRICTS} imported ${i + 1}/${reps} in ${ms[i].toFixed(0)} ms`);
  }
  out.realImport = { file: join(shared.dir, DISTRICTS), bytes: bytes.length, ms };
  return out;
}
