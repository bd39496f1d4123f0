/**
 * XLSX reader over `read-excel-file` (its `universal` entry runs in browsers and
 * node) for the cells, plus the workbook's merged ranges, which that library
 * does not return: they are read here from the sheet XML (`<mergeCell ref>`),
 * unzipped with fflate. Each sheet becomes a grid with its own row numbers and
 * goes through `layoutTable` (report-style titles, two-row headers, wide
 * years, totals and signatures); text typed with TCVN3 or VNI fonts is
 * converted first, so the header row is found in such sheets too.
 *
 * The sheet read is the one the user named, else the first whose header fits
 * the file's role, else the first whose header was recognised at all.
 */
import { unzipSync } from 'fflate';
import readXlsxFile from 'read-excel-file/universal';
import { foldText } from '../../model/text.ts';
import type { ReportIssue } from '../report.ts';
import { layoutTable, type CellRange, type Grid, type LaidOutTable } from './layout.ts';
import { convertLegacyTexts, LEGACY_NAMES, type LegacyResult } from './legacy.ts';
import { failedTable, type RawCell, type RawTable } from './table.ts';

export interface XlsxOptions {
  /** Sheet name, or 1-based position. */
  sheet?: string | number;
  /** Sheet row of the header (the first of two header rows). */
  headerRow?: number;
  /** Header names the user mapped: they mark the header row. */
  knownNames?: string[];
  /** True when headers fit what the file is for (picks the sheet). */
  fits?: (headers: string[]) => boolean;
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

function xmlText(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n))).replace(/&amp;/g, '&');
}

/** "B12" → [row 12, column 1 (0-based)]. */
function cellRef(ref: string): [number, number] | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(ref.trim().toUpperCase());
  if (!m) return null;
  let col = 0;
  for (const ch of m[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
  return [Number(m[2]), col - 1];
}

/** Merged ranges of every sheet, by sheet name. Empty on any surprise: merges only refine the reading. */
export function readMerges(bytes: Uint8Array): Map<string, CellRange[]> {
  const out = new Map<string, CellRange[]>();
  try {
    const files = unzipSync(bytes, { filter: (f) => f.name === 'xl/workbook.xml' || f.name === 'xl/_rels/workbook.xml.rels' || /^xl\/worksheets\/[^/]+\.xml$/.test(f.name) });
    const dec = new TextDecoder();
    const workbook = dec.decode(files['xl/workbook.xml']);
    const rels = dec.decode(files['xl/_rels/workbook.xml.rels']);
    const targets = new Map<string, string>();
    for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
      const id = /\bId="([^"]+)"/.exec(m[0])?.[1];
      const target = /\bTarget="([^"]+)"/.exec(m[0])?.[1];
      if (id && target) targets.set(id, target.replace(/^\/?(xl\/)?/, 'xl/'));
    }
    for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
      const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
      const rid = /\br:id="([^"]+)"/.exec(m[0])?.[1] ?? /\bid="([^"]+)"/.exec(m[0])?.[1];
      const path = rid ? targets.get(rid) : undefined;
      const xml = path ? files[path] : undefined;
      if (name === undefined || !xml) continue;
      const s = dec.decode(xml);
      const at = s.lastIndexOf('</sheetData>');
      const ranges: CellRange[] = [];
      for (const mc of s.slice(at < 0 ? 0 : at).matchAll(/<mergeCell\b[^>]*\bref="([^"]+)"/g)) {
        const [a, b] = mc[1].split(':');
        const p = cellRef(a);
        const q = cellRef(b ?? a);
        if (p && q) ranges.push({ r0: Math.min(p[0], q[0]), c0: Math.min(p[1], q[1]), r1: Math.max(p[0], q[0]), c1: Math.max(p[1], q[1]) });
      }
      out.set(xmlText(name), ranges);
    }
  } catch {
    return new Map();
  }
  return out;
}

/** Converts TCVN3/VNI text in a grid in place. */
function convertGrid(grid: Grid): LegacyResult {
  return convertLegacyTexts((update) => {
    for (const r of grid.rows) for (let j = 0; j < r.cells.length; j++) if (typeof r.cells[j] === 'string') r.cells[j] = update(r.cells[j] as string);
  });
}

