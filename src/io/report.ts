/**
 * The validation report of an import: which input rows were loaded, which were
 * rejected and why, in both languages. Reason ids are stable (tests, the UI and
 * the CSV export key on them); messages are for people and may be reworded.
 *
 * Row numbers are what the user sees in the source program: the 1-based line of
 * a CSV file (the header is line 1), the sheet row of an XLSX file, the 1-based
 * record of a Parquet file, the 1-based feature of a GeoJSON/TopoJSON object or
 * the 1-based record of a Shapefile. `null` means the issue concerns the whole file.
 */
import { csvDocument, csvLine } from './csv.ts';

/** Stable ids of everything the importer can report. */
export const REASONS = {
  // whole import
  'missing-input': { vi: 'Thiếu tệp ranh giới hoặc tệp xếp loại.', en: 'A boundaries file or a ratings file is missing.' },
  // whole file
  'file-empty-bytes': { vi: 'Tệp rỗng (0 byte).', en: 'The file is empty (0 bytes).' },
  'file-empty': { vi: 'Tệp không có dòng dữ liệu nào.', en: 'The file has no data rows.' },
  'file-truncated': { vi: 'Tệp bị cắt cụt hoặc hỏng, không đọc được.', en: 'The file is truncated or corrupt and cannot be read.' },
  'file-format': { vi: 'Không nhận ra định dạng tệp.', en: 'The file format is not recognised.' },
  'wrong-delimiter': { vi: 'Dấu phân cách cột không đúng: chỉ hỗ trợ dấu phẩy, chấm phẩy và tab.', en: 'Wrong column delimiter: only comma, semicolon and tab are supported.' },
  'missing-column': { vi: 'Thiếu cột bắt buộc.', en: 'A required column is missing.' },
  'encoding-legacy': { vi: 'Tệp không phải UTF-8: đã đọc theo bảng mã Windows-1258 (tiếng Việt). Hãy kiểm tra tên đơn vị.', en: 'The file is not UTF-8: it was decoded as Windows-1258 (Vietnamese). Check the names.' },
  'encoding-utf16': { vi: 'Tệp mã hoá UTF-16: đã chuyển đổi.', en: 'The file is UTF-16 encoded: converted.' },
  'encoding-invalid': { vi: 'Không xác định được bảng mã của tệp.', en: 'The file encoding cannot be determined.' },
  'crs-unknown': { vi: 'Toạ độ không phải kinh độ/vĩ độ và không rõ hệ toạ độ: cần tệp .prj hoặc chọn hệ toạ độ (VN-2000, UTM).', en: 'Coordinates are not longitude/latitude and the coordinate system is unknown: supply a .prj file or choose the CRS (VN-2000, UTM).' },
  'crs-reprojected': { vi: 'Đã chuyển toạ độ sang WGS84 (kinh độ/vĩ độ).', en: 'Coordinates were reprojected to WGS84 longitude/latitude.' },
  'crs-outside': { vi: 'Sau khi chuyển đổi, toạ độ nằm ngoài Việt Nam: hệ toạ độ có thể sai.', en: 'After reprojection the coordinates fall outside Vietnam: the CRS may be wrong.' },
  'shapefile-part-missing': { vi: 'Tệp nén Shapefile thiếu thành phần.', en: 'The zipped Shapefile lacks a component.' },
  'column-ignored': { vi: 'Cột không dùng đến, đã bỏ qua.', en: 'Unused column, ignored.' },
  // rows
  'line-too-long': { vi: 'Dòng quá dài, đã bỏ.', en: 'The line is too long and was skipped.' },
  'row-truncated': { vi: 'Dòng bị cắt cụt (ngoặc kép không đóng).', en: 'The row is truncated (unclosed quote).' },
  'column-count': { vi: 'Số ô trong dòng khác số cột của tiêu đề.', en: 'The row has a different number of cells than the header.' },
  'missing-code': { vi: 'Thiếu mã đơn vị.', en: 'The unit code is missing.' },
  'bad-code': { vi: 'Mã đơn vị không hợp lệ.', en: 'The unit code is malformed.' },
  'unknown-code': { vi: 'Mã đơn vị không có trong ranh giới.', en: 'The unit code is not in the boundaries.' },
  'duplicate-key': { vi: 'Trùng mã và năm với một dòng trước.', en: 'Same code and year as an earlier row.' },
  'duplicate-code': { vi: 'Trùng mã đơn vị với một đối tượng trước.', en: 'Same unit code as an earlier feature.' },
  'missing-year': { vi: 'Thiếu năm.', en: 'The year is missing.' },
  'bad-year': { vi: 'Năm không hợp lệ.', en: 'The year is not valid.' },
  'missing-rating': { vi: 'Thiếu xếp loại.', en: 'The rating is missing.' },
  'rating-off-scale': { vi: 'Xếp loại không thuộc thang đánh giá.', en: 'The rating is not on the scale.' },
  'bad-number': { vi: 'Giá trị không phải số hợp lệ.', en: 'The value is not a valid number.' },
  'bad-value': { vi: 'Giá trị không hợp lệ.', en: 'The value is not valid.' },
  'geometry-empty': { vi: 'Đối tượng không có hình học.', en: 'The feature has no geometry.' },
  'geometry-type': { vi: 'Hình học không phải vùng (Polygon/MultiPolygon).', en: 'The geometry is not a polygon.' },
  'geometry-invalid': { vi: 'Hình học không hợp lệ (vòng thiếu điểm hoặc toạ độ lỗi).', en: 'Invalid geometry (ring with too few points or bad coordinates).' },
  'ring-unclosed': { vi: 'Vòng ranh giới không khép kín: đã khép lại.', en: 'A boundary ring was not closed: it was closed.' },
  'self-intersection': { vi: 'Ranh giới tự cắt.', en: 'The boundary intersects itself.' },
  'flags-partial': { vi: 'Một phần mép ngoài của dữ liệu nằm trong nội địa (đơn vị chưa nạp, hoặc thiếu trong tệp): phần đó không tính là biên giới hay bờ biển.', en: 'Part of the outer edge of the data runs inside the country (units not loaded, or missing from the file): it counts as neither border nor coast.' },
  'flags-no-neighbours': { vi: 'Không có ranh giới nước láng giềng: không tính cờ biên giới và ven biển.', en: 'No neighbour country boundaries: border and coastal flags not computed.' },
  'flags-no-outline': { vi: 'Không có đường bao lãnh thổ tham chiếu: cờ biên giới, ven biển kém tin cậy ở mép vùng dữ liệu.', en: 'No reference outline of the country: border and coastal flags are less reliable at the edge of the data.' },
  'flag-contradicted': { vi: 'Cờ tính từ ranh giới trái với danh sách khai báo.', en: 'A flag computed from the boundaries is contradicted by a declared list.' },
  'units-without-ratings': { vi: 'Đơn vị có ranh giới nhưng không có xếp loại.', en: 'Units with boundaries but no rating.' },
  // two structures (before and after a reorganisation) and the crosswalk between them
  'code-other-structure': { vi: 'Mã đơn vị chỉ có trong cơ cấu hành chính khác với cơ cấu của năm này: dòng bị loại, không tự chuyển sang cơ cấu kia.', en: 'The unit code exists only in another administrative structure than the one this year sits on: the row is rejected, not moved to that structure.' },
  'year-in-two-structures': { vi: 'Năm này đã có xếp loại trên cơ cấu hành chính kia (nhiều dòng hơn): mỗi năm chỉ nằm trên một cơ cấu, dòng bị loại.', en: 'This year already has ratings on the other administrative structure (more rows): a year sits on one structure only, the row is rejected.' },
  'year-shrinks': { vi: 'Năm được thay thế có ít dòng hơn hẳn trước đây: tệp mới thay cả năm, không chỉ các dòng có trong tệp.', en: 'The replaced year has far fewer rows than before: the new file replaces the whole year, not only its own rows.' },
  'year-structure-order': { vi: 'Năm này nằm trên cơ cấu cũ nhưng sau một năm đã dùng cơ cấu mới (hoặc ngược lại): bị loại.', en: 'This year sits on the older structure after a year that uses the newer one (or the reverse): rejected.' },
  'structure-without-ratings': { vi: 'Có ranh giới của cơ cấu này nhưng không năm nào có xếp loại trên mã của nó: bỏ cơ cấu này.', en: 'This structure has boundaries but no year has ratings on its codes: the structure is left out.' },
  'crosswalk-missing': { vi: 'Có hai cơ cấu hành chính nhưng không có bảng chuyển đổi mã cũ → mã mới: lịch sử không nối được qua đợt sắp xếp.', en: 'Two administrative structures but no crosswalk (old code → new code): the history cannot cross the reorganisation.' },
  'crosswalk-share-sum': { vi: 'Tổng tỷ lệ của một mã cũ khác 1 (quá ±0,01).', en: 'The shares of one old code do not add up to 1 (±0.01).' },
  'crosswalk-old-missing': { vi: 'Xã cũ không có trong bảng chuyển đổi.', en: 'Old communes missing from the crosswalk.' },
  'crosswalk-new-without-old': { vi: 'Xã mới không có xã cũ nào chuyển vào.', en: 'New communes with no predecessor in the crosswalk.' },
  'crosswalk-sliver': { vi: 'Phần chồng lấn nhỏ hơn ngưỡng (mảnh vụn do ranh giới lệch nhau): đã bỏ.', en: 'Overlap below the threshold (a sliver from boundaries that do not line up): dropped.' },
  'crosswalk-gap': { vi: 'Một phần diện tích xã cũ không nằm trong xã mới nào.', en: 'Part of the old commune lies in no new commune.' },
  'crosswalk-no-overlap': { vi: 'Xã cũ không chồng lấn xã mới nào.', en: 'The old commune overlaps no new commune.' },
} as const satisfies Record<string, { vi: string; en: string }>;

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
  /** Specifics (the offending value, the first row of a duplicate, what was repaired). Untrusted text. */
  detail?: string;
}

