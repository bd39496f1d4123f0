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
}

/** An empty table carrying one whole-file error. */
export function failedTable(file: string, format: TableFormat, issue: Omit<ReportIssue, 'file' | 'row' | 'severity'>): RawTable {
  return { file, format, headers: [], rows: [], rejectedRows: 0, failed: true, issues: [{ file, row: null, severity: 'error', ...issue }] };
}
