import { describe, expect, it } from 'vitest';
import {
  allProvincesLabel,
  defaultFilter,
  describeFilter,
  describeFilterParts,
  isDefault,
  isUnfiltered,
  normaliseFilter,
  sameFilter,
  weakPreset,
  type AtlasFilter,
} from '../../src/model/filters.ts';
import { miniHistoryPayload, MINI_NAMES } from '../fixtures/mini-bundle.ts';
import { coversCountry, PROVINCES_2025, PROVINCES_PRE2025 } from '../../src/model/provinces.ts';

const manifest = miniHistoryPayload().manifest;

describe('filters of the Hà Giang mini bundle', () => {
  it('opens on the newest structure and the latest year, nothing narrowed', () => {
    const f = defaultFilter(manifest);
    expect(f).toEqual({ structure: '2025', year: 2025, provinces: [], ratings: [], kinds: [], kindsMode: 'any', text: '' });
    expect(isDefault(f, manifest)).toBe(true);
    expect(isUnfiltered(f)).toBe(true);
  });

  it('the weak preset selects the scale’s weak levels and keeps the rest', () => {
    const base: AtlasFilter = { ...defaultFilter(manifest), provinces: ['02'], year: 2023 };
    const weak = weakPreset(manifest, base);
    expect(weak.ratings).toEqual(['Y']);
    expect(weak.provinces).toEqual(['02']);
    expect(weak.year).toBe(2023);
    expect(isDefault(weak, manifest)).toBe(false);
    expect(isUnfiltered(weak)).toBe(false);
  });

  it('normalises arrays, text, structure and year', () => {
    const messy: AtlasFilter = {
      structure: 'nope',
      year: 2031,
      provinces: ['08', '02', '08', ' '],
      ratings: ['Y', 'XS', 'Y', 'ZZ', 'TB'],
      kinds: ['maritime', 'border', 'border'],
      kindsMode: 'all',
      // NFD input with doubled spaces: "Lũng   Cú" decomposed.
      text: '  Lu\u0303ng   Cu\u0301 ',
    };
    const n = normaliseFilter(messy, manifest);
    expect(n).toEqual({
      structure: '2025',
      year: 2025,
      provinces: ['02', '08'],
      ratings: ['XS', 'TB', 'Y'],
      kinds: ['border', 'maritime'],
      kindsMode: 'all',
      text: 'Lũng Cú',
    });
    expect(n.text).toBe(n.text.normalize('NFC'));
    expect(normaliseFilter({ ...messy, year: 1990 }, manifest).year).toBe(2020);
    expect(normaliseFilter({ ...messy, year: Number.NaN }, manifest).year).toBe(2025);
    // Idempotent, so saved views compare equal.
    expect(sameFilter(normaliseFilter(n, manifest), n)).toBe(true);
  });

  it('snaps a year between listed years to the nearest one', () => {
    const gappy = { ...manifest, years: [2011, 2015, 2020] };
    expect(normaliseFilter({ ...defaultFilter(gappy), year: 2012 }, gappy).year).toBe(2011);
    expect(normaliseFilter({ ...defaultFilter(gappy), year: 2013 }, gappy).year).toBe(2015);
    expect(normaliseFilter({ ...defaultFilter(gappy), year: 2018 }, gappy).year).toBe(2020);
  });

  it('says the filter in Vietnamese and English', () => {
    const f: AtlasFilter = {
      structure: 'pre2025',
      year: 2024,
      provinces: ['02'],
      ratings: ['TB', 'Y'],
      kinds: ['border', 'ethnic_minority'],
      kindsMode: 'all',
      text: 'lũng',
    };
    const names = { ...manifest, provinces: { '02': 'Tỉnh Hà Giang' } };
    expect(describeFilterParts(f, 'vi', names)).toEqual([
      'Năm 2024',
      'Trước 2025',
      'Tỉnh/thành: Tỉnh Hà Giang',
      'Xếp loại: Trung bình, Yếu',
      'Vùng trọng điểm (thuộc tất cả): Biên giới đất liền, Vùng đồng bào dân tộc thiểu số',
      'Tên hoặc mã chứa: “lũng”',
    ]);
    expect(describeFilter({ ...f, kindsMode: 'any', text: '' }, 'en', names)).toBe(
      'Year 2024 · Before 2025 · Provinces: Tỉnh Hà Giang · Ratings: Average, Weak · Priority areas (any of): Land border, Ethnic-minority areas',
    );
    expect(describeFilter(defaultFilter(manifest), 'vi', manifest)).toBe('Năm 2025 · Sau 2025 · Toàn quốc · Mọi mức xếp loại');
  });

  it('keeps hostile search text as plain text and unknown ids as ids', () => {
    const hostile = MINI_NAMES['pre2025:00002'];
    const f = normaliseFilter({ ...defaultFilter(manifest), text: hostile, provinces: ['99'], kinds: ['schools'] }, manifest);
    const s = describeFilter(f, 'vi', manifest);
    expect(s).toContain(`“${hostile}”`);
    expect(s).toContain('Tỉnh/thành: 99');
    expect(s).toContain(': schools');
  });
});

describe('every province: the whole country, or all the data of part of it', () => {
  const all2025 = PROVINCES_2025.map((p) => p.code);
  const all63 = PROVINCES_PRE2025.map((p) => p.code);
  it('is the whole country only with every province of one of the two lists', () => {
    expect(coversCountry(all2025)).toBe(true);
    expect(coversCountry(all63)).toBe(true);
    expect(coversCountry(['02'])).toBe(false);
    // The shared district file lacks Quảng Ninh (22).
    expect(coversCountry(all63.filter((c) => c !== '22'))).toBe(false);
  });
  it('says "Toàn quốc" for the whole country (or when the provinces are not known yet), else how many provinces the data has', () => {
    expect(allProvincesLabel('vi', all2025)).toBe('Toàn quốc');
    expect(allProvincesLabel('vi', [])).toBe('Toàn quốc');
    expect(allProvincesLabel('vi', ['02'])).toBe('Toàn bộ dữ liệu (1 tỉnh, thành phố)');
    expect(allProvincesLabel('en', ['02'])).toBe('All the data (1 province)');
    expect(allProvincesLabel('en', all63.slice(1))).toBe('All the data (62 provinces)');
    expect(describeFilterParts(defaultFilter(manifest), 'vi', { ...manifest, provinces: { '02': 'Tỉnh Hà Giang' } })).toContain('Toàn bộ dữ liệu (1 tỉnh, thành phố)');
  });
});
