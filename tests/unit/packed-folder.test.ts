/**
 * A folder made by `npm run pack` must start as fast as the demo: its series
 * parts (scripts/lib/series-part.ts) are used as they are, every worklist year
 * table is cut from them, and nothing is worked out again in the page. The same
 * path as the CLI (import → series parts → atlas-data.js), read back as the
 * page reads it; every statement sent to DuckDB is recorded and checked.
 */
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withSeriesParts } from '../../scripts/lib/series-part.ts';
import { loadTables } from '../../src/db/queries.ts';
import type { SqlParam, SqlRunner } from '../../src/db/runner.ts';
import { prepareSeries, seriesFor, shippedSeriesParts, startSeries } from '../../src/db/series.ts';
import { worklist } from '../../src/db/worklist.ts';
import { decodeBundle, type LoadedBundle } from '../../src/io/bundle.ts';
import { bundleFiles, importFiles } from '../../src/io/import.ts';
import { BUNDLE_GLOBAL } from '../../src/model/bundle.ts';
import { defaultFilter } from '../../src/model/filters.ts';
import { nodeDuckDB } from './node-duckdb.ts';

const GEOJSON = 'tests/fixtures/good/communes.geojson';

/** A runner that records every statement and insert it passes on. */
function recording(db: SqlRunner): SqlRunner & { log: string[] } {
  const log: string[] = [];
  return {
    log,
    query: (sql: string, params?: readonly SqlParam[]) => {
      log.push(sql.replace(/\s+/g, ' ').trim());
      return db.query(sql, params);
    },
    insertArrowIPC: (table, bytes, options) => {
      log.push(`INSERT ARROW INTO ${table}${options?.append ? ' (append)' : ''}`);
      return db.insertArrowIPC(table, bytes, options);
    },
    version: () => db.version(),
    close: () => db.close(),
  };
}

describe('a folder packed from an office GeoJSON and a two-year ratings CSV', () => {
  let bundle: LoadedBundle;
  let years: number[];

  beforeAll(async () => {
    const geo = readFileSync(GEOJSON);
    const codes = (JSON.parse(geo.toString('utf8')) as { features: { properties: { ma_xa: string } }[] }).features.map((f) => f.properties.ma_xa);
    // As an office writes it: UTF-8 with BOM, Vietnamese headers, two years.
    const levels = ['XS', 'K', 'TB', 'Y'];
    const csv = `\uFEFFMã xã,Năm,Xếp loại,Điểm\n${codes.flatMap((c, i) => [2025, 2026].map((y) => `${c},${y},${levels[(i + y) % 4]},${60 + i}`)).join('\n')}\n`;
    const result = await importFiles(
      [
        { name: 'xa.geojson', bytes: new Uint8Array(geo), role: 'boundaries' },
        { name: 'xep-loai.csv', bytes: new TextEncoder().encode(csv), role: 'ratings' },
      ],
      { neighbours: [] },
    );
    expect(result.packed, JSON.stringify(result.report.issues.slice(0, 5))).toBeDefined();
    // What `npm run pack` writes, then what the page reads from data/atlas-data.js.
    const files = await bundleFiles(await withSeriesParts(result.packed!));
    const sandbox: Record<string, unknown> = {};
    sandbox.globalThis = sandbox;
    runInNewContext(String(files['atlas-data.js']), sandbox);
    bundle = await decodeBundle(sandbox[BUNDLE_GLOBAL]);
    years = bundle.manifest.years;
    expect(years).toEqual([2025, 2026]);
  });

  let db: SqlRunner & { log: string[] };
  let raw: SqlRunner;
  afterAll(async () => {
    await raw?.close();
  });

  it('ships a series part for every structure that the page accepts as it is', () => {
    const shipped = shippedSeriesParts(bundle.manifest, bundle.parts);
    expect(Object.keys(shipped ?? {})).toEqual(bundle.manifest.structures.map((s) => s.id));
  });

  it("makes every year's list from the shipped rows: no series, join or aggregate worked out in the page", async () => {
    raw = await nodeDuckDB();
    db = recording(raw);
    await loadTables(db, bundle.parts, bundle.manifest.scale);
    await startSeries(db, bundle.manifest, undefined, shippedSeriesParts(bundle.manifest, bundle.parts));
    const structure = bundle.manifest.structures[0].id;
    const lists: string[][] = [];
    for (const year of years) {
      const t = await worklist(db, { ...defaultFilter(bundle.manifest), structure, year });
      lists.push(t.toArray().map((r) => JSON.stringify(r.toJSON())));
    }
    await seriesFor(db, structure);
    const log = db.log.join('\n');
    // Each year table is an insert of that year's rows cut from the part, then a plain projection.
    expect(db.log.filter((s) => /^INSERT ARROW INTO worklist_year_\d+__rows$/.test(s))).toHaveLength(years.length);
    expect(log).toContain('INSERT ARROW INTO series (append)');
    expect(log).not.toMatch(/INSERT INTO series\b/);
    expect(log).not.toMatch(/AS WITH streak/);
    expect(log).not.toMatch(/series_plan/);
    expect(log).not.toMatch(/units_search/);

    // The same lists as a page that worked everything out itself.
    const built = await nodeDuckDB();
    try {
      await loadTables(built, bundle.parts, bundle.manifest.scale);
      await prepareSeries(built, bundle.manifest);
      for (const [i, year] of years.entries()) {
        const t = await worklist(built, { ...defaultFilter(bundle.manifest), structure, year });
        expect(lists[i]).toEqual(t.toArray().map((r) => JSON.stringify(r.toJSON())));
        expect(lists[i].length).toBeGreaterThan(0);
      }
    } finally {
      await built.close();
    }
  });
});
