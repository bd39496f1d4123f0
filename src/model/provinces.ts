/**
 * Vietnam's provinces before and after the 1 July 2025 reform, as committed facts.
 *
 * Codes and full names follow the government unit list (GSO codes, list dated
 * 2025-03-01); the 2025 provinces follow Resolution 202/2025/QH15. Natural Earth's
 * admin-1 layer names Vietnam's provinces inconsistently (missing diacritics,
 * misspellings, region names instead of province names), so features are matched
 * by their `iso_3166_2` key, never by name.
 */

export type ProvinceType = 'tỉnh' | 'thành phố';

/** One of the 63 provinces in force until 30 June 2025. */
export interface ProvincePre2025 {
  /** Official 2-digit GSO code. */
  code: string;
  /** Full official name, NFC, e.g. "Tỉnh Hà Giang". */
  name: string;
  /** Name without the type prefix, e.g. "Hà Giang". */
  shortName: string;
  type: ProvinceType;
  /** Natural Earth admin-1 `iso_3166_2` key of the feature that draws this province. */
  iso: string;
  /** Rough centroid [lon, lat] of the province's main land, to check the Natural Earth match. */
  centre: [number, number];
  /** Communes (xã + phường + thị trấn) in the 2025-03-01 unit list. */
  communes: number;
  /** Of which phường. */
  wards: number;
  /** Of which thị trấn. */
  townships: number;
  /** Code of the 2025 province it became part of. */
  newCode: string;
}

/** One of the 34 provinces in force from 1 July 2025. */
export interface Province2025 {
  code: string;
  name: string;
  shortName: string;
  type: ProvinceType;
  /** Codes of the pre-2025 provinces merged into it (its own old code included). */
  members: string[];
  /** Number of commune-level units (xã, phường, đặc khu) after the reform. */
  communes: number;
}

type Row = [code: string, name: string, iso: string, lon: number, lat: number, communes: number, wards: number, townships: number, newCode: string];

