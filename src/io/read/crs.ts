/**
 * Coordinate systems of Vietnamese boundary files and reprojection to WGS84.
 *
 * Cadastral and administrative files are usually in VN-2000: UTM zones 48N/49N
 * (EPSG:3405/3406, scale 0.9996) for national maps, or a provincial TM-3 zone
 * (transverse Mercator, 3° wide, scale 0.9999, false easting 500 km) whose
 * central meridian is fixed per province by Circular 973/2001/TT-TCĐC. Some
 * files use WGS84 UTM (EPSG:32648/32649).
 *
 * VN-2000 is recognised by what the `.prj` says about the datum, not by the
 * CRS's name: a WGS 84-sized ellipsoid with a datum named Vietnam 2000 / VN-2000,
 * or with a TOWGS84 shift near VN-2000's, or an EPSG code of VN-2000. ArcGIS
 * writes no shift, GDAL and mapshaper write one (sometimes EPSG's older one)
 * under names like "unknown"; in every case the official shift below is used,
 * and a different shift in the file is reported. A datum that cannot be
 * resolved is assumed, and the report says what was assumed.
 */
import proj4 from 'proj4';
import { AXIS_WORDS, type Lang } from '../../model/i18n.ts';
import { foldText } from '../../model/text.ts';
import type { ReasonId } from '../report.ts';
import { interpretWkt, param, parseWkt, type WktCrs } from './wkt.ts';

/**
 * VN-2000 → WGS84 seven-parameter shift of Decision 05/2007/QĐ-BTNMT (= EPSG:6960).
 * The decision publishes it in the coordinate-frame convention (rotations
 * −0.00928836″, +0.01975479″, −0.00427372″); proj4's `+towgs84` uses the
 * position-vector convention, so the rotation signs are flipped here. Checked
 * against PROJ's `cs2cs` in tests/fixtures/crs/reference-points.json.
 */
export const VN2000_TOWGS84 = '-191.90441429,-39.30318279,-111.45032835,0.00928836,-0.01975479,0.00427372,0.252906278';
const VN2000_SHIFT = VN2000_TOWGS84.split(',').map(Number);

/**
 * Central meridians (degrees east) of the VN-2000 TM-3 zones by pre-2025
 * province code, from Circular 973/2001/TT-TCĐC (as amended for the provinces
 * created since). Use with `vn2000Tm(meridian)`.
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

/** EPSG's VN-2000 TM-3 CRSs (k 0.9999, FE 500 km) by code → central meridian. */
const EPSG_TM3: Record<number, number> = {
  5896: 102, 5897: 105, 5898: 108, 5899: 107.75,
  9205: 103, 9206: 104, 9207: 104.5, 9208: 104.75, 9209: 105.5, 9210: 105.75, 9211: 106, 9212: 106.25,
  9213: 106.5, 9214: 107, 9215: 107.25, 9216: 107.5, 9217: 108.25, 9218: 108.5,
};
/** EPSG codes that name VN-2000 itself or one of its projections. */
const EPSG_VN2000 = new Set([4756, 6756, 3405, 3406, ...Object.keys(EPSG_TM3).map(Number)]);

/** 105.75 → "105°45′". */
/**
 * A CRS label (language-neutral but for the axis words) in one language:
 * "WGS 84 (lon/lat)" reads "WGS 84 (kinh độ/vĩ độ)" in Vietnamese.
 */
export function crsLabelIn(label: string, lang: Lang): string {
  return label.replace(/\(lon\/lat\)/g, `(${AXIS_WORDS.lonLat[lang]})`).replace(/\(lat\/lon\)/g, `(${AXIS_WORDS.latLon[lang]})`);
}

export function formatMeridian(m: number): string {
  const deg = Math.floor(m);
  const min = Math.round((m - deg) * 60);
  return min ? `${deg}°${String(min).padStart(2, '0')}′` : `${deg}°`;
}

/** proj4 definition of a VN-2000 transverse Mercator zone (TM-3 by default: k = 0.9999). */
export function vn2000Tm(meridian: number, scale = 0.9999): string {
  return `+proj=tmerc +lat_0=0 +lon_0=${meridian} +k=${scale} +x_0=500000 +y_0=0 +ellps=WGS84 +towgs84=${VN2000_TOWGS84} +units=m +no_defs`;
}

/** A finding made while working out a CRS, reported with the file. */
export interface CrsNote {
  reason: ReasonId;
  severity: 'warning' | 'info';
  params?: Record<string, string | number>;
}

