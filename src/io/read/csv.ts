/**
 * CSV reader: encoding detection (see text.ts), delimiter sniffing (comma,
 * semicolon, tab: Excel writes semicolons where the decimal separator is a
 * comma), RFC 4180 quoting with newlines inside quotes, and line numbers kept
 * for every record so the report can point at the line the user sees.
 *
 * A hand-written parser rather than a library because the report needs exact
 * line numbers per record, a cap on record length and the unclosed-quote case
 * distinguished from the rest; the grammar is small.
 */
import type { ReportIssue } from '../report.ts';
import { layoutTable, type Grid } from './layout.ts';
import { convertLegacyTexts, hasNonAscii, LEGACY_NAMES } from './legacy.ts';
import { failedTable, type RawTable } from './table.ts';
import { decodeText } from './text.ts';

export interface CsvOptions {
  /** Force a delimiter instead of sniffing. */
  delimiter?: string;
  /** Force an encoding label (TextDecoder label). */
  encoding?: string;
  /** Records longer than this many characters are rejected (`line-too-long`). Default 65,536. */
  maxRecordChars?: number;
}

const CANDIDATES = [',', ';', '\t'] as const;
/** Characters people use as separators that we do not accept: their presence explains a one-column header. */
const FOREIGN = ['|', ':', '^', '~'];

/** Count of `ch` outside double quotes in one line. */
function countOutsideQuotes(line: string, ch: string): number {
  let n = 0;
  let q = false;
  for (const c of line) {
    if (c === '"') q = !q;
    else if (c === ch && !q) n++;
  }
  return n;
}

/**
 * Picks the delimiter from the first lines: the candidate whose most frequent
 * non-zero count per line is shared by the most lines (then the larger count),
 * so title lines above a report's header ("BẢNG TỔNG HỢP …") and decimal commas
 * inside a ;-file do not decide. Returns null when no candidate occurs at all (a
 * one-column file or a foreign delimiter).
 */
