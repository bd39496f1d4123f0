/**
 * Table serialisation for the bundle: Arrow IPC stream (what DuckDB-WASM loads)
 * and CSV with a BOM (what Excel users open). Strings are plain Utf8, never
 * dictionaries, so any Arrow reader and DuckDB's insert take them as VARCHAR.
 */
import { Float32, Float64, Int16, Table, Utf8, tableToIPC, vectorFromArray } from 'apache-arrow';
import type { DataType, Vector } from 'apache-arrow';

export type ColumnType = 'utf8' | 'int16' | 'float32' | 'float64';

export interface ColumnSpec {
  name: string;
  type: ColumnType;
  values: (string | number | null)[];
  /** Decimals for CSV output of numbers. */
  digits?: number;
}

function arrowType(t: ColumnType): DataType {
  switch (t) {
    case 'utf8': return new Utf8();
    case 'int16': return new Int16();
    case 'float32': return new Float32();
    case 'float64': return new Float64();
  }
}

/** Builds an Arrow IPC stream from columns of equal length. */
export function toArrowStream(columns: ColumnSpec[]): Uint8Array {
  const vectors: Record<string, Vector> = {};
  for (const c of columns) vectors[c.name] = vectorFromArray(c.values, arrowType(c.type) as never) as Vector;
  return tableToIPC(new Table(vectors), 'stream');
}

function csvCell(v: string | number | null, digits: number | undefined): string {
  if (v === null) return '';
  if (typeof v === 'number') return digits === undefined ? String(v) : String(Number(v.toFixed(digits)));
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** CSV text with a UTF-8 BOM (Excel otherwise guesses a legacy code page and mangles diacritics). */
export function toCsv(columns: ColumnSpec[]): string {
  const n = columns[0]?.values.length ?? 0;
  const lines = [columns.map((c) => c.name).join(',')];
  for (let i = 0; i < n; i++) lines.push(columns.map((c) => csvCell(c.values[i], c.digits)).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
