import type { Table } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTables } from '../../src/db/queries.ts';
import type { SqlRunner } from '../../src/db/runner.ts';
import { prepareSeries } from '../../src/db/series.ts';
import { provinceWeakShares, ratingsByProvince, worklist, worklistCount, WORKLIST_COLUMNS, type WorklistColumn } from '../../src/db/worklist.ts';
import { defaultFilter, weakPreset, type AtlasFilter } from '../../src/model/filters.ts';
import { MINI_NAMES, miniHistoryPayload, miniHistoryRawParts } from '../fixtures/mini-bundle.ts';
import { nodeDuckDB } from './node-duckdb.ts';
import { priorityFlags } from '../../src/db/queries.ts';
import { seriesRatings } from '../../src/db/series.ts';
import { matchingCodes, narrowRows } from '../../src/model/filter-match.ts';
import { cleanName, foldText } from '../../src/model/text.ts';
import { referenceWorklist } from './reference-worklist.ts';

const manifest = miniHistoryPayload().manifest;
const scale = manifest.scale;

const objects = (t: Table) => t.toArray().map((r) => r.toJSON() as Record<string, unknown>);
const codes = (t: Table) => objects(t).map((r) => String(r.code));
const pre = (year: number, extra: Partial<AtlasFilter> = {}): AtlasFilter => ({ ...defaultFilter(manifest), structure: 'pre2025', year, ...extra });
const cur = (year: number, extra: Partial<AtlasFilter> = {}): AtlasFilter => ({ ...defaultFilter(manifest), structure: '2025', year, ...extra });

