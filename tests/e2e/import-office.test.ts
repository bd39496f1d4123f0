/**
 * The import dialog with files as offices send them, from file://: a
 * report-style Excel sheet (titles, merged cells, totals, signatures) and a
 * zipped Shapefile in VN-2000 TM-3 with no .prj. The dialog shows the sheet and
 * header row it found, proposes Hà Giang's TM-3 zone from the file's province
 * code and shows on a small map where the data lands, before anything loads;
 * the report opens with its findings, then the counts, then the rows. A column
 * mapping chosen by hand is proposed again the next time.
 */
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeImport, offMachine, openApp, openImport, reportCounts, runImport, waitColoured, type Watched } from './browser.ts';

const OFFICE = resolve('tests/fixtures/office');
const GOOD = resolve('tests/fixtures/good');
const BAD = resolve('tests/fixtures/bad');

/** Opens the import dialog with these files and waits for the fieldset of `shown` (a file name). */
async function offer(page: Watched['page'], files: string[], shown: string) {
  await openImport(page);
  await page.getByTestId('import-input').setInputFiles(files);
  const sheet = page.locator(`fieldset[data-file="${shown}"]`);
  await sheet.waitFor();
  return sheet;
}


describe('import dialog with office files (file://)', () => {
  let browser: Browser;
  let w: Watched;

  beforeAll(async () => {
    ({ browser, w } = await openApp({ dbReady: true }));
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('reads a report-style sheet and a Shapefile without .prj in the zone chosen, after showing where it lands', async () => {
    const { page } = w;
    await openImport(page);
    await page.getByTestId('import-input').setInputFiles([join(OFFICE, 'shp-tm3-no-prj.zip'), join(OFFICE, 'report-long.xlsx')]);
    const sheet = page.locator('fieldset[data-file="report-long.xlsx"]');
    const shp = page.locator('fieldset[data-file="shp-tm3-no-prj.zip"]');
    await sheet.waitFor();

    // The sheet and header row found, offered for change.
    expect(await sheet.getByTestId('import-sheet').inputValue()).toBe('Xếp loại');
    expect(await sheet.getByTestId('import-header-row').inputValue()).toBe('7');
    expect(await sheet.getByTestId('import-header-row').locator('option[value="7"]').textContent()).toBe('Dòng 7: STT | Mã xã | Tên xã | Năm | Xếp loại | Điểm');
    expect(await sheet.locator('select[data-field="rating"]').inputValue()).toBe('Xếp loại');

    // The coordinate system: no .prj, Hà Giang's zone proposed from the province code, landing in Vietnam.
    expect(await shp.getByTestId('crs-choice').inputValue()).toBe('VN2000-TM3');
    expect(await shp.getByTestId('crs-meridian').inputValue()).toBe('105.5');
    expect(await shp.getByTestId('crs-meridian').locator('option[value="105.5"]').textContent()).toMatch(/^105°30′ – .*Hà Giang/);
    expect(await shp.getByTestId('crs-preview').getAttribute('data-where')).toBe('inside');
    expect(await shp.getByTestId('crs-verdict').textContent()).toMatch(/^Dữ liệu nằm trong Việt Nam \(105\.30–105\.39°E, 23\.20–23\.26°N\)/);
    const box = await shp.getByTestId('crs-box').boundingBox();
    const svg = await shp.getByTestId('crs-preview').boundingBox();
    // Hà Giang is at the top of the country, a little left of the middle of the frame.
    expect(box!.y - svg!.y).toBeLessThan(svg!.height * 0.12);

    // Another choice moves the box: WGS 84 lon/lat puts metres nowhere on Earth.
    await shp.getByTestId('crs-choice').selectOption('EPSG:4326');
    await expect.poll(() => shp.getByTestId('crs-preview').getAttribute('data-where')).toBe('outside');
    expect(await shp.getByTestId('crs-box').count()).toBe(0);
    // Back to VN-2000 TM-3, then Quảng Ninh's meridian: in Vietnam, but far east of Hà Giang.
    await shp.getByTestId('crs-choice').selectOption('VN2000-TM3');
    await shp.getByTestId('crs-meridian').selectOption('107.75');
    await expect.poll(() => shp.getByTestId('crs-verdict').textContent()).toMatch(/\(107\./);
    await shp.getByTestId('crs-meridian').selectOption('105.5');
    await expect.poll(() => shp.getByTestId('crs-verdict').textContent()).toMatch(/\(105\.30/);

    await runImport(page, /Đã nạp 6/);

    // Findings first, then counts, then rows; every row of each file accounted for.
    const order = await page.getByTestId('import-report').evaluate((el) => [...el.querySelectorAll('[data-testid="report-findings"], table.report-files, [data-testid="report-rows"]')].map((e) => e.getAttribute('data-testid') ?? 'table'));
    expect(order).toEqual(['report-findings', 'table', 'report-rows']);
    const findings = await page.getByTestId('report-findings').locator('li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-reason')));
    expect(findings).toContain('crs-reprojected');
    expect(findings).toContain('rows-skipped');
    expect(await page.getByTestId('report-findings').locator('li[data-reason="crs-reprojected"]').textContent()).toContain('VN-2000 / TM-3 105°30′');
    expect(await reportCounts(page, 'report-long.xlsx')).toEqual({ total: 12, loaded: 11, rejected: 1 });
    expect(await reportCounts(page, 'shp-tm3-no-prj.zip')).toMatchObject({ total: 6, loaded: 6 });
    const rowIssue = page.getByTestId('report-rows').locator('li[data-reason="rating-off-scale"]');
    expect(await rowIssue.textContent()).toMatch(/report-long\.xlsx · dòng 19 · cột “Xếp loại”/);
    await closeImport(page);

    await expect.poll(() => page.getByTestId('imported').count(), { timeout: 30_000 }).toBe(1);
    await waitColoured(page);
    await expect.poll(async () => (await page.locator('.wl-row .c-name').allTextContents()).sort(), { timeout: 30_000 }).toEqual(
      ['Thị trấn Đồng Văn', 'Xã Lũng Cú', 'Xã Ma Lé', 'Xã Phố Bảng', 'Xã Sà Phìn', 'Xã Sủng Là'].sort(),
    );
    expect(w.pageErrors).toEqual([]);
    expect(offMachine(w.requests)).toEqual([]);
  });

  it('reads a one-year report whose year is only in its title, and says where the year came from', async () => {
    const { page } = w;
    const sheet = await offer(page, [join(GOOD, 'communes.geojson'), join(OFFICE, 'report-year-in-title.xlsx')], 'report-year-in-title.xlsx');
    // No Năm column in the sheet: the year is offered as a column of its own, mapped, and nothing is refused.
    expect(await sheet.locator('select[data-field="year"]').inputValue()).toBe('Năm');
    await runImport(page, /Đã nạp 6/);
    expect(await reportCounts(page, 'report-year-in-title.xlsx')).toEqual({ total: 6, loaded: 6, rejected: 0 });
    expect(await page.getByTestId('report-findings').locator('li[data-reason="year-from-title"]').textContent()).toContain(
      'Bảng không có cột Năm: mọi dòng lấy năm 2025, ghi ở “BẢNG TỔNG HỢP KẾT QUẢ XẾP LOẠI PHONG TRÀO TOÀN DÂN BẢO VỆ AN NINH TỔ QUỐC NĂM 2025” (dòng 4).',
    );
    await closeImport(page);
    expect(w.pageErrors).toEqual([]);
    expect(offMachine(w.requests)).toEqual([]);
  });

  it('remembers a column mapping chosen by hand and proposes it for the next file', async () => {
    const { page } = w;
    // The dialog opens empty each time: what it shows below comes from the files and what it remembers.
    const sheet = await offer(page, [join(GOOD, 'communes.geojson'), join(OFFICE, 'odd-headers.xlsx')], 'odd-headers.xlsx');
    // Nothing named a known column: the row with the most texts is proposed, and the dialog says so.
    // level2_id is proposed as the code (a district file's code when there is no commune code); year and rating are not.
    expect(await sheet.getByTestId('import-header-row').inputValue()).toBe('3');
    expect(await sheet.locator('select[data-field="code"]').inputValue()).toBe('level2_id');
    expect(await sheet.locator('select[data-field="year"]').inputValue()).toBe('');
    await sheet.locator('select[data-field="code"]').selectOption('level2_id');
    await sheet.locator('select[data-field="year"]').selectOption('nam_dg');
    await sheet.locator('select[data-field="rating"]').selectOption('kq');
    await runImport(page, /Đã nạp 6/);
    expect((await reportCounts(page, 'odd-headers.xlsx')).loaded).toBe(6);
    await closeImport(page);

    await openImport(page);
    await page.getByTestId('import-input').setInputFiles([join(OFFICE, 'odd-headers.xlsx')]);
    await sheet.waitFor();
    expect(await sheet.locator('select[data-field="code"]').inputValue()).toBe('level2_id');
    expect(await sheet.locator('select[data-field="year"]').inputValue()).toBe('nam_dg');
    expect(await sheet.locator('select[data-field="rating"]').inputValue()).toBe('kq');
    // The remembered columns also mark the header row: recognised now.
    expect(await sheet.locator('.layout-picker .error-text').count()).toBe(0);
    await closeImport(page);
    expect(w.pageErrors).toEqual([]);
    expect(offMachine(w.requests)).toEqual([]);
  });

  it('says first what is wrong with a file, in Vietnamese only, with no row-by-row follow-ons', async () => {
    const { page } = w;
    await openImport(page);
    await page.getByTestId('import-input').setInputFiles([join(OFFICE, 'swapped-axes.geojson'), join(BAD, 'missing-columns.csv')]);
    const shp = page.locator('fieldset[data-file="swapped-axes.geojson"]');
    await shp.waitFor();
    // The picker proposes reading the swapped axes, and says why; the user insists on lon/lat.
    expect(await shp.getByTestId('crs-choice').inputValue()).toBe('latlon');
    expect(await shp.getByTestId('crs-note').textContent()).toMatch(/^Có vẻ kinh độ và vĩ độ bị đảo/);
    await shp.getByTestId('crs-choice').selectOption('EPSG:4326');
    await runImport(page, /giữ nguyên/);
    const findings = page.getByTestId('report-findings').locator('li');
    expect(await findings.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-reason')))).toEqual(['missing-column', 'axes-swapped', 'rows-not-checked', 'rows-not-checked']);
    expect(await page.getByTestId('report-findings').locator('li[data-reason="missing-column"] .what').textContent()).toBe('Thiếu cột bắt buộc: Năm, Xếp loại. Các cột có trong tệp: “Mã xã”, “Điểm”.');
    expect(await page.getByTestId('report-findings').locator('li[data-reason="axes-swapped"] .what').textContent()).toMatch(/^Có vẻ kinh độ và vĩ độ bị đảo \(x=23\.2, y=105\.3.*“WGS 84 – vĩ độ, kinh độ \(đảo trục\)”/);
    expect(await page.getByTestId('report-rows').count()).toBe(0);
    // Vietnamese throughout: no English word outside the quoted values and the file names.
    const text = (await page.getByTestId('import-report').textContent())!.replace(/“[^”]*”|--[a-z]+ \S+|[\w-]+\.(?:csv|geojson)/g, '');
    expect(text.match(/\b(the|row|rows|column|columns|missing|not|file|lon|lat|checked|because)\b/gi)).toBeNull();
    await closeImport(page);
    expect(w.pageErrors).toEqual([]);
  });

  it('reads swapped axes as proposed, and names both values of a duplicate that disagrees', async () => {
    const { page } = w;
    await openImport(page);
    await page.getByTestId('import-input').setInputFiles([join(OFFICE, 'swapped-axes.geojson'), join(BAD, 'duplicate-keys.csv')]);
    await page.locator('fieldset[data-file="swapped-axes.geojson"]').waitFor();
    await runImport(page, /Đã nạp 6/);
    const first = page.getByTestId('report-findings').locator('li').first();
    expect(await first.getAttribute('data-reason')).toBe('axes-swapped-read');
    const conflicts = page.getByTestId('report-rows').locator('li[data-reason="duplicate-conflict"] .what');
    expect(await conflicts.allTextContents()).toEqual([
      'Mã 00691 năm 2024 có hai xếp loại khác nhau: dòng 2 ghi “Khá”, dòng 3 ghi “Yếu”. Không biết dòng nào đúng nên loại cả hai; hãy sửa tệp.',
      'Mã 00691 năm 2024 có hai xếp loại khác nhau: dòng 2 ghi “Khá”, dòng 3 ghi “Yếu”. Không biết dòng nào đúng nên loại cả hai; hãy sửa tệp.',
    ]);
    expect(await reportCounts(page, 'duplicate-keys.csv')).toEqual({ total: 3, loaded: 1, rejected: 2 });
    await closeImport(page);
    expect(w.pageErrors).toEqual([]);
    expect(offMachine(w.requests)).toEqual([]);
  });
});
