/**
 * The yearly cycle: add a year of ratings to an existing dataset, or replace
 * years it has, keeping everything else. `npm run pack -- --into FOLDER` runs
 * it on a portable folder's bundle, the app's "Thêm năm xếp loại" on the
 * dataset it keeps in the browser. Node-free, like the import.
 *
 * The new rows are validated against the dataset's own communes and scale, and
 * each year is placed on the structure its codes belong to
 * (src/io/structures.ts) around the years kept. The years present in the new
 * files replace the dataset's; every other year is kept as it was, row for row.
 * Units, boundaries, flags, zones and the crosswalk are kept byte for byte;
 * only the `ratings` part and the manifest change, and the parts worked out
 * from them (`series.*`) are dropped, to be worked out again (the pack CLI
 * does it at once; the app when it loads the data).
 */
import { DataType, Precision, tableFromIPC, type Table } from 'apache-arrow';
import { columnsToCsv, toArrowStream, type ColumnSpec, type ColumnType } from './tables.ts';
import { defaultHigherIsBetter, type BundleManifest, type StructureInfo } from '../model/bundle.ts';
import { formatNumber, t, type Lang } from '../model/i18n.ts';
import { rateRatingFiles, type FileInspection, type ImportFile, type ImportOptions } from './import.ts';
import { bundleIdentity } from './pack.ts';
import { sha256Hex } from './bytes.ts';
import { yearSpans, type ReportIssue, type ValidationReport } from './report.ts';

/** A dataset's manifest and raw parts: a loaded bundle, a decrypted one, or a packed one. */
export interface DatasetParts {
  manifest: BundleManifest;
  parts: Record<string, Uint8Array>;
}

/** One year of ratings: its structure and number of rows (and, when replaced, the rows it had). */
export interface YearCount {
  year: number;
  structure: string;
  rows: number;
  previous?: number;
}

export interface YearChanges {
  added: YearCount[];
  replaced: YearCount[];
  kept: YearCount[];
  /** The dataset's structure ids, newest first (as in the manifest). */
  structures: string[];
}

export interface UpdateResult {
  /** Present only when some new row was loaded: the dataset with the new years. */
  dataset?: DatasetParts;
  /** The new `ratings` table as CSV (UTF-8 with BOM), for a folder's raw files. */
  ratingsCsv?: string;
  report: ValidationReport;
  years: YearChanges;
  files: FileInspection[];
}

const ARROW_TO_COLUMN = (type: DataType): ColumnType => {
  if (DataType.isDictionary(type) || DataType.isUtf8(type)) return 'utf8';
  if (DataType.isBool(type)) return 'bool';
  if (DataType.isInt(type)) return type.bitWidth <= 16 ? 'int16' : 'int32';
  if (DataType.isFloat(type)) return type.precision === Precision.DOUBLE ? 'float64' : 'float32';
  throw new Error(`ratings column of type ${String(type)} cannot be rewritten`);
};

/** A table's columns as plain values, with the column type each is written back with. */
function readColumns(table: Table): { name: string; type: ColumnType; values: (string | number | boolean | null)[] }[] {
  return table.schema.fields.map((f) => {
    const col = table.getChild(f.name)!;
    const type = ARROW_TO_COLUMN(f.type);
    const values: (string | number | boolean | null)[] = new Array(table.numRows);
    for (let i = 0; i < table.numRows; i++) {
      const v = col.get(i) as unknown;
      values[i] = v === null || v === undefined ? null : type === 'utf8' ? String(v) : type === 'bool' ? Boolean(v) : Number(v);
    }
    return { name: f.name, type, values };
  });
}

/** Commune codes of each structure of a dataset, newest first (as in the manifest). */
export function structureCodes(manifest: BundleManifest, units: Table): { id: string; codes: Set<string> }[] {
  const structure = units.getChild('structure');
  const level = units.getChild('level');
  const code = units.getChild('code');
  const by = new Map(manifest.structures.map((s) => [s.id, new Set<string>()]));
  for (let i = 0; i < units.numRows; i++) if (level?.get(i) === 'commune') by.get(String(structure?.get(i)))?.add(String(code?.get(i)));
  return manifest.structures.map((s) => ({ id: s.id, codes: by.get(s.id)! }));
}

/** Digits of the dataset's commune codes (the longest), so codes typed without leading zeros match. */
function codeDigitsOf(structures: { codes: Set<string> }[]): number {
  let n = 0;
  for (const s of structures) for (const c of s.codes) n = Math.max(n, c.length);
  return n || 5;
}

/**
 * Adds or replaces years of ratings in a dataset. Never throws on bad data:
 * rows are accounted for in the report as for an import, and without a single
 * usable row there is no `dataset` (the caller keeps what it has).
 */
