/**
 * What the map draws of a structure at one level of detail, counted the way
 * the page builds it (src/ui/map/useAtlasGeometry.ts: unitFeatures for the
 * fills, meshSegments for the commune borders, meshLines for the province
 * borders), and an independent check that neighbouring fills meet exactly.
 */
import type { Topology } from 'topojson-specification';
import { meshLines, meshSegments, unitFeatures, type UnitFeature } from '../../../src/map/boundaries.ts';

export interface DrawnCount {
  /** Positions of every fill ring (what deck.gl tessellates). */
  fillVertices: number;
  rings: number;
  /** Segments of the commune hairlines. */
  borderSegments: number;
  /** Positions of the province border paths. */
  provinceVertices: number;
}

export function drawnCount(topology: Topology, communeObject: string, provinceObject: string): DrawnCount {
  let fillVertices = 0;
  let rings = 0;
  for (const f of unitFeatures(topology, communeObject)) {
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const p of polys) for (const r of p) {
      fillVertices += r.length;
      rings++;
    }
  }
  const provinceVertices = meshLines(topology, provinceObject).reduce((n, l) => n + l.length, 0);
  return { fillVertices, rings, borderSegments: meshSegments(topology, communeObject).length / 4, provinceVertices };
}

/**
 * Every edge of every drawn ring, as the fills give it (not through the
 * topology's arcs): an edge two units share must be drawn by both, in
 * opposite directions, with the very same end points; otherwise a gap or an
 * overlap shows between them. Returns the problems found (none: they meet
 * exactly) and the pairs of units that share at least one edge.
 */
export function seams(features: readonly UnitFeature[]): { problems: string[]; neighbours: Set<string>; outerEdges: number } {
  const key = (a: number[], b: number[]) => `${a[0]},${a[1]}>${b[0]},${b[1]}`;
  const edges = new Map<string, string[]>();
  for (const f of features) {
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const p of polys) for (const r of p) {
      for (let i = 1; i < r.length; i++) {
        if (r[i - 1][0] === r[i][0] && r[i - 1][1] === r[i][1]) continue;
        const k = key(r[i - 1], r[i]);
        edges.set(k, [...(edges.get(k) ?? []), f.properties.code]);
      }
    }
  }
  const problems: string[] = [];
  const neighbours = new Set<string>();
  let outerEdges = 0;
  for (const [k, codes] of edges) {
    if (codes.length > 1) problems.push(`edge ${k} drawn ${codes.length} times the same way (${codes.join(', ')})`);
    const [a, b] = k.split('>');
    const back = edges.get(`${b}>${a}`);
    if (!back) {
      outerEdges++;
      continue;
    }
    if (back.length === 1 && back[0] === codes[0]) problems.push(`edge ${k} of ${codes[0]} goes back on itself`);
    else neighbours.add([codes[0], back[0]].sort().join('|'));
  }
  return { problems, neighbours, outerEdges };
}
