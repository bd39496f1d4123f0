/**
 * Entry points of the format readers: a file name and its bytes in, one
 * canonical raw shape out (RawTable for tables, RawFeatureSet for boundaries).
 * The format is decided by the extension, then checked against the content.
 * Readers never throw on bad input; they report.
 */
import type { FileRole } from '../report.ts';
import { readCsv, type CsvOptions } from './csv.ts';
import { failedFeatures, type RawFeatureSet } from './features.ts';
import { readGeoJsonOrTopoJson } from './geojson.ts';
import { headersFit, type ColumnMapping } from './mapping.ts';
import { readParquet } from './parquet.ts';
import { readShapefileZip } from './shapefile.ts';
import type { RawTable } from './table.ts';
import { readXlsx } from './xlsx.ts';

export type { RawTable, RawRow, RawCell } from './table.ts';
export type { RawFeature, RawFeatureSet } from './features.ts';

/** Extension (lower case, no dot) of a file name. */
export function extensionOf(name: string): string {
  const m = /\.([^./\\]+)$/.exec(name);
  return m ? m[1].toLowerCase() : '';
}

/** Table formats accepted by extension. */
export const TABLE_EXTENSIONS = ['csv', 'txt', 'tsv', 'xlsx', 'parquet'];
/** Boundary formats accepted by extension. */
export const BOUNDARY_EXTENSIONS = ['geojson', 'json', 'topojson', 'zip'];

/** How to read one table: CSV overrides, the sheet and header row the user chose, the columns the user mapped. */
export interface TableReadOptions {
  csv?: CsvOptions;
  /** XLSX sheet name or 1-based position. */
  sheet?: string | number;
  /** Sheet row (CSV line) of the header. */
  headerRow?: number;
  /** The user's mapping (`--map`): its headers mark the header row. */
  fixed?: ColumnMapping;
}

/** Reads a table (CSV, TSV, XLSX, Parquet). `role` helps pick the right XLSX sheet. */
export async function readTable(name: string, bytes: Uint8Array, role: FileRole, options: TableReadOptions = {}): Promise<RawTable> {
  const ext = extensionOf(name);
  const knownNames = Object.values(options.fixed ?? {}).filter((h): h is string => typeof h === 'string' && h !== '');
  if (ext === 'xlsx' || (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03)) {
    return readXlsx(name, bytes, { sheet: options.sheet, headerRow: options.headerRow, knownNames, fits: (h) => headersFit(h, role, options.fixed) });
  }
  if (ext === 'parquet') return readParquet(name, bytes);
  return readCsv(name, bytes, { ...options.csv, headerRow: options.headerRow, knownNames });
}

/** Reads boundaries (GeoJSON, TopoJSON, zipped Shapefile). */
export function readBoundaryFile(name: string, bytes: Uint8Array, topoObject?: string): RawFeatureSet {
  const ext = extensionOf(name);
  if (ext === 'zip' || ext === 'shz') return readShapefileZip(name, bytes);
  if (ext === 'shp') return failedFeatures(name, 'shapefile', { reason: 'shapefile-not-zipped' });
  return readGeoJsonOrTopoJson(name, bytes, topoObject);
}
