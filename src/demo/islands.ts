/**
 * The island units of the demo: the 13 đặc khu (special zones) created on
 * 1 July 2025 are all islands. Where Natural Earth's 1:10m admin-1 layer draws
 * the island, its parts are matched to the group by distance; where it does not,
 * a small illustrative polygon is placed at the island's approximate position.
 */

export interface IslandGroup {
  /** Stable key used for seeding. */
  key: string;
  /** Name of the đặc khu, e.g. "Phú Quốc". */
  name: string;
  /** Pre-2025 province code (the 2025 province follows from the merger table). */
  provinceCode: string;
  /** Approximate centre [lon, lat]. */
  centre: [number, number];
  /** Illustrative polygons to add when Natural Earth lacks the island: centre and radius in km. */
  illustrative?: { centre: [number, number]; radiusKm: number }[];
  /** Key of a Natural Earth admin-1 feature that is entirely this group (Paracels, Spratlys). */
  naturalEarthIso?: string;
  /** Not rated: Hoàng Sa and Trường Sa have no commune police, so they have no movement rating (DESIGN). */
  unrated?: true;
}

export const ISLAND_GROUPS: readonly IslandGroup[] = [
  { key: 'van-don', name: 'Vân Đồn', provinceCode: '22', centre: [107.47, 21.05] },
  { key: 'co-to', name: 'Cô Tô', provinceCode: '22', centre: [107.8, 20.99] },
  // Natural Earth files Cát Bà and Cát Hải under Quảng Ninh; they belong to Hải Phòng.
  { key: 'cat-hai', name: 'Cát Hải', provinceCode: '31', centre: [106.95, 20.8] },
  { key: 'bach-long-vi', name: 'Bạch Long Vĩ', provinceCode: '31', centre: [107.72, 20.13], illustrative: [{ centre: [107.72, 20.13], radiusKm: 1.2 }] },
  { key: 'con-co', name: 'Cồn Cỏ', provinceCode: '45', centre: [107.34, 17.16], illustrative: [{ centre: [107.34, 17.16], radiusKm: 1.0 }] },
  { key: 'hoang-sa', name: 'Hoàng Sa', provinceCode: '48', centre: [111.95, 16.47], naturalEarthIso: 'CN-X01~', unrated: true },
  { key: 'ly-son', name: 'Lý Sơn', provinceCode: '51', centre: [109.12, 15.38], illustrative: [{ centre: [109.12, 15.38], radiusKm: 2.3 }] },
  { key: 'truong-sa', name: 'Trường Sa', provinceCode: '56', centre: [114.83, 10.47], naturalEarthIso: '-99-X08~', unrated: true },
  { key: 'phu-quy', name: 'Phú Quý', provinceCode: '60', centre: [108.94, 10.53] },
  // Natural Earth files Côn Đảo under Sóc Trăng; it belongs to Bà Rịa - Vũng Tàu.
  { key: 'con-dao', name: 'Côn Đảo', provinceCode: '77', centre: [106.6, 8.69] },
  { key: 'phu-quoc', name: 'Phú Quốc', provinceCode: '91', centre: [103.98, 10.27] },
  {
    key: 'kien-hai', name: 'Kiên Hải', provinceCode: '91', centre: [104.6, 9.83],
    illustrative: [{ centre: [104.83, 9.97], radiusKm: 1.6 }, { centre: [104.36, 9.69], radiusKm: 1.4 }],
  },
  { key: 'tho-chau', name: 'Thổ Châu', provinceCode: '91', centre: [103.46, 9.3], illustrative: [{ centre: [103.46, 9.3], radiusKm: 1.6 }] },
];

/** Natural Earth island parts farther than this from every group centre stay with their province's mainland. */
export const ISLAND_MATCH_KM = 30;
