/**
 * The border, coast and island rules (src/geo/priority.ts) on small hand-made
 * shapes named after the places they stand for. A toy Vietnam (105–106°E,
 * 19–20°N, Natural Earth's role) has Laos to the west and China to the north;
 * the sea is everywhere else. Each tolerance is tried on both sides.
 */
import { describe, expect, it } from 'vitest';
import { topology } from 'topojson-server';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import type { Topology } from 'topojson-specification';
import {
  BORDER_ANCHOR_M,
  BORDER_ANCHOR_RADIUS_M,
  BORDER_TOLERANCE_M,
  FOREIGN_PROVINCE_M,
  GAP_WIDTH_M,
  INLAND_REACH_M,
  LAND_SLACK_M,
  MAINLAND_MIN_AREA_KM2,
  MIN_BORDER_LENGTH_M,
  MIN_COAST_LENGTH_M,
  MIN_JOIN_M,
  RAY_ANGLES_DEG,
  SEAM_WIDTH_M,
  SEA_ARC_MIN,
  SEA_ARC_REACH_M,
  SHORE_RUN_M,
  computePriorityFlags,
  measureUnits,
} from '../../../src/geo/priority.ts';
import type { BoundaryReference, ComputedFlag, EdgeClass, PriorityOptions, UnitEdges } from '../../../src/geo/priority.ts';

// ---- a toy world ---------------------------------------------------------------------

const LAT = 19.5;
/** Degrees of longitude and latitude for a distance in km near 19.5°N. */
const lon = (km: number) => km / (111.32 * Math.cos((LAT * Math.PI) / 180));
const lat = (km: number) => km / 111.32;

/** An anticlockwise rectangle ring. */
function rect(x0: number, y0: number, x1: number, y1: number): Position[] {
  return [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];
}
const poly = (...rings: Position[][]): Polygon => ({ type: 'Polygon', coordinates: rings });

const VIETNAM = poly(rect(105, 19, 106, 20));
const LAOS = poly(rect(104, 19, 105, 20));
const CHINA = poly(rect(104, 20, 106, 21));
const WORLD: BoundaryReference = {
  neighbours: [
    { id: 'CN', name: 'Trung Quốc', geometry: CHINA },
    { id: 'LA', name: 'Lào', geometry: LAOS },
  ],
  national: VIETNAM,
};
/** No outline of the country: only the gap and border rules apply, everything else is coast. */
const NO_OUTLINE: BoundaryReference = { neighbours: WORLD.neighbours, national: null };

/** A topology of units, pre-quantised as the pack does (shared edges become shared arcs). */
function units(list: Record<string, Polygon | MultiPolygon>): Topology {
  const fc: FeatureCollection = { type: 'FeatureCollection', features: Object.entries(list).map(([id, geometry]): Feature => ({ type: 'Feature', id, properties: null, geometry })) };
  return topology({ units: fc }, 1e6) as unknown as Topology;
}

function edgesOf(topo: Topology, ref: BoundaryReference, code: string, options = {}): UnitEdges {
  const rec = measureUnits(topo, 'units', ref, options).find((r) => r.code === code);
  if (!rec) throw new Error(`no unit ${code}`);
  return rec;
}
const km = (m: number) => m / 1000;

/** Metres of each class along the part of a unit's edge where `where(x, y)` holds. */
function alongEdge(topo: Topology, ref: BoundaryReference, code: string, where: (x: number, y: number) => boolean, options: PriorityOptions = {}): Record<EdgeClass, number> {
  const out: Record<EdgeClass, number> = { border: 0, coast: 0, gap: 0, inland: 0 };
  measureUnits(topo, 'units', ref, { ...options, onPiece: (c, x, y, cls, m) => { if (c === code && where(x, y)) out[cls] += m; } });
  return out;
}
/** Every stretch that faces the neighbour anchors itself: the tolerance and facing rules alone. */
const NO_ANCHOR: PriorityOptions = { borderAnchor: BORDER_TOLERANCE_M };
const flagsOf = (flags: ComputedFlag[], code: string) => flags.filter((f) => f.code === code).map((f) => (f.detail ? `${f.kind}:${f.detail}` : f.kind)).sort();

// ---- land border ---------------------------------------------------------------------

