/**
 * Priority flags computed from the dataset's own boundaries: land border (per
 * neighbour country), coast, island. The rules and their tolerances are
 * described for users in data/README.md ("Computed flags").
 *
 * The loaded units are one TopoJSON object, so an edge shared by two units is
 * one arc used twice, and an arc used once is on the outer edge of the units'
 * union. That outer edge *is* the national boundary, except where it is not:
 *
 * - **gap**: the slivers, overlaps and enclosed holes between units that real
 *   boundary files have: two stretches of outer edge that face each other
 *   closer than `GAP_WIDTH_M`, or a ring of outer edges that encloses no land;
 * - **inland**: edge that runs inside the country, along units that are not
 *   loaded (another province when one province is loaded, a district missing
 *   from the file). Looking straight out from it, Natural Earth's land that no
 *   loaded unit covers lies beyond it, or across a river; looking straight out
 *   from the coast, the view crosses open water (oblique views only decide
 *   where the straight one meets loaded land all the way).
 *
 * The rest is the national boundary. A stretch within `BORDER_TOLERANCE_M` of a
 * land border line (where Natural Earth's Vietnam meets China, Laos or
 * Cambodia), nearer to it than to Natural Earth's coastline, and facing that
 * country (its land met within the same distance looking out from the
 * stretch) is land border with that country; the rest is coast. Natural Earth
 * is trusted to say *which* country lies across the line and where the sea is,
 * never *where* the line is: what is measured is always the dataset's own edge.
 *
 * One province loaded alone: its edge along the other provinces must read as
 * neither border nor coast. Facing tells the edge of a province that runs up
 * to the border from the border itself; the straight view tells a river
 * between two provinces (Natural Earth draws the wide ones as water) from the
 * coast. Water is open only where, from some point of it in view, the sea is
 * seen over a wide enough arc past the mainland (`SEA_ARC_REACH_M`): a river
 * Natural Earth draws wider than the straight view reaches (the Mekong's
 * branches), or seen along its course (a province's edge that crosses it), is
 * a channel, however long. A stretch that meets the neighbour's land only far
 * out (beyond `BORDER_ANCHOR_M`) is border only near one that meets it close:
 * Natural Earth's line comes close to the real one somewhere along every
 * stretch of border, not along a province's edge across a wide strip of the
 * next province. None of this can tell the wide estuary of the Soài Rạp and
 * the Lòng Tàu, open to the Cần Giờ bay, from the sea. A view that meets the
 * neighbour's land only across more than `FOREIGN_PROVINCE_M` of a province
 * that is not loaded (Natural Earth's admin-1, when the reference has them)
 * is not border: the edge faces the next province, not the neighbour.
 * tests/unit/io/real-data.test.ts lists the 4 districts (of 692, each
 * province loaded alone) that still get a flag the whole country does not
 * give them.
 *
 * Islands: parts of units that touch along enough of an edge (or meet at a
 * seam, the same edge drawn twice a hair apart) form land masses; the mainland is every mass larger
 * than any Vietnamese island. A unit none of whose parts is on the mainland is
 * an island, and so is every đặc khu. An island that meets the mainland only
 * through a thin strip, or faces it across a channel however narrow (a gap in
 * the boundary data), stays an island.
 *
 * The tolerances were measured on the gis.chinhphu.vn boundaries (63 provinces,
 * 692 districts; ../shared/data, tests/unit/io/real-data.test.ts): each comment
 * says what the value does there and what the values either side did.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { Topology } from 'topojson-specification';
import { M_PER_DEG, PolygonSet, PolygonTester, SegmentIndex, segmentMetres } from './spatial.ts';
import { ringAreaKm2 } from './rings.ts';
import { arcIndex, decodeArcs, polygonGeometries, polygonParts, ringPositions } from './topo.ts';

export { segmentMetres } from './spatial.ts';

/**
 * How far (m) the dataset's edge may lie from Natural Earth's land border line
 * and still be that border, and how far out from the edge the neighbour's land
 * must be met (looking straight out or along `RAY_ANGLES_DEG`). Natural Earth
 * 1:10m is far off the surveyed line: within 1 km of it for 24 % of its
 * length, 3 km for 83 %, 5 km for 99 %, 8 km for all of it. At 6 km, stretches
 * of the Lao border in Điện Biên and Sơn La read as coast; with the facing
 * view at 8 km, Quan Hóa (Thanh Hóa) loses its 3.6 km of Lao border. A wide
 * tolerance is safe because a stretch nearer Natural Earth's coastline than
 * its border line is coast whatever the distance, and a stretch that does not
 * face the neighbour is not border.
 */
export const BORDER_TOLERANCE_M = 10_000;

/**
 * A stretch whose view meets the neighbour's land within this (m) anchors the
 * border around it (`BORDER_ANCHOR_RADIUS_M`); a stretch that meets it only
 * farther out, up to `BORDER_TOLERANCE_M`, is border only near an anchor.
 * Natural Earth's line is within 3 km of the surveyed one for 83 % of its
 * length, so along a real border it comes that close somewhere; a province's
 * edge that faces the neighbour across a strip of the next province wider
 * than this (An Giang loaded alone: Phú Tân's edge, which meets Natural
 * Earth's Cambodia 9 km out across the next province) never does. With the whole country loaded, at 2 km
 * 37 km of real border would lose its anchor (Bố Trạch and Minh Hóa in Quảng
 * Bình, Ea Súp, Ia H'Drai); at 5 km Phú Tân keeps its border flag (3 and
 * 4 km: no border lost, Phú Tân mended).
 */
