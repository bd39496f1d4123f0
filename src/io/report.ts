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
import type { Lang } from '../model/i18n.ts';
import { csvDocument, csvLine } from './csv.ts';
import { crsLabelIn } from './read/crs.ts';
import { FIELD_LABELS, type FieldId } from './read/mapping.ts';

type Texts = { vi: string; en: string };

/** Stable ids of everything the importer can report, with their messages. */
export const REASONS = {
  // ---- the whole import
  'missing-input': { vi: 'Thiếu tệp {role}.', en: 'The {role} file is missing.' },
  'rows-not-checked': { vi: '{count} dòng không được kiểm tra vì lỗi của cả tệp nêu trên; cả {count} dòng bị loại.', en: '{count} rows were not checked because of the file-level error above; all {count} are rejected.' },
  'rows-not-checked-units': { vi: '{count} dòng không được đối chiếu mã vì chưa nạp được đơn vị nào từ tệp ranh giới (xem lỗi của tệp ranh giới); cả {count} dòng bị loại.', en: '{count} rows were not matched against unit codes because no unit could be loaded from the boundaries (see the boundaries file\'s error); all {count} are rejected.' },
  'provinces-missing': { vi: 'Ranh giới thiếu {count} tỉnh, thành phố của danh mục {structure}: {names}. Xếp loại của các xã ở đó bị loại (không có ranh giới để đối chiếu), và cờ biên giới, ven biển tính từ ranh giới có thể sai ở các xã giáp chỗ thiếu.', en: 'The boundaries lack {count} of the {structure} provinces: {names}. Ratings of communes there are rejected (no boundary to match), and computed border and coastal flags may be wrong for communes next to the gap.' },
  'units-without-ratings': { vi: '{count} đơn vị có ranh giới nhưng không có xếp loại.', en: '{count} units have boundaries but no rating.' },
  'flags-partial': { vi: 'Một phần mép ngoài của dữ liệu nằm trong nội địa (đơn vị chưa nạp, hoặc thiếu trong tệp): phần đó không tính là biên giới hay bờ biển.', en: 'Part of the outer edge of the data runs inside the country (units not loaded, or missing from the file): it counts as neither border nor coast.' },
  'flags-no-neighbours': { vi: 'Không có ranh giới nước láng giềng: không tính cờ biên giới và ven biển.', en: 'No neighbour country boundaries: border and coastal flags not computed.' },
  // ---- a whole file
  'file-empty-bytes': { vi: 'Tệp rỗng (0 byte).', en: 'The file is empty (0 bytes).' },
  'file-empty': { vi: 'Tệp không có dòng dữ liệu nào.', en: 'The file has no data rows.' },
  'file-truncated': { vi: 'Tệp bị cắt cụt hoặc hỏng, không đọc được.', en: 'The file is truncated or corrupt and cannot be read.' },
  'file-format': { vi: 'Không nhận ra định dạng tệp.', en: 'The file format is not recognised.' },
  'file-not-xlsx': { vi: 'Tệp không phải bảng tính Excel .xlsx (có thể là tệp .xls cũ hoặc CSV đổi tên): hãy mở bằng Excel và lưu lại dạng .xlsx.', en: 'The file is not an Excel .xlsx workbook (perhaps an old .xls or a renamed CSV): open it in Excel and save it as .xlsx.' },
  'wrong-delimiter': { vi: 'Dấu phân cách cột không đúng ({found}): chỉ hỗ trợ dấu phẩy, chấm phẩy và tab.', en: 'Wrong column delimiter ({found}): only comma, semicolon and tab are supported.' },
  'missing-column': { vi: 'Thiếu cột bắt buộc: {fields}. Các cột có trong tệp: {present}.', en: 'Required column missing: {fields}. Columns in the file: {present}.' },
  'missing-column-closest': { vi: 'Thiếu cột bắt buộc: {fields}. Các cột có trong tệp: {present}. Cột gần giống nhất: “{closest}” (chọn nó trong bước ghép cột, hoặc --map {field}="{closest}").', en: 'Required column missing: {fields}. Columns in the file: {present}. Closest match: “{closest}” (pick it in the column mapping, or --map {field}="{closest}").' },
  'column-ignored': { vi: 'Cột không dùng đến, đã bỏ qua.', en: 'Unused column, ignored.' },
  'encoding-legacy': { vi: 'Tệp không phải UTF-8: đã đọc theo bảng mã {encoding} (tiếng Việt). Hãy kiểm tra tên đơn vị.', en: 'The file is not UTF-8: it was decoded as {encoding} (Vietnamese). Check the names.' },
  'encoding-converted': { vi: 'Đã chuyển từ mã {from} sang Unicode ({count} ô chữ). Hãy kiểm tra tên đơn vị; chữ hoa có dấu gõ bằng phông chữ hoa TCVN3 sẽ thành chữ thường.', en: 'Converted from {from} to Unicode ({count} text cells). Check the names; capitals with tone marks typed in a TCVN3 capitals font come out in lower case.' },
  'encoding-utf16': { vi: 'Tệp mã hoá {encoding}: đã chuyển đổi.', en: 'The file is {encoding} encoded: converted.' },
  'encoding-invalid': { vi: 'Không xác định được bảng mã của tệp: có vẻ không phải tệp văn bản.', en: 'The file encoding cannot be determined: it does not look like a text file.' },
  'sheet-missing': { vi: 'Không có trang tính “{sheet}”. Các trang tính: {sheets}.', en: 'There is no sheet “{sheet}”. Sheets: {sheets}.' },
  'header-found': { vi: 'Dòng tiêu đề cột: dòng {rows}{sheetText}.', en: 'Column header: row {rows}{sheetText}.' },
  'header-not-found': { vi: 'Không nhận ra dòng tiêu đề cột: đã dùng dòng {row} (dòng có nhiều chữ nhất ở đầu bảng). Có thể chọn dòng tiêu đề khác trong hộp thoại nạp dữ liệu hoặc bằng --header-row.', en: 'No column header recognised: row {row} (the row with the most text at the top) was used. Another header row can be chosen in the import dialog or with --header-row.' },
  'header-row-empty': { vi: 'Dòng tiêu đề cột đã chọn (dòng {row}) trống hoặc nằm ngoài bảng.', en: 'The chosen header row ({row}) is empty or outside the sheet.' },
  'layout-wide': { vi: 'Bảng dạng ngang: mỗi năm một cột xếp loại ({years}); mỗi ô có xếp loại được đọc thành một dòng (xã, năm).', en: 'Wide table: one rating column per year ({years}); every rating cell is read as one (commune, year) row.' },
  'wide-cells-empty': { vi: 'Bỏ qua {count} ô xếp loại để trống (xã chưa được xếp loại năm đó).', en: 'Skipped {count} empty rating cells (commune not rated that year).' },
  'rows-skipped': { vi: 'Đã bỏ qua {count} dòng {kind}: dòng {rows}.', en: 'Skipped {count} {kind} rows: {rows}.' },
  'shapefile-part-missing': { vi: 'Tệp nén Shapefile thiếu tệp {part}: cần đủ .shp, .dbf (và .prj, .cpg) trong cùng một tệp .zip.', en: 'The zipped Shapefile lacks its {part} file: put the .shp, .dbf (and .prj, .cpg) together in one .zip.' },
  'shapefile-not-zipped': { vi: 'Shapefile phải được nén chung thành một tệp .zip (.shp, .dbf, .prj, .cpg).', en: 'A Shapefile must come as one .zip holding its .shp, .dbf, .prj and .cpg.' },
  'record-missing': { vi: 'Bản ghi không có phần tương ứng trong tệp {part} (tệp bị cắt cụt).', en: 'The record has no counterpart in the {part} file (the file is truncated).' },
  'topo-object-missing': { vi: 'TopoJSON không có đối tượng “{object}”.', en: 'The TopoJSON has no object “{object}”.' },
  // ---- coordinate systems
  'prj-missing': { vi: 'Không có tệp .prj (hệ toạ độ): toạ độ được coi là kinh độ/vĩ độ WGS 84 nếu vừa; nếu không, cần chọn hệ toạ độ.', en: 'No .prj file (coordinate system): coordinates are taken as WGS 84 longitude/latitude if they fit; otherwise the coordinate system must be chosen.' },
  'prj-unreadable': { vi: 'Không hiểu được tệp .prj: cần chọn hệ toạ độ.', en: 'The .prj file could not be understood: choose the coordinate system.' },
  'crs-unknown': { vi: 'Toạ độ không phải kinh độ/vĩ độ (x={x}, y={y}) và không rõ hệ toạ độ: cần tệp .prj hoặc chọn hệ toạ độ.', en: 'Coordinates are not longitude/latitude (x={x}, y={y}) and the coordinate system is unknown: supply a .prj file or choose the coordinate system.' },
  'crs-unknown-metres': { vi: 'Toạ độ tính bằng mét (x={x}, y={y}), như VN-2000 TM-3 của tỉnh hoặc UTM 48N/49N, nhưng không rõ hệ toạ độ: cần tệp .prj hoặc chọn hệ toạ độ.', en: 'Coordinates are in metres (x={x}, y={y}), like a provincial VN-2000 TM-3 zone or UTM 48N/49N, but the coordinate system is unknown: supply a .prj file or choose the coordinate system.' },
  'crs-choice-unknown': { vi: 'Không nhận ra hệ toạ độ đã chọn.', en: 'The chosen coordinate system is not recognised.' },
  'crs-reprojected': { vi: 'Đã chuyển toạ độ từ {crs} sang WGS 84 (kinh độ/vĩ độ).', en: 'Coordinates were reprojected from {crs} to WGS 84 longitude/latitude.' },
  'crs-outside': { vi: 'Sau khi chuyển đổi, {count} đối tượng nằm ngoài Việt Nam: hệ toạ độ có thể sai.', en: 'After reprojection {count} features fall outside Vietnam: the coordinate system may be wrong.' },
  'axes-swapped': { vi: 'Có vẻ kinh độ và vĩ độ bị đảo (x={x}, y={y}: x giống vĩ độ, y giống kinh độ của Việt Nam). Hãy xuất lại tệp theo thứ tự kinh độ, vĩ độ, hoặc chọn hệ toạ độ “WGS 84 – vĩ độ, kinh độ (đảo trục)” (dòng lệnh: --crs latlon).', en: 'Longitude and latitude seem swapped (x={x}, y={y}: x looks like a latitude and y like a longitude in Vietnam). Export the file again in longitude, latitude order, or choose the coordinate system “WGS 84 – latitude, longitude (swapped axes)” (command line: --crs latlon).' },
  'axes-swapped-read': { vi: 'Kinh độ và vĩ độ bị đảo trong tệp: đã đọc theo thứ tự vĩ độ, kinh độ như đã chọn.', en: 'Longitude and latitude are swapped in the file: read in latitude, longitude order, as chosen.' },
  'datum-assumed': { vi: 'Không xác định được hệ quy chiếu (datum) “{datum}” trong tệp .prj: đã coi là {assumed}. Nếu sai, hãy chọn hệ toạ độ; VN-2000 và WGS 84 lệch nhau khoảng 200–300 m.', en: 'The datum “{datum}” of the .prj could not be resolved: {assumed} was assumed. If that is wrong, choose the coordinate system; VN-2000 and WGS 84 differ by about 200–300 m.' },
  'datum-shift-official': { vi: 'Tệp .prj ghi VN-2000 với tham số chuyển đổi khác tham số chính thức: đã dùng tham số của Quyết định 05/2007/QĐ-BTNMT (lệch {metres} m).', en: 'The .prj gives VN-2000 with a datum shift other than the official one: the shift of Decision 05/2007/QĐ-BTNMT was used (a {metres} m difference).' },
  'crs-overridden': { vi: 'Dùng hệ toạ độ đã chọn ({crs}) thay cho tệp .prj.', en: 'The chosen coordinate system ({crs}) was used instead of the .prj.' },
  // ---- rows
  'line-too-long': { vi: 'Dòng quá dài (hơn {chars} ký tự), đã bỏ.', en: 'The line is too long (over {chars} characters) and was skipped.' },
  'row-truncated': { vi: 'Dòng bị cắt cụt (ngoặc kép không đóng).', en: 'The row is truncated (unclosed quote).' },
  'column-count': { vi: 'Dòng có {cells} ô, nhiều hơn {columns} cột của tiêu đề.', en: 'The row has {cells} cells, more than the header\'s {columns} columns.' },
  'missing-code': { vi: 'Thiếu mã đơn vị.', en: 'The unit code is missing.' },
  'bad-code': { vi: 'Mã đơn vị không hợp lệ (cần tối đa {digits} chữ số).', en: 'The unit code is malformed (at most {digits} digits expected).' },
  'unknown-code': { vi: 'Mã đơn vị không có trong ranh giới.', en: 'The unit code is not in the boundaries.' },
  'duplicate-key': { vi: 'Trùng mã và năm với dòng {first}, cùng xếp loại: bỏ dòng này.', en: 'Same code and year as row {first}, same rating: this row is dropped.' },
  'duplicate-key-file': { vi: 'Trùng mã và năm với một dòng của tệp {other}: bỏ dòng này.', en: 'Same code and year as a row of {other}: this row is dropped.' },
  'duplicate-conflict': { vi: 'Mã {code} năm {year} có hai xếp loại khác nhau: dòng {first} ghi “{firstValue}”, dòng {row} ghi “{value}”. Không biết dòng nào đúng nên loại cả hai; hãy sửa tệp.', en: 'Code {code} has two different ratings for {year}: row {first} says “{firstValue}”, row {row} says “{value}”. Which is right is unknown, so both are rejected; correct the file.' },
  'duplicate-code': { vi: 'Trùng mã đơn vị với đối tượng {first}: bỏ đối tượng này.', en: 'Same unit code as feature {first}: this feature is dropped.' },
  'duplicate-code-file': { vi: 'Mã đơn vị đã có trong tệp {other}: bỏ đối tượng này.', en: 'The unit code is already in {other}: this feature is dropped.' },
  'missing-year': { vi: 'Thiếu năm.', en: 'The year is missing.' },
  'bad-year': { vi: 'Năm không hợp lệ.', en: 'The year is not valid.' },
  'missing-rating': { vi: 'Thiếu xếp loại.', en: 'The rating is missing.' },
  'rating-off-scale': { vi: 'Xếp loại không thuộc thang đánh giá ({levels}).', en: 'The rating is not on the scale ({levels}).' },
  'bad-number': { vi: 'Giá trị không phải số hợp lệ.', en: 'The value is not a valid number.' },
  'score-out-of-range': { vi: 'Điểm phải từ 0 đến 100.', en: 'The score must be between 0 and 100.' },
  'share-out-of-range': { vi: 'Tỷ lệ phải lớn hơn 0 và không quá 1.', en: 'The share must be above 0 and at most 1.' },
  'bad-value': { vi: 'Giá trị không hợp lệ.', en: 'The value is not valid.' },
  'missing-value': { vi: 'Thiếu giá trị.', en: 'The value is missing.' },
  'geometry-empty': { vi: 'Đối tượng không có hình học.', en: 'The feature has no geometry.' },
  'geometry-type': { vi: 'Hình học không phải vùng (Polygon/MultiPolygon).', en: 'The geometry is not a polygon.' },
  'geometry-invalid': { vi: 'Hình học không hợp lệ (vòng thiếu điểm hoặc toạ độ lỗi).', en: 'Invalid geometry (ring with too few points or bad coordinates).' },
  'flags-no-outline': { vi: 'Không có đường bao lãnh thổ tham chiếu: cờ biên giới, ven biển kém tin cậy ở mép vùng dữ liệu.', en: 'No reference outline of the country: border and coastal flags are less reliable at the edge of the data.' },
  'flag-contradicted': { vi: 'Cờ tính từ ranh giới trái với danh sách khai báo.', en: 'A flag computed from the boundaries is contradicted by a declared list.' },
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
  'rings-dropped': { vi: 'Đã bỏ {rings} vòng có ít hơn 3 điểm.', en: '{rings} rings with fewer than 3 points were dropped.' },
  'ring-unclosed': { vi: '{rings} vòng ranh giới không khép kín: đã khép lại.', en: '{rings} boundary rings were not closed: they were closed.' },
  'self-intersection': { vi: 'Ranh giới tự cắt ({count} điểm cắt, điểm đầu tại {at}): đã sửa bằng cách tách tại các điểm cắt.', en: 'The boundary intersects itself ({count} crossings, the first at {at}): repaired by splitting at the crossings.' },
  'self-intersection-kept': { vi: 'Ranh giới tự cắt ({count} điểm cắt, điểm đầu tại {at}): chưa sửa, giữ nguyên như đã vẽ.', en: 'The boundary intersects itself ({count} crossings, the first at {at}): not repaired, kept as drawn.' },
} as const satisfies Record<string, Texts>;

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