describe('land border, per neighbour', () => {
  // Sín Thầu (Điện Biên) is the commune where Vietnam, Laos and China meet.
  const world = units({
    'sin-thau': poly(rect(105, 19.9, 105.1, 20)),
    rest: poly([[105, 19], [106, 19], [106, 20], [105.1, 20], [105.1, 19.9], [105, 19.9], [105, 19]]),
  });
  const flags = computePriorityFlags(world, 'units', WORLD);

  it('flags Sín Thầu on both China and Laos, with the kilometres of each', () => {
    expect(flagsOf(flags, 'sin-thau')).toEqual(['border:Lào', 'border:Trung Quốc']);
    const la = flags.find((f) => f.code === 'sin-thau' && f.detail === 'Lào')!;
    const cn = flags.find((f) => f.code === 'sin-thau' && f.detail === 'Trung Quốc')!;
    expect(la.lengthKm).toBeCloseTo(11.1, 1);
    expect(cn.lengthKm).toBeCloseTo(10.5, 1);
  });

  it('calls the rest of the outline coast, even next to the end of the China line', () => {
    const rest = edgesOf(world, WORLD, 'rest');
    expect(km(rest.coast)).toBeCloseTo(111.3 + 104.9, 0);
    expect(km(rest.border[0])).toBeCloseTo(104.9 - 10.5, 0);
    expect(km(rest.border[1])).toBeCloseTo(111.3 - 11.1, 0);
    expect(flagsOf(flags, 'rest')).toEqual(['border:Lào', 'border:Trung Quốc', 'maritime']);
  });

  // A Laos of the old demo's kind: the dataset's border lies east of Natural Earth's by some km.
  const TALL: BoundaryReference = { neighbours: [{ id: 'LA', name: 'Lào', geometry: poly(rect(104, 17, 105, 22)) }], national: poly(rect(105, 17, 106, 22)) };

  it(`takes the dataset's line ${BORDER_TOLERANCE_M / 1000} km from Natural Earth's as that border, and not beyond`, () => {
    // The anchor rule aside (tried below): here every stretch's view meets Laos at the same distance.
    const west = (offsetKm: number) => {
      const x = 105 + lon(offsetKm);
      return alongEdge(units({ x: poly(rect(x, 19, 105.6, 20)) }), TALL, 'x', (px) => px < x + 1e-6, NO_ANCHOR);
    };
    expect(km(west(BORDER_TOLERANCE_M / 1000 - 0.5).border)).toBeCloseTo(111.3, 0);
    const beyond = west(BORDER_TOLERANCE_M / 1000 + 0.5);
    expect(beyond.border).toBe(0);
    // Beyond the tolerance it is Vietnam's land that is not loaded: inland, never coast.
    expect(km(beyond.inland)).toBeCloseTo(111.3, 0);
  });

  // The farthest a stretch of edge, seen from it along the probed directions, can lie from the neighbour's land and still face it.
  const facingKm = (BORDER_TOLERANCE_M / 1000) * Math.sin((Math.max(...RAY_ANGLES_DEG) * Math.PI) / 180);

  it(`takes a stretch near the border line as border only when it faces the neighbour (its land met within ${BORDER_TOLERANCE_M / 1000} km looking out)`, () => {
    // One province loaded: a unit whose north edge runs along the province beyond it, east from near the Lao line
    // (Phước Sơn, Quảng Nam: within 10 km of Natural Earth's Lao line, but facing Kon Tum).
    const north = (fromKm: number) => {
      const x0 = 105 + lon(fromKm);
      return alongEdge(units({ x: poly(rect(x0, 19.4, x0 + lon(1), 19.5)) }), WORLD, 'x', (_x, y) => y > 19.4999, NO_ANCHOR);
    };
    // 1 km of edge, all of it within the tolerance of the line; the oblique view meets Laos within the tolerance.
    expect(km(north(facingKm - 1.2).border)).toBeCloseTo(1, 1);
    // A little farther east, the oblique view reaches Laos beyond the tolerance: inland, though still near the line.
    const away = north(facingKm + 0.2);
    expect(away.border).toBe(0);
    expect(km(away.inland)).toBeCloseTo(1, 1);
  });

  it(`takes a line met only beyond ${BORDER_ANCHOR_M / 1000} km as border only when some stretch near it meets the neighbour within that`, () => {
    // A whole west edge the same distance from Natural Earth's Laos: nothing anchors it beyond the anchor distance
    // (Phú Tân, An Giang loaded alone: Cambodia met 9 km out across the next province).
    const west = (offsetKm: number) => {
      const x = 105 + lon(offsetKm);
      return alongEdge(units({ x: poly(rect(x, 19, 105.6, 20)) }), TALL, 'x', (px) => px < x + 1e-6);
    };
    expect(km(west(BORDER_ANCHOR_M / 1000 - 0.4).border)).toBeCloseTo(111.3, 0);
    const far = west(BORDER_ANCHOR_M / 1000 + 0.4);
    expect(far.border).toBe(0);
    expect(km(far.inland)).toBeCloseTo(111.3, 0);
  });

  it(`carries an anchor ${BORDER_ANCHOR_RADIUS_M / 1000} km along the line, and not beyond`, () => {
    // The south end of the west edge (1.1 km of it) 1.1 km from Natural Earth's Laos, the rest 6.1 km: only the stretch
    // within the radius of the near one is border (Natural Earth straying from the surveyed line for some km).
    const near = 105 + lon(1.1);
    const far = 105 + lon(6.1);
    const y0 = 19 + lat(1.1);
    const world = units({ x: poly([[near, 19], [105.6, 19], [105.6, 20], [far, 20], [far, y0], [near, y0], [near, 19]]) });
    const along = alongEdge(world, TALL, 'x', (px, py) => px < far + 1e-6 && px > far - 1e-6 && py > y0);
    // Pieces 5 km east of the anchor's line and within the radius of its end: √(r² − 5²) km of the edge.
    const within = Math.sqrt((BORDER_ANCHOR_RADIUS_M / 1000) ** 2 - 5 ** 2);
    expect(km(along.border)).toBeCloseTo(within, 0);
    expect(km(along.inland)).toBeCloseTo(111.3 - 1.1 - within, 0);
    expect(km(alongEdge(world, TALL, 'x', (px) => px < near + 1e-6).border)).toBeCloseTo(1.1, 1);
  });

  it(`needs ${MIN_BORDER_LENGTH_M / 1000} km of border for a flag`, () => {
    // A unit whose only outer edge is m metres of the Lao line; the rest of the country around it.
    const flagged = (m: number) => {
      const y1 = 19.5 + lat(m / 1000);
      const world = units({
        x: poly(rect(105, 19.5, 105.2, y1)),
        rest: poly([[105, 19], [106, 19], [106, 20], [105, 20], [105, y1], [105.2, y1], [105.2, 19.5], [105, 19.5], [105, 19]]),
      });
      return flagsOf(computePriorityFlags(world, 'units', WORLD), 'x');
    };
    expect(flagged(MIN_BORDER_LENGTH_M + 100)).toEqual(['border:Lào']);
    expect(flagged(MIN_BORDER_LENGTH_M - 100)).toEqual([]);
  });
});

