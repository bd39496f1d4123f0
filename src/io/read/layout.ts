/**
 * Report-style sheets as offices make them: an agency line and a title merged
 * across the columns, "(Kèm theo Báo cáo số …)", one or two header rows (often
 * merged: "Kết quả xếp loại" over "Năm 2024 | Năm 2025"), a numbering row
 * "(1) (2) (3)", district headings, merged cells in the data (a commune's code
 * and name over its two year rows), totals ("Tổng cộng") and signatures
 * ("Người lập biểu", "…, ngày 15 tháng 12 năm 2024") at the end.
 *
 * `layoutTable` turns such a grid (XLSX or CSV, with the sheet's own row
 * numbers) into the plain header + rows every reader produces:
 *  1. merged cells take the value of their top-left cell (filled down and across);
 *  2. the header row is the first row whose cells name at least two known
 *     fields, in Vietnamese or English, after folding (or the row the user chose);
 *  3. a second header row below it is read with it when it only holds labels
 *     under the first row's groups or blanks ("Năm 2024", "Xếp loại", "Điểm");
 *  4. a wide sheet (one rating column per year, no year column) becomes one
 *     row per (commune, year), keeping the sheet row and the year's column;
 *  5. a sheet with a rating column but no year column takes its one year from
 *     the title ("… XẾP LOẠI … NĂM 2025"), else from the sheet's or the file's
 *     name ("Năm 2025", "xep-loai-2025.xlsx"), and says so; never from a date
 *     ("ngày 10 tháng 01 năm 2026", "10/01/2026"), never when two years are named;
 *  6. numbering, repeated-header, total, heading and footer rows are skipped,
 *     and each kind is reported once with its row numbers.
 * Row numbers stay the sheet's own, so the report points where the user looks.
 */
import type { ReportIssue, SkipKind } from '../report.ts';
import { rowRanges } from '../report.ts';
import { foldText } from '../../model/text.ts';
import { fieldOfHeader, isNumberingHeader, type FieldId } from './mapping.ts';
import type { RawCell, RawRow, TableLayout } from './table.ts';

/** One row of a sheet or CSV file, with its own row (line) number. */
export interface GridRow {
  row: number;
  cells: RawCell[];
}