export const BORDER_ANCHOR_M = 3000;

/**
 * How far (m) an anchor (`BORDER_ANCHOR_M`) carries the border along the edge:
 * Natural Earth's line strays farther than the anchor distance from the
 * surveyed one for stretches of some 20 km. With the whole country loaded, at
 * 12 km 5.4 km of real border loses its anchor (Bố Trạch, Quảng Bình; Ia
 * H'Drai, Kon Tum), at 14–16 km none; at 18 km Phú Tân's edge (An Giang
 * loaded alone) is carried by An Giang's real border.
 */
export const BORDER_ANCHOR_RADIUS_M = 15_000;

/**
 * Least length (m) of land border with one neighbour for a border flag: more
 * than the few 100 m samples a unit may get where the border meets the coast or
 * another country's border. A commune is a border commune when its boundary
 * runs along the border for any length (Decree 34/2014), and commune-sized
 * units touch it for less than a kilometre: the real districts cut into 3,458
 * pieces (tests/unit/io/real-communes.test.ts) have 4 pieces on the real line
 * for 0.3–0.9 km (and one for 0.2 km), which 1 km missed. At 300 m or 1 km the
 * same 25 provinces and 100 districts are border units (no district touches
 * the border for less than 1 km), each province loaded alone too; at 3 km two
 * Lao-border districts drop out.
 */
export const MIN_BORDER_LENGTH_M = 300;

/**
 * Least length (m) of coast for a maritime flag (at 300 m or 3 km: 28 coastal
 * provinces, within two of 127 districts). Not 300 m as for the border: each
 * province loaded alone, 8 more districts (Vinh on the Lam, Cần Giuộc on the
 * Soài Rạp, the Mekong's branches) read a river bank as coast. Commune-sized
 * pieces with 0.3–1 km of coast are not maritime: 9 mainland pieces of 3,458
 * that touch the sea at a corner, and slices of Cồn Cỏ and Bạch Long Vĩ cut
 * smaller than any real commune.
 */
export const MIN_COAST_LENGTH_M = 1000;

/**
 * Two stretches of outer edge facing each other closer than this (m) bound a
 * gap or an overlap in the data, not the sea. The slivers between the
 * gis.chinhphu.vn provinces and Quảng Ninh (drawn from another source) are
 * narrower than 300 m for 95 % of their length (100 m: 30 %); wider ones lie
 * inland and are caught by the inland rule. At 500 m a third of Hải Phòng's
 * island coast (channels between islets) would be lost.
 */
export const GAP_WIDTH_M = 300;

/**
 * Natural Earth's land (not covered by a loaded unit) straight beyond an edge
 * for longer than this (m) is land, not Natural Earth's coast being off: the
 * edge runs inland. Natural Earth fills some lagoons and bays: at 2 km, 29 km
 * of Thừa Thiên Huế's lagoon shore read as inland, at 3 km 10 km (4 km: the same).
 */
export const LAND_SLACK_M = 3000;

/**
 * Natural Earth's land (not loaded) this long (m), met across water, closes
 * the view: a river's far bank, another province's shore. Shorter stretches
 * are islets and sand bars Natural Earth draws a little apart from the loaded
 * ones (Hạ Long bay, the Tam Giang lagoon's bar).
 */
export const SHORE_RUN_M = 1000;

/**
 * How far (m) beyond an edge the probes look for the sea. Rivers between
 * provinces are up to ~4 km wide where Natural Earth draws them as water (the
 * Mekong's branches), more at their mouths; bays are wider. Each province
 * loaded alone, 6 districts by the Mekong's and the Soài Rạp's mouths still
 * read as coastal at 6 km (9 at 5 km). With the whole country loaded, every
 * coastal district keeps at least 2 km of coast at 6 km; at 6.5 km Tuy Phước
 * (on the Thị Nại lagoon) and Thủy Nguyên (across the Bạch Đằng from Quảng
 * Ninh's land, not in the file) keep 2 km, at 7 km Thủy Nguyên keeps none.
 * Each province loaded alone, 7–10 km mends only Chợ Lách, 12 km Nhơn Trạch
 * too but adds Chợ Gạo and Càng Long; all of them cost Thủy Nguyên its coast
 * (the whole country loaded). Closing a view open straight out when two of
 * the three directions meet land not loaded within 8–12 km mends Nhơn Trạch,
 * Chợ Lách and Châu Thành, but Thủy Nguyên, whose three views close within
 * 6.5 km, loses its coast too: a river mouth and a missing province across
 * an estuary look the same.
 */
export const INLAND_REACH_M = 6000;

/**
 * Open water is water from which the sea is seen: from some point of the view,
 * at least `SEA_ARC_MIN` neighbouring directions of `SEA_ARC_DIRECTIONS` (a
 * 45° arc) clear of Natural Earth's mainland (its largest part, and the
 * neighbours' land) for this far (m). A river is a channel: seen from its
 * water, only the directions along its course are clear. Islands do not close
 * the arc (the bays of Quảng Ninh, Hạ Long's and Bái Tử Long's, are sea), nor
 * does loaded land. Measured on the real districts (each province loaded
 * alone): at 8 km the Hậu and Cổ Chiên rivers, which Natural Earth draws 4–5 km
 * wide, are channels (Trà Ôn, Châu Thành of Hậu Giang, Chợ Lách no longer read
 * as coastal); with the whole country loaded no district flag changes, and
 * 82 km of 4,207 km of coast (narrow lagoons and inner bays: the Thủy Triều
 * lagoon in Cam Ranh, the Thị Nại lagoon, Cù Mông) read as a channel. At 6 km
 * Trà Ôn and Châu Thành stay coastal; at 10 km 115 km of coast is lost, at
 * 12 km Thủy Nguyên (on the Bạch Đằng) and Thanh Khê lose their coast.
 */