describe('worklist of the Đồng Văn mini bundle (2020–2025)', () => {
  let db: SqlRunner;
  beforeAll(async () => {
    db = await nodeDuckDB();
    await loadTables(db, miniHistoryRawParts(), scale);
    await prepareSeries(db, manifest);
  });

  it('lists every commune weakest first, with all columns', async () => {
    const t = await worklist(db, pre(2024));
    expect(t.schema.fields.map((f) => f.name)).toEqual([...WORKLIST_COLUMNS]);
    // Y first, then the two TB by score (52 before 58), then XS.
    expect(codes(t)).toEqual(['00003', '00001', '00002', '00004']);
    const first = objects(t)[0];
    expect(first).toMatchObject({
      code: '00003',
      name: MINI_NAMES['pre2025:00003'],
      unit_type: 'xã',
      province_code: '02',
      province_name: 'Tỉnh Hà Giang',
      rating: 'Y',
      rating_order: 3,
      kinds: 'ethnic_minority',
      weak_streak: 1,
      area_km2: 100,
    });
    expect(Number(first.score)).toBe(30);
    expect(objects(t).map((r) => r.kinds)).toEqual(['ethnic_minority', 'border,ethnic_minority', 'border', '']);
  });

  it('counts weak streaks up to the filter year, across the merger too', async () => {
    const streaks = async (f: AtlasFilter) => Object.fromEntries(objects(await worklist(db, f)).map((r) => [r.code, r.weak_streak]));
    // Old 00001: Y in 2021, 2022, 2023; TB in 2020.
    expect(await streaks(pre(2023))).toEqual({ '00001': 3, '00002': 0, '00003': 0, '00004': 0 });
    expect(await streaks(pre(2022))).toEqual({ '00001': 2, '00002': 1, '00003': 0, '00004': 0 });
    // 2025 reaches old communes from current 00004 (Y): old 00003 was Y in 2024 too.
    expect(await streaks(pre(2025))).toEqual({ '00001': 0, '00002': 0, '00003': 2, '00004': 1 });
    // Current 00001 through the crosswalk: 2021 (Y + TB on equal areas: Y on half → Y), 2022, 2023 weak; 2020 TB.
    expect(await streaks(cur(2023))).toEqual({ '00001': 3, '00004': 0 });
    // Current 00004 in 2024: old 00003 (Y) + 00004 (XS), equal areas: Y on half → Y; so 2025 (Y) makes 2 years.
    expect(await streaks(cur(2025))).toEqual({ '00001': 0, '00004': 2 });
  });

  it('filters by rating, province and the weak preset', async () => {
    // Both weak in 2022; the lower score (41) comes first.
    expect(codes(await worklist(db, weakPreset(manifest, pre(2022))))).toEqual(['00002', '00001']);
    expect(codes(await worklist(db, pre(2024, { ratings: ['TB', 'XS'] })))).toEqual(['00001', '00002', '00004']);
    expect(codes(await worklist(db, pre(2024, { provinces: ['02'] })))).toHaveLength(4);
    expect(codes(await worklist(db, pre(2024, { provinces: ['08'] })))).toEqual([]);
    expect(codes(await worklist(db, cur(2025, { provinces: ['08', '02', '08'] })))).toEqual(['00004', '00001']);
    expect(await worklistCount(db, weakPreset(manifest, pre(2022)))).toBe(2);
    expect(await worklistCount(db, pre(2024, { provinces: ['99'] }))).toBe(0);
  });

  it('filters by priority kinds, any-of and all-of', async () => {
    const kinds = ['border', 'ethnic_minority'];
    expect(codes(await worklist(db, pre(2024, { kinds, kindsMode: 'any' })))).toEqual(['00003', '00001', '00002']);
    expect(codes(await worklist(db, pre(2024, { kinds, kindsMode: 'all' })))).toEqual(['00001']);
    expect(codes(await worklist(db, pre(2024, { kinds: ['border', 'border'], kindsMode: 'all' })))).toEqual(['00001', '00002']);
    expect(codes(await worklist(db, cur(2025, { kinds: ['ethnic_minority'] })))).toEqual(['00004', '00001']);
    expect(await worklistCount(db, cur(2025, { kinds: ['island'] }))).toBe(0);
  });

  it('searches names without diacritics or case, and codes exactly', async () => {
    expect(codes(await worklist(db, pre(2024, { text: 'lung cu' })))).toEqual(['00001']);
    expect(codes(await worklist(db, pre(2024, { text: 'ĐỒNG VĂN' })))).toEqual(['00004']);
    // NFD input folds the same.
    expect(codes(await worklist(db, pre(2024, { text: 'Lu\u0303ng' })))).toEqual(['00001']);
    expect(codes(await worklist(db, pre(2024, { text: ' 00002 ' })))).toEqual(['00002']);
    expect(codes(await worklist(db, pre(2024, { text: '0000' })))).toEqual([]);
    // LIKE wildcards are just characters.
    expect(codes(await worklist(db, pre(2024, { text: '%' })))).toEqual([]);
    expect(codes(await worklist(db, pre(2024, { text: '_' })))).toEqual([]);
  });

  it('matches province names in a search, and filters by weak years running', async () => {
    // "ha giang" is the province of every old commune, "tuyen quang" of every current one.
    expect(codes(await worklist(db, pre(2024, { text: 'ha giang' }))).sort()).toEqual(['00001', '00002', '00003', '00004']);
    expect(codes(await worklist(db, cur(2025, { text: 'Tuyên Quang' }))).sort()).toEqual(['00001', '00004']);
    expect(codes(await worklist(db, cur(2025, { text: 'ha giang' })))).toEqual([]);
    // Old 00001: Y 2021, 2022, 2023 (streak 3 in 2023); 00002: Y in 2022 only.
    expect(codes(await worklist(db, pre(2023, { minWeakStreak: 2 })))).toEqual(['00001']);
    expect(codes(await worklist(db, pre(2023, { minWeakStreak: 3 })))).toEqual(['00001']);
    expect(codes(await worklist(db, pre(2023, { minWeakStreak: 4 })))).toEqual([]);
    expect(codes(await worklist(db, pre(2022, { minWeakStreak: 1 }))).sort()).toEqual(['00001', '00002']);
  });

  it('ranks provinces by their weak communes, this year and a year compared', async () => {
    expect(await provinceWeakShares(db, pre(2022, { provinces: ['08'], ratings: ['XS'] }), 2020)).toEqual([
      { code: '02', name: 'Tỉnh Hà Giang', communes: 4, rated: 4, weak: 2, share: 0.5, compareRated: 4, compareWeak: 0 },
    ]);
    expect(await provinceWeakShares(db, pre(2022, { kinds: ['border'] }))).toEqual([
      { code: '02', name: 'Tỉnh Hà Giang', communes: 2, rated: 2, weak: 2, share: 1, compareRated: null, compareWeak: null },
    ]);
  });

  it('treats hostile names and search text as plain text', async () => {
    const t = await worklist(db, pre(2024, { text: "'; DROP TABLE units; --" }));
    expect(codes(t)).toEqual(['00002']);
    expect(objects(t)[0].name).toBe("Xã Mã Pì Lèng'; DROP TABLE units; --");
    expect(codes(await worklist(db, pre(2024, { text: '<img src=x onerror' })))).toEqual(['00003']);
    expect(objects(await worklist(db, pre(2024, { text: 'onerror=alert(1)>' })))[0].name).toBe('Xã <img src=x onerror=alert(1)>');
    for (const hostile of ["x' OR '1'='1", '"); DROP TABLE series; --', "\\'", '\u0000']) {
      expect(await worklistCount(db, pre(2024, { text: hostile, provinces: [hostile], kinds: [hostile], ratings: [hostile] }))).toBe(0);
    }
    // Everything is still there.
    expect(Number((await db.query('SELECT count(*) AS n FROM units')).get(0)!.toJSON().n)).toBe(8);
    expect(await worklistCount(db, pre(2024))).toBe(4);
  });

  it('sorts only by allowed columns, nulls last, code as tie-break', async () => {
    const by = async (column: WorklistColumn, dir: 'asc' | 'desc') => codes(await worklist(db, pre(2024), { sort: { column, dir } }));
    expect(await by('score', 'desc')).toEqual(['00004', '00002', '00001', '00003']);
    expect(await by('code', 'desc')).toEqual(['00004', '00003', '00002', '00001']);
    // Folded names: "thi tran dong van" < "xa <img…" < "xa lung cu" < "xa ma pi leng…".
    expect(await by('name', 'asc')).toEqual(['00004', '00003', '00001', '00002']);
    expect(await by('kinds', 'asc')).toEqual(['00004', '00002', '00001', '00003']);
    expect(await by('weak_streak', 'desc')).toEqual(['00003', '00001', '00002', '00004']);
    await expect(worklist(db, pre(2024), { sort: { column: 'code; DROP TABLE units' as WorklistColumn, dir: 'asc' } })).rejects.toThrow(/cannot sort/);
    await expect(worklist(db, pre(2024), { sort: { column: 'constructor' as WorklistColumn, dir: 'asc' } })).rejects.toThrow(/cannot sort/);
  });

  it('answers exactly as the single-query reference, for every year, structure, filter and sort', async () => {
    const filters: Partial<AtlasFilter>[] = [
      {},
      { ratings: ['Y', 'K'] },
      { provinces: ['02'] },
      { kinds: ['border'] },
      { kinds: ['border', 'ethnic_minority'], kindsMode: 'all' },
      { kinds: ['ethnic_minority', 'island'], kindsMode: 'any', ratings: ['TB'] },
      { text: 'xa' },
      { text: '00003' },
      { text: 'ha giang' },
      { text: 'tuyen', ratings: ['Y'] },
      { minWeakStreak: 2 },
      { minWeakStreak: 1, kinds: ['ethnic_minority'] },
    ];
    const sorts: (WorklistColumn | undefined)[] = [undefined, 'name', 'score', 'weak_streak', 'kinds', 'area_km2'];
    let compared = 0;
    for (const structure of ['pre2025', '2025']) {
      for (const year of manifest.years) {
        for (const [i, extra] of filters.entries()) {
          // Every sort with the unfiltered list; one sort in turn with each filter.
          for (const column of i === 0 ? sorts : [sorts[(i + year) % sorts.length]]) {
            const f: AtlasFilter = { ...defaultFilter(manifest), structure, year, ...extra };
            const opts = column ? { sort: { column, dir: 'desc' as const } } : {};
            const got = objects(await worklist(db, f, opts));
            expect(got, JSON.stringify({ f, column })).toEqual(objects(await referenceWorklist(db, f, scale, opts)));
            compared += got.length;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(150);
  });

  it('the map fade computed in memory matches exactly the communes DuckDB lists', async () => {
    const filters: Partial<AtlasFilter>[] = [
      { ratings: ['Y', 'K'] },
      { ratings: ['TB'], provinces: ['02'] },
      { provinces: ['08', '02'] },
      { kinds: ['border'] },
      { kinds: ['border', 'ethnic_minority'], kindsMode: 'all' },
      { kinds: ['ethnic_minority', 'island'], kindsMode: 'any', ratings: ['TB', 'Y'] },
      { text: 'xa' },
      { text: 'ĐỒNG VĂN' },
      { text: ' 00003 ' },
      { text: 'Lu\u0303ng' },
      { text: '<img' },
      { text: '%' },
      { text: 'HÀ GIANG' },
      { text: 'quang', ratings: ['K'] },
      { minWeakStreak: 2 },
      { minWeakStreak: 1, text: 'xa' },
    ];
    let compared = 0;
    for (const structure of ['pre2025', '2025']) {
      const units = (await db.query("SELECT code, province_code, province_name, name FROM units WHERE structure = ? AND level = 'commune'", [structure]))
        .toArray()
        .map((r) => ({ code: String(r.code), provinceCode: String(r.province_code), folded: foldText(cleanName(r.name)), provinceFolded: foldText(cleanName(r.province_name)) }));
      const kindsByCode = new Map<string, Set<string>>();
      for (const f of await priorityFlags(db, structure)) {
        if (!kindsByCode.has(f.code)) kindsByCode.set(f.code, new Set());
        kindsByCode.get(f.code)!.add(f.kind);
      }
      for (const year of manifest.years) {
        const ratingByCode = new Map((await seriesRatings(db, structure, year)).toArray().map((r) => [String(r.code), r.rating == null ? null : String(r.rating)]));
        const weakStreakByCode = new Map(objects(await worklist(db, { ...defaultFilter(manifest), structure, year })).map((r) => [String(r.code), Number(r.weak_streak)]));
        for (const extra of filters) {
          const f: AtlasFilter = { ...defaultFilter(manifest), structure, year, ...extra };
          const fade = matchingCodes(f, { units, ratingByCode, kindsByCode, weakStreakByCode });
          expect([...(fade ?? [])].sort(), JSON.stringify(f)).toEqual(codes(await worklist(db, f)).sort());
          compared++;
        }
        expect(matchingCodes({ ...defaultFilter(manifest), structure, year }, { units, ratingByCode, kindsByCode })).toBeUndefined();
      }
    }
    expect(compared).toBe(2 * manifest.years.length * filters.length);
  });

  it('a search narrowed in memory from the list without search text gives the rows DuckDB returns, in its order', async () => {
    let compared = 0;
    for (const structure of ['pre2025', '2025']) {
      for (const year of [2021, 2024, 2025]) {
        for (const extra of [{}, { ratings: ['TB', 'XS'] }, { kinds: ['border'] }]) {
          for (const column of ['rating_order', 'name', 'weak_streak', 'score'] as const) {
            const opts = { sort: { column, dir: 'asc' as const } };
            const f: AtlasFilter = { ...defaultFilter(manifest), structure, year, ...extra };
            const base = objects(await worklist(db, f, opts));
            const baseCodes = base.map((r) => String(r.code));
            const folded = base.map((r) => foldText(String(r.name)));
            const provinceFolded = base.map((r) => foldText(String(r.province_name)));
            for (const text of ['xa', 'ĐỒNG', 'lung cu', ' 00002 ', '<img', 'zzz', 'ha giang', 'tuyên']) {
              const rows = narrowRows(baseCodes, folded, text, provinceFolded)!;
              expect([...rows].map((i) => baseCodes[i]), JSON.stringify({ f, column, text })).toEqual(codes(await worklist(db, { ...f, text }, opts)));
              compared++;
            }
            expect(narrowRows(baseCodes, folded, '  ')).toBeUndefined();
          }
        }
      }
    }
    expect(compared).toBe(2 * 3 * 3 * 4 * 8);
  });

  it('limits rows', async () => {
    expect(codes(await worklist(db, pre(2024), { limit: 2 }))).toEqual(['00003', '00001']);
    expect(codes(await worklist(db, pre(2024), { limit: 0 }))).toEqual([]);
    await expect(worklist(db, pre(2024), { limit: -1 })).rejects.toThrow(/limit/);
  });

  it('counts ratings per province for stacked bars (rating filter ignored)', async () => {
    const rows = objects(await ratingsByProvince(db, pre(2024, { ratings: ['Y'] })));
    expect(rows.map((r) => [r.province_code, r.province_name, r.rating, r.rating_order, r.communes])).toEqual([
      ['02', 'Tỉnh Hà Giang', 'XS', 0, 1],
      ['02', 'Tỉnh Hà Giang', 'TB', 2, 2],
      ['02', 'Tỉnh Hà Giang', 'Y', 3, 1],
    ]);
    const border = objects(await ratingsByProvince(db, pre(2024, { kinds: ['border'] })));
    expect(border.map((r) => [r.rating, r.communes])).toEqual([['TB', 2]]);
  });
});
