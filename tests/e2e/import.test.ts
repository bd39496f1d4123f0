/**
 * Bringing one's own data, from file://: a GeoJSON + XLSX pair through the file
 * picker replaces the map and the list, hostile names stay text; bad files show
 * the report and leave the previous data on the map.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeImport, offMachine, openApp, openImport, reportCounts, runImport, waitColoured, type Watched } from './browser.ts';

const GOOD = resolve('tests/fixtures/good');
const BAD = resolve('tests/fixtures/bad');

describe('import (file://)', () => {
  let browser: Browser;
  let w: Watched;
  const dialogs: string[] = [];

  beforeAll(async () => {
    ({ browser, w } = await openApp({
      dbReady: true,
      onPage: ({ page }) =>
        page.on('dialog', (d) => {
          dialogs.push(d.message());
          void d.dismiss();
        }),
    }));
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.each([
    ['zero-bytes.csv', 'file-empty-bytes'],
    ['truncated.zip', 'file-truncated'],
    ['rating-off-scale.csv', 'rating-off-scale'],
    // Metres without a CRS: the dialog proposes Hà Giang's TM-3 zone from the file's province code and says
    // it reprojected; with no ratings the import is still unusable (in the CLI, without --crs, it is crs-unknown-metres).
    ['projected-no-crs.geojson', 'crs-reprojected'],
  ])('a bad file (%s) shows the report (%s) and keeps the previous data', async (file, reason) => {
    const { page } = w;
    const before = await page.getByTestId('weak-count').textContent();
    const keyBefore = await page.evaluate(() => document.documentElement.dataset.mapKey);
    await openImport(page);
    await page.getByTestId('import-input').setInputFiles(join(BAD, file));
    await page.getByTestId('import-run').click();
    await page.getByTestId('import-report').waitFor({ timeout: 30_000 });
    expect(await page.locator(`[data-testid="import-report"] li[data-reason="${reason}"]`).count()).toBeGreaterThan(0);
    expect(await page.getByTestId('import-status').textContent()).toMatch(/giữ nguyên/);
    await closeImport(page);
    // Still the demo on the map and in the numbers.
    expect(await page.getByTestId('weak-count').textContent()).toBe(before);
    expect(await page.evaluate(() => document.documentElement.dataset.mapKey)).toBe(keyBefore);
    expect(await page.getByTestId('illustrative').count()).toBe(1);
    // Clear the picked files for the next case.
    await openImport(page);
    if (await page.getByRole('button', { name: /Bỏ các tệp|Clear the files/ }).count()) await page.getByRole('button', { name: /Bỏ các tệp|Clear the files/ }).click();
    await closeImport(page);
  });

  it('loads a GeoJSON + XLSX pair through the file picker; hostile names stay text', async () => {
    const { page } = w;
    await openImport(page);
    await page.getByTestId('import-input').setInputFiles([join(GOOD, 'communes.geojson'), join(GOOD, 'ratings.xlsx')]);
    await page.locator('[data-testid="import-dialog"] fieldset[data-file="ratings.xlsx"]').waitFor();
    await runImport(page, /Đã nạp 6/);
    // The report accounts for every row: loaded + rejected = total, and the total is every data row of each file.
    const [sheet] = await readXlsxFile(readFileSync(join(GOOD, 'ratings.xlsx')));
    const features = (JSON.parse(readFileSync(join(GOOD, 'communes.geojson'), 'utf8')) as { features: unknown[] }).features.length;
    for (const [file, rows] of [['ratings.xlsx', sheet.data.length - 1], ['communes.geojson', features]] as const) {
      const n = await reportCounts(page, file);
      expect(n.total, file).toBe(rows);
      expect(n.loaded + n.rejected, file).toBe(rows);
    }
    expect((await reportCounts(page, 'ratings.xlsx')).loaded).toBeGreaterThan(0);
    await closeImport(page);

    await expect.poll(() => page.getByTestId('imported').count(), { timeout: 30_000 }).toBe(1);
    expect(await page.getByTestId('illustrative').count()).toBe(0);
    await waitColoured(page);
    await expect.poll(async () => (await page.locator('.wl-row .c-name').allTextContents()).length, { timeout: 30_000 }).toBe(6);
    const names = await page.locator('.wl-row .c-name').allTextContents();
    expect(names).toContain('Xã <script>alert("x")</script> Sủng Là');
    expect(names).toContain('Xã <img src=x onerror=alert(1)> Phố Bảng');
    // Never executed, never turned into elements.
    expect(dialogs).toEqual([]);
    expect(await page.locator('.worklist img, .worklist script').count()).toBe(0);
    expect(w.pageErrors).toEqual([]);
    expect(offMachine(w.requests)).toEqual([]);
  });
});