// ---- coast ------------------------------------------------------------------------

describe('coast', () => {
  it(`needs ${MIN_COAST_LENGTH_M / 1000} km of coast for a flag`, () => {
    // A unit whose only outer edge is m metres of the south coast, between loaded units.
    const flagged = (m: number) => {
      const x1 = 105.5 + lon(m / 1000);
      const world = units({
        x: poly(rect(105.5, 19, x1, 19.3)),
        left: poly(rect(105.3, 19, 105.5, 19.3)),
        right: poly(rect(x1, 19, 105.7, 19.3)),
        top: poly([[105.3, 19.3], [105.5, 19.3], [x1, 19.3], [105.7, 19.3], [105.7, 19.5], [105.3, 19.5], [105.3, 19.3]]),
      });
      return flagsOf(computePriorityFlags(world, 'units', WORLD), 'x');
    };
    expect(flagged(MIN_COAST_LENGTH_M + 100)).toEqual(['maritime']);
    expect(flagged(MIN_COAST_LENGTH_M - 100)).toEqual([]);
  });

  it(`counts a river Natural Earth draws as water as inland when the far bank is not loaded (${INLAND_REACH_M / 1000} km reach)`, () => {
    // One province loaded: the land south of a river that runs in from the sea; the north bank is not loaded.
    const river = (widthKm: number): BoundaryReference => {
      const y0 = 19.5;
      const y1 = y0 + lat(widthKm);
      return { neighbours: [], national: { type: 'MultiPolygon', coordinates: [[rect(105, 19, 106, y0)], [rect(105, y1, 106, 20)]] } };
    };
    const south = units({ bank: poly(rect(105.3, 19.3, 105.7, 19.5)), below: poly(rect(105.3, 19, 105.7, 19.3)) });
    // A river narrow enough for its far bank to be met, for as long as a shore, within the reach.
    const narrow = alongEdge(south, river((INLAND_REACH_M - SHORE_RUN_M) / 1000 - 0.5), 'bank', (_x, y) => y > 19.499);
    expect(km(narrow.inland)).toBeCloseTo(41.9, 0);
    // An arm of the sea wider than the reach: the far shore is out of reach, open water.
    expect(km(alongEdge(south, river(INLAND_REACH_M / 1000 + 0.5), 'bank', (_x, y) => y > 19.499).coast)).toBeCloseTo(41.9, 0);
  });

  it(`counts a river seen along its course as a channel, not the sea (${SEA_ARC_MIN} directions clear for ${SEA_ARC_REACH_M / 1000} km: Châu Thành, Hậu Giang)`, () => {
    // Natural Earth draws a river 4 km wide running 55 km in from the sea. One province loaded: a unit
    // on its west bank that takes the west half of the river, up to the middle (the province's
    // boundary), so its north and south edges cross the water and look along the river.
    const half = lon(2);
    const [w, e] = [105.5 - half, 105.5 + half];
    const estuary = poly([[105, 19], [w, 19], [w, 19.5], [e, 19.5], [e, 19], [106, 19], [106, 20], [105, 20], [105, 19]]);
    const ref: BoundaryReference = { neighbours: [], national: estuary };
    const bank = units({ x: poly(rect(105.3, 19.2, 105.5, 19.3)) });
    // The north and south edges where they cross the water (not the east edge, on the middle of the river).
    const overWater = (x: number) => x > w + 1e-6 && x < 105.5 - 1e-6;
    const along = (options: PriorityOptions) => alongEdge(bank, ref, 'x', overWater, options);
    // The straight view, north and south, meets only water: the sea is looked for from it.
    expect(km(along({}).coast)).toBe(0);
    expect(km(along({}).inland)).toBeCloseTo(4, 0);
    expect(flagsOf(computePriorityFlags(bank, 'units', ref), 'x')).toEqual([]);
    // From the middle of the river, the banks are 2 km off: clear for 5 km 22.5° either side of its course
    // (but near the bank); and one direction, along the river, is always clear.
    expect(km(along({ seaArcReach: 5000 }).coast)).toBeGreaterThan(2.5);
    expect(km(along({ seaArcMin: 1 }).coast)).toBeCloseTo(4, 0);
    // Where the river opens into the sea, the same edge is coast.
    const mouth = units({ x: poly(rect(105.3, 19.02, 105.5, 19.1)) });
    expect(km(alongEdge(mouth, ref, 'x', (x, y) => overWater(x) && y < 19.03).coast)).toBeCloseTo(2, 1);
  });

  it('looks straight out first: land beyond the edge makes it inland, though an oblique view reaches the sea (Vĩnh Bảo, Hải Phòng)', () => {
    // One province loaded: a unit 1 to 3 km from the sea to its east; its north edge runs along the province beyond.
    const x1 = 106 - lon(1);
    const corner = units({ x: poly(rect(106 - lon(3), 19.4, x1, 19.45)) });
    // Looking straight north, Natural Earth's land that is not loaded; 30° to the east, the sea within the reach.
    const north = alongEdge(corner, WORLD, 'x', (_x, y) => y > 19.4499);
    expect(north.coast).toBe(0);
    expect(km(north.inland)).toBeCloseTo(2, 1);
    // Looking straight east: 1 km of Natural Earth's land (less than its coast can be off), then the sea.
    expect(km(alongEdge(corner, WORLD, 'x', (x) => x > x1 - 1e-6).coast)).toBeCloseTo(5.6, 1);
  });

  it(`is still coast where Natural Earth's land juts out less than ${LAND_SLACK_M / 1000} km beyond it`, () => {
    // Natural Earth draws the coast some km south of the dataset's.
    const seaward = (km0: number): BoundaryReference => ({ neighbours: [], national: poly(rect(105, 19.2 - lat(km0), 106, 20)) });
    const coast = units({ x: poly(rect(105.3, 19.2, 105.7, 19.5)) });
    const south = (r: BoundaryReference) => alongEdge(coast, r, 'x', (_x, y) => y < 19.201);
    expect(km(south(seaward(LAND_SLACK_M / 1000 - 0.5)).coast)).toBeCloseTo(41.9, 0);
    expect(south(seaward(LAND_SLACK_M / 1000 + 0.5)).coast).toBe(0);
  });

  it(`is still coast facing an islet Natural Earth draws (not loaded) narrower than ${SHORE_RUN_M / 1000} km`, () => {
    // A long islet 1 km off the coast, then open sea.
    const islet = (widthKm: number): BoundaryReference => ({
      neighbours: [],
      national: { type: 'MultiPolygon', coordinates: [[rect(105, 19.2, 106, 20)], [rect(105, 19.2 - lat(1 + widthKm), 106, 19.2 - lat(1))]] },
    });
    const coast = units({ x: poly(rect(105.3, 19.2, 105.7, 19.5)) });
    const south = (r: BoundaryReference) => alongEdge(coast, r, 'x', (_x, y) => y < 19.201);
    expect(km(south(islet(SHORE_RUN_M / 1000 - 0.3)).coast)).toBeCloseTo(41.9, 0);
    expect(south(islet(SHORE_RUN_M / 1000 + 0.5)).coast).toBe(0);
  });
});

