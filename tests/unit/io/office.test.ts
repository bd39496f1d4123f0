/**
 * Files as offices have them (tests/fixtures/office, made by its generate.ts):
 * report-style sheets, wide sheets, odd headers, several sheets, TCVN3 and VNI
 * text, Shapefiles in VN-2000 TM-3 with and without a .prj, swapped axes. Every
 * case checks loaded + rejected = total and the sheet's own row numbers.
 */
import { readFileSync } from 'node:fs';
import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { importFiles, inspectFiles, orderIssues, previewCrs, renderReport, type ImportFile } from '../../../src/io/import.ts';
import { readBoundaryFile, readTable } from '../../../src/io/read/index.ts';
import { validateBoundaries } from '../../../src/io/validate.ts';
import { expectBalanced, fixture } from './helpers.ts';

const office = (name: string, extra: Partial<ImportFile> = {}): ImportFile => ({ name, bytes: new Uint8Array(readFileSync(new URL(`../../fixtures/office/${name}`, import.meta.url))), ...extra });

/** The six communes of the fixtures with the rating each gets in a year (same rule as the generator, written again here). */
const NAMES = ['Xã Lũng Cú', 'Xã Ma Lé', 'Thị trấn Đồng Văn', 'Xã Sủng Là', 'Xã Phố Bảng', 'Xã Sà Phìn'];
const CODES = ['00691', '00694', '00697', '00700', '00703', '00706'];
const rating = (i: number, year: number) => ['XS', 'K', 'TB', 'Y'][(i + year) % 4];

async function ratingsOf(files: ImportFile[], options = {}) {
  const r = await importFiles([fixture('good', 'communes.geojson'), ...files], options);
  expectBalanced(r.report);
  const rows = r.bundle ? tableFromIPC(r.bundle.parts.ratings).toArray().map((x) => ({ code: x.code as string, year: x.year as number, rating: x.rating as string, score: x.score as number | null })) : [];
  return { r, rows, summary: r.report.files.find((f) => f.file === files[0].name)!, mine: r.report.issues.filter((i) => i.file === files[0].name) };
}

