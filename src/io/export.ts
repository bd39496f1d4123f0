/**
 * Writers for the worklist export: CSV and Excel (XLSX), both opening with a
 * header block that says what the list is (title, the filter in words, data
 * date, and "Dữ liệu minh hoạ" for the demo) so a file forwarded by e-mail
 * still carries its context.
 *
 * CSV layout (a deliberate choice, documented for users in the README):
 * - Written by src/io/csv.ts: UTF-8 with a BOM, CRLF line ends, RFC 4180
 *   quoting, and the formula guard on text cells.
 * - The header block is a few lines, each ONE field starting with "# ", then an
 *   empty line, then the column header row and the data. Excel shows the block
 *   as text in column A above the table; scripts skip to the first empty line.
 *   No `sep=` line: with it, Excel ignores the BOM and garbles the diacritics.
 * - Numbers are written with a decimal point, never a comma, so they stay
 *   machine-readable. Excel set to a Vietnamese locale expects ';' between
 *   fields: pass `delimiter: ';'` for such users, or give them the XLSX.
 *
 * XLSX: the same header block in the first rows, then the table with a frozen,
 * bold header row; numbers are numeric cells; text cells are stored as text,
 * which spreadsheets never evaluate, so no apostrophe is needed there.
 */
import writeXlsxFile, { type Cell, type Row } from 'write-excel-file/universal';
import { csvDocument, csvField, csvLine, type CsvDelimiter } from './csv.ts';
import { carriedYear, type BundleManifest } from '../model/bundle.ts';
import { describeFilterParts, type AtlasFilter, type FilterNames } from '../model/filters.ts';
import { EXPORT_WORDS, formatDate, t, tBoth, type Lang } from '../model/i18n.ts';
import { BUILTIN_PRIORITY_KINDS, kindDef, type PriorityKindDef } from '../model/priority.ts';
import { levelById, type RatingScale } from '../model/scale.ts';

/** One exported column: where its value comes from and its header in both languages. */
export interface ExportColumn {
  /** Key of the row object. */
  key: string;
  label: { vi: string; en: string };
  /** `number` cells are written as numbers (rounded to `digits` when given). */
  type: 'text' | 'number';
  digits?: number;
  /** Turns the raw value into what is written (e.g. a rating id into its label). */
  format?: (value: unknown, row: Readonly<Record<string, unknown>>) => string | number | null;
  /** Excel column width in characters. */
  width?: number;
}

/** What the header block says. */
export interface ExportMeta {
  lang: Lang;
  title: string;
  /** The active filter in words, one clause per line (see describeFilterParts). */
  filterLines: string[];
  /** Notes on what the figures are (e.g. that the year's ratings are area-weighted estimates), one per line. */
  notes?: string[];
  /** ISO date the data stands for. */
  dataDate: string;
  illustrative: boolean;
  source?: string;
  /** Protective marking written first and emphasised, e.g. "Tài liệu nội bộ" for data from a protected folder (see documentMarking). */
  marking?: string;
}

export interface CsvOptions {
  /** Field delimiter; ',' by default, ';' for Excel in locales with a decimal comma. */
  delimiter?: CsvDelimiter;
}

/**
 * The marking every document made from this data must carry ("Tài liệu nội bộ" /
 * "Internal document" for a protected folder), or undefined when none is due.
 * Takes a manifest or anything holding one (a loaded bundle), so the CSV/XLSX
 * writers and later PNG/PDF exports share one rule.
 */
export function documentMarking(source: Pick<BundleManifest, 'protected'> | { manifest: Pick<BundleManifest, 'protected'> } | undefined, lang: Lang): string | undefined {
  const manifest = source && 'manifest' in source ? source.manifest : source;
  return manifest?.protected ? t(lang, 'internalDocument') : undefined;
}

