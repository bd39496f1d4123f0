/**
 * XLSX reader over `read-excel-file` (its `universal` entry runs in browsers and
 * node). The sheet used is the first one whose first non-empty row looks like a
 * header (`isHeader`), else the first sheet; blank rows above the header, as
 * left by report titles, are skipped, and row numbers stay the sheet's own.
 */
import readXlsxFile from 'read-excel-file/universal';
import { failedTable, type RawCell, type RawRow, type RawTable } from './table.ts';

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

function isBlank(cells: unknown[]): boolean {
  return cells.every((c) => c === null || c === undefined || (typeof c === 'string' && c.trim() === ''));
}

/**
 * Reads an XLSX workbook. `isHeader` tells whether a row of cells is a header
 * this importer understands, to pick the sheet; never throws.
 */
export async function readXlsx(file: string, bytes: Uint8Array, isHeader: (cells: string[]) => boolean = () => true): Promise<RawTable> {
  if (bytes.length === 0) return failedTable(file, 'xlsx', { column: null, reason: 'file-empty-bytes' });
  // XLSX is a zip: "PK\x03\x04". Anything else is not a workbook (an old .xls, a renamed CSV).
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) return failedTable(file, 'xlsx', { column: null, reason: 'file-format', detail: 'not an XLSX (zip) file' });
  let sheets;
  try {
    sheets = await readXlsxFile(toArrayBuffer(bytes));
  } catch (e) {
    return failedTable(file, 'xlsx', { column: null, reason: 'file-truncated', detail: e instanceof Error ? e.message.slice(0, 200) : String(e) });
  }
  let chosen: { data: unknown[][]; headerIndex: number } | null = null;
  for (const s of sheets) {
    const headerIndex = s.data.findIndex((r) => !isBlank(r));
    if (headerIndex < 0) continue;
    const header = s.data[headerIndex].map((c) => (c === null ? '' : String(c)));
    if (!chosen) chosen = { data: s.data, headerIndex };
    if (isHeader(header)) {
      chosen = { data: s.data, headerIndex };
      break;
    }
  }
  if (!chosen) return failedTable(file, 'xlsx', { column: null, reason: 'file-empty' });
  const headers = chosen.data[chosen.headerIndex].map((c) => (c === null || c === undefined ? '' : String(c).trim()));
  const rows: RawRow[] = [];
  for (let i = chosen.headerIndex + 1; i < chosen.data.length; i++) {
    const cells = chosen.data[i];
    if (isBlank(cells)) continue;
    rows.push({ row: i + 1, cells: headers.map((_, j) => (cells[j] ?? null) as RawCell) });
  }
  const issues = rows.length === 0 ? failedTable(file, 'xlsx', { column: null, reason: 'file-empty' }).issues : [];
  return { file, format: 'xlsx', headers, rows, rejectedRows: 0, issues, failed: rows.length === 0 };
}