// ---- gaps, slivers, holes ------------------------------------------------------------

describe('gaps between units are neither border nor coast', () => {
  it(`takes facing edges ${GAP_WIDTH_M} m apart as a gap, and wider ones as open water`, () => {
    const pair = (m: number) => units({ west: poly(rect(105.4, 19.4, 105.5, 19.5)), east: poly(rect(105.5 + lon(m / 1000), 19.4, 105.6, 19.5)) });
    // Without the country's outline, only the gap rule tells a sliver from the sea.
    expect(km(edgesOf(pair(GAP_WIDTH_M - 50), NO_OUTLINE, 'west').gap)).toBeCloseTo(11.1, 0);
    expect(edgesOf(pair(GAP_WIDTH_M + 50), NO_OUTLINE, 'west').gap).toBe(0);
  });

  it('finds no coast along a sliver inside the country (Pà Cò, Phú Thọ: 3 km of "sea" before)', () => {
    // The country in two units with a 100 m sliver between them, from the Lao border to the sea.
    const mid = 105.5;
    const world = units({
      west: poly([[105, 19], [mid, 19], [mid, 20], [105, 20], [105, 19]]),
      east: poly([[mid + lon(0.1), 19], [106, 19], [106, 20], [mid + lon(0.1), 20], [mid + lon(0.1), 19]]),
    });
    const west = edgesOf(world, WORLD, 'west');
    expect(km(west.gap)).toBeCloseTo(111.3, 0);
    // West: the south coast only (52 km); the north edge is China, the west edge Laos.
    expect(km(west.coast)).toBeCloseTo(52.5, 0);
  });

  it('takes overlapping units as a gap, not coast', () => {
    const world = units({ a: poly(rect(105.4, 19.4, 105.5 + lon(0.1), 19.5)), b: poly(rect(105.5, 19.4, 105.6, 19.5)) });
    expect(km(edgesOf(world, NO_OUTLINE, 'a').gap)).toBeGreaterThan(10);
    expect(km(edgesOf(world, NO_OUTLINE, 'b').gap)).toBeGreaterThan(10);
  });

  it('takes a hole enclosed by units (a lake left out of the file) as a gap, not coast', () => {
    const world = units({ ring: poly(rect(105.4, 19.4, 105.6, 19.6), rect(105.49, 19.49, 105.51, 19.51).reverse()) });
    const e = edgesOf(world, NO_OUTLINE, 'ring');
    expect(km(e.gap)).toBeCloseTo(2 * (0.02 * 104.9 + 0.02 * 111.3), 0);
    expect(km(e.coast)).toBeCloseTo(2 * (0.2 * 104.9 + 0.2 * 111.3), 0);
  });
});

