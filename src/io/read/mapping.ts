/**
 * Column mapping: which header of a user's file holds which field. Headers come
 * in Vietnamese or English, with or without diacritics, spaces or underscores
 * ("Mã xã", "ma_xa", "MA XA", "code"), so they are matched on folded text. The
 * proposal is only a proposal: the UI shows it and the user may change it, then
 * `applyMapping` is called with the final mapping.
 */
import { FIELD_LABELS } from '../../model/i18n.ts';
import { foldText } from '../../model/text.ts';
import type { FileRole } from '../report.ts';
import type { RawCell, RawTable } from './table.ts';

/** Fields the importer understands (their labels are in src/model/i18n.ts). */
export type FieldId = keyof typeof FIELD_LABELS;

/** Field → header (as written in the file), or null when not mapped. */
export type ColumnMapping = Partial<Record<FieldId, string | null>>;

/** Fields of each role, required first. */
export const ROLE_FIELDS: Record<FileRole, { required: FieldId[]; optional: FieldId[] }> = {
  ratings: { required: ['code', 'year', 'rating'], optional: ['score', 'name', 'province_code', 'province_name', 'unit_type'] },
  boundaries: { required: ['code'], optional: ['name', 'full_name', 'unit_type', 'province_code', 'province_name'] },
  priority: { required: ['code', 'kind'], optional: ['detail', 'name', 'label_en', 'color'] },
  zones: { required: ['id'], optional: ['kind', 'name', 'province_code'] },
  crosswalk: { required: ['old_code', 'new_code'], optional: ['share'] },
  provinces: { required: ['province_code'], optional: ['province_name', 'name'] },
};

/** Labels for the mapping UI. */
export { FIELD_LABELS };

/** Synonyms, written naturally; they are folded before matching. Order within a list does not matter. */
const SYNONYMS: Record<FieldId, string[]> = {
  code: ['Mã xã', 'Mã', 'Mã đơn vị', 'Mã ĐVHC', 'Mã phường xã', 'Mã xã phường', 'Mã xã/phường', 'Mã xã, phường', 'Mã đơn vị hành chính', 'Mã đơn vị hành chính cấp xã', 'Mã số', 'code', 'commune code', 'unit code', 'ma_xa', 'maxa', 'level3_id', 'geocode', 'id xa'],
  name: ['Tên xã', 'Tên', 'Tên đơn vị', 'Tên phường xã', 'Tên xã phường', 'Tên xã/phường', 'Tên xã, phường', 'Tên ĐVHC', 'Tên đơn vị hành chính', 'Đơn vị', 'Xã, phường', 'Xã/phường', 'Xã, phường, thị trấn', 'name', 'commune name', 'unit name', 'ten_xa'],
  full_name: ['Tên đầy đủ', 'Tên đầy đủ đơn vị', 'full name', 'fullName', 'full_name', 'ten_day_du'],
  unit_type: ['Loại', 'Loại đơn vị', 'Cấp', 'type', 'unit type', 'unit_type'],
  province_code: ['Mã tỉnh', 'Mã tỉnh thành', 'Mã tỉnh/thành phố', 'province code', 'province_code', 'provinceCode', 'ma_tinh', 'level1_id'],
  province_name: ['Tên tỉnh', 'Tỉnh', 'Tỉnh thành', 'Tỉnh/thành phố', 'Tỉnh, thành phố', 'Tên tỉnh/thành phố', 'Tên tỉnh, thành phố', 'province', 'province name', 'province_name', 'provinceName', 'ten_tinh'],
  year: ['Năm', 'Năm đánh giá', 'Năm xếp loại', 'year', 'nam'],
  rating: ['Xếp loại', 'Kết quả', 'Kết quả xếp loại', 'Kết quả xếp loại phong trào', 'Phân loại', 'Đánh giá', 'Xếp loại phong trào', 'Mức', 'Mức xếp loại', 'rating', 'grade', 'level', 'xep_loai'],
  score: ['Điểm', 'Tổng điểm', 'Điểm số', 'Điểm đạt', 'score', 'points', 'diem'],
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

/**
 * True when a code column was taken from the district fallbacks (`level2_id`,
 * "Mã huyện"): a file of districts, whose codes the GSO list writes with 3 digits.
 */
export function isDistrictCodeHeader(header: string | null | undefined): boolean {
  if (!header) return false;
  const names = new Set(FALLBACKS.code!.map(foldHeader));
  return names.has(foldHeader(header)) || names.has(foldHeader(header).replace(/ /g, ''));
}

/** Headers of numbering columns (STT, TT, #): never data, never an indicator. */
const NUMBERING = ['STT', 'TT', 'Số TT', 'Số thứ tự', 'Thứ tự', '#', 'No', 'No.', 'Nr', 'order'];

/** Folds a header for matching: camelCase split, no diacritics, lower case, `_-./` as spaces. */
export function foldHeader(header: string): string {
  return foldText(header.replace(/([a-z\u00e0-\u1ef9])([A-Z\u0110])/g, '$1 $2').replace(/[_\-./]+/g, ' '));
}

/**
 * The key a header is matched on: folded, without a trailing note in brackets
 * ("Mã xã (*)", "Điểm (1)"), a trailing colon or a leading column number ("3. Xếp loại").
 */
export function headerKey(header: string): string {
  return foldHeader(header)
    .replace(/\s*[([][^)\]]*[)\]]\s*$/, '')
    .replace(/^\(?\d{1,2}[.)]\s+/, '')
    .replace(/\s*[:*]+$/, '')
    .trim();
}