export const SEA_ARC_REACH_M = 8000;

/** Directions the sea is looked for in from a point of water (`SEA_ARC_REACH_M`). */
export const SEA_ARC_DIRECTIONS = 16;

/**
 * Neighbouring clear directions (of `SEA_ARC_DIRECTIONS`) that make water open
 * (`SEA_ARC_REACH_M`): at 2 the three rivers stay coastal (a channel 4–5 km wide
 * is clear along its course and one direction beside it); at 4 another 68 km
 * of bay shore reads as a channel and no district changes.
 */
export const SEA_ARC_MIN = 3;

/**
 * Land of a province that is not loaded (Natural Earth's admin-1, `provinces`
 * of the reference) that a view may cross before it meets the neighbour's
 * land and still be border (m): one province loaded alone, its edge may face
 * the neighbour across a strip of the next province (Phước Sơn, Quảng Nam,
 * across Kon Tum's Đắk Glei; Hớn Quản, Bình Phước, across Tây Ninh), which
 * is not its border. Natural Earth's provinces are as rough as its countries,
 * so some slack: at 500 m, 1 km or 2 km the same, those two mended, no
 * district flag lost, each province loaded alone or the whole country.
 * Bắc Hà (Lào Cai) stays: Natural Earth gives part of the strip of Hà
 * Giang's Xín Mần in front of it to Lào Cai (1.1 km of border left).
 */
export const FOREIGN_PROVINCE_M = 1000;

/** Spacing (m) of the points probed beyond an edge. */
export const INLAND_PROBE_STEP_M = 250;

/**
 * Directions probed beyond an edge, in degrees from its outward normal: for the
 * sea when the straight view meets only loaded land (±60° would also see along
 * rivers: open water), and for the neighbour's land (a jagged edge's normal
 * points anywhere; straight out only, Lang Chánh (Thanh Hóa) loses its Lao
 * border).
 */
export const RAY_ANGLES_DEG = [0, -30, 30];

/**
 * A neighbour's boundary segment within this (m) of Natural Earth's Vietnam is
 * on their land border: Natural Earth draws the two outlines with the same
 * vertices, so this only absorbs rounding and simplification.
 */
export const BORDER_LINE_SNAP_M = 100;

/**
 * Two stretches of edge this close (m) are one edge drawn twice (two units
 * digitised apart, rounding): it joins the parts on its sides. A wider gap may
 * be water and never joins an island to the mainland.
 */
export const SEAM_WIDTH_M = 30;

/**
 * Two parts touching (or meeting at a seam) along at least this much (m)
 * are one land mass: a thin strip or a short touch across water does not make
 * an island part of the mainland.
 */
export const MIN_JOIN_M = 1000;

/** ... as are two parts whose contact is at least this share of the smaller one's perimeter (a small ward touches little but all round). */
export const JOIN_SHARE = 0.1;

/** Land masses at least this large (km²) are mainland: Phú Quốc, the largest island, has 589 km². */
export const MAINLAND_MIN_AREA_KM2 = 1000;

/** Length (m) of the pieces the outer edge is cut into and classified one by one. */
export const SAMPLE_STEP_M = 100;

/** A neighbouring country: its id, its name in Vietnamese (`Trung Quốc`) and its land (Natural Earth). */
export interface NeighbourCountry {
  id: string;
  name: string;
  geometry: Polygon | MultiPolygon;
}

/**
 * What the rules compare the dataset's edge with. `national` is Vietnam's
 * outline (Natural Earth admin-0): without it, land border lines are taken as
 * the neighbours' whole outlines and no edge can be told to run inland.
 */
export interface BoundaryReference {
  neighbours: NeighbourCountry[];
  national?: Polygon | MultiPolygon | null;
  /** Natural Earth's provinces of Vietnam (admin-1): whether land beyond an edge is a province that is not loaded. */
  provinces?: (Polygon | MultiPolygon)[] | null;
}

/** The rules' options: each tolerance defaults to its constant above (tests try both sides of each). */
export interface PriorityOptions {
  borderTolerance?: number;
  borderAnchor?: number;
  borderAnchorRadius?: number;
  minBorderLength?: number;
  minCoastLength?: number;
  gapWidth?: number;
  inlandReach?: number;
  rayAngles?: readonly number[];
  landSlack?: number;
  seaArcReach?: number;
  seaArcMin?: number;
  sampleStep?: number;
  /** Unit type by code: a `đặc khu` is an island whatever its geometry says (the law makes it one). */
  unitTypes?: ReadonlyMap<string, string>;
  /** Called for every classified piece of outer edge (its middle, lon/lat), for diagnostics and maps of the rules. */
  onPiece?: (code: string, x: number, y: number, cls: EdgeClass, metres: number) => void;
}

