/**
 * Geometry checks and safe repairs for user boundaries: rings closed, short
 * rings dropped, duplicate points removed, self-intersections found with a
 * sweep over segment bounding boxes (turf's `kinks` compares every pair of
 * segments, hopeless on a real province ring of 50,000 vertices).
 *
 * Repair of self-intersections uses turf's `unkinkPolygon`, which splits a
 * ring at its crossings into simple rings: a bow-tie becomes its two triangles,
 * which is what a digitiser who crossed the line meant, and no area is invented
 * (unlike buffer(0), which silently drops one lobe of a bow-tie). It is only
 * tried on rings up to `MAX_UNKINK_VERTICES`, as its cost grows fast; larger
 * rings are kept as they are and reported, since they still draw correctly.
 */
import { unkinkPolygon } from '@turf/turf';
import type { MultiPolygon, Polygon, Position } from 'geojson';

export const MAX_UNKINK_VERTICES = 5000;

/** Findings on one feature's geometry. */
export interface GeometryFindings {
  /** The cleaned geometry, or null when nothing usable is left. */
  geometry: Polygon | MultiPolygon | null;
  /** Why the geometry is unusable, when it is. */
  error?: 'geometry-empty' | 'geometry-type' | 'geometry-invalid';
  errorDetail?: string;
  unclosedRings: number;
  droppedRings: number;
  /** Crossing points found (capped), and whether they were repaired. */
  crossings: [number, number][];
  repaired: boolean;
}

const MAX_CROSSINGS = 20;

function samePoint(a: Position, b: Position): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

function cross(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

/** Proper crossing point of segments p1p2 and p3p4, or null (touching at endpoints and collinear overlaps are not crossings). */
function properCrossing(p1: Position, p2: Position, p3: Position, p4: Position): [number, number] | null {
  const d1 = cross(p3[0], p3[1], p4[0], p4[1], p1[0], p1[1]);
  const d2 = cross(p3[0], p3[1], p4[0], p4[1], p2[0], p2[1]);
  const d3 = cross(p1[0], p1[1], p2[0], p2[1], p3[0], p3[1]);
  const d4 = cross(p1[0], p1[1], p2[0], p2[1], p4[0], p4[1]);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) {
    const t = d1 / (d1 - d2);
    return [p1[0] + t * (p2[0] - p1[0]), p1[1] + t * (p2[1] - p1[1])];
  }
  return null;
}

/**
 * Crossing points of a closed ring with itself (up to `limit`), by sorting
 * segments on their left end and comparing only overlapping x-ranges.
 */
export function ringSelfCrossings(ring: Position[], limit = MAX_CROSSINGS): [number, number][] {
  const n = ring.length - 1;
  if (n < 4) return [];
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => Math.min(ring[a][0], ring[a + 1][0]) - Math.min(ring[b][0], ring[b + 1][0]));
  const out: [number, number][] = [];
  for (let oi = 0; oi < n && out.length < limit; oi++) {
    const i = order[oi];
    const a = ring[i];
    const b = ring[i + 1];
    const maxX = Math.max(a[0], b[0]);
    const minY = Math.min(a[1], b[1]);
    const maxY = Math.max(a[1], b[1]);
    for (let oj = oi + 1; oj < n; oj++) {
      const j = order[oj];
      const c = ring[j];
      const d = ring[j + 1];
      if (Math.min(c[0], d[0]) > maxX) break;
      if (Math.max(c[1], d[1]) < minY || Math.min(c[1], d[1]) > maxY) continue;
      // Neighbouring segments share a vertex; the first and last share the closing vertex.
      if (Math.abs(i - j) === 1 || Math.abs(i - j) === n - 1) continue;
      const p = properCrossing(a, b, c, d);
      if (p) {
        out.push(p);
        if (out.length >= limit) break;
      }
    }
  }
  return out;
}

function isPosition(p: unknown): p is Position {
  return Array.isArray(p) && p.length >= 2 && typeof p[0] === 'number' && typeof p[1] === 'number' && Number.isFinite(p[0]) && Number.isFinite(p[1]);
}

/**
 * Checks and cleans a raw geometry (already in lon/lat). Polygons and
 * MultiPolygons only; GeometryCollections of polygons are flattened.
 */
