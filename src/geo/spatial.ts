/**
 * Small spatial indexes over lon/lat segments for the priority rules: nearest
 * segments within a radius, and point-in-polygon. Distances are in metres on a
 * local equirectangular projection (longitude scaled by cos(latitude)), which is
 * exact enough over the few kilometres the rules look at. Pure, no DOM.
 */
import type { MultiPolygon, Polygon } from 'geojson';

/** Metres per degree of latitude (and of longitude at the equator). */
export const M_PER_DEG = 111_320;

/** Length in metres of a short lon/lat segment (local equirectangular). */
export function segmentMetres(a: readonly number[], b: readonly number[]): number {
  const k = Math.cos((((a[1] + b[1]) / 2) * Math.PI) / 180);
  const dx = (b[0] - a[0]) * k;
  const dy = b[1] - a[1];
  return Math.sqrt(dx * dx + dy * dy) * M_PER_DEG;
}

/** What `SegmentIndex.near` reports for one segment. */
export interface SegmentHit {
  /** Index of the segment, in insertion order. */
  index: number;
  /** Distance in metres from the query point to the segment. */
  dist: number;
  /** Closest point of the segment, in metres east and north of the query point. */
  dx: number;
  dy: number;
  /** Where along the segment that point lies, 0 (start) to 1 (end). */
  t: number;
}

/**
 * A uniform grid over segments, so a distance query touches the segments of a
 * few cells instead of all of them. Segments are stored in flat arrays: an
 * index over the outer edges of 10,000 communes holds a few hundred thousand.
 */
export class SegmentIndex {
  private readonly x1: number[] = [];
  private readonly y1: number[] = [];
  private readonly x2: number[] = [];
  private readonly y2: number[] = [];
  private readonly cells = new Map<number, number[]>();
  private stamp: Int32Array = new Int32Array(0);
  private query = 0;

  /** @param cellDeg cell size in degrees; about the usual query radius keeps queries to a 3×3 block. */
  constructor(private readonly cellDeg: number) {}

  get size(): number {
    return this.x1.length;
  }

  private key(i: number, j: number): number {
    // Cells of ≥ 0.001° over lon/lat stay well inside ±2^20, so the key is exact.
    return (i + 1_048_576) * 2_097_152 + (j + 1_048_576);
  }

  /** Adds segment (x1, y1)–(x2, y2) in lon/lat; returns its index. */
  add(x1: number, y1: number, x2: number, y2: number): number {
    const index = this.x1.length;
    this.x1.push(x1);
    this.y1.push(y1);
    this.x2.push(x2);
    this.y2.push(y2);
    const s = this.cellDeg;
    for (let i = Math.floor(Math.min(x1, x2) / s); i <= Math.floor(Math.max(x1, x2) / s); i++) {
      for (let j = Math.floor(Math.min(y1, y2) / s); j <= Math.floor(Math.max(y1, y2) / s); j++) {
        const k = this.key(i, j);
        const list = this.cells.get(k);
        if (list) list.push(index);
        else this.cells.set(k, [index]);
      }
    }
    return index;
  }

  /** Start and end of segment `index`, lon/lat. */
  segment(index: number): [number, number, number, number] {
    return [this.x1[index], this.y1[index], this.x2[index], this.y2[index]];
  }

  /** Calls `visit` for every segment within `radius` metres of (x, y), each once, in index order. */
  near(x: number, y: number, radius: number, visit: (hit: SegmentHit) => void): void {
    if (this.stamp.length < this.x1.length) {
      const grown = new Int32Array(Math.max(this.x1.length, this.stamp.length * 2));
      grown.set(this.stamp);
      this.stamp = grown;
    }
    const q = ++this.query;
    const k = Math.cos((y * Math.PI) / 180);
    const rY = radius / M_PER_DEG;
    const rX = rY / Math.max(k, 0.01);
    const s = this.cellDeg;
    const found: number[] = [];
    for (let i = Math.floor((x - rX) / s); i <= Math.floor((x + rX) / s); i++) {
      for (let j = Math.floor((y - rY) / s); j <= Math.floor((y + rY) / s); j++) {
        const list = this.cells.get(this.key(i, j));
        if (!list) continue;
        for (const index of list) {
          if (this.stamp[index] === q) continue;
          this.stamp[index] = q;
          found.push(index);
        }
      }
    }
    // Index order, so sums over hits do not depend on the grid's layout.
    found.sort((a, b) => a - b);
    for (const index of found) {
      const hit = this.hit(index, x, y, k);
      if (hit.dist <= radius) visit(hit);
    }
  }

