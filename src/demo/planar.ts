/**
 * Plain-array polygon helpers for the generator: fast point-in-polygon, ring
 * orientation, and noding (making shared boundaries carry the same vertices on
 * both sides so TopoJSON recognises them as shared arcs).
 */
import type { Position } from 'geojson';
import { pointInRing, ringAreaKm2, ringSignedArea } from '../geo/rings.ts';

/** MultiPolygon coordinates: polygons → rings → positions. */
export type Polys = Position[][][];

/** Even-odd point-in-polygon over all rings of all polygons. */
export function pointInPolys(x: number, y: number, polys: Polys): boolean {
  let inside = false;
  for (const poly of polys) for (const ring of poly) if (pointInRing(x, y, ring)) inside = !inside;
  return inside;
}

export function bboxOf(polys: Polys): [number, number, number, number] {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const poly of polys) for (const p of poly[0]) {
    if (p[0] < x0) x0 = p[0];
    if (p[0] > x1) x1 = p[0];
    if (p[1] < y0) y0 = p[1];
    if (p[1] > y1) y1 = p[1];
  }
  return [x0, y0, x1, y1];
}

/** Rewinds to RFC 7946 order: exterior rings counter-clockwise, holes clockwise. */
export function rewind(polys: Polys): Polys {
  return polys.map((poly) =>
    poly.map((ring, i) => {
      const ccw = ringSignedArea(ring) > 0;
      return (i === 0) === ccw ? ring : [...ring].reverse();
    }),
  );
}

/** Approximate area in km² (local equirectangular per ring); good to ~0.1% at commune scale. */
export function areaKm2(polys: Polys): number {
  let total = 0;
  for (const poly of polys) {
    poly.forEach((ring, i) => {
      const a = Math.abs(ringAreaKm2(ring));
      total += i === 0 ? a : -a;
    });
  }
  return total;
}

/** Area-weighted centroid of the outer rings (planar). */
export function centroidOf(polys: Polys): [number, number] {
  let cx = 0, cy = 0, aw = 0;
  for (const poly of polys) {
    const ring = poly[0];
    for (let i = 0; i + 1 < ring.length; i++) {
      const [x1, y1] = ring[i];
      const [x2, y2] = ring[i + 1];
      const c = x1 * y2 - x2 * y1;
      cx += (x1 + x2) * c;
      cy += (y1 + y2) * c;
      aw += c;
    }
  }
  if (aw === 0) return [polys[0][0][0][0], polys[0][0][0][1]];
  return [cx / (3 * aw), cy / (3 * aw)];
}

/** A circle-ish polygon of `n` vertices, radius in km, with optional radial jitter per vertex. */
export function blob(centre: [number, number], radiusKm: number, n: number, jitter: () => number): Position[] {
  const k = Math.cos((centre[1] * Math.PI) / 180);
  const ring: Position[] = [];
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * i) / n;
    const r = (radiusKm * (0.8 + 0.4 * jitter())) / 111.32;
    ring.push([centre[0] + (r * Math.cos(a)) / k, centre[1] + r * Math.sin(a)]);
  }
  ring.push([ring[0][0], ring[0][1]]);
  return ring;
}

/**
 * Inserts into every ring edge the vertices of other rings that lie on it, so
 * that two polygons sharing a boundary carry the same vertex sequence. Needed
 * because clipping each cell separately adds intersection points on one side
 * of a province border only.
 */
export function node(all: Polys[], epsDeg = 1e-9): Polys[] {
  const cell = 0.01;
  const grid = new Map<string, Position[]>();
  const seen = new Set<string>();
  for (const polys of all) for (const poly of polys) for (const ring of poly) for (const p of ring) {
    const id = `${p[0]},${p[1]}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const key = `${Math.floor(p[0] / cell)},${Math.floor(p[1] / cell)}`;
    let list = grid.get(key);
    if (!list) grid.set(key, (list = []));
    list.push(p);
  }
  const onEdge = (a: Position, b: Position): Position[] => {
    const found: [number, Position][] = [];
    const dx = b[0] - a[0], dy = b[1] - a[1];
    const len2 = dx * dx + dy * dy;
    if (len2 === 0) return [];
    const len = Math.sqrt(len2);
    const i0 = Math.floor((Math.min(a[0], b[0]) - epsDeg) / cell), i1 = Math.floor((Math.max(a[0], b[0]) + epsDeg) / cell);
    const j0 = Math.floor((Math.min(a[1], b[1]) - epsDeg) / cell), j1 = Math.floor((Math.max(a[1], b[1]) + epsDeg) / cell);
    for (let i = i0; i <= i1; i++) for (let j = j0; j <= j1; j++) {
      const list = grid.get(`${i},${j}`);
      if (!list) continue;
      for (const p of list) {
        const t = ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2;
        if (t <= 0 || t >= 1) continue;
        const cross = Math.abs((p[0] - a[0]) * dy - (p[1] - a[1]) * dx) / len;
        if (cross > epsDeg) continue;
        if ((p[0] === a[0] && p[1] === a[1]) || (p[0] === b[0] && p[1] === b[1])) continue;
        found.push([t, p]);
      }
    }
    found.sort((u, v) => u[0] - v[0]);
    return found.map((f) => f[1]);
  };
  return all.map((polys) =>
    polys.map((poly) =>
      poly.map((ring) => {
        const out: Position[] = [ring[0]];
        for (let i = 0; i + 1 < ring.length; i++) {
          for (const p of onEdge(ring[i], ring[i + 1])) out.push(p);
          out.push(ring[i + 1]);
        }
        return out;
      }),
    ),
  );
}
