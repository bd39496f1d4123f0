/**
 * Zipped Shapefile reader: `.shp` (polygons), `.dbf` (attributes), `.prj` (CRS)
 * and `.cpg` (attribute encoding) from one zip, unzipped with fflate.
 *
 * The formats are small and fixed (ESRI Shapefile Technical Description, 1998;
 * dBase III), and reading them here gives what libraries do not: a record-level
 * account of truncated files and the .dbf encoding decided the same way as CSV
 * (.cpg first, then UTF-8, then Windows-1258, reported).
 */
import { unzipSync } from 'fflate';
import { pointInRing, ringSignedArea } from '../../geo/rings.ts';
import type { ReportIssue } from '../report.ts';
import { crsFromWkt } from './crs.ts';
import { failedFeatures, type RawFeature, type RawFeatureSet } from './features.ts';
import { convertLegacyTexts, hasNonAscii, LEGACY_NAMES, tcvn3ToUnicode, vniToUnicode } from './legacy.ts';
import { decode8bit } from './text.ts';

type Ring = [number, number][];

/** Groups Shapefile rings into polygons: clockwise rings are outers, the others holes of the outer containing them. */
export function ringsToGeometry(rings: Ring[]): { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown } | null {
  if (rings.length === 0) return null;
  const outers: Ring[][] = [];
  const holes: Ring[] = [];
  for (const r of rings) {
    // Negative signed area = clockwise, which the Shapefile spec uses for outer rings.
    if (ringSignedArea(r) < 0) outers.push([r]);
    else holes.push(r);
  }
  // Writers that ignore the winding rule leave no clockwise ring: then every ring is an outer.
  if (outers.length === 0) return rings.length === 1 ? { type: 'Polygon', coordinates: rings } : { type: 'MultiPolygon', coordinates: rings.map((r) => [r]) };
  for (const h of holes) {
    const host = outers.find((o) => pointInRing(h[0][0], h[0][1], o[0]));
    if (host) host.push(h);
    else outers.push([h]);
  }
  return outers.length === 1 ? { type: 'Polygon', coordinates: outers[0] } : { type: 'MultiPolygon', coordinates: outers };
}

interface ShpRecord {
  geometry: unknown;
  /** Shape type of a non-polygon record, for the report. */
  otherType?: number;
}

/** Parses .shp bytes. `complete` is false when the file ends inside a record. */
export function parseShp(bytes: Uint8Array): { records: ShpRecord[]; complete: boolean; shapeType: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 100 || view.getInt32(0, false) !== 9994) throw new Error('not a .shp file');
  const shapeType = view.getInt32(32, true);
  const records: ShpRecord[] = [];
  let off = 100;
  let complete = true;
  while (off < bytes.length) {
    if (off + 8 > bytes.length) {
      complete = false;
      break;
    }
    const len = view.getInt32(off + 4, false) * 2;
    const start = off + 8;
    if (len < 4 || start + len > bytes.length) {
      complete = false;
      break;
    }
    const type = view.getInt32(start, true);
    if (type === 0) records.push({ geometry: null });
    else if (type === 5 || type === 15 || type === 25) {
      const numParts = view.getInt32(start + 36, true);
      const numPoints = view.getInt32(start + 40, true);
      const partsAt = start + 44;
      const pointsAt = partsAt + 4 * numParts;
      if (numParts < 0 || numPoints < 0 || pointsAt + 16 * numPoints > start + len) {
        complete = false;
        break;
      }
      const rings: Ring[] = [];
      for (let p = 0; p < numParts; p++) {
        const a = view.getInt32(partsAt + 4 * p, true);
        const b = p + 1 < numParts ? view.getInt32(partsAt + 4 * (p + 1), true) : numPoints;
        const ring: Ring = [];
        for (let i = a; i < b; i++) ring.push([view.getFloat64(pointsAt + 16 * i, true), view.getFloat64(pointsAt + 16 * i + 8, true)]);
        rings.push(ring);
      }
      records.push({ geometry: ringsToGeometry(rings) });
    } else records.push({ geometry: null, otherType: type });
    off = start + len;
  }
  return { records, complete, shapeType };
}

interface DbfField {
  name: string;
  type: string;
  length: number;
}

/** Parses .dbf bytes; text fields are decoded with `decode`. `declared` is the header's record count. */
export function parseDbf(bytes: Uint8Array, decode: (b: Uint8Array) => string): { rows: Record<string, unknown>[]; declared: number; fields: DbfField[] } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 32) throw new Error('not a .dbf file');
  const declared = view.getUint32(4, true);
  const headerLen = view.getUint16(8, true);
  const recordLen = view.getUint16(10, true);
  const fields: DbfField[] = [];
  for (let off = 32; off + 32 <= headerLen && bytes[off] !== 0x0d; off += 32) {
    let end = off;
    while (end < off + 11 && bytes[end] !== 0) end++;
    fields.push({ name: decode(bytes.subarray(off, end)).trim(), type: String.fromCharCode(bytes[off + 11]), length: bytes[off + 16] });
  }
  const rows: Record<string, unknown>[] = [];
  for (let r = 0; r < declared; r++) {
    const at = headerLen + r * recordLen;
    if (at + recordLen > bytes.length) break;
    const row: Record<string, unknown> = {};
    let pos = at + 1;
    for (const f of fields) {
      const raw = bytes.subarray(pos, pos + f.length);
      pos += f.length;
      if (f.type === 'N' || f.type === 'F') {
        const s = new TextDecoder('latin1').decode(raw).trim();
        row[f.name] = s === '' || /^\*+$/.test(s) ? null : s;
      } else if (f.type === 'L') {
        const c = String.fromCharCode(raw[0]).toUpperCase();
        row[f.name] = 'YT'.includes(c) ? true : 'NF'.includes(c) ? false : null;
      } else {
        const s = decode(raw).replace(/\0+$/, '').trim();
        row[f.name] = s === '' ? null : s;
      }
    }
    rows.push(row);
  }
  return { rows, declared, fields };
}