/** A merged range: sheet rows `r0`–`r1` (1-based), columns `c0`–`c1` (0-based). */
export interface CellRange {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

export interface Grid {
  rows: GridRow[];
  merges: CellRange[];
}

export interface LayoutOptions {
  /** Sheet row of the (first) header row, chosen by the user. */
  headerRow?: number;
  /** Header names the user mapped (`--map code=MA_XA`): they count as known names. */
  knownNames?: string[];
  /** CSV: a row with more non-empty cells than the header has columns is rejected. */
  strictWidth?: boolean;
  /** Rows looked at for the header. */
  scanRows?: number;
  /** The sheet's name (XLSX): where a sheet with no year column may name its year. */
  sheetName?: string;
}

export interface LaidOutTable {
  headers: string[];
  rows: RawRow[];
  /** Rows rejected while laying out (too many cells), with their issues. */
  rejectedRows: number;
  issues: ReportIssue[];
  layout: TableLayout;
  /** Fields named by the header (for choosing a sheet). */
  fields: Set<FieldId>;
}

function isBlankCell(c: RawCell | undefined): boolean {
  return c === null || c === undefined || (typeof c === 'string' && c.trim() === '');
}

function isBlankRow(cells: RawCell[]): boolean {
  return cells.every(isBlankCell);
}

function text(c: RawCell | undefined): string {
  if (c === null || c === undefined) return '';
  if (c instanceof Date) return c.toISOString().slice(0, 10);
  return String(c).replace(/\s+/g, ' ').trim();
}

/** Digits only (a code, a count, a year), as text or number. */
function isDigits(c: RawCell | undefined): boolean {
  if (typeof c === 'number') return Number.isInteger(c) && c >= 0;
  return typeof c === 'string' && /^'?\d+(?:\.0+)?$/.test(c.trim());
}

function isYearValue(c: RawCell | undefined): boolean {
  const t = text(c).replace(/\.0+$/, '');
  return /^(19[5-9]\d|20\d\d)$/.test(t);
}

/** Fills every merged range with its top-left value; returns the rows (copied) and, per row, the columns in a horizontal merge. */
function fillMerges(grid: Grid): { rows: GridRow[]; hMerged: Map<number, Set<number>> } {
  const byRow = new Map<number, number>();
  const rows = grid.rows.map((r, i) => {
    byRow.set(r.row, i);
    return { row: r.row, cells: [...r.cells] };
  });
  const hMerged = new Map<number, Set<number>>();
  for (const m of grid.merges) {
    const top = byRow.get(m.r0);
    const v = top === undefined ? null : (rows[top].cells[m.c0] ?? null);
    for (let r = m.r0; r <= m.r1; r++) {
      const i = byRow.get(r);
      if (i === undefined) continue;
      const cells = rows[i].cells;
      while (cells.length <= m.c1) cells.push(null);
      for (let c = m.c0; c <= m.c1; c++) cells[c] = v;
      if (m.c1 > m.c0) {
        const set = hMerged.get(r) ?? new Set<number>();
        for (let c = m.c0; c <= m.c1; c++) set.add(c);
        hMerged.set(r, set);
      }
    }
  }
  return { rows, hMerged };
}

/** What a row names: known fields, and the columns the user mapped (each counts once, whichever field it is for). */
function fieldsOf(cells: RawCell[], known: Set<string>): Set<string> {
  const out = new Set<string>();
  for (const c of cells) {
    const t = text(c);
    if (!t) continue;
    const f = known.has(t) ? `mapped:${t}` : fieldOfHeader(t);
    if (f) out.add(f);
  }
  return out;
}

/** "(1) (2) (3)", "1 2 3", "A B 1 2": the row that numbers the columns under a header. */
function isNumberingRow(cells: RawCell[]): boolean {
  const values = cells.filter((c) => !isBlankCell(c));
  if (values.length < 2) return false;
  let last = -Infinity;
  for (const v of values) {
    const t = text(v);
    const m = /^\(?\s*(\d{1,2}|[A-Za-z]|[IVX]{1,4})\s*\)?$/.exec(t);
    if (!m) return false;
    if (/^\d+$/.test(m[1])) {
      const n = Number(m[1]);
      if (n <= last) return false;
      last = n;
    }
  }
  return true;
}

const FOOTER = /^(nguoi lap|nguoi ky|nguoi duyet|nguoi kiem tra|thu truong|lanh dao|kt\.?\s|k\/t|tm\.?\s|t\/m|q\.?\s?giam doc|giam doc|pho giam doc|truong phong|pho truong phong|truong cong an|truong ban|chu tich|noi nhan|xac nhan|ghi chu\s*:)/;
const DATE_LINE = /ngay\s*[.…\d\s]*\s*thang\s*[.…\d\s]*\s*nam\s*[.…\d\s]*$/;
const TOTAL = /^(tong cong|tong so|tong|cong|total|sum|cong toan (tinh|huyen|thanh pho))\s*:?$/;
const SECTION_NUMBER = /^([ivxlc]+|[a-z]|\d{1,2})[.)]\s+\S/;

function folded(c: RawCell | undefined): string {
  return foldText(text(c));
}

function isFooterRow(cells: RawCell[]): boolean {
  const texts = cells.filter((c) => typeof c === 'string' && c.trim() !== '').map(folded);
  if (texts.length === 0) return false;
  // A data row carries a code; a signature block does not.
  if (cells.some((c) => isDigits(c) && text(c).length >= 3 && !isYearValue(c))) return false;
  return texts.some((t) => FOOTER.test(t) || DATE_LINE.test(t) || /^\S.*,\s*ngay\b/.test(t));
}

