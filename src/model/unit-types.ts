/**
 * Administrative unit types, read from a type column or from the prefix of a
 * unit's full name ("Phường Ba Đình", "Đặc khu Cát Hải", "TP. Hồ Chí Minh").
 * Types drive labels and one rule: a đặc khu is an island (src/geo/priority.ts).
 *
 * A name's prefix is matched with its diacritics (in any case, NFC or NFD):
 * folding them away would read the commune "Phương Liễu" as a phường and the
 * district "Quan Hóa" as a quận. A type column holds only the type, so it is
 * matched folded ("Phuong", "DAC KHU").
 */
import { foldText } from './text.ts';

/** Types of communes (both structures), then of districts (pre-2025 files of that level), then of provinces. */
export const UNIT_TYPES = ['xã', 'phường', 'thị trấn', 'đặc khu', 'quận', 'huyện', 'thị xã', 'thành phố', 'tỉnh'] as const;
export type UnitType = (typeof UNIT_TYPES)[number];

/** Name prefixes (lower case, NFC), longest first, and the type each stands for. */
const PREFIXES: [string, UnitType][] = [
  ['thị trấn', 'thị trấn'],
  ['đặc khu', 'đặc khu'],
  ['thành phố', 'thành phố'],
  ['thị xã', 'thị xã'],
  ['phường', 'phường'],
  ['huyện', 'huyện'],
  ['quận', 'quận'],
  ['tỉnh', 'tỉnh'],
  ['t.p.', 'thành phố'],
  ['tp.', 'thành phố'],
  ['tp', 'thành phố'],
  ['xã', 'xã'],
];

/**
 * The type a name starts with, and the rest of the name: `Đặc khu Cát Hải` →
 * `{ type: 'đặc khu', rest: 'Cát Hải' }`; `TP.HCM` → `thành phố`. Undefined
 * when the name starts with no type.
 */
export function splitTypePrefix(name: string): { type: UnitType; rest: string } | undefined {
  const nfc = name.normalize('NFC').replace(/\s+/g, ' ').trim();
  const lower = nfc.toLowerCase();
  for (const [prefix, type] of PREFIXES) {
    if (!lower.startsWith(prefix)) continue;
    const next = lower.charAt(prefix.length);
    // A word ends at a space; "TP." and "T.P." may run straight into the name ("TP.HCM").
    if (next === ' ' || (prefix.endsWith('.') && next !== '' && next !== '.')) {
      const rest = nfc.slice(prefix.length).trim();
      if (rest !== '') return { type, rest };
    }
  }
  return undefined;
}

/** The type of a type cell ("Phường", "phuong", "Thị trấn", "Thành phố Trung ương"), or undefined. */
export function typeFromCell(cell: string): UnitType | undefined {
  const f = foldText(cell);
  if (f === '') return undefined;
  const exact = UNIT_TYPES.find((t) => foldText(t) === f);
  if (exact) return exact;
  if (/^(thanh pho|tp\.?)( (truc thuoc )?trung uong| tw)?$/.test(f)) return 'thành phố';
  return undefined;
}

/**
 * A unit's type from, in order: its type cell, the prefix of its full name,
 * the prefix of its name; `fallback` when none says.
 */
export function unitTypeOf(typeCell: unknown, names: (string | null | undefined)[], fallback: UnitType = 'xã'): UnitType {
  if (typeof typeCell === 'string') {
    const t = typeFromCell(typeCell);
    if (t) return t;
  }
  for (const n of names) {
    if (!n) continue;
    const t = splitTypePrefix(n)?.type;
    if (t) return t;
  }
  return fallback;
}

/**
 * A province's type from its name: `thành phố` for "Thành phố Hà Nội",
 * "TP. Hồ Chí Minh", "TP.HCM", and for the centrally-run cities named bare
 * ("Hà Nội", "Hồ Chí Minh"); `tỉnh` otherwise.
 */
export function provinceTypeOf(name: string): 'tỉnh' | 'thành phố' {
  const t = splitTypePrefix(name)?.type;
  if (t === 'thành phố' || t === 'tỉnh') return t;
  return CITY_NAMES.has(foldText(name)) ? 'thành phố' : 'tỉnh';
}

/** Centrally-run cities, folded: the five before 1 July 2025 and Huế after (Thừa Thiên Huế was a tỉnh). */
const CITY_NAMES = new Set(['ha noi', 'hai phong', 'da nang', 'can tho', 'ho chi minh', 'hcm', 'hue']);

/** The type with a capital, as a name prefix: `đặc khu` → `Đặc khu`. */
export function typePrefix(type: UnitType): string {
  return type.charAt(0).toUpperCase() + type.slice(1);
}
