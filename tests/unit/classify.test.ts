import { describe, expect, it } from 'vitest';
import { classCount, classCounts, classify, classOf, legendLabels, lockBreaks, sequentialColors, type Breaks } from '../../src/model/classify.ts';

const oneToTen = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

describe('classify: known breaks on hand-checkable data', () => {
  it('quantiles of 1..10 in five classes split two by two', () => {
    // quantileSorted interpolates (p=0.2 → 2.8, p=0.6 → 6.3999…); bounds snap up to data values.
    const b = classify(oneToTen, 'quantile', 5);
    expect(b.bounds).toEqual([1, 3, 5, 7, 9, 10]);
    expect(classCounts(oneToTen, b)).toEqual([2, 2, 2, 2, 2]);
  });

  it('equal intervals of 0..100 in four classes', () => {
    const b = classify([0, 10, 30, 55, 100], 'equal', 4);
    expect(b.bounds).toEqual([0, 25, 50, 75, 100]);
    // 75–100 holds only 100; 50–75 holds 55; a gap class stays (equal width is the point).
    expect(classCounts([0, 10, 30, 55, 100], b)).toEqual([2, 1, 1, 1]);
    expect(classCounts([0, 10, 20, 100, 99], classify([0, 10, 20, 100, 99], 'equal', 4))).toEqual([3, 0, 0, 2]);
  });

  it('natural breaks (ckmeans) find the three obvious groups', () => {
    const v = [1, 2, 3, 10, 11, 12, 50, 51];
    const b = classify(v, 'jenks', 3);
    expect(b.bounds).toEqual([1, 10, 50, 51]);
    expect(classCounts(v, b)).toEqual([3, 3, 2]);
  });

  it('ignores nulls, NaN and infinities', () => {
    const b = classify([null, 1, Number.NaN, 2, 3, 10, 11, 12, 50, 51, Infinity, null], 'jenks', 3);
    expect(b.bounds).toEqual([1, 10, 50, 51]);
    expect(classCounts([null, Number.NaN, 1, 51], b)).toEqual([1, 0, 1]);
  });

  it('accepts typed arrays', () => {
    expect(classify(new Float64Array(oneToTen), 'quantile', 5).bounds).toEqual([1, 3, 5, 7, 9, 10]);
  });
});

describe('classify: ties, few distinct values, degenerate input', () => {
  it('never splits a tie across quantile classes nor repeats a bound', () => {
    // Both tertiles fall on the seven 1s: the bounds move to the next distinct values.
    const v = [1, 1, 1, 1, 1, 1, 1, 2, 3, 4];
    const b = classify(v, 'quantile', 3);
    expect(b.bounds).toEqual([1, 2, 3, 4]);
    expect(classCounts(v, b)).toEqual([7, 1, 2]);
    // Tertiles 1 and 2.33: the second snaps up to 3.
    const w = [1, 1, 1, 1, 1, 1, 1, 2, 3, 4, 5, 6];
    expect(classify(w, 'quantile', 3).bounds).toEqual([1, 2, 3, 6]);
    // Ties at the top leave fewer classes, never an empty one.
    const top = [1, 2, 9, 9, 9, 9, 9, 9, 9, 9];
    const t = classify(top, 'quantile', 2);
    expect(t.bounds).toEqual([1, 9, 9]);
    expect(classCounts(top, t)).toEqual([2, 8]);
    expect(legendLabels(t, 'en')).toEqual(['1 – < 9', '9']);
  });

  it.each(['quantile', 'equal', 'jenks'] as const)('%s: fewer distinct values than k gives one class per value', (method) => {
    const v = [5, 5, 7, 7, 7, 9];
    const b = classify(v, method, 5);
    expect(b.bounds).toEqual([5, 7, 9, 9]);
    expect(classCount(b)).toBe(3);
    expect(classCounts(v, b)).toEqual([2, 3, 1]);
    expect(legendLabels(b, 'en')).toEqual(['5 – < 7', '7 – < 9', '9']);
  });

  it('a single value is one class', () => {
    const b = classify([42, 42, null], 'jenks', 5);
    expect(b.bounds).toEqual([42, 42]);
    expect(classOf(42, b)).toBe(0);
    expect(classOf(41, b)).toBe(-1);
    expect(legendLabels(b, 'vi')).toEqual(['42']);
  });

  it('empty input has no classes', () => {
    for (const input of [[], [null, Number.NaN]]) {
      const b = classify(input, 'quantile', 5);
      expect(b.bounds).toEqual([]);
      expect(classOf(3, b)).toBe(-1);
      expect(classCounts([1, 2], b)).toEqual([]);
      expect(legendLabels(b, 'vi')).toEqual([]);
    }
  });

  it('rejects a class count that is not a positive integer', () => {
    expect(() => classify(oneToTen, 'equal', 0)).toThrow(RangeError);
    expect(() => classify(oneToTen, 'equal', 2.5)).toThrow(RangeError);
  });
});

