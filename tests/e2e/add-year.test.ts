/**
 * "Thêm năm xếp loại" in the app, from file://: a dataset imported and kept in
 * the browser (IndexedDB) takes a new year's sheet; the map, the year list and
 * the kept copy then have it (a reload opens it with the new year); the report
 * says which years were added and kept, and rows the data cannot take. A
 * rating sheet dropped alone on the new-dataset mode is offered as years too.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeImport, offMachine, openApp, openImport, runImport, waitColoured, type Watched } from './browser.ts';

const GOOD = resolve('tests/fixtures/good');

async function yearOptions(page: Page): Promise<number[]> {
  return (await page.getByTestId('year').locator('option').allTextContents()).map(Number).sort((a, b) => a - b);
}

/** Opens the dataset this browser keeps and waits for it on the map. */
async function openKept(page: Page) {
  await page.getByTestId('kept').waitFor({ timeout: 60_000 });
  await page.getByTestId('kept').getByRole('button', { name: /Mở bộ dữ liệu đã lưu|Open/ }).click();
  // A failure to open it is shown on the page: the poll then says why instead of timing out.
  await expect
    .poll(async () => ((await page.getByTestId('kept-error').count()) ? await page.getByTestId('kept-error').textContent() : await page.getByTestId('imported').count()), { timeout: 120_000 })
    .toBe(1);
  await waitColoured(page);
}

