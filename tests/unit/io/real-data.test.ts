/**
 * Real, messy boundaries from the shared data set vn-pre2025-dvhcvn (GPL-3.0
 * with unclear upstream rights: read in place, never copied into the
 * repository; found through tests/shared-data.ts: $ATLAS_SHARED_DATA or
 * ../shared/data beside the repository),
 * through the import path of `npm run pack` (importFiles with Natural Earth's
 * reference). Checks the computed priority flags against what is known of
 * Vietnam: the 25 land-border provinces with their neighbours, the 28 coastal
 * provinces, and the island districts; each province's districts loaded alone;
 * and the unit types of the 01/03/2025 list read from the names. Skips, saying
 * so, without the data.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tableFromIPC } from 'apache-arrow';
import { importFiles, inspectFiles, type ImportResult } from '../../../src/io/import.ts';
import { naturalEarthReference } from '../../../scripts/pack.ts';
import { provinceTypeOf, typeFromCell, unitTypeOf } from '../../../src/model/unit-types.ts';
import { sharedData } from '../../shared-data.ts';
import { coarseTopology } from '../../../src/geo/lod.ts';
import { unitFeatures } from '../../../src/map/boundaries.ts';
import { drawnCount, seams } from '../geo/drawn.ts';
import { expectBalanced } from './helpers.ts';

const { dir: DIR, present, why } = sharedData('vn-pre2025-dvhcvn', ['provinces_63.geojson', 'districts_excl_quang_ninh.geojson']);
if (!present) console.warn(`skipping the real-data import tests: ${why}`);

/** Land-border provinces (GSO codes) by neighbour, as the government lists them. */
const BORDER: Record<string, string[]> = {
  'Trung Quốc': ['02', '04', '10', '11', '12', '20', '22'],
  Lào: ['11', '14', '38', '40', '42', '44', '45', '46', '49', '62'],
  Campuchia: ['62', '64', '66', '67', '70', '72', '80', '87', '89', '91'],
};
/** The 28 coastal provinces, Quảng Ninh to Kiên Giang (Long An is not one). */
const COASTAL = ['22', '31', '34', '36', '37', '38', '40', '42', '44', '45', '46', '48', '49', '51', '52', '54', '56', '58', '60', '77', '79', '82', '83', '84', '91', '94', '95', '96'];
/** The island districts of the file (Quảng Ninh's Vân Đồn and Cô Tô are not in it). */
const ISLAND_DISTRICTS = ['Cát Hải', 'Bạch Long Vĩ', 'Cồn Cỏ', 'Hoàng Sa', 'Lý Sơn', 'Trường Sa', 'Phú Quí', 'Côn Đảo', 'Phú Quốc', 'Kiên Hải'];

function ratingsFor(codes: string[]): Uint8Array {
  const levels = ['XS', 'K', 'TB', 'Y'];
  return new TextEncoder().encode(`code,year,rating\n${codes.map((c, i) => `${c},2024,${levels[i % 4]}`).join('\n')}\n`);
}

interface Loaded {
  result: ImportResult;
  ms: number;
  /** Per unit code: its province code and name. */
  units: Map<string, { province: string; name: string }>;
  flags: { code: string; kind: string; detail: string | null; source: string; length_km: number | null }[];
}

type Collection = { type: string; features: { properties: Record<string, string> }[] };

async function load(file: string, codeProp: string, digits: number, mapping: Record<string, string>, only?: (props: Record<string, string>) => boolean): Promise<Loaded> {
  let bytes = new Uint8Array(readFileSync(join(DIR, file)));
  let fc = JSON.parse(new TextDecoder().decode(bytes)) as Collection;
  if (only) {
    fc = { ...fc, features: fc.features.filter((f) => only(f.properties)) };
    bytes = new TextEncoder().encode(JSON.stringify(fc));
  }
  const t0 = performance.now();
  // The same reference `npm run pack` uses.
  const result = await importFiles([{ name: file, bytes }, { name: 'r.csv', bytes: ratingsFor(fc.features.map((f) => f.properties[codeProp])) }], { ...naturalEarthReference(), codeDigits: digits, mappings: { [file]: mapping } });
  const ms = performance.now() - t0;
  const units = new Map(fc.features.map((f) => [f.properties[codeProp], { province: f.properties.level1_id, name: f.properties.name }]));
  const flags = tableFromIPC(result.bundle!.parts.priority).toArray().map((r) => r.toJSON() as Loaded['flags'][number]);
  return { result, ms, units, flags };
}

/** Province codes → neighbours, from flags of units. */
function bordersByProvince(l: Loaded): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const f of l.flags.filter((x) => x.kind === 'border')) {
    const p = l.units.get(f.code)!.province;
    out.set(p, new Set([...(out.get(p) ?? []), f.detail!]));
  }
  return out;
}

