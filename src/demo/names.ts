/**
 * Synthetic but readable Vietnamese commune names, built from syllables common
 * in place names. They are clearly not real units: the pairs are drawn at random.
 */
import type { Rng } from './rng.ts';

const FIRST = [
  'An', 'Bình', 'Hòa', 'Phú', 'Tân', 'Thành', 'Long', 'Phước', 'Thạnh', 'Hưng', 'Đông', 'Tây', 'Nam', 'Bắc',
  'Trung', 'Quang', 'Minh', 'Đức', 'Hiệp', 'Mỹ', 'Vĩnh', 'Xuân', 'Hải', 'Sơn', 'Cẩm', 'Kim', 'Hồng', 'Định',
  'Thái', 'Nghĩa', 'Thuận', 'Yên', 'Quảng', 'Gia', 'Lạc', 'Tiên', 'Hoàng', 'Đại', 'Ngọc', 'Thiện', 'Cát', 'Liên',
];
const SECOND = [
  'Phú', 'Hòa', 'Bình', 'Lợi', 'Thắng', 'Tiến', 'Lộc', 'Hưng', 'Thịnh', 'Phong', 'Sơn', 'Thủy', 'Lâm', 'Hà',
  'Khánh', 'Phương', 'Châu', 'An', 'Thành', 'Long', 'Mỹ', 'Đông', 'Tân', 'Hiệp', 'Quý', 'Hải', 'Lương', 'Trường',
  'Xuân', 'Hồng', 'Đức', 'Nghĩa', 'Vinh', 'Dương', 'Thuận', 'Tường', 'Minh', 'Hội', 'Điền', 'Cường', 'Hạnh', 'Ninh',
];

/**
 * Returns `count` distinct two-syllable names (first ≠ second syllable), drawn
 * without replacement, so names never repeat inside one province.
 */
export function drawNames(rng: Rng, count: number): string[] {
  const pool: string[] = [];
  for (const a of FIRST) for (const b of SECOND) if (a !== b) pool.push(`${a} ${b}`);
  if (count > pool.length) throw new Error(`cannot draw ${count} distinct names from ${pool.length}`);
  // Partial Fisher–Yates: only the first `count` slots are shuffled.
  for (let i = 0; i < count; i++) {
    const j = i + rng.int(pool.length - i);
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, count).map((n) => n.normalize('NFC'));
}

/** Capitalised unit-type prefix for a display name, e.g. `Phường An Hòa`. */
export function typePrefix(unitType: string): string {
  return unitType.charAt(0).toUpperCase() + unitType.slice(1);
}
