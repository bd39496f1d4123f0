import { beforeAll, describe, expect, it } from 'vitest';
import * as turf from '@turf/turf';
import { feature } from 'topojson-client';
import { tableFromIPC } from 'apache-arrow';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { GeometryCollection } from 'topojson-specification';
import { generateDemo } from '../../../src/demo/generate.ts';
import type { DemoData } from '../../../src/demo/generate.ts';
import { packDemo } from '../../../src/demo/package.ts';
import type { PackedDemo } from '../../../src/demo/package.ts';
import { buildLands } from '../../../src/demo/geography.ts';
import { loadNaturalEarth } from '../../../src/demo/sources.ts';
import { makeRng } from '../../../src/demo/rng.ts';
import { areaKm2 } from '../../../src/demo/planar.ts';
import { ISLAND_GROUPS } from '../../../src/demo/islands.ts';
import { NATURAL_EARTH_ISLAND_FEATURES, PROVINCES_2025, PROVINCES_PRE2025 } from '../../../src/model/provinces.ts';
import { MIN_BORDER_LENGTH_M, MIN_COAST_LENGTH_M, computePriorityFlags } from '../../../src/geo/priority.ts';
import { naturalEarthReference } from '../../../scripts/pack.ts';
import { payloadFromScript } from '../../../src/io/bundle.ts';
import { payloadToScript, type BundleScriptPayload } from '../../../src/model/bundle.ts';

const SEED = 42;
let data: DemoData;
let packed: PackedDemo;

beforeAll(async () => {
  data = generateDemo({ seed: SEED });
  packed = await packDemo(data, SEED);
}, 120_000);

const communes = (structure: string) => data.units.filter((u) => u.level === 'commune' && u.structure === structure);
const fc = (name: string) =>
  feature(data.boundaries, data.boundaries.objects[name] as GeometryCollection) as FeatureCollection<Polygon | MultiPolygon>;