/** A CRS the importer knows: a label for the report and a proj4 definition (null = WGS84 lon/lat). */
export interface KnownCrs {
  /** The choice id that gives this CRS back through `resolveCrs` (`EPSG:3405`, `VN2000-TM3:105.75`, `latlon`), or `wkt`/`proj4`. */
  id: string;
  /** Language-neutral label: "VN-2000 / TM-3 105°45′", "WGS 84 / UTM 48N". */
  label: string;
  proj4: string | null;
  /** The file writes latitude first. */
  swapAxes?: boolean;
  datum?: 'wgs84' | 'vn2000' | 'other';
  /** Central meridian of a transverse Mercator zone, stored with the dataset. */
  meridian?: number;
  /** What reading the `.prj` found (an assumed datum, a replaced shift). */
  notes?: CrsNote[];
}

/** The CRSs offered to the user by name. */
export const NAMED_CRS: Record<string, KnownCrs> = {
  'EPSG:4326': { id: 'EPSG:4326', label: 'WGS 84 (lon/lat)', proj4: null, datum: 'wgs84' },
  latlon: { id: 'latlon', label: 'WGS 84 (lat/lon)', proj4: null, datum: 'wgs84', swapAxes: true },
  'EPSG:4756': { id: 'EPSG:4756', label: 'VN-2000 (lon/lat)', proj4: `+proj=longlat +ellps=WGS84 +towgs84=${VN2000_TOWGS84} +no_defs`, datum: 'vn2000' },
  'EPSG:3405': { id: 'EPSG:3405', label: 'VN-2000 / UTM 48N', proj4: vn2000Tm(105, 0.9996), datum: 'vn2000', meridian: 105 },
  'EPSG:3406': { id: 'EPSG:3406', label: 'VN-2000 / UTM 49N', proj4: vn2000Tm(111, 0.9996), datum: 'vn2000', meridian: 111 },
  'EPSG:32648': { id: 'EPSG:32648', label: 'WGS 84 / UTM 48N', proj4: '+proj=utm +zone=48 +datum=WGS84 +units=m +no_defs', datum: 'wgs84', meridian: 105 },
  'EPSG:32649': { id: 'EPSG:32649', label: 'WGS 84 / UTM 49N', proj4: '+proj=utm +zone=49 +datum=WGS84 +units=m +no_defs', datum: 'wgs84', meridian: 111 },
};

/** VN-2000 TM-3 zone of a meridian. */
export function vn2000Tm3(meridian: number): KnownCrs {
  return { id: `VN2000-TM3:${meridian}`, label: `VN-2000 / TM-3 ${formatMeridian(meridian)}`, proj4: vn2000Tm(meridian), datum: 'vn2000', meridian };
}

/** The choices the import dialog offers, in order; TM-3 is one choice with a meridian picker. */
export const CRS_CHOICES = ['EPSG:4326', 'VN2000-TM3', 'EPSG:3405', 'EPSG:3406', 'EPSG:32648', 'EPSG:32649', 'EPSG:4756', 'latlon'] as const;

/** TM-3 meridians with the provinces that use each, for the meridian picker. */
export function tm3Meridians(): { meridian: number; provinces: { code: string; name: string }[] }[] {
  const by = new Map<number, { code: string; name: string }[]>();
  for (const [code, p] of Object.entries(VN2000_TM3_MERIDIANS)) by.set(p.meridian, [...(by.get(p.meridian) ?? []), { code, name: p.name }]);
  return [...by.entries()].sort((a, b) => a[0] - b[0]).map(([meridian, provinces]) => ({ meridian, provinces }));
}

/**
 * Resolves a user's CRS choice: a key of `NAMED_CRS` (`EPSG:3405`, also `3405`,
 * `latlon`), an EPSG VN-2000 TM-3 code (`EPSG:9210`), `VN2000-TM3:<province
 * code>` (`VN2000-TM3:22` for Quảng Ninh), `VN2000-TM3:<meridian>`
 * (`VN2000-TM3:107.75`), a proj4 string or a WKT text.
 */