function isTotalRow(cells: RawCell[]): boolean {
  const firstTexts = cells.filter((c) => !isBlankCell(c) && !isDigits(c)).slice(0, 3).map(folded);
  return firstTexts.some((t) => TOTAL.test(t));
}

function isSectionRow(cells: RawCell[], merged: Set<number> | undefined): boolean {
  const values = cells.map(text).filter((t) => t !== '');
  const distinct = new Set(values);
  if (distinct.size !== 1) return false;
  const only = values[0];
  if (isDigits(only)) return false;
  return values.length > 1 || (merged !== undefined && merged.size > 1) || SECTION_NUMBER.test(foldText(only));
}

/** A year in a header ("Năm 2024", "2024", "Xếp loại năm 2025"), or null. */
function yearIn(t: string): number | null {
  const years = [...foldText(t).matchAll(/(?:^|\D)((?:19[5-9]|20\d)\d)(?!\d)/g)].map((m) => Number(m[1]));
  return new Set(years).size === 1 ? years[0] : null;
}

/** A year (1950–2099) after "năm" and not in a date ("tháng 12 năm 2024"), or, when `bare`, any year on its own that is not in a date ("15-12-2024"). */
function namedYears(t: string, bare: boolean): number[] {
  const f = foldText(t);
  const re = bare
    ? /(?<!\d{1,2}\s*[-/._]\s*\d{1,2}\s*[-/._]\s*)(?<!\d)((?:19[5-9]|20\d)\d)(?!\d)/g
    : /(?<!thang\s*\d{1,2}\s*)(?<![a-z])nam\s*((?:19[5-9]|20\d)\d)(?!\d)/g;
  return [...new Set([...f.matchAll(re)].map((m) => Number(m[1])))];
}

/**
 * The one year a sheet with no year column names: in its title rows, else in
 * the sheet's name, else in the file's name; null when none or two are named
 * (the title first: once it names two, the names are not asked).
 */
function yearOfSheet(file: string, titles: GridRow[], sheetName: string | undefined): { year: number; source: string; row: number | null } | null {
  const found = titles.flatMap((r) => r.cells.map(text).filter((t) => t !== '').flatMap((t) => namedYears(t, false).map((year) => ({ year, source: t, row: r.row }))));
  const years = new Set(found.map((x) => x.year));
  if (years.size === 1) return found[0];
  if (years.size > 1) return null;
  for (const name of [sheetName, file.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '')]) {
    if (!name) continue;
    const named = namedYears(name, true);
    if (named.length === 1) return { year: named[0], source: name, row: null };
    if (named.length > 1) return null;
  }
  return null;
}

/** What a year column of a wide sheet holds: the rating (default) or the score, from the words around the year. */
function wideKind(parts: string[]): 'rating' | 'score' | null {
  const rest = parts
    .map((p) => foldText(p).replace(/(?:^|\D)(?:19[5-9]|20\d)\d(?!\d)/g, ' ').replace(/\bnam\b/g, ' ').replace(/[^a-z ]/g, ' ').replace(/\s+/g, ' ').trim())
    .filter((p) => p !== '');
  if (rest.length === 0) return 'rating';
  const fields = rest.map((p) => fieldOfHeader(p));
  if (fields.includes('score')) return 'score';
  if (fields.includes('rating')) return 'rating';
  return null;
}