describe.skipIf(!present)('real pre-2025 provinces (dvhcvn, shared data)', () => {
  let l: Loaded;
  beforeAll(async () => {
    l = await load('provinces_63.geojson', 'level1_id', 2, { code: 'level1_id', name: 'name' });
    console.log(`provinces_63.geojson: import and flags ${(l.ms / 1000).toFixed(1)} s (flags ${(l.result.packed!.flags.ms / 1000).toFixed(1)} s); ${l.flags.filter((f) => f.kind === 'border').length} border flags, ${l.flags.filter((f) => f.kind === 'maritime').length} maritime`);
  }, 300_000);

  it('loads the 63 provinces, with the outline reference (no warning about it)', () => {
    expectBalanced(l.result.report);
    expect(l.result.report.files[0]).toMatchObject({ total: 63, loaded: 63 });
    expect(l.result.report.issues.map((i) => i.reason)).not.toContain('flags-no-outline');
  });

  it('flags exactly the 25 land-border provinces, each with its neighbours', () => {
    const got = bordersByProvince(l);
    const want = new Map<string, Set<string>>();
    for (const [n, codes] of Object.entries(BORDER)) for (const c of codes) want.set(c, new Set([...(want.get(c) ?? []), n]));
    expect(want.size).toBe(25);
    expect(Object.fromEntries([...got].map(([p, s]) => [p, [...s].sort()]).sort())).toEqual(Object.fromEntries([...want].map(([p, s]) => [p, [...s].sort()]).sort()));
  });

  it('flags exactly the 28 coastal provinces', () => {
    expect([...new Set(l.flags.filter((f) => f.kind === 'maritime').map((f) => f.code))].sort()).toEqual([...COASTAL].sort());
  });

  it('keeps the evidence: kilometres of border per neighbour and of coast', () => {
    const haGiang = l.flags.find((f) => f.code === '02' && f.kind === 'border')!;
    expect(haGiang).toMatchObject({ detail: 'Trung Quốc', source: 'computed' });
    // Hà Giang's border with China is 277 km; the packed outline is simplified, so a little shorter.
    expect(haGiang.length_km!).toBeGreaterThan(200);
    expect(haGiang.length_km!).toBeLessThan(300);
    const kienGiang = l.flags.find((f) => f.code === '91' && f.kind === 'maritime')!;
    expect(kienGiang.length_km!).toBeGreaterThan(200);
  });

  it('reads province types from the names (Thành phố Hà Nội, Tỉnh Hà Giang)', () => {
    const types = new Map(l.result.bundle!.units.toArray().map((u) => [u.code as string, u.unit_type as string]));
    expect(types.get('01')).toBe('thành phố');
    expect(types.get('79')).toBe('thành phố');
    expect(types.get('02')).toBe('tỉnh');
  });
});

