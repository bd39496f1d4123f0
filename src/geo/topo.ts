/**
 * Small helpers over TopoJSON topologies that topojson-client does not expose:
 * decoded arcs, and which polygons of an object use which arcs. Pure, no DOM.
 */
import type { Topology, GeometryObject, Polygon, MultiPolygon, Properties } from 'topojson-specification';

/** Polygonal TopoJSON geometry, whatever its properties. */
export type PolygonalObject = Polygon<Properties> | MultiPolygon<Properties>;

export type Position2 = [number, number];

/**
 * Decodes every arc of a topology into absolute lon/lat positions.
 * Quantised topologies store arcs delta-encoded; unquantised ones store positions as is.
 */
export function decodeArcs(topology: Topology): Position2[][] {
  const t = topology.transform;
  if (!t) return topology.arcs.map((arc) => arc.map((p) => [p[0], p[1]] as Position2));
  const [sx, sy] = t.scale;
  const [tx, ty] = t.translate;
  return topology.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    return arc.map((p) => {
      x += p[0];
      y += p[1];
      return [x * sx + tx, y * sy + ty] as Position2;
    });
  });
}

/** Index of an arc reference, whatever its direction (TopoJSON encodes reversed arcs as `~i`). */
export function arcIndex(ref: number): number {
  return ref < 0 ? ~ref : ref;
}

/** One polygon part of a geometry: its rings as arc references. */
export interface PolygonPart {
  /** Position of the geometry in the object's `geometries` array. */
  geometry: number;
  rings: number[][];
}

/** The polygon and multipolygon geometries of an object (a GeometryCollection or a single geometry). */
export function polygonGeometries(object: GeometryObject<Properties>): PolygonalObject[] {
  const list = object.type === 'GeometryCollection' ? object.geometries : [object];
  return list.filter((g): g is PolygonalObject => g.type === 'Polygon' || g.type === 'MultiPolygon');
}

/** Flattens geometries into polygon parts, remembering which geometry each came from. */
export function polygonParts(geometries: PolygonalObject[]): PolygonPart[] {
  const parts: PolygonPart[] = [];
  geometries.forEach((g, i) => {
    if (g.type === 'Polygon') parts.push({ geometry: i, rings: g.arcs });
    else for (const p of g.arcs) parts.push({ geometry: i, rings: p });
  });
  return parts;
}

/** Decodes a ring given as arc references into positions (closed, first = last). */
export function ringPositions(ring: number[], arcs: Position2[][]): Position2[] {
  const out: Position2[] = [];
  for (const ref of ring) {
    const arc = arcs[arcIndex(ref)];
    const seq = ref < 0 ? [...arc].reverse() : arc;
    // Consecutive arcs share their junction point; keep it once.
    for (let i = out.length === 0 ? 0 : 1; i < seq.length; i++) out.push(seq[i]);
  }
  return out;
}

/**
 * The arcs an object's polygons use, each once, as lines of decoded positions:
 * what topojson-client's `mesh` draws, without joining arcs into longer lines
 * (drawn the same, at a fraction of the cost; src/map/first-paint.ts).
 */
export function objectArcLines(object: GeometryObject<Properties>, arcs: Position2[][]): Position2[][] {
  const seen = new Uint8Array(arcs.length);
  const out: Position2[][] = [];
  for (const part of polygonParts(polygonGeometries(object))) {
    for (const ring of part.rings) {
      for (const ref of ring) {
        const a = arcIndex(ref);
        if (seen[a]) continue;
        seen[a] = 1;
        out.push(arcs[a]);
      }
    }
  }
  return out;
}
