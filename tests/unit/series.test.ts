import { Float32, Float64, Int16, Table, tableToIPC, Utf8, vectorFromArray } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { communeHistory, loadTables } from '../../src/db/queries.ts';
import type { SqlRunner } from '../../src/db/runner.ts';
import { foldInDb, prepareSeries, seriesAllYears, seriesFor, seriesRatings, startSeries } from '../../src/db/series.ts';
import { worklist } from '../../src/db/worklist.ts';
import { defaultFilter } from '../../src/model/filters.ts';
import { BUNDLE_FORMAT, BUNDLE_VERSION, type BundleManifest } from '../../src/model/bundle.ts';
import { DEFAULT_SCALE } from '../../src/model/scale.ts';
import { foldText } from '../../src/model/text.ts';
import { MINI_NAMES, miniHistoryPayload, miniHistoryRawParts, miniPayload, miniRawParts } from '../fixtures/mini-bundle.ts';
import { nodeDuckDB } from './node-duckdb.ts';
import { HistoryOracle } from './merger-oracle.ts';
import { expectSeriesAsOracle } from './series-cells.ts';
import { referenceWorklist } from './reference-worklist.ts';

describe('series on the mini bundle of Đồng Văn', () => {
  let db: SqlRunner;
  beforeAll(async () => {
    db = await nodeDuckDB();
  });
  afterAll(async () => db.close());

  it.each([
    ['mini (2023–2025)', miniPayload, miniRawParts],
    ['mini history (2020–2025)', miniHistoryPayload, miniHistoryRawParts],
  ] as const)('%s: the series holds what the independent oracle works out, for every structure × year', async (_name, payload, raw) => {
    const manifest = payload().manifest;
    await loadTables(db, raw(), manifest.scale);
    await prepareSeries(db, manifest);
    const n = await expectSeriesAsOracle(db, HistoryOracle.fromParts(manifest, raw()));
    // 4 old + 2 current communes, one row each per year.
    expect(n).toBe(6 * manifest.years.length);
    const count = await db.query('SELECT count(*) AS n FROM series');
    expect(Number(count.get(0)!.toJSON().n)).toBe(6 * manifest.years.length);
  });

  it('holds known crossings and the level order', async () => {
    const manifest = miniHistoryPayload().manifest;
    await loadTables(db, miniHistoryRawParts(), manifest.scale);
    await prepareSeries(db, manifest);
    const h = (await communeHistory(db, '2025', '00001')).map((r) => [r.year, r.rating]);
    // Equal areas: 2020 TB+TB; 2021 Y+TB → Y on half → Y; 2022 Y+Y; 2023 Y+TB → Y; 2024 TB+TB; 2025 own K.
    expect(h).toEqual([[2020, 'TB'], [2021, 'Y'], [2022, 'Y'], [2023, 'Y'], [2024, 'TB'], [2025, 'K']]);
    // ord is the level order of the rating, on every row that has one.
    const bad = await db.query('SELECT count(*) AS n FROM series s LEFT JOIN scale c ON c.id = s.rating WHERE s.ord IS DISTINCT FROM c.ord');
    expect(Number(bad.get(0)!.toJSON().n)).toBe(0);
    // The 2025 rating of current 00004 (Y) goes back onto both old communes it absorbed.
    expect((await seriesRatings(db, 'pre2025', 2025)).toArray().map((r) => r.rating)).toEqual(['K', 'K', 'Y', 'Y']);
  });

  it('is rebuilt, not appended, when prepared twice', async () => {
    const manifest = miniPayload().manifest;
    await loadTables(db, miniRawParts(), manifest.scale);
    await prepareSeries(db, manifest);
    await prepareSeries(db, manifest);
    expect(Number((await db.query('SELECT count(*) AS n FROM series')).get(0)!.toJSON().n)).toBe(18);
  });

  it('folds names in DuckDB exactly as foldText does', async () => {
    const manifest = miniPayload().manifest;
    await loadTables(db, miniRawParts(), manifest.scale);
    await prepareSeries(db, manifest);
    const folded = (await db.query('SELECT structure, code, folded FROM units_search ORDER BY structure, code')).toArray().map((r) => r.toJSON());
    expect(folded).toHaveLength(6);
    for (const f of folded) expect(f.folded).toBe(foldText(MINI_NAMES[`${f.structure}:${f.code}`]));
    expect(folded.find((f) => f.structure === 'pre2025' && f.code === '00004')!.folded).toBe('thi tran dong van');
    const hard = [
      'Đắk Lắk',
      'Thừa Thiên Huế',
      'ĐỒNG THÁP',
      'Lu\u0303ng Cu\u0301', // NFD
      'Thu\u031b\u0300a Thie\u0302n Hue\u0302\u0301', // NFD, stacked marks
      '  Xã\u00a0\u00a0Ia   Grai\t',
      "Mã Pì Lèng'; DROP TABLE units; --",
      'Xã <img src=x onerror=alert(1)>',
      'Ỷ Tý Ỳ Ỹ Ỵ',
      '',
    ];
    for (const s of hard) expect(await foldInDb(db, s), JSON.stringify(s)).toBe(foldText(s));
  });
});

