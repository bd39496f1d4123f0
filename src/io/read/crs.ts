/**
 * Coordinate systems of Vietnamese boundary files and reprojection to WGS84.
 *
 * Cadastral and administrative files are usually in VN-2000: UTM zones 48N/49N
 * (EPSG:3405/3406, scale 0.9996) for national maps, or a provincial TM-3 zone
 * (transverse Mercator, 3° wide, scale 0.9999, false easting 500 km) whose
 * central meridian is fixed per province by Circular 973/2001/TT-TCĐC. Some
 * files use WGS84 UTM (EPSG:32648/32649). ESRI `.prj` files for VN-2000 often
 * lack the datum shift (TOWGS84), which would misplace everything by ~300 m,
 * so a VN-2000 `.prj` is recognised by name and rebuilt with the shift below.
 */
import proj4 from 'proj4';
import { foldText } from '../../model/text.ts';

/**
 * VN-2000 → WGS84 seven-parameter shift as published with EPSG:3405/3406
 * (position-vector convention used by proj4's +towgs84).
 */
export const VN2000_TOWGS84 = '-192.873,-39.382,-111.202,-0.00205,-0.0005,0.00335,0.0188';

/**
 * Central meridians (degrees east) of the VN-2000 TM-3 zones by pre-2025
 * province code, from Circular 973/2001/TT-TCĐC (as amended for the provinces
 * created since). Use with `vn2000Tm3(meridian)`.
 */
export const VN2000_TM3_MERIDIANS: Record<string, { name: string; meridian: number }> = {
  '01': { name: 'Hà Nội', meridian: 105 },
  '02': { name: 'Hà Giang', meridian: 105.5 },
  '04': { name: 'Cao Bằng', meridian: 105.75 },
  '06': { name: 'Bắc Kạn', meridian: 106.5 },
  '08': { name: 'Tuyên Quang', meridian: 106 },
  '10': { name: 'Lào Cai', meridian: 104.75 },
  '11': { name: 'Điện Biên', meridian: 103 },
  '12': { name: 'Lai Châu', meridian: 103 },
  '14': { name: 'Sơn La', meridian: 104 },
  '15': { name: 'Yên Bái', meridian: 104.75 },
  '17': { name: 'Hoà Bình', meridian: 106 },
  '19': { name: 'Thái Nguyên', meridian: 106.5 },
  '20': { name: 'Lạng Sơn', meridian: 107.25 },
  '22': { name: 'Quảng Ninh', meridian: 107.75 },
  '24': { name: 'Bắc Giang', meridian: 107 },
  '25': { name: 'Phú Thọ', meridian: 104.75 },
  '26': { name: 'Vĩnh Phúc', meridian: 105 },
  '27': { name: 'Bắc Ninh', meridian: 105.5 },
  '30': { name: 'Hải Dương', meridian: 105.5 },
  '31': { name: 'Hải Phòng', meridian: 105.75 },
  '33': { name: 'Hưng Yên', meridian: 105.5 },
  '34': { name: 'Thái Bình', meridian: 105.5 },
  '35': { name: 'Hà Nam', meridian: 105 },
  '36': { name: 'Nam Định', meridian: 105.5 },
  '37': { name: 'Ninh Bình', meridian: 105 },
  '38': { name: 'Thanh Hóa', meridian: 105 },
  '40': { name: 'Nghệ An', meridian: 104.75 },
  '42': { name: 'Hà Tĩnh', meridian: 105.5 },
  '44': { name: 'Quảng Bình', meridian: 106 },
  '45': { name: 'Quảng Trị', meridian: 106.25 },
  '46': { name: 'Thừa Thiên Huế', meridian: 107 },
  '48': { name: 'Đà Nẵng', meridian: 107.75 },
  '49': { name: 'Quảng Nam', meridian: 107.75 },
  '51': { name: 'Quảng Ngãi', meridian: 108 },
  '52': { name: 'Bình Định', meridian: 108.25 },
  '54': { name: 'Phú Yên', meridian: 108.5 },
  '56': { name: 'Khánh Hòa', meridian: 108.25 },
  '58': { name: 'Ninh Thuận', meridian: 108.25 },
  '60': { name: 'Bình Thuận', meridian: 108.5 },
  '62': { name: 'Kon Tum', meridian: 107.5 },
  '64': { name: 'Gia Lai', meridian: 108.5 },
  '66': { name: 'Đắk Lắk', meridian: 108.5 },
  '67': { name: 'Đắk Nông', meridian: 108.5 },
  '68': { name: 'Lâm Đồng', meridian: 107.75 },
  '70': { name: 'Bình Phước', meridian: 106.25 },
  '72': { name: 'Tây Ninh', meridian: 105.5 },
  '74': { name: 'Bình Dương', meridian: 105.75 },
  '75': { name: 'Đồng Nai', meridian: 107.75 },
  '77': { name: 'Bà Rịa - Vũng Tàu', meridian: 107.75 },
  '79': { name: 'TP Hồ Chí Minh', meridian: 105.75 },
  '80': { name: 'Long An', meridian: 105.75 },
  '82': { name: 'Tiền Giang', meridian: 105.75 },
  '83': { name: 'Bến Tre', meridian: 105.75 },
  '84': { name: 'Trà Vinh', meridian: 105.5 },
  '86': { name: 'Vĩnh Long', meridian: 105.5 },
  '87': { name: 'Đồng Tháp', meridian: 105 },
  '89': { name: 'An Giang', meridian: 104.75 },
  '91': { name: 'Kiên Giang', meridian: 104.5 },
  '92': { name: 'Cần Thơ', meridian: 105 },
  '93': { name: 'Hậu Giang', meridian: 105 },
  '94': { name: 'Sóc Trăng', meridian: 105.5 },
  '95': { name: 'Bạc Liêu', meridian: 105 },
  '96': { name: 'Cà Mau', meridian: 104.5 },
};

