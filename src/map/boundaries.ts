/**
 * Turns the bundle's TopoJSON into the features deck.gl draws, once per
 * structure. Colours never touch these: a filter or year change only rewrites a
 * colour array indexed by `index` (see layers.ts).
 */
import { centerOfMass } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

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

function ringArea(ring: Position[]): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  return Math.abs(a / 2);
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
    const a = ringArea(p[0]);
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
