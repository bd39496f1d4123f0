/**
 * The demo dataset generator: Natural Earth provinces → synthetic pre-2025
 * communes (seeded Voronoi) → 2025 communes (seeded merging in topology space)
 * → computed and declared priority flags → ratings 2011–2025 → bundle parts.
 *
 * Deterministic: same seed, same bytes. No clock, no Math.random; every random
 * stream derives from the seed and a label; iteration follows code order.
 */
import * as turf from '@turf/turf';
import { zoneOverlaps } from '../geo/zones.ts';
import { topology as buildTopology } from 'topojson-server';
import { feature, mergeArcs, quantize } from 'topojson-client';
import { presimplify, simplify } from 'topojson-simplify';
import type { Feature, FeatureCollection, GeoJsonObject, MultiPolygon, Polygon } from 'geojson';
import type { GeometryCollection, MultiPolygon as TopoMultiPolygon, Objects, Polygon as TopoPolygon, Topology } from 'topojson-specification';
import { PROVINCES_2025, PROVINCES_PRE2025, NATURAL_EARTH_ISLAND_FEATURES } from '../model/provinces.ts';
import { computePriorityFlags } from '../geo/priority.ts';
import type { BoundaryReference, NeighbourCountry } from '../geo/priority.ts';
import { mergePriority, type PriorityRow as FlagRow } from '../model/priority.ts';
import { loadNaturalEarth, provinceGeometries } from './sources.ts';
import { buildLands, clipNeighbour } from './geography.ts';
import { ISLAND_GROUPS } from './islands.ts';
import { ZONE_SEEDS, zoneName } from './zones.ts';
import { makeRng } from './rng.ts';
import { tessellate } from './tessellate.ts';
import { areaKm2, blob, centroidOf, node, pointInPolys } from './planar.ts';
import type { Polys } from './planar.ts';
import { drawNames, typePrefix } from './names.ts';
import { growRegions } from './merge.ts';
import { rateYear, smoothField } from './ratings.ts';
import type { ColumnSpec } from '../io/tables.ts';
import { referenceProvincesFc, tableColumns as schemaColumns } from '../io/pack.ts';

export interface DemoOptions {
  seed: number;
  /** Total pre-2025 communes; default 10,600. */
  pre2025Total?: number;
}

export type Structure = 'pre2025' | '2025';

export interface UnitRow {
  code: string;
  name: string;
  unit_type: string;
  level: 'commune' | 'province';
  structure: Structure;
  province_code: string;
  province_name: string;
  area_km2: number;
}

/** A row of the `priority` table: a flag (src/model/priority.ts) in one structure. */
export interface PriorityRow extends FlagRow {
  structure: Structure;
}

export interface DemoData {
  units: UnitRow[];
  ratings: { code: string; structure: Structure; year: number; rating: string; score: number; participation: number; incidents: number }[];
  priority: PriorityRow[];
  zones: { id: string; kind: string; name: string; province_code: string }[];
  crosswalk: { old_code: string; new_code: string; share: number }[];
  boundaries: Topology;
}

export const YEARS_PRE2025 = Array.from({ length: 14 }, (_, i) => 2011 + i);
export const YEAR_2025 = 2025;

const NEIGHBOUR_NAMES: Record<'CN' | 'LA' | 'KH', { vi: string }> = {
  CN: { vi: 'Trung Quốc' },
  LA: { vi: 'Lào' },
  KH: { vi: 'Campuchia' },
};

