/**
 * Commune-sized units on real edges, for tests: each real district cut into a
 * few pieces (the Voronoi cells of seeded points inside it, intersected with
 * it), so the national outline, the land borders and the coast stay the real
 * ones while the units are the size of 2025 communes. The pieces of one
 * district share their cut lines; a cut that ends on the district's edge adds a
 * vertex there, which is also put into the neighbouring district's pieces, so
 * that, as in a real commune file, neighbours meet along the same vertices.
 */
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';

type Geometry = Polygon | MultiPolygon;
export type Props = Record<string, string>;

export interface SplitOptions {
  /** Pieces per district (fewer when the seeded points cannot all be placed). */
  pieces?: number;
  /** Seed of the points (each district's generator also takes its code, so a district's cut does not depend on the others). */
  seed?: number;
  /** Property holding the district's code, and its name. */
  codeProp?: string;
  nameProp?: string;
  /** Put the cut ends into the neighbouring districts' edges (default true); false leaves neighbours meeting along edges one side draws with more vertices than the other. */
  shareCutEnds?: boolean;
}

/** A small seeded generator (an LCG, as d3.randomLcg), in [0, 1). */
function lcg(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s = (Math.imul(1664525, s) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function hash(text: string, seed: number): number {
  let h = seed ^ 0x9e3779b9;
  for (const ch of text) h = Math.imul(h ^ ch.codePointAt(0)!, 0x01000193);
  return h >>> 0;
}

const polygonsOf = (g: Geometry): Position[][][] => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);

/**
 * Every district of `districts` cut into up to `pieces` pieces. A piece keeps
 * its district's properties but for the code (the district's code and a
 * two-digit piece number) and the name ("<district name> · <n>"), and
 * `district` (the district's code). A piece may be a MultiPolygon (a cell over
 * an islet and the mainland, or over two arms of the district).
 */
export function splitDistricts(districts: FeatureCollection<Geometry, Props>, options: SplitOptions = {}): FeatureCollection<Geometry, Props> {
  const pieces = options.pieces ?? 5;
  const seed = options.seed ?? 42;
  const codeProp = options.codeProp ?? 'level2_id';
  const nameProp = options.nameProp ?? 'name';
  const out: Feature<Geometry, Props>[] = [];
  for (const district of districts.features) {
    const code = district.properties[codeProp];
    const random = lcg(hash(code, seed));
    const [minX, minY, maxX, maxY] = turf.bbox(district);
    const points: Feature<{ type: 'Point'; coordinates: Position }>[] = [];
    for (let tries = 0; points.length < pieces && tries < 20_000; tries++) {
      const p = turf.point([minX + random() * (maxX - minX), minY + random() * (maxY - minY)]);
      if (turf.booleanPointInPolygon(p, district)) points.push(p);
    }
    const pad = Math.max(maxX - minX, maxY - minY);
    const cells = points.length > 1 ? turf.voronoi(turf.featureCollection(points), { bbox: [minX - pad, minY - pad, maxX + pad, maxY + pad] }).features.filter((c) => c) : [];
    const parts: Geometry[] = cells.length ? cells.flatMap((cell) => turf.intersect(turf.featureCollection<Geometry>([cell, district]))?.geometry ?? []) : [district.geometry];
    parts.forEach((geometry, i) => {
      const n = String(i + 1).padStart(2, '0');
      out.push({ type: 'Feature', properties: { ...district.properties, [codeProp]: `${code}${n}`, [nameProp]: `${district.properties[nameProp]} · ${n}`, district: code }, geometry });
    });
  }
  if (options.shareCutEnds ?? true) insertCutEnds(out, districts);
  return { type: 'FeatureCollection', features: out };
}

/** Grid cell size (degrees) of the index of cut ends; a vertex within `ON_SEGMENT_DEG` of a segment lies on it (~1 mm). */
const CELL_DEG = 0.01;
const ON_SEGMENT_DEG = 1e-8;

/**
 * The vertices the cuts added on districts' edges, put into every ring of
 * another district's piece whose segment they lie on: the cuts of one district
 * end on a shared edge that the neighbouring district draws without them.
 */
function insertCutEnds(pieces: Feature<Geometry, Props>[], districts: FeatureCollection<Geometry, Props>): void {
  const original = new Set<string>();
  for (const d of districts.features) for (const poly of polygonsOf(d.geometry)) for (const ring of poly) for (const [x, y] of ring) original.add(`${x},${y}`);
  const grid = new Map<string, { x: number; y: number; district: string }[]>();
  const seen = new Set<string>();
  for (const piece of pieces) {
    for (const poly of polygonsOf(piece.geometry)) {
      for (const ring of poly) {
        for (const [x, y] of ring) {
          const key = `${x},${y}`;
          if (original.has(key) || seen.has(key)) continue;
          seen.add(key);
          const cell = `${Math.floor(x / CELL_DEG)},${Math.floor(y / CELL_DEG)}`;
          grid.set(cell, [...(grid.get(cell) ?? []), { x, y, district: piece.properties.district }]);
        }
      }
    }
  }
  for (const piece of pieces) {
    for (const poly of polygonsOf(piece.geometry)) {
      poly.forEach((ring, ri) => {
        const next: Position[] = [ring[0]];
        for (let i = 0; i + 1 < ring.length; i++) {
          const [ax, ay] = ring[i];
          const [bx, by] = ring[i + 1];
          const found: { t: number; p: Position }[] = [];
          for (let gx = Math.floor(Math.min(ax, bx) / CELL_DEG); gx <= Math.floor(Math.max(ax, bx) / CELL_DEG); gx++) {
            for (let gy = Math.floor(Math.min(ay, by) / CELL_DEG); gy <= Math.floor(Math.max(ay, by) / CELL_DEG); gy++) {
              for (const v of grid.get(`${gx},${gy}`) ?? []) {
                if (v.district === piece.properties.district) continue;
                const dx = bx - ax;
                const dy = by - ay;
                const len2 = dx * dx + dy * dy;
                if (len2 === 0) continue;
                const t = ((v.x - ax) * dx + (v.y - ay) * dy) / len2;
                if (t <= 0 || t >= 1) continue;
                if (Math.abs((v.x - ax) * dy - (v.y - ay) * dx) / Math.sqrt(len2) > ON_SEGMENT_DEG) continue;
                found.push({ t, p: [v.x, v.y] });
              }
            }
          }
          found.sort((p, q) => p.t - q.t);
          for (const f of found) next.push(f.p);
          next.push(ring[i + 1]);
        }
        poly[ri] = next;
      });
    }
  }
}
