/**
 * Every reader of src/db states the bundle tables it reads (src/db/tables.ts).
 *
 * Each reader runs on a DuckDB that holds none of the bundle's tables: the
 * handle's `tablesReady` creates exactly the tables a reader names, when it
 * names them. A reader that reads a table it did not name fails with DuckDB's
 * "does not exist"; one that names what it needs answers exactly as it does on
 * a DuckDB that had every table from the start. Both start-up paths are run:
 * the series shipped with the bundle (the page's start-up) and the series
 * worked out in DuckDB (an import, or a bundle without it).
 *
 * A new exported function in src/db must be listed here, as a reader or as
 * something else with the reason, so no reader escapes the check.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Float32, Table, tableFromIPC, tableToIPC, vectorFromArray, type Vector } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { withSeriesParts } from '../../scripts/lib/series-part.ts';
import { communeHistory, loadTables, numericValues, overview, pooledValues, priorityFlags, ratingCounts, relatedAcrossMerger, levelChange } from '../../src/db/queries.ts';
import type { SqlRunner } from '../../src/db/runner.ts';
import { foldInDb, seriesAllYears, seriesFor, seriesRatings, shippedSeriesParts, shippedYear, startSeries } from '../../src/db/series.ts';
import { BUNDLE_TABLES, tablesReady, withTablesArriving, type BundleTable } from '../../src/db/tables.ts';
import { weakByYear } from '../../src/db/weak-by-year.ts';
import { reportData, reportProvinces } from '../../src/db/report.ts';
import { communeProvinces, provinceWeakShares, ratingsByProvince, worklist, worklistCount } from '../../src/db/worklist.ts';
import { yearTable } from '../../src/db/year-table.ts';
import type { BundleManifest } from '../../src/model/bundle.ts';
import { defaultFilter } from '../../src/model/filters.ts';
import { miniHistoryPayload, miniHistoryRawParts } from '../fixtures/mini-bundle.ts';
import { nodeDuckDB } from './node-duckdb.ts';

type Reader = (db: SqlRunner, m: BundleManifest) => Promise<unknown>;

/** Every reader of src/db, with arguments that reach each of its statements (both sides of the merger, score and indicator). */
const READERS: Record<string, Reader[]> = {
  ratingCounts: [(db) => ratingCounts(db, '2025', 2024)],
  overview: [(db) => overview(db)],
  priorityFlags: [(db) => priorityFlags(db, 'pre2025')],
  communeHistory: [(db) => communeHistory(db, '2025', '00001')],
  relatedAcrossMerger: [(db, m) => relatedAcrossMerger(db, m, '2025', '00001'), (db, m) => relatedAcrossMerger(db, m, 'pre2025', '00003')],
  numericValues: [(db, m) => numericValues(db, m, '2025', 2024, 'score'), (db, m) => numericValues(db, m, 'pre2025', 2022, 'participation')],
  levelChange: [(db) => levelChange(db, 'pre2025', 2024, 2023)],
  pooledValues: [(db, m) => pooledValues(db, m, '2025', 'score'), (db, m) => pooledValues(db, m, 'pre2025', 'participation')],
  seriesFor: [(db) => seriesFor(db, 'pre2025')],
  seriesRatings: [(db) => seriesRatings(db, '2025', 2023)],
  seriesAllYears: [(db) => seriesAllYears(db, 'pre2025')],
  shippedYear: [(db) => shippedYear(db, 'pre2025', 2022)],
  foldInDb: [(db) => foldInDb(db, 'Đồng Văn')],
  // Table names come from a counter: the rows are what is compared.
  yearTable: [async (db) => (await db.query(`SELECT * FROM ${await yearTable(db, 'pre2025', 2021)} ORDER BY code`))],
  worklist: [(db, m) => worklist(db, { ...defaultFilter(m), structure: 'pre2025', year: 2023, kinds: ['border'], text: 'xa' }, { sort: { column: 'weak_streak', dir: 'desc' } })],
  worklistCount: [(db, m) => worklistCount(db, { ...defaultFilter(m), structure: '2025', year: 2025, ratings: ['Y'] })],
  ratingsByProvince: [(db, m) => ratingsByProvince(db, { ...defaultFilter(m), structure: '2025', year: 2024 })],
  provinceWeakShares: [(db, m) => provinceWeakShares(db, { ...defaultFilter(m), structure: 'pre2025', year: 2023, kinds: ['border'] }, 2021)],
  communeProvinces: [(db) => communeProvinces(db, '2025')],
  reportProvinces: [(db) => reportProvinces(db, 'pre2025')],
  reportData: [
    (db, m) => reportData(db, m, { structure: '2025', province: null, year: Math.max(...m.years), baseYear: Math.min(...m.years), kinds: [], kindsMode: 'any' }),
    (db, m) => reportData(db, m, { structure: 'pre2025', province: '02', year: 2023, baseYear: 2021, kinds: ['border'], kindsMode: 'any' }),
  ],
  weakByYear: [
    (db, m) => weakByYear(db, m, 'pre2025'),
    (db, m) => weakByYear(db, m, '2025', { kinds: ['border'], provinces: ['01'] }),
    (db, m) => weakByYear(db, m, '2025', { kinds: ['border'] }, { basis: 'structure' }),
  ],
};