/** Shares of ethnic-minority communes by pre-2025 province, with the main groups named in `detail`. */
const ETHNIC: Record<string, [share: number, detail: string]> = {
  '02': [0.9, "H'Mông, Tày, Dao"], '04': [0.9, 'Tày, Nùng'], '06': [0.85, 'Tày, Dao'], '08': [0.55, 'Tày, Dao'],
  '10': [0.75, "H'Mông, Dao"], '11': [0.85, "Thái, H'Mông"], '12': [0.9, "Thái, H'Mông, Dao"], '14': [0.85, "Thái, H'Mông"],
  '15': [0.6, 'Tày, Dao'], '17': [0.75, 'Mường, Thái'], '19': [0.3, 'Tày, Nùng'], '20': [0.85, 'Nùng, Tày'],
  '22': [0.15, 'Dao, Tày'], '24': [0.2, 'Nùng, Tày'], '25': [0.15, 'Mường'], '38': [0.35, 'Mường, Thái'],
  '40': [0.35, 'Thái, Khơ Mú'], '44': [0.1, 'Bru - Vân Kiều'], '45': [0.15, 'Bru - Vân Kiều, Pa Kô'], '46': [0.1, 'Tà Ôi, Cơ Tu'],
  '49': [0.3, 'Cơ Tu, Xơ Đăng'], '51': [0.25, "H're, Cor"], '52': [0.1, 'Ba Na'], '54': [0.12, 'Ê Đê, Chăm'],
  '56': [0.12, 'Raglai'], '58': [0.3, 'Chăm, Raglai'], '60': [0.1, "Chăm, K'Ho"], '62': [0.7, 'Xơ Đăng, Ba Na'],
  '64': [0.6, 'Gia Rai, Ba Na'], '66': [0.55, "Ê Đê, M'Nông"], '67': [0.5, "M'Nông, Ê Đê"], '68': [0.45, "K'Ho, Mạ"],
  '70': [0.3, "X'Tiêng"], '84': [0.45, 'Khmer'], '89': [0.15, 'Khmer, Chăm'], '91': [0.2, 'Khmer'],
  '93': [0.1, 'Khmer'], '94': [0.45, 'Khmer'], '95': [0.2, 'Khmer'],
};

/** Largest-remainder apportionment of `total` proportional to `weights`, each at least `min`. */
export function apportion(weights: number[], total: number, min = 0): number[] {
  const free = total - min * weights.length;
  if (free < 0) throw new Error(`cannot give ${min} to each of ${weights.length} with ${total}`);
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (sum > 0 ? (w / sum) * free : free / weights.length));
  const out = raw.map((r) => Math.floor(r));
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const short = free - out.reduce((a, b) => a + b, 0);
  for (let k = 0; k < short; k++) out[order[k][1]]++;
  return out.map((o) => o + min);
}

interface OldCommune {
  provinceCode: string;
  islandKey: string | null;
  cell: Polys;
  seatDistance: number;
  area: number;
  centroid: [number, number];
  code: string;
  name: string;
  unitType: string;
}