/** What a stretch of a unit's outer edge is. */
export type EdgeClass = 'border' | 'coast' | 'gap' | 'inland';

/** The outer edge of one unit, measured by class, in metres. */
export interface UnitEdges {
  code: string;
  /** Metres of land border with each neighbour, indexed like `reference.neighbours`. */
  border: number[];
  coast: number;
  gap: number;
  inland: number;
  /** True when none of the unit's land is on the mainland. */
  island: boolean;
}

export type ComputedKind = 'border' | 'maritime' | 'island';

/** One computed flag with its evidence. */
export interface ComputedFlag {
  code: string;
  kind: ComputedKind;
  /** The neighbour's name for `border`; `đặc khu` for an island by unit type; null otherwise. */
  detail: string | null;
  /** Kilometres of border with that neighbour, or of coast (one decimal); null for `island`. */
  lengthKm: number | null;
}

/** The unit type that the law makes an island (Resolution 202/2025/QH15). */
export const SPECIAL_ZONE_TYPE = 'đặc khu';

class UnionFind {
  private readonly parent: Int32Array;
  constructor(n: number) {
    this.parent = new Int32Array(n);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }
  find(i: number): number {
    const p = this.parent;
    while (p[i] !== i) i = p[i] = p[p[i]];
    return i;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    // The lower root wins, so components do not depend on the order of unions.
    if (ra < rb) this.parent[rb] = ra;
    else if (rb < ra) this.parent[ra] = rb;
  }
}

type Geometry = Polygon | MultiPolygon;

/** The unit vector (nx, ny) turned by `deg` degrees (anticlockwise). */
function turn(nx: number, ny: number, deg: number): [number, number] {
  const c = Math.cos((deg * Math.PI) / 180);
  const s = Math.sin((deg * Math.PI) / 180);
  return [nx * c - ny * s, nx * s + ny * c];
}

function ringsOf(g: Geometry): Position[][][] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

/** True when the loaded units cover at least half of a province (sampled on a grid of its bounding box). */
function mostlyLoaded(province: Polygon | MultiPolygon, tester: PolygonTester, loaded: PolygonSet): boolean {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const poly of ringsOf(province)) for (const [x, y] of poly[0]) [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
  let inside = 0;
  let covered = 0;
  const n = 16;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const x = x0 + ((i + 0.5) / n) * (x1 - x0);
      const y = y0 + ((j + 0.5) / n) * (y1 - y0);
      if (!tester.contains(x, y)) continue;
      inside++;
      if (loaded.contains(x, y)) covered++;
    }
  }
  return inside > 0 && covered * 2 >= inside;
}

/** Cell (degrees, about 275 m) by which whether the sea is seen from a point of water is remembered. */
const ARC_CELL_DEG = 0.0025;

/** Longest piece (m) a reference outline is cut into, so each piece is on a land border or not as a whole. */
const OUTLINE_PIECE_M = 500;

/** The segments of a (multi)polygon's rings, cut into pieces of at most `OUTLINE_PIECE_M`. */
function* outlinePieces(g: Geometry): Generator<[number, number, number, number]> {
  for (const poly of ringsOf(g)) {
    for (const ring of poly) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const [ax, ay] = ring[i];
        const [bx, by] = ring[i + 1];
        const n = Math.max(1, Math.ceil(segmentMetres(ring[i], ring[i + 1]) / OUTLINE_PIECE_M));
        for (let j = 0; j < n; j++) yield [ax + ((bx - ax) * j) / n, ay + ((by - ay) * j) / n, ax + ((bx - ax) * (j + 1)) / n, ay + ((by - ay) * (j + 1)) / n];
      }
    }
  }
}

/**
 * Natural Earth as a reference: Vietnam's land border lines (the segments of a
 * neighbour's outline that lie on Vietnam's), Vietnam's coastline (the rest of
 * Vietnam's outline) and Vietnam's land, to answer the two questions the rules
 * ask of it: is this stretch of the dataset's edge inside the country, and is
 * it nearer a land border line than the coast.
 */
class Reference {
  private readonly lines = new SegmentIndex(0.05);
  private readonly lineOwner: number[] = [];
  private readonly coast: SegmentIndex | null = null;
  private readonly outline: SegmentIndex | null = null;
  private readonly land: PolygonTester | null = null;
  private readonly neighbourLand: PolygonTester[];
  /** Natural Earth's Vietnam without its islands: its largest part. */
  private readonly mainland: PolygonTester | null = null;
  /** Natural Earth's provinces that the loaded units do not cover (mostly). */
  private readonly otherProvinces: PolygonTester[] = [];
  /** Whether the sea is seen from a point of water, by cell of `ARC_CELL_DEG`. */
  private readonly seaSeen = new Map<number, boolean>();

