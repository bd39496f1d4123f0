import { beforeAll, describe, expect, it } from 'vitest';
import { loadTables, overview, priorityFlags, ratingCounts, relatedAcrossMerger, structureForYear } from '../../src/db/queries.ts';
import { prepareSeries, seriesRatings } from '../../src/db/series.ts';
import type { SqlRunner } from '../../src/db/runner.ts';
import { miniPayload, miniRawParts } from '../fixtures/mini-bundle.ts';
import { nodeDuckDB } from './node-duckdb.ts';

const manifest = miniPayload().manifest;

function rows(t: Awaited<ReturnType<typeof seriesRatings>>) {
  return t.toArray().map((r) => {
    const o = r.toJSON() as { code: string; rating: string | null; score: number | null };
    return [o.code, o.rating, o.score == null ? null : Math.round(o.score * 10) / 10];
  });
}

describe('typed queries on DuckDB (node), mini bundle of Đồng Văn', () => {
  let db: SqlRunner;
  beforeAll(async () => {
    db = await nodeDuckDB();
    await loadTables(db, miniRawParts(), manifest.scale);
    await prepareSeries(db, manifest);
  });

  it('knows which structure carries a year', () => {
    expect(structureForYear(manifest, 2024)?.id).toBe('pre2025');
    expect(structureForYear(manifest, 2025)?.id).toBe('2025');
    expect(structureForYear(manifest, 1999)).toBeUndefined();
  });

  it('answers the ratings of the year on its own structure', async () => {
    expect(rows(await seriesRatings(db, 'pre2025', 2024))).toEqual([
      ['00001', 'TB', 52],
      ['00002', 'TB', 58],
      ['00003', 'Y', 30],
      ['00004', 'XS', 93],
    ]);
    expect(rows(await seriesRatings(db, '2025', 2025))).toEqual([
      ['00001', 'K', 70],
      ['00004', 'Y', 38],
    ]);
  });

  it('carries old ratings onto current communes through the crosswalk (area-weighted)', async () => {
    // 00001 = old 00001 (Y) + 00002 (TB), equal areas: Y on half the area, the weaker of the tie (Y).
    // 00004 = old 00003 (K) + 00004 (XS): K or weaker on half: K. Scores: the area-weighted means.
    expect(rows(await seriesRatings(db, '2025', 2023))).toEqual([
      ['00001', 'Y', 45],
      ['00004', 'K', 81.5],
    ]);
  });

  it('carries current ratings back onto old communes', async () => {
    expect(rows(await seriesRatings(db, 'pre2025', 2025))).toEqual([
      ['00001', 'K', 70],
      ['00002', 'K', 70],
      ['00003', 'Y', 38],
      ['00004', 'Y', 38],
    ]);
  });

  it('counts communes per level', async () => {
    const counts = await ratingCounts(db, 'pre2025', 2024);
    expect(Object.fromEntries(counts.map((c) => [c.rating, c.count]))).toEqual({ TB: 2, Y: 1, XS: 1 });
    expect(counts.every((c) => c.estimated === 0)).toBe(true);
    // 2023 on the current communes: carried across the merger, all estimates.
    expect((await ratingCounts(db, '2025', 2023)).map((c) => [c.rating, c.count, c.estimated])).toEqual([['K', 1, 1], ['Y', 1, 1]]);
  });

  it('keeps hostile names as plain text in the database', async () => {
    const t = await db.query("SELECT name FROM units WHERE code = ? AND structure = ?", ['00002', 'pre2025']);
    expect(t.get(0)!.toJSON().name).toBe("Xã Mã Pì Lèng'; DROP TABLE units; --");
    // Binding the hostile text as a parameter is just a lookup that finds nothing.
    const none = await db.query('SELECT count(*) AS n FROM units WHERE name = ?', ["'; DROP TABLE units; --"]);
    expect(Number(none.get(0)!.toJSON().n)).toBe(0);
    expect((await overview(db)).units).toBe(6);
  });

  it('lists priority flags of a structure (a bundle made before the evidence was kept: no kilometres)', async () => {
    expect(await priorityFlags(db, 'pre2025')).toEqual([
      { code: '00001', kind: 'border', detail: 'Trung Quốc', source: 'computed', length_km: null },
      { code: '00002', kind: 'border', detail: 'Trung Quốc', source: 'computed', length_km: null },
    ]);
  });

  it('finds the old communes a current one was formed from, with their own ratings', async () => {
    const r = await relatedAcrossMerger(db, manifest, '2025', '00004');
    expect(r.direction).toBe('formedFrom');
    expect(r.units.map((u) => [u.code, u.name, u.share, u.history.map((h) => `${h.year}:${h.rating}`).join(' ')])).toEqual([
      ['00003', 'Xã <img src=x onerror=alert(1)>', 1, '2023:K 2024:Y'],
      ['00004', 'Thị trấn Đồng Văn', 1, '2023:XS 2024:XS'],
    ]);
    const back = await relatedAcrossMerger(db, manifest, 'pre2025', '00002');
    expect(back.direction).toBe('becamePartOf');
    expect(back.units.map((u) => [u.code, u.name, u.history.map((h) => `${h.year}:${h.rating}`).join(' ')])).toEqual([['00001', 'Xã Lũng Cú', '2025:K']]);
  });

  it('gives an overview straight from the engine', async () => {
    expect(await overview(db)).toEqual({ units: 6, ratings: 10, years: [2023, 2025] });
    expect(await db.version()).toMatch(/^v1\.\d+\.\d+/);
  });
});

describe('loading a bundle that fails', () => {
  it('keeps the previous tables in place and usable', async () => {
    const db = await nodeDuckDB();
    const parts = miniRawParts();
    await loadTables(db, parts, manifest.scale);
    const broken = { ...parts, crosswalk: new Uint8Array([1, 2, 3, 4]) };
    await expect(loadTables(db, broken, manifest.scale)).rejects.toThrow();
    expect((await overview(db)).units).toBe(6);
    const tables = await db.query("SELECT count(*) AS n FROM duckdb_tables() WHERE table_name LIKE '%__staging'");
    expect(Number(tables.get(0)!.toJSON().n)).toBe(0);
  });
});

describe('two bundles loaded at once through two handles on one engine', () => {
  it('go in one after the other, in the order asked: no clash on the staging tables, the last one stays', async () => {
    const db = await nodeDuckDB();
    const handle = (): SqlRunner => ({
      engine: db,
      query: (sql, params) => db.query(sql, params),
      insertArrowIPC: (t, b, o) => db.insertArrowIPC(t, b, o),
      version: () => db.version(),
      close: () => db.close(),
    });
    const parts = miniRawParts();
    const fewer = { ...manifest.scale, levels: manifest.scale.levels.slice(0, 2) };
    await Promise.all([loadTables(handle(), parts, manifest.scale), loadTables(handle(), parts, fewer)]);
    const scale = await db.query('SELECT count(*) AS n FROM scale');
    expect(Number(scale.get(0)!.toJSON().n)).toBe(2);
    const tables = await db.query("SELECT count(*) AS n FROM duckdb_tables() WHERE table_name LIKE '%__staging'");
    expect(Number(tables.get(0)!.toJSON().n)).toBe(0);
  });
});