export function resolveCrs(choice: string): KnownCrs | null {
  const c = choice.trim();
  if (/^(lat ?\/? ?lon|latlon|latlng|yx)$/i.test(c)) return NAMED_CRS.latlon;
  const epsg = /^(?:epsg:)?(\d{4,5})$/i.exec(c);
  if (epsg) {
    const code = Number(epsg[1]);
    if (EPSG_TM3[code] !== undefined) return { ...vn2000Tm3(EPSG_TM3[code]), id: `EPSG:${code}` };
    return NAMED_CRS[`EPSG:${code}`] ?? null;
  }
  const tm = /^vn-?2000-?tm-?3:(\d+(?:\.\d+)?)$/i.exec(c);
  if (tm) {
    const byProvince = tm[1].length <= 2 ? VN2000_TM3_MERIDIANS[tm[1].padStart(2, '0')] : undefined;
    const meridian = byProvince ? byProvince.meridian : Number(tm[1]);
    if (!(meridian > 100 && meridian < 120)) return null;
    return vn2000Tm3(meridian);
  }
  if (c.startsWith('+proj=')) {
    try {
      proj4(c, 'EPSG:4326', [0, 0]);
    } catch {
      return null;
    }
    return { id: 'proj4', label: c, proj4: c };
  }
  if (/^\s*[A-Z]+\s*\[/i.test(c)) return crsFromWkt(c);
  return null;
}

// ---- .prj ------------------------------------------------------------------------

const WGS84_A = 6378137;
const WGS84_RF = 298.257223563;

function isWgs84Ellipsoid(c: WktCrs): boolean {
  return Math.abs(c.ellipsoid.a - WGS84_A) < 0.5 && Math.abs(c.ellipsoid.rf - WGS84_RF) < 1e-4;
}

/** The shift's translation is within 10 m of VN-2000's (the official one or EPSG's older 6959). */
function vn2000Like(towgs84: number[] | null): boolean {
  if (!towgs84) return false;
  return Math.hypot(towgs84[0] - VN2000_SHIFT[0], towgs84[1] - VN2000_SHIFT[1], towgs84[2] - VN2000_SHIFT[2]) < 10;
}

function datumNameSays(c: WktCrs): 'vn2000' | 'wgs84' | null {
  const n = foldText(c.datumName).replace(/[^a-z0-9]/g, '');
  if (/vietnam2000|vn2000|vietnam/.test(n)) return 'vn2000';
  if (/^d?wgs(19)?84$|^worldgeodeticsystem1984/.test(n)) return 'wgs84';
  return null;
}

/** Ground distance (m) between two shifts' effects at a point in central Vietnam. */
function shiftDifference(a: number[], b: number[]): number {
  const p = [106, 16];
  const q = proj4(`+proj=longlat +ellps=WGS84 +towgs84=${a.join(',')} +no_defs`, 'EPSG:4326', p);
  const r = proj4(`+proj=longlat +ellps=WGS84 +towgs84=${b.join(',')} +no_defs`, 'EPSG:4326', p);
  const dx = (q[0] - r[0]) * 111_320 * Math.cos((16 * Math.PI) / 180);
  const dy = (q[1] - r[1]) * 110_574;
  return Math.hypot(dx, dy);
}

function ellipsoidDef(c: WktCrs): string {
  return isWgs84Ellipsoid(c) ? '+ellps=WGS84' : `+a=${c.ellipsoid.a} +rf=${c.ellipsoid.rf}`;
}

/** The projection part of a proj4 definition, or null for methods not handled here. */
function projectionDef(c: WktCrs): { def: string; meridian?: number; tm?: { k: number; fe: number; fn: number } } | null {
  const m = c.method ?? '';
  const u = c.toMetre;
  const fe = (param(c, 'false easting', 'false_easting', 'easting at false origin') ?? 0) * u;
  const fn = (param(c, 'false northing', 'false_northing', 'northing at false origin') ?? 0) * u;
  const lon0 = param(c, 'central meridian', 'longitude of natural origin', 'longitude of origin', 'longitude of false origin', 'longitude of center') ?? 0;
  const lat0 = param(c, 'latitude of origin', 'latitude of natural origin', 'latitude of false origin', 'latitude of center') ?? 0;
  const k = param(c, 'scale factor', 'scale factor at natural origin') ?? 1;
  const units = u === 1 ? '+units=m' : `+to_meter=${u}`;
  if (/transverse mercator|gauss kruger/.test(m)) {
    return { def: `+proj=tmerc +lat_0=${lat0} +lon_0=${lon0} +k=${k} +x_0=${fe} +y_0=${fn} ${units}`, meridian: lon0, tm: { k, fe, fn } };
  }
  if (/mercator/.test(m)) {
    const ts = param(c, 'standard parallel 1', 'latitude of 1st standard parallel');
    return { def: `+proj=merc +lon_0=${lon0} ${ts !== undefined ? `+lat_ts=${ts}` : `+k=${k}`} +x_0=${fe} +y_0=${fn} ${units}` };
  }
  if (/lambert conformal conic/.test(m)) {
    const p1 = param(c, 'standard parallel 1', 'latitude of 1st standard parallel') ?? lat0;
    const p2 = param(c, 'standard parallel 2', 'latitude of 2nd standard parallel') ?? p1;
    return { def: `+proj=lcc +lat_1=${p1} +lat_2=${p2} +lat_0=${lat0} +lon_0=${lon0} +k_0=${k} +x_0=${fe} +y_0=${fn} ${units}` };
  }
  return null;
}

/**
 * Identifies the CRS of an ESRI or OGC WKT (`.prj` content), WKT1 or WKT2, and
 * builds its proj4 definition with the datum shift. Returns null when the text
 * is not a CRS this reader understands.
 */
export function crsFromWkt(wkt: string): KnownCrs | null {
  const text = wkt.replace(/^\uFEFF/, '').trim();
  if (!text) return null;
  let c: WktCrs;
  try {
    c = interpretWkt(parseWkt(text));
  } catch {
    return fallbackWkt(text);
  }
  const notes: CrsNote[] = [];
  const proj = c.kind === 'projected' ? projectionDef(c) : { def: '+proj=longlat' };
  if (!proj) return fallbackWkt(text);
  const tm3Signature = proj.tm !== undefined && Math.abs(proj.tm.k - 0.9999) < 1e-7 && proj.tm.fe === 500000 && proj.tm.fn === 0;
  const named = datumNameSays(c);
  const zero = c.towgs84 !== null && c.towgs84.every((v) => v === 0);

  let datum: KnownCrs['datum'];
  let shift: string | null = null;
  if (isWgs84Ellipsoid(c) && (named === 'vn2000' || vn2000Like(c.towgs84) || c.epsg.some((e) => EPSG_VN2000.has(e)))) {
    datum = 'vn2000';
    shift = VN2000_TOWGS84;
    if (c.towgs84 && !zero) {
      const diff = shiftDifference(c.towgs84.length === 3 ? [...c.towgs84, 0, 0, 0, 0] : c.towgs84, VN2000_SHIFT);
      if (diff > 0.01) notes.push({ reason: 'datum-shift-official', severity: 'info', params: { metres: diff.toFixed(diff < 10 ? 2 : 0) } });
    }
  } else if (c.towgs84 && !zero) {
    datum = 'other';
    shift = c.towgs84.join(',');
  } else if (isWgs84Ellipsoid(c) && (named === 'wgs84' || zero)) {
    datum = 'wgs84';
  } else if (isWgs84Ellipsoid(c) && tm3Signature) {
    // A TM-3 zone (k 0.9999, FE 500 km) is VN-2000's provincial grid; WGS 84 users work in UTM.
    datum = 'vn2000';
    shift = VN2000_TOWGS84;
    notes.push({ reason: 'datum-assumed', severity: 'warning', params: { datum: c.datumName || '?', assumed: `VN-2000 (TM-3 ${formatMeridian(proj.meridian!)}, k 0.9999)` } });
  } else {
    datum = isWgs84Ellipsoid(c) ? 'wgs84' : 'other';
    notes.push({ reason: 'datum-assumed', severity: 'warning', params: { datum: c.datumName || '?', assumed: isWgs84Ellipsoid(c) ? 'WGS 84' : `${c.ellipsoid.name || '?'} a=${c.ellipsoid.a}, 1/f=${c.ellipsoid.rf}` } });
  }
  const datumDef = datum === 'wgs84' && !shift ? '+datum=WGS84' : `${ellipsoidDef(c)}${shift ? ` +towgs84=${shift}` : ' +towgs84=0,0,0'}`;
  const pm = c.primeMeridian ? ` +pm=${c.primeMeridian}` : '';
  const datumLabel = datum === 'vn2000' ? 'VN-2000' : datum === 'wgs84' ? 'WGS 84' : c.datumName || '?';
  if (c.kind === 'geographic') {
    if (datum === 'wgs84' && !pm) return { id: 'EPSG:4326', label: 'WGS 84 (lon/lat)', proj4: null, datum, notes };
    return { id: 'wkt', label: `${datumLabel} (lon/lat)`, proj4: `+proj=longlat ${datumDef}${pm} +no_defs`, datum, notes };
  }
  let label = `${datumLabel} / ${c.name || 'WKT'}`;
  if (proj.tm && proj.tm.fe === 500000 && proj.tm.fn === 0) {
    const zone = Math.abs(proj.tm.k - 0.9996) < 1e-7 && (proj.meridian! - 3) % 6 === 0 ? `UTM ${(proj.meridian! + 183) / 6}N` : `TM-3 ${formatMeridian(proj.meridian!)}`;
    label = `${datumLabel} / ${Math.abs(proj.tm.k - 0.9999) < 1e-7 || zone.startsWith('UTM') ? zone : `TM ${formatMeridian(proj.meridian!)} k=${proj.tm.k}`}`;
  }
  return { id: 'wkt', label, proj4: `${proj.def} ${datumDef}${pm} +no_defs`, datum, meridian: proj.meridian, notes };
}

/** proj4's own WKT parser, for projections not handled above. */
function fallbackWkt(text: string): KnownCrs | null {
  try {
    proj4(text, 'EPSG:4326', [0, 0]);
    return { id: 'wkt', label: /^\w+\[\s*"([^"]+)"/.exec(text)?.[1] ?? 'WKT', proj4: text, datum: 'other' };
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
  return m ? resolveCrs(`EPSG:${m[1]}`) : null;
}

/** A coordinate transform to WGS84 lon/lat, or null when the coordinates are already that. */
export function toWgs84(crs: KnownCrs): ((p: number[]) => [number, number]) | null {
  if (crs.proj4 === null) return crs.swapAxes ? (p) => [p[1], p[0]] : null;
  const conv = proj4(crs.proj4, 'EPSG:4326');
  const swap = crs.swapAxes === true;
  return (p) => {
    const [x, y] = conv.forward(swap ? [p[1], p[0]] : [p[0], p[1]]);
    return [x, y];
  };
}

/** True when the point cannot be longitude/latitude. */
export function notLonLat(x: number, y: number): boolean {
  return Math.abs(x) > 180 || Math.abs(y) > 90;
}

/** Vietnam with its seas and island groups, generously: a check that a reprojection landed. */
export const VIETNAM_BBOX = [100, 5, 120, 25] as const;

/** Latitude first, longitude second, inside Vietnam's box: the axes were swapped. */
export function looksSwapped(x: number, y: number): boolean {
  return x >= VIETNAM_BBOX[1] && x <= VIETNAM_BBOX[3] && y >= VIETNAM_BBOX[0] && y <= VIETNAM_BBOX[2];
}

/** Metres like a VN-2000 TM-3 or UTM grid over Vietnam. */
export function looksMetres(x: number, y: number): boolean {
  return x > 100_000 && x < 1_200_000 && y > 400_000 && y < 2_800_000;
}

/**
 * A guess at the CRS of coordinates with no `.prj`, for preselecting the
 * dialog's choice: lon/lat, swapped lon/lat, or metres; for metres, the
 * TM-3 zone of a province the data names (its province codes), else UTM 48N
 * VN-2000 for data wider than one TM-3 zone. `confident` is false when the
 * choice is only a likely one (the preview must be checked).
 */
export function guessCrs(sample: [number, number][], provinceCodes: string[] = []): { id: string; confident: boolean } | null {
  if (sample.length === 0) return null;
  const inVn = (x: number, y: number) => x >= VIETNAM_BBOX[0] && x <= VIETNAM_BBOX[2] && y >= VIETNAM_BBOX[1] && y <= VIETNAM_BBOX[3];
  if (sample.every(([x, y]) => inVn(x, y))) return { id: 'EPSG:4326', confident: true };
  if (sample.every(([x, y]) => looksSwapped(x, y))) return { id: 'latlon', confident: true };
  if (!sample.every(([x, y]) => looksMetres(x, y))) return null;
  const counts = new Map<string, number>();
  for (const c of provinceCodes) counts.set(c, (counts.get(c) ?? 0) + 1);
  const top = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (top && VN2000_TM3_MERIDIANS[top]) return { id: `VN2000-TM3:${VN2000_TM3_MERIDIANS[top].meridian}`, confident: counts.size === 1 };
  const xs = sample.map((p) => p[0]);
  const span = Math.max(...xs) - Math.min(...xs);
  return { id: span > 330_000 ? 'EPSG:3405' : 'VN2000-TM3:105.75', confident: false };
}

/** Bounding box in WGS84 lon/lat of sampled coordinates under a CRS, for the dialog's preview; null when the transform fails. */
export function previewBbox(sample: [number, number][], crs: KnownCrs): [number, number, number, number] | null {
  if (sample.length === 0) return null;
  let t: ((p: number[]) => [number, number]) | null;
  try {
    t = toWgs84(crs);
  } catch {
    return null;
  }
  let b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of sample) {
    const [x, y] = t ? t(p) : p;
    if (!Number.isFinite(x) || !Number.isFinite(y)) return null;
    b = [Math.min(b[0], x), Math.min(b[1], y), Math.max(b[2], x), Math.max(b[3], y)];
  }
  return b;
}