// ---------------------------------------------------------------------------
// National scale: 10,600 old communes in 63 provinces, 3,321 current ones,
// ratings 2011–2024 on old codes and 2025 on current codes (15 years), seeded.

const OLD = 10_600;
const NEW = 3_321;

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function nationalBundle(seed: number): { parts: Record<string, Uint8Array>; manifest: BundleManifest } {
  const rnd = lcg(seed);
  const utf8 = (xs: (string | null)[]) => vectorFromArray(xs, new Utf8());
  const code = (i: number) => String(i).padStart(5, '0');
  const u = { code: [] as string[], name: [] as string[], structure: [] as string[], province: [] as string[], area: [] as number[] };
  for (let i = 0; i < OLD; i++) {
    u.code.push(code(i + 1)); u.name.push(`Xã Đắk ${i}`); u.structure.push('pre2025');
    u.province.push(String(1 + (i % 63)).padStart(2, '0')); u.area.push(5 + rnd() * 100);
  }
  // Current codes overlap old ones, as the real lists do.
  for (let j = 0; j < NEW; j++) {
    u.code.push(code(3 * j + 1)); u.name.push(`Phường Thừa ${j}`); u.structure.push('2025');
    u.province.push(String(1 + (j % 34)).padStart(2, '0')); u.area.push(50);
  }
  const units = new Table({
    code: utf8(u.code), name: utf8(u.name), unit_type: utf8(u.code.map(() => 'xã')), level: utf8(u.code.map(() => 'commune')),
    structure: utf8(u.structure), province_code: utf8(u.province), province_name: utf8(u.province.map((p) => `Tỉnh ${p}`)),
    area_km2: vectorFromArray(u.area, new Float64()),
  });
  // Each old commune goes to one current commune; every seventh is split 60/40, every eleventh
  // 50/50 (ties), every thirteenth into three (0.5, 0.3, 0.2).
  const cw = { old: [] as string[], new: [] as string[], share: [] as number[] };
  for (let i = 0; i < OLD; i++) {
    const j = Math.min(NEW - 1, Math.floor((i * NEW) / OLD));
    if (i % 7 === 3 && j + 1 < NEW) {
      cw.old.push(code(i + 1), code(i + 1)); cw.new.push(code(3 * j + 1), code(3 * (j + 1) + 1)); cw.share.push(0.6, 0.4);
    } else if (i % 11 === 5 && j + 1 < NEW) {
      cw.old.push(code(i + 1), code(i + 1)); cw.new.push(code(3 * j + 1), code(3 * (j + 1) + 1)); cw.share.push(0.5, 0.5);
    } else if (i % 13 === 7 && j + 2 < NEW) {
      cw.old.push(code(i + 1), code(i + 1), code(i + 1));
      cw.new.push(code(3 * j + 1), code(3 * (j + 1) + 1), code(3 * (j + 2) + 1));
      cw.share.push(0.5, 0.3, 0.2);
    } else {
      cw.old.push(code(i + 1)); cw.new.push(code(3 * j + 1)); cw.share.push(1);
    }
  }
  const crosswalk = new Table({ old_code: utf8(cw.old), new_code: utf8(cw.new), share: vectorFromArray(cw.share, new Float64()) });
  const ids = DEFAULT_SCALE.levels.map((l) => l.id);
  const r = { code: [] as string[], year: [] as number[], rating: [] as string[], score: [] as (number | null)[] };
  for (let y = 2011; y <= 2025; y++) {
    const n = y < 2025 ? OLD : NEW;
    for (let i = 0; i < n; i++) {
      // A few communes miss a year, so missing ratings cross the merger too.
      if (rnd() < 0.01) continue;
      const lvl = Math.min(3, Math.floor(rnd() * rnd() * 5));
      r.code.push(y < 2025 ? code(i + 1) : code(3 * i + 1)); r.year.push(y); r.rating.push(ids[lvl]);
      r.score.push(rnd() < 0.02 ? null : Math.round(100 - lvl * 20 - rnd() * 15));
    }
  }
  const ratings = new Table({
    code: utf8(r.code), year: vectorFromArray(r.year, new Int16()), rating: utf8(r.rating), score: vectorFromArray(r.score, new Float32()),
  });
  const priority = new Table({ code: utf8([]), structure: utf8([]), kind: utf8([]), detail: utf8([]), source: utf8([]) });
  const zones = new Table({ id: utf8([]), kind: utf8([]), name: utf8([]), province_code: utf8([]) });
  const years = Array.from({ length: 15 }, (_, i) => 2011 + i);
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT, version: BUNDLE_VERSION, id: `national-seed${seed}`,
    title: { vi: 'Giả lập toàn quốc', en: 'Synthetic national' }, source: { vi: 'Giả lập', en: 'Synthetic' },
    illustrative: true, dataDate: '2025-12-31', years,
    structures: [
      { id: '2025', label: { vi: 'Sau 2025', en: 'After 2025' }, fromYear: 2025, toYear: 2025, communeObject: 'c25', provinceObject: 'p25' },
      { id: 'pre2025', label: { vi: 'Trước 2025', en: 'Before 2025' }, fromYear: 2011, toYear: 2024, communeObject: 'c', provinceObject: 'p' },
    ],
    scale: DEFAULT_SCALE, indicators: [], parts: {},
  };
  const ipc = (t: Table) => tableToIPC(t, 'stream');
  return { manifest, parts: { units: ipc(units), ratings: ipc(ratings), priority: ipc(priority), zones: ipc(zones), crosswalk: ipc(crosswalk) } };
}