export function checkGeometry(raw: unknown): GeometryFindings {
  const findings: GeometryFindings = { geometry: null, unclosedRings: 0, droppedRings: 0, crossings: [], repaired: false };
  const g = raw as { type?: unknown; coordinates?: unknown; geometries?: unknown } | null;
  if (!g || typeof g !== 'object' || g.type === undefined) return { ...findings, error: 'geometry-empty' };
  let polys: unknown[];
  if (g.type === 'Polygon') polys = [g.coordinates];
  else if (g.type === 'MultiPolygon') polys = Array.isArray(g.coordinates) ? g.coordinates : [];
  else if (g.type === 'GeometryCollection' && Array.isArray(g.geometries)) {
    const parts = g.geometries as { type?: unknown; coordinates?: unknown }[];
    if (parts.some((p) => p?.type !== 'Polygon' && p?.type !== 'MultiPolygon')) return { ...findings, error: 'geometry-type', errorDetail: 'GeometryCollection' };
    polys = parts.flatMap((p) => (p.type === 'Polygon' ? [p.coordinates] : (p.coordinates as unknown[])));
  } else return { ...findings, error: 'geometry-type', errorDetail: String(g.type).slice(0, 40) };
  if (!Array.isArray(polys) || polys.length === 0 || polys.every((p) => !Array.isArray(p) || p.length === 0)) return { ...findings, error: 'geometry-empty' };

  const out: Position[][][] = [];
  for (const poly of polys) {
    if (!Array.isArray(poly)) continue;
    const rings: Position[][] = [];
    for (let ri = 0; ri < poly.length; ri++) {
      const rawRing = poly[ri] as unknown;
      if (!Array.isArray(rawRing)) {
        findings.droppedRings++;
        continue;
      }
      if (!rawRing.every(isPosition)) return { ...findings, error: 'geometry-invalid', errorDetail: 'non-numeric coordinates' };
      const ring: Position[] = [];
      for (const p of rawRing as Position[]) if (ring.length === 0 || !samePoint(ring[ring.length - 1], p)) ring.push([p[0], p[1]]);
      if (ring.length > 1 && !samePoint(ring[0], ring[ring.length - 1])) {
        ring.push([ring[0][0], ring[0][1]]);
        findings.unclosedRings++;
      }
      if (ring.length < 4) {
        findings.droppedRings++;
        // Without its outer ring a polygon part has nothing to hold its holes.
        if (ri === 0) break;
        continue;
      }
      rings.push(ring);
    }
    if (rings.length > 0) out.push(rings);
  }
  if (out.length === 0) return { ...findings, error: 'geometry-invalid', errorDetail: 'no ring with at least 3 distinct points' };

  const repairedPolys: Position[][][] = [];
  for (const rings of out) {
    const crossings = rings.flatMap((r) => ringSelfCrossings(r));
    if (crossings.length === 0) {
      repairedPolys.push(rings);
      continue;
    }
    findings.crossings.push(...crossings.slice(0, MAX_CROSSINGS - findings.crossings.length));
    const size = rings.reduce((a, r) => a + r.length, 0);
    let fixed: Position[][][] | null = null;
    if (size <= MAX_UNKINK_VERTICES) {
      try {
        fixed = unkinkPolygon({ type: 'Polygon', coordinates: rings }).features.map((f) => f.geometry.coordinates);
      } catch {
        fixed = null;
      }
    }
    if (fixed && fixed.length > 0 && fixed.every((p) => p.every((r) => ringSelfCrossings(r, 1).length === 0))) {
      repairedPolys.push(...fixed);
      findings.repaired = true;
    } else {
      repairedPolys.push(rings);
      findings.repaired = false;
    }
  }
  findings.geometry = repairedPolys.length === 1 ? { type: 'Polygon', coordinates: repairedPolys[0] } : { type: 'MultiPolygon', coordinates: repairedPolys };
  return findings;
}

/** Applies `fn` to every position of a raw geometry, in place is avoided: returns a copy. */
export function mapPositions(raw: unknown, fn: (p: number[]) => [number, number]): unknown {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) {
      if (v.length >= 2 && typeof v[0] === 'number' && typeof v[1] === 'number') return fn(v as number[]);
      return v.map(walk);
    }
    return v;
  };
  const g = raw as { type?: unknown; coordinates?: unknown; geometries?: unknown[] } | null;
  if (!g || typeof g !== 'object') return raw;
  if (Array.isArray(g.geometries)) return { ...g, geometries: g.geometries.map((x) => mapPositions(x, fn)) };
  return { ...g, coordinates: walk(g.coordinates) };
}

/** Visits every position of a raw geometry (for scanning bounds before any change). */
export function forEachPosition(raw: unknown, fn: (x: number, y: number) => void): void {
  const walk = (v: unknown): void => {
    if (!Array.isArray(v)) return;
    if (v.length >= 2 && typeof v[0] === 'number' && typeof v[1] === 'number') fn(v[0], v[1]);
    else for (const x of v) walk(x);
  };
  const g = raw as { coordinates?: unknown; geometries?: unknown[] } | null;
  if (!g || typeof g !== 'object') return;
  if (Array.isArray(g.geometries)) for (const x of g.geometries) forEachPosition(x, fn);
  else walk(g.coordinates);
}
