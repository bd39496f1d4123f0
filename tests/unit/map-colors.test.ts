/**
 * The map's colour rules (src/map/colors.ts), table-driven over hand-made
 * values of four Hà Giang communes. Expected colours are written out by hand:
 * the rating scale's hex colours and ColorBrewer's 3-class YlOrRd
 * (#ffeda0 light, #feb24c, #f03b20 dark).
 */
import { tableToIPC, tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import {
  CHANGE_COLORS,
  changeMapColors,
  colorsKey,
  firstPaint,
  mapIsEstimate,
  numericMapColors,
  otherYear,
  ratingMapColors,
  rampColors,
  usesPooledBreaks,
  weakCount,
  weakShareMapColors,
  withEstimateMark,
  type ColorRequest,
  type MapColors,
} from '../../src/map/colors.ts';
import { defaultHigherIsBetter, indicatorHigherIsBetter, type BundleManifest, type IndicatorInfo } from '../../src/model/bundle.ts';
import { t } from '../../src/model/i18n.ts';
import { BUILTIN_PRIORITY_KINDS, kindRgba } from '../../src/model/priority.ts';
import { DEFAULT_SCALE } from '../../src/model/scale.ts';

const LIGHT = '#ffeda0', MID = '#feb24c', DARK = '#f03b20';
const rgb = (hex: string) => [parseInt(hex.slice(1, 3), 16), parseInt(hex.slice(3, 5), 16), parseInt(hex.slice(5, 7), 16)];

const base: ColorRequest = { structure: '2025', year: 2025, mode: 'rating', method: 'equal', classes: 3, customBreaks: [], lockBreaks: false, compareYear: undefined, lang: 'vi' };
const req = (p: Partial<ColorRequest>): ColorRequest => ({ ...base, ...p });

const participation: IndicatorInfo = { column: 'participation', label: { vi: 'Tỷ lệ tham gia', en: 'Participation' }, unit: '%', higherIsBetter: true };
const incidents: IndicatorInfo = { column: 'incidents', label: { vi: 'Vụ việc', en: 'Incidents' }, higherIsBetter: false };
const manifest = {
  scale: DEFAULT_SCALE,
  years: [2023, 2024, 2025],
  indicators: [participation, incidents],
  structures: [
    { id: '2025', label: { vi: '2025', en: '2025' }, fromYear: 2025, toYear: 2025, communeObject: 'c25', provinceObject: 'p25' },
    { id: 'pre2025', label: { vi: 'cũ', en: 'old' }, fromYear: 2023, toYear: 2024, communeObject: 'c', provinceObject: 'p' },
  ],
} satisfies Partial<BundleManifest>;

/** Lũng Cú, Đồng Văn, Sà Phìn, Phố Bảng. */
const CODES = ['00001', '00004', '00007', '00010'];
const ratings = new Map<string, string | null>([
  ['00001', 'XS'],
  ['00004', 'Y'],
  ['00007', 'Y'],
  ['00010', null],
]);

const hexOf = (c: MapColors) => Object.fromEntries(CODES.filter((k) => c.colorByCode.has(k)).map((k) => [k, c.colorByCode.get(k)]));

describe('rating map', () => {
  it('colours each rated commune with its level, counts levels and no-data', () => {
    const c = ratingMapColors(manifest, base, ratings);
    expect(hexOf(c)).toEqual({ '00001': rgb('#2c7bb6'), '00004': rgb('#d7191c'), '00007': rgb('#d7191c') });
    expect(c.entries.map((e) => [e.key, e.count])).toEqual([
      ['XS', 1],
      ['K', 0],
      ['TB', 0],
      ['Y', 2],
    ]);
    expect(c.noData).toBe(1);
    expect(c.title).toBe('Xếp loại phong trào');
    expect(c.key).toBe(colorsKey(base));
    expect(weakCount(c, DEFAULT_SCALE)).toBe(2);
  });
});

describe('change map', () => {
  const cases: { name: string; delta: number | null; color?: string }[] = [
    { name: 'a better level (negative delta) is improved', delta: -1, color: '#4dac26' },
    { name: 'the same level is unchanged', delta: 0, color: '#f2efe6' },
    { name: 'a worse level is declined', delta: 2, color: '#e66101' },
    { name: 'no rating in one year is no data', delta: null },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const m = changeMapColors(req({ mode: 'change', lang: 'en' }), 2024, new Map([['00001', c.delta]]), ratings);
      expect(m.colorByCode.get('00001')).toEqual(c.color ? rgb(c.color) : undefined);
      expect(m.noData).toBe(c.delta === null ? 1 : 0);
      expect(m.title).toBe('Change since another year: 2024 → 2025');
      expect(m.classByCode.get('00001')).toBe(c.delta === null ? undefined : m.entries.find((e) => e.color === c.color)?.key);
    });
  }

  it('"improved" is far from every priority line colour (it was the land border\'s purple)', () => {
    const [r, g, b] = rgb(CHANGE_COLORS.improved);
    for (const k of BUILTIN_PRIORITY_KINDS) {
      const c = kindRgba(k.color);
      const d = Math.hypot(r - c[0], g - c[1], b - c[2]);
      expect(d, k.id).toBeGreaterThan(100);
    }
  });
});