// Counts are derived facts from the 2025-03-01 unit list (10,047 communes in total).
const PRE2025_ROWS: Row[] = [
  ['01', 'Thành phố Hà Nội', 'VN-HN', 105.7, 21.0, 526, 160, 21, '01'],
  ['02', 'Tỉnh Hà Giang', 'VN-03', 105.0, 22.8, 193, 5, 13, '08'],
  ['04', 'Tỉnh Cao Bằng', 'VN-04', 106.1, 22.7, 161, 8, 14, '04'],
  ['06', 'Tỉnh Bắc Kạn', 'VN-53', 105.9, 22.2, 108, 6, 7, '19'],
  ['08', 'Tỉnh Tuyên Quang', 'VN-07', 105.3, 22.1, 137, 10, 6, '08'],
  ['10', 'Tỉnh Lào Cai', 'VN-02', 104.1, 22.3, 151, 16, 9, '15'],
  ['11', 'Tỉnh Điện Biên', 'VN-71', 102.9, 21.7, 129, 9, 5, '11'],
  ['12', 'Tỉnh Lai Châu', 'VN-01', 103.1, 22.4, 106, 5, 7, '12'],
  ['14', 'Tỉnh Sơn La', 'VN-05', 104.0, 21.1, 200, 15, 8, '14'],
  ['15', 'Tỉnh Yên Bái', 'VN-06', 104.5, 21.8, 168, 12, 10, '15'],
  ['17', 'Tỉnh Hoà Bình', 'VN-14', 105.3, 20.7, 151, 12, 10, '25'],
  ['19', 'Tỉnh Thái Nguyên', 'VN-69', 105.9, 21.7, 172, 41, 10, '19'],
  ['20', 'Tỉnh Lạng Sơn', 'VN-09', 106.6, 21.9, 194, 5, 14, '20'],
  ['22', 'Tỉnh Quảng Ninh', 'VN-13', 107.3, 21.2, 171, 73, 7, '22'],
  ['24', 'Tỉnh Bắc Giang', 'VN-54', 106.5, 21.4, 195, 35, 14, '24'],
  ['25', 'Tỉnh Phú Thọ', 'VN-68', 105.2, 21.3, 207, 15, 12, '25'],
  ['26', 'Tỉnh Vĩnh Phúc', 'VN-70', 105.6, 21.3, 121, 15, 18, '25'],
  ['27', 'Tỉnh Bắc Ninh', 'VN-56', 106.1, 21.1, 121, 50, 5, '24'],
  ['30', 'Tỉnh Hải Dương', 'VN-61', 106.4, 21.0, 207, 46, 10, '31'],
  ['31', 'Thành phố Hải Phòng', 'VN-HP', 106.6, 20.8, 167, 79, 7, '31'],
  ['33', 'Tỉnh Hưng Yên', 'VN-66', 106.0, 20.8, 139, 13, 8, '33'],
  ['34', 'Tỉnh Thái Bình', 'VN-20', 106.4, 20.5, 242, 10, 9, '33'],
  ['35', 'Tỉnh Hà Nam', 'VN-63', 106.0, 20.6, 98, 29, 4, '37'],
  ['36', 'Tỉnh Nam Định', 'VN-67', 106.3, 20.3, 175, 14, 15, '37'],
  ['37', 'Tỉnh Ninh Bình', 'VN-18', 106.0, 20.2, 125, 18, 6, '37'],
  ['38', 'Tỉnh Thanh Hóa', 'VN-21', 105.4, 19.9, 549, 63, 32, '38'],
  ['40', 'Tỉnh Nghệ An', 'VN-22', 104.9, 19.3, 412, 33, 17, '40'],
  ['42', 'Tỉnh Hà Tĩnh', 'VN-23', 105.8, 18.3, 210, 25, 14, '42'],
  ['44', 'Tỉnh Quảng Bình', 'VN-24', 106.3, 17.6, 145, 15, 8, '44'],
  ['45', 'Tỉnh Quảng Trị', 'VN-25', 107.0, 16.6, 119, 13, 11, '44'],
  ['46', 'Thành phố Huế', 'VN-26', 107.6, 16.3, 134, 48, 7, '46'],
  ['48', 'Thành phố Đà Nẵng', 'VN-DN', 108.2, 16.1, 47, 36, 0, '48'],
  ['49', 'Tỉnh Quảng Nam', 'VN-27', 107.9, 15.6, 234, 29, 14, '48'],
  ['51', 'Tỉnh Quảng Ngãi', 'VN-29', 108.8, 15.1, 170, 17, 9, '51'],
  ['52', 'Tỉnh Bình Định', 'VN-31', 109.1, 14.1, 155, 28, 12, '52'],
  ['54', 'Tỉnh Phú Yên', 'VN-32', 109.2, 13.3, 106, 18, 6, '66'],
  ['56', 'Tỉnh Khánh Hòa', 'VN-34', 109.2, 12.4, 132, 30, 6, '56'],
  ['58', 'Tỉnh Ninh Thuận', 'VN-36', 108.9, 11.7, 62, 12, 3, '56'],
  ['60', 'Tỉnh Bình Thuận', 'VN-40', 108.2, 11.2, 121, 16, 12, '68'],
  ['62', 'Tỉnh Kon Tum', 'VN-28', 107.8, 14.8, 102, 10, 7, '51'],
  ['64', 'Tỉnh Gia Lai', 'VN-30', 108.2, 13.8, 218, 24, 14, '52'],
  ['66', 'Tỉnh Đắk Lắk', 'VN-33', 108.2, 12.6, 180, 18, 13, '66'],
  ['67', 'Tỉnh Đắk Nông', 'VN-72', 107.8, 12.1, 71, 6, 5, '68'],
  ['68', 'Tỉnh Lâm Đồng', 'VN-35', 108.0, 11.8, 141, 18, 13, '68'],
  ['70', 'Tỉnh Bình Phước', 'VN-58', 106.8, 11.7, 111, 20, 5, '75'],
  ['72', 'Tỉnh Tây Ninh', 'VN-37', 106.2, 11.4, 94, 17, 6, '80'],
  ['74', 'Tỉnh Bình Dương', 'VN-57', 106.7, 11.2, 91, 47, 5, '79'],
  ['75', 'Tỉnh Đồng Nai', 'VN-39', 107.1, 11.0, 159, 33, 9, '75'],
  ['77', 'Tỉnh Bà Rịa - Vũng Tàu', 'VN-43', 107.2, 10.6, 77, 30, 7, '79'],
  ['79', 'Thành phố Hồ Chí Minh', 'VN-SG', 106.7, 10.8, 273, 208, 5, '79'],
  ['80', 'Tỉnh Long An', 'VN-41', 106.3, 10.7, 186, 11, 15, '80'],
  ['82', 'Tỉnh Tiền Giang', 'VN-46', 106.4, 10.4, 164, 21, 8, '82'],
  ['83', 'Tỉnh Bến Tre', 'VN-50', 106.5, 10.1, 148, 6, 10, '86'],
  ['84', 'Tỉnh Trà Vinh', 'VN-51', 106.3, 9.8, 104, 9, 10, '86'],
  ['86', 'Tỉnh Vĩnh Long', 'VN-49', 106.0, 10.1, 102, 13, 6, '86'],
  ['87', 'Tỉnh Đồng Tháp', 'VN-45', 105.5, 10.7, 141, 18, 9, '82'],
  ['89', 'Tỉnh An Giang', 'VN-44', 105.3, 10.6, 155, 27, 18, '91'],
  ['91', 'Tỉnh Kiên Giang', 'VN-47', 104.9, 10.0, 143, 17, 10, '91'],
  ['92', 'Thành phố Cần Thơ', 'VN-CT', 105.6, 10.2, 80, 39, 5, '92'],
  ['93', 'Tỉnh Hậu Giang', 'VN-73', 105.6, 9.9, 75, 13, 11, '92'],
  ['94', 'Tỉnh Sóc Trăng', 'VN-52', 105.9, 9.5, 108, 16, 12, '92'],
  ['95', 'Tỉnh Bạc Liêu', 'VN-55', 105.4, 9.3, 64, 10, 5, '96'],
  ['96', 'Tỉnh Cà Mau', 'VN-59', 105.0, 9.0, 100, 9, 9, '96'],
];