// ---- one province ----------------------------------------------------------------------

describe('one province loaded', () => {
  // The southern third of the toy country: a province on the Lao border and the sea.
  const y1 = 19.3;
  const y2 = 19.6;
  const province = units({
    sw: poly(rect(105, 19, 105.3, y1)),
    mid: poly(rect(105.3, 19, 105.7, y1)),
    se: poly(rect(105.7, 19, 106, y1)),
    'mid-north': poly(rect(105.3, y1, 105.7, y2)),
    'west-north': poly(rect(105, y1, 105.3, y2)),
    'east-north': poly(rect(105.7, y1, 106, y2)),
  });
  const flags = computePriorityFlags(province, 'units', WORLD);

  it('reads the edge along the provinces that are not loaded as neither border nor coast', () => {
    expect(flagsOf(flags, 'mid-north')).toEqual([]);
    expect(km(edgesOf(province, WORLD, 'mid-north').inland)).toBeCloseTo(41.9, 0);
  });

  it('still finds the land border and the coast of the province', () => {
    expect(flagsOf(flags, 'sw')).toEqual(['border:Lào', 'maritime']);
    expect(flagsOf(flags, 'mid')).toEqual(['maritime']);
    expect(flagsOf(flags, 'se')).toEqual(['maritime']);
    expect(flagsOf(flags, 'west-north')).toEqual(['border:Lào']);
    expect(flagsOf(flags, 'east-north')).toEqual(['maritime']);
  });

  it(`does not take an edge that faces the neighbour across the next province (not loaded) as border (${FOREIGN_PROVINCE_M / 1000} km of it: Phước Sơn, Quảng Nam)`, () => {
    // Two provinces in Natural Earth's admin-1: a strip w km wide along Laos, and the rest. The rest is
    // loaded (two units); its west edge faces Laos across the strip, within the anchor distance.
    const across = (w: number, withProvinces = true) => {
      const x0 = 105 + lon(w);
      const ref: BoundaryReference = { ...WORLD, provinces: withProvinces ? [poly(rect(105, 19, x0, 20)), poly(rect(x0, 19, 106, 20))] : null };
      const loaded = units({ x: poly(rect(x0, 19.3, 105.3, 19.6)), rest: poly([[x0, 19], [106, 19], [106, 20], [x0, 20], [x0, 19.6], [105.3, 19.6], [105.3, 19.3], [x0, 19.3], [x0, 19]]) });
      return alongEdge(loaded, ref, 'x', (x) => x < x0 + 1e-6);
    };
    expect(km(across(2, false).border)).toBeCloseTo(33.4, 0);
    expect(across(2).border).toBe(0);
    expect(km(across(2).inland)).toBeCloseTo(33.4, 0);
    // A strip narrower than the slack: Natural Earth's provinces are as rough as its countries.
    expect(km(across(FOREIGN_PROVINCE_M / 1000 - 0.3).border)).toBeCloseTo(33.4, 0);
    // Where the loaded units cover the province, its own land in front of the edge does not count.
    expect(flagsOf(computePriorityFlags(province, 'units', { ...WORLD, provinces: [poly(rect(105, 19, 106, 19.6)), poly(rect(105, 19.6, 106, 20))] }), 'sw')).toEqual(['border:Lào', 'maritime']);
  });
});

