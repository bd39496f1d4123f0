/**
 * Parquet reader over `hyparquet` (pure JS). DuckDB-WASM cannot read Parquet
 * offline (the extension would have to be downloaded), so user Parquet files
 * become raw rows here and Arrow later, like every other table.
 */
import { parquetMetadata, parquetReadObjects, parquetSchema } from 'hyparquet';
import { convertLegacyTexts, LEGACY_NAMES } from './legacy.ts';
import { failedTable, type RawCell, type RawRow, type RawTable } from './table.ts';

function cell(v: unknown): RawCell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  return String(v);
}

/** Reads a Parquet file into a raw table; row numbers are 1-based record numbers. Never throws. */
export async function readParquet(file: string, bytes: Uint8Array): Promise<RawTable> {
  if (bytes.length === 0) return failedTable(file, 'parquet', { column: null, reason: 'file-empty-bytes' });
  const magic = (at: number) => bytes[at] === 0x50 && bytes[at + 1] === 0x41 && bytes[at + 2] === 0x52 && bytes[at + 3] === 0x31;
  // A Parquet file starts and ends with "PAR1"; a missing tail is the usual sign of an interrupted copy.
  if (bytes.length < 12 || !magic(0) || !magic(bytes.length - 4)) {
    return failedTable(file, 'parquet', { column: null, reason: 'file-truncated' });
  }
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  try {
    const metadata = parquetMetadata(buffer);
    const headers = parquetSchema(metadata).children.map((c) => c.element.name);
    const objects = await parquetReadObjects({ file: buffer, metadata });
    const rows: RawRow[] = objects.map((o, i) => ({ row: i + 1, cells: headers.map((h) => cell((o as Record<string, unknown>)[h])) }));
    const issues = rows.length === 0 ? failedTable(file, 'parquet', { column: null, reason: 'file-empty' }).issues : [];
    // Parquet strings are UTF-8, but may still hold text typed with a TCVN3 or VNI font.
    const legacy = convertLegacyTexts((update) => {
      for (const r of rows) for (let j = 0; j < r.cells.length; j++) if (typeof r.cells[j] === 'string') r.cells[j] = update(r.cells[j] as string);
    });
    if (legacy.encoding) issues.push({ file, row: null, column: null, reason: 'encoding-converted', severity: 'warning', params: { from: LEGACY_NAMES[legacy.encoding], count: legacy.count } });
    return { file, format: 'parquet', headers, rows, rejectedRows: 0, issues, failed: rows.length === 0 };
  } catch {
    return failedTable(file, 'parquet', { column: null, reason: 'file-truncated' });
  }
}
