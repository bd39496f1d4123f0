/**
 * The one shape every table reader produces: a header and rows of raw cells,
 * each row carrying the number the user sees in the source program, plus the
 * issues found while reading (rows that could not even be split into cells).
 */
import type { ReportIssue } from '../report.ts';

/** A raw cell: text from CSV, typed values from XLSX/Parquet. */
export type RawCell = string | number | boolean | Date | null;

export interface RawRow {
  /** 1-based row as shown by the source program (CSV line, sheet row, Parquet record). */
  row: number;
  cells: RawCell[];
  /**
   * The column a cell really came from, by cell index, when it is not the
   * header of its position: a wide sheet's rating of one year becomes a `Năm`
   * and a `Xếp loại` cell, both from the column "Năm 2025".
   */
  sources?: Record<number, string>;
}

export type TableFormat = 'csv' | 'xlsx' | 'parquet';

export interface RawTable {
  file: string;
  format: TableFormat;
  headers: string[];
  rows: RawRow[];
  encoding?: string;
  delimiter?: string;
  /** Rows the reader could not use (too long, truncated); they count in the file's total as rejected. */
  rejectedRows: number;
  /** Issues found while reading, including whole-file errors (row null, severity error). */
  issues: ReportIssue[];
  /** True when a whole-file error left nothing to read. */
  failed: boolean;
  /** How a sheet was read (XLSX and CSV): which sheet, which header rows, what was skipped. */
  layout?: TableLayout;
}

/** The choices a reader made on a report-style sheet, for the report and the dialog's pickers. */
export interface TableLayout {
  /** Sheet read (XLSX), and every sheet of the workbook in order. */
  sheet?: string;
  sheets?: string[];
  /** Sheet row (or CSV line) of the header, and how many header rows (1 or 2). */
  headerRow: number | null;
  headerRows: number;
  /** True when the header row was recognised by its column names (false: the first non-empty row was taken). */
  recognised: boolean;
  /** Years of a wide sheet (one rating column per year), in column order. */
  wideYears?: number[];
  /** The first non-empty rows, for choosing the header row by hand: sheet row and a short text. */
  preview: { row: number; text: string }[];
}

/** An empty table carrying one whole-file error. */
export function failedTable(file: string, format: TableFormat, issue: Omit<ReportIssue, 'file' | 'row' | 'severity'>): RawTable {
  return { file, format, headers: [], rows: [], rejectedRows: 0, failed: true, issues: [{ file, row: null, severity: 'error', ...issue }] };
}