/** Exported functions of src/db that are not readers of the bundle's tables, and why. */
const NOT_READERS: Record<string, string> = {
  loadTables: 'the loader: it makes the tables',
  startSeries: 'the series setup: run first in both paths below, on the same terms as the readers',
  prepareSeries: 'startSeries and seriesFor for every structure',
  seriesInBackground: 'schedules seriesFor',
  tablesReady: 'the readiness itself',
  withTablesArriving: 'the readiness itself',
  structureForYear: 'pure: reads the manifest',
  yearRoute: 'pure: reads the manifest',
  piecesSql: 'pure: SQL text of the merger pieces (src/db/merger.ts)',
  seriesPartName: 'pure: a part name',
  seriesInputs: 'pure: reads the manifest',
  shippedSeriesParts: 'pure: picks parts',
  seriesShipped: 'reads the series setup state, no SQL',
  seriesGeneration: 'reads the series setup state, no SQL',
  shippedYearRows: 'pure: cuts Arrow bytes in the page',
  stringColumn: 'pure: reads an Arrow table',
  worklistOrder: 'pure: SQL text of a sort',
  marks: 'pure: SQL placeholders',
  unique: 'pure',
  isEstimatedYear: 'pure: reads the manifest',
  FOLD_SQL: 'pure: SQL text of a folded name',
};

/** Modules of src/db not imported here: they need a browser page or a worker, and hold no reader. */
const PAGE_ONLY = ['browser.ts', 'worker-prelude.ts'];

/** The mini history bundle with an indicator column (`participation`), so indicator readers have something to read. */
async function bundle(): Promise<{ manifest: BundleManifest; parts: Record<string, Uint8Array> }> {
  const payload = miniHistoryPayload();
  const parts = miniHistoryRawParts();
  const ratings = tableFromIPC(parts.ratings);
  const columns: Record<string, Vector> = Object.fromEntries(ratings.schema.fields.map((f) => [f.name, ratings.getChild(f.name)!]));
  const score = ratings.getChild('score')!.toArray() as Float32Array;
  columns.participation = vectorFromArray(Array.from(score, (s, i) => (i % 5 === 0 ? null : Math.round(100 - s / 2 + i))), new Float32());
  parts.ratings = tableToIPC(new Table(columns), 'stream');
  const manifest: BundleManifest = {
    ...payload.manifest,
    indicators: [{ column: 'participation', label: { vi: 'Tỷ lệ tham gia', en: 'Participation' }, unit: '%', higherIsBetter: true }],
  };
  return withSeriesParts({ manifest, parts });
}

/** Arrow tables, maps and typed arrays as plain JSON, to compare answers of two engines. */
function plain(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => {
    if (x instanceof Table) return x.toArray().map((r) => r.toJSON());
    if (x instanceof Map) return [...x];
    if (ArrayBuffer.isView(x)) return Array.from(x as Float64Array);
    return x;
  });
}

/**
 * A DuckDB with every bundle table put aside (schema `kept`) and a handle whose
 * `tablesReady` puts back exactly the tables named, when they are named.
 */
