/**
 * The ratings template an IT officer sends to the communes: an Excel workbook
 * with Vietnamese headers, a drop-down list of the rating levels (an Excel data
 * validation), limits on the year and the score, a frozen header row and an
 * instructions sheet (in Vietnamese, then English; texts in src/model/i18n.ts);
 * and its CSV twin for those without Excel. Both import with no change (the
 * header names are the importer's own synonyms).
 *
 * write-excel-file has merged cells but no data validation, so a small
 * write-excel-file "feature" (its extension point for sheet XML) inserts the
 * `<dataValidations>` element where the OOXML schema puts it.
 */
import writeXlsxFile, { type Cell, type Feature, type Row } from 'write-excel-file/universal';
import { getCellAddress, getOrderOfSiblings, insertElementMarkupAccordingToOrderOfSiblings, sanitizeAttributeValue, sanitizeTextContent } from 'write-excel-file/utility';
import { fill, TEMPLATE_CHECKS, TEMPLATE_INSTRUCTIONS, type Lang } from '../model/i18n.ts';
import type { RatingScale } from '../model/scale.ts';
import { csvDocument, csvLine } from './csv.ts';
import { PROVINCES_2025, PROVINCES_PRE2025 } from '../model/provinces.ts';
import { readBoundaryFile } from './read/index.ts';
import { isDistrictCodeHeader, proposeMapping, type ColumnMapping } from './read/mapping.ts';
import type { ReportIssue } from './report.ts';
import { validateBoundaries } from './validate.ts';

/** A row to prefill: a commune (and its province) with the year to rate; the rating and score are left to fill. */
export interface TemplateRow {
  province_code?: string | null;
  province_name?: string | null;
  code: string;
  name: string;
  year: number;
  /** Only for tests and examples: a rating label already chosen. */
  rating?: string;
  score?: number;
}

/** Column headers of the template, in order. Each is a synonym the importer maps (src/io/read/mapping.ts). */
export const TEMPLATE_HEADERS = ['Mã tỉnh', 'Tên tỉnh', 'Mã xã', 'Tên xã', 'Năm', 'Xếp loại', 'Điểm', 'Ghi chú'] as const;
const COL = { rating: 5, year: 4, score: 6 } as const;

/** Rows the validations cover when the template is not prefilled. */
const EMPTY_ROWS = 5000;

/**
 * The instructions sheet's lines: every line of TEMPLATE_INSTRUCTIONS in
 * Vietnamese, then in English, the title of each block in bold and the rest
 * numbered; `levels` are the scale's labels as the cells take them.
 */
function instructionLines(levels: string[]): { text: string; bold: boolean }[] {
  const block = (lang: Lang) => {
    const [title, ...steps] = Object.values(TEMPLATE_INSTRUCTIONS).map((t) => fill(t[lang], { levels: levels.join(', ') }));
    return [{ text: title, bold: true }, { text: '', bold: false }, ...steps.map((text, i) => ({ text: `${i + 1}. ${text}`, bold: false }))];
  };
  return [...block('vi'), { text: '', bold: false }, ...block('en')];
}

/** A data validation's title or message in both languages, as Excel shows it in one box. */
function bothLanguages(key: keyof typeof TEMPLATE_CHECKS, params: Record<string, string> = {}): string {
  return `${fill(TEMPLATE_CHECKS[key].vi, params)} / ${fill(TEMPLATE_CHECKS[key].en, params)}`;
}

function validationsXml(lastRow: number, levels: string[]): string {
  const range = (col: number) => `${getCellAddress(1, col)}:${getCellAddress(lastRow - 1, col)}`;
  const attrs = (a: Record<string, string>) => Object.entries(a).map(([k, v]) => ` ${k}="${sanitizeAttributeValue(v)}"`).join('');
  // A list validation's formula is the list itself in quotes; Excel allows 255 characters.
  const list = `"${levels.join(',')}"`;
  const items = [
    `<dataValidation${attrs({ type: 'list', allowBlank: '1', showInputMessage: '1', showErrorMessage: '1', errorTitle: bothLanguages('ratingTitle'), error: bothLanguages('ratingError', { levels: levels.join(', ') }), promptTitle: bothLanguages('ratingTitle'), prompt: bothLanguages('ratingPrompt'), sqref: range(COL.rating) })}><formula1>${sanitizeTextContent(list)}</formula1></dataValidation>`,
    `<dataValidation${attrs({ type: 'whole', allowBlank: '1', showErrorMessage: '1', errorTitle: bothLanguages('yearTitle'), error: bothLanguages('yearError'), sqref: range(COL.year) })}><formula1>2000</formula1><formula2>2100</formula2></dataValidation>`,
    `<dataValidation${attrs({ type: 'decimal', allowBlank: '1', showErrorMessage: '1', errorTitle: bothLanguages('scoreTitle'), error: bothLanguages('scoreError'), sqref: range(COL.score) })}><formula1>0</formula1><formula2>100</formula2></dataValidation>`,
  ];
  return `<dataValidations count="${items.length}">${items.join('')}</dataValidations>`;
}

