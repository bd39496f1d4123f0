/**
 * The import path of the priority flags, on a toy country shaped like the real
 * 2025 commune file (`code`, `name`, `fullName`, `provinceCode`,
 * `provinceName`): unit types from names, computed flags with their evidence in
 * the priority table, declared lists that override and complete them (with new
 * kinds and their labels and colours in the manifest), the contradictions in the
 * report, the per-kind summary the pack CLI prints, and the reference the next
 * import in the browser reads back from the bundle.
 */
import { describe, expect, it } from 'vitest';
import { tableFromIPC } from 'apache-arrow';
import type { Feature, FeatureCollection, Polygon, Position } from 'geojson';
import { importFiles, referenceFromTopology, renderReport, type ImportFile, type ImportOptions } from '../../../src/io/import.ts';
import { renderFlagSummary } from '../../../src/io/pack.ts';
import { expectBalanced } from './helpers.ts';

const rect = (x0: number, y0: number, x1: number, y1: number): Position[] => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];
const poly = (...rings: Position[][]): Polygon => ({ type: 'Polygon', coordinates: rings });

/** Natural Earth's role: Vietnam 105–106°E × 19–20°N, Laos west, China north, sea elsewhere. */
const REFERENCE: Required<Pick<ImportOptions, 'neighbours' | 'national'>> = {
  neighbours: [
    { id: 'CN', name: 'Trung Quốc', geometry: poly(rect(104, 20, 106, 21)) },
    { id: 'LA', name: 'Lào', geometry: poly(rect(104, 19, 105, 20)) },
  ],
  national: poly(rect(105, 19, 106, 20)),
};

function commune(code: string, name: string, fullName: string, provinceCode: string, provinceName: string, geometry: Polygon): Feature {
  return { type: 'Feature', properties: { code, name, fullName, provinceCode, provinceName }, geometry };
}

/** Sín Thầu in the corner on China and Laos, Ba Đình inland (NFD names), the rest of the country, and Cát Hải out at sea. */
const COMMUNES: FeatureCollection = {
  type: 'FeatureCollection',
  features: [
    commune('00001', 'Sín Thầu', 'Xã Sín Thầu', '11', 'Tỉnh Điện Biên', poly(rect(105, 19.9, 105.1, 20))),
    commune('00004', 'Ba Đình'.normalize('NFD'), 'Phường Ba Đình'.normalize('NFD'), '01', 'Thành phố Hà Nội'.normalize('NFD'), poly(rect(105.4, 19.4, 105.6, 19.6))),
    commune('00007', 'Cát Hải', 'Đặc khu Cát Hải', '31', 'TP. Hải Phòng', poly(rect(106.1, 19.4, 106.15, 19.45))),
    commune('00010', 'Mường Nhé', 'Xã Mường Nhé', '11', 'Tỉnh Điện Biên', poly([[105, 19], [106, 19], [106, 20], [105.1, 20], [105.1, 19.9], [105, 19.9], [105, 19]], rect(105.4, 19.4, 105.6, 19.6).reverse())),
  ],
};

const file = (name: string, text: string): ImportFile => ({ name, bytes: new TextEncoder().encode(text) });
const RATINGS = file('xep-loai.csv', 'code,year,rating\n00001,2025,K\n00004,2025,XS\n00007,2025,TB\n00010,2025,Y\n');
const BOUNDARIES = file('xa-2025.geojson', JSON.stringify(COMMUNES));

type Flag = { code: string; kind: string; detail: string | null; source: string; length_km: number | null };
const flagsOf = (r: Awaited<ReturnType<typeof importFiles>>): Flag[] => tableFromIPC(r.bundle!.parts.priority).toArray().map((x) => x.toJSON() as Flag);

