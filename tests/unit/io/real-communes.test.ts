/**
 * The priority flags at commune scale on real edges. There is no real commune
 * file here (the 2025 communes are held out), so each real district of the
 * shared data set vn-pre2025-dvhcvn (read in place, never copied: see
 * real-data.test.ts) is cut into 5 pieces (tests/unit/io/split-districts.ts):
 * ~3,460 units the size of 2025 communes whose outer edge is the real national
 * outline, land borders and coast. The pieces go through the import path of
 * `npm run pack` (importFiles with Natural Earth's reference), and their flags
 * are checked against the districts' own (real-data.test.ts checks those
 * against what is known of Vietnam): a border piece lies in a border district
 * on the same neighbour and every border district keeps one per neighbour; no
 * coast inland or far from Natural Earth's coastline, and some in every coastal
 * district; the island districts' pieces all islands, no other. Skips, saying
 * so, without the data.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tableFromIPC } from 'apache-arrow';
import type { FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { importFiles } from '../../../src/io/import.ts';
import { naturalEarthReference } from '../../../scripts/pack.ts';
import { sharedData } from '../../shared-data.ts';
import { expectBalanced } from './helpers.ts';
import * as turf from '@turf/turf';
import { splitDistricts, type Props } from './split-districts.ts';

const FILE = 'districts_excl_quang_ninh.geojson';
const { dir: DIR, present, why } = sharedData('vn-pre2025-dvhcvn', [FILE]);
if (!present) console.warn(`skipping the commune-scale flag tests: ${why}`);

/** The 28 coastal provinces (as in real-data.test.ts). */
const COASTAL = ['22', '31', '34', '36', '37', '38', '40', '42', '44', '45', '46', '48', '49', '51', '52', '54', '56', '58', '60', '77', '79', '82', '83', '84', '91', '94', '95', '96'];
/** The island districts of the file (as in real-data.test.ts). */
const ISLAND_DISTRICTS = ['Cát Hải', 'Bạch Long Vĩ', 'Cồn Cỏ', 'Hoàng Sa', 'Lý Sơn', 'Trường Sa', 'Phú Quí', 'Côn Đảo', 'Phú Quốc', 'Kiên Hải'];
/** A maritime piece none of whose vertices is this close (m) to Natural Earth's coastline is far inland: Natural Earth's coast is within a few km of the real one, lagoons and estuaries aside. */
const FAR_INLAND_M = 15_000;
/** The cut: 5 pieces a district, seed 42; ATLAS_SPLIT_PIECES and ATLAS_SPLIT_SEED try others (smaller pieces, other cuts). */
const PIECES = Number(process.env.ATLAS_SPLIT_PIECES ?? 5);
const SEED = Number(process.env.ATLAS_SPLIT_SEED ?? 42);

type Geometry = Polygon | MultiPolygon;
interface Flag {
  code: string;
  kind: string;
  detail: string | null;
  length_km: number | null;
}
interface Loaded {
  props: Map<string, Props>;
  geometry: Map<string, Geometry>;
  flags: Flag[];
  ms: number;
  summary: string;
  /** Outer edge that is neither border nor coast (km): gaps between units, and edge inside the country. */
  gapKm: number;
  inlandKm: number;
}

async function load(fc: FeatureCollection<Geometry, Props>, digits: number): Promise<Loaded> {
  const bytes = new TextEncoder().encode(JSON.stringify(fc));
  const codes = fc.features.map((f) => f.properties.level2_id);
  const ratings = new TextEncoder().encode(`code,year,rating\n${codes.map((c) => `${c},2024,K`).join('\n')}\n`);
  const t0 = performance.now();
  const result = await importFiles([{ name: 'units.geojson', bytes }, { name: 'r.csv', bytes: ratings }], { ...naturalEarthReference(), codeDigits: digits, mappings: { 'units.geojson': { code: 'level2_id', name: 'name', province_code: 'level1_id', province_name: 'province_name' } } });
  const ms = performance.now() - t0;
  expectBalanced(result.report);
  expect(result.report.files[0]).toMatchObject({ total: fc.features.length, loaded: fc.features.length });
  const s = result.packed!.flags;
  const summary = `${s.kinds.map((k) => `${k.id} ${k.units}`).join(', ')}; border ${s.neighbours.map((n) => `${n.name} ${n.units}`).join(', ')}; outer edge: ${s.gapKm.toFixed(0)} km gaps, ${s.inlandKm.toFixed(0)} km inland`;
  const flags = tableFromIPC(result.bundle!.parts.priority).toArray().map((r) => r.toJSON() as Flag);
  return { props: new Map(fc.features.map((f) => [f.properties.level2_id, f.properties])), geometry: new Map(fc.features.map((f) => [f.properties.level2_id, f.geometry])), flags, ms, summary, gapKm: s.gapKm, inlandKm: s.inlandKm };
}

