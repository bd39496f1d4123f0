/**
 * A coarse level of the boundaries for the national and regional views: at
 * zoom 5 a real commune is a few pixels wide, yet drawing it with every vertex
 * of the packed boundary costs a software rasteriser (SwiftShader, no GPU)
 * tens of times the peer's canvas on every recoloured frame (bench/README.md).
 *
 * The level is a subset of the topology's own points, chosen per arc with
 * Visvalingam's effective area (topojson-simplify's presimplify), so an arc
 * shared by two units is simplified once and both keep the same border: no
 * gap or overlap opens between them along it. It is stored in the topology itself as a foreign member,
 * `coarse` = `{ belowZoom, arcs }`, where `arcs[i]` lists the gaps between the
 * kept point indices of arc `i` (first and last point always kept; `[]` keeps
 * every point). Nothing is computed from it: areas and flags are worked out
 * from the full arcs before it is added (src/io/pack.ts), and the page draws it
 * only below `belowZoom` on screen (src/ui/map/useMapLayers.ts).
 */
import { presimplify } from 'topojson-simplify';
import type { Objects, Topology } from 'topojson-specification';
import { arcIndex, decodeArcs, polygonGeometries, polygonParts, type Position2 } from './topo.ts';

/**
 * Below this zoom (MapLibre's, 512-px tiles) the map draws the coarse level.
 * The national view of Vietnam is zoom 4.7 at 1280×800 and 5.3 at 1920×1080;
 * a province fills the screen from about zoom 7.
 */
export const COARSE_BELOW_ZOOM = 6;

/**
 * Squared degrees per squared CSS pixel at `zoom` near the equator (MapLibre's
 * 512-px tiles): 360 / (512 · 2^zoom) degrees per pixel. Farther north a
 * degree of latitude takes more pixels in Web Mercator (1.09× at 23.5°N, the
 * north of Vietnam), so an area of 1 px² here is at most 1.09 px² on screen.
 */
export function squarePixelDeg2(zoom: number): number {
  const degPerPixel = 360 / (512 * 2 ** zoom);
  return degPerPixel * degPerPixel;
}

/**
 * The coarse level drops a point when its effective area (the triangle it makes
 * with its neighbours, Visvalingam) is under 1 px² at COARSE_BELOW_ZOOM: the
 * usual cartographic rule for an invisible simplification (topojson's
 * `toposimplify -p 1` on a projected map), and smaller still at the lower
 * zooms it is drawn at (¼ px² at zoom 5). ≈ 1.2e-4 square degrees, about
 * 1.5 km²; the pack's own 2e-7 (src/io/pack.ts) is 600 times finer and stays
 * what the map draws from zoom 6 on and what every figure is computed from.
 */
export const COARSE_MIN_WEIGHT = squarePixelDeg2(COARSE_BELOW_ZOOM);

/** The coarse level as the topology carries it (see the module comment). */
export interface CoarseLevel {
  belowZoom: number;
  /** Per arc, the gaps between consecutive kept point indices; `[]` keeps the whole arc. */
  arcs: number[][];
}

/** A topology that may carry a coarse level. */
export type TopologyWithCoarse = Topology & { coarse?: CoarseLevel };

/**
 * Chooses the coarse level's points of every arc of `topology` (quantised or
 * not): those whose Visvalingam weight is at least `minWeight` squared degrees,
 * and the ends of every arc. A ring that would keep fewer than 3 distinct
 * points (a small island drawn with one or two arcs) keeps its heaviest ones,
 * so no unit ever loses its shape entirely.
 */
export function coarseLevel(topology: Topology, minWeight = COARSE_MIN_WEIGHT, belowZoom = COARSE_BELOW_ZOOM): CoarseLevel {
  // presimplify copies the arcs (dequantised, a weight as third coordinate); the topology is left as it is.
  const weighted = presimplify(topology as unknown as Topology<Objects>).arcs as unknown as [number, number, number][][];
  const keep = weighted.map((arc) => arc.map((p) => p[2] >= minWeight));

  const distinct = (ring: number[]) => ring.reduce((n, ref) => n + keep[arcIndex(ref)].filter(Boolean).length - 1, 0);
  for (const object of Object.values(topology.objects)) {
    for (const part of polygonParts(polygonGeometries(object))) {
      for (const ring of part.rings) {
        let n = distinct(ring);
        if (n >= 3) continue;
        // The ring's dropped points, heaviest first, back in until it is a shape again.
        const dropped = ring.flatMap((ref) => {
          const a = arcIndex(ref);
          return weighted[a].map((p, i) => ({ a, i, w: p[2] })).filter((x) => !keep[x.a][x.i]);
        });
        dropped.sort((x, y) => y.w - x.w);
        for (const d of dropped) {
          if (n >= 3) break;
          if (keep[d.a][d.i]) continue; // an arc used twice by the ring
          keep[d.a][d.i] = true;
          n++;
        }
      }
    }
  }

  const arcs = keep.map((flags) => {
    if (flags.every(Boolean)) return [];
    const gaps: number[] = [];
    let last = 0;
    for (let i = 1; i < flags.length; i++) {
      if (!flags[i]) continue;
      gaps.push(i - last);
      last = i;
    }
    return gaps;
  });
  return { belowZoom, arcs };
}

/**
 * The topology of the coarse level (absolute lon/lat arcs, no transform; the
 * same objects), or undefined when the topology carries none or one that does
 * not fit its arcs (then the full arcs are drawn at every zoom).
 */
export function coarseTopology(topology: TopologyWithCoarse): { topology: Topology; belowZoom: number } | undefined {
  const level = topology.coarse;
  if (!level || !Array.isArray(level.arcs) || level.arcs.length !== topology.arcs.length || !(Number(level.belowZoom) > 0)) return undefined;
  const full = decodeArcs(topology);
  const arcs: Position2[][] = [];
  for (let a = 0; a < full.length; a++) {
    const gaps = level.arcs[a];
    const arc = full[a];
    if (!Array.isArray(gaps)) return undefined;
    if (gaps.length === 0) {
      arcs.push(arc);
      continue;
    }
    const out: Position2[] = [arc[0]];
    let i = 0;
    for (const g of gaps) {
      i += g;
      if (!(g >= 1) || i >= arc.length) return undefined;
      out.push(arc[i]);
    }
    if (i !== arc.length - 1) return undefined;
    arcs.push(out);
  }
  const { type, bbox, objects } = topology;
  return { topology: { type, ...(bbox ? { bbox } : {}), objects, arcs }, belowZoom: Number(level.belowZoom) };
}