/** What an input file was used for. */
export type FileRole = 'boundaries' | 'ratings' | 'priority' | 'zones' | 'crosswalk';

/** Per-file counts. Invariant: `loaded + rejected === total`. */
export interface FileSummary {
  file: string;
  role: FileRole;
  /** `csv`, `xlsx`, `parquet`, `geojson`, `topojson`, `shapefile`. */
  format: string;
  /** Text encoding found (CSV and DBF), e.g. `utf-8`, `utf-16le`, `windows-1258`. */
  encoding?: string;
  /** CSV delimiter found. */
  delimiter?: string;
  /** For boundaries: the structure they were read as (`2025`, or `pre2025` for --boundaries-before). */
  structure?: string;
  /** Data rows (tables) or features (boundaries) found. */
  total: number;
  loaded: number;
  rejected: number;
}

/** The report of one import. */
export interface ValidationReport {
  files: FileSummary[];
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

/** The message of an issue in one language, with its detail appended. */
export function issueMessage(issue: ReportIssue, lang: 'vi' | 'en'): string {
  const base = REASONS[issue.reason][lang];
  return issue.detail ? `${base} (${issue.detail})` : base;
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

function where(issue: ReportIssue, lang: 'vi' | 'en'): string {
  const parts = [issue.file];
  if (issue.row !== null) parts.push(`${lang === 'vi' ? 'dòng' : 'row'} ${issue.row}`);
  if (issue.column !== null) parts.push(`${lang === 'vi' ? 'cột' : 'column'} "${issue.column}"`);
  return parts.join(', ');
}

/**
 * Plain-text rendering for the CLI and for a copyable box in the UI: per-file
 * counts, then the first `maxIssues` issues, each in Vietnamese then English.
 */
export function renderReport(report: ValidationReport, maxIssues = 50): string {
  const lines: string[] = [];
  // Structure ids only matter with two structures: with one, `2025` next to years 2011–2024 would mislead.
  const two = new Set([...report.files.map((f) => f.structure), ...(report.structures ?? []).map((s) => s.id)].filter(Boolean)).size > 1;
  for (const f of report.files) {
    const extra = [two && f.structure ? `structure ${f.structure}` : undefined, f.format, f.encoding, f.delimiter ? `delimiter ${JSON.stringify(f.delimiter)}` : undefined].filter(Boolean).join(', ');
    lines.push(`${f.file} [${f.role}; ${extra}]: ${f.loaded}/${f.total} nạp / loaded, ${f.rejected} loại / rejected`);
  }
  lines.push(`Đơn vị không có xếp loại / units without ratings: ${report.unitsWithoutRatings}`);
  lines.push(`Xếp loại không có đơn vị / ratings without units: ${report.ratingsWithoutUnits}`);
  (report.structures ?? []).forEach((s, i) => {
    const name = !two ? 'Đơn vị / units' : i === 0 ? `Cơ cấu hiện hành / current structure (${s.id})` : `Cơ cấu cũ / former structure (${s.id})`;
    lines.push(`${name}: ${s.communes} xã / communes; năm / years ${yearSpans(s.years) || '—'}`);
  });
  const shown = report.issues.slice(0, maxIssues);
  for (const i of shown) {
    lines.push(`[${i.severity}] ${i.reason} — ${where(i, 'vi')}: ${issueMessage(i, 'vi')}`);
    lines.push(`    ${issueMessage(i, 'en')}`);
  }
  if (report.issues.length > shown.length) lines.push(`… ${report.issues.length - shown.length} more issues / còn ${report.issues.length - shown.length} vấn đề (see the CSV report)`);
  lines.push(report.usable ? 'Kết quả: dùng được / Result: usable' : 'Kết quả: không dùng được, giữ dữ liệu cũ / Result: not usable, previous data kept');
  return lines.join('\n');
}

/**
 * The issues as CSV with a UTF-8 BOM (Excel otherwise mangles Vietnamese):
 * columns file, row, column, reason id, message vi, message en, then severity.
 */
export function reportToCsv(report: ValidationReport): string {
  const lines = [csvLine(['file', 'row', 'column', 'reason', 'message_vi', 'message_en', 'severity'])];
  for (const i of report.issues) lines.push(csvLine([i.file, i.row, i.column, i.reason, issueMessage(i, 'vi'), issueMessage(i, 'en'), i.severity]));
  return csvDocument(lines);
}