/** Maps a `.cpg` content ("UTF-8", "65001", "1258", "ANSI 1258", "CP1258") to a TextDecoder label. */
export function cpgToLabel(cpg: string): string | null {
  const s = cpg.trim().toLowerCase().replace(/^ansi\s*/, '').replace(/^(cp|windows-?)/, '');
  if (s === '65001' || s === 'utf-8' || s === 'utf8') return 'utf-8';
  if (/^\d{3,4}$/.test(s)) return `windows-${s}`;
  try {
    return new TextDecoder(cpg.trim()).encoding;
  } catch {
    return null;
  }
}

function pick(files: Record<string, Uint8Array>, ext: string): [string, Uint8Array] | null {
  const names = Object.keys(files).filter((n) => n.toLowerCase().endsWith(ext) && !n.startsWith('__MACOSX/')).sort();
  return names.length ? [names[0], files[names[0]]] : null;
}

/** Reads a zipped Shapefile. Never throws: problems become issues. */
export function readShapefileZip(file: string, bytes: Uint8Array): RawFeatureSet {
  if (bytes.length === 0) return failedFeatures(file, 'shapefile', { reason: 'file-empty-bytes' });
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch {
    return failedFeatures(file, 'shapefile', { reason: 'file-truncated' });
  }
  const shp = pick(files, '.shp');
  const dbf = pick(files, '.dbf');
  if (!shp) return failedFeatures(file, 'shapefile', { reason: 'shapefile-part-missing', params: { part: '.shp' } });
  if (!dbf) return failedFeatures(file, 'shapefile', { reason: 'shapefile-part-missing', params: { part: '.dbf' } });
  const issues: ReportIssue[] = [];
  const prj = pick(files, '.prj');
  const cpg = pick(files, '.cpg');
  let crs = null;
  if (prj) {
    const wkt = new TextDecoder().decode(prj[1]);
    crs = crsFromWkt(wkt);
    if (!crs) issues.push({ file, row: null, column: null, reason: 'prj-unreadable', severity: 'warning', detail: wkt.slice(0, 80) });
  } else {
    issues.push({ file, row: null, column: null, reason: 'prj-missing', severity: 'warning' });
  }

  // .dbf text: the .cpg's encoding, else UTF-8 if every text field decodes strictly, else the 8-bit
  // Vietnamese encoding (Windows-1258, TCVN3 or VNI) that reads best.
  let label = cpg ? cpgToLabel(new TextDecoder().decode(cpg[1])) : null;
  let decode: (b: Uint8Array) => string;
  if (!label) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(dbf[1]);
      label = 'utf-8';
    } catch {
      label = decode8bit(dbf[1]).encoding;
    }
  }
  if (label === 'tcvn3' || label === 'vni') {
    const latin = new TextDecoder('windows-1252');
    const conv = label === 'tcvn3' ? tcvn3ToUnicode : vniToUnicode;
    decode = (b) => conv(latin.decode(b));
  } else {
    const decoder = new TextDecoder(label);
    decode = (b) => decoder.decode(b);
  }
  if (label === 'windows-1258' && !cpg) issues.push({ file, row: null, column: null, reason: 'encoding-legacy', severity: 'warning', params: { encoding: 'Windows-1258' } });
  let shpData;
  let dbfData;
  try {
    shpData = parseShp(shp[1]);
    dbfData = parseDbf(dbf[1], decode);
  } catch {
    return failedFeatures(file, 'shapefile', { reason: 'file-truncated' });
  }
  let legacyCount = 0;
  if (label === 'tcvn3' || label === 'vni') {
    for (const r of dbfData.rows) for (const v of Object.values(r)) if (typeof v === 'string' && hasNonAscii(v)) legacyCount++;
  } else {
    // Unicode or 1258 text typed with a TCVN3/VNI font on an old PC.
    const legacy = convertLegacyTexts((update) => {
      for (const r of dbfData.rows) for (const k of Object.keys(r)) if (typeof r[k] === 'string') r[k] = update(r[k] as string);
    });
    if (legacy.encoding) {
      label = legacy.encoding;
      legacyCount = legacy.count;
    }
  }
  if (label === 'tcvn3' || label === 'vni') issues.push({ file, row: null, column: null, reason: 'encoding-converted', severity: 'warning', params: { from: LEGACY_NAMES[label], count: legacyCount } });
  const total = Math.max(shpData.records.length, dbfData.declared, dbfData.rows.length);
  const features: RawFeature[] = [];
  let rejected = 0;
  for (let i = 0; i < total; i++) {
    const rec = shpData.records[i];
    const props = dbfData.rows[i];
    if (!rec || !props) {
      rejected++;
      issues.push({ file, row: i + 1, column: null, reason: 'record-missing', severity: 'error', params: { part: !rec ? '.shp' : '.dbf' } });
      continue;
    }
    features.push({ index: i + 1, geometry: rec.otherType !== undefined ? { type: `shape type ${rec.otherType}` } : rec.geometry, properties: props });
  }
  return { file, format: 'shapefile', features, headers: dbfData.fields.map((f) => f.name), crs, encoding: label, rejectedFeatures: rejected, issues, failed: features.length === 0 };
}