describe.skipIf(!present)('real pre-2025 districts without Quảng Ninh (dvhcvn, shared data)', () => {
  let l: Loaded;
  beforeAll(async () => {
    l = await load('districts_excl_quang_ninh.geojson', 'level2_id', 3, { code: 'level2_id', name: 'name', province_code: 'level1_id', province_name: 'province_name' });
    const summary = l.result.packed!.flags;
    console.log(
      `districts_excl_quang_ninh.geojson: import and flags ${(l.ms / 1000).toFixed(1)} s (flags ${(summary.ms / 1000).toFixed(1)} s); ` +
        `${summary.kinds.map((k) => `${k.id} ${k.units}`).join(', ')}; border ${summary.neighbours.map((n) => `${n.name} ${n.units}`).join(', ')}`,
    );
  }, 300_000);

  it('loads the 692 districts', () => {
    expectBalanced(l.result.report);
    expect(l.result.report.files[0]).toMatchObject({ total: 692, loaded: 692 });
  });

  it('puts every border district in a border province, on that province’s neighbours, and finds one in every border province', () => {
    const want = new Map<string, Set<string>>();
    for (const [n, codes] of Object.entries(BORDER)) for (const c of codes) want.set(c, new Set([...(want.get(c) ?? []), n]));
    const got = bordersByProvince(l);
    for (const [p, neighbours] of got) for (const n of neighbours) expect(want.get(p)?.has(n), `a district of ${p} on ${n}`).toBe(true);
    // Quảng Ninh's districts are not in the file.
    for (const [p, neighbours] of want) if (p !== '22') for (const n of neighbours) expect(got.get(p)?.has(n), `no district of ${p} on ${n}`).toBe(true);
  });

  it('finds no coastal district in the 35 inland provinces, and some in every coastal one', () => {
    const coastal = new Set(l.flags.filter((f) => f.kind === 'maritime').map((f) => l.units.get(f.code)!.province));
    const inland = [...new Set([...l.units.values()].map((u) => u.province))].filter((p) => !COASTAL.includes(p));
    expect(inland).toHaveLength(35);
    for (const p of inland) expect(coastal.has(p), `coast in inland province ${p}`).toBe(false);
    for (const p of COASTAL) if (p !== '22') expect(coastal.has(p), `no coast in ${p}`).toBe(true);
  });

  it('flags every island district as an island, and no mainland district', () => {
    const islands = l.flags.filter((f) => f.kind === 'island').map((f) => l.units.get(f.code)!.name.replace(/^(Huyện|Thành phố) /, ''));
    expect(islands.sort()).toEqual([...ISLAND_DISTRICTS].sort());
  });

  it('draws the national view from a coarse level with a fifth of the vertices or fewer, neighbours still meeting exactly', () => {
    // What the page draws below zoom 6 (src/geo/lod.ts) against the full geometry it drew before, counted as the page builds them.
    const topology = l.result.packed!.topology;
    const { communeObject, provinceObject } = l.result.packed!.manifest.structures[0];
    const coarse = coarseTopology(topology)!;
    expect(coarse.belowZoom).toBe(6);
    const full = drawnCount(topology, communeObject, provinceObject);
    const drawn = drawnCount(coarse.topology, communeObject, provinceObject);
    console.log(`districts drawn below zoom 6: fill vertices ${full.fillVertices} → ${drawn.fillVertices}, border segments ${full.borderSegments} → ${drawn.borderSegments}, province border vertices ${full.provinceVertices} → ${drawn.provinceVertices}; rings ${drawn.rings}`);
    expect(drawn.rings).toBe(full.rings);
    expect(drawn.fillVertices).toBeLessThan(full.fillVertices / 5);
    expect(drawn.borderSegments).toBeLessThan(full.borderSegments / 5);
    expect(drawn.provinceVertices).toBeLessThan(full.provinceVertices / 5);
    const before = seams(unitFeatures(topology, communeObject));
    const after = seams(unitFeatures(coarse.topology, communeObject));
    // Real boundaries may overlap a little where the file does; the coarse level adds no such place.
    expect(after.problems.length).toBeLessThanOrEqual(before.problems.length);
    expect(after.neighbours).toEqual(before.neighbours);
  });

  it('finds the districts file\'s level2_id, and a sheet\'s "Mã huyện", as the unit code with no mapping given', async () => {
    const bytes = new Uint8Array(readFileSync(join(DIR, 'districts_excl_quang_ninh.geojson')));
    const sheet = new TextEncoder().encode('\uFEFFMã huyện,Tên,Năm,Xếp loại\r\n001,Quận Ba Đình,2024,Khá\r\n');
    const ins = await inspectFiles([{ name: 'districts.geojson', bytes }, { name: 'xep-loai.csv', bytes: sheet }]);
    expect(ins.map((i) => [i.role, i.mapping.code, i.mapping.province_code ?? null])).toEqual([
      ['boundaries', 'level2_id', 'level1_id'],
      ['ratings', 'Mã huyện', null],
    ]);
  });

  /** A unit's flags as `kind:detail` strings, sorted. */
  const flagsOf = (x: Loaded, code: string) => x.flags.filter((f) => f.code === code).map((f) => (f.detail && f.kind === 'border' ? `${f.kind}:${f.detail}` : f.kind)).sort();

  // One province's districts alone: their outer edge also runs along the provinces that
  // are not loaded, which must read as neither border nor coast (src/geo/priority.ts: the
  // edge must face the neighbour's land to be border, near a stretch that meets it within
  // 3 km when it meets it farther out, and not across more than 1 km of a province that is
  // not loaded, in Natural Earth's admin-1; the straight view out from it decides whether it
  // is coast, and water is open only where the sea is seen from it over a 45° arc past the
  // mainland for 8 km). Each of the 63 provinces loaded alone, every district keeps the
  // flags it has with the whole country loaded; these 4 (of 692) still get one more, listed
  // so that the test fails if one is mended or another one appears:
  // - border: Bắc Hà (Lào Cai) faces China's land 2–3 km off across Hà Giang's Xín Mần,
  //   a strip Natural Earth gives in part to Lào Cai (1.1 km of border is left). Phước Sơn
  //   (Quảng Nam, across Kon Tum's Đắk Glei) and Hớn Quản (Bình Phước, across Tây Ninh)
  //   were mended by the provinces; Phú Tân (An Giang), 9 km from Cambodia's land with no
  //   stretch near meeting it within 3 km, by the anchor;
  // - coast: the province's edge runs along the middle of the Soài Rạp, the Lòng Tàu and
  //   the Vàm Cỏ near their mouths, which open into the Cần Giờ bay: Natural Earth draws
  //   them as water wider than the 6 km the straight view reaches, and the sea is seen from
  //   it (Cần Giờ's islands, not mainland, do not close the arc). The Mekong's branches
  //   inland (Chợ Lách, Trà Ôn, Châu Thành of Hậu Giang) were mended by the arc.
  const KNOWN = [
    '085 Huyện Bắc Hà: border:Trung Quốc (all loaded: )',
    '742 Huyện Nhơn Trạch: maritime (all loaded: )',
    '806 Huyện Cần Đước: maritime (all loaded: )',
    '816 Thị xã Gò Công: maritime (all loaded: )',
  ];
  describe('each province’s districts loaded alone', () => {
    const alone = new Map<string, Loaded>();
    beforeAll(async () => {
      const t0 = performance.now();
      for (const province of [...new Set([...l.units.values()].map((u) => u.province))].sort()) {
        alone.set(province, await load('districts_excl_quang_ninh.geojson', 'level2_id', 3, { code: 'level2_id', name: 'name', province_code: 'level1_id', province_name: 'province_name' }, (p) => p.level1_id === province));
      }
      console.log(`each province alone: ${alone.size} imports in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }, 600_000);

    it('gives every district the flags it gets with the whole country loaded, but for 4 listed', () => {
      expect(alone.size).toBe(62);
      const differ = [...alone.values()].flatMap((one) => [...one.units.keys()].filter((code) => flagsOf(one, code).join() !== flagsOf(l, code).join()).map((code) => `${code} ${one.units.get(code)!.name}: ${flagsOf(one, code).join(' ')} (all loaded: ${flagsOf(l, code).join(' ')})`));
      expect(differ.sort()).toEqual(KNOWN);
    });

    // Điện Biên (China and Laos, no sea), Hải Phòng (coast, Cát Hải and Bạch Long Vĩ; Vĩnh Bảo's
    // bank of the Hóa, whose far bank is Thái Bình, no longer reads as coast), Quảng Trị (Laos,
    // coast, Cồn Cỏ), Kon Tum (Laos and Cambodia, no sea), Kiên Giang (Cambodia, coast, islands).
    it.each([
      ['11', 'Điện Biên'],
      ['31', 'Hải Phòng'],
      ['45', 'Quảng Trị'],
      ['62', 'Kon Tum'],
      ['91', 'Kiên Giang'],
    ])('finds the neighbours of province %s (%s) alone, and coast only in a coastal province', (province) => {
      const one = alone.get(province)!;
      expect(one.units.size).toBeGreaterThan(5);
      const neighbours = new Set(one.flags.filter((f) => f.kind === 'border').map((f) => f.detail));
      expect([...neighbours].sort()).toEqual(Object.entries(BORDER).filter(([, codes]) => codes.includes(province)).map(([n]) => n).sort());
      expect(one.flags.some((f) => f.kind === 'maritime')).toBe(COASTAL.includes(province));
    });
  });
});

const LIST = sharedData('vn-pre2025-dvhcvn', ['units_dvhcvn_2025-03-01.json']);
if (!LIST.present) console.warn(`skipping the unit-type list test: ${LIST.why}`);

describe.skipIf(!LIST.present)('unit types of the 01/03/2025 list (dvhcvn, shared data)', () => {
  interface Unit {
    name: string;
    type: string;
  }
  interface List {
    data: (Unit & { level2s: (Unit & { level3s: Unit[] })[] })[];
  }
  const list = () => JSON.parse(readFileSync(join(LIST.dir, 'units_dvhcvn_2025-03-01.json'), 'utf8')) as List;

  it('reads every unit’s type from its full name as its type column gives it, but where that column is wrong (63 provinces, 696 districts, 10,047 communes), NFC or NFD', () => {
    const { data } = list();
    const units = [...data, ...data.flatMap((p) => p.level2s), ...data.flatMap((p) => p.level2s.flatMap((d) => d.level3s))];
    expect(units).toHaveLength(63 + 696 + 10_047);
    const differ = units.filter((u) => [u.name, u.name.normalize('NFD')].some((name) => unitTypeOf(null, [name], 'tỉnh') !== typeFromCell(u.type)));
    // Only where the list's own type column is wrong: two wards of Phú Nhuận (TP.HCM) typed Xã.
    expect(differ.map((u) => `${u.name} (${u.type})`)).toEqual(['Phường 5 (Xã)', 'Phường 15 (Xã)']);
    // Provinces: the six centrally-run cities, named with or without their type.
    expect(data.filter((p) => provinceTypeOf(p.name) === 'thành phố').map((p) => p.name)).toHaveLength(6);
    expect(data.filter((p) => provinceTypeOf(p.name.replace(/^(Tỉnh|Thành phố) /, '')) === 'thành phố')).toHaveLength(6);
  });
});