describe('report-style sheets', () => {
  it('reads the usual report: titles, numbering, a district heading, the year merged down, totals and signatures', async () => {
    const { rows, summary, mine } = await ratingsOf([office('report-long.xlsx')]);
    expect(summary).toMatchObject({ sheet: 'Xếp loại', total: 12, loaded: 11, rejected: 1 });
    // Sheet row 19 is commune 4's 2024 row (the sheet's own numbering, title rows included).
    expect(mine.filter((i) => i.severity === 'error')).toEqual([expect.objectContaining({ reason: 'rating-off-scale', row: 19, column: 'Xếp loại', detail: 'Tốt' })]);
    const notes = Object.fromEntries(mine.filter((i) => i.reason === 'rows-skipped').map((i) => [i.params!.kind, i.params!.rows]));
    expect(notes).toEqual({ title: '1–2, 4–5', numbering: '8', section: '9', total: '22', footer: '24, 26–27' });
    expect(mine.find((i) => i.reason === 'header-found')?.params).toEqual({ rows: '7', sheet: 'Xếp loại' });
    expect(rows.find((x) => x.code === '00691' && x.year === 2023)).toMatchObject({ rating: rating(0, 2023), score: 60 });
    expect(rows.filter((x) => x.year === 2024).map((x) => x.code)).toEqual(CODES.filter((_, i) => i !== 3));
  });

  it('fills a commune\'s merged code and name down its year rows', async () => {
    const { rows, summary } = await ratingsOf([office('report-merged-names.xlsx')]);
    expect(summary).toMatchObject({ total: 12, loaded: 12, rejected: 0 });
    expect(rows.map((x) => `${x.code} ${x.year} ${x.rating}`)).toEqual(CODES.flatMap((c, i) => [2023, 2024].map((y) => `${c} ${y} ${rating(i, y)}`)));
  });

  it.each(['report-wide.xlsx', 'report-wide.csv'])('reads the wide layout, one rating column per year (%s)', async (name) => {
    const { rows, summary, mine } = await ratingsOf([office(name)]);
    expect(summary).toMatchObject({ total: 11, loaded: 10, rejected: 1 });
    expect(mine.filter((i) => i.severity === 'error')).toEqual([expect.objectContaining({ reason: 'rating-off-scale', row: 9, column: 'Kết quả xếp loại / Năm 2024', detail: 'Tốt' })]);
    expect(mine.find((i) => i.reason === 'layout-wide')?.params).toEqual({ years: '2023, 2024' });
    expect(mine.find((i) => i.reason === 'wide-cells-empty')?.params).toEqual({ count: 1 });
    expect(mine.find((i) => i.reason === 'header-found')?.params).toMatchObject({ rows: '4–5' });
    expect(rows.filter((x) => x.year === 2023).map((x) => x.rating)).toEqual(CODES.map((_, i) => rating(i, 2023)));
    expect(rows.filter((x) => x.year === 2024).map((x) => x.code)).toEqual(['00691', '00694', '00700', '00703']);
  });

  it('reads a year over "Xếp loại | Điểm"', async () => {
    const { rows, summary } = await ratingsOf([office('report-wide-score.xlsx')]);
    expect(summary).toMatchObject({ total: 12, loaded: 12 });
    expect(rows.filter((x) => x.code === '00694').map((x) => [x.year, x.rating, x.score])).toEqual([[2023, rating(1, 2023), 71], [2024, rating(1, 2024), 81]]);
  });

  it('takes the one year of a report from its title when it has no Năm column, not from the dates below it', async () => {
    const { r, rows, summary, mine } = await ratingsOf([office('report-year-in-title.xlsx')]);
    expect(summary).toMatchObject({ total: 6, loaded: 6, rejected: 0 });
    expect(rows.map((x) => `${x.code} ${x.year} ${x.rating} ${x.score}`)).toEqual(CODES.map((c, i) => `${c} 2025 ${rating(i, 2025)} ${70 + i}`));
    // The "Kèm theo" line (row 5) and the signature name 2026 in dates: not the ratings' year.
    expect(mine.find((i) => i.reason === 'year-from-title')).toMatchObject({ row: null, severity: 'info', params: { year: 2025, source: expect.stringMatching(/NĂM 2025$/), titleRow: 4 } });
    expect(renderReport(r.report, { lang: 'en' })).toContain('every row takes the year 2025, named in “BẢNG TỔNG HỢP KẾT QUẢ XẾP LOẠI PHONG TRÀO TOÀN DÂN BẢO VỆ AN NINH TỔ QUỐC NĂM 2025” (row 4).');
    expect(renderReport(r.report, { lang: 'vi' })).toContain('mọi dòng lấy năm 2025, ghi ở “BẢNG TỔNG HỢP KẾT QUẢ XẾP LOẠI PHONG TRÀO TOÀN DÂN BẢO VỆ AN NINH TỔ QUỐC NĂM 2025” (dòng 4).');
  });

  it("takes it from the sheet's name, or the file's, and never guesses between two years or from a date", async () => {
    const sheet = await ratingsOf([office('year-in-sheet-name.xlsx')]);
    expect(sheet.rows.map((x) => `${x.code} ${x.year} ${x.rating}`)).toEqual(CODES.map((c, i) => `${c} 2024 ${rating(i, 2024)}`));
    expect(sheet.mine.find((i) => i.reason === 'year-from-title')).toMatchObject({ row: null, params: { year: 2024, source: 'Năm 2024' } });
    const csv = (name: string, title = '') => ({ name, bytes: new TextEncoder().encode(`\uFEFF${title ? `${title}\r\n\r\n` : ''}Mã xã,Tên xã,Xếp loại\r\n00691,Xã Lũng Cú,Khá\r\n00694,Xã Ma Lé,Yếu\r\n`) });
    const named = await ratingsOf([csv('xep-loai-2023.csv')]);
    expect(named.rows.map((x) => `${x.code} ${x.year}`)).toEqual(['00691 2023', '00694 2023']);
    expect(named.mine.find((i) => i.reason === 'year-from-title')?.params).toEqual({ year: 2023, source: 'xep-loai-2023' });
    // A title that names two years, a file named by a date: no year, and the file is refused as before.
    for (const file of [csv('xep-loai-2023.csv', 'KẾT QUẢ XẾP LOẠI NĂM 2023 VÀ NĂM 2024'), csv('bao-cao-15-12-2024.csv'), csv('xep-loai.csv', 'Hà Giang, ngày 15 tháng 12 năm 2024')]) {
      const refused = await ratingsOf([file]);
      expect(refused.summary).toMatchObject({ loaded: 0, rejected: 2 });
      expect(refused.mine.map((i) => i.reason)).toContain('missing-column');
      expect(refused.mine.map((i) => i.reason)).not.toContain('year-from-title');
    }
  });

  it('picks the sheet whose header fits, or the one asked for', async () => {
    expect((await ratingsOf([office('three-sheets.xlsx')])).summary).toMatchObject({ sheet: 'Năm 2023-2024', loaded: 12 });
    expect((await ratingsOf([office('three-sheets.xlsx', { sheet: 'Khác' })])).summary).toMatchObject({ sheet: 'Khác', loaded: 2 });
    expect((await ratingsOf([office('three-sheets.xlsx', { sheet: 3 })])).summary).toMatchObject({ sheet: 'Khác', loaded: 2 });
    const missing = await ratingsOf([office('three-sheets.xlsx', { sheet: 'Không có' })]);
    expect(missing.mine[0]).toMatchObject({ reason: 'sheet-missing', params: { sheet: 'Không có', sheets: '“Hướng dẫn”, “Năm 2023-2024”, “Khác”' } });
  });
});