const foldedSet = (list: string[]) => new Set(list.flatMap((s) => [foldHeader(s), foldHeader(s).replace(/ /g, '')]));

const FOLDED: Record<FieldId, Set<string>> = Object.fromEntries(
  Object.entries(SYNONYMS).map(([k, list]) => [k, new Set(list.flatMap((s) => [headerKey(s), headerKey(s).replace(/ /g, '')]))]),
) as Record<FieldId, Set<string>>;
const NUMBERING_KEYS = new Set(NUMBERING.flatMap((s) => [headerKey(s), headerKey(s).replace(/ /g, '')]));

function matches(field: FieldId, header: string): boolean {
  const k = headerKey(header);
  return k !== '' && (FOLDED[field].has(k) || FOLDED[field].has(k.replace(/ /g, '')));
}

/** The field a header names, whatever the role (the first in `SYNONYMS` order), or null. */
export function fieldOfHeader(header: string): FieldId | null {
  for (const f of Object.keys(FOLDED) as FieldId[]) if (matches(f, header)) return f;
  return null;
}

/** True for the header of a numbering column (STT, TT, #). */
export function isNumberingHeader(header: string): boolean {
  const k = headerKey(header);
  return NUMBERING_KEYS.has(k) || NUMBERING_KEYS.has(k.replace(/ /g, ''));
}

/**
 * Proposes a mapping for a file of `role` from its headers; a header is used at
 * most once. `fixed` (the user's choices, e.g. `--map code=MA_XA`) is kept for
 * the fields it names whose header the file has, and those headers are not
 * proposed for another field.
 */
export function proposeMapping(headers: string[], role: FileRole, fixed: ColumnMapping = {}): ColumnMapping {
  const fields = [...ROLE_FIELDS[role].required, ...ROLE_FIELDS[role].optional];
  const used = new Set<number>();
  const mapping: ColumnMapping = {};
  const find = (names: Set<string>) => headers.findIndex((h, i) => !used.has(i) && (names.has(foldHeader(h)) || names.has(foldHeader(h).replace(/ /g, ''))));
  for (const f of fields) {
    const h = fixed[f];
    if (h && headers.includes(h)) {
      mapping[f] = h;
      used.add(headers.indexOf(h));
    }
  }
  for (const f of fields) {
    if (mapping[f]) continue;
    const idx = headers.findIndex((h, i) => !used.has(i) && matches(f, h));
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

/** Levenshtein distance, for the closest-header hint of a missing column. */
function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}

/**
 * The header of `headers` closest to the names of `field` (by edit distance
 * between folded forms, relative to length), or null when none is close: the
 * hint a missing-column error gives ("level2_id" for a code column).
 */
export function closestHeader(field: FieldId, headers: string[], taken: Set<string> = new Set()): string | null {
  let best: { h: string; d: number } | null = null;
  for (const h of headers) {
    if (taken.has(h) || isNumberingHeader(h)) continue;
    const k = headerKey(h).replace(/ /g, '');
    if (!k) continue;
    for (const s of FOLDED[field]) {
      const t = s.replace(/ /g, '');
      const d = distance(k, t) / Math.max(k.length, t.length);
      if (!best || d < best.d) best = { h, d };
    }
  }
  // A third of the letters different at most: level2_id for level3_id, not a title that shares a word.
  return best && best.d <= 0.34 ? best.h : null;
}

/** Required fields of `role` the mapping leaves unmapped or maps to a header the file lacks. */
export function missingFields(mapping: ColumnMapping, role: FileRole, headers: string[]): FieldId[] {
  return ROLE_FIELDS[role].required.filter((f) => !mapping[f] || !headers.includes(mapping[f]!));
}

/** True when the headers map every required field of `role` (used to guess a table's role). */
export function headersFit(headers: string[], role: FileRole, fixed: ColumnMapping = {}): boolean {
  return missingFields(proposeMapping(headers, role, fixed), role, headers).length === 0;
}

/** One row after mapping: values by field, the remaining columns by header. */
export interface MappedRow {
  row: number;
  values: Partial<Record<FieldId, RawCell>>;
  /** Unmapped columns by header (indicator candidates); numbering columns (STT) are left out. */
  extra: Record<string, RawCell>;
  /**
   * The column each value came from, as the user sees it in the file: the mapped
   * header, or for a wide sheet the year's column ("Kết quả xếp loại / Năm 2025").
   */
  columns: Partial<Record<FieldId, string>>;
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
  const extraCols = table.headers.map((h, i) => [h, i] as const).filter(([h, i]) => !mappedCols.has(i) && h !== '' && !isNumberingHeader(h));
  return table.rows.map((r) => {
    const values: Partial<Record<FieldId, RawCell>> = {};
    const columns: Partial<Record<FieldId, string>> = {};
    for (const [f, i] of index) {
      values[f] = r.cells[i] ?? null;
      columns[f] = r.sources?.[i] ?? table.headers[i];
    }
    const extra: Record<string, RawCell> = {};
    for (const [h, i] of extraCols) extra[h] = r.cells[i] ?? null;
    return { row: r.row, values, extra, columns };
  });
}
