/**
 * Priority areas as a user sees them, in the built folder opened from file://:
 * a commune's detail gives each flag's evidence and source ("Biên giới Trung
 * Quốc 12,4 km (tính từ ranh giới)"), and a declared list brought through "Nạp
 * dữ liệu" with a kind of its own (label, colour) gets its filter entry, its
 * overlay in its colour, its legend line and its words in the detail.
 * Expectations are read from the bundle in node, apart from the page.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtDist, countColor, fileUrl, launch, offMachine, openImport, openWatched, runImport, waitColoured } from './browser.ts';
import { readDistBundle } from './dist-bundle.ts';

const DIST = builtDist();
const GOOD = resolve('tests/fixtures/good');

interface Flag {
  code: string;
  structure: string;
  kind: string;
  detail: string | null;
  source: string;
  length_km: number | null;
}

const waitDb = (page: Page) => page.waitForFunction(() => document.documentElement.dataset.dbState === 'ready', undefined, { timeout: 60_000 });

describe('priority areas (file://)', () => {
  let browser: Browser;
  let flags: Flag[];
  let structure: string;

  beforeAll(async () => {
    browser = await launch();
    const bundle = await readDistBundle(DIST);
    structure = bundle.manifest.structures[0].id;
    flags = tableFromIPC(bundle.parts.priority).toArray().map((r) => r.toJSON() as Flag);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows a border commune’s kilometres of border and where the flag came from, in both languages', async () => {
    // The demo's longest stretch of the Chinese border in the structure on screen.
    const border = flags.filter((f) => f.structure === structure && f.kind === 'border' && f.detail === 'Trung Quốc' && f.source === 'computed').sort((a, b) => b.length_km! - a.length_km!)[0];
    expect(border.length_km).toBeGreaterThan(1);
    const km = (lang: string) => border.length_km!.toLocaleString(lang, { maximumFractionDigits: 1 });

    const w = await openWatched(browser, `${fileUrl(DIST)}#v=1&sel=${border.code}`);
    await waitColoured(w.page);
    const item = w.page.locator('[data-testid="detail-flags"] li[data-kind="border"]', { hasText: 'Trung Quốc' });
    await expect.poll(() => item.textContent(), { timeout: 60_000 }).toBe(`Biên giới Trung Quốc ${km('vi-VN')} km (tính từ ranh giới)`);

    await w.page.goto(`${fileUrl(DIST)}#v=1&sel=${border.code}&l=en`);
    await waitColoured(w.page);
    await expect.poll(() => w.page.locator('[data-testid="detail-flags"] li[data-kind="border"]', { hasText: 'China' }).textContent(), { timeout: 60_000 }).toBe(
      `Border with China ${km('en-GB')} km (computed from boundaries)`,
    );
    expect(w.pageErrors).toEqual([]);
    expect(offMachine(w.requests)).toEqual([]);
    await w.page.context().close();
  });

  it('says a đặc khu is an island by law', async () => {
    const special = flags.find((f) => f.structure === '2025' && f.kind === 'island' && f.detail === 'đặc khu');
    expect(special, 'a đặc khu in the demo').toBeDefined();
    const w = await openWatched(browser, `${fileUrl(DIST)}#v=1&s=2025&sel=${special!.code}`);
    await waitColoured(w.page);
    await expect.poll(() => w.page.locator('[data-testid="detail-flags"] li[data-kind="island"]').textContent(), { timeout: 60_000 }).toBe('Hải đảo (đặc khu) (tính từ ranh giới)');
    await w.page.context().close();
  });

  describe('a declared list with a kind of its own, through "Nạp dữ liệu"', () => {
    let tmp: string;
    let page: Page;
    const MAGENTA: [number, number, number] = [255, 0, 255];

    beforeAll(async () => {
      tmp = mkdtempSync(join(tmpdir(), 'atlas-declared-'));
      // Two communes of the good fixture declared as a parish area, with an English label and a colour.
      writeFileSync(
        join(tmp, 'dia-ban-trong-diem.csv'),
        '\uFEFFMã xã,Loại địa bàn,Chi tiết,Tiếng Anh,Màu\r\n00691,Vùng giáo xứ,Giáo xứ Lũng Cú,Parish area,#FF00FF\r\n00694,Vùng giáo xứ,,Parish area,#FF00FF\r\n00697,Dân tộc thiểu số,Khu vực III,,\r\n',
      );
      const w = await openWatched(browser, `${fileUrl(DIST)}#v=1&o=`);
      page = w.page;
      await waitColoured(page);
      await waitDb(page);
      await openImport(page);
      await page.getByTestId('import-input').setInputFiles([join(GOOD, 'communes.geojson'), join(GOOD, 'ratings.xlsx'), join(tmp, 'dia-ban-trong-diem.csv')]);
      await page.locator('[data-testid="import-dialog"] fieldset[data-file="dia-ban-trong-diem.csv"]').waitFor();
      await runImport(page, /Đã nạp 6/);
    });
    afterAll(() => rmSync(tmp, { recursive: true, force: true }));

    it('takes the file as the declared list and sums up the new data’s flags by kind', async () => {
      await expect.poll(() => page.locator('[data-testid="import-dialog"] fieldset[data-file="dia-ban-trong-diem.csv"] legend').textContent()).toContain('địa bàn trọng điểm');
      expect(await page.locator('[data-testid="import-flags"] li[data-kind="vung_giao_xu"]').textContent()).toBe('Vùng giáo xứ: 2 xã (0 tính từ ranh giới, 2 theo danh sách)');
      expect(await page.locator('[data-testid="import-flags"] li[data-kind="ethnic_minority"]').textContent()).toBe('Vùng đồng bào dân tộc thiểu số: 1 xã (0 tính từ ranh giới, 1 theo danh sách)');
      await page.getByTestId('import-dialog').getByRole('button', { name: /Đóng|Close/ }).click();
      await waitColoured(page);
    });

    it('lists the new kind in the filter, filters the worklist to it and charts it against the rest', async () => {
      const entry = page.locator('label.check', { has: page.locator('input[data-kind="vung_giao_xu"]') });
      await expect.poll(() => entry.textContent(), { timeout: 30_000 }).toBe('Vùng giáo xứ (2)');
      await page.locator('input[data-kind="vung_giao_xu"]').check();
      await expect.poll(async () => (await page.locator('.wl-row .c-name').allTextContents()).sort(), { timeout: 30_000 }).toEqual(['Xã Lũng Cú', 'Xã Ma Lé']);
      await expect.poll(() => page.locator('[data-testid="charts"] .chart-legend').first().textContent(), { timeout: 30_000 }).toContain('Vùng giáo xứ');
      await page.locator('input[data-kind="vung_giao_xu"]').uncheck();
    });

    it('outlines the new kind on the map in its own colour, only while its overlay is on, with a legend line', async () => {
      const magenta = async () => countColor(await page.locator('.stage').screenshot(), MAGENTA, 40);
      expect(await magenta()).toBeLessThan(20);
      const toggle = page.locator('label.overlay-toggle', { has: page.locator('input[data-overlay="vung_giao_xu"]') });
      expect(await toggle.textContent()).toBe('Vùng giáo xứ (2)');
      await page.locator('input[data-overlay="vung_giao_xu"]').check();
      await expect.poll(magenta, { timeout: 20_000 }).toBeGreaterThan(200);
      await expect.poll(() => page.locator('[data-testid="legend-overlays"] li[data-kind="vung_giao_xu"]').textContent(), { timeout: 20_000 }).toBe('Vùng giáo xứ2');
      await page.locator('input[data-overlay="vung_giao_xu"]').uncheck();
      await expect.poll(magenta, { timeout: 20_000 }).toBeLessThan(20);
      expect(await page.getByTestId('legend-overlays').count()).toBe(0);
    });

    it('names the declared flags in the commune’s detail, as from the list', async () => {
      await page.locator('.wl-row', { hasText: 'Xã Lũng Cú' }).click();
      await expect.poll(() => page.locator('[data-testid="detail-flags"] li[data-kind="vung_giao_xu"]').textContent(), { timeout: 30_000 }).toBe('Vùng giáo xứ — Giáo xứ Lũng Cú (theo danh sách)');
      expect(await page.locator('[data-testid="detail-flags"] li[data-kind="vung_giao_xu"]').getAttribute('data-source')).toBe('declared');
    });
  });
});
