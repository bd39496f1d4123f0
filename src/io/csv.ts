/**
 * The one CSV writer: every CSV the atlas writes (the worklist export, the
 * validation report, the `data/raw` tables of a packed folder and of the demo)
 * goes through `csvField` and `csvDocument`.
 *
 * - UTF-8 with a BOM, so Excel reads Vietnamese diacritics; CRLF line ends.
 * - RFC 4180 quoting: a field is quoted when it holds a comma, a semicolon
 *   (the delimiter Excel expects in a decimal-comma locale, so the file splits
 *   the same way there), the delimiter, a quote, CR or LF; quotes are doubled.
 * - Formula guard (CSV injection): a TEXT field starting with = + - @, tab or
 *   CR gets a leading apostrophe, so a commune name from a user's file can
 *   never run as a spreadsheet formula. Numbers are written as numbers and
 *   never guarded: -3 stays a negative number Excel can sum.
 */

/** A value of one CSV field. */
export type CsvValue = string | number | boolean | null | undefined;

export type CsvDelimiter = ',' | ';' | '\t';

const BOM = '\uFEFF';
const CRLF = '\r\n';

/**
 * Guards a text cell against formula injection: spreadsheets run cells that
 * start with = + - @ (and, via some import paths, tab or CR). A leading
 * apostrophe makes them text.
 */
export function guardFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** One field as written: guarded when text, quoted when needed, empty for null. */
export function csvField(value: CsvValue, delimiter: CsvDelimiter = ','): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = guardFormula(value);
  return text.includes(delimiter) || /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record (line) of fields. */
export function csvLine(values: readonly CsvValue[], delimiter: CsvDelimiter = ','): string {
  return values.map((v) => csvField(v, delimiter)).join(delimiter);
}

/** Lines already written with csvLine as one document: BOM first, every line ended with CRLF. */
export function csvDocument(lines: readonly string[]): string {
  return BOM + lines.join(CRLF) + CRLF;
}