export function sniffDelimiter(text: string): string | null {
  const lines = text.split(/\r\n|\n|\r/, 40).filter((l) => l.trim() !== '');
  if (lines.length === 0) return null;
  let best: string | null = null;
  let bestScore = 0;
  for (const d of CANDIDATES) {
    const counts = lines.map((l) => countOutsideQuotes(l, d));
    const freq = new Map<number, number>();
    for (const c of counts) if (c > 0) freq.set(c, (freq.get(c) ?? 0) + 1);
    let mode = 0;
    let modeLines = 0;
    for (const [c, n] of freq) if (n > modeLines || (n === modeLines && c > mode)) [mode, modeLines] = [c, n];
    if (mode === 0) continue;
    const score = (modeLines / lines.length) * 1000 + mode;
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return best;
}

interface Record_ {
  line: number;
  cells: string[];
  length: number;
  unclosed: boolean;
}

/** Splits text into records, tracking the starting line of each. */
function* records(text: string, delim: string, maxChars: number): Generator<Record_> {
  let i = 0;
  let line = 1;
  const n = text.length;
  while (i < n) {
    const start = line;
    const startI = i;
    const cells: string[] = [];
    let cell = '';
    let unclosed = false;
    let tooLong = false;
    for (;;) {
      if (i >= n) {
        cells.push(cell);
        break;
      }
      const c = text[i];
      if (c === '"' && cell === '') {
        // Quoted cell: read to the closing quote, "" is a literal quote.
        i++;
        let closed = false;
        while (i < n) {
          const d = text[i];
          if (d === '"') {
            if (text[i + 1] === '"') {
              cell += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (d === '\n' || (d === '\r' && text[i + 1] !== '\n')) line++;
          if (!tooLong) cell += d;
          i++;
          if (i - startI > maxChars) tooLong = true;
        }
        if (!closed) unclosed = true;
        continue;
      }
      if (c === delim) {
        cells.push(cell);
        cell = '';
        i++;
        continue;
      }
      if (c === '\r' || c === '\n') {
        cells.push(cell);
        i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
        line++;
        break;
      }
      if (!tooLong) cell += c;
      i++;
      if (i - startI > maxChars) tooLong = true;
    }
    yield { line: start, cells: tooLong ? [] : cells, length: tooLong ? maxChars + 1 : i - startI, unclosed };
  }
}

export interface CsvReadOptions extends CsvOptions {
  /** Line of the (first) header row, chosen by the user. */
  headerRow?: number;
  /** Header names the user mapped: they mark the header row. */
  knownNames?: string[];
}

/**
 * Reads a CSV file into a raw table. Never throws: problems become issues.
 * Title lines above the header, numbering, total and signature lines are
 * handled as in a sheet (layout.ts); line numbers are the file's own.
 */
export function readCsv(file: string, bytes: Uint8Array, options: CsvReadOptions = {}): RawTable {
  if (bytes.length === 0) return failedTable(file, 'csv', { column: null, reason: 'file-empty-bytes' });
  let decoded;
  try {
    decoded = decodeText(bytes, options.encoding);
  } catch {
    return failedTable(file, 'csv', { column: null, reason: 'encoding-invalid' });
  }
  const issues: ReportIssue[] = [];
  if (decoded.encoding === 'windows-1258') issues.push({ file, row: null, column: null, reason: 'encoding-legacy', severity: 'warning', params: { encoding: 'Windows-1258' } });
  if (decoded.encoding.startsWith('utf-16')) issues.push({ file, row: null, column: null, reason: 'encoding-utf16', severity: 'info', params: { encoding: decoded.encoding.toUpperCase() } });
  const text = decoded.text;
  if (text.trim() === '') return { ...failedTable(file, 'csv', { column: null, reason: 'file-empty' }), encoding: decoded.encoding };

  const maxChars = options.maxRecordChars ?? 65_536;
  const firstLine = text.slice(0, text.search(/\r|\n/) === -1 ? text.length : text.search(/\r|\n/));
  if (firstLine.length > maxChars) {
    const t = failedTable(file, 'csv', { column: null, reason: 'line-too-long', params: { chars: maxChars } });
    return { ...t, encoding: decoded.encoding, issues: [...issues, ...t.issues] };
  }
  const delimiter = options.delimiter ?? sniffDelimiter(text);
  if (delimiter === null) {
    const head = text.split(/\r\n|\n|\r/, 5).join('\n');
    const foreign = FOREIGN.find((ch) => head.includes(ch));
    if (foreign) {
      const t = failedTable(file, 'csv', { column: null, reason: 'wrong-delimiter', params: { found: `"${foreign}"` } });
      // Every non-blank line after the header is a row that cannot be used.
      const rows = text.split(/\r\n|\n|\r/).slice(1).filter((l) => l.trim() !== '').length;
      return { ...t, encoding: decoded.encoding, rejectedRows: rows, issues: [...issues, ...t.issues] };
    }
  }

  // Records into a grid; records that cannot be split into cells are rejected here.
  const grid: Grid = { rows: [], merges: [] };
  let rejectedRows = 0;
  for (const r of records(text, delimiter ?? ',', maxChars)) {
    if (r.length > maxChars) {
      rejectedRows++;
      issues.push({ file, row: r.line, column: null, reason: 'line-too-long', severity: 'error', params: { chars: maxChars } });
      continue;
    }
    if (r.cells.every((c) => c.trim() === '')) continue;
    if (r.unclosed && grid.rows.length > 0) {
      rejectedRows++;
      issues.push({ file, row: r.line, column: null, reason: 'row-truncated', severity: 'error' });
      continue;
    }
    grid.rows.push({ row: r.line, cells: r.cells.map((c) => c.trim()) });
  }
  let encoding: string = decoded.encoding;
  if (decoded.encoding === 'tcvn3' || decoded.encoding === 'vni') {
    let count = 0;
    for (const r of grid.rows) for (const c of r.cells) if (typeof c === 'string' && hasNonAscii(c)) count++;
    issues.push({ file, row: null, column: null, reason: 'encoding-converted', severity: 'warning', params: { from: LEGACY_NAMES[decoded.encoding], count } });
  } else {
    // UTF-8 text typed with a legacy font on an old PC.
    const legacy = convertLegacyTexts((update) => {
      for (const r of grid.rows) for (let j = 0; j < r.cells.length; j++) if (typeof r.cells[j] === 'string') r.cells[j] = update(r.cells[j] as string);
    });
    if (legacy.encoding) {
      encoding = `${decoded.encoding}, ${legacy.encoding}`;
      issues.push({ file, row: null, column: null, reason: 'encoding-converted', severity: 'warning', params: { from: LEGACY_NAMES[legacy.encoding], count: legacy.count } });
    }
  }
  if (grid.rows.length === 0) {
    const t = failedTable(file, 'csv', { column: null, reason: 'file-empty' });
    return { ...t, encoding, rejectedRows, issues: [...issues, ...t.issues] };
  }
  const laid = layoutTable(file, grid, { headerRow: options.headerRow, knownNames: options.knownNames, strictWidth: true });
  issues.push(...laid.issues);
  rejectedRows += laid.rejectedRows;
  const failed = laid.rows.length === 0 && rejectedRows === 0;
  if (failed && !issues.some((i) => i.severity === 'error' && i.row === null)) issues.push({ file, row: null, column: null, reason: 'file-empty', severity: 'error' });
  return { file, format: 'csv', headers: laid.headers, rows: laid.rows, encoding, delimiter: delimiter ?? ',', rejectedRows, issues, failed, layout: laid.layout };
}