/** proj4 definition of a VN-2000 transverse Mercator zone (TM-3 by default: k = 0.9999). */
export function vn2000Tm(meridian: number, scale = 0.9999): string {
  return `+proj=tmerc +lat_0=0 +lon_0=${meridian} +k=${scale} +x_0=500000 +y_0=0 +ellps=WGS84 +towgs84=${VN2000_TOWGS84} +units=m +no_defs`;
}

/** A CRS the importer knows: a label for the report and a proj4 definition (null = WGS84 lon/lat). */
export interface KnownCrs {
  id: string;
  label: string;
  proj4: string | null;
}

/** The CRSs offered to the user by name. */
export const NAMED_CRS: Record<string, KnownCrs> = {
  'EPSG:4326': { id: 'EPSG:4326', label: 'WGS 84 (lon/lat)', proj4: null },
  'EPSG:4756': { id: 'EPSG:4756', label: 'VN-2000 (lon/lat)', proj4: `+proj=longlat +ellps=WGS84 +towgs84=${VN2000_TOWGS84} +no_defs` },
  'EPSG:3405': { id: 'EPSG:3405', label: 'VN-2000 / UTM zone 48N', proj4: vn2000Tm(105, 0.9996) },
  'EPSG:3406': { id: 'EPSG:3406', label: 'VN-2000 / UTM zone 49N', proj4: vn2000Tm(111, 0.9996) },
  'EPSG:32648': { id: 'EPSG:32648', label: 'WGS 84 / UTM zone 48N', proj4: '+proj=utm +zone=48 +datum=WGS84 +units=m +no_defs' },
  'EPSG:32649': { id: 'EPSG:32649', label: 'WGS 84 / UTM zone 49N', proj4: '+proj=utm +zone=49 +datum=WGS84 +units=m +no_defs' },
};

/**
 * Resolves a user's CRS choice: a key of `NAMED_CRS` (`EPSG:3405`, also `3405`),
 * `VN2000-TM3:<province code>` (e.g. `VN2000-TM3:22` for Quảng Ninh),
 * `VN2000-TM3:<meridian>` (e.g. `VN2000-TM3:107.75`) or a proj4 string.
 */
export function resolveCrs(choice: string): KnownCrs | null {
  const c = choice.trim();
  const epsg = /^(?:epsg:)?(\d{4,5})$/i.exec(c);
  if (epsg) return NAMED_CRS[`EPSG:${epsg[1]}`] ?? null;
  const tm = /^vn-?2000-?tm-?3:(\d+(?:\.\d+)?)$/i.exec(c);
  if (tm) {
    const byProvince = VN2000_TM3_MERIDIANS[tm[1].padStart(2, '0')];
    const meridian = tm[1].length <= 2 && byProvince ? byProvince.meridian : Number(tm[1]);
    if (!(meridian > 100 && meridian < 120)) return null;
    return { id: `VN2000-TM3:${meridian}`, label: `VN-2000 / TM-3 ${meridian}°E`, proj4: vn2000Tm(meridian) };
  }
  if (c.startsWith('+proj=')) return { id: 'proj4', label: c, proj4: c };
  return null;
}