describe('series built per structure, on first use', () => {
  it('builds only the structure asked for, then the other on demand, and agrees with the full build', async () => {
    const db = await nodeDuckDB();
    const manifest = miniHistoryPayload().manifest;
    await loadTables(db, miniHistoryRawParts(), manifest.scale);
    const built: string[] = [];
    await startSeries(db, manifest, (s) => built.push(s));
    const count = async (structure: string) =>
      Number((await db.query('SELECT count(*) AS n FROM series WHERE structure = ?', [structure])).get(0)!.toJSON().n);
    expect(await count('2025')).toBe(0);
    // A reader of one structure builds that one only.
    const all = await seriesAllYears(db, '2025');
    expect(all.numRows).toBe(2 * manifest.years.length);
    expect(built).toEqual(['2025']);
    expect(await count('pre2025')).toBe(0);
    // Concurrent readers share one build.
    await Promise.all([seriesFor(db, 'pre2025'), seriesRatings(db, 'pre2025', 2024), seriesFor(db, 'pre2025')]);
    expect(built).toEqual(['2025', 'pre2025']);
    expect(await count('pre2025')).toBe(4 * manifest.years.length);
    expect(await expectSeriesAsOracle(db, HistoryOracle.fromParts(manifest, miniHistoryRawParts()))).toBe(6 * manifest.years.length);
    await db.close();
  });

  it('answers the worklist from the new data after new data is loaded (year tables are rebuilt)', async () => {
    const db = await nodeDuckDB();
    const history = miniHistoryPayload().manifest;
    await loadTables(db, miniHistoryRawParts(), history.scale);
    await startSeries(db, history);
    const f = { ...defaultFilter(history), structure: 'pre2025', year: 2023 };
    const streaks = async () => Object.fromEntries((await worklist(db, f)).toArray().map((r) => [String(r.code), Number(r.weak_streak)]));
    expect((await streaks())['00001']).toBe(3);
    // The shorter mini bundle starts in 2023: the same commune cannot have a 3-year streak there.
    const short = miniPayload().manifest;
    await loadTables(db, miniRawParts(), short.scale);
    await startSeries(db, short);
    expect(Math.max(...Object.values(await streaks()))).toBeLessThanOrEqual(1);
    await db.close();
  });
});

describe('series at national scale (synthetic, seeded)', () => {
  // How fast: `npm run bench` times the same work on the demo bundle (13,921 communes × 15 years), "node: series worked out".
  it('materialises 13,921 communes × 15 years and holds what the independent oracle works out', async () => {
    const db = await nodeDuckDB();
    const { manifest, parts } = nationalBundle(42);
    await loadTables(db, parts, manifest.scale);
    await prepareSeries(db, manifest);
    const n = Number((await db.query('SELECT count(*) AS n FROM series')).get(0)!.toJSON().n);
    expect(n).toBe((OLD + NEW) * 15);
    // Both directions across the merger and one year on its own codes.
    expect(await expectSeriesAsOracle(db, HistoryOracle.fromParts(manifest, parts), [2011, 2024, 2025])).toBe((OLD + NEW) * 3);
    // The worklist reads the series (with a 14-year streak scan) at the same scale.
    const all = await worklist(db, { ...defaultFilter(manifest), structure: 'pre2025', year: 2024 });
    const weak = await worklist(db, { ...defaultFilter(manifest), structure: 'pre2025', year: 2024, ratings: ['Y'], text: 'đắk 1' });
    expect(all.numRows).toBe(OLD);
    expect(weak.numRows).toBeLessThan(OLD);
    for (const r of weak.toArray()) expect(r.rating).toBe('Y');
    // Streaks over up to 15 years, on both sides of the merger, as the single-query reference counts them.
    for (const [structure, year] of [['pre2025', 2024], ['pre2025', 2016], ['2025', 2025], ['2025', 2020]] as const) {
      for (const extra of [{}, { ratings: ['Y', 'K'] }, { text: 'đắk 12' }]) {
        const f = { ...defaultFilter(manifest), structure, year, ...extra };
        const a = await worklist(db, f);
        const b = await referenceWorklist(db, f, manifest.scale);
        expect(a.numRows).toBe(b.numRows);
        expect(a.getChild('code')!.toArray()).toEqual(b.getChild('code')!.toArray());
        expect(a.getChild('weak_streak')!.toArray()).toEqual(b.getChild('weak_streak')!.toArray());
      }
    }
    await db.close();
  });
});