/** The header block as plain lines (without the CSV "# " prefix); the marking, when any, comes first. */
export function headerLines(meta: ExportMeta, rowCount: number): string[] {
  const w = (k: 'dataDate' | 'source' | 'rows') => EXPORT_WORDS[k][meta.lang];
  const lines = meta.marking ? [meta.marking, meta.title] : [meta.title];
  if (meta.illustrative) lines.push(t(meta.lang, 'illustrative'));
  lines.push(...meta.filterLines);
  lines.push(...(meta.notes ?? []));
  lines.push(`${w('dataDate')}: ${meta.dataDate}`);
  if (meta.source) lines.push(`${w('source')}: ${meta.source}`);
  lines.push(`${w('rows')}: ${rowCount}`);
  return lines;
}

/** The value of one cell, formatted and typed, before any file syntax. */
function cellValue(col: ExportColumn, row: Readonly<Record<string, unknown>>): string | number | null {
  const raw = row[col.key];
  const v = col.format ? col.format(raw, row) : raw;
  if (v === null || v === undefined) return null;
  if (col.type === 'number') {
    const n = typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : Number.NaN;
    if (!Number.isFinite(n)) return typeof v === 'string' ? v : null;
    return col.digits === undefined ? n : Math.round(n * 10 ** col.digits) / 10 ** col.digits;
  }
  return typeof v === 'string' ? v.normalize('NFC') : String(v);
}

/**
 * The rows as CSV text (BOM, CRLF, RFC 4180 quoting, header block first; see
 * the module comment for the layout). Encode with TextEncoder for a Blob.
 */
export function toCSV(
  rows: readonly Readonly<Record<string, unknown>>[],
  columns: readonly ExportColumn[],
  meta: ExportMeta,
  opts: CsvOptions = {},
): string {
  const d = opts.delimiter ?? ',';
  const lines: string[] = headerLines(meta, rows.length).map((l) => csvField(`# ${l}`, d));
  lines.push('');
  lines.push(csvLine(columns.map((c) => c.label[meta.lang]), d));
  for (const row of rows) lines.push(csvLine(columns.map((c) => cellValue(c, row)), d));
  return csvDocument(lines);
}

/**
 * The rows as an XLSX workbook (one sheet): header block, an empty row, then
 * the table with bold, frozen column headers. Numbers are numeric cells.
 */
export async function toXLSX(
  rows: readonly Readonly<Record<string, unknown>>[],
  columns: readonly ExportColumn[],
  meta: ExportMeta,
): Promise<Blob> {
  const data: Row[] = [];
  const lines = headerLines(meta, rows.length);
  const first = meta.marking ? 1 : 0;
  lines.forEach((line, i) => {
    const illustrative = meta.illustrative && i === first + 1;
    // The marking (red) and the title (black) in large bold type, the illustrative notice in red bold.
    const cell: Cell =
      i <= first
        ? { value: line, type: String, fontWeight: 'bold', fontSize: 14, ...(i < first ? { textColor: '#b30000' } : {}) }
        : illustrative
          ? { value: line, type: String, fontWeight: 'bold', textColor: '#b30000' }
          : { value: line, type: String };
    data.push([cell]);
  });
  data.push([null]);
  data.push(columns.map((c) => ({ value: c.label[meta.lang], type: String, fontWeight: 'bold', bottomBorderStyle: 'thin', wrap: true }) as Cell));
  for (const row of rows) {
    data.push(
      columns.map((c): Cell => {
        const v = cellValue(c, row);
        if (v === null) return null;
        if (typeof v === 'number') return c.digits ? { value: v, type: Number, format: `0.${'0'.repeat(c.digits)}` } : { value: v, type: Number };
        return { value: v, type: String };
      }),
    );
  }
  return writeXlsxFile(data, {
    sheet: EXPORT_WORDS.sheet[meta.lang],
    columns: columns.map((c) => ({ width: c.width ?? 14 })),
    // Freeze everything down to the column headers so they stay in view.
    stickyRowsCount: lines.length + 2,
  }).toBlob();
}

/**
 * Column spec of the worklist export (columns of src/db/worklist.ts), with
 * rating ids shown as the scale's labels and priority kinds as their names
 * (the data's kinds, from its manifest; the built-in five by default).
 */
