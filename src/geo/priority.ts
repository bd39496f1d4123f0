/**
 * Priority flags computed from geometry: land border, sea, island.
 *
 * The input is a TopoJSON object of communes (ids = codes) plus the polygons of
 * the neighbouring countries. Working on a topology matters: an edge used by one
 * commune only is on the country's outer boundary, an edge used by two is an
 * internal line. The outer boundary is then split into pieces and each piece is
 * classified by its distance to the neighbours' boundaries. National boundary
 * files and neighbour country files rarely match exactly (Natural Earth's admin-1
 * and admin-0 layers differ by up to a few hundred metres), hence the tolerance.
 */
import type { Topology } from 'topojson-specification';
import type { Polygon as GeoPolygon, MultiPolygon as GeoMultiPolygon } from 'geojson';
import { ringAreaKm2 } from './rings.ts';
import { arcIndex, decodeArcs, polygonGeometries, polygonParts, ringPositions } from './topo.ts';
import type { Position2 } from './topo.ts';

export type ComputedKind = 'border' | 'maritime' | 'island';

/** A neighbouring country, e.g. `{ id: 'CN', name: 'Trung Quốc', geometry }`. */
export interface NeighbourCountry {
  id: string;
  name: string;
  geometry: GeoPolygon | GeoMultiPolygon;
}

export interface PriorityOptions {
  /** A boundary piece within this distance (m) of a neighbour's boundary runs along it. Default 300. */
  borderTolerance?: number;
  /** Minimum length (m) along one neighbour for a border flag; rules out corners and slivers. Default 1000. */
  minBorderLength?: number;
  /** Minimum length (m) of coastline for a maritime flag. Default 500. */
  minCoastLength?: number;
  /**
   * Pieces of the outer boundary closer than this (m) to a neighbour but beyond
   * the tolerance are neither border nor sea: they are where two mismatched
   * sources disagree, not a coast. Default 2000.
   */
  seaClearance?: number;
  /** Length (m) of the pieces the outer boundary is cut into before classifying. Default 100. */
  sampleStep?: number;
}

/** One computed flag. `length` is the boundary length in metres behind a border or maritime flag. */
export interface ComputedFlag {
  code: string;
  kind: ComputedKind;
  /** Neighbour name for border flags; null otherwise. */
  detail: string | null;
  length: number | null;
}

const M_PER_DEG = 111_320;

interface Segment {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  who: number;
}

/**
 * A uniform grid over neighbour boundary segments, so distance queries touch a
 * handful of segments instead of all of them.
 */
class SegmentGrid {
  private readonly cells = new Map<string, Segment[]>();
  constructor(private readonly size: number) {}

  add(s: Segment): void {
    const x0 = Math.floor(Math.min(s.x1, s.x2) / this.size);
    const x1 = Math.floor(Math.max(s.x1, s.x2) / this.size);
    const y0 = Math.floor(Math.min(s.y1, s.y2) / this.size);
    const y1 = Math.floor(Math.max(s.y1, s.y2) / this.size);
    for (let i = x0; i <= x1; i++) {
      for (let j = y0; j <= y1; j++) {
        const key = `${i},${j}`;
        let list = this.cells.get(key);
        if (!list) this.cells.set(key, (list = []));
        list.push(s);
      }
    }
  }

  /** Nearest segment to (x, y) within `radius` metres: its owner and distance, or null. */
  nearest(x: number, y: number, radius: number): { who: number; dist: number } | null {
    const k = Math.cos((y * Math.PI) / 180);
    const rDegY = radius / M_PER_DEG;
    const rDegX = rDegY / Math.max(k, 0.01);
    let best: { who: number; dist: number } | null = null;
    const seen = new Set<Segment>();
    for (let i = Math.floor((x - rDegX) / this.size); i <= Math.floor((x + rDegX) / this.size); i++) {
      for (let j = Math.floor((y - rDegY) / this.size); j <= Math.floor((y + rDegY) / this.size); j++) {
        const list = this.cells.get(`${i},${j}`);
        if (!list) continue;
        for (const s of list) {
          if (seen.has(s)) continue;
          seen.add(s);
          const d = pointSegmentMetres(x, y, s, k);
          if (d <= radius && (!best || d < best.dist)) best = { who: s.who, dist: d };
        }
      }
    }
    return best;
  }
}