/**
 * A province's name without its kind, for map labels, lists and charts:
 * "Tỉnh Hà Giang" → "Hà Giang", "Thành phố Hà Nội" or "TP. Hà Nội" → "Hà Nội".
 * The one rule for every place that shortens a name (the bundle's, or a user's).
 */
export function shortProvinceName(name: string): string {
  return name.replace(/^(Tỉnh|Thành phố|TP\.?)\s+/u, '');
}

function splitName(name: string): { type: ProvinceType; shortName: string } {
  if (name.startsWith('Thành phố ')) return { type: 'thành phố', shortName: shortProvinceName(name) };
  if (name.startsWith('Tỉnh ')) return { type: 'tỉnh', shortName: shortProvinceName(name) };
  throw new Error(`unexpected province name ${name}`);
}

/** The 63 pre-2025 provinces, in code order. */
export const PROVINCES_PRE2025: readonly ProvincePre2025[] = PRE2025_ROWS.map(
  ([code, name, iso, lon, lat, communes, wards, townships, newCode]) => {
    const nfc = name.normalize('NFC');
    return { code, name: nfc, ...splitName(nfc), iso, centre: [lon, lat], communes, wards, townships, newCode };
  },
);

// Per-province commune counts after the reform; they add up to the published 3,321.
const P2025_ROWS: [code: string, name: string, communes: number][] = [
  ['01', 'Thành phố Hà Nội', 126],
  ['04', 'Tỉnh Cao Bằng', 56],
  ['08', 'Tỉnh Tuyên Quang', 124],
  ['11', 'Tỉnh Điện Biên', 45],
  ['12', 'Tỉnh Lai Châu', 38],
  ['14', 'Tỉnh Sơn La', 75],
  ['15', 'Tỉnh Lào Cai', 99],
  ['19', 'Tỉnh Thái Nguyên', 92],
  ['20', 'Tỉnh Lạng Sơn', 65],
  ['22', 'Tỉnh Quảng Ninh', 54],
  ['24', 'Tỉnh Bắc Ninh', 99],
  ['25', 'Tỉnh Phú Thọ', 148],
  ['31', 'Thành phố Hải Phòng', 114],
  ['33', 'Tỉnh Hưng Yên', 104],
  ['37', 'Tỉnh Ninh Bình', 129],
  ['38', 'Tỉnh Thanh Hóa', 166],
  ['40', 'Tỉnh Nghệ An', 130],
  ['42', 'Tỉnh Hà Tĩnh', 69],
  ['44', 'Tỉnh Quảng Trị', 78],
  ['46', 'Thành phố Huế', 40],
  ['48', 'Thành phố Đà Nẵng', 94],
  ['51', 'Tỉnh Quảng Ngãi', 96],
  ['52', 'Tỉnh Gia Lai', 135],
  ['56', 'Tỉnh Khánh Hòa', 65],
  ['66', 'Tỉnh Đắk Lắk', 102],
  ['68', 'Tỉnh Lâm Đồng', 124],
  ['75', 'Tỉnh Đồng Nai', 95],
  ['79', 'Thành phố Hồ Chí Minh', 168],
  ['80', 'Tỉnh Tây Ninh', 96],
  ['82', 'Tỉnh Đồng Tháp', 102],
  ['86', 'Tỉnh Vĩnh Long', 124],
  ['91', 'Tỉnh An Giang', 102],
  ['92', 'Thành phố Cần Thơ', 103],
  ['96', 'Tỉnh Cà Mau', 64],
];

