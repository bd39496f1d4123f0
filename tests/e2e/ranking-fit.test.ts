/**
 * The province ranking fits its panel in both languages: in English its table
 * was 24 px wider than the 400-pixel panel, whose overflow is hidden, so every
 * row's "Report" button was cut at the screen's edge (1920×1080 and 1366×768).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtDist, fileUrl, launch, openWatched, waitColoured } from './browser.ts';

const DIST = builtDist();

describe('province ranking in the right panel (file://)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.each([
    ['en', 1920, 1080],
    ['vi', 1920, 1080],
    ['en', 1366, 768],
  ] as const)('%s at %i×%i: the table no wider than its panel, every report button inside it', async (lang, width, height) => {
    const w = await openWatched(browser, `${fileUrl(DIST)}?lang=${lang}`, { width, height });
    const { page } = w;
    try {
      await waitColoured(page);
      // At 1366×768 the side panels start folded.
      if (await page.getByTestId('tab-provinces').isHidden()) await page.getByTestId('panels-toggle').click();
      await page.getByTestId('tab-provinces').click();
      await page.getByTestId('ranking-report').first().waitFor({ timeout: 60_000 });
      const fit = await page.evaluate(() => {
        const ranking = document.querySelector<HTMLElement>('[data-testid="province-ranking"]')!;
        const panel = ranking.closest('.right')!.getBoundingClientRect();
        const buttons = [...document.querySelectorAll('[data-testid="ranking-report"]')].map((b) => b.getBoundingClientRect().right);
        return { table: ranking.querySelector('table')!.scrollWidth, room: ranking.clientWidth, panelRight: panel.right, buttonRight: Math.max(...buttons) };
      });
      expect(fit.table).toBeLessThanOrEqual(fit.room);
      expect(fit.buttonRight).toBeLessThanOrEqual(fit.panelRight);
      expect(w.pageErrors).toEqual([]);
    } finally {
      await page.context().close();
    }
  });

  it("in the data's first year: no columns of dashes, a line that says there is no earlier year; changes with one decimal", async () => {
    const w = await openWatched(browser, `${fileUrl(DIST)}?lang=vi`, { width: 1920, height: 1080 });
    const { page } = w;
    try {
      await waitColoured(page);
      await page.getByTestId('tab-provinces').click();
      const table = page.getByTestId('province-ranking');
      await page.getByTestId('ranking-report').first().waitFor({ timeout: 60_000 });
      // A later year: the compared year's columns, every change with one decimal ("+25,0", "−3,3", "0,0").
      expect(await table.locator('thead th').count()).toBe(8);
      const changes = await table.locator('tbody tr td:nth-child(7)').allTextContents();
      expect(changes.length).toBeGreaterThan(10);
      for (const c of changes) expect(c).toMatch(/^(?:[+−]\d+,\d|0,0)$/);
      const first = Math.min(...(await page.getByTestId('year').locator('option').allTextContents()).map(Number));
      await page.getByTestId('year').selectOption(String(first));
      await page.getByTestId('ranking-no-compare').waitFor({ timeout: 60_000 });
      expect(await page.getByTestId('ranking-no-compare').textContent()).toBe(`Năm ${first} là năm đầu tiên của dữ liệu: chưa có năm trước để so sánh.`);
      expect(await table.locator('thead th').count()).toBe(6);
      expect(await table.locator('tbody td', { hasText: /^–$/ }).count()).toBe(0);
      expect(w.pageErrors).toEqual([]);
    } finally {
      await page.context().close();
    }
  });
});
