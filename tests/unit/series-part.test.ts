/**
 * The series worked out at pack time (scripts/lib/series-part.ts) must give the
 * app exactly what it would have worked out itself: the same series rows, the
 * same worklist year tables, the same lists; and it is used only while it
 * matches the bundle it came with.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withSeriesParts } from '../../scripts/lib/series-part.ts';
import { tableFromIPC, type Table } from 'apache-arrow';
import { loadTables, priorityFlags } from '../../src/db/queries.ts';
import type { SqlRunner } from '../../src/db/runner.ts';
import { prepareSeries, SERIES_COLUMNS, seriesFor, seriesPartName, seriesShipped, shippedSeriesParts, startSeries } from '../../src/db/series.ts';
import { shippedYearRows } from '../../src/db/shipped-year.ts';
import { withTablesArriving } from '../../src/db/tables.ts';
import { ratingsByProvince, worklist } from '../../src/db/worklist.ts';
import { yearTable } from '../../src/db/year-table.ts';
import type { BundleManifest } from '../../src/model/bundle.ts';
import { defaultFilter } from '../../src/model/filters.ts';
import { historyBundle, MERGER_ROWS } from '../fixtures/merger-bundle.ts';
import { miniHistoryPayload, miniHistoryRawParts, miniPayload, miniRawParts } from '../fixtures/mini-bundle.ts';
import { nodeDuckDB } from './node-duckdb.ts';

const rows = async (db: SqlRunner, sql: string, params: (string | number)[] = []) => (await db.query(sql, params)).toArray().map((r) => JSON.stringify(r.toJSON()));

const merger = () => historyBundle(MERGER_ROWS);

describe.each([
  ['mini (2023–2025)', miniPayload, miniRawParts],
  ['mini history (2020–2025)', miniHistoryPayload, miniHistoryRawParts],
  ['merger fixture (ties, three-way merger, split into three, no predecessor)', merger, () => merger().parts],
] as const)('shipped series, %s', (_name, payload, raw) => {
  let manifest: BundleManifest;
  let parts: Record<string, Uint8Array>;
  let built: SqlRunner;
  let shipped: SqlRunner;

  beforeAll(async () => {
    ({ manifest, parts } = await withSeriesParts({ manifest: payload().manifest, parts: raw() }));
    built = await nodeDuckDB();
    await loadTables(built, raw(), manifest.scale);
    await prepareSeries(built, manifest);
    shipped = await nodeDuckDB();
    await loadTables(shipped, parts, manifest.scale);
    const ship = shippedSeriesParts(manifest, parts);
    expect(Object.keys(ship ?? {}).sort()).toEqual(['2025', 'pre2025']);
    await startSeries(shipped, manifest, undefined, ship);
    // Each structure's rows are inserted on first use: one now, the other by the year tables below.
    await seriesFor(shipped, 'pre2025');
  });
  afterAll(async () => {
    await built.close();
    await shipped.close();
  });

  it('loads the series rows the app works out itself, with the same types', async () => {
    await seriesFor(shipped, '2025');
    const sql = `SELECT ${SERIES_COLUMNS.join(', ')} FROM series ORDER BY structure, year, code`;
    const a = await rows(built, sql);
    const communes = Number((await built.query("SELECT count(*) AS n FROM units WHERE level = 'commune'")).get(0)!.toJSON().n);
    expect(a.length).toBe(communes * manifest.years.length);
    expect(await rows(shipped, sql)).toEqual(a);
    const types = `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'series' AND column_name IN (${SERIES_COLUMNS.map((c) => `'${c}'`).join(', ')}) ORDER BY column_name`;
    expect(await rows(shipped, types)).toEqual(await rows(built, types));
    expect(seriesShipped(shipped)).toBe(true);
    expect(seriesShipped(built)).toBe(false);
  });

  it('makes every worklist year table equal, column for column, without a join', async () => {
    for (const s of manifest.structures) {
      for (const year of manifest.years) {
        const [ta, tb] = [await yearTable(built, s.id, year), await yearTable(shipped, s.id, year)];
        const a = await rows(built, `SELECT * FROM ${ta} ORDER BY code`);
        expect(a.length, `${s.id} ${year}`).toBeGreaterThan(0);
        expect(await rows(shipped, `SELECT * FROM ${tb} ORDER BY code`), `${s.id} ${year}`).toEqual(a);
        const types = (t: string) => `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = '${t}' ORDER BY ordinal_position`;
        expect(await rows(shipped, types(tb))).toEqual(await rows(built, types(ta)));
      }
    }
  });

  it('answers the same lists, filters, search and sort included', async () => {
    let compared = 0;
    for (const s of manifest.structures) {
      const base = { ...defaultFilter(manifest), structure: s.id, year: s.toYear };
      for (const f of [
        base,
        { ...base, ratings: manifest.scale.levels.filter((l) => l.weak).map((l) => l.id) },
        { ...base, text: 'dong van' },
        { ...base, year: manifest.years[0], kinds: ['border'] },
      ]) {
        for (const sort of [{ column: 'rating_order', dir: 'desc' }, { column: 'weak_streak', dir: 'desc' }, { column: 'name', dir: 'asc' }] as const) {
          const a = (await worklist(built, f, { sort })).toArray().map((r) => JSON.stringify(r.toJSON()));
          expect((await worklist(shipped, f, { sort })).toArray().map((r) => JSON.stringify(r.toJSON()))).toEqual(a);
          compared += a.length;
        }
      }
    }
    expect(compared).toBeGreaterThan(6 * 3);
  });

  it('is used only while it was worked out from exactly these tables, scale, years and structures', () => {
    const { [seriesPartName('2025')]: _dropped, ...withoutOne } = parts;
    expect(_dropped).toBeDefined();
    expect(shippedSeriesParts(manifest, withoutOne)).toBeUndefined();
    const changed = (m: Partial<BundleManifest>) => shippedSeriesParts({ ...manifest, ...m }, parts) !== undefined;
    expect(changed({ parts: { ...manifest.parts, ratings: { ...manifest.parts.ratings, sha256: '0'.repeat(64) } } })).toBe(false);
    expect(changed({ years: manifest.years.slice(1) })).toBe(false);
    expect(changed({ scale: { ...manifest.scale, levels: manifest.scale.levels.map((l) => ({ ...l, weak: !l.weak })) } })).toBe(false);
    expect(changed({ structures: manifest.structures.map((x) => ({ ...x, fromYear: x.fromYear - 1 })) })).toBe(false);
    expect(changed({})).toBe(true);
  });
});

describe('start-up with a shipped series: the first list before the other tables', () => {
  it('answers lists from the shipped series alone, while statements on the other tables wait for them', async () => {
    const { manifest, parts } = await withSeriesParts({ manifest: miniHistoryPayload().manifest, parts: miniHistoryRawParts() });
    const raw = await nodeDuckDB();
    let release: () => void = () => undefined;
    const loaded = new Promise<void>((resolve) => (release = resolve)).then(() => loadTables(raw, parts, manifest.scale));
    const db = withTablesArriving(raw, loaded);
    await startSeries(db, manifest, undefined, shippedSeriesParts(manifest, parts));
    // Nothing but the series is in DuckDB yet, and nothing waits for the tables: every list answers.
    let answered = 0;
    for (const s of manifest.structures) {
      for (const year of manifest.years) {
        const base = { ...defaultFilter(manifest), structure: s.id, year };
        for (const f of [base, { ...base, text: 'xa' }, { ...base, kinds: ['border'], ratings: ['Y', 'TB'] }]) {
          for (const sort of [{ column: 'weak_streak', dir: 'desc' }, { column: 'province_name', dir: 'asc' }] as const) {
            answered += (await worklist(db, f, { sort })).numRows;
          }
        }
      }
    }
    expect(answered).toBeGreaterThan(0);
    const tables = await raw.query("SELECT count(*) AS n FROM duckdb_tables() WHERE table_name IN ('units', 'ratings', 'priority', 'scale')");
    expect(Number(tables.get(0)!.toJSON().n)).toBe(0);
    // Each year table came from that year's rows alone: no structure's whole series went in.
    expect(Number((await raw.query('SELECT count(*) AS n FROM series')).get(0)!.toJSON().n)).toBe(0);
    // A statement on the bundle's tables waits for them, then answers.
    let flags: unknown[] | undefined;
    const pending = priorityFlags(db, 'pre2025').then((f) => (flags = f));
    await new Promise((r) => setTimeout(r, 50));
    expect(flags).toBeUndefined();
    release();
    await pending;
    expect(flags!.length).toBeGreaterThan(0);
    expect((await ratingsByProvince(db, { ...defaultFilter(manifest), structure: '2025', year: 2025 })).numRows).toBeGreaterThan(0);
    await raw.close();
  });
});

describe('shippedYearRows', () => {
  it("cuts out exactly one year's rows of a part, and refuses a part not laid out commune by commune, year by year", async () => {
    const { manifest, parts } = await withSeriesParts({ manifest: miniHistoryPayload().manifest, parts: miniHistoryRawParts() });
    const part = parts[seriesPartName('pre2025')];
    const all = tableFromIPC(part);
    const rowsOf = (t: Table) => t.toArray().map((r) => JSON.stringify(r.toJSON()));
    for (const year of manifest.years) {
      const cut = tableFromIPC(shippedYearRows(part, manifest.years, year)!);
      expect(cut.schema.fields.map((f) => `${f.name}:${String(f.type)}`)).toEqual(all.schema.fields.map((f) => `${f.name}:${String(f.type)}`));
      const expected = all.toArray().filter((r) => r.year === year).map((r) => JSON.stringify(r.toJSON()));
      expect(expected.length).toBe(4);
      expect(rowsOf(cut)).toEqual(expected);
    }
    expect(shippedYearRows(part, manifest.years, 1999)).toBeUndefined();
    // A manifest with one year less no longer matches the part's layout.
    expect(shippedYearRows(part, manifest.years.slice(1), manifest.years[1])).toBeUndefined();
    expect(shippedYearRows(part, [...manifest.years].reverse(), manifest.years[0])).toBeUndefined();
  });
});
