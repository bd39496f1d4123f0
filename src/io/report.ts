/**
 * The validation report of an import: which input rows were loaded, which were
 * rejected and why, in either language. Reason ids are stable (tests, the UI and
 * the CSV export key on them); messages are for people and may be reworded.
 *
 * A message is a template in each language whose `{placeholders}` are filled
 * from the issue's `params`: numbers, row numbers, codes, file and column names,
 * and a few ids that are translated here (a role, a list of fields, the kind of
 * rows skipped). `detail` is a value copied from the file (untrusted, shown as
 * it is). So a Vietnamese message never carries English words and vice versa.
 *
 * Row numbers are what the user sees in the source program: the 1-based line of
 * a CSV file, the sheet row of an XLSX file (title rows above the header count),
 * the 1-based record of a Parquet file, the 1-based feature of a GeoJSON/TopoJSON
 * object or the 1-based record of a Shapefile. `null` means the whole file.
 */
import { FIELD_LABELS, FILE_ROLE_NAMES, fill, REPORT_REASONS, REPORT_STRUCTURE_NAMES, REPORT_WORDS, SKIPPED_ROW_KINDS, type Lang } from '../model/i18n.ts';
import { csvDocument, csvLine } from './csv.ts';
import { crsLabelIn } from './read/crs.ts';
import type { FieldId } from './read/mapping.ts';

/** Stable ids of everything the importer can report, with their messages (the texts live in src/model/i18n.ts). */
export const REASONS = REPORT_REASONS;

export type ReasonId = keyof typeof REASONS;

/** `error` rejects a row (or the whole file when `row` is null); `warning` and `info` do not. */
export type Severity = 'error' | 'warning' | 'info';

/** One finding. */
export interface ReportIssue {
  file: string;
  /** 1-based row/feature number as the user sees it; null for the whole file. */
  row: number | null;
  /** Header of the column concerned, as written in the file; null when not about one column. */
  column: string | null;
  reason: ReasonId;
  severity: Severity;
  /** Values for the message's placeholders (numbers, codes, names from the file, a few translated ids). */
  params?: Record<string, string | number>;
  /** The offending value as found in the file (untrusted text), shown after the message. */
  detail?: string;
}

/** What an input file was used for. */
export type FileRole = 'boundaries' | 'ratings' | 'priority' | 'zones' | 'crosswalk' | 'provinces';

/** Per-file counts. Invariant: `loaded + rejected === total`. */
export interface FileSummary {
  file: string;
  role: FileRole;
  /** `csv`, `xlsx`, `parquet`, `geojson`, `topojson`, `shapefile`. */
  format: string;
  /** Text encoding found (CSV and DBF), e.g. `utf-8`, `utf-16le`, `windows-1258`, `tcvn3`. */
  encoding?: string;
  /** CSV delimiter found. */
  delimiter?: string;
  /** For boundaries: the structure they were read as (`2025`, or `pre2025` for --boundaries-before). */
  structure?: string;
  /** Sheet read (XLSX). */
  sheet?: string;
  /** Data rows (tables) or features (boundaries) found. */
  total: number;
  loaded: number;
  rejected: number;
}

/** The report of one import. */
export interface ValidationReport {
  files: FileSummary[];
  /** File-level findings first, by importance, then row issues (see `orderIssues`). */
  issues: ReportIssue[];
  /** Units with boundaries but no rating in any year. */
  unitsWithoutRatings: number;
  /** Rating rows whose code is not among the boundaries (also listed as `unknown-code` issues). */
  ratingsWithoutUnits: number;
  /** True when boundaries and at least one rating were loaded: the data can replace the current data. */
  usable: boolean;
  /** The structures packed, with the years each one holds (years are placed by the codes of their rows). */
  structures?: { id: string; years: number[]; communes: number }[];
}

// ---- translated parameters ------------------------------------------------------------

/** Kinds of rows a report-style sheet has around its data. */
export type SkipKind = keyof typeof SKIPPED_ROW_KINDS;
/** Params whose values are row numbers, years or codes: printed as they are, without digit grouping. */
const PLAIN_NUMBERS = new Set(['row', 'first', 'year', 'digits', 'x', 'y']);

