/**
 * Geometry of the archipelagos, pure: turning a Natural Earth feature into the
 * small built-in outline the app ships (src/map/archipelago-outlines.ts, made
 * by scripts/build-archipelagos.ts), and finding, in loaded boundaries, the
 * units that are an archipelago (so they are drawn and labelled from the data
 * when the data has them).
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';

/** [[west, south], [east, north]] in degrees. */
export type Box = [[number, number], [number, number]];

/** Degrees kept in the built-in outline: 3 decimals is about 100 m, far below what a national map shows. */
const DIGITS = 3;

const round = (v: number) => Math.round(v * 10 ** DIGITS) / 10 ** DIGITS;

/**
 * The outer rings of a (Multi)Polygon with coordinates rounded to 3 decimals
 * and repeated points dropped: the islands' shapes only. Rings that collapse
 * below a triangle are left out.
 */
export function compactOutline(geometry: Polygon | MultiPolygon): Position[][][] {
  const polys = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const out: Position[][][] = [];
  for (const poly of polys) {
    const ring: Position[] = [];
    for (const [x, y] of poly[0]) {
      const p = [round(x), round(y)];
      const last = ring[ring.length - 1];
      if (!last || last[0] !== p[0] || last[1] !== p[1]) ring.push(p);
    }
    const first = ring[0];
    const last = ring[ring.length - 1];
    if (ring.length > 1 && (first[0] !== last[0] || first[1] !== last[1])) ring.push([first[0], first[1]]);
    if (ring.length >= 4) out.push([ring]);
  }
  return out;
}

/** True when every vertex of the geometry lies inside the box. */
export function withinBox(geometry: Polygon | MultiPolygon, box: Box): boolean {
  const [[w, s], [e, n]] = box;
  const polys = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  for (const poly of polys) for (const ring of poly) for (const [x, y] of ring) if (x < w || x > e || y < s || y > n) return false;
  return polys.length > 0;
}

/** Indexes of the features lying wholly inside the box. */
export function featuresWithin(features: readonly { geometry: Polygon | MultiPolygon }[], box: Box): number[] {
  const out: number[] = [];
  features.forEach((f, i) => {
    if (withinBox(f.geometry, box)) out.push(i);
  });
  return out;
}

/** Centre of each polygon's outer ring (the mean of its vertices): one point per island, for marks. */
export function partCentres(geometry: Polygon | MultiPolygon): [number, number][] {
  const polys = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polys.map((poly) => {
    const ring = poly[0];
    // The closing vertex repeats the first: leave it out of the mean.
    const n = ring.length > 1 && ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1] ? ring.length - 1 : ring.length;
    let x = 0, y = 0;
    for (let i = 0; i < n; i++) {
      x += ring[i][0];
      y += ring[i][1];
    }
    return [x / n, y / n] as [number, number];
  });
}