  constructor(
    reference: BoundaryReference,
    private readonly tolerance: number,
    private readonly inlandReach: number,
    private readonly rayAngles: readonly number[],
    private readonly landSlack: number,
    private readonly loaded: PolygonSet,
    private readonly arcReach: number,
    private readonly arcMin: number,
  ) {
    const national = reference.national ?? null;
    if (national) {
      this.outline = new SegmentIndex(0.02);
      for (const [ax, ay, bx, by] of outlinePieces(national)) this.outline.add(ax, ay, bx, by);
      this.land = new PolygonTester(national);
      const polygons = national.type === 'Polygon' ? [national.coordinates] : national.coordinates;
      const area = (p: Position[][]) => Math.abs(ringAreaKm2(p[0]));
      this.mainland = new PolygonTester({ type: 'Polygon', coordinates: polygons.reduce((a, b) => (area(b) > area(a) ? b : a)) });
    }
    this.neighbourLand = reference.neighbours.map((n) => new PolygonTester(n.geometry));
    for (const p of reference.provinces ?? []) {
      const tester = new PolygonTester(p);
      if (!mostlyLoaded(p, tester, loaded)) this.otherProvinces.push(tester);
    }
    const neighbourOutline = new SegmentIndex(0.02);
    reference.neighbours.forEach((n, who) => {
      for (const [ax, ay, bx, by] of outlinePieces(n.geometry)) {
        neighbourOutline.add(ax, ay, bx, by);
        if (this.outline && !this.outline.nearest((ax + bx) / 2, (ay + by) / 2, BORDER_LINE_SNAP_M)) continue;
        this.lines.add(ax, ay, bx, by);
        this.lineOwner.push(who);
      }
    });
    if (national) {
      this.coast = new SegmentIndex(0.05);
      for (const [ax, ay, bx, by] of outlinePieces(national)) {
        if (!neighbourOutline.nearest((ax + bx) / 2, (ay + by) / 2, BORDER_LINE_SNAP_M)) this.coast.add(ax, ay, bx, by);
      }
    }
  }

  /**
   * For a stretch of the outer edge at (x, y), facing (nx, ny): the neighbour
   * it borders (an index), and whether its land is met within `anchor` (m), or
   * null. Border when a land border line is within the tolerance, no stretch
   * of coastline is nearer, and the edge faces that neighbour: looking out
   * from it, its land is met within the tolerance. Near the line but facing
   * along it or away from it is the edge of a province that runs up to the
   * border (one province loaded), not the border.
   */
  borderAt(x: number, y: number, nx: number, ny: number, anchor: number): { who: number; anchor: boolean } | null {
    const line = this.lines.nearest(x, y, this.tolerance);
    if (!line) return null;
    if (this.coast && this.coast.nearest(x, y, line.dist)) return null;
    const who = this.lineOwner[line.index];
    const land = this.neighbourLand[who];
    // Within the anchor distance first (along every direction), then on to the tolerance.
    if (this.meets(x, y, nx, ny, land, 0, Math.min(anchor, this.tolerance))) return { who, anchor: true };
    return anchor < this.tolerance && this.meets(x, y, nx, ny, land, anchor + INLAND_PROBE_STEP_M, this.tolerance) ? { who, anchor: false } : null;
  }

  /**
   * True when `land` is met between `from` and `to` (m) out from (x, y),
   * straight or along the other probed directions, and not only across a
   * province that is not loaded (`FOREIGN_PROVINCE_M`).
   */
  private meets(x: number, y: number, nx: number, ny: number, land: PolygonTester, from: number, to: number): boolean {
    const k = Math.cos((y * Math.PI) / 180);
    for (const deg of this.rayAngles) {
      const [dx, dy] = turn(nx, ny, deg);
      let foreign = 0;
      for (let d = INLAND_PROBE_STEP_M; d <= to; d += INLAND_PROBE_STEP_M) {
        const px = x + (dx * d) / (M_PER_DEG * k);
        const py = y + (dy * d) / M_PER_DEG;
        if (land.contains(px, py)) {
          if (d >= from && foreign <= FOREIGN_PROVINCE_M) return true;
          break;
        }
        if (this.otherProvinces.length && !this.loaded.contains(px, py) && this.otherProvinces.some((t) => t.contains(px, py))) foreign += INLAND_PROBE_STEP_M;
      }
    }
    return false;
  }

  /**
   * True when the edge at (x, y), facing (nx, ny) (a unit vector, metres east
   * and north), runs inside the country rather than along the sea. Looking
   * straight out from it (`look`): land that is not loaded straight beyond the
   * edge (another province), or met across water (a river's far bank, another
   * province's shore), makes it inland; open water makes it coast. Only when
   * the straight view meets neither (loaded land all the way) do the oblique
   * directions decide: coast when one of them crosses open water. An oblique
   * view never outweighs the straight one: looking down a river that Natural
   * Earth draws as water, towards its mouth, it sees open water from a bank
   * whose far side is another province (Vĩnh Bảo's bank of the Hóa, one
   * province loaded).
   */
  inland(x: number, y: number, nx: number, ny: number): boolean {
    if (!this.land) return false;
    const straight = this.look(x, y, nx, ny, 0);
    if (straight !== 'none') return straight === 'closed';
    return !this.rayAngles.some((deg) => deg !== 0 && this.look(x, y, nx, ny, deg) === 'open');
  }

