import { describe, expect, it } from 'vitest';
import { countByClass } from '../../src/model/legend.ts';

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