/** The 34 provinces from 1 July 2025, in code order, with their pre-2025 members. */
export const PROVINCES_2025: readonly Province2025[] = P2025_ROWS.map(([code, name, communes]) => {
  const nfc = name.normalize('NFC');
  const members = PROVINCES_PRE2025.filter((p) => p.newCode === code).map((p) => p.code);
  return { code, name: nfc, ...splitName(nfc), members, communes };
});

/** Total commune-level units after the reform (Resolution 202/2025/QH15 and the NA standing committee's resolutions). */
export const COMMUNES_2025_TOTAL = 3321;

/** Looks up a pre-2025 province by its GSO code. */
export function provincePre2025(code: string): ProvincePre2025 | undefined {
  return PROVINCES_PRE2025.find((p) => p.code === code);
}

/** Looks up a 2025 province by its code. */
export function province2025(code: string): Province2025 | undefined {
  return PROVINCES_2025.find((p) => p.code === code);
}

/** Finds the pre-2025 province drawn by a Natural Earth admin-1 feature, by `iso_3166_2`. */
export function provinceByNaturalEarthIso(iso: string): ProvincePre2025 | undefined {
  return PROVINCES_PRE2025.find((p) => p.iso === iso);
}

/**
 * Natural Earth admin-1 features outside `adm0_a3 = VNM` that are Vietnamese
 * island districts: the Paracels (Hoàng Sa, part of Đà Nẵng) and the Spratlys
 * (Trường Sa, part of Khánh Hòa). Keyed by `iso_3166_2`.
 */
export const NATURAL_EARTH_ISLAND_FEATURES: Readonly<Record<string, { provinceCode: string; name: string }>> = {
  'CN-X01~': { provinceCode: '48', name: 'Hoàng Sa' },
  '-99-X08~': { provinceCode: '56', name: 'Trường Sa' },
};

/**
 * Whether province codes are the whole country: every province of the 2025
 * list, or every one of the 63 before it. A folder of one province, or a set
 * missing some (the shared district file lacks Quảng Ninh), is not.
 */
export function coversCountry(codes: Iterable<string>): boolean {
  const have = new Set(codes);
  return [PROVINCES_2025, PROVINCES_PRE2025].some((list) => list.every((p) => have.has(p.code)));
}
