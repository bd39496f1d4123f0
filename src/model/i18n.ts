/**
 * Every UI string, in one dictionary. Vietnamese is the default; English is a
 * switch. Parameters are `{name}` placeholders filled by `t()`; values are
 * inserted as text by React, never as HTML.
 */
export type Lang = 'vi' | 'en';

const vi = {
  appTitle: 'Bản đồ phong trào toàn dân bảo vệ an ninh Tổ quốc',
  appShort: 'Bản đồ phong trào',
  illustrative: 'Dữ liệu minh hoạ',
  illustrativeLong: 'Dữ liệu minh hoạ: ranh giới tỉnh từ Natural Earth, xã và xếp loại là giả lập. Không dùng cho công tác thực tế.',
  language: 'Ngôn ngữ',
  switchLang: 'English',
  year: 'Năm',
  structure: 'Đơn vị hành chính',
  structure2025: 'Sau sắp xếp 2025 (34 tỉnh)',
  structurePre2025: 'Trước 1/7/2025 (63 tỉnh)',
  legendTitle: 'Xếp loại phong trào',
  noData: 'Chưa có dữ liệu',
  communes: 'xã, phường',
  province: 'Tỉnh/thành',
  rating: 'Xếp loại',
  score: 'Điểm',
  area: 'Diện tích',
  selected: 'Đang chọn',
  clearSelection: 'Bỏ chọn',
  weakCount: 'Xã yếu năm {year}: {count} / {total}',
  dbBooting: 'Đang khởi động DuckDB…',
  dbReady: 'DuckDB sẵn sàng',
  dbFailed: 'DuckDB không khởi động được',
  loadingData: 'Đang nạp dữ liệu…',
  diagnostics: 'Chẩn đoán',
  close: 'Đóng',
  browser: 'Trình duyệt',
  webgl: 'WebGL',
  duckdbVersion: 'Phiên bản DuckDB',
  bundle: 'Bộ dữ liệu',
  timings: 'Thời gian khởi động',
  step: 'Bước',
  ms: 'ms',
  pageUrl: 'Địa chỉ trang',
  errorTitle: 'Có lỗi khi mở bản đồ',
  errorNoWebgl: 'Trình duyệt này không có WebGL nên không vẽ được bản đồ. Hãy dùng Chrome, Edge, Cốc Cốc hoặc Firefox bản mới và bật tăng tốc phần cứng.',
  errorDataMissing: 'Không đọc được tệp dữ liệu {file}. Thư mục có thể bị chép thiếu; hãy chép lại cả thư mục.',
  errorDataInvalid: 'Tệp dữ liệu {file} bị hỏng hoặc không đúng định dạng: {reason}',
  errorDuckdbMissing: 'Không đọc được tệp {file} của DuckDB. Thư mục có thể bị chép thiếu; hãy chép lại cả thư mục.',
  errorDuckdbBoot: 'DuckDB không khởi động được: {reason}',
  errorMap: 'Bản đồ gặp lỗi: {reason}',
  errorUnexpected: 'Lỗi không mong đợi: {reason}',
  source: 'Nguồn',
  dataDate: 'Dữ liệu đến ngày',
  pending: 'đang chạy',
  failed: 'lỗi',
  mapAria: 'Bản đồ xếp loại phong trào theo xã',
  priorityBorder: 'Biên giới đất liền',
  priorityMaritime: 'Biển, ven biển',
  priorityIsland: 'Hải đảo',
  priorityEthnic: 'Vùng đồng bào dân tộc thiểu số',
  priorityIndustrial: 'Khu công nghiệp, khu kinh tế',
  overlays: 'Vùng trọng điểm',
} as const;

export type MessageKey = keyof typeof vi;

const en: Record<MessageKey, string> = {
  appTitle: 'Atlas of the all-people national-security-protection movement',
  appShort: 'Movement atlas',
  illustrative: 'Illustrative data',
  illustrativeLong: 'Illustrative data: province boundaries from Natural Earth; communes and ratings are synthetic. Not for real work.',
  language: 'Language',
  switchLang: 'Tiếng Việt',
  year: 'Year',
  structure: 'Administrative units',
  structure2025: 'After the 2025 reform (34 provinces)',
  structurePre2025: 'Before 1 July 2025 (63 provinces)',
  legendTitle: 'Movement rating',
  noData: 'No data',
  communes: 'communes',
  province: 'Province',
  rating: 'Rating',
  score: 'Score',
  area: 'Area',
  selected: 'Selected',
  clearSelection: 'Clear selection',
  weakCount: 'Weak communes in {year}: {count} / {total}',
  dbBooting: 'Starting DuckDB…',
  dbReady: 'DuckDB ready',
  dbFailed: 'DuckDB failed to start',
  loadingData: 'Loading data…',
  diagnostics: 'Diagnostics',
  close: 'Close',
  browser: 'Browser',
  webgl: 'WebGL',
  duckdbVersion: 'DuckDB version',
  bundle: 'Data bundle',
  timings: 'Start-up timings',
  step: 'Step',
  ms: 'ms',
  pageUrl: 'Page address',
  errorTitle: 'The atlas could not open',
  errorNoWebgl: 'This browser has no WebGL, so the map cannot be drawn. Use a recent Chrome, Edge, Cốc Cốc or Firefox with hardware acceleration on.',
  errorDataMissing: 'The data file {file} could not be read. The folder may have been copied incompletely; copy the whole folder again.',
  errorDataInvalid: 'The data file {file} is damaged or in the wrong format: {reason}',
  errorDuckdbMissing: 'DuckDB\'s file {file} could not be read. The folder may have been copied incompletely; copy the whole folder again.',
  errorDuckdbBoot: 'DuckDB failed to start: {reason}',
  errorMap: 'The map failed: {reason}',
  errorUnexpected: 'Unexpected error: {reason}',
  source: 'Source',
  dataDate: 'Data as of',
  pending: 'running',
  failed: 'failed',
  mapAria: 'Map of movement ratings by commune',
  priorityBorder: 'Land border',
  priorityMaritime: 'Sea and coast',
  priorityIsland: 'Islands',
  priorityEthnic: 'Ethnic-minority areas',
  priorityIndustrial: 'Industrial and economic zones',
  overlays: 'Priority areas',
};

const dictionaries: Record<Lang, Record<MessageKey, string>> = { vi, en };

/** Translates a key, filling `{name}` placeholders from params. */
export function t(lang: Lang, key: MessageKey, params?: Record<string, string | number>): string {
  const template = dictionaries[lang][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** Both languages at once, for errors shown before the user could choose. */
export function tBoth(key: MessageKey, params?: Record<string, string | number>): { vi: string; en: string } {
  return { vi: t('vi', key, params), en: t('en', key, params) };
}

/** Keys, for tests that check both dictionaries are complete. */
export function messageKeys(): MessageKey[] {
  return Object.keys(vi) as MessageKey[];
}

/** Formats a number the Vietnamese way (1.234,5) or the English way (1,234.5). */
export function formatNumber(lang: Lang, value: number, maximumFractionDigits = 0): string {
  return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits }).format(value);
}
