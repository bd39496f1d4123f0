import { describe, expect, it } from 'vitest';
import * as turf from '@turf/turf';
import { COMMUNES_2025_TOTAL, NATURAL_EARTH_ISLAND_FEATURES, PROVINCES_2025, PROVINCES_PRE2025, shortProvinceName } from '../../../src/model/provinces.ts';
import { loadNaturalEarth } from '../../../src/demo/sources.ts';

const ne = loadNaturalEarth(Object.keys(NATURAL_EARTH_ISLAND_FEATURES));

describe('province lookup', () => {
  it('has 63 unique official codes and unique Natural Earth keys', () => {
    expect(PROVINCES_PRE2025).toHaveLength(63);
    expect(new Set(PROVINCES_PRE2025.map((p) => p.code)).size).toBe(63);
    expect(new Set(PROVINCES_PRE2025.map((p) => p.iso)).size).toBe(63);
    for (const p of PROVINCES_PRE2025) expect(p.code).toMatch(/^\d{2}$/);
  });

  it('uses NFC full names with diacritics and a type prefix', () => {
    for (const p of [...PROVINCES_PRE2025, ...PROVINCES_2025]) {
      expect(p.name).toBe(p.name.normalize('NFC'));
      expect(p.name).toMatch(/^(Tỉnh|Thành phố) /);
      expect(p.name).not.toMatch(/Ð/); // U+00D0 ETH, the wrong Đ Natural Earth uses
    }
    const names = Object.fromEntries(PROVINCES_PRE2025.map((p) => [p.code, p.shortName]));
    expect(names).toMatchObject({
      '01': 'Hà Nội', '92': 'Cần Thơ', '14': 'Sơn La', '12': 'Lai Châu', '42': 'Hà Tĩnh', '93': 'Hậu Giang',
      '49': 'Quảng Nam', '87': 'Đồng Tháp', '06': 'Bắc Kạn', '75': 'Đồng Nai', '33': 'Hưng Yên',
    });
  });

  it('shortens a name the same way for the bundle’s names and a user’s: kind dropped, the rest kept', () => {
    expect(shortProvinceName('Tỉnh Hà Giang')).toBe('Hà Giang');
    expect(shortProvinceName('Thành phố Hồ Chí Minh')).toBe('Hồ Chí Minh');
    expect(shortProvinceName('TP. Hồ Chí Minh')).toBe('Hồ Chí Minh');
    expect(shortProvinceName('TP Cần Thơ')).toBe('Cần Thơ');
    // Only a leading kind: a name that merely contains the word keeps it; no kind, no change.
    expect(shortProvinceName('Hà Tĩnh')).toBe('Hà Tĩnh');
    expect(shortProvinceName('Tỉnh')).toBe('Tỉnh');
    expect(shortProvinceName('Thành phố Thủ Đức')).toBe('Thủ Đức');
    for (const p of [...PROVINCES_PRE2025, ...PROVINCES_2025]) expect(shortProvinceName(p.name)).toBe(p.shortName);
  });

  it('matches every Vietnamese Natural Earth feature, and each centroid lies near the committed centre', () => {
    const vnm = ne.admin1.filter((f) => f.properties.adm0_a3 === 'VNM');
    expect(vnm).toHaveLength(63);
    for (const p of PROVINCES_PRE2025) {
      const f = vnm.find((x) => x.properties.iso_3166_2 === p.iso);
      expect(f, p.name).toBeDefined();
      // Centroid of the largest part: islands filed under the wrong province must not move it.
      const parts = f!.geometry.type === 'Polygon' ? [f!.geometry.coordinates] : f!.geometry.coordinates;
      const main = parts.map((c) => turf.polygon(c)).sort((a, b) => turf.area(b) - turf.area(a))[0];
      const [x, y] = turf.centroid(main).geometry.coordinates;
      expect(Math.abs(x - p.centre[0]), `${p.name} lon`).toBeLessThan(0.25);
      expect(Math.abs(y - p.centre[1]), `${p.name} lat`).toBeLessThan(0.25);
    }
  });

  it('corrects the region names Natural Earth uses for three provinces', () => {
    const byIso = (iso: string) => PROVINCES_PRE2025.find((p) => p.iso === iso)!.shortName;
    expect(ne.admin1.find((f) => f.properties.iso_3166_2 === 'VN-53')!.properties.name).toBe('Đông Bắc');
    expect([byIso('VN-53'), byIso('VN-39'), byIso('VN-66')]).toEqual(['Bắc Kạn', 'Đồng Nai', 'Hưng Yên']);
  });

  it('finds the Paracels and Spratlys as separate Natural Earth features and files them under Đà Nẵng and Khánh Hòa', () => {
    for (const [iso, info] of Object.entries(NATURAL_EARTH_ISLAND_FEATURES)) {
      expect(ne.admin1.some((f) => f.properties.iso_3166_2 === iso), iso).toBe(true);
      expect(['48', '56']).toContain(info.provinceCode);
    }
  });
});

describe('merger table (Resolution 202/2025/QH15)', () => {
  it('maps the 63 provinces onto exactly 34, each old province once', () => {
    expect(PROVINCES_2025).toHaveLength(34);
    const members = PROVINCES_2025.flatMap((p) => p.members).sort();
    expect(members).toEqual(PROVINCES_PRE2025.map((p) => p.code).sort());
    expect(new Set(PROVINCES_PRE2025.map((p) => p.newCode)).size).toBe(34);
  });

  it('has the published codes and merges', () => {
    const m = Object.fromEntries(PROVINCES_2025.map((p) => [p.code, p.members.join('+')]));
    expect(m).toEqual({
      '01': '01', '04': '04', '08': '02+08', '11': '11', '12': '12', '14': '14', '15': '10+15', '19': '06+19', '20': '20',
      '22': '22', '24': '24+27', '25': '17+25+26', '31': '30+31', '33': '33+34', '37': '35+36+37', '38': '38', '40': '40',
      '42': '42', '44': '44+45', '46': '46', '48': '48+49', '51': '51+62', '52': '52+64', '56': '56+58', '66': '54+66',
      '68': '60+67+68', '75': '70+75', '79': '74+77+79', '80': '72+80', '82': '82+87', '86': '83+84+86', '91': '89+91',
      '92': '92+93+94', '96': '95+96',
    });
  });

  it('adds up to 3,321 communes after the reform', () => {
    expect(PROVINCES_2025.reduce((a, p) => a + p.communes, 0)).toBe(COMMUNES_2025_TOTAL);
  });
});