describe('unit types and names, as in the 2025 commune file', () => {
  it('reads phường, xã and đặc khu from fullName, and thành phố from the province name (TP. too)', async () => {
    const r = await importFiles([BOUNDARIES, RATINGS], REFERENCE);
    expectBalanced(r.report);
    const units = new Map(r.bundle!.units.toArray().map((u) => [u.code as string, { name: u.name as string, type: u.unit_type as string, level: u.level as string }]));
    expect(units.get('00004')).toEqual({ name: 'Phường Ba Đình', type: 'phường', level: 'commune' });
    expect(units.get('00007')).toEqual({ name: 'Đặc khu Cát Hải', type: 'đặc khu', level: 'commune' });
    expect(units.get('00001')).toEqual({ name: 'Xã Sín Thầu', type: 'xã', level: 'commune' });
    expect(units.get('01')).toEqual({ name: 'Thành phố Hà Nội', type: 'thành phố', level: 'province' });
    expect(units.get('31')).toEqual({ name: 'TP. Hải Phòng', type: 'thành phố', level: 'province' });
    expect(units.get('11')).toEqual({ name: 'Tỉnh Điện Biên', type: 'tỉnh', level: 'province' });
  });

  it('prefixes a bare name with the type of a type column', async () => {
    const bare: FeatureCollection = { ...COMMUNES, features: COMMUNES.features.map((f) => ({ ...f, properties: { ma: f.properties!.code, ten: f.properties!.name, loai: f.properties!.code === '00004' ? 'Phường' : 'Xã' } })) };
    const r = await importFiles([file('xa.geojson', JSON.stringify(bare)), RATINGS], { ...REFERENCE, mappings: { 'xa.geojson': { code: 'ma', name: 'ten', unit_type: 'loai' } } });
    const names = new Map(r.bundle!.units.toArray().map((u) => [u.code as string, [u.name, u.unit_type]]));
    expect(names.get('00004')).toEqual(['Phường Ba Đình', 'phường']);
    expect(names.get('00001')).toEqual(['Xã Sín Thầu', 'xã']);
  });
});

describe('computed flags in the priority table', () => {
  it('writes border per neighbour, coast and island, with their evidence', async () => {
    const r = await importFiles([BOUNDARIES, RATINGS], REFERENCE);
    const flags = flagsOf(r);
    const sinThau = flags.filter((f) => f.code === '00001');
    expect(sinThau.map((f) => [f.kind, f.detail, f.source])).toEqual([['border', 'Trung Quốc', 'computed'], ['border', 'Lào', 'computed']]);
    expect(sinThau[0].length_km).toBeCloseTo(10.5, 0);
    expect(sinThau[1].length_km).toBeCloseTo(11.1, 0);
    expect(flags.filter((f) => f.code === '00004')).toEqual([]);
    // Cát Hải: a đặc khu, and an island with its own coast.
    expect(flags.filter((f) => f.code === '00007').map((f) => [f.kind, f.detail])).toEqual([['maritime', null], ['island', 'đặc khu']]);
    expect(tableFromIPC(r.bundle!.parts.priority).schema.fields.map((f) => f.name)).toEqual(['code', 'structure', 'kind', 'detail', 'source', 'length_km']);
  });

  it('stores the reference in the bundle, so an import in the browser computes the same flags', async () => {
    // Natural Earth's provinces too: a province's edge facing the neighbour across the next one is not border.
    const provinces = [poly(rect(105, 19, 105.5, 20)), poly(rect(105.5, 19, 106, 20))];
    const first = await importFiles([BOUNDARIES, RATINGS], { ...REFERENCE, provinces });
    const again = referenceFromTopology(first.bundle!.topology);
    expect(again.neighbours.map((n) => n.name)).toEqual(['Trung Quốc', 'Lào']);
    expect(again.national?.type).toBe('MultiPolygon');
    expect(again.provinces?.map((p) => p.type)).toEqual(['Polygon', 'Polygon']);
    const second = await importFiles([BOUNDARIES, RATINGS], again);
    const key = (f: Flag) => `${f.code} ${f.kind} ${f.detail} ${f.length_km}`;
    expect(flagsOf(second).map(key)).toEqual(flagsOf(first).map(key));
    expect(second.report.issues.map((i) => i.reason)).not.toContain('flags-no-outline');
  });

  it('says when flags cannot be sure (no outline of the country)', async () => {
    const r = await importFiles([BOUNDARIES, RATINGS], { neighbours: REFERENCE.neighbours });
    expect(r.report.issues.map((i) => i.reason)).toContain('flags-no-outline');
  });
});