const ROLE_NAMES: Record<FileRole, Texts> = {
  boundaries: { vi: 'ranh giới', en: 'boundaries' },
  ratings: { vi: 'xếp loại', en: 'ratings' },
  priority: { vi: 'địa bàn trọng điểm', en: 'priority areas' },
  zones: { vi: 'khu công nghiệp, khu kinh tế', en: 'industrial and economic zones' },
  crosswalk: { vi: 'bảng chuyển đổi mã', en: 'code crosswalk' },
  provinces: { vi: 'ranh giới tỉnh', en: 'province boundaries' },
};

/** Kinds of rows a report-style sheet has around its data. */
export type SkipKind = 'title' | 'numbering' | 'header-repeat' | 'total' | 'section' | 'footer';
const SKIP_KINDS: Record<SkipKind, Texts> = {
  title: { vi: 'tiêu đề, tên cơ quan phía trên bảng', en: 'title and agency' },
  numbering: { vi: 'đánh số cột (1), (2)…', en: 'column numbering ((1), (2)…)' },
  'header-repeat': { vi: 'lặp lại tiêu đề cột', en: 'repeated column header' },
  total: { vi: 'tổng cộng', en: 'total' },
  section: { vi: 'nhóm, mục (ví dụ tên huyện)', en: 'group heading (e.g. a district name)' },
  footer: { vi: 'chân bảng (người lập biểu, ngày tháng, chữ ký)', en: 'footer (prepared by, date, signatures)' },
};