  /** Segment `index` seen from (x, y): its nearest point, `k` = cos(latitude of y). */
  private hit(index: number, x: number, y: number, k: number): SegmentHit {
    const ax = (this.x1[index] - x) * k;
    const ay = this.y1[index] - y;
    const ex = (this.x2[index] - this.x1[index]) * k;
    const ey = this.y2[index] - this.y1[index];
    const len2 = ex * ex + ey * ey;
    let t = len2 > 0 ? -(ax * ex + ay * ey) / len2 : 0;
    t = Math.max(0, Math.min(1, t));
    const dx = (ax + t * ex) * M_PER_DEG;
    const dy = (ay + t * ey) * M_PER_DEG;
    return { index, dist: Math.sqrt(dx * dx + dy * dy), dx, dy, t };
  }

  /** True when some segment lies within `radius` metres of (x, y): `near` without collecting, stopping at the first. */
  any(x: number, y: number, radius: number): boolean {
    const k = Math.cos((y * Math.PI) / 180);
    const rY = radius / M_PER_DEG;
    const rX = rY / Math.max(k, 0.01);
    const s = this.cellDeg;
    for (let i = Math.floor((x - rX) / s); i <= Math.floor((x + rX) / s); i++) {
      for (let j = Math.floor((y - rY) / s); j <= Math.floor((y + rY) / s); j++) {
        for (const index of this.cells.get(this.key(i, j)) ?? []) if (this.hit(index, x, y, k).dist <= radius) return true;
      }
    }
    return false;
  }

  /** The nearest segment within `radius` metres of (x, y), or null. Ties go to the lower index. */
  nearest(x: number, y: number, radius: number): SegmentHit | null {
    let best: SegmentHit | null = null;
    this.near(x, y, radius, (h) => {
      if (!best || h.dist < best.dist) best = h;
    });
    return best;
  }
}

/**
 * Point-in-polygon for one (multi)polygon of many vertices, by crossing
 * counts over horizontal bands: a query reads only the edges of its band.
 * Holes count like any ring (even-odd rule).
 */
export class PolygonTester {
  private readonly bands = new Map<number, number[]>();
  private readonly coords: number[] = [];

  constructor(geometry: Polygon | MultiPolygon, private readonly bandDeg = 0.05) {
    const polys = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    for (const poly of polys) {
      for (const ring of poly) {
        for (let i = 0; i + 1 < ring.length; i++) {
          const [ax, ay] = ring[i];
          const [bx, by] = ring[i + 1];
          if (ay === by) continue;
          const e = this.coords.length;
          this.coords.push(ax, ay, bx, by);
          for (let b = Math.floor(Math.min(ay, by) / bandDeg); b <= Math.floor(Math.max(ay, by) / bandDeg); b++) {
            const list = this.bands.get(b);
            if (list) list.push(e);
            else this.bands.set(b, [e]);
          }
        }
      }
    }
  }

  /** True when (x, y) is inside the polygon. */
  contains(x: number, y: number): boolean {
    const list = this.bands.get(Math.floor(y / this.bandDeg));
    if (!list) return false;
    let inside = false;
    const c = this.coords;
    for (const e of list) {
      const ay = c[e + 1];
      const by = c[e + 3];
      if (ay > y !== by > y) {
        const ax = c[e];
        const bx = c[e + 2];
        if (x < ax + ((y - ay) / (by - ay)) * (bx - ax)) inside = !inside;
      }
    }
    return inside;
  }
}

/**
 * Point-in-polygon over many small polygons (the loaded units' parts): a grid
 * of their bounding boxes picks the few to test.
 */
export class PolygonSet {
  private readonly testers: PolygonTester[] = [];
  private readonly boxes: number[] = [];
  private readonly cells = new Map<number, number[]>();

  constructor(private readonly cellDeg = 0.05) {}

  /** Adds a polygon given as rings of lon/lat positions (first outer, then holes). */
  add(rings: readonly (readonly number[])[][]): void {
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const p of rings[0] ?? []) {
      x0 = Math.min(x0, p[0]);
      y0 = Math.min(y0, p[1]);
      x1 = Math.max(x1, p[0]);
      y1 = Math.max(y1, p[1]);
    }
    if (x0 > x1) return;
    const index = this.testers.length;
    this.testers.push(new PolygonTester({ type: 'Polygon', coordinates: rings as number[][][] }, 0.01));
    this.boxes.push(x0, y0, x1, y1);
    const s = this.cellDeg;
    for (let i = Math.floor(x0 / s); i <= Math.floor(x1 / s); i++) {
      for (let j = Math.floor(y0 / s); j <= Math.floor(y1 / s); j++) {
        const key = i * 100_000 + j;
        const list = this.cells.get(key);
        if (list) list.push(index);
        else this.cells.set(key, [index]);
      }
    }
  }

  /** True when (x, y) is inside any of the polygons. */
  contains(x: number, y: number): boolean {
    const list = this.cells.get(Math.floor(x / this.cellDeg) * 100_000 + Math.floor(y / this.cellDeg));
    if (!list) return false;
    const b = this.boxes;
    for (const i of list) {
      if (x < b[4 * i] || x > b[4 * i + 2] || y < b[4 * i + 1] || y > b[4 * i + 3]) continue;
      if (this.testers[i].contains(x, y)) return true;
    }
    return false;
  }
}
