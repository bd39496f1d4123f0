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
import { decodeText } from './text.ts';

function parseJson(file: string, bytes: Uint8Array, format: 'geojson' | 'topojson'): { value: unknown; encoding: string } | RawFeatureSet {
  if (bytes.length === 0) return failedFeatures(file, format, { reason: 'file-empty-bytes' });
  let text: string;
  let encoding: string;
  try {
    const d = decodeText(bytes);
    text = d.text;
    encoding = d.encoding;
  } catch (e) {
    return failedFeatures(file, format, { reason: 'encoding-invalid', detail: e instanceof Error ? e.message : String(e) });
  }
  if (text.trim() === '') return failedFeatures(file, format, { reason: 'file-empty' });
  try {
    return { value: JSON.parse(text) as unknown, encoding };
  } catch (e) {
    // JSON that stops short of its closing brackets is the typical interrupted copy.
    return failedFeatures(file, format, { reason: 'file-truncated', detail: e instanceof Error ? e.message.slice(0, 120) : String(e) });
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
  else return failedFeatures(file, 'geojson', { reason: 'file-format', detail: `GeoJSON type ${String(v.type)}` });
  const features: RawFeature[] = list.map((f, i) => {
    const ff = (f ?? {}) as { geometry?: unknown; properties?: unknown; id?: unknown };
    const id = typeof ff.id === 'string' || typeof ff.id === 'number' ? ff.id : undefined;
    return { index: i + 1, geometry: ff.geometry ?? null, properties: props(ff.properties), id };
  });
  if (features.length === 0) issues.push({ file, row: null, column: null, reason: 'file-empty', severity: 'error' });
  return { file, format: 'geojson', features, headers: headersOf(features), crs: crsFromGeoJsonMember(v.crs), encoding, rejectedFeatures: 0, issues, failed: features.length === 0 };
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
  if (!object) return failedFeatures(file, 'topojson', { reason: 'file-empty', detail: objectName ? `no object ${objectName}` : 'no objects' });
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
    } catch (e) {
      // An arc index beyond the arcs array: the file was cut or edited by hand.
      rejected++;
      issues.push({ file, row: i + 1, column: null, reason: 'geometry-invalid', severity: 'error', detail: e instanceof Error ? e.message.slice(0, 120) : String(e) });
    }
  });
  if (geometries.length === 0) issues.push({ file, row: null, column: null, reason: 'file-empty', severity: 'error' });
  return { file, format: 'topojson', features, headers: headersOf(features), crs: null, encoding, rejectedFeatures: rejected, issues, failed: features.length === 0 };
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
