/**
 * The history rule across the 2025 merger (src/db/merger.ts), applied by the
 * series (src/db/series.ts), the worklist's streaks (src/db/year-table.ts) and
 * the counts per year (src/db/weak-by-year.ts), checked against answers worked
 * out by hand and by the plain-TypeScript oracle (./merger-oracle.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { communeHistory, loadTables, ratingCounts } from '../../src/db/queries.ts';
import type { SqlRunner } from '../../src/db/runner.ts';
import { prepareSeries } from '../../src/db/series.ts';
import { weakByYear, type WeakCountFilter } from '../../src/db/weak-by-year.ts';
import { worklist } from '../../src/db/worklist.ts';
import { defaultFilter } from '../../src/model/filters.ts';
import { historyBundle, MERGER_ROWS } from '../fixtures/merger-bundle.ts';
import { HistoryOracle } from './merger-oracle.ts';
import { expectSeriesAsOracle } from './series-cells.ts';
import { nodeDuckDB } from './node-duckdb.ts';

const { manifest, parts } = historyBundle(MERGER_ROWS);
const oracle = new HistoryOracle(MERGER_ROWS);

describe('the history rule on the merger fixture (ties, three-way merger, split into three, no predecessor)', () => {
  let db: SqlRunner;
  beforeAll(async () => {
    db = await nodeDuckDB();
    await loadTables(db, parts, manifest.scale);
    await prepareSeries(db, manifest);
  });
  afterAll(async () => db.close());

  // Worked out by hand from the fixture (tests/fixtures/merger-bundle.ts) and the rule in data/README.md.
  const HAND: [structure: string, code: string, year: number, rating: string | null, score: number | null, estimated: boolean, why: string][] = [
    ['2025', '00013', 2020, 'Y', (92 * 10 + 94 * 10 + 30 * 20) / 40, true, 'three-way merger: Y on 20 of 40 km² is half: the weaker level (a mean of orders would say TB)'],
    ['2025', '00013', 2023, 'Y', (70 * 10 + 55 * 10 + 39 * 20) / 40, true, 'K, TB, Y: Y on exactly half'],
    ['2025', '00013', 2024, 'Y', 33, true, 'A2 has no rating: the median and the mean are over the rated area; A3 has no score'],
    ['2025', '00021', 2020, 'K', (91 * 15 + 75 * 15) / 30, true, '50/50 merger XS + K: K (the weaker of a tie)'],
    ['2025', '00021', 2023, 'Y', (93 * 15 + 32 * 15) / 30, true, '50/50 merger XS + Y: Y'],
    ['2025', '00031', 2020, 'TB', (91 * 15 + 52 * 30) / 45, true, 'half of B (XS, 15) + half of D (TB, 30)'],
    ['2025', '00041', 2024, 'K', (35 * 18 + 79 * 30) / 48, true, 'weak D is only 18 of 48 km²: not carried as weak'],
    ['2025', '00061', 2021, 'Y', (33 * 12 + 70 * 12) / 24, true, 'a fifth of D (Y, 12) + E (K, 12): tie to Y'],
    ['2025', '00090', 2024, null, null, false, 'no predecessor: no rating, nothing estimated'],
    ['2025', '00072', 2023, 'Y', null, false, 'one to one (same land, new code): its own rating, not an estimate'],
    ['pre2025', '00021', 2025, 'Y', (74 + 33) / 2, true, '50/50 split into K and Y: Y (largest share, smallest code would say K)'],
    ['pre2025', '00021', 2026, 'Y', (35 + 72) / 2, true, '50/50 split into Y and K: Y'],
    ['pre2025', '00041', 2025, 'Y', 0.5 * 33 + 0.3 * 31 + 0.2 * 95, true, 'split into three: Y, Y, XS'],
    ['pre2025', '00041', 2026, 'TB', 0.5 * 72 + 0.3 * 37 + 0.2 * 56, true, 'split into three: K 0.5, Y 0.3, TB 0.2 → TB (the largest share alone would say K)'],
    ['pre2025', '00011', 2025, 'Y', 36, true, 'whole into a merged commune: its rating, an estimate'],
    ['pre2025', '00071', 2026, 'XS', 91, false, 'one to one: not an estimate'],
    ['pre2025', '00081', 2025, null, null, false, 'no successor'],
  ];

  it.each(HAND.map(([structure, code, year, rating, score, estimated, why]) => ({ structure, code, year, rating, score, estimated, why })))(
    '$structure $code in $year: $rating ($why)', async ({ structure, code, year, rating, score, estimated }) => {
    for (const got of [oracle.cell(structure, code, year), (await communeHistory(db, structure, code)).find((h) => h.year === year)!]) {
      expect(got.rating).toBe(rating);
      expect(got.estimated ?? false).toBe(estimated);
      if (score === null) expect(got.score).toBeNull();
      else expect(got.score).toBeCloseTo(score, 4);
    }
  },
  );

  it('gives every commune of both structures, every year, what the oracle gives', async () => {
    // 10 old + 7 new communes, 7 years.
    expect(await expectSeriesAsOracle(db, oracle)).toBe(17 * 7);
  });

  it('counts weak streaks across the merger as the oracle does, and by hand', async () => {
    const HAND_STREAKS: [string, number, Record<string, [number, boolean]>][] = [
      // N1: carried weak 2020–2024 (Y on at least half each year), own Y in 2025. N4: D (weak) is a minority. N7: same land.
      ['2025', 2025, { '00013': [6, true], '00021': [0, false], '00031': [5, true], '00041': [1, false], '00061': [0, false], '00090': [1, false], '00072': [3, false] }],
      ['2025', 2024, { '00013': [5, true], '00021': [2, true], '00031': [4, true], '00041': [0, false], '00061': [4, true], '00090': [0, false], '00072': [2, false] }],
      // Old communes after the merger: B's 50/50 split stays weak (Y on half), D's split into three turns TB in 2026.
      ['pre2025', 2025, { '00011': [2, true], '00012': [1, true], '00013': [4, true], '00021': [2, true], '00022': [0, false], '00041': [5, true], '00051': [1, true], '00061': [0, false], '00071': [3, false], '00081': [0, false] }],
      ['pre2025', 2026, { '00021': [3, true], '00041': [0, false], '00051': [2, true], '00071': [0, false] }],
    ];
    for (const [structure, year, want] of HAND_STREAKS) {
      const rows = (await worklist(db, { ...defaultFilter(manifest), structure, year })).toArray().map((r) => r.toJSON());
      const got = Object.fromEntries(rows.map((r) => [String(r.code), [Number(r.weak_streak), r.streak_estimated === true]]));
      for (const [code, s] of Object.entries(want)) {
        expect(got[code], `${structure} ${year} ${code}`).toEqual(s);
        const o = oracle.streak(structure, code, year);
        expect([o.streak, o.estimated], `oracle ${structure} ${year} ${code}`).toEqual(s);
      }
    }
    let compared = 0;
    for (const s of manifest.structures) {
      for (const year of manifest.years) {
        const rows = (await worklist(db, { ...defaultFilter(manifest), structure: s.id, year })).toArray().map((r) => r.toJSON());
        for (const r of rows) {
          const o = oracle.streak(s.id, String(r.code), year);
          expect([Number(r.weak_streak), r.streak_estimated === true], `${s.id} ${year} ${String(r.code)}`).toEqual([o.streak, o.estimated]);
          expect(r.estimated === true).toBe(oracle.cell(s.id, String(r.code), year).estimated);
          compared++;
        }
      }
    }
    expect(compared).toBe(17 * 7);
  });

  it('counts weak communes per year in the communes of that year (real counts), as by hand', async () => {
    const pick = (rows: { year: number; weak: number; total: number; estimated: boolean; unitsStructure: string }[]) =>
      rows.map((r) => [r.year, r.weak, r.total, r.estimated, r.unitsStructure]);
    const national = [
      [2020, 3, 10, false, 'pre2025'], [2021, 4, 10, false, 'pre2025'], [2022, 4, 10, false, 'pre2025'], [2023, 4, 10, false, 'pre2025'],
      [2024, 5, 9, false, 'pre2025'], [2025, 5, 7, false, '2025'], [2026, 3, 7, false, '2025'],
    ];
    // The same real counts whichever structure is on screen.
    expect(pick(await weakByYear(db, manifest, '2025'))).toEqual(national);
    expect(pick(await weakByYear(db, manifest, 'pre2025'))).toEqual(national);
    expect(pick(oracle.weakByYear('2025'))).toEqual(national);
    // The area-weighted estimate on the 2025 communes, when asked for: marked.
    const est = await weakByYear(db, manifest, '2025', {}, { basis: 'structure' });
    expect(pick(est)[0]).toEqual([2020, 2, 6, true, '2025']);
    expect(pick(est)[5]).toEqual([2025, 5, 7, false, '2025']);
    expect(est[0].share).toBeCloseTo(2 / 6, 12);
    // Provinces of the structure on screen: old communes count in the new province holding most of their land.
    expect(pick(await weakByYear(db, manifest, '2025', { provinces: ['20'] })).slice(0, 1)).toEqual([[2020, 1, 2, false, 'pre2025']]);
    expect(pick(await weakByYear(db, manifest, '2025', { provinces: ['10'] })).slice(0, 1)).toEqual([[2020, 1, 7, false, 'pre2025']]);
    // …and new communes in the old province holding most of theirs (N2 is 15 + 15 km²: the smaller code, 01).
    expect(pick(await weakByYear(db, manifest, 'pre2025', { provinces: ['01'] })).slice(5)).toEqual([[2025, 1, 2, false, '2025'], [2026, 1, 2, false, '2025']]);
    // Kinds by each year's own flags: old border communes in 2020 are A1, D, F.
    expect(pick(await weakByYear(db, manifest, '2025', { kinds: ['border'] })).slice(0, 1)).toEqual([[2020, 1, 3, false, 'pre2025']]);
    expect(pick(await weakByYear(db, manifest, '2025', { kinds: ['border'], outside: true })).slice(0, 1)).toEqual([[2020, 2, 7, false, 'pre2025']]);
    // A kind the old communes carry no flag of: the earlier years are estimates on the new communes, and say so.
    const ethnic = pick(await weakByYear(db, manifest, '2025', { kinds: ['ethnic_minority'] }));
    expect(ethnic[0]).toEqual([2020, 0, 1, true, '2025']);
    expect(ethnic[5]).toEqual([2025, 2, 2, false, '2025']);
  });

  it('answers every filter and basis as the oracle does', async () => {
    const filters: WeakCountFilter[] = [
      {}, { provinces: ['10'] }, { provinces: ['20', '10'] }, { provinces: ['01'] }, { provinces: ['02'] },
      { kinds: ['border'] }, { kinds: ['border'], outside: true }, { kinds: ['border', 'industrial_zone'], kindsMode: 'all' },
      { kinds: ['border', 'industrial_zone'], kindsMode: 'any', outside: true }, { kinds: ['ethnic_minority'] },
      { kinds: ['ethnic_minority'], outside: true, provinces: ['20'] }, { kinds: ['island'] },
    ];
    let compared = 0;
    for (const s of manifest.structures) {
      for (const f of filters) {
        for (const basis of ['year', 'structure'] as const) {
          const got = (await weakByYear(db, manifest, s.id, f, { basis })).map(({ share, ...r }) => {
            expect(share).toBe(r.total > 0 ? r.weak / r.total : null);
            return r;
          });
          expect(got, JSON.stringify({ s: s.id, f, basis })).toEqual(oracle.weakByYear(s.id, f, basis));
          compared += got.length;
        }
      }
    }
    expect(compared).toBe(2 * filters.length * 2 * 7);
  });

  it('counts levels of the series, saying how many are estimates', async () => {
    const counts = Object.fromEntries((await ratingCounts(db, '2025', 2020)).map((c) => [String(c.rating), [c.count, c.estimated]]));
    // N1 Y, N2 K, N3 TB, N4 K, N5 TB, N6 none, N7 Y (same land: not an estimate).
    expect(counts).toEqual({ Y: [2, 1], K: [2, 2], TB: [2, 2], null: [1, 0] });
  });
});
