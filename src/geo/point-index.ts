/**
 * Which unit is under a point, answered on the CPU: a uniform grid over the
 * units' bounding boxes, then turf's point-in-polygon on the few candidates.
 * Hovering a map of 10,600 communes this way costs well under a millisecond,
 * where a GPU picking pass costs a frame (seconds with software WebGL).
 */
import { booleanPointInPolygon } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';

export interface PointIndex {
  /** Index (in the array given) of the feature containing the point, or -1. */
  query(lng: number, lat: number): number;
}

type Box = [number, number, number, number];

function bbox(g: Polygon | MultiPolygon): Box {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  for (const p of polys) {
    for (const [x, y] of p[0]) {
      if (x < w) w = x;
      if (x > e) e = x;
      if (y < s) s = y;
      if (y > n) n = y;
    }
  }
  return [w, s, e, n];
}

/** Builds the index; `cells` is the grid's size along its longer side. */
export function buildPointIndex(features: readonly Feature<Polygon | MultiPolygon>[], cells = 256): PointIndex {
  const boxes = features.map((f) => bbox(f.geometry));
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  for (const b of boxes) {
    if (b[0] < w) w = b[0];
    if (b[1] < s) s = b[1];
    if (b[2] > e) e = b[2];
    if (b[3] > n) n = b[3];
  }
  const span = Math.max(e - w, n - s, 1e-9);
  const size = span / cells;
  const cols = Math.max(1, Math.ceil((e - w) / size));
  const rows = Math.max(1, Math.ceil((n - s) / size));
  const grid = new Map<number, number[]>();
  const cellOf = (x: number, y: number) => [Math.min(cols - 1, Math.floor((x - w) / size)), Math.min(rows - 1, Math.floor((y - s) / size))];
  boxes.forEach((b, i) => {
    if (!Number.isFinite(b[0])) return;
    const [c0, r0] = cellOf(b[0], b[1]);
    const [c1, r1] = cellOf(b[2], b[3]);
    for (let c = c0; c <= c1; c++) {
      for (let r = r0; r <= r1; r++) {
        const k = r * cols + c;
        const list = grid.get(k);
        if (list) list.push(i);
        else grid.set(k, [i]);
      }
    }
  });
  return {
    query(lng: number, lat: number): number {
      if (lng < w || lng > e || lat < s || lat > n) return -1;
      const [c, r] = cellOf(lng, lat);
      for (const i of grid.get(r * cols + c) ?? []) {
        const b = boxes[i];
        if (lng < b[0] || lng > b[2] || lat < b[1] || lat > b[3]) continue;
        if (booleanPointInPolygon([lng, lat], features[i])) return i;
      }
      return -1;
    },
  };
}