/** `code → neighbours` of the border flags. */
function bordersOf(l: Loaded): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const f of l.flags) if (f.kind === 'border') out.set(f.code, new Set([...(out.get(f.code) ?? []), f.detail!]));
  return out;
}
const codesOf = (l: Loaded, kind: string) => new Set(l.flags.filter((f) => f.kind === kind).map((f) => f.code));

/** Metres between two lon/lat points (equirectangular: the distances here are a few km). */
function metres(ax: number, ay: number, bx: number, by: number): number {
  const k = Math.cos((((ay + by) / 2) * Math.PI) / 180);
  return Math.hypot((ax - bx) * k, ay - by) * 111_320;
}

/**
 * Natural Earth's coastline, written apart from the rules: the segments of
 * Vietnam's outline farther than 1 km from every neighbour's outline, in a
 * 0.1° grid, with the distance (m) from a point to the nearest one.
 */
function coastline(): (x: number, y: number) => number {
  const { national, neighbours } = naturalEarthReference();
  if (!national) throw new Error('no national outline in the Natural Earth reference');
  const rings = (g: Geometry): Position[][] => (g.type === 'Polygon' ? g.coordinates : g.coordinates.flat());
  const land = neighbours.flatMap((n) => rings(n.geometry).flat());
  const grid = new Map<string, [number, number, number, number][]>();
  const cell = (x: number, y: number) => `${Math.floor(x * 10)},${Math.floor(y * 10)}`;
  for (const ring of rings(national)) {
    for (let i = 0; i + 1 < ring.length; i++) {
      const [ax, ay] = ring[i];
      const [bx, by] = ring[i + 1];
      const mx = (ax + bx) / 2;
      const my = (ay + by) / 2;
      if (land.some(([x, y]) => Math.abs(x - mx) < 0.05 && Math.abs(y - my) < 0.05 && metres(x, y, mx, my) < 1000)) continue;
      const key = cell(mx, my);
      grid.set(key, [...(grid.get(key) ?? []), [ax, ay, bx, by]]);
    }
  }
  return (x, y) => {
    let best = Infinity;
    // 0.3° around the point: ~33 km, more than the distances asked.
    for (let gx = Math.floor(x * 10) - 3; gx <= Math.floor(x * 10) + 3; gx++) {
      for (let gy = Math.floor(y * 10) - 3; gy <= Math.floor(y * 10) + 3; gy++) {
        for (const [ax, ay, bx, by] of grid.get(`${gx},${gy}`) ?? []) {
          const k = Math.cos((y * Math.PI) / 180);
          const dx = (bx - ax) * k;
          const dy = by - ay;
          const len2 = dx * dx + dy * dy;
          const t = len2 ? Math.max(0, Math.min(1, (((x - ax) * k) * dx + (y - ay) * dy) / len2)) : 0;
          best = Math.min(best, metres(x, y, ax + (bx - ax) * t, ay + (by - ay) * t));
        }
      }
    }
    return best;
  };
}