describe('headers nobody would guess', () => {
  it('names the columns present and the closest one, and nothing row by row', async () => {
    const { summary, mine } = await ratingsOf([office('odd-headers.xlsx')]);
    expect(summary).toMatchObject({ total: 6, loaded: 0, rejected: 6 });
    // level2_id is taken as the code when there is no commune code (a district file): year and rating are missing.
    expect(mine.filter((i) => i.severity !== 'info').map((i) => i.reason)).toEqual(['missing-column', 'rows-not-checked', 'header-not-found']);
    expect(mine[0].params).toMatchObject({ fields: 'year,rating', present: '“level2_id”, “ten”, “nam_dg”, “kq”' });
    expect(mine.find((i) => i.reason === 'header-not-found')?.params).toEqual({ row: 3 });
    expect(mine.every((i) => i.row === null)).toBe(true);
  });

  it('loads with the columns mapped, which also marks the header row', async () => {
    // Every column of the header is mapped (as the dialog's memory may do): still two or more columns, so still the header.
    const { rows, summary, mine } = await ratingsOf([office('odd-headers.xlsx')], { map: { code: 'level2_id', year: 'nam_dg', rating: 'kq', name: 'ten' } });
    expect(summary).toMatchObject({ total: 6, loaded: 6 });
    expect(mine.find((i) => i.reason === 'header-found')?.params).toEqual({ rows: '3' });
    expect(rows.map((x) => x.rating)).toEqual(CODES.map((_, i) => rating(i, 2024)));
  });

  it('takes the header row the user gives', async () => {
    const t = await readTable('odd-headers.xlsx', office('odd-headers.xlsx').bytes, 'ratings', { headerRow: 3 });
    expect(t.layout).toMatchObject({ headerRow: 3, headerRows: 1, recognised: true });
    expect(t.headers).toEqual(['level2_id', 'ten', 'nam_dg', 'kq']);
    expect(t.issues.find((i) => i.reason === 'header-found')?.params).toEqual({ rows: '3' });
    expect(t.layout!.preview.map((p) => p.row)).toEqual([1, 3, 4, 5, 6, 7, 8, 9]);
    const empty = await readTable('odd-headers.xlsx', office('odd-headers.xlsx').bytes, 'ratings', { headerRow: 2 });
    expect(empty.issues[0]).toMatchObject({ reason: 'header-row-empty', params: { row: 2 } });
  });
});