  /**
   * What one direction, `deg` from the outward normal, meets within the reach:
   * `closed` by land that is not loaded (straight beyond the edge for longer
   * than Natural Earth's coast can be off, or across water for long enough not
   * to be an islet or a sand bar Natural Earth draws a little apart from the
   * loaded one), `open` water that no such land closes, or `none` (only
   * loaded land, or land too short to close the view).
   */
  private look(x: number, y: number, nx: number, ny: number, deg: number): 'open' | 'closed' | 'none' {
    const k = Math.cos((y * Math.PI) / 180);
    const [dx, dy] = turn(nx, ny, deg);
    // The points of water in view, to look for the sea from if nothing closes the view.
    const water: number[] = [];
    let run = 0;
    for (let d = INLAND_PROBE_STEP_M; d <= this.inlandReach; d += INLAND_PROBE_STEP_M) {
      const px = x + (dx * d) / (M_PER_DEG * k);
      const py = y + (dy * d) / M_PER_DEG;
      // Loaded land (an island, the far shore of a bay) neither opens nor closes the view.
      if (this.loaded.contains(px, py)) {
        run = 0;
        continue;
      }
      if (!this.onLand(px, py)) {
        water.push(px, py);
        run = 0;
        continue;
      }
      run += INLAND_PROBE_STEP_M;
      const wet = water.length > 0;
      if ((!wet && run > this.landSlack) || (wet && run >= SHORE_RUN_M)) return 'closed';
    }
    // Water that sees no sea is a channel: a river seen along its course, or wider than the reach.
    for (let i = 0; i < water.length; i += 2) if (this.seesSea(water[i], water[i + 1])) return 'open';
    return 'none';
  }

  /**
   * True when, from the point of water (x, y), `arcMin` neighbouring directions
   * of `SEA_ARC_DIRECTIONS` are clear of the mainland and the neighbours' land
   * for `arcReach` metres. Cached by cell: the views of nearby pieces cross the
   * same water.
   */
  private seesSea(x: number, y: number): boolean {
    const key = Math.round(x / ARC_CELL_DEG) * 1_000_000 + Math.round(y / ARC_CELL_DEG);
    const known = this.seaSeen.get(key);
    if (known !== undefined) return known;
    const k = Math.cos((y * Math.PI) / 180);
    const clear: (boolean | undefined)[] = [];
    const isClear = (i: number): boolean => {
      const looked = clear[i];
      if (looked !== undefined) return looked;
      const a = (2 * Math.PI * i) / SEA_ARC_DIRECTIONS;
      const [dx, dy] = [Math.cos(a), Math.sin(a)];
      let open = true;
      for (let d = INLAND_PROBE_STEP_M; d <= this.arcReach && open; d += INLAND_PROBE_STEP_M) {
        const px = x + (dx * d) / (M_PER_DEG * k);
        const py = y + (dy * d) / M_PER_DEG;
        open = !this.mainland!.contains(px, py) && !this.neighbourLand.some((t) => t.contains(px, py));
      }
      clear[i] = open;
      return open;
    };
    // A run of `arcMin` clear directions, round the circle (it may wrap past the last one).
    let best = 0;
    let run = 0;
    for (let i = 0; i < SEA_ARC_DIRECTIONS + this.arcMin - 1 && best < this.arcMin; i++) {
      run = isClear(i % SEA_ARC_DIRECTIONS) ? run + 1 : 0;
      best = Math.max(best, run);
    }
    const seen = best >= this.arcMin;
    this.seaSeen.set(key, seen);
    return seen;
  }

  /** Natural Earth's land: Vietnam or a neighbour. */
  private onLand(x: number, y: number): boolean {
    return this.land!.contains(x, y) || this.neighbourLand.some((t) => t.contains(x, y));
  }
}

/**
 * Measures the outer edge of every unit of `objectName` by class (border per
 * neighbour, coast, gap, inland) and finds the island units. Deterministic:
 * arcs and segments are visited in index order.
 */