describe.skipIf(!present)('real districts cut into commune-sized pieces (dvhcvn, shared data)', () => {
  let districts: Loaded;
  let pieces: Loaded;
  let splitMs = 0;
  beforeAll(async () => {
    const fc = JSON.parse(readFileSync(join(DIR, FILE), 'utf8')) as FeatureCollection<Geometry, Props>;
    districts = await load(fc, 3);
    const t0 = performance.now();
    const split = splitDistricts(fc, { pieces: PIECES, seed: SEED, shareCutEnds: process.env.ATLAS_SPLIT_UNSHARED !== '1' });
    splitMs = performance.now() - t0;
    pieces = await load(split, 5);
    const perNeighbour = (l: Loaded) => {
      const count = new Map<string, number>();
      for (const f of l.flags) if (f.kind === 'border') count.set(f.detail!, (count.get(f.detail!) ?? 0) + 1);
      return [...count].map(([n, c]) => `${n} ${c}`).join(', ');
    };
    console.log(
      `${split.features.length} pieces of ${fc.features.length} districts (seed ${SEED}): cut in ${(splitMs / 1000).toFixed(1)} s, import and flags ${(pieces.ms / 1000).toFixed(1)} s\n` +
        `  districts: ${districts.summary}\n  pieces:    ${pieces.summary}\n` +
        `  border flags per neighbour: districts ${perNeighbour(districts)}; pieces ${perNeighbour(pieces)}`,
    );
  }, 300_000);

  it(`cuts every district into up to ${PIECES} pieces`, () => {
    expect(pieces.props.size).toBeGreaterThan((PIECES - 0.5) * districts.props.size);
    expect(pieces.props.size).toBeLessThanOrEqual(PIECES * districts.props.size);
    const districtsCut = new Set([...pieces.props.values()].map((p) => p.district));
    expect(districtsCut.size).toBe(districts.props.size);
  });

  it('puts every border piece in a border district on the same neighbour, and keeps one in every border district per neighbour', () => {
    const byDistrict = bordersOf(districts);
    const byPiece = bordersOf(pieces);
    const stray: string[] = [];
    for (const [code, neighbours] of byPiece) {
      const d = pieces.props.get(code)!.district;
      for (const n of neighbours) if (!byDistrict.get(d)?.has(n)) stray.push(`${code} ${pieces.props.get(code)!.name}: ${n}`);
    }
    const missing: string[] = [];
    for (const [d, neighbours] of byDistrict) {
      for (const n of neighbours) {
        if (![...byPiece].some(([code, ns]) => pieces.props.get(code)!.district === d && ns.has(n))) missing.push(`${d} ${districts.props.get(d)!.name}: ${n}`);
      }
    }
    expect(stray).toEqual([]);
    expect(missing).toEqual([]);
  });

  it('flags a plausible number of border pieces per neighbour: at least one per border district, at most half its pieces', () => {
    const count = (l: Loaded, n: string) => l.flags.filter((f) => f.kind === 'border' && f.detail === n).length;
    for (const n of ['Trung Quốc', 'Lào', 'Campuchia']) {
      const d = count(districts, n);
      expect(count(pieces, n), n).toBeGreaterThanOrEqual(d);
      expect(count(pieces, n), n).toBeLessThanOrEqual(Math.ceil(PIECES / 2) * d);
    }
  });

  it('flags the pieces at the two tripoints with both neighbours (Sín Thầu in Mường Nhé, Bờ Y in Ngọc Hồi)', () => {
    const both = [...bordersOf(pieces)].filter(([, ns]) => ns.size > 1).map(([code, ns]) => `${pieces.props.get(code)!.district} ${[...ns].sort().join('+')}`);
    const tripoints = ['096 Lào+Trung Quốc', '611 Campuchia+Lào'];
    for (const b of both) expect(tripoints, b).toContain(b);
    // Another cut may leave one side of a tripoint's piece shorter than the least border.
    if (PIECES === 5 && SEED === 42) expect([...new Set(both)].sort()).toEqual(tripoints);
  });

  // A commune is a border commune however short its stretch of the border; cut pieces touch it at
  // corners, for less than a kilometre (src/geo/priority.ts, MIN_BORDER_LENGTH_M). Pinned for the default cut.
  it.runIf(PIECES === 5 && SEED === 42)('flags the pieces that run along the border for less than a kilometre', () => {
    const short = pieces.flags.filter((f) => f.kind === 'border' && f.length_km! < 1).map((f) => `${f.code} ${pieces.props.get(f.code)!.name}: ${f.detail} ${f.length_km} km`);
    expect(short.sort()).toEqual([
      '02601 Huyện Đồng Văn · 01: Trung Quốc 0.3 km',
      '04902 Huyện Quảng Hòa · 02: Trung Quốc 0.9 km',
      '04903 Huyện Quảng Hòa · 03: Trung Quốc 0.6 km',
      '08401 Huyện Si Ma Cai · 01: Trung Quốc 0.5 km',
    ]);
  });

  it('sees the cuts as shared edges: the pieces’ outer edge is the districts’', () => {
    // An unshared cut is outer edge on both sides, facing itself: gap. Cut ends left out of the
    // neighbouring district's edge (shareCutEnds false) make 5,151 km of gaps instead of 717. A cut
    // that crosses a sliver between two districts, or a channel between islets, moves a little gap.
    expect(pieces.gapKm).toBeLessThan(districts.gapKm * 1.05);
    expect(Math.abs(pieces.inlandKm - districts.inlandKm)).toBeLessThan(10);
  });

  it('finds no coast in an inland province or far inland, and some in every coastal district', () => {
    const maritime = codesOf(pieces, 'maritime');
    const inland = [...maritime].filter((c) => !COASTAL.includes(pieces.props.get(c)!.level1_id)).map((c) => `${c} ${pieces.props.get(c)!.name}`);
    // Far inland: on Natural Earth's land, none of its vertices near Natural Earth's coastline (islands it does not draw, Lý Sơn, are off its land).
    const distance = coastline();
    const national = naturalEarthReference().national!;
    const far: string[] = [];
    for (const c of maritime) {
      const g = pieces.geometry.get(c)!;
      if (!turf.booleanPointInPolygon(turf.pointOnFeature(g), national)) continue;
      const near = Math.min(...(g.type === 'Polygon' ? [g.coordinates] : g.coordinates).flatMap((poly) => poly.flatMap((ring) => ring.map(([x, y]) => distance(x, y)))));
      if (near > FAR_INLAND_M) far.push(`${c} ${pieces.props.get(c)!.name} (${(near / 1000).toFixed(1)} km)`);
    }
    const withCoast = new Set([...maritime].map((c) => pieces.props.get(c)!.district));
    const lost = [...codesOf(districts, 'maritime')].filter((d) => !withCoast.has(d)).map((d) => `${d} ${districts.props.get(d)!.name}`);
    const stray = [...maritime].filter((c) => !codesOf(districts, 'maritime').has(pieces.props.get(c)!.district)).map((c) => `${c} ${pieces.props.get(c)!.name}`);
    expect({ inland, far, lost, stray }).toEqual({ inland: [], far: [], lost: [], stray: [] });
  });

  it('flags every piece of the island districts, and the pieces that are only a mainland district’s islands, as islands, and no other piece', () => {
    const island = codesOf(pieces, 'island');
    const bare = (name: string) => name.replace(/^(Huyện|Thành phố) /, '');
    // A mainland district's main land is its largest polygon; a piece none of whose parts lies in it is only the district's islets (Cù Lao Chàm in Hội An) or exclaves.
    const main = new Map([...districts.geometry].map(([code, g]) => [code, g.type === 'Polygon' ? turf.polygon(g.coordinates) : turf.polygon(g.coordinates.reduce((a, b) => (turf.area(turf.polygon(a)) >= turf.area(turf.polygon(b)) ? a : b)))]));
    const onMain = (code: string) => {
      const g = pieces.geometry.get(code)!;
      const main_ = main.get(pieces.props.get(code)!.district)!;
      return (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).some((poly) => turf.booleanPointInPolygon(turf.pointOnFeature(turf.polygon(poly)), main_));
    };
    const wrong = { notIsland: [] as string[], mainland: [] as string[] };
    const offshore: string[] = [];
    for (const [code, p] of pieces.props) {
      const islandDistrict = ISLAND_DISTRICTS.includes(bare(districts.props.get(p.district)!.name));
      if (islandDistrict && !island.has(code)) wrong.notIsland.push(`${code} ${p.name}`);
      else if (!islandDistrict && onMain(code) && island.has(code)) wrong.mainland.push(`${code} ${p.name}`);
      else if (!islandDistrict && !onMain(code)) offshore.push(`${code} ${p.name}${island.has(code) ? ' (island)' : ''}`);
    }
    console.log(`island pieces: ${island.size}; pieces of mainland districts off their main land: ${offshore.join(', ') || 'none'}`);
    expect(wrong).toEqual({ notIsland: [], mainland: [] });
  });
});