describe('Thêm năm xếp loại (file://)', () => {
  let tmp: string;
  let browser: Browser;
  let w: Watched;

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'atlas-add-year-'));
    ({ browser, w } = await openApp({ dbReady: true }));
  });
  afterAll(async () => {
    await browser?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('imports the Hà Giang pair and keeps it in the browser', async () => {
    const { page } = w;
    await openImport(page);
    await page.getByTestId('import-input').setInputFiles([join(GOOD, 'communes.geojson'), join(GOOD, 'ratings.xlsx')]);
    await page.locator('[data-testid="import-dialog"] fieldset[data-file="ratings.xlsx"]').waitFor();
    await page.getByTestId('import-keep').check();
    await runImport(page, /Đã nạp 6/);
    await closeImport(page);
    await waitColoured(page);
    await expect.poll(() => yearOptions(page), { timeout: 30_000 }).toEqual([2023, 2024]);
  });

  it('adds 2025 from a sheet: the map shows it, the report says what changed, the kept copy is updated', async () => {
    const { page } = w;
    await page.reload();
    await openKept(page);
    await expect.poll(() => yearOptions(page), { timeout: 30_000 }).toEqual([2023, 2024]);

    const sheet = join(tmp, 'xep-loai-2025.csv');
    // Five communes rated, one code unknown to the data on screen.
    writeFileSync(sheet, '\uFEFFMã xã,Năm,Xếp loại,Điểm\r\n00691,2025,Xuất sắc,92\r\n00694,2025,Khá,81\r\n697,2025,TB,64\r\n00700,2025,Yếu,40\r\n00703,2025,K,78\r\n99999,2025,K,70\r\n');
    await openImport(page);
    await page.getByTestId('import-mode-years').click();
    await page.getByTestId('import-input').setInputFiles(sheet);
    await page.locator('[data-testid="import-dialog"] fieldset[data-file="xep-loai-2025.csv"]').waitFor();
    // This is the kept dataset: its copy in the browser is updated, no checkbox to tick.
    await page.getByTestId('years-kept-note').waitFor();
    await runImport(page, /Đã cập nhật năm 2025.*Đã lưu lại trong trình duyệt/);
    const changes = await page.getByTestId('year-changes').locator('li').allTextContents();
    expect(changes).toEqual(['Năm thêm mới: 2025: 5 dòng', 'Năm thay thế: không có', 'Năm giữ nguyên: 2023: 6 dòng; 2024: 6 dòng']);
    // For a human look at the dialog: ATLAS_SCREENSHOTS=dir.
    if (process.env.ATLAS_SCREENSHOTS) await page.screenshot({ path: join(process.env.ATLAS_SCREENSHOTS, 'add-year-dialog.png') });
    expect(await page.locator('[data-testid="import-report"] li[data-reason="unknown-code"]').count()).toBe(1);
    expect(await page.locator('[data-testid="import-report"] li[data-reason="units-without-ratings"]').textContent()).toContain('00706');
    await closeImport(page);

    await waitColoured(page);
    await expect.poll(() => yearOptions(page), { timeout: 30_000 }).toEqual([2023, 2024, 2025]);
    await expect.poll(() => page.getByTestId('year').inputValue()).toBe('2025');
    await page.waitForFunction(() => (document.documentElement.dataset.mapKey ?? '').includes('|2025|rating'), undefined, { timeout: 60_000 });
    // The worklist, weakest first, starts with Sủng Là (Yếu in 2025); names stay text.
    await expect.poll(async () => (await page.locator('.wl-row .c-name').allTextContents())[0], { timeout: 30_000 }).toBe('Xã <script>alert("x")</script> Sủng Là');

    // The kept copy has the new year.
    await page.reload();
    await openKept(page);
    await expect.poll(() => yearOptions(page), { timeout: 30_000 }).toEqual([2023, 2024, 2025]);
    expect(w.pageErrors).toEqual([]);
    expect(offMachine(w.requests)).toEqual([]);
  });

  it('offers a rating sheet dropped alone on "Nạp bộ dữ liệu mới" as years for the data on screen, not as codes missing from no boundaries', async () => {
    const { page } = w;
    const sheet = join(tmp, 'xep-loai-2026.csv');
    writeFileSync(sheet, '\uFEFFMã xã,Năm,Xếp loại\r\n00691,2026,Khá\r\n00694,2026,Khá\r\n00697,2026,Yếu\r\n00700,2026,Khá\r\n00703,2026,Khá\r\n00706,2026,Xuất sắc\r\n');
    await openImport(page);
    expect(await page.getByTestId('import-mode-dataset').getAttribute('aria-pressed')).toBe('true');
    await page.getByTestId('import-input').setInputFiles(sheet);
    await page.getByTestId('years-from-files').waitFor();
    expect(await page.getByTestId('import-mode-dataset').getAttribute('aria-pressed')).toBe('true');
    await page.getByTestId('years-switch').click();
    expect(await page.getByTestId('import-mode-years').getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByTestId('years-from-files').count()).toBe(0);
    await page.locator('[data-testid="import-dialog"] fieldset[data-file="xep-loai-2026.csv"]').waitFor();
    await runImport(page, /Đã cập nhật năm 2026/);
    expect(await page.getByTestId('year-changes').locator('li').first().textContent()).toBe('Năm thêm mới: 2026: 6 dòng');
    expect(await page.locator('[data-testid="import-report"] li[data-reason="unknown-code"]').count()).toBe(0);
    expect(await page.locator('[data-testid="import-report"] li[data-reason="missing-input"]').count()).toBe(0);
    await closeImport(page);
    await waitColoured(page);
    await expect.poll(() => yearOptions(page), { timeout: 30_000 }).toEqual([2023, 2024, 2025, 2026]);

    // A boundaries file added next to the sheet makes it a new dataset again.
    await openImport(page);
    await page.getByTestId('import-input').setInputFiles(sheet);
    await page.getByTestId('years-from-files').waitFor();
    await page.getByTestId('import-input').setInputFiles(join(GOOD, 'communes.geojson'));
    await page.locator('[data-testid="import-dialog"] fieldset[data-file="communes.geojson"]').waitFor();
    expect(await page.getByTestId('years-from-files').count()).toBe(0);
    expect(await page.getByTestId('import-mode-dataset').getAttribute('aria-pressed')).toBe('true');
    await closeImport(page);
    expect(w.pageErrors).toEqual([]);
    expect(offMachine(w.requests)).toEqual([]);
  });
});
