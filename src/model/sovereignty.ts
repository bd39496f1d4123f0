/**
 * What every map of Vietnam a state body shows must carry, whatever the data
 * (Law on Surveying and Mapping 2018, Art. 18; QCVN 80:2024/BTNMT as amended by
 * Circular 24/2025/TT-BNNMT; Decree 18/2020/NĐ-CP fines a body that publishes a
 * map omitting sovereignty): the archipelagos Hoàng Sa and Trường Sa, each
 * labelled with the provincial unit that governs it, the sea named Biển Đông,
 * and a national frame of 102–118°E, 4°30′–23°30′N (or the archipelagos in an
 * inset). These are facts, kept here as data; the labels themselves are
 * strings of i18n.ts, and the drawing is src/map/sovereignty.ts.
 *
 * Sovereignty is never read from a dataset: Natural Earth's default edition
 * files the Paracels under China, so the built-in outline takes only the
 * islands' shapes from it (src/map/archipelago-outlines.ts).
 */
import type { MessageKey } from './i18n.ts';

/** [[west, south], [east, north]] in degrees. */
export type LngLatBox = [[number, number], [number, number]];

export type ArchipelagoId = 'hoang-sa' | 'truong-sa';

export interface Archipelago {
  id: ArchipelagoId;
  /** The label with its governing unit, one line (the map breaks it before the parenthesis). */
  label: MessageKey;
  /**
   * A box around the archipelago with no mainland, no other island đặc khu and
   * no other country's coast of the national frame in it: a unit of loaded
   * boundaries lying wholly inside is this archipelago.
   */
  region: LngLatBox;
  /** Natural Earth admin-1 key whose geometry (only the shapes) is the built-in outline. */
  naturalEarthIso: string;
}

/**
 * Đặc khu Hoàng Sa of Thành phố Đà Nẵng and đặc khu Trường Sa of Tỉnh Khánh Hòa
 * since 1 July 2025; before, huyện Hoàng Sa and huyện Trường Sa of the same two.
 */
export const ARCHIPELAGOS: readonly Archipelago[] = [
  { id: 'hoang-sa', label: 'archHoangSa', region: [[110.6, 15.2], [113.4, 17.4]], naturalEarthIso: 'CN-X01~' },
  { id: 'truong-sa', label: 'archTruongSa', region: [[111.2, 6.0], [117.0, 12.2]], naturalEarthIso: '-99-X08~' },
];

/** The sea's name and where it is written: open water between the coast and the two archipelagos. */
export const SEA_LABEL: { label: MessageKey; anchor: [number, number] } = { label: 'seaBienDong', anchor: [112.6, 13.1] };

/** The national extent of QCVN 80: 102°E–118°E, 4°30′N–23°30′N. */
export const NATIONAL_EXTENT: LngLatBox = [
  [102, 4.5],
  [118, 23.5],
];

/** The mainland's box (Lũng Cú to Mũi Cà Mau, A Pa Chải to Mũi Đôi): what makes a frame "Vietnam". */
export const MAINLAND_BOX: LngLatBox = [
  [102.14, 8.56],
  [109.47, 23.39],
];
