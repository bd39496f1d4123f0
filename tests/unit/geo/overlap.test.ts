/**
 * The crosswalk proposal by area overlap: the Đồng Văn pair (a 50/50 split, a
 * merger, a kept code), slivers, gaps and communes outside the new map, shares
 * that add up to exactly 1, and the grid index against a brute-force pass.
 */
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { proposeOverlaps, roundShares, type OverlapUnit } from '../../../src/geo/overlap.ts';
import { AFTER_UNITS, BEFORE_UNITS } from '../io/two-structures.ts';

type Box = [number, number, number, number];
const poly = ([x0, y0, x1, y1]: Box): Polygon => ({ type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] });
const units = (list: { code: string; box: Box }[]): OverlapUnit[] => list.map((u) => ({ code: u.code, geometry: poly(u.box) }));

describe('proposeOverlaps', () => {
  it('finds the Đồng Văn crosswalk: two merged into Lũng Cú, Sủng Là split 50/50', () => {
    const r = proposeOverlaps(units(BEFORE_UNITS), units(AFTER_UNITS));
    expect(r.rows.map((x) => [x.old_code, x.new_code, x.share])).toEqual([
      ['00691', '00691', 1],
      ['00694', '00691', 1],
      ['00697', '00697', 1],
      // Equal halves (same latitudes): the tie goes to the smaller code first.
      ['00700', '00697', 0.5],
      ['00700', '10001', 0.5],
    ]);
    expect(r.slivers).toEqual([]);
    expect(r.gaps).toEqual([]);
    expect(r.unmatched).toEqual([]);
    // Sủng Là's piece is a quarter of Lũng Cú's new area's half: ~ 0.05° × 0.1° at 23°N.
    expect(r.rows[4].area_km2).toBeGreaterThan(50);
    expect(r.rows[4].area_km2).toBeLessThan(60);
  });

  it('drops slivers from boundaries that do not line up, and reports them', () => {
    // The new border between Lũng Cú and Đồng Văn drawn 0.0005° too far north: a 0.5 % strip of old Lũng Cú lands in Đồng Văn.
    const after = units([
      { code: '00691', box: [105.0, 23.2005, 105.2, 23.3] },
      { code: '00697', box: [105.0, 23.1, 105.2, 23.2005] },
    ]);
    const r = proposeOverlaps(units(BEFORE_UNITS.slice(0, 1)), after);
    expect(r.rows).toEqual([{ old_code: '00691', new_code: '00691', share: 1, area_km2: expect.any(Number) }]);
    // The search stops once less than the threshold is left: the strip is reported, in no named new commune.
    expect(r.slivers.map((s) => [s.old_code, s.new_code])).toEqual([['00691', null]]);
    expect(r.slivers[0].share).toBeCloseTo(0.005, 4);
    // Named when it was computed before the search stopped: here the sliver's commune has the larger bounding
    // box (a strip along the old border and a block farther east, as a MultiPolygon).
    const strip: OverlapUnit = {
      code: '00697',
      geometry: { type: 'MultiPolygon', coordinates: [poly([105.0, 23.2, 105.001, 23.3]).coordinates, poly([105.3, 23.0, 105.4, 23.4]).coordinates] },
    };
    const named = proposeOverlaps(units([{ code: '00691', box: [105.0, 23.2, 105.2, 23.3] }]), [...units([{ code: '00691', box: [105.001, 23.2, 105.2, 23.3] }]), strip]);
    expect(named.intersections).toBe(2);
    expect(named.slivers.map((s) => [s.old_code, s.new_code])).toEqual([['00691', '00697']]);
    expect(named.slivers[0].share).toBeCloseTo(0.005, 3);
    // A lower threshold keeps the strip as a share of its own.
    const fine = proposeOverlaps(units(BEFORE_UNITS.slice(0, 1)), after, { minShare: 0.001 });
    expect(fine.rows.map((x) => [x.new_code, x.share])).toEqual([['00691', 0.995], ['00697', 0.005]]);
  });

  it('reports an old commune partly outside the new map, and one wholly outside', () => {
    const after = units([{ code: '00691', box: [105.0, 23.2, 105.05, 23.3] }]);
    const r = proposeOverlaps(units(BEFORE_UNITS.slice(0, 2)), after);
    expect(r.rows.map((x) => [x.old_code, x.new_code, x.share])).toEqual([['00691', '00691', 1]]);
    expect(r.gaps.map((g) => [g.old_code, Number(g.covered.toFixed(3))])).toEqual([['00691', 0.5]]);
    expect(r.unmatched).toEqual(['00694']);
  });

  it('agrees with a brute-force pass on a shifted grid (every old cell split between up to four new ones)', () => {
    const old: { code: string; box: Box }[] = [];
    for (let i = 0; i < 12; i++) for (let j = 0; j < 12; j++) old.push({ code: String(i * 12 + j).padStart(5, '0'), box: [104 + i * 0.1, 20 + j * 0.1, 104.1 + i * 0.1, 20.1 + j * 0.1] });
    const fresh: { code: string; box: Box }[] = [];
    for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) fresh.push({ code: `9${String(i * 5 + j).padStart(4, '0')}`, box: [103.95 + i * 0.25, 19.95 + j * 0.25, 104.2 + i * 0.25, 20.2 + j * 0.25] });
    const r = proposeOverlaps(units(old), units(fresh), { minShare: 1e-6 });
    // Every pair intersected, no index: the same pairs.
    const brute = new Set<string>();
    for (const o of old) for (const n of fresh) {
      const w = Math.min(o.box[2], n.box[2]) - Math.max(o.box[0], n.box[0]);
      const h = Math.min(o.box[3], n.box[3]) - Math.max(o.box[1], n.box[1]);
      if (w > 1e-9 && h > 1e-9) brute.add(`${o.code}>${n.code}`);
    }
    expect(new Set(r.rows.map((x) => `${x.old_code}>${x.new_code}`))).toEqual(brute);
    expect(r.candidates).toBeLessThan(old.length * fresh.length / 4);
    const sums = new Map<string, number>();
    for (const x of r.rows) sums.set(x.old_code, Math.round(((sums.get(x.old_code) ?? 0) + x.share) * 1e4) / 1e4);
    expect([...sums.values()].every((s) => s === 1)).toBe(true);
  });
});

describe('roundShares', () => {
  it('rounds to 4 decimals and still adds up to exactly 1', () => {
    expect(roundShares([1, 1, 1])).toEqual([0.3334, 0.3333, 0.3333]);
    expect(roundShares([2, 1])).toEqual([0.6667, 0.3333]);
    expect(roundShares([5])).toEqual([1]);
  });
});