describe('text typed with TCVN3 and VNI fonts', () => {
  it.each([
    ['tcvn3-report.xlsx', 'TCVN3 (ABC)'],
    ['vni-report.xlsx', 'VNI'],
  ])('%s: headers, names and ratings converted, the report says so', async (name, from) => {
    const { rows, summary, mine } = await ratingsOf([office(name)]);
    expect(summary).toMatchObject({ total: 12, loaded: 11, rejected: 1, encoding: name.startsWith('tcvn3') ? 'tcvn3' : 'vni' });
    expect(mine.find((i) => i.reason === 'encoding-converted')?.params).toMatchObject({ from });
    expect(rows.filter((x) => x.year === 2023).map((x) => x.rating)).toEqual(CODES.map((_, i) => rating(i, 2023)));
    const t = await readTable(name, office(name).bytes, 'ratings');
    expect(t.headers).toEqual(['STT', 'Mã xã', 'Tên xã', 'Năm', 'Xếp loại', 'Điểm']);
    expect(t.rows.slice(0, 6).map((r) => r.cells[2])).toEqual(NAMES);
  });

  it.each(['tcvn3-names.xlsx', 'tcvn3.csv', 'vni.csv'])('%s: names back in Unicode', async (name) => {
    const { summary, mine } = await ratingsOf([office(name)]);
    expect(summary).toMatchObject({ total: 12, loaded: 12 });
    expect(mine.some((i) => i.reason === 'encoding-converted')).toBe(true);
    const t = await readTable(name, office(name).bytes, 'ratings');
    expect(t.rows.filter((_, k) => k % 2 === 0).map((r) => r.cells[1])).toEqual(NAMES);
  });

  it.each(['shp-tcvn3-dbf.zip', 'shp-vni-dbf.zip'])('%s: a .dbf typed in a legacy font gives Unicode names', async (name) => {
    const r = await importFiles([office(name), fixture('good', 'ratings.xlsx')]);
    expectBalanced(r.report);
    expect(r.report.issues.find((i) => i.file === name && i.reason === 'encoding-converted')).toBeDefined();
    const units = new Map(r.bundle!.units.toArray().map((u) => [u.code as string, u.name as string]));
    expect(CODES.map((c) => units.get(c))).toEqual(NAMES);
  });
});

/** Largest distance (m) between the read vertices and the lon/lat cells they were made from. */
function worstOffset(units: { code: string; geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon }[]): number {
  let worst = 0;
  for (const u of units) {
    const i = CODES.indexOf(u.code);
    const x0 = 105.3 + 0.03 * (i % 3);
    const y0 = 23.2 + 0.03 * Math.floor(i / 3);
    const corners = [[x0, y0], [x0, y0 + 0.03], [x0 + 0.03, y0 + 0.03], [x0 + 0.03, y0]];
    const ring = (u.geometry.type === 'Polygon' ? u.geometry.coordinates[0] : u.geometry.coordinates[0][0]) as number[][];
    for (const p of ring) {
      const d = Math.min(...corners.map((c) => Math.hypot((p[0] - c[0]) * 111_320 * Math.cos((c[1] * Math.PI) / 180), (p[1] - c[1]) * 110_574)));
      worst = Math.max(worst, d);
    }
  }
  return worst;
}

