/**
 * Priority kinds as data, declared flags against computed ones, a flag's
 * evidence in words, and unit types read from names (src/model/priority.ts,
 * src/model/unit-types.ts). Expectations are written out by hand.
 */
import { describe, expect, it } from 'vitest';
import {
  BUILTIN_PRIORITY_KINDS,
  EXTRA_KIND_COLORS,
  datasetKinds,
  describeFlag,
  kindDef,
  kindIdFromLabel,
  kindRgba,
  kindsWithFlags,
  knownKindId,
  mergePriority,
  neighbourName,
  priorityKindsOf,
  type PriorityRow,
} from '../../src/model/priority.ts';
import { provinceTypeOf, splitTypePrefix, typeFromCell, unitTypeOf } from '../../src/model/unit-types.ts';

const row = (code: string, kind: string, detail: string | null, source: 'computed' | 'declared', length_km: number | null = null): PriorityRow => ({ code, kind, detail, source, length_km });

describe('priority kinds are data', () => {
  it('keeps the ids of the five built-in kinds', () => {
    expect(BUILTIN_PRIORITY_KINDS.map((k) => k.id)).toEqual(['border', 'maritime', 'island', 'ethnic_minority', 'industrial_zone']);
  });

  it('recognises the kinds offices write, in Vietnamese and English, with or without diacritics', () => {
    expect(['Biên giới', 'bien gioi dat lien', 'BORDER', 'Ven biển', 'Hải đảo', 'DTTS', 'KCN', 'Tôn giáo', 'religious', 'Trường học', 'Đô thị lớn', 'Địa bàn chiến lược'].map(knownKindId)).toEqual([
      'border', 'border', 'border', 'maritime', 'island', 'ethnic_minority', 'industrial_zone', 'religious', 'religious', 'school', 'urban', 'strategic',
    ]);
    expect(knownKindId('Vùng giáo xứ')).toBeUndefined();
    expect(kindIdFromLabel('Vùng giáo xứ')).toBe('vung_giao_xu');
  });

  it('lists a dataset’s kinds: built-in ones first, then the others as they come, with their labels and colours', () => {
    const kinds = datasetKinds(['vung_giao_xu', 'island', 'religious', 'border', 'other'], [{ id: 'vung_giao_xu', label: { vi: 'Vùng giáo xứ', en: 'Parish area' }, color: '#aa5500' }]);
    expect(kinds.map((k) => k.id)).toEqual(['border', 'island', 'vung_giao_xu', 'religious', 'other']);
    expect(kinds[2]).toEqual({ id: 'vung_giao_xu', label: { vi: 'Vùng giáo xứ', en: 'Parish area' }, color: '#aa5500' });
    expect(kinds[3].label.vi).toBe('Vùng tôn giáo');
    // A kind with no colour of its own gets the first spare one.
    expect(kinds[4]).toEqual({ id: 'other', label: { vi: 'other', en: 'other' }, color: EXTRA_KIND_COLORS[0] });
  });

  it('shows the kinds of the manifest and, after them, any kind the flags have that it forgot', () => {
    const kinds = datasetKinds(['border']);
    expect(kindsWithFlags(kinds, ['border', 'school', 'mystery']).map((k) => [k.id, k.label.vi])).toEqual([['border', 'Biên giới đất liền'], ['school', 'Trường học'], ['mystery', 'mystery']]);
  });

  it('falls back to the built-in kinds for a bundle made before kinds were data, and to grey for a kind it does not list', () => {
    expect(priorityKindsOf({}).map((k) => k.id)).toEqual(BUILTIN_PRIORITY_KINDS.map((k) => k.id));
    expect(kindDef([], 'mystery')).toEqual({ id: 'mystery', label: { vi: 'mystery', en: 'mystery' }, color: '#808080' });
    expect(kindRgba('#78288c')).toEqual([120, 40, 140, 255]);
    expect(kindRgba('not a colour', 100)).toEqual([128, 128, 128, 100]);
  });
});

describe('declared flags against computed ones', () => {
  const computed = [
    row('00001', 'border', 'Trung Quốc', 'computed', 12.4),
    row('00001', 'border', 'Lào', 'computed', 3.1),
    row('00004', 'border', 'Lào', 'computed', 8),
    row('00004', 'maritime', null, 'computed', 2.5),
    row('00007', 'island', 'đặc khu', 'computed'),
  ];

  it('replaces the computed flags of a unit and kind by the declared ones, keeping the evidence where they agree', () => {
    const { rows } = mergePriority(computed, [row('00001', 'border', 'Trung Quốc', 'declared')]);
    expect(rows.filter((r) => r.code === '00001')).toEqual([row('00001', 'border', 'Trung Quốc', 'declared', 12.4)]);
  });

  it('completes the computed flags with declared ones nothing computed', () => {
    const { rows, contradictions } = mergePriority(computed, [row('00010', 'ethnic_minority', 'Khu vực III', 'declared')]);
    expect(rows).toHaveLength(computed.length + 1);
    expect(rows.at(-1)).toEqual(row('00010', 'ethnic_minority', 'Khu vực III', 'declared'));
    expect(contradictions).toEqual([]);
  });

  it('reports the computed flags a declared list contradicts: another neighbour, or not on the list', () => {
    const { rows, contradictions } = mergePriority(computed, [row('00001', 'border', 'Trung Quốc', 'declared')]);
    expect(contradictions).toEqual([
      { code: '00001', kind: 'border', computed: { detail: 'Lào', length_km: 3.1 }, why: 'other-detail', declared: ['Trung Quốc'] },
      { code: '00004', kind: 'border', computed: { detail: 'Lào', length_km: 8 }, why: 'not-listed', declared: [] },
    ]);
    // A unit the list does not name keeps its computed flag (the list may be older than the boundaries).
    expect(rows).toContainEqual(row('00004', 'border', 'Lào', 'computed', 8));
    // Kinds the list does not cover are not contradicted.
    expect(contradictions.some((c) => c.kind === 'maritime' || c.kind === 'island')).toBe(false);
  });

  it('sorts rows by code', () => {
    const { rows } = mergePriority(computed, [row('00000', 'school', null, 'declared')]);
    expect(rows.map((r) => r.code)).toEqual(['00000', '00001', '00001', '00004', '00004', '00007']);
  });
});