export function measureUnits(topology: Topology, objectName: string, reference: BoundaryReference, options: PriorityOptions = {}): UnitEdges[] {
  const tolerance = options.borderTolerance ?? BORDER_TOLERANCE_M;
  const anchorReach = options.borderAnchor ?? BORDER_ANCHOR_M;
  const anchorRadius = options.borderAnchorRadius ?? BORDER_ANCHOR_RADIUS_M;
  const gapWidth = options.gapWidth ?? GAP_WIDTH_M;
  const step = options.sampleStep ?? SAMPLE_STEP_M;
  const object = topology.objects[objectName];
  if (!object) throw new Error(`topology has no object ${objectName}`);
  const geometries = polygonGeometries(object);
  const parts = polygonParts(geometries);
  const arcs = decodeArcs(topology);

  // ---- which part uses each arc, and on which side its land lies ----------------
  const uses = new Int32Array(arcs.length);
  const partOf = new Int32Array(arcs.length).fill(-1);
  // For an arc's first use: 1 when the land is on the left of the arc's stored direction.
  const landLeft = new Uint8Array(arcs.length);
  const partArea = new Float64Array(parts.length);
  const perimeter = new Float64Array(parts.length);
  // Metres of contact between two parts (key: lower × parts + higher): shared edges, and half of a seam's two sides.
  const contact = new Map<number, number>();
  const touch = (a: number, b: number, metres: number) => {
    if (a === b) return;
    const key = Math.min(a, b) * parts.length + Math.max(a, b);
    contact.set(key, (contact.get(key) ?? 0) + metres);
  };
  const arcLength = (ai: number) => {
    const arc = arcs[ai];
    let m = 0;
    for (let i = 0; i + 1 < arc.length; i++) m += segmentMetres(arc[i], arc[i + 1]);
    return m;
  };
  const loaded = new PolygonSet();
  parts.forEach((p, pi) => {
    const rings = p.rings.map((ring) => ringPositions(ring, arcs));
    loaded.add(rings);
    p.rings.forEach((ring, ri) => {
      const area = ringAreaKm2(rings[ri]);
      partArea[pi] += ri === 0 ? Math.abs(area) : -Math.abs(area);
      // An outer ring has its land on the left when it turns anticlockwise, a hole when it turns clockwise.
      const leftOfRing = (ri === 0) === area > 0;
      for (const ref of ring) {
        const ai = arcIndex(ref);
        const m = arcLength(ai);
        perimeter[pi] += m;
        if (uses[ai]++ === 0) {
          partOf[ai] = pi;
          landLeft[ai] = (ref >= 0) === leftOfRing ? 1 : 0;
        } else touch(pi, partOf[ai], m);
      }
    });
  });

  const outer: number[] = [];
  for (let ai = 0; ai < arcs.length; ai++) if (uses[ai] === 1) outer.push(ai);

  // ---- holes: rings of outer edges that enclose no land ---------------------------
  // Outer arcs chain into the rings of the union's boundary. Oriented with the land
  // on the left, an outline turns anticlockwise (positive area) and a hole clockwise.
  const chains = new UnionFind(arcs.length);
  const endpointArc = new Map<string, number>();
  for (const ai of outer) {
    const arc = arcs[ai];
    for (const p of [arc[0], arc[arc.length - 1]]) {
      const key = `${p[0]},${p[1]}`;
      const other = endpointArc.get(key);
      if (other === undefined) endpointArc.set(key, ai);
      else chains.union(ai, other);
    }
  }
  const [ox, oy] = topology.bbox ? [(topology.bbox[0] + topology.bbox[2]) / 2, (topology.bbox[1] + topology.bbox[3]) / 2] : [0, 0];
  const chainArea = new Map<number, number>();
  for (const ai of outer) {
    const arc = arcs[ai];
    let s = 0;
    for (let i = 0; i + 1 < arc.length; i++) s += (arc[i][0] - ox) * (arc[i + 1][1] - oy) - (arc[i + 1][0] - ox) * (arc[i][1] - oy);
    const root = chains.find(ai);
    chainArea.set(root, (chainArea.get(root) ?? 0) + (landLeft[ai] ? s : -s));
  }
  const inHole = (ai: number) => (chainArea.get(chains.find(ai)) ?? 0) < 0;

  // ---- the outer edge, segment by segment, with its outward normal --------------
  const edges = new SegmentIndex(0.005);
  const segPart: number[] = [];
  const segNx: number[] = [];
  const segNy: number[] = [];
  const segArc: number[] = [];
  for (const ai of outer) {
    const arc = arcs[ai];
    for (let i = 0; i + 1 < arc.length; i++) {
      const [ax, ay] = arc[i];
      const [bx, by] = arc[i + 1];
      const k = Math.cos((((ay + by) / 2) * Math.PI) / 180);
      const dx = (bx - ax) * k;
      const dy = by - ay;
      const len = Math.hypot(dx, dy);
      if (len === 0) continue;
      edges.add(ax, ay, bx, by);
      // Outward = away from the land: the right-hand normal when the land is on the left.
      const sign = landLeft[ai] ? 1 : -1;
      segNx.push((sign * dy) / len);
      segNy.push((-sign * dx) / len);
      segPart.push(partOf[ai]);
      segArc.push(ai);
    }
  }

  const ref = new Reference(reference, tolerance, options.inlandReach ?? INLAND_REACH_M, options.rayAngles ?? RAY_ANGLES_DEG, options.landSlack ?? LAND_SLACK_M, loaded, options.seaArcReach ?? SEA_ARC_REACH_M, options.seaArcMin ?? SEA_ARC_MIN);
  const out: UnitEdges[] = geometries.map((g) => ({ code: String(g.id), border: reference.neighbours.map(() => 0), coast: 0, gap: 0, inland: 0, island: false }));

  // Each piece of outer edge, classified in two passes: border needs the neighbour's land
  // met close to the edge somewhere near (`BORDER_ANCHOR_M`), which only all pieces tell.
  const pieceSeg: number[] = [];
  const pieceX: number[] = [];
  const pieceY: number[] = [];
  const pieceM: number[] = [];
  const pieceCls: EdgeClass[] = [];
  const pieceWho: number[] = [];
  // 1 when the piece's view meets the neighbour within `BORDER_ANCHOR_M`.
  const pieceAnchor: number[] = [];
  // Per neighbour, the border pieces whose view meets its land within `BORDER_ANCHOR_M`.
  const anchors = reference.neighbours.map(() => new SegmentIndex(0.02));
  for (let s = 0; s < edges.size; s++) {
    const [ax, ay, bx, by] = edges.segment(s);
    const part = segPart[s];
    const unit = parts[part].geometry;
    const len = segmentMetres([ax, ay], [bx, by]);
    const n = Math.max(1, Math.ceil(len / step));
    const hole = inHole(segArc[s]);
    for (let j = 0; j < n; j++) {
      const t = (j + 0.5) / n;
      const x = ax + (bx - ax) * t;
      const y = ay + (by - ay) * t;
      const piece = len / n;
      pieceSeg.push(s);
      pieceX.push(x);
      pieceY.push(y);
      pieceM.push(piece);
      pieceWho.push(-1);
      pieceAnchor.push(0);
      if (hole) {
        pieceCls.push('gap');
        continue;
      }
      // Gap: another stretch of outer edge facing this one, in front of it (a sliver, a
      // narrow inlet) or, for another unit, behind it (an overlap).
      let gap = false;
      let seam = -1;
      edges.near(x, y, gapWidth, (h) => {
        if (h.index === s) return;
        if (segNx[s] * segNx[h.index] + segNy[s] * segNy[h.index] > -0.5) return;
        const ahead = h.dx * segNx[s] + h.dy * segNy[s] > 0;
        const otherPart = segPart[h.index];
        if (!ahead && parts[otherPart].geometry === unit) return;
        gap = true;
        // A seam: the same edge drawn twice, a hair apart, joins the parts on its sides; water never does.
        if (h.dist <= SEAM_WIDTH_M && otherPart !== part && (seam < 0 || otherPart < seam)) seam = otherPart;
      });
      if (gap) {
        pieceCls.push('gap');
        if (seam >= 0) touch(part, seam, piece / 2);
        continue;
      }
      const border = ref.borderAt(x, y, segNx[s], segNy[s], anchorReach);
      if (border) {
        pieceCls.push('border');
        pieceWho[pieceWho.length - 1] = border.who;
        pieceAnchor[pieceAnchor.length - 1] = border.anchor ? 1 : 0;
        if (border.anchor) anchors[border.who].add(x, y, x, y);
      } else pieceCls.push(ref.inland(x, y, segNx[s], segNy[s]) ? 'inland' : 'coast');
    }
  }
  for (let i = 0; i < pieceSeg.length; i++) {
    const s = pieceSeg[i];
    const rec = out[parts[segPart[s]].geometry];
    let cls = pieceCls[i];
    const who = pieceWho[i];
    // Border met only far out, with no stretch near it met close: a province's edge facing
    // the neighbour across a strip of the next province, not the border.
    if (cls === 'border' && !pieceAnchor[i] && !anchors[who].any(pieceX[i], pieceY[i], anchorRadius)) {
      cls = ref.inland(pieceX[i], pieceY[i], segNx[s], segNy[s]) ? 'inland' : 'coast';
    }
    const piece = pieceM[i];
    if (cls === 'border') rec.border[who] += piece;
    else rec[cls] += piece;
    options.onPiece?.(rec.code, pieceX[i], pieceY[i], cls, piece);
  }

  // ---- land masses and islands ---------------------------------------------------
  // Parts join when they touch along enough of an edge; an island that meets the mainland
  // only through a thin strip, or across a narrow stretch of water, stays apart.
  const masses = new UnionFind(parts.length);
  for (const [key, metres] of [...contact.entries()].sort((a, b) => a[0] - b[0])) {
    const a = Math.floor(key / parts.length);
    const b = key % parts.length;
    if (metres >= MIN_JOIN_M || metres >= JOIN_SHARE * Math.min(perimeter[a], perimeter[b])) masses.union(a, b);
  }
  const massArea = new Map<number, number>();
  parts.forEach((_, pi) => massArea.set(masses.find(pi), (massArea.get(masses.find(pi)) ?? 0) + partArea[pi]));
  let largest = -1;
  for (const [root, area] of massArea) if (largest < 0 || area > massArea.get(largest)! || (area === massArea.get(largest)! && root < largest)) largest = root;
  const mainland = (root: number) => root === largest || massArea.get(root)! >= MAINLAND_MIN_AREA_KM2;
  const onMainland = new Uint8Array(geometries.length);
  parts.forEach((p, pi) => {
    if (mainland(masses.find(pi))) onMainland[p.geometry] = 1;
  });
  out.forEach((rec, gi) => {
    rec.island = onMainland[gi] === 0;
  });
  return out;
}