function colLetter(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** The first non-empty rows as short texts, for choosing the header row by hand. */
function previewOf(rows: GridRow[], limit = 25): { row: number; text: string }[] {
  const out: { row: number; text: string }[] = [];
  for (const r of rows) {
    if (isBlankRow(r.cells)) continue;
    const seen: string[] = [];
    for (const c of r.cells) {
      const t = text(c);
      if (t && seen[seen.length - 1] !== t) seen.push(t);
    }
    const joined = seen.join(' | ');
    out.push({ row: r.row, text: joined.length > 120 ? `${joined.slice(0, 119)}…` : joined });
    if (out.length >= limit) break;
  }
  return out;
}

/**
 * Lays out a sheet: finds the header, reads the data rows, skips the rest.
 * Never throws; problems are issues (file-level ones have `row` null).
 */
export function layoutTable(file: string, grid: Grid, options: LayoutOptions = {}): LaidOutTable {
  const { rows, hMerged } = fillMerges(grid);
  const known = new Set(options.knownNames ?? []);
  const issues: ReportIssue[] = [];
  const preview = previewOf(rows);
  const base: TableLayout = { headerRow: null, headerRows: 0, recognised: false, preview };
  const empty = (): LaidOutTable => ({ headers: [], rows: [], rejectedRows: 0, issues, layout: base, fields: new Set() });

  // ---- 2. the header row
  let hi = -1;
  let recognised = false;
  if (options.headerRow !== undefined) {
    hi = rows.findIndex((r) => r.row === options.headerRow);
    if (hi < 0 || isBlankRow(rows[hi].cells)) {
      issues.push({ file, row: null, column: null, reason: 'header-row-empty', severity: 'error', params: { row: options.headerRow } });
      return empty();
    }
    recognised = true;
  } else {
    const scan = Math.min(rows.length, options.scanRows ?? 60);
    for (let i = 0; i < scan; i++) {
      if (fieldsOf(rows[i].cells, known).size >= 2) {
        hi = i;
        recognised = true;
        break;
      }
    }
    if (hi < 0) {
      // Nothing named a known column: take the row with the most distinct texts (a header names every column; titles are one text, data rows have numbers).
      let best = 0;
      for (let i = 0; i < scan; i++) {
        const texts = new Set(rows[i].cells.filter((c) => typeof c === 'string' && c.trim() !== '' && !isDigits(c)).map(text));
        if (texts.size > best) {
          best = texts.size;
          hi = i;
        }
      }
    }
    if (hi < 0) hi = rows.findIndex((r) => !isBlankRow(r.cells));
    if (hi < 0) return empty();
  }
  const h1 = rows[hi];

  // ---- 3. a second header row
  let hj = hi + 1;
  while (hj < rows.length && isBlankRow(rows[hj].cells)) hj++;
  const h1Merged = hMerged.get(h1.row) ?? new Set<number>();
  let h2: GridRow | null = null;
  if (hj < rows.length) {
    const cand = rows[hj];
    const values = cand.cells.map((c, j) => ({ c, j })).filter((x) => !isBlankCell(x.c));
    const headerLike = values.length > 0 && values.every((x) => (typeof x.c === 'string' && !isDigits(x.c)) || isYearValue(x.c));
    const underGroup = values.some((x) => isBlankCell(h1.cells[x.j]) || h1Merged.has(x.j));
    const differs = values.some((x) => text(x.c) !== text(h1.cells[x.j]));
    // Only under a header that was recognised or chosen: under a guessed one, a second guess compounds the first.
    if (recognised && headerLike && underGroup && differs && !isNumberingRow(cand.cells)) h2 = cand;
  }
  const width = Math.max(h1.cells.length, h2?.cells.length ?? 0);
  const top: string[] = [];
  for (let j = 0; j < width; j++) top.push(text(h1.cells[j]));
  if (h2) {
    // CSV has no merges: a group label written once stands over the labels to its right.
    for (let j = 1; j < width; j++) if (top[j] === '' && text(h2.cells[j]) !== '' && text(h2.cells[j - 1]) !== '' && top[j - 1] !== '') top[j] = top[j - 1];
  }
  const parts: string[][] = [];
  for (let j = 0; j < width; j++) {
    const a = top[j];
    const b = h2 ? text(h2.cells[j]) : '';
    parts.push(b === '' || b === a ? (a ? [a] : []) : a === '' ? [b] : [a, b]);
  }
  const headerRows = h2 ? 2 : 1;
  const dataStart = h2 ? hj + 1 : hi + 1;

  // ---- 4. wide layout: one rating (and score) column per year
  const plainField = (p: string[]) => (p.length === 0 ? null : fieldOfHeader(p[p.length - 1]) ?? (p.length === 2 ? fieldOfHeader(p.join(' ')) : null));
  const hasYearColumn = parts.some((p) => plainField(p) === 'year' && p.every((x) => yearIn(x) === null));
  const wide = new Map<number, { rating?: number; score?: number }>();
  if (!hasYearColumn) {
    parts.forEach((p, j) => {
      const y = p.map(yearIn).find((v) => v !== null) ?? (h2 && isYearValue(h2.cells[j]) ? Number(text(h2.cells[j]).replace(/\.0+$/, '')) : null);
      if (y == null) return;
      const kind = wideKind(p);
      if (!kind) return;
      const entry = wide.get(y) ?? {};
      if (entry[kind] === undefined) entry[kind] = j;
      wide.set(y, entry);
    });
    for (const [y, e] of wide) if (e.rating === undefined) wide.delete(y);
  }
  const wideCols = new Set([...wide.values()].flatMap((e) => [e.rating, e.score].filter((x): x is number => x !== undefined)));
  // ---- 5. one year for the whole sheet, from its title or its name
  const sheetYear = wide.size === 0 && parts.some((p) => plainField(p) === 'rating') && !parts.some((p) => plainField(p) === 'year') ? yearOfSheet(file, rows.slice(0, hi), options.sheetName) : null;

  // Column labels as the user reads them: the lower label when it names a field, else both.
  const labelOf = (j: number): string => {
    const p = parts[j];
    if (p.length === 2) return fieldOfHeader(p[1]) ? p[1] : `${p[0]} / ${p[1]}`;
    return p[0] ?? '';
  };
  const labels = parts.map((_, j) => labelOf(j));
  const counts = new Map<string, number>();
  for (const l of labels) if (l) counts.set(l, (counts.get(l) ?? 0) + 1);
  // Two columns with the same label would be one for the mapping: name the repeats by their column letter.
  const unique = labels.map((l, j) => (l && counts.get(l)! > 1 ? `${l} (${colLetter(j)})` : l));
  const fullLabel = (j: number) => (parts[j].length === 2 ? `${parts[j][0]} / ${parts[j][1]}` : unique[j]);

  const baseCols = unique.map((_, j) => j).filter((j) => !wideCols.has(j));
  const years = [...wide.keys()].sort((a, b) => wide.get(a)!.rating! - wide.get(b)!.rating!);
  const withScore = [...wide.values()].some((e) => e.score !== undefined);
  const headers = wide.size ? [...baseCols.map((j) => unique[j]), 'Năm', 'Xếp loại', ...(withScore ? ['Điểm'] : [])] : sheetYear ? [...unique, 'Năm'] : unique;

  // ---- 6. the data rows
  const skipped: Record<SkipKind, number[]> = { title: [], numbering: [], 'header-repeat': [], total: [], section: [], footer: [] };
  for (let i = 0; i < hi; i++) if (!isBlankRow(rows[i].cells)) skipped.title.push(rows[i].row);
  const out: RawRow[] = [];
  let rejectedRows = 0;
  let emptyWideCells = 0;
  let inFooter = false;
  let firstData = true;
  const h1Texts = h1.cells.map(text).join('\u241f');
  for (let i = dataStart; i < rows.length; i++) {
    const r = rows[i];
    if (isBlankRow(r.cells)) continue;
    if (inFooter) {
      skipped.footer.push(r.row);
      continue;
    }
    if (firstData && isNumberingRow(r.cells)) {
      skipped.numbering.push(r.row);
      firstData = false;
      continue;
    }
    firstData = false;
    if (r.cells.map(text).join('\u241f') === h1Texts || (h2 && r.cells.map(text).join('\u241f') === h2.cells.map(text).join('\u241f'))) {
      skipped['header-repeat'].push(r.row);
      continue;
    }
    if (isFooterRow(r.cells)) {
      inFooter = true;
      skipped.footer.push(r.row);
      continue;
    }
    if (isTotalRow(r.cells)) {
      skipped.total.push(r.row);
      continue;
    }
    if (isSectionRow(r.cells, hMerged.get(r.row))) {
      skipped.section.push(r.row);
      continue;
    }
    if (options.strictWidth && r.cells.length > width && r.cells.slice(width).some((c) => !isBlankCell(c))) {
      rejectedRows++;
      issues.push({ file, row: r.row, column: null, reason: 'column-count', severity: 'error', params: { cells: r.cells.length, columns: width } });
      continue;
    }
    const cells = Array.from({ length: width }, (_, j) => r.cells[j] ?? null);
    if (!wide.size) {
      if (sheetYear) cells.push(sheetYear.year);
      out.push({ row: r.row, cells });
      continue;
    }
    const baseCells = baseCols.map((j) => cells[j]);
    let emitted = 0;
    for (const y of years) {
      const e = wide.get(y)!;
      const rating = cells[e.rating!];
      const score = e.score !== undefined ? cells[e.score] : null;
      if (isBlankCell(rating) && isBlankCell(score)) {
        emptyWideCells++;
        continue;
      }
      const at = baseCells.length;
      const sources: Record<number, string> = { [at]: fullLabel(e.rating!), [at + 1]: fullLabel(e.rating!) };
      if (withScore && e.score !== undefined) sources[at + 2] = fullLabel(e.score);
      out.push({ row: r.row, cells: [...baseCells, y, rating, ...(withScore ? [score] : [])], sources });
      emitted++;
    }
    // A row with no rating in any year is one row without a rating, not nothing.
    if (emitted === 0) {
      emptyWideCells -= years.length;
      out.push({ row: r.row, cells: [...baseCells, years[0], null, ...(withScore ? [null] : [])], sources: { [baseCells.length + 1]: fullLabel(wide.get(years[0])!.rating!) } });
    }
  }

  const sheetRows = h2 ? `${h1.row}–${h2.row}` : String(h1.row);
  // Worth saying only when the header is not simply the first row.
  if (recognised) {
    if (h2 || h1.row !== 1) issues.push({ file, row: null, column: null, reason: 'header-found', severity: 'info', params: { rows: sheetRows } });
  }
  else issues.push({ file, row: null, column: null, reason: 'header-not-found', severity: 'warning', params: { row: h1.row } });
  if (wide.size) issues.push({ file, row: null, column: null, reason: 'layout-wide', severity: 'info', params: { years: years.join(', ') } });
  // A finding about the whole file (not a row's issue): the title's row goes in the message.
  if (sheetYear) issues.push({ file, row: null, column: null, reason: 'year-from-title', severity: 'info', params: { year: sheetYear.year, source: sheetYear.source, ...(sheetYear.row !== null ? { titleRow: sheetYear.row } : {}) } });
  if (emptyWideCells > 0) issues.push({ file, row: null, column: null, reason: 'wide-cells-empty', severity: 'info', params: { count: emptyWideCells } });
  for (const kind of Object.keys(skipped) as SkipKind[]) {
    const list = skipped[kind];
    if (list.length) issues.push({ file, row: null, column: null, reason: 'rows-skipped', severity: 'info', params: { kind, count: list.length, rows: rowRanges(list) } });
  }
  const fields = new Set<FieldId>();
  for (const h of headers) {
    const f = fieldOfHeader(h) ?? (known.has(h) ? 'code' : null);
    if (f && !isNumberingHeader(h)) fields.add(f);
  }
  return {
    headers,
    rows: out,
    rejectedRows,
    issues,
    fields,
    layout: { headerRow: h1.row, headerRows, recognised, ...(wide.size ? { wideYears: years } : {}), preview },
  };
}