function localise(key: string, value: string | number, lang: Lang): string {
  if (typeof value === 'number') {
    return PLAIN_NUMBERS.has(key) ? String(value) : value.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB');
  }
  if (key === 'role') return FILE_ROLE_NAMES[value as FileRole]?.[lang] ?? value;
  if (key === 'fields') return value.split(',').map((f) => FIELD_LABELS[f.trim() as FieldId]?.[lang] ?? f).join(', ');
  if (key === 'field') return value;
  if (key === 'kind') return SKIPPED_ROW_KINDS[value as SkipKind]?.[lang] ?? value;
  if (key === 'structure') return REPORT_STRUCTURE_NAMES[value]?.[lang] ?? value;
  if (key === 'crs' || key === 'assumed') return crsLabelIn(value, lang);
  if (key === 'sheet' && value !== '') return value;
  return value;
}

/** Years as spans: 2011–2014, 2016, 2018–2019. */
export function yearSpans(years: readonly number[]): string {
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    out.push(j > i ? `${sorted[i]}–${sorted[j]}` : String(sorted[i]));
    i = j;
  }
  return out.join(', ');
}

/** The message of an issue in one language: its template filled in, then the value from the file. */
export function issueMessage(issue: ReportIssue, lang: Lang): string {
  const params: Record<string, string | number> = { ...issue.params };
  if (issue.reason === 'header-found') params.sheetText = params.sheet ? fill(REPORT_WORDS.ofSheet[lang], { sheet: params.sheet }) : '';
  if (issue.reason === 'year-from-title') params.rowText = params.titleRow ? fill(REPORT_WORDS.atRow[lang], { row: params.titleRow }) : '';
  // A param may come in both languages (`levels_vi`, `levels_en`) when its words are data, like a scale's labels.
  const local: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params)) local[k] = localise(k, v, lang);
  for (const [k, v] of Object.entries(params)) if (k.endsWith(`_${lang}`)) local[k.slice(0, -lang.length - 1)] = v;
  // fill() also says one or many ("1 row was", "6,642 rows were").
  const text = fill(REASONS[issue.reason][lang], local);
  return issue.detail !== undefined && issue.detail !== '' ? `${text} (${issue.detail})` : text;
}

// ---- order ----------------------------------------------------------------------------

/**
 * Importance of a file-level finding, lowest first: what makes a file unusable,
 * then a province missing, axes swapped, a wrong or assumed coordinate system,
 * text converted, then the counts-related notes and how a sheet was read.
 */
const RANK: Partial<Record<ReasonId, number>> = {
  'provinces-missing': 1,
  'axes-swapped': 2, 'axes-swapped-read': 2,
  'crs-unknown': 3, 'crs-unknown-metres': 3, 'crs-outside': 3, 'datum-assumed': 3, 'crs-choice-unknown': 3, 'prj-unreadable': 3, 'prj-missing': 3, 'datum-shift-official': 3, 'crs-overridden': 3, 'crs-reprojected': 3,
  'encoding-converted': 4, 'encoding-legacy': 4, 'encoding-utf16': 4,
  'rows-not-checked': 5, 'rows-not-checked-units': 5, 'units-without-ratings': 5, 'flags-partial': 5, 'flags-no-neighbours': 5,
  'header-found': 6, 'header-not-found': 6, 'layout-wide': 6, 'year-from-title': 6, 'wide-cells-empty': 6, 'rows-skipped': 6, 'column-ignored': 7,
};
const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Rank of an issue for sorting: file-level errors that are not ranked above come first (0). */
function rankOf(i: ReportIssue): number {
  return RANK[i.reason] ?? (i.severity === 'error' ? 0 : 6);
}

/**
 * The order a report is read in: file-level findings first, by importance then
 * severity; then the row issues, in file order and row order as they came.
 */
export function orderIssues(issues: ReportIssue[]): ReportIssue[] {
  const fileLevel = issues.filter((i) => i.row === null);
  const rows = issues.filter((i) => i.row !== null);
  const indexed = fileLevel.map((i, k) => ({ i, k }));
  indexed.sort((a, b) => rankOf(a.i) - rankOf(b.i) || SEVERITY_ORDER[a.i.severity] - SEVERITY_ORDER[b.i.severity] || a.k - b.k);
  return [...indexed.map((x) => x.i), ...rows];
}

// ---- renderings ------------------------------------------------------------------------