function pointSegmentMetres(x: number, y: number, s: Segment, k: number): number {
  const ax = (s.x1 - x) * k;
  const ay = s.y1 - y;
  const dx = (s.x2 - s.x1) * k;
  const dy = s.y2 - s.y1;
  const len2 = dx * dx + dy * dy;
  let t = len2 > 0 ? -(ax * dx + ay * dy) / len2 : 0;
  t = Math.max(0, Math.min(1, t));
  const qx = ax + t * dx;
  const qy = ay + t * dy;
  return Math.sqrt(qx * qx + qy * qy) * M_PER_DEG;
}

/** Length in metres of a short lon/lat segment (local equirectangular). */
export function segmentMetres(a: Position2, b: Position2): number {
  const k = Math.cos((((a[1] + b[1]) / 2) * Math.PI) / 180);
  const dx = (b[0] - a[0]) * k;
  const dy = b[1] - a[1];
  return Math.sqrt(dx * dx + dy * dy) * M_PER_DEG;
}

function neighbourGrid(neighbours: NeighbourCountry[], cellDeg: number): SegmentGrid {
  const grid = new SegmentGrid(cellDeg);
  neighbours.forEach((n, who) => {
    const polys = n.geometry.type === 'Polygon' ? [n.geometry.coordinates] : n.geometry.coordinates;
    for (const poly of polys) {
      for (const ring of poly) {
        for (let i = 0; i + 1 < ring.length; i++) {
          grid.add({ x1: ring[i][0], y1: ring[i][1], x2: ring[i + 1][0], y2: ring[i + 1][1], who });
        }
      }
    }
  });
  return grid;
}

/** Per geometry of an object: boundary length (m) along each neighbour and along the sea. */
export interface OuterBoundaryLengths {
  code: string;
  /** Metres along each neighbour, indexed like the `neighbours` argument. */
  border: number[];
  sea: number;
}

/**
 * Measures, for each commune of `objectName`, how much of its outer boundary runs
 * along each neighbour and along the sea. Outer boundary = arcs used by exactly
 * one polygon ring of the object.
 */
export function measureOuterBoundary(
  topology: Topology,
  objectName: string,
  neighbours: NeighbourCountry[],
  options: PriorityOptions = {},
): OuterBoundaryLengths[] {
  const tol = options.borderTolerance ?? 300;
  const clearance = Math.max(options.seaClearance ?? 2000, tol);
  const step = options.sampleStep ?? 100;
  const object = topology.objects[objectName];
  if (!object) throw new Error(`topology has no object ${objectName}`);
  const geometries = polygonGeometries(object);
  const arcs = decodeArcs(topology);

  const uses = new Map<number, number[]>();
  geometries.forEach((g, gi) => {
    const rings = g.type === 'Polygon' ? g.arcs : g.arcs.flat();
    for (const ring of rings) {
      for (const ref of ring) {
        const i = arcIndex(ref);
        let list = uses.get(i);
        if (!list) uses.set(i, (list = []));
        list.push(gi);
      }
    }
  });

  // Cells of ~2 km keep each query to a few cells at the default clearance.
  const grid = neighbourGrid(neighbours, 0.02);
  const out: OuterBoundaryLengths[] = geometries.map((g) => ({
    code: String(g.id),
    border: neighbours.map(() => 0),
    sea: 0,
  }));
  // Iterate arcs in index order so sums are deterministic.
  const arcIds = [...uses.keys()].sort((a, b) => a - b);
  for (const ai of arcIds) {
    const users = uses.get(ai)!;
    if (users.length !== 1) continue;
    const rec = out[users[0]];
    const arc = arcs[ai];
    for (let i = 0; i + 1 < arc.length; i++) {
      const a = arc[i];
      const b = arc[i + 1];
      const len = segmentMetres(a, b);
      if (len === 0) continue;
      const n = Math.max(1, Math.ceil(len / step));
      for (let s = 0; s < n; s++) {
        const t = (s + 0.5) / n;
        const x = a[0] + (b[0] - a[0]) * t;
        const y = a[1] + (b[1] - a[1]) * t;
        const hit = grid.nearest(x, y, clearance);
        if (!hit) rec.sea += len / n;
        else if (hit.dist <= tol) rec.border[hit.who] += len / n;
      }
    }
  }
  return out;
}

