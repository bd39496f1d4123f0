/**
 * The one copy of the ring helpers (src/geo/rings.ts) and the readers that
 * rely on its winding: a Shapefile polygon with a hole keeps its hole.
 */
import { describe, expect, it } from 'vitest';
import { pointInRing, ringAreaKm2, ringSignedArea } from '../../../src/geo/rings.ts';
import { ringsToGeometry } from '../../../src/io/read/shapefile.ts';

type Ring = [number, number][];
const square = (x: number, y: number, s: number): Ring => [[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]]; // counter-clockwise
const reversed = (r: Ring): Ring => [...r].reverse();

describe('ring helpers', () => {
  it('signed area: positive counter-clockwise, negative clockwise, whatever the origin', () => {
    expect(ringSignedArea(square(0, 0, 2))).toBe(4);
    expect(ringSignedArea(reversed(square(0, 0, 2)))).toBe(-4);
    expect(ringSignedArea(square(105.5, 21, 0.5))).toBeCloseTo(0.25, 12);
    // A triangle, by hand: (0,0) (4,0) (0,3) has area 6.
    expect(ringSignedArea([[0, 0], [4, 0], [0, 3], [0, 0]])).toBe(6);
    expect(ringSignedArea([[0, 0], [1, 1], [0, 0]])).toBe(0);
  });

  it('area in km²: a 0.1° square near Hà Nội is about 11.1 km × 10.4 km', () => {
    const a = ringAreaKm2(square(105.8, 21, 0.1));
    const expected = 11.132 * 11.132 * Math.cos((21.04 * Math.PI) / 180);
    expect(a).toBeGreaterThan(expected * 0.999);
    expect(a).toBeLessThan(expected * 1.001);
    expect(ringAreaKm2(reversed(square(105.8, 21, 0.1)))).toBeCloseTo(-a, 9);
    expect(ringAreaKm2([[0, 0], [1, 1], [0, 0]])).toBe(0);
  });

  it('point in ring: inside, outside, in a concave notch, either winding', () => {
    // A U shape: the notch between its arms is outside.
    const u: Ring = [[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]];
    for (const r of [u, reversed(u)]) {
      expect(pointInRing(0.5, 2, r)).toBe(true);
      expect(pointInRing(2.5, 2, r)).toBe(true);
      expect(pointInRing(1.5, 0.5, r)).toBe(true);
      expect(pointInRing(1.5, 2, r)).toBe(false);
      expect(pointInRing(4, 1, r)).toBe(false);
      expect(pointInRing(-1, 1, r)).toBe(false);
    }
  });
});

describe('Shapefile rings to polygons (winding from src/geo/rings.ts)', () => {
  const outer = reversed(square(0, 0, 10)); // clockwise: a Shapefile outer ring
  const hole = square(2, 2, 6); // counter-clockwise: a hole

  it('a clockwise outer with a counter-clockwise ring inside is one polygon with a hole', () => {
    expect(ringsToGeometry([outer, hole])).toEqual({ type: 'Polygon', coordinates: [outer, hole] });
    expect(ringsToGeometry([hole, outer])).toEqual({ type: 'Polygon', coordinates: [outer, hole] });
  });

  it('two clockwise outers are two polygons; a file that ignores the winding rule gets every ring as an outer', () => {
    const other = reversed(square(20, 0, 5));
    expect(ringsToGeometry([outer, other])).toEqual({ type: 'MultiPolygon', coordinates: [[outer], [other]] });
    const ccw = [square(0, 0, 10), square(20, 0, 5)];
    expect(ringsToGeometry(ccw)).toEqual({ type: 'MultiPolygon', coordinates: ccw.map((r) => [r]) });
    expect(ringsToGeometry([outer])).toEqual({ type: 'Polygon', coordinates: [outer] });
  });
});
