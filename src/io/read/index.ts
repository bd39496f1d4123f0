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
import { headersFit } from './mapping.ts';
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

/** Reads a table (CSV, TSV, XLSX, Parquet). `role` helps pick the right XLSX sheet. */
export async function readTable(name: string, bytes: Uint8Array, role: FileRole, csv: CsvOptions = {}): Promise<RawTable> {
  const ext = extensionOf(name);
  if (ext === 'xlsx' || (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03)) return readXlsx(name, bytes, (h) => headersFit(h, role));
  if (ext === 'parquet') return readParquet(name, bytes);
  return readCsv(name, bytes, csv);
}

/** Reads boundaries (GeoJSON, TopoJSON, zipped Shapefile). */
export function readBoundaryFile(name: string, bytes: Uint8Array, topoObject?: string): RawFeatureSet {
  const ext = extensionOf(name);
  if (ext === 'zip' || ext === 'shz') return readShapefileZip(name, bytes);
  if (ext === 'shp') return failedFeatures(name, 'shapefile', { reason: 'shapefile-part-missing', detail: 'give the .shp, .dbf, .prj and .cpg together in one .zip' });
  return readGeoJsonOrTopoJson(name, bytes, topoObject);
}