describe('numeric map: ramp direction', () => {
  // Equal intervals over 0..30 in 3 classes: 5 is the lowest class, 25 the highest.
  const values = new Map<string, number | null>([
    ['00001', 0],
    ['00004', 5],
    ['00007', 25],
    ['00010', 30],
  ]);
  const cases: { name: string; mode: ColorRequest['mode']; indicators: IndicatorInfo[]; low: string; high: string }[] = [
    { name: 'score: higher is better, so the lowest class is dark', mode: 'score', indicators: [], low: DARK, high: LIGHT },
    { name: 'participation says higher is better', mode: 'ind:participation', indicators: [participation], low: DARK, high: LIGHT },
    { name: 'incidents says lower is better', mode: 'ind:incidents', indicators: [incidents], low: LIGHT, high: DARK },
    { name: 'an indicator may say participation-like columns are worse when higher', mode: 'ind:participation', indicators: [{ ...participation, higherIsBetter: false }], low: LIGHT, high: DARK },
    { name: 'an old bundle without the field: incidents falls back to lower is better', mode: 'ind:incidents', indicators: [{ column: 'incidents', label: incidents.label }], low: LIGHT, high: DARK },
    { name: 'an old bundle without the field: any other indicator is better when higher', mode: 'ind:participation', indicators: [{ column: 'participation', label: participation.label }], low: DARK, high: LIGHT },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const m = numericMapColors({ indicators: c.indicators }, req({ mode: c.mode }), values, undefined, ratings);
      expect(m.colorByCode.get('00004')).toEqual(rgb(c.low));
      expect(m.colorByCode.get('00007')).toEqual(rgb(c.high));
      expect(m.entries.map((e) => e.count)).toEqual([2, 0, 2]);
    });
  }

  it('names the legend after the indicator, or "Điểm" for the score', () => {
    expect(numericMapColors(manifest, req({ mode: 'ind:participation' }), values, undefined, ratings).title).toBe('Tỷ lệ tham gia');
    expect(numericMapColors(manifest, req({ mode: 'score' }), values, undefined, ratings).title).toBe('Điểm');
  });
});

describe('numeric map: which breaks', () => {
  const values = new Map<string, number | null>([
    ['00001', 10],
    ['00004', 14],
    ['00007', 20],
    ['00010', null],
  ]);
  const cases: { name: string; p: Partial<ColorRequest>; pooled?: number[]; bounds: number[]; pooledUsed: boolean }[] = [
    { name: 'the year’s own values', p: { method: 'equal', classes: 2 }, bounds: [10, 15, 20], pooledUsed: false },
    { name: 'every year’s values when locked', p: { method: 'equal', classes: 2, lockBreaks: true }, pooled: [0, 10, 30, 40], bounds: [0, 20, 40], pooledUsed: true },
    { name: 'custom breaks, even when locked', p: { method: 'custom', customBreaks: [0, 12, 30], lockBreaks: true }, bounds: [0, 12, 30], pooledUsed: false },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const v = req({ mode: 'score', ...c.p });
      expect(usesPooledBreaks(v)).toBe(c.pooledUsed);
      const m = numericMapColors(manifest, v, values, c.pooled, ratings);
      expect(m.breaks?.bounds).toEqual(c.bounds);
      expect(m.noData).toBe(1);
    });
  }
});

describe('helpers', () => {
  it.each([
    [{ year: 2025, compareYear: undefined }, 2024],
    [{ year: 2023, compareYear: undefined }, 2023],
    [{ year: 2025, compareYear: 2023 }, 2023],
  ])('otherYear(%o) is %i', (v, want) => expect(otherYear([2023, 2024, 2025], v)).toBe(want));

  it.each([
    ['score', true],
    ['participation', true],
    ['incidents', false],
  ])('the direction of %s without a manifest entry: higher is better = %s', (column, want) => {
    expect(indicatorHigherIsBetter([], column)).toBe(want);
    if (column !== 'score') expect(defaultHigherIsBetter(column)).toBe(want);
  });

  it('ramps run light to dark, reversed when higher is better', () => {
    expect(rampColors(3, false)).toEqual([LIGHT, MID, DARK]);
    expect(rampColors(3, true)).toEqual([DARK, MID, LIGHT]);
  });
});