describe('classOf is unambiguous at bounds', () => {
  const b: Breaks = { method: 'custom', bounds: [0, 50, 70, 85, 100], locked: false };
  it.each([
    [0, 0], [49.999, 0], [50, 1], [69.9, 1], [70, 2], [85, 3], [99, 3], [100, 3],
    [-0.1, -1], [100.1, -1], [null, -1], [Number.NaN, -1],
  ])('%s → class %i', (value, cls) => {
    expect(classOf(value, b)).toBe(cls);
  });

  it('a point class of the maximum takes only the maximum', () => {
    const p: Breaks = { method: 'jenks', bounds: [1, 10, 50, 50], locked: false };
    expect(classOf(49.9, p)).toBe(1);
    expect(classOf(50, p)).toBe(2);
  });
});

describe('custom and locked breaks', () => {
  it('sorts and de-duplicates custom bounds, ignoring k and data', () => {
    const b = classify([1, 2, 3], 'custom', 99, [100, 50, 0, 70, 50, 85, Number.NaN]);
    expect(b.bounds).toEqual([0, 50, 70, 85, 100]);
    expect(classCounts([0, 50, 69, 70, 85, 100, 120], b)).toEqual([1, 2, 1, 2]);
    expect(() => classify([], 'custom', 3, [5])).toThrow(RangeError);
    expect(() => classify([], 'custom', 3)).toThrow(RangeError);
  });

  it('reuses a year’s breaks on another year: outside values go to the end classes', () => {
    const y2023 = classify([10, 20, 30, 40, 50, 60], 'equal', 5);
    expect(y2023.bounds).toEqual([10, 20, 30, 40, 50, 60]);
    const locked = lockBreaks(y2023);
    expect(locked.locked).toBe(true);
    expect(y2023.locked).toBe(false);
    const y2024 = [2, 15, 59, 60, 75, null];
    expect(y2024.map((v) => classOf(v, locked))).toEqual([0, 0, 4, 4, 4, -1]);
    expect(classCounts(y2024, locked)).toEqual([2, 0, 0, 0, 3]);
    // The same values without the lock fall outside.
    expect(y2024.map((v) => classOf(v, y2023))).toEqual([-1, 0, 4, 4, -1, -1]);
  });
});

describe('legend labels', () => {
  const b: Breaks = { method: 'custom', bounds: [10, 20.5, 90, 100], locked: false };
  it('do not overlap and say which end is included', () => {
    expect(legendLabels(b, 'en', 1)).toEqual(['10 – < 20.5', '20.5 – < 90', '≥ 90 – 100']);
  });
  it('use the Vietnamese decimal comma and thousands dot', () => {
    expect(legendLabels(b, 'vi', 1)).toEqual(['10 – < 20,5', '20,5 – < 90', '≥ 90 – 100']);
    expect(legendLabels({ method: 'custom', bounds: [0, 1234.5, 2000], locked: false }, 'vi', 1)).toEqual(['0 – < 1.234,5', '≥ 1.234,5 – 2.000']);
  });
  it('open the end classes of locked breaks', () => {
    expect(legendLabels(lockBreaks(b), 'en', 1)).toEqual(['< 20.5', '20.5 – < 90', '≥ 90']);
  });
});

describe('sequential colours', () => {
  it('give k distinct hex colours, light to dark, for any k', () => {
    for (const k of [1, 2, 3, 5, 9, 12]) {
      const c = sequentialColors(k);
      expect(c).toHaveLength(k);
      expect(new Set(c).size).toBe(k);
      for (const hex of c) expect(hex).toMatch(/^#[0-9a-f]{6}$/);
      const lum = c.map((h) => parseInt(h.slice(1, 3), 16) + parseInt(h.slice(3, 5), 16) + parseInt(h.slice(5, 7), 16));
      for (let i = 1; i < lum.length; i++) expect(lum[i]).toBeLessThan(lum[i - 1]);
    }
    expect(sequentialColors(5)).toEqual(['#ffffb2', '#fecc5c', '#fd8d3c', '#f03b20', '#bd0026']);
    expect(sequentialColors(0)).toEqual([]);
  });
});
