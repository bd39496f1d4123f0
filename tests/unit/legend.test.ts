import { describe, expect, it } from 'vitest';
import { countByClass, legendRows, NONE_KEY } from '../../src/model/legend.ts';

/** Six communes: four of Lào Cai (L…), two of Hà Giang (H…); the đặc khu-like H3 has no rating. */
const rating = new Map<string, string | null>([
  ['L1', 'Y'],
  ['L2', 'K'],
  ['L3', 'Y'],
  ['L4', 'XS'],
  ['H1', 'Y'],
  ['H3', null],
]);
const all = ['L1', 'L2', 'L3', 'L4', 'H1', 'H2', 'H3'];

describe('legend counts', () => {
  it('count the whole structure without a filter, unrated and missing units as unclassed', () => {
    const c = countByClass(rating, all);
    expect(Object.fromEntries(c.counts)).toEqual({ Y: 3, K: 1, XS: 1 });
    expect(c.none).toBe(2);
    expect(c.total).toBe(7);
  });

  it('count only the units inside the filter (a Lào Cai slide shows Lào Cai)', () => {
    const c = countByClass(rating, all, new Set(['L1', 'L2', 'L3', 'L4']));
    expect(Object.fromEntries(c.counts)).toEqual({ Y: 2, K: 1, XS: 1 });
    expect(c.none).toBe(0);
    expect(c.total).toBe(4);
  });

  it('an empty filter result counts nothing', () => {
    expect(countByClass(rating, all, new Set())).toEqual({ counts: new Map(), none: 0, total: 0 });
  });
});

describe('legend rows', () => {
  const classes = [
    { key: 'XS', color: '#2c7bb6', label: 'Xuất sắc' },
    { key: 'K', color: '#abd9e9', label: 'Khá' },
    { key: 'Y', color: '#d7191c', label: 'Yếu' },
  ];
  const none = { color: '#cccccc', label: 'Chưa đánh giá', always: true };

  it('without a filter: national counts, no total column, the unrated row last', () => {
    expect(legendRows(classes, rating, all, undefined, none)).toEqual([
      { ...classes[0], count: 1 },
      { ...classes[1], count: 1 },
      { ...classes[2], count: 3 },
      { key: NONE_KEY, color: '#cccccc', label: 'Chưa đánh giá', count: 2 },
    ]);
  });

  it('under a province filter: the province counts, the national total beside each', () => {
    const rows = legendRows(classes, rating, all, new Set(['L1', 'L2', 'L3', 'L4']), none);
    expect(rows.map((r) => [r.key, r.count, r.total])).toEqual([
      ['XS', 1, 1],
      ['K', 1, 1],
      ['Y', 2, 3],
      [NONE_KEY, 0, 2],
    ]);
  });

  it('the unclassed row only when needed, unless asked for always', () => {
    const full = new Map([['A', 'Y']]);
    expect(legendRows(classes, full, ['A'], undefined, { ...none, always: false }).map((r) => r.key)).toEqual(['XS', 'K', 'Y']);
    expect(legendRows(classes, full, ['A'], undefined, none).map((r) => r.key)).toEqual(['XS', 'K', 'Y', NONE_KEY]);
  });
});
