/**
 * The one shape every boundary reader produces: numbered features with raw
 * geometry and properties, the CRS the file declared (if any), and the issues
 * found while reading. Geometry is checked and repaired later (validate.ts).
 */
import type { ReportIssue } from '../report.ts';
import type { KnownCrs } from './crs.ts';

export interface RawFeature {
  /** 1-based feature (or Shapefile record) number. */
  index: number;
  /** GeoJSON geometry as read, unchecked; null when the record has none. */
  geometry: unknown;
  properties: Record<string, unknown>;
  /** Feature `id` (GeoJSON) or geometry id (TopoJSON), a fallback for the code. */
  id?: string | number;
}

export type FeatureFormat = 'geojson' | 'topojson' | 'shapefile';

export interface RawFeatureSet {
  file: string;
  format: FeatureFormat;
  features: RawFeature[];
  /** Property names, in first-seen order (what the mapping UI shows). */
  headers: string[];
  /** CRS declared by the file (.prj, GeoJSON `crs`), or null. */
  crs: KnownCrs | null;
  encoding?: string;
  /** Features the reader could not use (truncated records); they count as rejected. */
  rejectedFeatures: number;
  issues: ReportIssue[];
  failed: boolean;
}

/** An empty feature set carrying one whole-file error. */
export function failedFeatures(file: string, format: FeatureFormat, issue: Omit<ReportIssue, 'file' | 'row' | 'severity' | 'column'>): RawFeatureSet {
  return { file, format, features: [], headers: [], crs: null, rejectedFeatures: 0, failed: true, issues: [{ file, row: null, column: null, severity: 'error', ...issue }] };
}

/** Property names in first-seen order. */
export function headersOf(features: RawFeature[]): string[] {
  const seen = new Set<string>();
  for (const f of features) for (const k of Object.keys(f.properties)) seen.add(k);
  return [...seen];
}
