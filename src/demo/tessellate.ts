/**
 * Seeded Voronoi tessellation of a piece of land into synthetic communes.
 * Seeds cluster around a few "towns" so that urban units (phường) are small;
 * cells are clipped to the land, so the cells cover it with no gap or overlap.
 */
import { Delaunay } from 'd3';
import * as turf from '@turf/turf';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { Rng } from './rng.ts';
import { areaKm2, bboxOf, pointInPolys, rewind } from './planar.ts';
import type { Polys } from './planar.ts';

export interface TessellationOptions {
  /** Share of seeds drawn around towns rather than uniformly. */
  urbanShare: number;
}

export interface Tessellation {
  cells: Polys[];
  seeds: [number, number][];
  /** Distance (deg) of each seed to the first town, the province seat; used to order codes. */
  seatDistance: number[];
  seat: [number, number];
}

function uniformInside(rng: Rng, land: Polys, bbox: [number, number, number, number]): [number, number] {
  for (let i = 0; i < 100000; i++) {
    const x = bbox[0] + rng() * (bbox[2] - bbox[0]);
    const y = bbox[1] + rng() * (bbox[3] - bbox[1]);
    if (pointInPolys(x, y, land)) return [x, y];
  }
  throw new Error('could not place a seed inside the land');
}

/** Splits `land` into `n` cells. With n = 1 the land itself is the only cell. */
export function tessellate(land: Polys, n: number, rng: Rng, options: TessellationOptions): Tessellation {
  const bbox = bboxOf(land);
  const seat = uniformInside(rng, land, bbox);
  if (n <= 1) return { cells: [rewind(land)], seeds: [seat], seatDistance: [0], seat };
  const area = areaKm2(land);
  const townCount = Math.max(1, Math.round(n / 70));
  const towns: [number, number][] = [seat];
  while (towns.length < townCount) towns.push(uniformInside(rng, land, bbox));
  const sdKm = Math.min(8, Math.max(1.5, 0.22 * Math.sqrt(area / townCount)));
  const k = Math.cos((((bbox[1] + bbox[3]) / 2) * Math.PI) / 180);

  let seeds: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    let placed: [number, number] | null = null;
    if (rng() < options.urbanShare) {
      // The seat draws half the urban seeds, other towns share the rest.
      const town = rng() < 0.5 || towns.length === 1 ? towns[0] : towns[1 + rng.int(towns.length - 1)];
      for (let t = 0; t < 30 && !placed; t++) {
        const x = town[0] + rng.normal(0, sdKm / 111.32 / k);
        const y = town[1] + rng.normal(0, sdKm / 111.32);
        if (pointInPolys(x, y, land)) placed = [x, y];
      }
    }
    seeds.push(placed ?? uniformInside(rng, land, bbox));
  }

  const pad = 0.05;
  const bounds: [number, number, number, number] = [bbox[0] - pad, bbox[1] - pad, bbox[2] + pad, bbox[3] + pad];
  // One Lloyd step evens out the rural cells without erasing the urban clustering.
  {
    const v = Delaunay.from(seeds).voronoi(bounds);
    seeds = seeds.map((s, i) => {
      const poly = v.cellPolygon(i);
      if (!poly) return s;
      let cx = 0, cy = 0;
      for (let j = 0; j + 1 < poly.length; j++) { cx += poly[j][0]; cy += poly[j][1]; }
      const c: [number, number] = [cx / (poly.length - 1), cy / (poly.length - 1)];
      const m: [number, number] = [(s[0] + c[0]) / 2, (s[1] + c[1]) / 2];
      return pointInPolys(m[0], m[1], land) ? m : s;
    });
  }

  const voronoi = Delaunay.from(seeds).voronoi(bounds);
  const landVertices: Position[] = [];
  for (const poly of land) for (const ring of poly) for (const p of ring) landVertices.push(p);
  landVertices.sort((a, b) => a[0] - b[0]);
  const landFeature = turf.multiPolygon(land);

  const cells: Polys[] = seeds.map((_, i) => {
    const poly = voronoi.cellPolygon(i) as unknown as Position[] | null;
    if (!poly) throw new Error('degenerate Voronoi cell');
    const ring: Position[] = poly.map((p) => [p[0], p[1]]);
    if (isInside(ring, land, landVertices)) return rewind([[ring]]);
    const clipped = turf.intersect(turf.featureCollection<Polygon | MultiPolygon>([turf.polygon([ring]), landFeature]));
    if (!clipped) throw new Error('Voronoi cell does not meet the land');
    const g = clipped.geometry;
    return rewind(g.type === 'Polygon' ? [g.coordinates] : g.coordinates);
  });
  const seatDistance = seeds.map((s) => Math.hypot((s[0] - seat[0]) * k, s[1] - seat[1]));
  return { cells, seeds, seatDistance, seat };
}

/**
 * True when the cell lies wholly inside the land: every vertex inside and no land
 * vertex within the cell's bbox (a land boundary crossing the cell would need one).
 * Saves the costly exact clip for the ~70% of cells away from the boundary.
 */
function isInside(ring: Position[], land: Polys, sortedVertices: Position[]): boolean {
  for (const p of ring) if (!pointInPolys(p[0], p[1], land)) return false;
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (const p of ring) {
    x0 = Math.min(x0, p[0]); x1 = Math.max(x1, p[0]);
    y0 = Math.min(y0, p[1]); y1 = Math.max(y1, p[1]);
  }
  let lo = 0, hi = sortedVertices.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sortedVertices[mid][0] < x0) lo = mid + 1; else hi = mid;
  }
  for (let i = lo; i < sortedVertices.length && sortedVertices[i][0] <= x1; i++) {
    const y = sortedVertices[i][1];
    if (y >= y0 && y <= y1) return false;
  }
  return true;
}