async function tablesOnRequest(manifest: BundleManifest, parts: Record<string, Uint8Array>) {
  const raw = await nodeDuckDB();
  await loadTables(raw, parts, manifest.scale);
  const all: BundleTable[] = [...BUNDLE_TABLES, 'scale'];
  await raw.query('CREATE SCHEMA kept');
  for (const t of all) await raw.query(`CREATE TABLE kept.${t} AS SELECT * FROM ${t}; DROP TABLE ${t};`);
  const present = new Set<BundleTable>();
  const db: SqlRunner = {
    engine: raw,
    query: (sql, params) => raw.query(sql, params),
    insertArrowIPC: (t, b, o) => raw.insertArrowIPC(t, b, o),
    version: () => raw.version(),
    close: () => raw.close(),
    tablesReady: async (tables) => {
      for (const t of tables) {
        if (present.has(t)) continue;
        present.add(t);
        await raw.query(`CREATE TABLE ${t} AS SELECT * FROM kept.${t}`);
      }
    },
  };
  /** Takes every bundle table away again. */
  const takeAway = async () => {
    for (const t of present) await raw.query(`DROP TABLE ${t}`);
    present.clear();
  };
  return { db, takeAway, close: () => raw.close() };
}

describe('every reader of src/db states the bundle tables it reads', () => {
  it('lists every exported function of src/db as a reader or says why it is not one', async () => {
    const dir = join(process.cwd(), 'src', 'db');
    const exported: string[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && !PAGE_ONLY.includes(f))) {
      const mod = (await import(/* @vite-ignore */ join(dir, file))) as Record<string, unknown>;
      for (const [name, value] of Object.entries(mod)) if (typeof value === 'function') exported.push(name);
    }
    const unlisted = exported.filter((n) => !(n in READERS) && !(n in NOT_READERS));
    expect(unlisted, 'new functions of src/db: add them to READERS or NOT_READERS').toEqual([]);
    const gone = [...Object.keys(READERS), ...Object.keys(NOT_READERS)].filter((n) => !exported.includes(n));
    expect(gone, 'listed but no longer exported').toEqual([]);
  });

  it.each([
    ['the series shipped with the bundle (start-up)', true],
    ['the series worked out in DuckDB (an import)', false],
  ])('with %s, each reader reads only the tables it names and answers as with every table there', async (_name, ship) => {
    const { manifest, parts } = await bundle();
    const shipped = ship ? shippedSeriesParts(manifest, parts) : undefined;
    expect(!!shipped).toBe(ship);
    const reference = await nodeDuckDB();
    await loadTables(reference, parts, manifest.scale);
    await startSeries(reference, manifest, undefined, shipped);
    const onRequest = await tablesOnRequest(manifest, parts);
    const { db } = onRequest;
    await startSeries(db, manifest, undefined, shipped);
    try {
      for (const [name, calls] of Object.entries(READERS)) {
        for (const [i, call] of calls.entries()) {
          await onRequest.takeAway();
          const got = await call(db, manifest).catch((e: unknown) => {
            throw new Error(`${name} #${i + 1} read a table it does not name: ${e instanceof Error ? e.message : String(e)}`);
          });
          expect(plain(got), `${name} #${i + 1}`).toBe(plain(await call(reference, manifest)));
        }
      }
    } finally {
      await reference.close();
      await onRequest.close();
    }
  });
});

describe('withTablesArriving', () => {
  it('holds the readers that name a table until the load settles, and fails them when it fails', async () => {
    const raw = await nodeDuckDB();
    let fail: (e: Error) => void = () => undefined;
    const db = withTablesArriving(raw, new Promise<void>((_resolve, reject) => (fail = reject)));
    let settled = false;
    const waiting = tablesReady(db, 'units').finally(() => (settled = true));
    waiting.catch(() => undefined);
    await new Promise((r) => setTimeout(r, 20));
    expect(settled).toBe(false);
    // Statements that name no table run at once.
    expect(Number((await db.query('SELECT 41 + 1 AS n')).get(0)!.toJSON().n)).toBe(42);
    fail(new Error('part units missing'));
    await expect(waiting).rejects.toThrow('part units missing');
    await expect(priorityFlags(db, '2025')).rejects.toThrow('part units missing');
    // A plain handle has its tables: nothing to wait for.
    await expect(tablesReady(raw, 'units', 'ratings')).resolves.toBeUndefined();
    await raw.close();
  });
});
