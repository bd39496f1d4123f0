/**
 * Turns the bundle's TopoJSON into the features deck.gl draws, once per
 * structure. Colours never touch these: a filter or year change only rewrites a
 * colour array indexed by `index` (see layers.ts).
 */
import { centerOfMass } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { ringSignedArea } from '../geo/rings.ts';

export interface UnitProps {
  code: string;
  /** Position in the structure's feature array; indexes colour arrays. */
  index: number;
}

export type UnitFeature = Feature<Polygon | MultiPolygon, UnitProps>;

/** Decodes one object of the topology into features with `code` and `index`. */
export function unitFeatures(topology: Topology, objectName: string): UnitFeature[] {
  const obj = topology.objects[objectName] as GeometryCollection | undefined;
  if (!obj) throw new Error(`boundaries has no object ${objectName}`);
  const fc = feature(topology, obj) as unknown as { features: Feature<Polygon | MultiPolygon | null>[] };
  const out: UnitFeature[] = [];
  for (const f of fc.features) {
    if (!f.geometry) continue;
    out.push({ type: 'Feature', geometry: f.geometry, properties: { code: String(f.id), index: out.length } });
  }
  return out;
}

/**
 * A point to hang a label on: the centre of mass of the largest polygon, so a
 * province with islands is labelled on its mainland.
 */
export function labelPoint(geometry: Polygon | MultiPolygon): [number, number] {
  const polys = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let best = polys[0];
  let bestArea = -1;
  for (const p of polys) {
    const a = Math.abs(ringSignedArea(p[0]));
    if (a > bestArea) {
      bestArea = a;
      best = p;
    }
  }
  const c = centerOfMass({ type: 'Polygon', coordinates: best }).geometry.coordinates;
  return [c[0], c[1]];
}

/** Bounding box [[w, s], [e, n]] of features. */
export function boundsOf(features: { geometry: Polygon | MultiPolygon }[]): [[number, number], [number, number]] {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  for (const f of features) {
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const p of polys) for (const [x, y] of p[0]) {
      if (x < w) w = x;
      if (x > e) e = x;
      if (y < s) s = y;
      if (y > n) n = y;
    }
  }
  return [[w, s], [e, n]];
}

/** Every border of an object's units as lines, each border shared by two units once (TopoJSON's mesh). */
export function meshLines(topology: Topology, objectName: string): Position[][] {
  const obj = topology.objects[objectName] as GeometryCollection | undefined;
  if (!obj) throw new Error(`boundaries has no object ${objectName}`);
  return mesh(topology, obj).coordinates;
}

/**
 * The same borders as a flat line list for the hairline layer: x0, y0, x1, y1
 * per segment. A border between two communes costs half the vertices of
 * outlining both.
 */
export function meshSegments(topology: Topology, objectName: string): Float64Array {
  const lines = meshLines(topology, objectName);
  let n = 0;
  for (const line of lines) n += Math.max(0, line.length - 1);
  const out = new Float64Array(n * 4);
  let o = 0;
  for (const line of lines) {
    for (let i = 1; i < line.length; i++) {
      out[o++] = line[i - 1][0];
      out[o++] = line[i - 1][1];
      out[o++] = line[i][0];
      out[o++] = line[i][1];
    }
  }
  return out;
}

/**
 * The outline of the union of some units (by code): the borders between a
 * listed unit and an unlisted one or the outside, never those between two
 * listed units. A priority overlay then reads as one area, drawn with a few
 * lines instead of an outline around each of hundreds of communes.
 */
export function unionOutline(topology: Topology, objectName: string, codes: ReadonlySet<string>): Position[][] {
  const obj = topology.objects[objectName] as GeometryCollection | undefined;
  if (!obj) throw new Error(`boundaries has no object ${objectName}`);
  const subset: GeometryCollection = { type: 'GeometryCollection', geometries: obj.geometries.filter((g) => codes.has(String(g.id))) };
  if (subset.geometries.length === 0) return [];
  // Within the subset, an arc with the same geometry on both sides is on its edge.
  return mesh(topology, subset, (a, b) => a === b).coordinates;
}

/**
 * The level of detail the map draws at `zoom` (src/geo/lod.ts): the coarse
 * level on screen below its zoom, the full geometry otherwise and in exports
 * (2–4 output pixels per CSS pixel, where the coarse level's sub-pixel cut
 * could show).
 */
export function levelAt<T>(full: T, coarse: (T & { belowZoom: number }) | undefined, zoom: number, onScreen: boolean): T {
  return onScreen && coarse && zoom < coarse.belowZoom ? coarse : full;
}