describe('Shapefiles in VN-2000 TM-3', () => {
  it.each(['shp-tm3-gdal-unknown-datum.zip', 'shp-tm3-esri.zip'])('%s lands within 2 m of the lon/lat cells', (name) => {
    const v = validateBoundaries(readBoundaryFile(name, office(name).bytes), { code: 'MA_XA', name: 'TEN_XA' });
    expect(v.summary).toMatchObject({ total: 6, loaded: 6 });
    expect(v.crs).toMatchObject({ label: 'VN-2000 / TM-3 105°30′', meridian: 105.5, datum: 'vn2000' });
    expect(worstOffset(v.units)).toBeLessThan(2);
  });

  it('refuses one without a .prj until a coordinate system is chosen, and keeps the meridian with the data', async () => {
    const refused = await importFiles([office('shp-tm3-no-prj.zip'), fixture('good', 'ratings.xlsx')]);
    expectBalanced(refused.report);
    expect(refused.report.usable).toBe(false);
    expect(refused.report.issues.slice(0, 3).map((i) => i.reason)).toEqual(['crs-unknown-metres', 'prj-missing', 'rows-not-checked']);
    // The ratings are not listed row by row against boundaries that never loaded.
    expect(refused.report.issues.filter((i) => i.file === 'ratings.xlsx' && i.severity === 'error').map((i) => [i.reason, i.row, i.params])).toEqual([['rows-not-checked-units', null, { count: 12 }]]);

    // Hà Giang's zone, chosen by province code as in the dialog.
    const chosen = await importFiles([office('shp-tm3-no-prj.zip'), fixture('good', 'ratings.xlsx')], { crs: 'VN2000-TM3:02', simplify: 0 });
    expectBalanced(chosen.report);
    expect(chosen.report.usable).toBe(true);
    expect(chosen.bundle!.manifest.sourceCrs).toMatchObject({ label: 'VN-2000 / TM-3 105°30′', meridian: 105.5 });
    // The dialog chooses per file.
    const perFile = await importFiles([office('shp-tm3-no-prj.zip', { crs: 'VN2000-TM3:105.5' }), fixture('good', 'ratings.xlsx')]);
    expect(perFile.report.files[0]).toMatchObject({ loaded: 6, rejected: 0 });
    const v = validateBoundaries(readBoundaryFile('x.zip', office('shp-tm3-no-prj.zip').bytes), { code: 'MA_XA' }, { crs: 'VN2000-TM3:105.5' });
    expect(worstOffset(v.units)).toBeLessThan(2);
  });

  it('proposes the zone of the province the file names, and shows where each choice would land', async () => {
    const [ins] = await inspectFiles([office('shp-tm3-no-prj.zip')]);
    expect(ins.crs!.declared).toBeNull();
    expect(ins.crs!.guess).toEqual({ id: 'VN2000-TM3:105.5', confident: true });
    const right = previewCrs(ins.crs!, 'VN2000-TM3:02')!;
    expect(right[0]).toBeCloseTo(105.3, 4);
    expect(right[1]).toBeCloseTo(23.2, 4);
    expect(right[2]).toBeCloseTo(105.39, 4);
    expect(right[3]).toBeCloseTo(23.26, 4);
    // Another province's zone lands kilometres away, a WGS 84 lon/lat reading nowhere.
    expect(previewCrs(ins.crs!, 'VN2000-TM3:22')![0]).toBeGreaterThan(107);
    expect(previewCrs(ins.crs!, 'EPSG:4326')![0]).toBeGreaterThan(1000);
    const [declared] = await inspectFiles([office('shp-tm3-esri.zip')]);
    expect(declared.crs!.guess).toEqual({ id: 'VN2000-TM3:105.5', confident: true });
  });

  it('says so when a chosen system overrides the .prj', () => {
    const v = validateBoundaries(readBoundaryFile('x.zip', office('shp-tm3-esri.zip').bytes), { code: 'MA_XA' }, { crs: 'VN2000-TM3:22' });
    expect(v.issues.find((i) => i.reason === 'crs-overridden')?.params).toEqual({ crs: 'VN-2000 / TM-3 107°45′' });
    // The wrong meridian moves everything by kilometres: the choice matters.
    expect(worstOffset(v.units)).toBeGreaterThan(1000);
  });
});

describe('swapped axes', () => {
  it('refuses the file with the suggestion, and reports nothing row by row after it', async () => {
    const r = await importFiles([office('swapped-axes.geojson'), fixture('good', 'ratings.xlsx')]);
    expectBalanced(r.report);
    expect(r.report.issues[0]).toMatchObject({ reason: 'axes-swapped', file: 'swapped-axes.geojson', params: { x: 23.2, y: 105.3 } });
    expect(r.report.issues.filter((i) => i.row !== null)).toEqual([]);
    expect(renderReport(r.report)).toMatch(/có vẻ kinh độ và vĩ độ bị đảo/i);
    const fixed = await importFiles([office('swapped-axes.geojson'), fixture('good', 'ratings.xlsx')], { crs: 'latlon' });
    expect(fixed.report.usable).toBe(true);
    expect(fixed.report.files[0]).toMatchObject({ loaded: 6, rejected: 0 });
    // Read as asked, and still said first: the file itself is wrong.
    expect(orderIssues(fixed.report.issues)[0]).toMatchObject({ reason: 'axes-swapped-read', severity: 'warning', file: 'swapped-axes.geojson' });
    expect(renderReport(fixed.report)).toContain('Kinh độ và vĩ độ bị đảo trong tệp: đã đọc theo thứ tự vĩ độ, kinh độ như đã chọn.');
  });
});
