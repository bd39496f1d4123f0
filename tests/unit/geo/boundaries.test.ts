import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { topology } from 'topojson-server';
import { describe, expect, it } from 'vitest';
import { levelAt, meshLines, meshSegments, unionOutline, unitFeatures } from '../../../src/map/boundaries.ts';

/** Three unit squares in a row, A | B | C, sharing their sides. */
const square = (id: string, x: number): Feature<Polygon> => ({
  type: 'Feature',
  id,
  properties: {},
  geometry: { type: 'Polygon', coordinates: [[[x, 0], [x + 1, 0], [x + 1, 1], [x, 1], [x, 0]]] },
});
const fc: FeatureCollection<Polygon> = { type: 'FeatureCollection', features: [square('A', 0), square('B', 1), square('C', 2)] };
const topo = topology({ units: fc });

/** Total length of lines (unit squares: every edge is 1 long). */
const length = (lines: number[][][]) =>
  lines.reduce((sum, l) => sum + l.slice(1).reduce((s, p, i) => s + Math.hypot(p[0] - l[i][0], p[1] - l[i][1]), 0), 0);

describe('borders from the topology', () => {
  it('decodes units with their code and index', () => {
    expect(unitFeatures(topo, 'units').map((f) => [f.properties.code, f.properties.index])).toEqual([['A', 0], ['B', 1], ['C', 2]]);
  });

  it('draws each border once: 10 unit edges, not the 12 of three outlines', () => {
    expect(length(meshLines(topo, 'units'))).toBeCloseTo(10, 9);
    const seg = meshSegments(topo, 'units');
    expect(seg.length % 4).toBe(0);
    let total = 0;
    for (let i = 0; i < seg.length; i += 4) total += Math.hypot(seg[i + 2] - seg[i], seg[i + 3] - seg[i + 1]);
    expect(total).toBeCloseTo(10, 9);
  });

  it('outlines the union of some units, without the borders between them', () => {
    // A + B: a 2 × 1 rectangle, perimeter 6; the A|B side is inside it.
    expect(length(unionOutline(topo, 'units', new Set(['A', 'B'])))).toBeCloseTo(6, 9);
    // A + C are not adjacent: two squares, 8.
    expect(length(unionOutline(topo, 'units', new Set(['A', 'C'])))).toBeCloseTo(8, 9);
    expect(unionOutline(topo, 'units', new Set(['nope']))).toEqual([]);
    expect(() => unionOutline(topo, 'missing', new Set(['A']))).toThrow(/no object missing/);
  });
});

describe('the level of detail drawn (levelAt)', () => {
  const full = { name: 'full' };
  const coarse = { name: 'coarse', belowZoom: 6 };

  it('draws the coarse level on screen below its zoom, the full geometry from it on', () => {
    expect(levelAt(full, coarse, 4.75, true)).toBe(coarse);
    expect(levelAt(full, coarse, 5.75, true)).toBe(coarse);
    expect(levelAt(full, coarse, 6, true)).toBe(full);
    expect(levelAt(full, coarse, 11, true)).toBe(full);
  });

  it('draws the full geometry in an export at any zoom, and when the bundle has no coarse level', () => {
    expect(levelAt(full, coarse, 4.75, false)).toBe(full);
    expect(levelAt(full, undefined, 4.75, true)).toBe(full);
  });
});