export async function addYears(current: DatasetParts, files: ImportFile[], options: ImportOptions = {}): Promise<UpdateResult> {
  const { manifest } = current;
  const units = tableFromIPC(current.parts.units);
  const structures = structureCodes(manifest, units);
  const old = readColumns(tableFromIPC(current.parts.ratings));
  const col = (name: string) => old.find((c) => c.name === name);
  const oldYear = col('year')!.values as number[];
  const oldStructure = col('structure')!.values as string[];
  // The structure each year sits on now, and its rows.
  const before = new Map<number, { structure: string; rows: number }>();
  oldYear.forEach((y, i) => {
    const e = before.get(y) ?? { structure: oldStructure[i], rows: 0 };
    e.rows++;
    before.set(y, e);
  });
  const fixed = new Map([...before].map(([y, e]) => [y, e.structure]));

  const rated = await rateRatingFiles(files, structures, { ...options, scale: manifest.scale, codeDigits: options.codeDigits ?? codeDigitsOf(structures) }, fixed);
  const issues: ReportIssue[] = [...rated.issues];
  const fresh = rated.ratings;
  const newYears = new Map<number, { structure: string; rows: number }>();
  for (const r of fresh) {
    const e = newYears.get(r.year) ?? { structure: r.structure, rows: 0 };
    e.rows++;
    newYears.set(r.year, e);
  }

  const years: YearChanges = { added: [], replaced: [], kept: [], structures: manifest.structures.map((s) => s.id) };
  for (const [year, e] of [...newYears].sort((a, b) => a[0] - b[0])) {
    const prev = before.get(year);
    if (!prev) {
      years.added.push({ year, structure: e.structure, rows: e.rows });
      continue;
    }
    years.replaced.push({ year, structure: e.structure, rows: e.rows, previous: prev.rows });
    // The whole year goes: a file with one province's corrections would drop every other province's rows.
    if (e.rows < 0.9 * prev.rows) issues.push({ file: '', row: null, column: null, reason: 'year-shrinks', severity: 'warning', detail: `${year}: ${prev.rows} → ${e.rows}` });
  }
  for (const [year, e] of [...before].sort((a, b) => a[0] - b[0])) if (!newYears.has(year)) years.kept.push({ year, ...e });

  // Communes of a new year's structure with no row that year.
  let unrated = 0;
  for (const [year, e] of newYears) {
    const rated = new Set(fresh.filter((r) => r.year === year).map((r) => r.code));
    const missing = [...structures.find((s) => s.id === e.structure)!.codes].filter((c) => !rated.has(c)).sort();
    unrated += missing.length;
    if (missing.length) issues.push({ file: '', row: null, column: null, reason: 'units-without-ratings', severity: 'info', params: { count: missing.length }, detail: `${year}: ${missing.length}: ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', …' : ''}` });
  }

  const placed = new Map([...[...before].filter(([y]) => !newYears.has(y)).map(([y, e]) => [y, e.structure] as const), ...[...newYears].map(([y, e]) => [y, e.structure] as const)]);
  const infos = manifest.structures.map((s): StructureInfo | null => {
    const own = [...placed].filter(([, id]) => id === s.id).map(([y]) => y);
    return own.length ? { ...s, fromYear: Math.min(...own), toYear: Math.max(...own) } : null;
  });
  if (fresh.length && infos.some((s) => s === null)) {
    // Every year of a structure moved to the other one: the app's plan needs years on each structure.
    issues.push({ file: '', row: null, column: null, reason: 'structure-without-ratings', severity: 'error', detail: manifest.structures.filter((_, i) => !infos[i]).map((s) => s.id).join(', ') });
  }
  // The app finds a year's structure by the structures' year ranges: they must not interleave.
  const clash = [...placed].filter(([y, id]) => infos.some((s) => s !== null && s.id !== id && y >= s.fromYear && y <= s.toYear)).map(([y]) => y);
  if (fresh.length && clash.length) issues.push({ file: '', row: null, column: null, reason: 'year-structure-order', severity: 'error', detail: yearSpans(clash) });
  const usable = fresh.length > 0 && infos.every((s) => s !== null) && clash.length === 0;
  const report: ValidationReport = {
    files: rated.summaries,
    issues,
    unitsWithoutRatings: unrated,
    ratingsWithoutUnits: rated.ratingsWithoutUnits,
    usable,
    structures: manifest.structures.map((s) => ({ id: s.id, years: [...placed].filter(([, id]) => id === s.id).map(([y]) => y).sort((a, b) => a - b), communes: structures.find((x) => x.id === s.id)!.codes.size })),
  };
  if (!usable) return { report, years, files: rated.files };

  // The new table: kept rows as they were, then the new rows; new indicator columns appended.
  const indicators = [...manifest.indicators];
  for (const i of rated.indicators) if (!indicators.some((x) => x.column === i.column)) indicators.push({ column: i.column, label: { vi: i.header, en: i.header }, higherIsBetter: defaultHigherIsBetter(i.column) });
  const keep = oldYear.map((y) => !newYears.has(y));
  const columns: ColumnSpec[] = old.map((c) => ({ name: c.name, type: c.type, values: c.values.filter((_, i) => keep[i]) }));
  for (const i of indicators) if (!columns.some((c) => c.name === i.column)) columns.push({ name: i.column, type: 'float32', values: new Array<null>(columns[0].values.length).fill(null) });
  const newValue = (name: string, r: (typeof fresh)[number]): string | number | null => {
    if (name === 'code') return r.code;
    if (name === 'structure') return r.structure;
    if (name === 'year') return r.year;
    if (name === 'rating') return r.rating;
    if (name === 'score') return r.score;
    return r.indicators[name] ?? null;
  };
  const sortedFresh = [...fresh].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : a.year - b.year));
  for (const c of columns) for (const r of sortedFresh) c.values.push(newValue(c.name, r));
  for (const c of columns) if (c.name === 'score') c.digits = 2;
  else if (indicators.some((i) => i.column === c.name)) c.digits = 3;

  const ratingsBytes = toArrowStream(columns);
  const allYears = [...placed.keys()].sort((a, b) => a - b);
  const parts: Record<string, Uint8Array> = {};
  const partInfo: BundleManifest['parts'] = {};
  // Parts worked out from the ratings (the shipped series) no longer match: dropped, worked out again by whoever packs or loads.
  for (const [name, info] of Object.entries(manifest.parts)) {
    if (info.derivedFrom !== undefined) continue;
    parts[name] = current.parts[name];
    partInfo[name] = info;
  }
  parts.ratings = ratingsBytes;
  partInfo.ratings = { ...manifest.parts.ratings, bytes: ratingsBytes.byteLength, sha256: await sha256Hex(ratingsBytes) };
  const lastOld = Math.max(...before.keys());
  const lastNew = allYears[allYears.length - 1];
  const next: BundleManifest = {
    ...manifest,
    // Same prefix (`import`, `demo-seed42`…), new identity.
    id: `${manifest.id.replace(/-[0-9a-f]{8}$/, '')}-${await bundleIdentity(partInfo)}`,
    dataDate: lastNew > lastOld ? `${lastNew}-12-31` : manifest.dataDate,
    years: allYears,
    structures: infos as StructureInfo[],
    indicators,
    parts: partInfo,
  };
  return { dataset: { manifest: next, parts }, ratingsCsv: columnsToCsv(columns), report, years, files: rated.files };
}