describe('demo dataset (seed 42)', () => {
  it('has 10,600 pre-2025 communes and exactly 3,321 current ones, with the official per-province counts', () => {
    expect(communes('pre2025')).toHaveLength(10_600);
    expect(communes('2025')).toHaveLength(3_321);
    for (const p of PROVINCES_2025) {
      expect(communes('2025').filter((u) => u.province_code === p.code), p.name).toHaveLength(p.communes);
    }
    expect(communes('2025').filter((u) => u.unit_type === 'đặc khu')).toHaveLength(ISLAND_GROUPS.length);
  });

  it('uses unique 5-digit codes per structure and NFC names unique within a province', () => {
    for (const s of ['pre2025', '2025']) {
      const list = communes(s);
      expect(new Set(list.map((u) => u.code)).size).toBe(list.length);
      for (const u of list) {
        expect(u.code).toMatch(/^\d{5}$/);
        expect(u.name).toBe(u.name.normalize('NFC'));
      }
      expect(new Set(list.map((u) => `${u.province_code}|${u.name}`)).size).toBe(list.length);
    }
  });

  it('tessellates each province with no gap or overlap: commune areas add up to the Natural Earth land within 0.5%', () => {
    const ne = loadNaturalEarth(Object.keys(NATURAL_EARTH_ISLAND_FEATURES));
    const lands = buildLands(ne.admin1, makeRng(SEED, 'islands'));
    for (const p of PROVINCES_PRE2025) {
      let land = areaKm2(lands.provinces.get(p.code)!);
      for (const g of ISLAND_GROUPS) if (g.provinceCode === p.code) land += areaKm2(lands.islands.get(g.key)!);
      const sum = communes('pre2025').filter((u) => u.province_code === p.code).reduce((a, u) => a + u.area_km2, 0);
      const prov = data.units.find((u) => u.level === 'province' && u.structure === 'pre2025' && u.code === p.code)!;
      expect(Math.abs(sum - land) / land, p.name).toBeLessThan(0.005);
      expect(Math.abs(prov.area_km2 - sum) / sum, p.name).toBeLessThan(0.005);
    }
  });

  it('has no overlaps: sampled land points fall in exactly one commune', () => {
    const features = fc('communes_pre2025').features.map((f) => ({ f, b: turf.bbox(f) }));
    const rng = makeRng(7, 'points');
    let tested = 0;
    let bad = 0;
    while (tested < 1500) {
      const x = 102.2 + rng() * 7.3;
      const y = 8.6 + rng() * 14.8;
      const hits = features.filter(({ f, b }) => x >= b[0] && x <= b[2] && y >= b[1] && y <= b[3] && turf.booleanPointInPolygon([x, y], f));
      if (hits.length === 0) continue;
      tested++;
      if (hits.length > 1) bad++;
    }
    expect(bad).toBe(0);
  });

  it('makes every current commune the union of the old communes the crosswalk names (area within 0.5%)', () => {
    const oldArea = new Map(communes('pre2025').map((u) => [u.code, u.area_km2]));
    const sums = new Map<string, number>();
    for (const c of data.crosswalk) {
      expect(c.share).toBe(1);
      sums.set(c.new_code, (sums.get(c.new_code) ?? 0) + oldArea.get(c.old_code)!);
    }
    expect(data.crosswalk).toHaveLength(10_600);
    expect(new Set(data.crosswalk.map((c) => c.old_code)).size).toBe(10_600);
    for (const u of communes('2025')) {
      const s = sums.get(u.code)!;
      expect(Math.abs(s - u.area_km2) / u.area_km2, u.code).toBeLessThan(0.005);
      // The new unit keeps the code of one of its members.
      expect(data.crosswalk.some((c) => c.new_code === u.code && c.old_code === u.code)).toBe(true);
    }
  });

  it('rates every commune but the two archipelagos for every year of its structure, with scores inside the level bands', () => {
    const bands: Record<string, [number, number]> = { XS: [85, 100], K: [70, 85], TB: [50, 70], Y: [0, 50] };
    const perCode = new Map<string, Set<number>>();
    for (const r of data.ratings) {
      const key = `${r.structure}|${r.code}`;
      if (!perCode.has(key)) perCode.set(key, new Set());
      perCode.get(key)!.add(r.year);
      expect(r.score).toBeGreaterThanOrEqual(bands[r.rating][0]);
      expect(r.score).toBeLessThan(bands[r.rating][1]);
    }
    // Hoàng Sa and Trường Sa are on the map but never rated (no commune police there).
    const archipelago = (u: { name: string }) => /(Hoàng Sa|Trường Sa)$/u.test(u.name);
    for (const s of ['pre2025', '2025']) expect(communes(s).filter(archipelago)).toHaveLength(2);
    for (const u of communes('pre2025')) expect(perCode.get(`pre2025|${u.code}`)?.size).toBe(archipelago(u) ? undefined : 14);
    for (const u of communes('2025')) expect(perCode.has(`2025|${u.code}`) ? [...perCode.get(`2025|${u.code}`)!] : []).toEqual(archipelago(u) ? [] : [2025]);
    expect(data.ratings).toHaveLength((10_600 - 2) * 14 + 3_321 - 2);
  });

  it('moves the weak share from about 8% in 2011 to under 2% by 2024–2025, never zero', () => {
    const weak = (year: number) => {
      const rows = data.ratings.filter((r) => r.year === year);
      return rows.filter((r) => r.rating === 'Y').length / rows.length;
    };
    expect(weak(2011)).toBeGreaterThan(0.07);
    expect(weak(2011)).toBeLessThan(0.09);
    expect(weak(2024)).toBeLessThan(0.02);
    expect(weak(2025)).toBeLessThan(0.02);
    expect(weak(2025)).toBeGreaterThan(0);
  });

  it('derives 2025 ratings from the members’ 2024 scores', () => {
    const s2024 = new Map(data.ratings.filter((r) => r.year === 2024).map((r) => [r.code, r.score]));
    const area = new Map(communes('pre2025').map((u) => [u.code, u.area_km2]));
    const acc = new Map<string, [number, number]>();
    for (const c of data.crosswalk) {
      const [s, w] = acc.get(c.new_code) ?? [0, 0];
      acc.set(c.new_code, [s + s2024.get(c.old_code)! * area.get(c.old_code)!, w + area.get(c.old_code)!]);
    }
    const pairs = data.ratings.filter((r) => r.year === 2025).map((r) => [acc.get(r.code)![0] / acc.get(r.code)![1], r.score]);
    const mx = pairs.reduce((a, p) => a + p[0], 0) / pairs.length;
    const my = pairs.reduce((a, p) => a + p[1], 0) / pairs.length;
    let sxy = 0, sxx = 0, syy = 0;
    for (const [x, y] of pairs) { sxy += (x - mx) * (y - my); sxx += (x - mx) ** 2; syy += (y - my) ** 2; }
    expect(sxy / Math.sqrt(sxx * syy)).toBeGreaterThan(0.6);
  });

  it('computes plausible border, maritime and island flags, and flags every đặc khu as island', () => {
    const count = (structure: string, kind: string, detail?: string) =>
      data.priority.filter((p) => p.structure === structure && p.kind === kind && (detail === undefined || p.detail === detail)).length;
    for (const country of ['Trung Quốc', 'Lào', 'Campuchia']) {
      expect(count('pre2025', 'border', country), country).toBeGreaterThan(50);
      expect(count('pre2025', 'border', country), country).toBeLessThan(400);
      expect(count('2025', 'border', country), country).toBeGreaterThan(20);
    }
    expect(count('pre2025', 'maritime')).toBeGreaterThan(300);
    expect(count('pre2025', 'maritime')).toBeLessThan(1500);
    expect(count('2025', 'maritime')).toBeGreaterThan(150);
    const islandCodes = new Set(data.priority.filter((p) => p.structure === '2025' && p.kind === 'island').map((p) => p.code));
    for (const u of communes('2025').filter((x) => x.unit_type === 'đặc khu')) expect(islandCodes.has(u.code), u.name).toBe(true);
    // Inland provinces have no sea.
    const hanoi = new Set(communes('pre2025').filter((u) => u.province_code === '01').map((u) => u.code));
    expect(data.priority.some((p) => p.structure === 'pre2025' && p.kind === 'maritime' && hanoi.has(p.code))).toBe(false);
    expect(count('pre2025', 'ethnic_minority')).toBeGreaterThan(1000);
    expect(count('pre2025', 'industrial_zone')).toBeGreaterThan(20);
  });

  it('computes its border, maritime and island flags with the code and the reference of npm run pack', () => {
    const reference = naturalEarthReference();
    for (const structure of ['pre2025', '2025'] as const) {
      const unitTypes = new Map(communes(structure).map((u) => [u.code, u.unit_type]));
      const expected = computePriorityFlags(data.boundaries, `communes_${structure}`, reference, { unitTypes })
        .map((f) => `${f.code} ${f.kind} ${f.detail ?? ''} ${f.lengthKm ?? ''}`)
        .sort();
      const shipped = data.priority
        .filter((p) => p.structure === structure && ['border', 'maritime', 'island'].includes(p.kind))
        .map((p) => `${p.code} ${p.kind} ${p.detail ?? ''} ${p.length_km ?? ''}`)
        .sort();
      expect(shipped).toEqual(expected);
    }
    // Every flag carries its evidence: kilometres for border and coast, the đặc khu for those islands.
    for (const p of data.priority.filter((x) => x.kind === 'border')) expect(p.length_km).toBeGreaterThanOrEqual(MIN_BORDER_LENGTH_M / 1000);
    for (const p of data.priority.filter((x) => x.kind === 'maritime')) expect(p.length_km).toBeGreaterThanOrEqual(MIN_COAST_LENGTH_M / 1000);
    const specialZones = communes('2025').filter((u) => u.unit_type === 'đặc khu').map((u) => u.code);
    for (const code of specialZones) expect(data.priority.find((p) => p.code === code && p.structure === '2025' && p.kind === 'island')?.detail).toBe('đặc khu');
  });

  it('lists its priority kinds, with labels and colours, in the manifest', () => {
    expect(packed.manifest.priorityKinds?.map((k) => k.id)).toEqual(['border', 'maritime', 'island', 'ethnic_minority', 'industrial_zone']);
    expect(packed.manifest.priorityKinds?.[0]).toEqual({ id: 'border', label: { vi: 'Biên giới đất liền', en: 'Land border' }, color: '#78288c' });
  });

  it('writes Arrow streams, strings dictionary-encoded, that read back with the right rows', () => {
    const units = tableFromIPC(packed.parts.units);
    expect(units.numRows).toBe(data.units.length);
    for (const f of units.schema.fields) if (f.name !== 'area_km2') expect(String(f.type), f.name).toBe('Dictionary<Int32, Utf8>');
    const ratings = tableFromIPC(packed.parts.ratings);
    expect(ratings.numRows).toBe(data.ratings.length);
    expect(ratings.schema.fields.map((f) => `${f.name}:${String(f.type)}`)).toEqual([
      'code:Dictionary<Int32, Utf8>', 'structure:Dictionary<Int32, Utf8>', 'year:Int16', 'rating:Dictionary<Int32, Utf8>',
      'score:Float32', 'participation:Float32', 'incidents:Float32',
    ]);
    for (const i of [0, 1, 777, data.ratings.length - 1]) {
      const r = data.ratings[i];
      expect([ratings.getChild('code')!.get(i), ratings.getChild('structure')!.get(i), ratings.getChild('rating')!.get(i)]).toEqual([r.code, r.structure, r.rating]);
    }
    for (const i of [0, 5000, data.units.length - 1]) expect(units.getChild('name')!.get(i)).toBe(data.units[i].name);
  });

  it('ships a topology with its eight objects, ids only, and a bundle under 6 MB (under 3.5 MB more with the first paint\'s scenes)', () => {
    expect(Object.keys(data.boundaries.objects)).toEqual(['communes_pre2025', 'communes_2025', 'provinces_pre2025', 'provinces_2025', 'neighbours', 'zones', 'national', 'reference_provinces']);
    // Natural Earth's 63 provinces, the reference for a partial set's border flags (never drawn).
    expect((data.boundaries.objects.reference_provinces as GeometryCollection).geometries).toHaveLength(63);
    const ids = (name: string) => (data.boundaries.objects[name] as GeometryCollection).geometries.map((g) => String(g.id));
    expect(ids('provinces_2025')).toHaveLength(34);
    expect(ids('provinces_pre2025')).toHaveLength(63);
    expect(ids('neighbours')).toEqual(['CN', 'LA', 'KH']);
    expect(ids('zones')).toEqual(data.zones.map((z) => z.id));
    expect(data.boundaries.objects.national).toMatchObject({ type: 'MultiPolygon', id: 'VN' });
    for (const g of (data.boundaries.objects.communes_2025 as GeometryCollection).geometries) expect(g.properties).toBeUndefined();
    // The data (every part) as before, and the first paint's scenes of both structures (src/map/poster-pack.ts) apart.
    const { poster, ...withoutScenes } = payloadFromScript(String(packed.files['atlas-data.js'])) as BundleScriptPayload;
    expect(payloadToScript(withoutScenes).length).toBeLessThan(6_000_000);
    expect(poster?.map((p) => p.structure)).toEqual(['2025', 'pre2025']);
    expect(JSON.stringify(poster).length).toBeLessThan(3_500_000);
  });

  it('is deterministic: a second run gives identical part hashes', async () => {
    const again = await packDemo(generateDemo({ seed: SEED }), SEED);
    expect(again.manifest).toEqual(packed.manifest);
    expect(again.files['atlas-data.js']).toBe(packed.files['atlas-data.js']);
  }, 120_000);
});