const round1 = (metres: number) => Math.round(metres / 100) / 10;

/**
 * The flags of measured units, with their evidence:
 *
 * - `border`: at least `MIN_BORDER_LENGTH_M` of land border with one neighbour;
 *   one flag per neighbour, detail = its name, length in km;
 * - `maritime`: at least `MIN_COAST_LENGTH_M` of coast, length in km;
 * - `island`: none of the unit's land on the mainland, or a `đặc khu`.
 *
 * Flags come out in unit order, then border (in neighbour order), maritime, island.
 */
export function flagsFromEdges(units: readonly UnitEdges[], neighbours: readonly NeighbourCountry[], options: PriorityOptions = {}): ComputedFlag[] {
  const minBorder = options.minBorderLength ?? MIN_BORDER_LENGTH_M;
  const minCoast = options.minCoastLength ?? MIN_COAST_LENGTH_M;
  const flags: ComputedFlag[] = [];
  for (const rec of units) {
    rec.border.forEach((m, who) => {
      if (m >= minBorder) flags.push({ code: rec.code, kind: 'border', detail: neighbours[who].name, lengthKm: round1(m) });
    });
    if (rec.coast >= minCoast) flags.push({ code: rec.code, kind: 'maritime', detail: null, lengthKm: round1(rec.coast) });
    const special = options.unitTypes?.get(rec.code) === SPECIAL_ZONE_TYPE;
    if (rec.island || special) flags.push({ code: rec.code, kind: 'island', detail: special ? SPECIAL_ZONE_TYPE : null, lengthKm: null });
  }
  return flags;
}

/** Measures the units of a TopoJSON object and returns their flags (`measureUnits`, then `flagsFromEdges`). */
export function computePriorityFlags(topology: Topology, objectName: string, reference: BoundaryReference, options: PriorityOptions = {}): ComputedFlag[] {
  return flagsFromEdges(measureUnits(topology, objectName, reference, options), reference.neighbours, options);
}