/**
 * A year's structure in words: none with one structure (its id says nothing
 * to a reader, and `2025` next to 2024 would mislead), else the current or
 * the former one.
 */
function structureWords(lang: Lang, id: string, structures: string[]): string {
  if (structures.length < 2) return '';
  return ` (${t(lang, structures.indexOf(id) === 0 ? 'structureShortCurrent' : 'structureShortFormer')})`;
}

function yearList(lang: Lang, list: YearCount[], withPrevious: boolean, structures: string[]): string {
  return list
    .map((y) => t(lang, withPrevious ? 'yearCountReplaced' : 'yearCount', { year: y.year, structure: structureWords(lang, y.structure, structures), rows: formatNumber(lang, y.rows), previous: formatNumber(lang, y.previous ?? 0) }))
    .join('; ');
}

/**
 * Which years were added, replaced and kept, with their rows, in one language
 * (the CLI prints both). Kept years are given as spans and a total when there
 * are many.
 */
export function describeYearChanges(changes: YearChanges, lang: Lang): string[] {
  const none = t(lang, 'yearsNone');
  const keptRows = changes.kept.reduce((n, y) => n + y.rows, 0);
  return [
    `${t(lang, 'yearsAdded')}: ${changes.added.length ? yearList(lang, changes.added, false, changes.structures) : none}`,
    `${t(lang, 'yearsReplaced')}: ${changes.replaced.length ? yearList(lang, changes.replaced, true, changes.structures) : none}`,
    `${t(lang, 'yearsKept')}: ${changes.kept.length ? (changes.kept.length > 4 ? t(lang, 'yearsKeptSpan', { years: yearSpans(changes.kept.map((y) => y.year)), rows: formatNumber(lang, keptRows) }) : yearList(lang, changes.kept, false, changes.structures)) : none}`,
  ];
}