export function worklistExportColumns(scale: RatingScale, lang: Lang, kinds: readonly PriorityKindDef[] = BUILTIN_PRIORITY_KINDS): ExportColumn[] {
  return [
    { key: 'code', label: tBoth('exportColCode'), type: 'text', width: 9 },
    { key: 'name', label: tBoth('exportColName'), type: 'text', width: 28 },
    { key: 'unit_type', label: tBoth('exportColUnitType'), type: 'text', width: 11 },
    { key: 'province_code', label: tBoth('exportColProvinceCode'), type: 'text', width: 8 },
    { key: 'province_name', label: tBoth('exportColProvinceName'), type: 'text', width: 22 },
    {
      key: 'rating',
      label: tBoth('exportColRating'),
      type: 'text',
      width: 12,
      format: (v) => (v == null ? null : (levelById(scale, String(v))?.label[lang] ?? String(v))),
    },
    { key: 'score', label: tBoth('exportColScore'), type: 'number', digits: 1, width: 8 },
    { key: 'weak_streak', label: tBoth('exportColWeakStreak'), type: 'number', width: 12 },
    {
      key: 'kinds',
      label: tBoth('exportColKinds'),
      type: 'text',
      width: 30,
      format: (v) =>
        String(v ?? '')
          .split(',')
          .filter((k) => k !== '')
          .map((k) => kindDef(kinds, k).label[lang])
          .join('; '),
    },
    { key: 'area_km2', label: tBoth('exportColArea'), type: 'number', digits: 2, width: 12 },
    {
      // Which of the row's figures were carried across the 2025 merger (src/db/merger.ts); blank when none.
      key: 'estimated',
      label: tBoth('estimateColumn'),
      type: 'text',
      width: 24,
      format: (v, row) =>
        [v === true ? t(lang, 'estimateRatingScore') : '', row.streak_estimated === true ? t(lang, 'estimateStreak') : '']
          .filter((x) => x !== '')
          .join(', ') || null,
    },
  ];
}

/** The header block of a worklist export, from the manifest and the active filter. */
export function worklistExportMeta(manifest: BundleManifest, filter: AtlasFilter, lang: Lang, names?: Omit<FilterNames, 'scale' | 'structures' | 'priorityKinds'>): ExportMeta {
  return {
    lang,
    title: t(lang, 'exportListTitle', { title: manifest.title[lang] }),
    filterLines: describeFilterParts(filter, lang, { ...names, scale: manifest.scale, structures: manifest.structures, priorityKinds: manifest.priorityKinds }),
    notes: carriedYear(manifest, filter.structure, filter.year) ? [t(lang, 'estimateYearNote', { year: filter.year })] : [],
    dataDate: formatDate(lang, manifest.dataDate),
    illustrative: manifest.illustrative,
    source: manifest.source[lang],
    marking: documentMarking(manifest, lang),
  };
}

/**
 * The structure's part of an exported file's name: none for the data's first
 * (current) structure, which is the only one of a lone set, so pre-2025 data
 * alone is never named "2025"; the other structure's id when a bundle has two.
 */
export function structureFilePart(manifest: { structures: readonly { id: string }[] }, structure: string): string {
  return manifest.structures.length > 1 && manifest.structures[0]?.id !== structure ? structure : '';
}

/** The worklist export's file name without extension: `danh-sach-xa-2024`, `danh-sach-xa-2024-pre2025`. */
export function listFileBase(lang: Lang, manifest: { structures: readonly { id: string }[] }, filter: Pick<AtlasFilter, 'structure' | 'year'>): string {
  return [EXPORT_WORDS.fileStem[lang], String(filter.year), structureFilePart(manifest, filter.structure)].filter((p) => p !== '').join('-');
}

/** Plain row objects from an Arrow table (e.g. a worklist), for the writers. */
export function tableRows(table: { numRows: number; get(i: number): { toJSON(): Record<string, unknown> } | null }): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < table.numRows; i++) out.push({ ...(table.get(i)?.toJSON() ?? {}) });
  return out;
}
