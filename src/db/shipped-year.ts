/**
 * One year's rows of a shipped series part (src/db/series.ts), cut out in the
 * page as a small Arrow stream, so the worklist's year table is an insert of a
 * few thousand rows instead of the structure's whole series: the first list
 * then waits for ~10,000 rows, not ~160,000.
 *
 * A part holds one row per commune per manifest year, ordered by code and year
 * (scripts/lib/series-part.ts), so the row of commune c in the year of index yi
 * is c × years + yi. That layout is checked on every row's `year`, once per part
 * (the decoded part is kept); a part that does not have it gives no slice, and
 * the year table is made from `series`.
 *
 * Built with makeData from the part's own buffers (no Arrow builders: they
 * compile code with `new Function`, which the page's CSP forbids).
 */
import { DataType, makeData, makeVector, Table, tableFromIPC, tableToIPC, type Data, type Vector } from 'apache-arrow';

/** Validity bitmap of `rows` of `data` (undefined when none is null). */
function gatherValidity(data: Data, rows: Int32Array): { nullBitmap?: Uint8Array; nullCount: number } {
  if (!data.nullCount || !data.nullBitmap) return { nullCount: 0 };
  const bitmap = new Uint8Array(Math.ceil(rows.length / 8));
  let nulls = 0;
  rows.forEach((r, i) => {
    const at = data.offset + r;
    if ((data.nullBitmap![at >> 3] >> (at & 7)) & 1) bitmap[i >> 3] |= 1 << (i & 7);
    else nulls++;
  });
  return { nullBitmap: bitmap, nullCount: nulls };
}

/** Rows `rows` of one column, or undefined for a layout this does not handle. */
function gather(data: Data, rows: Int32Array): Vector | undefined {
  const type = data.type;
  const validity = gatherValidity(data, rows);
  const length = rows.length;
  if (DataType.isBool(type)) {
    const bits = new Uint8Array(Math.ceil(length / 8));
    rows.forEach((r, i) => {
      const at = data.offset + r;
      if ((data.values[at >> 3] >> (at & 7)) & 1) bits[i >> 3] |= 1 << (i & 7);
    });
    return makeVector(makeData({ type, length, ...validity, data: bits }));
  }
  if (DataType.isDictionary(type) || DataType.isInt(type) || DataType.isFloat(type)) {
    const values = data.values as Int32Array | Float64Array | Float32Array | Int16Array;
    const Ctor = values.constructor as { new (n: number): typeof values };
    const out = new Ctor(length);
    rows.forEach((r, i) => (out[i] = values[data.offset + r]));
    if (DataType.isDictionary(type)) return makeVector(makeData({ type, length, ...validity, data: out as Int32Array, dictionary: data.dictionary! }));
    return makeVector(makeData({ type, length, ...validity, data: out } as Parameters<typeof makeData>[0]));
  }
  return undefined;
}

/** Each part decoded and its layout checked once (every year table of a structure reads the same part). */
const decoded = new WeakMap<Uint8Array, { years: string; table: Table; communes: number } | { years: string; table?: undefined }>();

/** The part as a table and its number of communes, when it is laid out one row per commune per year of `years`, in year order. */
function laidOut(part: Uint8Array, years: readonly number[]): { table: Table; communes: number } | undefined {
  const key = years.join(',');
  const known = decoded.get(part);
  if (known && known.years === key) return known.table ? known : undefined;
  const table = tableFromIPC(part);
  const communes = table.numRows / years.length;
  const yearData = table.getChild('year')?.data[0];
  let fits = table.batches.length === 1 && Number.isInteger(communes) && !!yearData && DataType.isInt(yearData.type);
  // The layout, checked on every row: commune by commune, each with every year in order.
  const yv = yearData?.values as Int32Array | undefined;
  for (let c = 0; fits && c < communes; c++) {
    for (let k = 0; k < years.length; k++) if (yv![yearData!.offset + c * years.length + k] !== years[k]) fits = false;
  }
  decoded.set(part, fits ? { years: key, table, communes } : { years: key });
  return fits ? { table, communes } : undefined;
}

/**
 * The rows of `year` of a shipped structure part, as an Arrow IPC stream with
 * the part's columns; undefined when the part is not laid out one row per
 * commune per year of `years`, in year order.
 */
export function shippedYearRows(part: Uint8Array, years: readonly number[], year: number): Uint8Array | undefined {
  const yi = years.indexOf(year);
  const layout = yi < 0 ? undefined : laidOut(part, years);
  if (!layout) return undefined;
  const { table, communes } = layout;
  const rows = new Int32Array(communes);
  for (let c = 0; c < communes; c++) rows[c] = c * years.length + yi;
  const columns: Record<string, Vector> = {};
  for (const field of table.schema.fields) {
    const v = gather(table.getChild(field.name)!.data[0], rows);
    if (!v) return undefined;
    columns[field.name] = v;
  }
  return tableToIPC(new Table(columns), 'stream');
}