/** The words of a rendered report in one language. */
function words(lang: Lang): { [K in keyof typeof REPORT_WORDS]: string } {
  return Object.fromEntries(Object.entries(REPORT_WORDS).map(([k, v]) => [k, v[lang]])) as { [K in keyof typeof REPORT_WORDS]: string };
}

/** A file's line of the counts: name, role, format and how it was read, then its rows. */
function fileLine(f: FileSummary, lang: Lang): string {
  const w = words(lang);
  const n = (x: number) => x.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB');
  const details = [f.format, f.sheet ? fill(w.fileSheet, { sheet: f.sheet }) : '', f.encoding, f.delimiter ? fill(w.fileDelimiter, { delimiter: JSON.stringify(f.delimiter) }) : ''].filter(Boolean).join(', ');
  return fill(w.file, { file: f.file, role: FILE_ROLE_NAMES[f.role][lang], details, total: n(f.total), loaded: n(f.loaded), rejected: n(f.rejected) });
}

/** Where an issue is, in one language: file, row, column. */
export function issueWhere(issue: ReportIssue, lang: Lang): string {
  const w = words(lang);
  const parts = issue.file ? [issue.file] : [];
  if (issue.row !== null) parts.push(`${w.row} ${issue.row}`);
  if (issue.column !== null) parts.push(`${w.column} “${issue.column}”`);
  return parts.join(', ');
}

/**
 * Plain-text rendering for the CLI, in one language: the result, the
 * file-level findings by importance, the counts, then the first `maxIssues`
 * row issues. `ratings: false` leaves out the counts' line of units without
 * ratings and ratings without units, for a report that reads no ratings (the
 * crosswalk's).
 */
export function renderReport(report: ValidationReport, options: { lang?: Lang; maxIssues?: number; ratings?: boolean } = {}): string {
  const lang = options.lang ?? 'vi';
  const max = options.maxIssues ?? 50;
  const w = words(lang);
  const n = (x: number) => x.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB');
  const ordered = orderIssues(report.issues);
  const findings = ordered.filter((i) => i.row === null);
  const rows = ordered.filter((i) => i.row !== null);
  const line = (i: ReportIssue) => {
    const where = issueWhere(i, lang);
    return `  [${w[i.severity]}] ${where ? `${where}: ` : ''}${issueMessage(i, lang)}`;
  };
  const out = [`${w.title} — ${report.usable ? w.usable : w.unusable}`, '', w.findings];
  out.push(...(findings.length ? findings.map(line) : [`  ${w.none}`]));
  out.push('', w.counts, ...report.files.map((f) => `  ${fileLine(f, lang)}`));
  if (options.ratings !== false) out.push(`  ${fill(w.orphans, { units: n(report.unitsWithoutRatings), ratings: n(report.ratingsWithoutUnits) })}`);
  // Structures are named only when there are two: with one, "2025" next to years 2011–2024 would mislead.
  const structures = report.structures ?? [];
  structures.forEach((st, i) => {
    const name = structures.length < 2 ? w.units : i === 0 ? w.current : w.former;
    out.push(`  ${name}: ${n(st.communes)} ${w.communes}; ${w.years} ${yearSpans(st.years) || '—'}`);
  });
  if (rows.length) {
    const shown = rows.slice(0, max);
    out.push('', shown.length < rows.length ? fill(w.rowsFirst, { shown: shown.length, total: rows.length }) : w.rowsAll, ...shown.map(line));
  }
  return out.join('\n');
}

/**
 * The issues as CSV with a UTF-8 BOM (Excel otherwise mangles Vietnamese), in
 * report order: columns file, row, column, reason id, message vi, message en,
 * then severity.
 */
export function reportToCsv(report: ValidationReport): string {
  const lines = [csvLine(['file', 'row', 'column', 'reason', 'message_vi', 'message_en', 'severity'])];
  for (const i of orderIssues(report.issues)) lines.push(csvLine([i.file, i.row, i.column, i.reason, issueMessage(i, 'vi'), issueMessage(i, 'en'), i.severity]));
  return csvDocument(lines);
}

/** "3–5, 9, 12–14": sorted row numbers as ranges (capped), for skipped-row notes. */
export function rowRanges(rows: number[], cap = 12): string {
  const sorted = [...new Set(rows)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  return parts.length > cap ? `${parts.slice(0, cap).join(', ')}, …` : parts.join(', ');
}