describe('a flag in words', () => {
  const kinds = datasetKinds(['border', 'maritime', 'island', 'ethnic_minority']);
  it('gives the neighbour and the kilometres in each language', () => {
    expect(describeFlag({ kind: 'border', detail: 'Lào', length_km: 12.4 }, kinds, 'vi')).toBe('Biên giới Lào 12,4 km');
    expect(describeFlag({ kind: 'border', detail: 'Lào', length_km: 12.4 }, kinds, 'en')).toBe('Border with Laos 12.4 km');
    expect(describeFlag({ kind: 'maritime', detail: null, length_km: 8 }, kinds, 'vi')).toBe('Biển, ven biển 8 km');
    expect(describeFlag({ kind: 'border', detail: 'Trung Quốc', length_km: 1234.5 }, kinds, 'vi')).toBe('Biên giới Trung Quốc 1.234,5 km');
    expect(describeFlag({ kind: 'island', detail: 'đặc khu', length_km: null }, kinds, 'vi')).toBe('Hải đảo (đặc khu)');
    expect(describeFlag({ kind: 'ethnic_minority', detail: 'Khu vực III', length_km: null }, kinds, 'en')).toBe('Ethnic-minority areas — Khu vực III');
    expect(describeFlag({ kind: 'border', detail: 'Lào', length_km: null }, kinds, 'vi')).toBe('Biên giới Lào');
  });

  it('writes neighbours as offices spell them the Vietnamese way', () => {
    expect(['Lao', 'LAOS', 'china', 'Trung quoc', 'Cambodia', 'Cam Pu Chia', 'Thái Lan'].map(neighbourName)).toEqual(['Lào', 'Lào', 'Trung Quốc', 'Trung Quốc', 'Campuchia', 'Campuchia', 'Thái Lan']);
  });
});

describe('unit types from names', () => {
  it('reads the prefix of a full name, in any case, NFC or NFD', () => {
    expect(splitTypePrefix('Phường Ba Đình')).toEqual({ type: 'phường', rest: 'Ba Đình' });
    expect(splitTypePrefix('ĐẶC KHU Cát Hải')).toEqual({ type: 'đặc khu', rest: 'Cát Hải' });
    expect(splitTypePrefix('Đặc khu Cát Hải'.normalize('NFD'))).toEqual({ type: 'đặc khu', rest: 'Cát Hải' });
    expect(splitTypePrefix('Thị trấn Đồng Văn')?.type).toBe('thị trấn');
    expect(splitTypePrefix('xã Lũng Cú')?.type).toBe('xã');
  });

  it('does not take a name that merely starts like a type for one', () => {
    expect(splitTypePrefix('Phương Liễu')).toBeUndefined();
    expect(splitTypePrefix('Quan Hóa')).toBeUndefined();
    expect(splitTypePrefix('Xà Phìn')).toBeUndefined();
    expect(splitTypePrefix('Phường')).toBeUndefined();
  });

  it('tells a city from a province: Thành phố, TP., TP.HCM, and the centrally-run cities named bare', () => {
    expect(['Thành phố Hà Nội', 'TP. Hồ Chí Minh', 'TP.HCM', 'Tp Cần Thơ', 'thành phố Huế'.normalize('NFD'), 'Hà Nội', 'Đà Nẵng'].map(provinceTypeOf)).toEqual(Array(7).fill('thành phố'));
    expect(['Tỉnh Hà Giang', 'Hà Giang', 'Tỉnh Thừa Thiên Huế', 'Quảng Ninh'].map(provinceTypeOf)).toEqual(Array(4).fill('tỉnh'));
  });

  it('prefers a type column, then the full name, then the name', () => {
    expect(typeFromCell('phuong')).toBe('phường');
    expect(typeFromCell('Thành phố Trung ương')).toBe('thành phố');
    expect(typeFromCell('Khác')).toBeUndefined();
    expect(unitTypeOf('Đặc khu', ['Xã Cát Hải'])).toBe('đặc khu');
    expect(unitTypeOf(null, ['Phường Ba Đình', 'Xã Ba Đình'])).toBe('phường');
    expect(unitTypeOf(undefined, [null, 'Thị trấn Mèo Vạc'])).toBe('thị trấn');
    expect(unitTypeOf(undefined, ['Mèo Vạc'])).toBe('xã');
  });
});