// ---- islands --------------------------------------------------------------------------

describe('islands', () => {
  // A mainland of 40 × 40 km (above the mainland threshold), coast to the east at 105.4°E.
  const main = rect(105, 19.3, 105.4, 19.3 + lat(40));
  const x0 = 105.4;
  const islandAt = (gapKm: number, y0 = 19.45) => rect(x0 + lon(gapKm), y0, x0 + lon(gapKm + 5), y0 + lat(5));

  it('flags an island joined to the mainland by a thin strip (a causeway, a sand bar)', () => {
    const strip = (widthKm: number) => {
      const y = 19.45 + lat(2.5);
      const half = lat(widthKm) / 2;
      const island = islandAt(3);
      // One ring: the island with a strip running west to touch the mainland.
      const ring: Position[] = [[x0, y - half], [x0 + lon(3), y - half], island[0], island[1], island[2], island[3], [x0 + lon(3), y + half], [x0, y + half], [x0, y - half]];
      return units({ mainland: poly([[105, 19.3], [x0, 19.3], [x0, y - half], [x0, y + half], [x0, 19.3 + lat(40)], [105, 19.3 + lat(40)], [105, 19.3]]), island: poly(ring) });
    };
    expect(edgesOf(strip(0.1), NO_OUTLINE, 'island').island).toBe(true);
    // A neck as wide as the join threshold is land: a peninsula.
    expect(edgesOf(strip(MIN_JOIN_M / 1000 + 0.5), NO_OUTLINE, 'island').island).toBe(false);
    expect(edgesOf(strip(0.1), NO_OUTLINE, 'mainland').island).toBe(false);
  });

  it('flags an island that faces the mainland across a channel narrower than a gap (Cát Hải)', () => {
    const world = units({ mainland: poly(main), island: poly(islandAt(0.15)) });
    const island = edgesOf(world, NO_OUTLINE, 'island');
    expect(island.island).toBe(true);
    // The channel is a gap, not coast; the island's three other sides are coast.
    expect(km(island.gap)).toBeCloseTo(5, 0);
    expect(km(island.coast)).toBeCloseTo(15, 0);
  });

  it(`joins a part drawn ${SEAM_WIDTH_M} m or less from its neighbour (one edge drawn twice)`, () => {
    const world = units({ mainland: poly(main), island: poly(islandAt(SEAM_WIDTH_M / 1000 / 2)) });
    expect(edgesOf(world, NO_OUTLINE, 'island').island).toBe(false);
  });

  it(`keeps a small ward that touches the mainland along less than ${MIN_JOIN_M / 1000} km, but all round its small outline, on the mainland`, () => {
    // A 300 m ward on the coast, sharing its west side (300 m, a quarter of its outline) with the mainland.
    const w = lon(0.3);
    const h = lat(0.3);
    const world = units({
      mainland: poly([[105, 19.3], [x0, 19.3], [x0, 19.45], [x0, 19.45 + h], [x0, 19.3 + lat(40)], [105, 19.3 + lat(40)], [105, 19.3]]),
      ward: poly(rect(x0, 19.45, x0 + w, 19.45 + h)),
    });
    expect(edgesOf(world, NO_OUTLINE, 'ward').island).toBe(false);
  });

  it('flags every đặc khu as an island, whatever its geometry', () => {
    const world = units({ mainland: poly(main), 'dac-khu': poly(rect(105.1, 19.35, 105.2, 19.45)) });
    const flags = computePriorityFlags(world, 'units', NO_OUTLINE, { unitTypes: new Map([['dac-khu', 'đặc khu']]) });
    expect(flags.filter((f) => f.code === 'dac-khu' && f.kind === 'island')).toEqual([{ code: 'dac-khu', kind: 'island', detail: 'đặc khu', lengthKm: null }]);
    expect(flags.some((f) => f.code === 'mainland' && f.kind === 'island')).toBe(false);
  });

  it(`counts a land mass of ${MAINLAND_MIN_AREA_KM2} km² or more as mainland, even when it is not the largest`, () => {
    const square = (x: number, sideKm: number) => poly(rect(x, 19, x + lon(sideKm), 19 + lat(sideKm)));
    const world = (sideKm: number) => units({ big: square(105, 40), other: square(105.6, sideKm) });
    expect(edgesOf(world(30), NO_OUTLINE, 'other').island).toBe(true); // 900 km²
    expect(edgesOf(world(34), NO_OUTLINE, 'other').island).toBe(false); // 1,156 km²
  });
});

describe('determinism', () => {
  it('gives the same measures twice, and reports every piece it classifies', () => {
    const world = units({ 'sin-thau': poly(rect(105, 19.9, 105.1, 20)), rest: poly([[105, 19], [106, 19], [106, 20], [105.1, 20], [105.1, 19.9], [105, 19.9], [105, 19]]) });
    const seen: Record<EdgeClass, number> = { border: 0, coast: 0, gap: 0, inland: 0 };
    const a = measureUnits(world, 'units', WORLD, { onPiece: (_c, _x, _y, cls, m) => (seen[cls] += m) });
    expect(measureUnits(world, 'units', WORLD)).toEqual(a);
    const total = a.reduce((s, r) => s + r.coast, 0);
    expect(seen.coast).toBeCloseTo(total, 3);
  });
});
