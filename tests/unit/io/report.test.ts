/**
 * The report reads in one language from start to end, opens with what matters
 * most, and names what it decided: conflicting duplicates, province names,
 * numbering columns, provinces missing from a national set.
 */
import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { importFiles, issueMessage, orderIssues, renderReport, REASONS, type ReasonId, type ReportIssue } from '../../../src/io/import.ts';
import { PROVINCES_2025, PROVINCES_PRE2025 } from '../../../src/model/provinces.ts';
import { expectBalanced, fixture } from './helpers.ts';

const enc = (s: string) => new TextEncoder().encode(s);

/** Sample params for every placeholder a message may have. */
const SAMPLE: Record<string, string | number> = {
  role: 'boundaries', fields: 'code,year', field: 'code', kind: 'footer', structure: 'pre2025', count: 1234, rows: '3–5', row: 7, first: 2, x: 21.02, y: 105.85,
  encoding: 'Windows-1258', from: 'TCVN3 (ABC)', found: '"|"', present: '“MA_XA”', closest: 'level2_id', sheet: 'Sheet1', sheets: '“Sheet1”', years: '2023, 2024',
  part: '.dbf', object: 'xa', crs: 'VN-2000 / TM-3 105°45′', datum: 'D_Unknown', assumed: 'WGS 84', metres: '0.84', chars: 65536, cells: 7, columns: 5, digits: 5,
  other: 'b.csv', code: '00691', year: 2024, firstValue: 'Khá', value: 'Yếu', rings: 2, at: '105.3, 23.2', provinces: 12, names: 'Tỉnh Quảng Ninh (22)',
  levels_vi: 'Xuất sắc, Khá, Trung bình, Yếu', levels_en: 'Excellent, Good, Average, Weak', source: 'KẾT QUẢ XẾP LOẠI NĂM 2025', titleRow: 4,
};
/** Words that would give away English inside a Vietnamese message (compared as whole words, Unicode-aware). */
const ENGLISH = new Set('the a an is are was were not and or of in file files row rows column columns missing coordinates reprojected ignored rejected checked because'.split(' '));
const englishIn = (text: string) => text.split(/[^\p{L}\p{N}]+/u).filter((w) => ENGLISH.has(w.toLowerCase()));