describe('declared lists', () => {
  const DECLARED = file(
    'dia-ban.csv',
    [
      'Mã xã,Loại địa bàn,Chi tiết,Tiếng Anh,Màu',
      // Decree 299/2025 lists Sín Thầu on Laos only (spelt without diacritics).
      '00001,Biên giới,Lao,,',
      '00010,biên giới đất liền,Trung Quốc,,',
      '00010,Dân tộc thiểu số,Khu vực III,,',
      '00004,Tôn giáo,Giáo xứ Hàng Bột,,',
      '00004,Vùng giáo xứ,,Parish area,#AA5500',
      '99999,Biên giới,Lào,,',
    ].join('\n') + '\n',
  );

  it('override and complete the computed flags, and say where each came from', async () => {
    const r = await importFiles([BOUNDARIES, RATINGS, DECLARED], REFERENCE);
    expectBalanced(r.report);
    expect(r.report.files.find((f) => f.file === 'dia-ban.csv')).toMatchObject({ role: 'priority', total: 6, loaded: 5, rejected: 1 });
    const flags = flagsOf(r).map((f) => [f.code, f.kind, f.detail, f.source, f.length_km === null ? null : Math.round(f.length_km)]);
    expect(flags).toEqual([
      // The declared neighbour replaces the computed ones, and keeps the computed kilometres where they agree.
      ['00001', 'border', 'Lào', 'declared', 11],
      ['00004', 'religious', 'Giáo xứ Hàng Bột', 'declared', null],
      ['00004', 'vung_giao_xu', null, 'declared', null],
      ['00007', 'maritime', null, 'computed', expect.any(Number)],
      ['00007', 'island', 'đặc khu', 'computed', null],
      ['00010', 'maritime', null, 'computed', expect.any(Number)],
      ['00010', 'border', 'Trung Quốc', 'declared', expect.any(Number)],
      ['00010', 'ethnic_minority', 'Khu vực III', 'declared', null],
    ]);
  });

  it('put every kind of the data in the manifest, new ones with their labels and colours', async () => {
    const r = await importFiles([BOUNDARIES, RATINGS, DECLARED], REFERENCE);
    expect(r.bundle!.manifest.priorityKinds).toEqual([
      { id: 'border', label: { vi: 'Biên giới đất liền', en: 'Land border' }, color: '#78288c' },
      { id: 'maritime', label: { vi: 'Biển, ven biển', en: 'Sea and coast' }, color: '#005aa0' },
      { id: 'island', label: { vi: 'Hải đảo', en: 'Islands' }, color: '#0096aa' },
      { id: 'ethnic_minority', label: { vi: 'Vùng đồng bào dân tộc thiểu số', en: 'Ethnic-minority areas' }, color: '#965a14' },
      { id: 'religious', label: { vi: 'Vùng tôn giáo', en: 'Religious areas' }, color: '#b8860b' },
      { id: 'vung_giao_xu', label: { vi: 'Vùng giáo xứ', en: 'Parish area' }, color: '#aa5500' },
    ]);
  });

  it('list in the report the computed flags they contradict', async () => {
    const r = await importFiles([BOUNDARIES, RATINGS, DECLARED], REFERENCE);
    const contradicted = r.report.issues.filter((i) => i.reason === 'flag-contradicted').map((i) => i.detail);
    expect(contradicted).toEqual([
      expect.stringMatching(/^00001 border Trung Quốc \(10\.\d km\): declared Lào$/),
      expect.stringMatching(/^00010 border Lào \(\d+\.\d km\): declared Trung Quốc$/),
    ]);
    expect(renderReport(r.report)).toContain('Cờ tính từ ranh giới trái với danh sách khai báo.');
    expect(r.packed!.flags.contradictions).toHaveLength(2);
  });

  it('count units, not flag rows: a commune on two neighbours is one border unit, counted under each neighbour', async () => {
    const r = await importFiles([BOUNDARIES, RATINGS], REFERENCE);
    // Sín Thầu and Mường Nhé each touch China and Laos: four border rows, two units.
    expect(flagsOf(r).filter((f) => f.kind === 'border')).toHaveLength(4);
    const text = renderFlagSummary(r.packed!.flags);
    expect(text).toContain('border (Biên giới đất liền): 2 đơn vị / units — 2 tính từ ranh giới / computed, 0 theo danh sách / declared');
    expect(text).toContain('border: Trung Quốc 2, Lào 2 (2 đơn vị giáp hai nước, đếm ở cả hai / units on two neighbours, counted under both)');
    expect(r.packed!.flags.multiNeighbour).toBe(2);
  });

  it('sum up per kind, with the border units per neighbour, for the pack CLI', async () => {
    const r = await importFiles([BOUNDARIES, RATINGS, DECLARED], REFERENCE);
    const text = renderFlagSummary(r.packed!.flags);
    expect(text).toContain('border (Biên giới đất liền): 2 đơn vị / units — 0 tính từ ranh giới / computed, 2 theo danh sách / declared');
    expect(text).toContain('maritime (Biển, ven biển): 2 đơn vị / units — 2 tính từ ranh giới / computed, 0 theo danh sách / declared');
    expect(text).toContain('vung_giao_xu (Vùng giáo xứ): 1 đơn vị / units');
    expect(text).toContain('border: Trung Quốc 1, Lào 1');
    expect(text).toContain('00001 border Trung Quốc');
  });
});