function wktNumber(wkt: string, param: string): number | null {
  const m = new RegExp(`PARAMETER\\s*\\[\\s*"${param}"\\s*,\\s*(-?[\\d.]+)`, 'i').exec(wkt);
  return m ? Number(m[1]) : null;
}

/**
 * Identifies the CRS of an ESRI/OGC WKT (`.prj` content). VN-2000 and WGS84
 * projections are rebuilt from their parameters (to add the datum shift);
 * geographic WGS84 gives `proj4: null`; anything else goes to proj4's WKT
 * parser. Returns null when not understood.
 */
export function crsFromWkt(wkt: string): KnownCrs | null {
  const text = wkt.trim();
  if (!text) return null;
  const folded = foldText(text).replace(/[_\- ]/g, '');
  const isProjected = /^PROJCS|^PROJCRS/i.test(text);
  const vn2000 = folded.includes('vn2000');
  if (!isProjected) {
    if (vn2000) return NAMED_CRS['EPSG:4756'];
    if (/wgs\s*_?\s*(19)?84|d_wgs_1984/i.test(text)) return NAMED_CRS['EPSG:4326'];
  }
  if (isProjected && /transverse_mercator|transverse mercator/i.test(text)) {
    const cm = wktNumber(text, 'central_meridian');
    const k = wktNumber(text, 'scale_factor') ?? 0.9996;
    const fe = wktNumber(text, 'false_easting') ?? 500000;
    const fn = wktNumber(text, 'false_northing') ?? 0;
    if (cm !== null && fe === 500000 && fn === 0) {
      if (vn2000) return { id: `VN2000-TM:${cm}:${k}`, label: `VN-2000 / TM ${cm}°E k=${k}`, proj4: vn2000Tm(cm, k) };
      if (/wgs\s*_?\s*(19)?84/i.test(text)) return { id: `WGS84-TM:${cm}:${k}`, label: `WGS 84 / TM ${cm}°E k=${k}`, proj4: `+proj=tmerc +lat_0=0 +lon_0=${cm} +k=${k} +x_0=500000 +y_0=0 +datum=WGS84 +units=m +no_defs` };
    }
  }
  try {
    // proj4 accepts WKT; a definition it cannot use throws.
    proj4(text, 'EPSG:4326', [0, 0]);
    return { id: 'wkt', label: /^\w+\[\s*"([^"]+)"/.exec(text)?.[1] ?? 'WKT', proj4: text };
  } catch {
    return null;
  }
}

/** CRS named in a GeoJSON `crs` member (`urn:ogc:def:crs:EPSG::3405`, `EPSG:32648`), or null. */
export function crsFromGeoJsonMember(crs: unknown): KnownCrs | null {
  const name = (crs as { properties?: { name?: unknown } } | undefined)?.properties?.name;
  if (typeof name !== 'string') return null;
  if (/crs84$/i.test(name)) return NAMED_CRS['EPSG:4326'];
  const m = /EPSG:(?::)?(?:[\d.]*:)?(\d{4,5})$/i.exec(name);
  return m ? (NAMED_CRS[`EPSG:${m[1]}`] ?? null) : null;
}

/** A coordinate transform to WGS84 lon/lat. */
export function toWgs84(crs: KnownCrs): ((p: number[]) => [number, number]) | null {
  if (crs.proj4 === null) return null;
  const conv = proj4(crs.proj4, 'EPSG:4326');
  return (p) => {
    const [x, y] = conv.forward([p[0], p[1]]);
    return [x, y];
  };
}

/** True when the point cannot be longitude/latitude. */
export function notLonLat(x: number, y: number): boolean {
  return Math.abs(x) > 180 || Math.abs(y) > 90;
}

/** Vietnam with its seas and island groups, generously: a check that a reprojection landed. */
export const VIETNAM_BBOX = [100, 5, 120, 25] as const;

/** A hint on what projected coordinates look like, for the refusal message. */
export function projectedHint(x: number, y: number): string {
  const sample = `x=${Math.round(x)}, y=${Math.round(y)}`;
  if (x > 100_000 && x < 900_000 && y > 800_000 && y < 2_800_000) {
    return `${sample}: metres, like UTM/TM-3 (VN-2000 EPSG:3405/3406 or a provincial TM-3 zone, WGS 84 UTM EPSG:32648/32649)`;
  }
  return sample;
}