describe('firstPaint', () => {
  const part = tableToIPC(
    tableFromArrays({ code: ['00001', '00004', '00001'], year: Int16Array.from([2025, 2025, 2024]), rating: ['K', 'Y', 'TB'] }),
    'stream',
  );
  const cases: { name: string; p: Partial<ColorRequest>; want?: Record<string, number[]> }[] = [
    { name: 'paints the year’s ratings from the bundle', p: {}, want: { '00001': rgb('#abd9e9'), '00004': rgb('#d7191c') } },
    { name: 'nothing for a year outside the structure', p: { year: 2024 } },
    { name: 'nothing for a numeric mode', p: { mode: 'score' } },
    { name: 'nothing for an unknown structure', p: { structure: 'x' } },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const m = firstPaint(manifest, part, req(c.p));
      if (!c.want) return expect(m).toBeUndefined();
      expect(hexOf(m!)).toEqual(c.want);
      // No legend counts until DuckDB answers.
      expect([m!.source, m!.entries, m!.noData]).toEqual(['bundle', [], 0]);
    });
  }
});

describe('provinces by their share of weak communes', () => {
  it('colours each commune with its province\'s class and counts provinces per class', () => {
    // Hà Giang 0 of 40 weak (0 %), Cao Bằng 3 of 100 (3 %), Lào Cai 6 of 60 (10 %), Tuyên Quang not rated.
    const provinces = [
      { code: '02', rated: 40, weak: 0 },
      { code: '04', rated: 100, weak: 3 },
      { code: '10', rated: 60, weak: 6 },
      { code: '08', rated: 0, weak: 0 },
    ];
    const provinceOf = new Map([['00001', '02'], ['00002', '04'], ['00003', '10'], ['00004', '10'], ['00005', '08']]);
    const c = weakShareMapColors(req({ mode: 'weakShare' }), provinces, provinceOf, new Map());
    expect(c.colorByCode.get('00001')).toEqual(rgb('#fee5d9'));
    expect(c.colorByCode.get('00002')).toEqual(rgb('#de2d26'));
    expect(c.colorByCode.get('00003')).toEqual(rgb('#a50f15'));
    expect(c.colorByCode.get('00004')).toEqual(rgb('#a50f15'));
    expect(c.colorByCode.has('00005')).toBe(false);
    expect(c.noData).toBe(1);
    expect(c.entries.map((e) => [e.label, e.count])).toEqual([['0,0 %', 1], ['≤ 1,0 %', 0], ['1,0 %–2,0 %', 0], ['2,0 %–5,0 %', 1], ['> 5,0 %', 1]]);
    expect(c.title).toBe('Tỉ lệ xã yếu theo tỉnh 2025 (3 tỉnh)');
  });
});

describe('maps of figures carried across the 2025 merger say they are estimates', () => {
  it.each([
    ['rating, a year before the structure existed', req({ year: 2023 }), true],
    ['rating, the structure’s own year', req({ year: 2025 }), false],
    ['score, a year before', req({ year: 2024, mode: 'score' }), true],
    ['an old structure after it ceased', req({ structure: 'pre2025', year: 2025 }), true],
    ['an old structure’s own year', req({ structure: 'pre2025', year: 2024 }), false],
    ['change from a carried year', req({ mode: 'change', year: 2025, compareYear: 2024 }), true],
    ['change with the default year before (2024, carried)', req({ mode: 'change', year: 2025 }), true],
    ['change within the old structure’s own years', req({ structure: 'pre2025', mode: 'change', year: 2024, compareYear: 2023 }), false],
    ['an indicator (no carried values)', req({ year: 2023, mode: 'ind:participation' }), false],
  ] as const)('%s', (_name, v, estimated) => {
    expect(mapIsEstimate(manifest, v)).toBe(estimated);
    const plain = ratingMapColors(manifest, v, new Map([['00001', 'Y']]));
    const marked = withEstimateMark(manifest, v, plain);
    expect(marked.estimated ?? false).toBe(estimated);
    expect(marked.title).toBe(estimated ? `${t(v.lang, 'legendTitle')} (ước tính theo diện tích)` : t(v.lang, 'legendTitle'));
    // Marked once, however often it is asked.
    expect(withEstimateMark(manifest, v, marked)).toBe(marked);
  });
});