/**
 * Finds island units: those none of whose polygon parts is connected (through
 * shared arcs) to the mainland, the largest connected land mass of the object.
 * Returns the ids of island geometries in object order.
 */
export function findIslands(topology: Topology, objectName: string): string[] {
  const object = topology.objects[objectName];
  if (!object) throw new Error(`topology has no object ${objectName}`);
  const geometries = polygonGeometries(object);
  const parts = polygonParts(geometries);
  const arcs = decodeArcs(topology);

  const parent = parts.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  const firstUser = new Map<number, number>();
  parts.forEach((p, pi) => {
    for (const ring of p.rings) {
      for (const ref of ring) {
        const ai = arcIndex(ref);
        const other = firstUser.get(ai);
        if (other === undefined) firstUser.set(ai, pi);
        else parent[find(pi)] = find(other);
      }
    }
  });

  const area = new Map<number, number>();
  parts.forEach((p, pi) => {
    const outer = p.rings[0] ? Math.abs(ringAreaKm2(ringPositions(p.rings[0], arcs))) : 0;
    const root = find(pi);
    area.set(root, (area.get(root) ?? 0) + outer);
  });
  let mainland = -1;
  let best = -1;
  for (const [root, a] of [...area.entries()].sort((x, y) => x[0] - y[0])) {
    if (a > best) {
      best = a;
      mainland = root;
    }
  }

  const onMainland = new Set<number>();
  parts.forEach((p, pi) => {
    if (find(pi) === mainland) onMainland.add(p.geometry);
  });
  const ids: string[] = [];
  geometries.forEach((g, gi) => {
    if (!onMainland.has(gi)) ids.push(String(g.id));
  });
  return ids;
}

/**
 * Computes border, maritime and island flags for every unit of a TopoJSON object.
 *
 * - `border`: the unit's outer boundary runs along a neighbour for at least
 *   `minBorderLength` (one flag per neighbour, detail = its name). Touching at a
 *   point is not enough: such a unit has no outer edge there at all.
 * - `maritime`: at least `minCoastLength` of outer boundary that is not along any
 *   neighbour (farther than `seaClearance`).
 * - `island`: all of the unit's land is apart from the mainland.
 *
 * Flags come out ordered by geometry order, then border, maritime, island.
 */
export function computePriorityFlags(
  topology: Topology,
  objectName: string,
  neighbours: NeighbourCountry[],
  options: PriorityOptions = {},
): ComputedFlag[] {
  const minBorder = options.minBorderLength ?? 1000;
  const minCoast = options.minCoastLength ?? 500;
  const lengths = measureOuterBoundary(topology, objectName, neighbours, options);
  const islands = new Set(findIslands(topology, objectName));
  const flags: ComputedFlag[] = [];
  for (const rec of lengths) {
    rec.border.forEach((len, who) => {
      if (len >= minBorder) flags.push({ code: rec.code, kind: 'border', detail: neighbours[who].name, length: Math.round(len) });
    });
    if (rec.sea >= minCoast) flags.push({ code: rec.code, kind: 'maritime', detail: null, length: Math.round(rec.sea) });
    if (islands.has(rec.code)) flags.push({ code: rec.code, kind: 'island', detail: null, length: null });
  }
  return flags;
}
