/**
 * GeoJSON and TopoJSON readers. TopoJSON is converted to GeoJSON features with
 * topojson-client; the object read is the one named by the caller or else the
 * polygon object with the most geometries (a file may also carry points or lines).
 */
import { feature } from 'topojson-client';
import type { GeometryObject, Properties, Topology } from 'topojson-specification';
import type { ReportIssue } from '../report.ts';
import { crsFromGeoJsonMember } from './crs.ts';
import { failedFeatures, headersOf, type RawFeature, type RawFeatureSet } from './features.ts';
import { convertLegacyTexts, hasNonAscii, LEGACY_NAMES } from './legacy.ts';
import { decodeText } from './text.ts';

function parseJson(file: string, bytes: Uint8Array, format: 'geojson' | 'topojson'): { value: unknown; encoding: string } | RawFeatureSet {
  if (bytes.length === 0) return failedFeatures(file, format, { reason: 'file-empty-bytes' });
  let text: string;
  let encoding: string;
  try {
    const d = decodeText(bytes);
    text = d.text;
    encoding = d.encoding;
  } catch {
    return failedFeatures(file, format, { reason: 'encoding-invalid' });
  }
  if (text.trim() === '') return failedFeatures(file, format, { reason: 'file-empty' });
  try {
    return { value: JSON.parse(text) as unknown, encoding };
  } catch {
    // JSON that stops short of its closing brackets is the typical interrupted copy.
    return failedFeatures(file, format, { reason: 'file-truncated' });
  }
}

function props(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function fromGeoJson(file: string, value: unknown, encoding: string): RawFeatureSet {
  const v = value as { type?: unknown; features?: unknown; crs?: unknown };
  const issues: ReportIssue[] = [];
  let list: unknown[];
  if (v.type === 'FeatureCollection' && Array.isArray(v.features)) list = v.features;
  else if (v.type === 'Feature') list = [v];
  else return failedFeatures(file, 'geojson', { reason: 'file-format', detail: String(v.type).slice(0, 40) });
  const features: RawFeature[] = list.map((f, i) => {
    const ff = (f ?? {}) as { geometry?: unknown; properties?: unknown; id?: unknown };
    const id = typeof ff.id === 'string' || typeof ff.id === 'number' ? ff.id : undefined;
    return { index: i + 1, geometry: ff.geometry ?? null, properties: props(ff.properties), id };
  });
  if (features.length === 0) issues.push({ file, row: null, column: null, reason: 'file-empty', severity: 'error' });
  return withLegacyProperties({ file, format: 'geojson', features, headers: headersOf(features), crs: crsFromGeoJsonMember(v.crs), encoding, rejectedFeatures: 0, issues, failed: features.length === 0 });
}

function polygonCount(o: GeometryObject<Properties>): number {
  const list = o.type === 'GeometryCollection' ? o.geometries : [o];
  return list.filter((g) => g.type === 'Polygon' || g.type === 'MultiPolygon').length;
}

function fromTopoJson(file: string, value: unknown, encoding: string, objectName?: string): RawFeatureSet {
  const topo = value as Topology<Record<string, GeometryObject<Properties>>>;
  if (!topo.objects || typeof topo.objects !== 'object' || !Array.isArray(topo.arcs)) return failedFeatures(file, 'topojson', { reason: 'file-format', detail: 'not a TopoJSON topology' });
  const names = Object.keys(topo.objects);
  const name = objectName ?? names.sort((a, b) => polygonCount(topo.objects[b]) - polygonCount(topo.objects[a]))[0];
  const object = name ? topo.objects[name] : undefined;
  if (!object) return objectName ? failedFeatures(file, 'topojson', { reason: 'topo-object-missing', params: { object: objectName } }) : failedFeatures(file, 'topojson', { reason: 'file-empty' });
  let geometries: GeometryObject<Properties>[];
  try {
    geometries = object.type === 'GeometryCollection' ? object.geometries : [object];
  } catch {
    geometries = [];
  }
  const features: RawFeature[] = [];
  const issues: ReportIssue[] = [];
  let rejected = 0;
  geometries.forEach((g, i) => {
    try {
      const f = feature(topo, g) as { geometry?: unknown };
      const id = typeof g.id === 'string' || typeof g.id === 'number' ? g.id : undefined;
      features.push({ index: i + 1, geometry: f.geometry, properties: props(g.properties), id });
    } catch {
      // An arc index beyond the arcs array: the file was cut or edited by hand.
      rejected++;
      issues.push({ file, row: i + 1, column: null, reason: 'geometry-invalid', severity: 'error' });
    }
  });
  if (geometries.length === 0) issues.push({ file, row: null, column: null, reason: 'file-empty', severity: 'error' });
  return withLegacyProperties({ file, format: 'topojson', features, headers: headersOf(features), crs: null, encoding, rejectedFeatures: rejected, issues, failed: features.length === 0 });
}

/** Converts property values typed with a TCVN3 or VNI font (a GeoJSON made from an old .dbf), reporting it. */
function withLegacyProperties(set: RawFeatureSet): RawFeatureSet {
  if (set.encoding === 'windows-1258') return { ...set, issues: [...set.issues, { file: set.file, row: null, column: null, reason: 'encoding-legacy', severity: 'warning', params: { encoding: 'Windows-1258' } }] };
  if (set.encoding === 'tcvn3' || set.encoding === 'vni') {
    let count = 0;
    for (const f of set.features) for (const v of Object.values(f.properties)) if (typeof v === 'string' && hasNonAscii(v)) count++;
    return { ...set, issues: [...set.issues, { file: set.file, row: null, column: null, reason: 'encoding-converted', severity: 'warning', params: { from: LEGACY_NAMES[set.encoding], count } }] };
  }
  const legacy = convertLegacyTexts((update) => {
    for (const f of set.features) for (const k of Object.keys(f.properties)) if (typeof f.properties[k] === 'string') f.properties[k] = update(f.properties[k] as string);
  });
  if (!legacy.encoding) return set;
  return { ...set, encoding: `${set.encoding ?? 'utf-8'}, ${legacy.encoding}`, issues: [...set.issues, { file: set.file, row: null, column: null, reason: 'encoding-converted', severity: 'warning', params: { from: LEGACY_NAMES[legacy.encoding], count: legacy.count } }] };
}

/** Reads a GeoJSON or TopoJSON file (decided by content, not by name). Never throws. */
export function readGeoJsonOrTopoJson(file: string, bytes: Uint8Array, objectName?: string): RawFeatureSet {
  const format = /\.topo\.?json$|\.topojson$/i.test(file) ? 'topojson' : 'geojson';
  const parsed = parseJson(file, bytes, format);
  if ('features' in parsed) return parsed;
  const v = parsed.value as { type?: unknown };
  if (v && typeof v === 'object' && v.type === 'Topology') return fromTopoJson(file, v, parsed.encoding, objectName);
  return fromGeoJson(file, v, parsed.encoding);
}