const STRUCTURES: Record<string, Texts> = {
  pre2025: { vi: 'trước 1/7/2025', en: 'pre-July 2025' },
  '2025': { vi: 'từ 1/7/2025', en: 'July 2025' },
};

/** Params whose values are row numbers, years or codes: printed as they are, without digit grouping. */
const PLAIN_NUMBERS = new Set(['row', 'first', 'year', 'digits', 'x', 'y']);

function localise(key: string, value: string | number, lang: Lang): string {
  if (typeof value === 'number') {
    return PLAIN_NUMBERS.has(key) ? String(value) : value.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB');
  }
  if (key === 'role') return ROLE_NAMES[value as FileRole]?.[lang] ?? value;
  if (key === 'fields') return value.split(',').map((f) => FIELD_LABELS[f.trim() as FieldId]?.[lang] ?? f).join(', ');
  if (key === 'field') return value;
  if (key === 'kind') return SKIP_KINDS[value as SkipKind]?.[lang] ?? value;
  if (key === 'structure') return STRUCTURES[value]?.[lang] ?? value;
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
  if (issue.reason === 'header-found') params.sheetText = params.sheet ? (lang === 'vi' ? ` của trang tính “${params.sheet}”` : ` of sheet “${params.sheet}”`) : '';
  // A param may come in both languages (`levels_vi`, `levels_en`) when its words are data, like a scale's labels.
  const text = REASONS[issue.reason][lang].replace(/\{(\w+)\}/g, (m, k: string) => {
    const own = `${k}_${lang}`;
    if (own in params) return String(params[own]);
    return k in params ? localise(k, params[k], lang) : m;
  });
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
  'header-found': 6, 'header-not-found': 6, 'layout-wide': 6, 'wide-cells-empty': 6, 'rows-skipped': 6, 'column-ignored': 7,
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

const WORDS = {
  vi: {
    title: 'Báo cáo kiểm tra dữ liệu',
    usable: 'Kết quả: dùng được.',
    unusable: 'Kết quả: không dùng được, giữ nguyên dữ liệu cũ.',
    findings: 'Những điểm chính:',
    none: '  (không có)',
    counts: 'Số dòng:',
    rows: (n: number, total: number) => (n < total ? `Từng dòng (${n} đầu tiên trong ${total}; đủ trong tệp CSV):` : 'Từng dòng:'),
    file: (f: FileSummary) => `${f.file} (${ROLE_NAMES[f.role].vi}; ${[f.format, f.sheet ? `trang “${f.sheet}”` : '', f.encoding, f.delimiter ? `phân cách ${JSON.stringify(f.delimiter)}` : ''].filter(Boolean).join(', ')}): ${f.total.toLocaleString('vi-VN')} dòng, ${f.loaded.toLocaleString('vi-VN')} nạp, ${f.rejected.toLocaleString('vi-VN')} loại`,
    orphans: (u: number, r: number) => `Đơn vị không có xếp loại: ${u.toLocaleString('vi-VN')}. Xếp loại không khớp đơn vị nào: ${r.toLocaleString('vi-VN')}.`,
    severity: { error: 'lỗi', warning: 'cảnh báo', info: 'thông tin' },
    row: 'dòng',
    column: 'cột',
    units: 'Đơn vị',
    current: 'Cơ cấu hiện hành',
    former: 'Cơ cấu cũ',
    communes: 'xã',
    years: 'năm',
  },
  en: {
    title: 'Data validation report',
    usable: 'Result: usable.',
    unusable: 'Result: not usable, the previous data is kept.',
    findings: 'Main findings:',
    none: '  (none)',
    counts: 'Rows:',
    rows: (n: number, total: number) => (n < total ? `Row by row (the first ${n} of ${total}; all of them in the CSV file):` : 'Row by row:'),
    file: (f: FileSummary) => `${f.file} (${ROLE_NAMES[f.role].en}; ${[f.format, f.sheet ? `sheet “${f.sheet}”` : '', f.encoding, f.delimiter ? `delimiter ${JSON.stringify(f.delimiter)}` : ''].filter(Boolean).join(', ')}): ${f.total.toLocaleString('en-GB')} rows, ${f.loaded.toLocaleString('en-GB')} loaded, ${f.rejected.toLocaleString('en-GB')} rejected`,
    orphans: (u: number, r: number) => `Units without ratings: ${u.toLocaleString('en-GB')}. Ratings matching no unit: ${r.toLocaleString('en-GB')}.`,
    severity: { error: 'error', warning: 'warning', info: 'info' },
    row: 'row',
    column: 'column',
    units: 'Units',
    current: 'Current structure',
    former: 'Former structure',
    communes: 'communes',
    years: 'years',
  },
} as const;

/** Where an issue is, in one language: file, row, column. */
export function issueWhere(issue: ReportIssue, lang: Lang): string {
  const w = WORDS[lang];
  const parts = issue.file ? [issue.file] : [];
  if (issue.row !== null) parts.push(`${w.row} ${issue.row}`);
  if (issue.column !== null) parts.push(`${w.column} “${issue.column}”`);
  return parts.join(', ');
}

/**
 * Plain-text rendering for the CLI, in one language: the result, the
 * file-level findings by importance, the counts, then the first `maxIssues`
 * row issues.
 */
export function renderReport(report: ValidationReport, options: { lang?: Lang; maxIssues?: number } = {}): string {
  const lang = options.lang ?? 'vi';
  const max = options.maxIssues ?? 50;
  const w = WORDS[lang];
  const ordered = orderIssues(report.issues);
  const findings = ordered.filter((i) => i.row === null);
  const rows = ordered.filter((i) => i.row !== null);
  const line = (i: ReportIssue) => {
    const where = issueWhere(i, lang);
    return `  [${w.severity[i.severity]}] ${where ? `${where}: ` : ''}${issueMessage(i, lang)}`;
  };
  const out = [`${w.title} — ${report.usable ? w.usable : w.unusable}`, '', w.findings];
  out.push(...(findings.length ? findings.map(line) : [w.none]));
  out.push('', w.counts, ...report.files.map((f) => `  ${w.file(f)}`), `  ${w.orphans(report.unitsWithoutRatings, report.ratingsWithoutUnits)}`);
  // Structures are named only when there are two: with one, "2025" next to years 2011–2024 would mislead.
  const structures = report.structures ?? [];
  structures.forEach((st, i) => {
    const name = structures.length < 2 ? w.units : i === 0 ? w.current : w.former;
    out.push(`  ${name}: ${st.communes.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB')} ${w.communes}; ${w.years} ${yearSpans(st.years) || '—'}`);
  });
  if (rows.length) {
    const shown = rows.slice(0, max);
    out.push('', w.rows(shown.length, rows.length), ...shown.map(line));
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
