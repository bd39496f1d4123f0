/**
 * Area overlap between two sets of polygons (the communes before and after a
 * reorganisation), for proposing the crosswalk: which new communes each old
 * commune went into, and what share of its area.
 *
 * A national run is 10,600 old × 3,321 new communes, so pairs are found
 * through a uniform grid over the new communes' bounding boxes, and each old
 * commune's candidates are intersected largest bounding-box overlap first,
 * stopping once what is left of its area is below the sliver threshold:
 * nothing left could then be more than a sliver. Most old communes went whole
 * into one new commune, so most need one intersection. What is left when it
 * stops is still reported (as a sliver of no named new commune) when it is
 * more than rounding noise: boundaries that do not line up show either way.
 */
import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { reasonOf } from '../model/text.ts';

export interface OverlapUnit {
  code: string;
  geometry: Polygon | MultiPolygon;
}

export interface OverlapPair {
  old_code: string;
  new_code: string;
  /** Share of the old unit's area (the kept shares of one old unit add up to 1). */
  share: number;
  /** Area of the overlap, km². */
  area_km2: number;
}

export interface OverlapResult {
  /** Kept pairs, by old code then largest share first; shares normalised to add up to 1 per old code. */
  rows: OverlapPair[];
  /**
   * Overlaps below the threshold, dropped (share of the old unit's area,
   * unnormalised); `new_code` null for the area left when the search stopped
   * (below the threshold in all, in no new unit computed).
   */
  slivers: (Omit<OverlapPair, 'new_code'> & { new_code: string | null })[];
  /** Old units whose area is not all covered by new units (covered: fraction found). */
  gaps: { old_code: string; covered: number }[];
  /** Old units with no overlap above the threshold. */
  unmatched: string[];
  /** Pairs whose intersection failed (broken geometry), with the clipper's message. */
  errors: { old_code: string; new_code: string; message: string }[];
  /** Pairs whose bounding boxes met; intersections computed. */
  candidates: number;
  intersections: number;
}

type Box = [number, number, number, number];

/** A share of an old unit this small is rounding in the clipper, not a sliver: 0.01 % (a 1 km² commune: 100 m²). */
const NOISE = 1e-4;

/** A uniform grid over bounding boxes: each cell lists the boxes that touch it. */
class GridIndex {
  private readonly cells = new Map<number, number[]>();
  private readonly size: number;
  private readonly cols: number;

  constructor(private readonly boxes: readonly Box[]) {
    // Cells about twice the median box: a box touches a few cells, a cell holds a few boxes.
    const sides = boxes.map((b) => Math.max(b[2] - b[0], b[3] - b[1])).sort((a, b) => a - b);
    this.size = Math.max(2 * (sides[sides.length >> 1] ?? 1), 1e-6);
    this.cols = Math.ceil(360 / this.size) + 1;
    boxes.forEach((b, i) => {
      for (const k of this.keys(b)) {
        const list = this.cells.get(k);
        if (list) list.push(i);
        else this.cells.set(k, [i]);
      }
    });
  }

  private *keys(b: Box): Generator<number> {
    const x0 = Math.floor((b[0] + 180) / this.size);
    const x1 = Math.floor((b[2] + 180) / this.size);
    const y0 = Math.floor((b[1] + 90) / this.size);
    const y1 = Math.floor((b[3] + 90) / this.size);
    for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) yield y * this.cols + x;
  }

  /** Indices of the boxes that meet `b`, each once. */
  search(b: Box): number[] {
    const out = new Set<number>();
    for (const k of this.keys(b)) {
      for (const i of this.cells.get(k) ?? []) {
        const c = this.boxes[i];
        if (c[0] <= b[2] && c[2] >= b[0] && c[1] <= b[3] && c[3] >= b[1]) out.add(i);
      }
    }
    return [...out];
  }
}

function boxOverlap(a: Box, b: Box): number {
  return Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0])) * Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
}

/**
 * Rounds shares to 4 decimals so that they still add up to exactly 1: the
 * rounding remainder goes to the largest share.
 */
export function roundShares(areas: readonly number[]): number[] {
  const total = areas.reduce((a, b) => a + b, 0);
  const shares = areas.map((a) => Math.round((a / total) * 1e4) / 1e4);
  const largest = shares.indexOf(Math.max(...shares));
  shares[largest] = Math.round((shares[largest] + 1 - shares.reduce((a, b) => a + b, 0)) * 1e4) / 1e4;
  return shares;
}

/**
 * Overlaps of every old unit with the new units. A piece under `minShare` of
 * the old unit's area (default 1 %) is a sliver: dropped and listed. Kept
 * pieces' shares are normalised to add up to 1 (rounded to 4 decimals); an old
 * unit whose pieces cover less than `1 − minShare` of its area is listed as a gap.
 */
export function proposeOverlaps(before: readonly OverlapUnit[], after: readonly OverlapUnit[], options: { minShare?: number } = {}): OverlapResult {
  const minShare = options.minShare ?? 0.01;
  const afterFeatures: Feature<Polygon | MultiPolygon>[] = after.map((u) => ({ type: 'Feature', properties: {}, geometry: u.geometry }));
  const afterBoxes = afterFeatures.map((f) => turf.bbox(f) as Box);
  const index = new GridIndex(afterBoxes);
  const out: OverlapResult = { rows: [], slivers: [], gaps: [], unmatched: [], errors: [], candidates: 0, intersections: 0 };
  const sorted = [...before].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  for (const u of sorted) {
    const f: Feature<Polygon | MultiPolygon> = { type: 'Feature', properties: {}, geometry: u.geometry };
    const box = turf.bbox(f) as Box;
    const total = turf.area(f);
    const candidates = index.search(box).sort((i, j) => boxOverlap(afterBoxes[j], box) - boxOverlap(afterBoxes[i], box) || i - j);
    out.candidates += candidates.length;
    let covered = 0;
    const kept: { code: string; area: number }[] = [];
    let stopped = false;
    for (const i of candidates) {
      if (total - covered < minShare * total) {
        stopped = true;
        break;
      }
      out.intersections++;
      let x: Feature<Polygon | MultiPolygon> | null;
      try {
        x = turf.intersect(turf.featureCollection([f, afterFeatures[i]]));
      } catch (e) {
        // One broken pair must not stop a national run: it is listed, the rest goes on.
        out.errors.push({ old_code: u.code, new_code: after[i].code, message: reasonOf(e) });
        continue;
      }
      if (!x) continue;
      const area = turf.area(x);
      if (area <= 0) continue;
      covered += area;
      if (area >= minShare * total) kept.push({ code: after[i].code, area });
      else out.slivers.push({ old_code: u.code, new_code: after[i].code, share: area / total, area_km2: area / 1e6 });
    }
    // Left over when the search stopped: slivers along the border, in new units not computed.
    if (stopped && total - covered > NOISE * total) out.slivers.push({ old_code: u.code, new_code: null, share: (total - covered) / total, area_km2: (total - covered) / 1e6 });
    if (kept.length === 0) {
      out.unmatched.push(u.code);
      continue;
    }
    if (covered < (1 - minShare) * total) out.gaps.push({ old_code: u.code, covered: covered / total });
    kept.sort((a, b) => b.area - a.area || (a.code < b.code ? -1 : 1));
    const shares = roundShares(kept.map((k) => k.area));
    kept.forEach((k, i) => out.rows.push({ old_code: u.code, new_code: k.code, share: shares[i], area_km2: k.area / 1e6 }));
  }
  return out;
}
