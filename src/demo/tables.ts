/**
 * Table serialisation for the bundle: Arrow IPC stream (what DuckDB-WASM loads)
 * and CSV with a BOM (what Excel users open). Strings are plain Utf8, never
 * dictionaries, so any Arrow reader and DuckDB's insert take them as VARCHAR.
 */
import { Float32, Float64, Int16, Table, Utf8, makeData, makeVector, tableToIPC } from 'apache-arrow';
import type { Vector } from 'apache-arrow';

export type ColumnType = 'utf8' | 'int16' | 'float32' | 'float64';

export interface ColumnSpec {
  name: string;
  type: ColumnType;
  values: (string | number | null)[];
  /** Decimals for CSV output of numbers. */
  digits?: number;
}

/** Validity bitmap (1 = value present) and null count, as Arrow lays it out. */
function validity(values: readonly (string | number | null)[]): { bitmap: Uint8Array; nulls: number } {
  const bitmap = new Uint8Array(Math.ceil(values.length / 8));
  let nulls = 0;
  values.forEach((v, i) => {
    if (v === null || v === undefined) nulls++;
    else bitmap[i >> 3] |= 1 << (i & 7);
  });
  return { bitmap, nulls };
}

/**
 * One column as an Arrow vector, built straight from typed arrays. Arrow's
 * builders (vectorFromArray) compile a null check with `new Function`, which the
 * page's Content-Security-Policy forbids; this path runs in the browser import
 * as well as in node.
 */
function column(c: ColumnSpec): Vector {
  const { bitmap, nulls } = validity(c.values);
  const nullBitmap = nulls ? bitmap : undefined;
  const length = c.values.length;
  if (c.type === 'utf8') {
    const enc = new TextEncoder();
    const chunks = c.values.map((v) => (v === null || v === undefined ? new Uint8Array(0) : enc.encode(String(v))));
    const offsets = new Int32Array(length + 1);
    for (let i = 0; i < length; i++) offsets[i + 1] = offsets[i] + chunks[i].length;
    const data = new Uint8Array(offsets[length]);
    chunks.forEach((b, i) => data.set(b, offsets[i]));
    return makeVector(makeData({ type: new Utf8(), length, nullCount: nulls, nullBitmap, valueOffsets: offsets, data }));
  }
  const num = (v: string | number | null) => (v === null || v === undefined ? 0 : Number(v));
  if (c.type === 'int16') return makeVector(makeData({ type: new Int16(), length, nullCount: nulls, nullBitmap, data: Int16Array.from(c.values, num) }));
  if (c.type === 'float32') return makeVector(makeData({ type: new Float32(), length, nullCount: nulls, nullBitmap, data: Float32Array.from(c.values, num) }));
  return makeVector(makeData({ type: new Float64(), length, nullCount: nulls, nullBitmap, data: Float64Array.from(c.values, num) }));
}

/** Builds an Arrow IPC stream from columns of equal length. */
export function toArrowStream(columns: ColumnSpec[]): Uint8Array {
  const vectors: Record<string, Vector> = {};
  for (const c of columns) vectors[c.name] = column(c);
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