describe('messages', () => {
  it.each(Object.keys(REASONS) as ReasonId[])('%s reads fully in each language', (reason) => {
    const issue: ReportIssue = { file: 'f.csv', row: null, column: null, reason, severity: 'warning', params: SAMPLE };
    const vi = issueMessage(issue, 'vi');
    const en = issueMessage(issue, 'en');
    expect(vi).not.toMatch(/\{\w+\}/);
    expect(en).not.toMatch(/\{\w+\}/);
    // Quoted values from the file and command-line flags are not words of the message.
    expect(englishIn(vi.replace(/“[^”]*”|"[^"]*"|--[a-z-]+(?:[ =]\S+)?/g, ''))).toEqual([]);
    expect(vi).not.toBe(en);
  });

  it('translates the ids it is given, and groups digits the local way', () => {
    const i: ReportIssue = { file: '', row: null, column: null, reason: 'missing-column', severity: 'error', params: { fields: 'code,year', present: '“A”' } };
    expect(issueMessage(i, 'vi')).toBe('Thiếu cột bắt buộc: Mã xã, Năm. Các cột có trong tệp: “A”.');
    expect(issueMessage(i, 'en')).toBe('Required column missing: Commune code, Year. Columns in the file: “A”.');
    const n: ReportIssue = { file: '', row: null, column: null, reason: 'rows-not-checked', severity: 'error', params: { count: 6642 } };
    expect(issueMessage(n, 'vi')).toMatch(/^6\.642 dòng/);
    expect(issueMessage(n, 'en')).toMatch(/^6,642 rows were not checked/);
    // One or many, in English only.
    expect(issueMessage({ ...n, params: { count: 1 } }, 'en')).toMatch(/^1 row was not checked/);
    expect(issueMessage({ ...n, params: { count: 1 } }, 'vi')).toMatch(/^1 dòng không được kiểm tra/);
    // Every English reason's words for one or many are filled, whatever the count.
    for (const reason of Object.keys(REASONS) as ReasonId[]) {
      expect(issueMessage({ file: '', row: null, column: null, reason, severity: 'error', params: { count: 2, units: 2, rows: 2 } }, 'en'), reason).not.toMatch(/\{\w+:[^}]*\}/);
    }
  });

  it('orders file-level findings by importance, then the rows as they came', () => {
    const mk = (reason: ReasonId, severity: ReportIssue['severity'], row: number | null = null): ReportIssue => ({ file: 'f', row, column: null, reason, severity });
    const ordered = orderIssues([mk('unknown-code', 'error', 9), mk('encoding-converted', 'warning'), mk('crs-reprojected', 'info'), mk('unknown-code', 'error', 3), mk('axes-swapped', 'error'), mk('provinces-missing', 'warning'), mk('file-truncated', 'error')]);
    expect(ordered.map((i) => `${i.reason}${i.row ? `@${i.row}` : ''}`)).toEqual(['file-truncated', 'provinces-missing', 'axes-swapped', 'crs-reprojected', 'encoding-converted', 'unknown-code@9', 'unknown-code@3']);
  });
});

describe('the printed report', () => {
  it('opens with the result and the findings, then the counts, then the rows, in one language', async () => {
    const r = await importFiles([fixture('good', 'communes.geojson'), fixture('bad', 'unknown-codes.csv')]);
    const vi = renderReport(r.report);
    const en = renderReport(r.report, { lang: 'en' });
    const order = (text: string, marks: string[]) => marks.map((m) => text.indexOf(m));
    expect(order(vi, ['Kết quả: dùng được', 'Những điểm chính:', 'Số dòng:', 'Từng dòng:'])).toEqual([...order(vi, ['Kết quả: dùng được', 'Những điểm chính:', 'Số dòng:', 'Từng dòng:'])].sort((a, b) => a - b));
    expect(order(en, ['Result: usable', 'Main findings:', 'Rows:', 'Row by row:']).every((x) => x >= 0)).toBe(true);
    expect(vi).toContain('unknown-codes.csv, dòng 3, cột “Mã xã”: Mã đơn vị không có trong ranh giới. (99999)');
    expect(englishIn(vi.replace(/“[^”]*”|"[^"]*"/g, ''))).toEqual([]);
    expect(en).not.toMatch(/dòng|nạp|loại/);
  });

  it('names no column that is not in the file, and no header row that is simply the first', async () => {
    const csv = enc('STT,Số hiệu,Năm,Xếp loại\n1,00691,2024,Khá\n2,00694,2024,Yếu\n');
    const r = await importFiles([fixture('good', 'communes.geojson'), { name: 'r.csv', bytes: csv }]);
    expectBalanced(r.report);
    const missing = r.report.issues.find((i) => i.reason === 'missing-column')!;
    expect(missing.column).toBeNull();
    const vi = renderReport(r.report);
    expect(vi).toContain('[lỗi] r.csv: Thiếu cột bắt buộc: Mã xã. Các cột có trong tệp: “STT”, “Số hiệu”, “Năm”, “Xếp loại”.');
    expect(vi).not.toContain('“code”');
    expect(r.report.issues.some((i) => i.reason === 'header-found')).toBe(false);
  });

  it('says "kinh độ/vĩ độ" for the axes of a coordinate system in Vietnamese', () => {
    const i: ReportIssue = { file: 'b.geojson', row: null, column: null, reason: 'crs-reprojected', severity: 'info', params: { crs: 'WGS 84 (lat/lon)' } };
    expect(issueMessage(i, 'vi')).toBe('Đã chuyển toạ độ từ WGS 84 (vĩ độ/kinh độ) sang WGS 84 (kinh độ/vĩ độ).');
    expect(issueMessage(i, 'en')).toBe('Coordinates were reprojected from WGS 84 (lat/lon) to WGS 84 longitude/latitude.');
    const swapped: ReportIssue = { file: 'b.geojson', row: null, column: null, reason: 'axes-swapped', severity: 'error', params: { x: 21.03, y: 105.8 } };
    expect(issueMessage(swapped, 'vi')).toContain('“WGS 84 – vĩ độ, kinh độ (đảo trục)” (dòng lệnh: --crs latlon)');
  });
});

describe('duplicates that disagree', () => {
  it('rejects both rows, in one file or across two, naming both values', async () => {
    const a = { name: 'a.csv', bytes: enc('Mã xã,Năm,Xếp loại,Điểm\n00691,2024,Khá,80\n00694,2024,Yếu,40\n') };
    const b = { name: 'b.csv', bytes: enc('Mã xã,Năm,Xếp loại,Điểm\n00691,2024,Trung bình,60\n00694,2024,Yếu,40\n00697,2024,Khá,70\n') };
    const r = await importFiles([fixture('good', 'communes.geojson'), a, b]);
    expectBalanced(r.report);
    expect(r.report.files.slice(1).map((f) => [f.file, f.loaded, f.rejected])).toEqual([['a.csv', 1, 1], ['b.csv', 1, 2]]);
    const conflicts = r.report.issues.filter((i) => i.reason === 'duplicate-conflict');
    expect(conflicts.map((i) => [i.file, i.row])).toEqual([['a.csv', 2], ['b.csv', 2]]);
    expect(issueMessage(conflicts[1], 'vi')).toBe('Mã 00691 năm 2024 có hai xếp loại khác nhau: dòng 2 (a.csv) ghi “Khá, 80”, dòng 2 ghi “Trung bình, 60”. Không biết dòng nào đúng nên loại cả hai; hãy sửa tệp.');
    expect(r.report.issues.find((i) => i.reason === 'duplicate-key-file')).toMatchObject({ file: 'b.csv', row: 3, params: { other: 'a.csv' } });
    const codes = tableFromIPC(r.bundle!.parts.ratings).toArray().map((x) => x.code as string);
    expect(codes).toEqual(['00694', '00697']);
  });
});

/** A square of 0.1° per code, in a row, as a boundaries GeoJSON. */
function squares(units: { code: string; props: Record<string, string> }[]): Uint8Array {
  const features = units.map((u, i) => ({
    type: 'Feature',
    properties: { code: u.code, ...u.props },
    geometry: { type: 'Polygon', coordinates: [[[105 + 0.1 * i, 21], [105.1 + 0.1 * i, 21], [105.1 + 0.1 * i, 21.1], [105 + 0.1 * i, 21.1], [105 + 0.1 * i, 21]]] },
  }));
  return enc(JSON.stringify({ type: 'FeatureCollection', features }));
}
const ratingsFor = (codes: string[]) => ({ name: 'r.csv', bytes: enc(`code,year,rating\n${codes.map((c) => `${c},2024,K`).join('\n')}\n`) });
const provinceNames = async (files: Parameters<typeof importFiles>[0]) => {
  const r = await importFiles(files);
  expectBalanced(r.report);
  return { r, names: Object.fromEntries(r.bundle!.units.toArray().filter((u) => u.level === 'province').map((u) => [u.code as string, u.name as string])) };
};

describe('province names', () => {
  it('come from a province-name column (camelCase included)', async () => {
    const b = squares([{ code: '00001', props: { provinceCode: '01', provinceName: 'Thành phố Hà Nội' } }, { code: '00691', props: { provinceCode: '02', provinceName: 'Tỉnh Hà Giang' } }]);
    const { names } = await provinceNames([{ name: 'xa.geojson', bytes: b }, ratingsFor(['00001', '00691'])]);
    expect(names).toEqual({ '01': 'Thành phố Hà Nội', '02': 'Tỉnh Hà Giang' });
  });

  it('give a city its own unit type (thành phố, not tỉnh)', async () => {
    const b = squares([{ code: '00001', props: { provinceCode: '01', provinceName: 'Thành phố Hà Nội' } }, { code: '00691', props: { provinceCode: '02', provinceName: 'Tỉnh Hà Giang' } }]);
    const r = await importFiles([{ name: 'xa.geojson', bytes: b }, ratingsFor(['00001', '00691'])]);
    const types = Object.fromEntries(r.bundle!.units.toArray().filter((u) => u.level === 'province').map((u) => [u.code as string, u.unit_type as string]));
    expect(types).toEqual({ '01': 'thành phố', '02': 'tỉnh' });
  });

  it('else from a province boundary file, else from the official list; never "Tỉnh 01"', async () => {
    const communes = squares([{ code: '00001', props: { ma_tinh: '01' } }, { code: '00691', props: { ma_tinh: '02' } }]);
    const provinces = enc(JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { level1_id: '01', name: 'TP. Hà Nội (tệp tỉnh)' }, geometry: { type: 'Polygon', coordinates: [[[105, 21], [105.1, 21], [105.1, 21.1], [105, 21]]] } }] }));
    const { r, names } = await provinceNames([{ name: 'xa.geojson', bytes: communes }, { name: 'ranh-gioi-tinh.geojson', bytes: provinces }, ratingsFor(['00001', '00691'])]);
    expect(r.report.files.map((f) => [f.file, f.role])).toContainEqual(['ranh-gioi-tinh.geojson', 'provinces']);
    expect(names).toEqual({ '01': 'TP. Hà Nội (tệp tỉnh)', '02': 'Tỉnh Hà Giang' });
    expect(Object.values(names).some((n) => /^Tỉnh \d+$/.test(n))).toBe(false);
  });

  it('report the provinces a national set lacks', async () => {
    const present = PROVINCES_PRE2025.filter((p) => p.code !== '22');
    const codes = present.map((_, i) => String(10000 + i));
    const b = squares(present.map((p, i) => ({ code: codes[i], props: { ma_tinh: p.code } })));
    const r = await importFiles([{ name: 'xa.geojson', bytes: b }, ratingsFor(codes)]);
    expectBalanced(r.report);
    expect(r.report.issues[0]).toMatchObject({ reason: 'provinces-missing', params: { count: 1, structure: 'pre2025', names: 'Tỉnh Quảng Ninh (22)' } });
    // A provincial set is not a national set with holes.
    const one = await importFiles([{ name: 'xa.geojson', bytes: squares([{ code: '00691', props: { ma_tinh: '02' } }]) }, ratingsFor(['00691'])]);
    expect(one.report.issues.some((i) => i.reason === 'provinces-missing')).toBe(false);
  });

  it('judge a lone set by its own provinces before its years: the 34 provinces rated since 2011 are the 2025 list', async () => {
    // The 2025 communes with years before 2025 rated on them (history carried onto the new communes):
    // not "the boundaries lack 29 of the pre-July 2025 provinces", as when the years decided alone.
    const history = (codes: string[]) => ({ name: 'r.csv', bytes: enc(`code,year,rating\n${codes.flatMap((c) => [2011, 2024, 2025].map((y) => `${c},${y},K`)).join('\n')}\n`) });
    const all = PROVINCES_2025.map((p, i) => ({ code: String(20000 + i), props: { ma_tinh: p.code } }));
    const whole = await importFiles([{ name: 'xa-2025.geojson', bytes: squares(all) }, history(all.map((u) => u.code))]);
    expectBalanced(whole.report);
    expect(whole.report.issues.filter((i) => i.reason === 'provinces-missing')).toEqual([]);
    // One of the 34 missing: said against the 2025 list.
    const lacking = all.filter((u) => u.props.ma_tinh !== '04');
    const holes = await importFiles([{ name: 'xa-2025.geojson', bytes: squares(lacking) }, history(lacking.map((u) => u.code))]);
    expect(holes.report.issues.find((i) => i.reason === 'provinces-missing')).toMatchObject({ params: { count: 1, structure: '2025', names: 'Tỉnh Cao Bằng (04)' } });
    // A code only the 63 provinces had (Hà Giang, 02) keeps the list before July 2025, even for 2025's years alone.
    const old = PROVINCES_PRE2025.filter((p) => p.code !== '22').map((p, i) => ({ code: String(30000 + i), props: { ma_tinh: p.code } }));
    const before = await importFiles([{ name: 'huyen.geojson', bytes: squares(old) }, { name: 'r.csv', bytes: enc(`code,year,rating\n${old.map((u) => `${u.code},2025,K`).join('\n')}\n`) }]);
    expect(before.report.issues.find((i) => i.reason === 'provinces-missing')).toMatchObject({ params: { count: 1, structure: 'pre2025', names: 'Tỉnh Quảng Ninh (22)' } });
  });
});

describe('indicators', () => {
  it('never offers a numbering column', async () => {
    const csv = enc('STT,#,Mã xã,Năm,Xếp loại,Thứ tự báo cáo,Tỷ lệ tham gia (%)\n1,1,00691,2024,Khá,1,80\n2,2,00694,2024,Yếu,2,60\n3,3,00697,2024,Khá,3,75\n');
    const r = await importFiles([fixture('good', 'communes.geojson'), { name: 'r.csv', bytes: csv }]);
    expect(r.bundle!.manifest.indicators.map((i) => i.label.vi)).toEqual(['Tỷ lệ tham gia (%)']);
  });
});