/** Runs the whole generator in memory. */
export function generateDemo(options: DemoOptions): DemoData {
  const seed = options.seed;
  const total = options.pre2025Total ?? 10_600;
  const ne = loadNaturalEarth(Object.keys(NATURAL_EARTH_ISLAND_FEATURES));
  const lands = buildLands(ne.admin1, makeRng(seed, 'islands'));

  // ---- pre-2025 communes -------------------------------------------------
  const targets = apportion(PROVINCES_PRE2025.map((p) => p.communes), total, 1);
  const scale = total / PROVINCES_PRE2025.reduce((a, p) => a + p.communes, 0);
  const islandCells = new Map(ISLAND_GROUPS.map((g) => {
    const a = areaKm2(lands.islands.get(g.key)!);
    return [g.key, Math.min(8, Math.max(1, Math.round(a / 60)))] as const;
  }));

  const old: OldCommune[] = [];
  PROVINCES_PRE2025.forEach((p, pi) => {
    const groups = ISLAND_GROUPS.filter((g) => g.provinceCode === p.code);
    const nMain = targets[pi] - groups.reduce((a, g) => a + islandCells.get(g.key)!, 0);
    const urbanShare = Math.min(0.75, (p.wards + 0.5 * p.townships) / p.communes + 0.05);
    const tess = tessellate(lands.provinces.get(p.code)!, nMain, makeRng(seed, `tess:${p.code}`), { urbanShare });
    const mainland = tess.cells.map((cell, i) => ({ cell, seatDistance: tess.seatDistance[i], area: areaKm2(cell) }));
    // Codes run outward from the province seat, as real codes start with the capital's wards.
    const order = mainland.map((_, i) => i).sort((a, b) => mainland[a].seatDistance - mainland[b].seatDistance || a - b);
    const nameRng = makeRng(seed, `names:${p.code}`);
    const names = drawNames(nameRng, targets[pi]);
    const nWards = Math.min(nMain - 1, Math.round(p.wards * scale));
    const nTownships = Math.min(nMain - 1 - nWards, Math.round(p.townships * scale));
    const byArea = mainland.map((_, i) => i).sort((a, b) => mainland[a].area - mainland[b].area || a - b);
    const types = new Array<string>(mainland.length).fill('xã');
    byArea.slice(0, nWards).forEach((i) => (types[i] = 'phường'));
    const rest = byArea.slice(nWards);
    const typeRng = makeRng(seed, `types:${p.code}`);
    for (let k = 0; k < nTownships && rest.length > 0; k++) types[rest.splice(typeRng.int(rest.length), 1)[0]] = 'thị trấn';
    let n = 0;
    for (const i of order) {
      const m = mainland[i];
      old.push({ provinceCode: p.code, islandKey: null, cell: m.cell, seatDistance: m.seatDistance, area: m.area, centroid: centroidOf(m.cell), code: '', name: `${typePrefix(types[i])} ${names[n++]}`, unitType: types[i] });
    }
    for (const g of groups) {
      const k = islandCells.get(g.key)!;
      const t = tessellate(lands.islands.get(g.key)!, k, makeRng(seed, `tess:${g.key}`), { urbanShare: 0.3 });
      t.cells.forEach((cell) => {
        const name = k === 1 ? g.name : names[n];
        n++;
        old.push({ provinceCode: p.code, islandKey: g.key, cell, seatDistance: Infinity, area: areaKm2(cell), centroid: centroidOf(cell), code: '', name: `Xã ${name}`, unitType: 'xã' });
      });
    }
  });
  old.forEach((c, i) => (c.code = String(1 + 3 * i).padStart(5, '0')));
  const noded = node(old.map((c) => c.cell));

  // ---- neighbours and zones ----------------------------------------------
  const neighbourFeatures: Feature<MultiPolygon, { name: string }>[] = (['CN', 'LA', 'KH'] as const).map((id) => ({
    type: 'Feature', id, properties: { name: NEIGHBOUR_NAMES[id].vi },
    geometry: { type: 'MultiPolygon', coordinates: clipNeighbour(ne.countries[id]) },
  }));
  const neighbours: NeighbourCountry[] = neighbourFeatures.map((f) => ({ id: String(f.id), name: f.properties.name, geometry: f.geometry }));
  // The same reference the pack CLI uses for real data, stored in the bundle for the in-app import.
  const national = ne.vietnam.geometry;
  const reference: BoundaryReference = { neighbours, national, provinces: provinceGeometries(ne) };

  const zoneRng = makeRng(seed, 'zones');
  const zoneRows: DemoData['zones'] = [];
  const zoneFeatures: Feature<Polygon | MultiPolygon>[] = [];
  for (const z of ZONE_SEEDS) {
    const ring = blob(z.centre, z.radiusKm, 16, zoneRng);
    const prov = PROVINCES_PRE2025.find((p) => pointInPolys(z.centre[0], z.centre[1], lands.provinces.get(p.code)!));
    if (!prov) throw new Error(`zone ${z.id} (${z.place}) is not on land`);
    const clipped = turf.intersect(turf.featureCollection<Polygon | MultiPolygon>([turf.polygon([ring]), turf.multiPolygon(lands.provinces.get(prov.code)!)]));
    if (!clipped) throw new Error(`zone ${z.id} vanished when clipped to land`);
    zoneFeatures.push({ type: 'Feature', id: z.id, properties: null, geometry: clipped.geometry });
    zoneRows.push({ id: z.id, kind: z.kind, name: zoneName(z), province_code: prov.newCode });
  }

  // ---- one topology for everything ----------------------------------------
  const communeFc: FeatureCollection<Polygon | MultiPolygon> = {
    type: 'FeatureCollection',
    features: old.map((c, i) => ({
      type: 'Feature', id: c.code, properties: null,
      geometry: noded[i].length === 1 ? { type: 'Polygon', coordinates: noded[i][0] } : { type: 'MultiPolygon', coordinates: noded[i] },
    })),
  };
  // A fine pre-quantisation (1e6) snaps float noise from clipping so shared edges become shared arcs.
  const inputs: Record<string, GeoJsonObject> = {
    communes_pre2025: communeFc,
    neighbours: { type: 'FeatureCollection', features: neighbourFeatures } as FeatureCollection,
    zones: { type: 'FeatureCollection', features: zoneFeatures } as FeatureCollection,
    national: { type: 'Feature', id: 'VN', properties: null, geometry: national } as Feature,
    reference_provinces: referenceProvincesFc(reference.provinces!),
  };
  const topo = buildTopology(inputs, 1e6);
  const oldObj = topo.objects.communes_pre2025 as GeometryCollection;
  const oldGeoms = oldObj.geometries as (TopoPolygon | TopoMultiPolygon)[];
  for (const g of [...oldGeoms, ...(topo.objects.zones as GeometryCollection).geometries]) delete g.properties;

  // Adjacency through shared arcs.
  const arcUsers = new Map<number, number[]>();
  oldGeoms.forEach((g, gi) => {
    const rings = g.type === 'Polygon' ? g.arcs : g.arcs.flat();
    for (const r of rings) for (const ref of r) {
      const a = ref < 0 ? ~ref : ref;
      const list = arcUsers.get(a) ?? [];
      if (!list.includes(gi)) list.push(gi);
      arcUsers.set(a, list);
    }
  });
  const adjacency: number[][] = old.map(() => []);
  for (const users of arcUsers.values()) {
    if (users.length !== 2) continue;
    const [a, b] = users;
    if (!adjacency[a].includes(b)) adjacency[a].push(b);
    if (!adjacency[b].includes(a)) adjacency[b].push(a);
  }
  for (const list of adjacency) list.sort((a, b) => a - b);

  // ---- 2025 communes by merging ------------------------------------------
  const centroids = old.map((c) => c.centroid);
  interface NewCommune { provinceCode: string; members: number[]; islandKey: string | null; code: string; name: string; unitType: string }
  const fresh: NewCommune[] = [];
  for (const np of PROVINCES_2025) {
    const groups = ISLAND_GROUPS.filter((g) => np.members.includes(g.provinceCode));
    const mainCounts = np.members.map((m) => old.filter((c) => c.provinceCode === m && !c.islandKey).length);
    const alloc = apportion(mainCounts, np.communes - groups.length, 1);
    np.members.forEach((m, mi) => {
      const nodes = old.map((c, i) => (c.provinceCode === m && !c.islandKey ? i : -1)).filter((i) => i >= 0);
      for (const members of growRegions({ nodes, adjacency, centroids }, alloc[mi], makeRng(seed, `merge:${m}`))) {
        fresh.push({ provinceCode: np.code, members: members.sort((a, b) => a - b), islandKey: null, code: '', name: '', unitType: '' });
      }
    });
    for (const g of groups) {
      const members = old.map((c, i) => (c.islandKey === g.key ? i : -1)).filter((i) => i >= 0);
      fresh.push({ provinceCode: np.code, members, islandKey: g.key, code: '', name: '', unitType: 'đặc khu' });
    }
  }
  for (const f of fresh) {
    // The new unit keeps the code of the member nearest its centre, as the reform kept one member's code.
    let wx = 0, wy = 0, w = 0;
    for (const i of f.members) { wx += old[i].centroid[0] * old[i].area; wy += old[i].centroid[1] * old[i].area; w += old[i].area; }
    const c: [number, number] = [wx / w, wy / w];
    let best = f.members[0];
    for (const i of f.members) if ((old[i].centroid[0] - c[0]) ** 2 + (old[i].centroid[1] - c[1]) ** 2 < (old[best].centroid[0] - c[0]) ** 2 + (old[best].centroid[1] - c[1]) ** 2) best = i;
    f.code = old[best].code;
    if (!f.islandKey) {
      // Urban merges become phường; a third of wards already marks a town centre.
      const wards = f.members.filter((i) => old[i].unitType === 'phường').length;
      f.unitType = wards * 3 >= f.members.length ? 'phường' : 'xã';
    }
  }
  fresh.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  for (const np of PROVINCES_2025) {
    const list = fresh.filter((f) => f.provinceCode === np.code);
    const names = drawNames(makeRng(seed, `names2025:${np.code}`), list.length);
    list.forEach((f, i) => {
      const g = f.islandKey ? ISLAND_GROUPS.find((x) => x.key === f.islandKey)! : null;
      f.name = g ? `Đặc khu ${g.name}` : `${typePrefix(f.unitType)} ${names[i]}`;
    });
  }

  const merged = (idx: number[], id: string): TopoMultiPolygon => ({ ...mergeArcs(topo, idx.map((i) => oldGeoms[i])), id });
  topo.objects.communes_2025 = { type: 'GeometryCollection', geometries: fresh.map((f) => merged(f.members, f.code)) };
  topo.objects.provinces_pre2025 = {
    type: 'GeometryCollection',
    geometries: PROVINCES_PRE2025.map((p) => merged(old.map((c, i) => (c.provinceCode === p.code ? i : -1)).filter((i) => i >= 0), p.code)),
  };
  topo.objects.provinces_2025 = {
    type: 'GeometryCollection',
    geometries: PROVINCES_2025.map((np) => merged(fresh.filter((f) => f.provinceCode === np.code).flatMap((f) => f.members), np.code)),
  };
  // Simplify lightly (weights in squared degrees; 2e-7 ≈ a 0.0025 km² triangle), then quantise to 1e5.
  // topojson-server types its output with nullable properties, topojson-simplify wants `{}`; the objects are the same.
  const simplified = simplify(presimplify(topo as unknown as Topology<Objects>), 2e-7);
  const boundaries = quantize(simplified, 1e5);
  const ordered: Topology = {
    type: 'Topology',
    bbox: boundaries.bbox,
    transform: boundaries.transform,
    objects: {
      communes_pre2025: boundaries.objects.communes_pre2025,
      communes_2025: boundaries.objects.communes_2025,
      provinces_pre2025: boundaries.objects.provinces_pre2025,
      provinces_2025: boundaries.objects.provinces_2025,
      neighbours: boundaries.objects.neighbours,
      zones: boundaries.objects.zones,
      national: boundaries.objects.national,
      reference_provinces: boundaries.objects.reference_provinces,
    },
    arcs: boundaries.arcs,
  };

  // ---- areas from the shipped geometry -------------------------------------
  const areaOf = (objectName: string): Map<string, number> => {
    const fc = feature(ordered, ordered.objects[objectName] as GeometryCollection) as FeatureCollection<Polygon | MultiPolygon>;
    return new Map(fc.features.map((f) => [String(f.id), turf.area(f) / 1e6]));
  };
  const areas = {
    pre2025: areaOf('communes_pre2025'),
    '2025': areaOf('communes_2025'),
    provPre: areaOf('provinces_pre2025'),
    prov2025: areaOf('provinces_2025'),
  };

  // ---- priority flags ---------------------------------------------------------
  const priority: PriorityRow[] = [];
  const flagSets: Record<Structure, Map<string, Set<string>>> = { pre2025: new Map(), '2025': new Map() };
  const addFlag = (row: PriorityRow) => {
    priority.push(row);
    const m = flagSets[row.structure];
    if (!m.has(row.code)) m.set(row.code, new Set());
    m.get(row.code)!.add(row.kind);
  };
  // Computed with the import's rules: the reference above, and a đặc khu is an island by law.
  const unitTypes = new Map(old.map((c) => [c.code, c.unitType] as const));
  const unitTypes2025 = new Map(fresh.map((f) => [f.code, f.unitType] as const));
  const computed: Record<Structure, ReturnType<typeof computePriorityFlags>> = {
    pre2025: computePriorityFlags(ordered, 'communes_pre2025', reference, { unitTypes }),
    '2025': computePriorityFlags(ordered, 'communes_2025', reference, { unitTypes: unitTypes2025 }),
  };

  // Ethnic-minority communes (declared): the remotest rural communes of each listed province.
  const ethnicRng = makeRng(seed, 'ethnic');
  const ethnicOld = new Map<number, string>();
  for (const p of PROVINCES_PRE2025) {
    const e = ETHNIC[p.code];
    if (!e) continue;
    const rural = old.map((c, i) => (c.provinceCode === p.code && c.unitType !== 'phường' ? i : -1)).filter((i) => i >= 0);
    const key = new Map(rural.map((i) => [i, Math.min(old[i].seatDistance, 5) + ethnicRng.normal(0, 0.25)]));
    const picked = [...rural].sort((a, b) => key.get(b)! - key.get(a)! || a - b).slice(0, Math.round(e[0] * rural.length));
    for (const i of picked) ethnicOld.set(i, e[1]);
  }

  // Industrial zones: communes whose land overlaps a zone by more than 1 ha (src/geo/zones.ts).
  const zoneHits = (objectName: string): Map<string, string[]> => {
    const hits = new Map<string, string[]>();
    for (const { code, zone } of zoneOverlaps(ordered, objectName)) hits.set(code, [...(hits.get(code) ?? []), zoneRows.find((r) => r.id === zone)!.name]);
    return hits;
  };

  for (const structure of ['pre2025', '2025'] as const) {
    const comp = computed[structure];
    const zones = zoneHits(structure === 'pre2025' ? 'communes_pre2025' : 'communes_2025');
    const fromBoundaries: FlagRow[] = comp.map((f) => ({ code: f.code, kind: f.kind, detail: f.detail, source: 'computed', length_km: f.lengthKm }));
    for (const [code, names] of zones) for (const n of names) fromBoundaries.push({ code, kind: 'industrial_zone', detail: n, source: 'computed', length_km: null });
    const declared: FlagRow[] = [];
    if (structure === 'pre2025') {
      old.forEach((c, i) => { const d = ethnicOld.get(i); if (d) declared.push({ code: c.code, kind: 'ethnic_minority', detail: d, source: 'declared', length_km: null }); });
    } else {
      for (const f of fresh) {
        let ea = 0, ta = 0; let detail = '';
        for (const i of f.members) { ta += old[i].area; const d = ethnicOld.get(i); if (d) { ea += old[i].area; detail ||= d; } }
        if (ea * 2 > ta) declared.push({ code: f.code, kind: 'ethnic_minority', detail, source: 'declared', length_km: null });
      }
    }
    // The same merge as an import: a declared flag would replace a computed one of its unit and kind.
    for (const r of mergePriority(fromBoundaries, declared).rows) addFlag({ ...r, structure });
  }

  // ---- ratings ---------------------------------------------------------------
  const field = smoothField(makeRng(seed, 'field'));
  const provRng = makeRng(seed, 'province-effect');
  const provEffect = new Map(PROVINCES_PRE2025.map((p) => [p.code, provRng.normal(0, 0.3)]));
  const penalty: Record<string, number> = { border: 0.35, ethnic_minority: 0.3, island: 0.15, industrial_zone: 0.25, maritime: 0.1 };
  const latentRng = makeRng(seed, 'latent');
  const base = old.map((c) => {
    let b = field(c.centroid[0], c.centroid[1]) + provEffect.get(c.provinceCode)! + latentRng.normal(0, 0.45);
    for (const k of flagSets.pre2025.get(c.code) ?? []) b -= penalty[k] ?? 0;
    return b;
  });
  const slope = old.map(() => 0.1 + latentRng.normal(0, 0.03));
  let noise = old.map(() => latentRng.normal(0, 0.35));
  const ratings: DemoData['ratings'] = [];
  const indicatorRng = makeRng(seed, 'indicators');
  let last: ReturnType<typeof rateYear> = [];
  for (const year of YEARS_PRE2025) {
    const t = year - 2011;
    if (t > 0) noise = noise.map((e) => 0.6 * e + latentRng.normal(0, 0.3));
    last = rateYear(old.map((_, i) => base[i] + slope[i] * t + noise[i]), year, indicatorRng);
    last.forEach((r, i) => ratings.push({ code: old[i].code, structure: 'pre2025', year, ...r }));
  }
  const mergeRng = makeRng(seed, 'rating2025');
  const score2025 = fresh.map((f) => {
    let s = 0, w = 0;
    for (const i of f.members) { s += last[i].score * old[i].area; w += old[i].area; }
    let v = s / w + mergeRng.normal(0, 4);
    for (const k of flagSets['2025'].get(f.code) ?? []) v -= 4 * (penalty[k] ?? 0);
    return v;
  });
  rateYear(score2025, YEAR_2025, indicatorRng).forEach((r, i) => ratings.push({ code: fresh[i].code, structure: '2025', year: YEAR_2025, ...r }));
  // Hoàng Sa and Trường Sa are units of the map but are not rated (no commune police there):
  // their rows go after every draw, so the other communes' ratings are those of the full draw.
  const unratedKeys = new Set(ISLAND_GROUPS.filter((g) => g.unrated).map((g) => g.key));
  const isUnrated = (c: { islandKey: string | null }) => !!c.islandKey && unratedKeys.has(c.islandKey);
  const unrated = new Set([...old.filter(isUnrated).map((c) => `pre2025|${c.code}`), ...fresh.filter(isUnrated).map((f) => `2025|${f.code}`)]);
  for (let i = ratings.length - 1; i >= 0; i--) if (unrated.has(`${ratings[i].structure}|${ratings[i].code}`)) ratings.splice(i, 1);

  // ---- units and crosswalk -------------------------------------------------------
  const units: UnitRow[] = [];
  const round3 = (x: number) => Math.round(x * 1000) / 1000;
  for (const p of PROVINCES_PRE2025) units.push({ code: p.code, name: p.name, unit_type: p.type, level: 'province', structure: 'pre2025', province_code: p.code, province_name: p.name, area_km2: round3(areas.provPre.get(p.code)!) });
  for (const c of old) {
    const p = PROVINCES_PRE2025.find((x) => x.code === c.provinceCode)!;
    units.push({ code: c.code, name: c.name.normalize('NFC'), unit_type: c.unitType, level: 'commune', structure: 'pre2025', province_code: p.code, province_name: p.name, area_km2: round3(areas.pre2025.get(c.code)!) });
  }
  for (const p of PROVINCES_2025) units.push({ code: p.code, name: p.name, unit_type: p.type, level: 'province', structure: '2025', province_code: p.code, province_name: p.name, area_km2: round3(areas.prov2025.get(p.code)!) });
  for (const f of fresh) {
    const p = PROVINCES_2025.find((x) => x.code === f.provinceCode)!;
    units.push({ code: f.code, name: f.name.normalize('NFC'), unit_type: f.unitType, level: 'commune', structure: '2025', province_code: p.code, province_name: p.name, area_km2: round3(areas['2025'].get(f.code)!) });
  }
  const crosswalk: DemoData['crosswalk'] = [];
  for (const f of fresh) for (const i of f.members) crosswalk.push({ old_code: old[i].code, new_code: f.code, share: 1 });
  crosswalk.sort((a, b) => (a.old_code < b.old_code ? -1 : 1));

  return { units, ratings, priority, zones: zoneRows, crosswalk, boundaries: ordered };
}

/** Column specs of each table, in the order of the data contract. */
export function tableColumns(data: DemoData): Record<'units' | 'ratings' | 'priority' | 'zones' | 'crosswalk', ColumnSpec[]> {
  const col = <T>(rows: T[], name: keyof T & string, type: ColumnSpec['type'], digits?: number): ColumnSpec => ({
    name, type, digits, values: rows.map((r) => r[name] as unknown as string | number | null),
  });
  const r = data.ratings;
  return {
    units: schemaColumns('units', data.units),
    // The demo's own indicators and the decimals it draws them with.
    ratings: [col(r, 'code', 'utf8'), col(r, 'structure', 'utf8'), col(r, 'year', 'int16'), col(r, 'rating', 'utf8'), col(r, 'score', 'float32', 1), col(r, 'participation', 'float32', 1), col(r, 'incidents', 'float32', 2)],
    priority: schemaColumns('priority', data.priority),
    zones: schemaColumns('zones', data.zones),
    crosswalk: schemaColumns('crosswalk', data.crosswalk),
  };
}
