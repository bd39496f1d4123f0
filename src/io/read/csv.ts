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
import { failedTable, type RawRow, type RawTable } from './table.ts';
import { decodeText, EncodingError } from './text.ts';

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
 * Picks the delimiter from the first lines: the candidate found in the header
 * whose count is most often repeated in the following lines. Returns null when
 * no candidate occurs in the header (a one-column file or a foreign delimiter).
 */
export function sniffDelimiter(text: string): string | null {
  const lines = text.split(/\r\n|\n|\r/, 30).filter((l) => l.trim() !== '');
  if (lines.length === 0) return null;
  let best: string | null = null;
  let bestScore = 0;
  for (const d of CANDIDATES) {
    const h = countOutsideQuotes(lines[0], d);
    if (h === 0) continue;
    const rest = lines.slice(1);
    const same = rest.filter((l) => countOutsideQuotes(l, d) === h).length;
    // Consistency first, then the header count, so "1,5" decimals inside a ;-file do not win.
    const score = (rest.length ? same / rest.length : 1) * 1000 + h;
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

function isBlank(cells: string[]): boolean {
  return cells.every((c) => c.trim() === '');
}

/** Reads a CSV file into a raw table. Never throws: problems become issues. */
export function readCsv(file: string, bytes: Uint8Array, options: CsvOptions = {}): RawTable {
  if (bytes.length === 0) return failedTable(file, 'csv', { column: null, reason: 'file-empty-bytes' });
  let decoded;
  try {
    decoded = decodeText(bytes, options.encoding);
  } catch (e) {
    return failedTable(file, 'csv', { column: null, reason: 'encoding-invalid', detail: e instanceof EncodingError || e instanceof RangeError ? e.message : String(e) });
  }
  const issues: ReportIssue[] = [];
  if (decoded.legacy) issues.push({ file, row: null, column: null, reason: 'encoding-legacy', severity: 'warning', detail: decoded.encoding });
  if (decoded.encoding.startsWith('utf-16')) issues.push({ file, row: null, column: null, reason: 'encoding-utf16', severity: 'info', detail: decoded.encoding });
  const text = decoded.text;
  if (text.trim() === '') return { ...failedTable(file, 'csv', { column: null, reason: 'file-empty' }), encoding: decoded.encoding };

  const maxChars = options.maxRecordChars ?? 65_536;
  const firstLine = text.slice(0, text.search(/\r|\n/) === -1 ? text.length : text.search(/\r|\n/));
  if (firstLine.length > maxChars) {
    const t = failedTable(file, 'csv', { column: null, reason: 'line-too-long', detail: `${firstLine.length.toLocaleString('en-US')} characters in the header line` });
    return { ...t, encoding: decoded.encoding, issues: [...issues, ...t.issues] };
  }
  const delimiter = options.delimiter ?? sniffDelimiter(text);
  if (delimiter === null) {
    const foreign = FOREIGN.find((ch) => firstLine.includes(ch));
    if (foreign) {
      const t = failedTable(file, 'csv', { column: null, reason: 'wrong-delimiter', detail: `"${foreign}"` });
      // Every non-blank line after the header is a row that cannot be used.
      const rows = text.split(/\r\n|\n|\r/).slice(1).filter((l) => l.trim() !== '').length;
      return { ...t, encoding: decoded.encoding, rejectedRows: rows, issues: [...issues, ...t.issues] };
    }
  }

  const rows: RawRow[] = [];
  let headers: string[] | null = null;
  let rejectedRows = 0;
  for (const r of records(text, delimiter ?? ',', maxChars)) {
    if (r.length > maxChars) {
      rejectedRows++;
      issues.push({ file, row: r.line, column: null, reason: 'line-too-long', severity: 'error', detail: `> ${maxChars.toLocaleString('en-US')} characters` });
      continue;
    }
    if (isBlank(r.cells)) continue;
    if (headers === null) {
      headers = r.cells.map((h) => h.trim());
      continue;
    }
    if (r.unclosed) {
      rejectedRows++;
      issues.push({ file, row: r.line, column: null, reason: 'row-truncated', severity: 'error' });
      continue;
    }
    const cells = r.cells;
    if (cells.length > headers.length && cells.slice(headers.length).some((c) => c.trim() !== '')) {
      rejectedRows++;
      issues.push({ file, row: r.line, column: null, reason: 'column-count', severity: 'error', detail: `${cells.length} ≠ ${headers.length}` });
      continue;
    }
    rows.push({ row: r.line, cells: cells.slice(0, headers.length) });
  }
  if (headers === null) {
    const t = failedTable(file, 'csv', { column: null, reason: 'file-empty' });
    return { ...t, encoding: decoded.encoding, rejectedRows, issues: [...issues, ...t.issues] };
  }
  if (rows.length === 0 && rejectedRows === 0) issues.push({ file, row: null, column: null, reason: 'file-empty', severity: 'error' });
  return { file, format: 'csv', headers, rows, encoding: decoded.encoding, delimiter: delimiter ?? ',', rejectedRows, issues, failed: rows.length === 0 && rejectedRows === 0 };
}