interface Candidate {
  name: string;
  laid: LaidOutTable;
  legacy: LegacyResult;
}

/** Reads an XLSX workbook; never throws. */
export async function readXlsx(file: string, bytes: Uint8Array, options: XlsxOptions = {}): Promise<RawTable> {
  if (bytes.length === 0) return failedTable(file, 'xlsx', { column: null, reason: 'file-empty-bytes' });
  // XLSX is a zip: "PK\x03\x04". Anything else is not a workbook (an old .xls, a renamed CSV).
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) return failedTable(file, 'xlsx', { column: null, reason: 'file-not-xlsx' });
  let sheets;
  try {
    sheets = await readXlsxFile(toArrayBuffer(bytes));
  } catch {
    return failedTable(file, 'xlsx', { column: null, reason: 'file-truncated' });
  }
  const merges = readMerges(bytes);
  const names = sheets.map((s) => s.sheet);
  const gridOf = (s: (typeof sheets)[number]): Grid => ({ rows: s.data.map((cells, i) => ({ row: i + 1, cells: cells.map((c) => (c === undefined ? null : (c as RawCell))) })), merges: merges.get(s.sheet) ?? [] });
  const read = (s: (typeof sheets)[number]): Candidate => {
    const grid = gridOf(s);
    const legacy = convertGrid(grid);
    return { name: s.sheet, legacy, laid: layoutTable(file, grid, { headerRow: options.headerRow, knownNames: options.knownNames, sheetName: s.sheet }) };
  };

  let chosen: Candidate | null = null;
  if (options.sheet !== undefined && options.sheet !== '') {
    const want = String(options.sheet);
    const s = sheets.find((x) => x.sheet === want) ?? sheets.find((x) => foldText(x.sheet) === foldText(want)) ?? (/^\d+$/.test(want) ? sheets[Number(want) - 1] : undefined);
    if (!s) {
      const t = failedTable(file, 'xlsx', { column: null, reason: 'sheet-missing', params: { sheet: want, sheets: names.map((n) => `“${n}”`).join(', ') } });
      return { ...t, layout: { sheets: names, headerRow: null, headerRows: 0, recognised: false, preview: [] } };
    }
    chosen = read(s);
  } else {
    let firstRecognised: Candidate | null = null;
    let firstNonEmpty: Candidate | null = null;
    let firstAny: Candidate | null = null;
    for (const s of sheets) {
      if (s.data.length === 0) continue;
      const c = read(s);
      // Kept for its issues: a chosen header row that is empty on every sheet is said so, not "empty file".
      firstAny ??= c;
      if (c.laid.layout.headerRow === null) continue;
      firstNonEmpty ??= c;
      if (c.laid.layout.recognised) firstRecognised ??= c;
      if (c.laid.layout.recognised && (options.fits?.(c.laid.headers) ?? true)) {
        chosen = c;
        break;
      }
    }
    chosen ??= firstRecognised ?? firstNonEmpty ?? firstAny;
  }
  if (!chosen) return { ...failedTable(file, 'xlsx', { column: null, reason: 'file-empty' }), layout: { sheets: names, headerRow: null, headerRows: 0, recognised: false, preview: [] } };

  const { laid, legacy, name } = chosen;
  const issues: ReportIssue[] = [];
  if (legacy.encoding) issues.push({ file, row: null, column: null, reason: 'encoding-converted', severity: 'warning', params: { from: LEGACY_NAMES[legacy.encoding], count: legacy.count } });
  for (const i of laid.issues) issues.push(i.reason === 'header-found' && names.length > 1 ? { ...i, params: { ...i.params, sheet: name } } : i);
  const failed = laid.rows.length === 0 && laid.rejectedRows === 0;
  if (failed && !issues.some((i) => i.severity === 'error' && i.row === null)) issues.push({ file, row: null, column: null, reason: 'file-empty', severity: 'error' });
  return {
    file,
    format: 'xlsx',
    headers: laid.headers,
    rows: laid.rows,
    encoding: legacy.encoding ?? undefined,
    rejectedRows: laid.rejectedRows,
    issues,
    failed,
    layout: { ...laid.layout, sheet: name, sheets: names },
  };
}
