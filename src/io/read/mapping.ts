/**
 * Column mapping: which header of a user's file holds which field. Headers come
 * in Vietnamese or English, with or without diacritics, spaces or underscores
 * ("Mã xã", "ma_xa", "MA XA", "code"), so they are matched on folded text. The
 * proposal is only a proposal: the UI shows it and the user may change it, then
 * `applyMapping` is called with the final mapping.
 */
import { foldText } from '../../model/text.ts';
import type { FileRole } from '../report.ts';
import type { RawCell, RawTable } from './table.ts';

/** Fields the importer understands. */
export type FieldId =
  | 'code'
  | 'name'
  | 'full_name'
  | 'unit_type'
  | 'province_code'
  | 'province_name'
  | 'year'
  | 'rating'
  | 'score'
  | 'kind'
  | 'detail'
  | 'id'
  | 'old_code'
  | 'new_code'
  | 'share'
  | 'label_en'
  | 'color';

/** Field → header (as written in the file), or null when not mapped. */
export type ColumnMapping = Partial<Record<FieldId, string | null>>;

/** Fields of each role, required first. */
export const ROLE_FIELDS: Record<FileRole, { required: FieldId[]; optional: FieldId[] }> = {
  ratings: { required: ['code', 'year', 'rating'], optional: ['score', 'name', 'province_code', 'province_name', 'unit_type'] },
  boundaries: { required: ['code'], optional: ['name', 'full_name', 'unit_type', 'province_code', 'province_name'] },
  priority: { required: ['code', 'kind'], optional: ['detail', 'name', 'label_en', 'color'] },
  zones: { required: ['id'], optional: ['kind', 'name', 'province_code'] },
  crosswalk: { required: ['old_code', 'new_code'], optional: ['share'] },
};

/** Labels for the mapping UI. */
export const FIELD_LABELS: Record<FieldId, { vi: string; en: string }> = {
  code: { vi: 'Mã xã', en: 'Commune code' },
  name: { vi: 'Tên xã', en: 'Commune name' },
  full_name: { vi: 'Tên đầy đủ (có loại đơn vị)', en: 'Full name (with unit type)' },
  unit_type: { vi: 'Loại đơn vị', en: 'Unit type' },
  province_code: { vi: 'Mã tỉnh', en: 'Province code' },
  province_name: { vi: 'Tên tỉnh', en: 'Province name' },
  year: { vi: 'Năm', en: 'Year' },
  rating: { vi: 'Xếp loại', en: 'Rating' },
  score: { vi: 'Điểm', en: 'Score' },
  kind: { vi: 'Loại địa bàn', en: 'Kind' },
  detail: { vi: 'Chi tiết', en: 'Detail' },
  id: { vi: 'Mã khu', en: 'Zone id' },
  old_code: { vi: 'Mã xã cũ', en: 'Old code' },
  new_code: { vi: 'Mã xã mới', en: 'New code' },
  share: { vi: 'Tỷ lệ diện tích', en: 'Area share' },
  label_en: { vi: 'Tên loại địa bàn (tiếng Anh)', en: 'Kind label (English)' },
  color: { vi: 'Màu', en: 'Colour' },
};

/** Synonyms, written naturally; they are folded before matching. Order within a list does not matter. */
const SYNONYMS: Record<FieldId, string[]> = {
  code: ['Mã xã', 'Mã', 'Mã đơn vị', 'Mã ĐVHC', 'Mã phường xã', 'Mã xã phường', 'Mã đơn vị hành chính', 'code', 'commune code', 'unit code', 'ma_xa', 'maxa', 'level3_id', 'geocode', 'id xa'],
  name: ['Tên xã', 'Tên', 'Tên đơn vị', 'Tên phường xã', 'Tên xã phường', 'Tên ĐVHC', 'name', 'commune name', 'unit name', 'ten_xa'],
  full_name: ['Tên đầy đủ', 'Tên đầy đủ đơn vị', 'full name', 'fullName', 'full_name', 'ten_day_du'],
  unit_type: ['Loại', 'Loại đơn vị', 'Cấp', 'type', 'unit type', 'unit_type'],
  province_code: ['Mã tỉnh', 'Mã tỉnh thành', 'province code', 'province_code', 'ma_tinh', 'level1_id'],
  province_name: ['Tên tỉnh', 'Tỉnh', 'Tỉnh thành', 'Tỉnh/thành phố', 'province', 'province name', 'province_name', 'ten_tinh'],
  year: ['Năm', 'Năm đánh giá', 'Năm xếp loại', 'year', 'nam'],
  rating: ['Xếp loại', 'Kết quả', 'Kết quả xếp loại', 'Phân loại', 'Đánh giá', 'Xếp loại phong trào', 'Mức', 'rating', 'grade', 'level', 'xep_loai'],
  score: ['Điểm', 'Tổng điểm', 'Điểm số', 'score', 'points', 'diem'],
  kind: ['Loại địa bàn', 'Địa bàn', 'Loại ưu tiên', 'kind', 'priority', 'loai'],
  detail: ['Chi tiết', 'Ghi chú', 'Dân tộc', 'detail', 'note'],
  id: ['Mã khu', 'id', 'zone id', 'zone_id', 'Mã'],
  old_code: ['Mã xã cũ', 'Mã cũ', 'old code', 'old_code'],
  new_code: ['Mã xã mới', 'Mã mới', 'new code', 'new_code'],
  share: ['Tỷ lệ', 'Tỷ lệ diện tích', 'share'],
  label_en: ['Tên tiếng Anh', 'Tiếng Anh', 'label en', 'label_en', 'english', 'kind en', 'kind_en'],
  color: ['Màu', 'Màu sắc', 'color', 'colour', 'mau'],
};