/** A write-excel-file feature adding the data validations to the first sheet. */
function dataValidations(lastRow: number, levels: string[]): Feature<Blob> {
  return {
    files: {
      transform: {
        'xl/worksheets/sheet{id}.xml': {
          transform: (xml, _options, { sheetIndex }) =>
            sheetIndex === 0 ? insertElementMarkupAccordingToOrderOfSiblings(xml, validationsXml(lastRow, levels), getOrderOfSiblings('xl/worksheets/sheet{id}.xml', 'worksheet') ?? [], 'worksheet') : xml,
        },
      },
    },
  };
}

const text = (value: string | null | undefined): Cell => (value ? { value, type: String } : null);

/** The template workbook as bytes (.xlsx). `rows` prefills communes; without them the sheet is blank below the header. */
export async function templateXlsx(scale: RatingScale, rows: TemplateRow[] = []): Promise<Uint8Array> {
  const levels = scale.levels.map((l) => l.label.vi);
  const header: Row = TEMPLATE_HEADERS.map((h) => ({ value: h, type: String, fontWeight: 'bold', backgroundColor: '#dde8f3', bottomBorderStyle: 'thin' }) as Cell);
  const data: Row[] = [
    header,
    ...rows.map((r): Row => [text(r.province_code), text(r.province_name), { value: r.code, type: String }, text(r.name), { value: r.year, type: Number }, text(r.rating), r.score === undefined ? null : { value: r.score, type: Number }, null]),
  ];
  // Validations reach well below the rows given, so rows added by hand are checked too.
  const lastRow = Math.max(rows.length, EMPTY_ROWS) + 1;
  const help: Row[] = instructionLines(levels).map((line) => [line.text ? ({ value: line.text, type: String, fontWeight: line.bold ? 'bold' : undefined } as Cell) : null]);
  const blob = await writeXlsxFile(
    [
      { data, sheet: 'Xếp loại', columns: [{ width: 9 }, { width: 22 }, { width: 10 }, { width: 28 }, { width: 8 }, { width: 14 }, { width: 8 }, { width: 24 }], stickyRowsCount: 1 },
      { data: help, sheet: 'Hướng dẫn', columns: [{ width: 120 }] },
    ],
    { features: [dataValidations(lastRow, levels)] },
  ).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}

/** The CSV twin: UTF-8 with BOM (Excel reads Vietnamese right), the same headers and prefilled rows. */
export function templateCsv(rows: TemplateRow[] = []): string {
  // Codes are written as text fields so the leading zeros survive; names are guarded against formulas by csvLine.
  const lines = [csvLine([...TEMPLATE_HEADERS]), ...rows.map((r) => csvLine([r.province_code, r.province_name, r.code, r.name, r.year, r.rating, r.score, '']))];
  return csvDocument(lines);
}

/**
 * Template rows for every commune of a boundary file, sorted by province and
 * code, for `year`: what `npm run template -- --boundaries F` prefills. The
 * province name comes from the file's province-name column, else the official
 * list of the structure the year belongs to.
 */
export function templateRowsFromBoundaries(
  file: { name: string; bytes: Uint8Array },
  options: { year: number; codeDigits?: number; crs?: string; map?: ColumnMapping },
): { rows: TemplateRow[]; issues: ReportIssue[] } {
  const set = readBoundaryFile(file.name, file.bytes);
  const fixed: ColumnMapping = Object.fromEntries(Object.entries(options.map ?? {}).filter(([, h]) => h && set.headers.includes(h)));
  const mapping = proposeMapping(set.headers, 'boundaries', fixed);
  // A district file's codes keep the GSO list's 3 digits, as the pack keeps them.
  const v = validateBoundaries(set, mapping, { codeDigits: options.codeDigits ?? (isDistrictCodeHeader(mapping.code) ? 3 : 5), crs: options.crs });
  const official = new Map((options.year >= 2025 ? PROVINCES_2025 : PROVINCES_PRE2025).map((p) => [p.code, p.name]));
  const rows = v.units
    .map((u) => ({ province_code: u.province_code, province_name: u.province_name ?? (u.province_code ? (official.get(u.province_code) ?? null) : null), code: u.code, name: u.name, year: options.year }))
    .sort((a, b) => (a.province_code ?? '').localeCompare(b.province_code ?? '') || a.code.localeCompare(b.code));
  return { rows, issues: v.issues };
}