/**
 * Headers taken for a field only when none of its own synonyms is there, best
 * first: a district file (the GSO list's `level2_id`, "Mã huyện") packs
 * districts as units, but a file that also has a commune code keeps that one.
 */
const FALLBACKS: Partial<Record<FieldId, string[]>> = {
  code: ['level2_id', 'Mã huyện', 'Mã quận huyện', 'ma_huyen'],
};

/** Folds a header for matching: no diacritics, lower case, `_-./` as spaces. */
export function foldHeader(header: string): string {
  return foldText(header.replace(/[_\-./]+/g, ' '));
}

const foldedSet = (list: string[]) => new Set(list.flatMap((s) => [foldHeader(s), foldHeader(s).replace(/ /g, '')]));

const FOLDED: Record<FieldId, Set<string>> = Object.fromEntries(Object.entries(SYNONYMS).map(([k, list]) => [k, foldedSet(list)])) as Record<FieldId, Set<string>>;

/** Proposes a mapping for a file of `role` from its headers; a header is used at most once. */
export function proposeMapping(headers: string[], role: FileRole): ColumnMapping {
  const fields = [...ROLE_FIELDS[role].required, ...ROLE_FIELDS[role].optional];
  const used = new Set<number>();
  const mapping: ColumnMapping = {};
  const find = (names: Set<string>) => headers.findIndex((h, i) => !used.has(i) && (names.has(foldHeader(h)) || names.has(foldHeader(h).replace(/ /g, ''))));
  for (const f of fields) {
    const idx = find(FOLDED[f]);
    mapping[f] = idx >= 0 ? headers[idx] : null;
    if (idx >= 0) used.add(idx);
  }
  // Fallbacks last, so they never take a header one of a field's own synonyms wanted.
  for (const f of fields) {
    if (mapping[f] || !FALLBACKS[f]) continue;
    for (const name of FALLBACKS[f]) {
      const idx = find(foldedSet([name]));
      if (idx < 0) continue;
      mapping[f] = headers[idx];
      used.add(idx);
      break;
    }
  }
  return mapping;
}

/** Required fields of `role` the mapping leaves unmapped or maps to a header the file lacks. */
export function missingFields(mapping: ColumnMapping, role: FileRole, headers: string[]): FieldId[] {
  return ROLE_FIELDS[role].required.filter((f) => !mapping[f] || !headers.includes(mapping[f]!));
}

/** True when the headers map every required field of `role` (used to pick an XLSX sheet). */
export function headersFit(headers: string[], role: FileRole): boolean {
  return missingFields(proposeMapping(headers, role), role, headers).length === 0;
}

/** One row after mapping: values by field, the remaining columns by header. */
export interface MappedRow {
  row: number;
  values: Partial<Record<FieldId, RawCell>>;
  extra: Record<string, RawCell>;
}

/** Applies a mapping to a raw table. Unmapped columns land in `extra` (indicator candidates). */
export function applyMapping(table: RawTable, mapping: ColumnMapping): MappedRow[] {
  const index = new Map<FieldId, number>();
  for (const [f, h] of Object.entries(mapping) as [FieldId, string | null][]) {
    if (h) {
      const i = table.headers.indexOf(h);
      if (i >= 0) index.set(f, i);
    }
  }
  const mappedCols = new Set(index.values());
  const extraCols = table.headers.map((h, i) => [h, i] as const).filter(([h, i]) => !mappedCols.has(i) && h !== '');
  return table.rows.map((r) => {
    const values: Partial<Record<FieldId, RawCell>> = {};
    for (const [f, i] of index) values[f] = r.cells[i] ?? null;
    const extra: Record<string, RawCell> = {};
    for (const [h, i] of extraCols) extra[h] = r.cells[i] ?? null;
    return { row: r.row, values, extra };
  });
}
