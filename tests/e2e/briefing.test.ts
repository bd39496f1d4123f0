/**
 * Leaders' briefing, from file://: three saved views survive a reload and play
 * in order with the keyboard; a copied link reopens the same year, filters and
 * extent in a new page.
 */
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { PNG } from 'pngjs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtDist, cameraAtRest, fileUrl, openApp, openWatched, waitColoured, type Watched } from './browser.ts';

const DIST = builtDist();

async function camera(page: Page) {
  await cameraAtRest(page);
  return page.evaluate(() => (globalThis as unknown as { movementAtlas: { camera: () => { lng: number; lat: number; zoom: number } } }).movementAtlas.camera());
}

describe('briefing (file://)', () => {
  let browser: Browser;
  let w: Watched;

  beforeAll(async () => {
    ({ browser, w } = await openApp({ viewport: { width: 1400, height: 850 }, dbReady: true }));
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('saves three views, keeps them across a reload and plays them in order with the keyboard', async () => {
    const { page } = w;
    await page.getByTestId('tab-views').click();
    const slides = [
      { title: 'Toàn quốc 2025', year: '2025', structure: '2025' },
      { title: 'Trước sáp nhập 2020', year: '2020', structure: 'pre2025' },
      { title: 'Xã yếu 2024', year: '2024', structure: 'pre2025', weak: true },
    ];
    for (const s of slides) {
      await page.getByTestId('structure').selectOption(s.structure);
      await page.getByTestId('year').selectOption(s.year);
      if (s.weak) await page.getByTestId('preset-weak').click();
      await page.getByTestId('view-title').fill(s.title);
      await page.getByTestId('view-capture').click();
    }
    expect(await page.locator('[data-testid="views-list"] li').count()).toBe(3);

    await page.reload();
    await waitColoured(page);
    await page.waitForFunction(() => document.documentElement.dataset.dbState === 'ready', undefined, { timeout: 60_000 });
    await page.getByTestId('tab-views').click();
    expect(await page.locator('[data-testid="views-list"] .view-open').allTextContents()).toEqual(slides.map((s, i) => `${i + 1}. ${s.title}`));

    await page.getByTestId('present').click();
    await page.getByTestId('slide').waitFor();
    const seen: string[] = [];
    for (let i = 0; i < slides.length; i++) {
      if (i > 0) await page.keyboard.press(i === 1 ? 'ArrowRight' : 'PageDown');
      await expect.poll(() => page.getByTestId('slide-title').textContent()).toBe(slides[i].title);
      await page.waitForFunction((y) => (document.documentElement.dataset.mapKey ?? '').includes(`|${y}|`), slides[i].year, { timeout: 60_000 });
      seen.push(`${await page.getByTestId('slide-counter').textContent()} ${await page.getByTestId('slide-title').textContent()}`);
    }
    expect(seen).toEqual(['1 / 3 Toàn quốc 2025', '2 / 3 Trước sáp nhập 2020', '3 / 3 Xã yếu 2024']);
    // Controls are hidden while presenting.
    expect(await page.locator('.topbar').isVisible()).toBe(false);
    expect(await page.locator('.left').isVisible()).toBe(false);
    await page.keyboard.press('PageUp');
    await expect.poll(() => page.getByTestId('slide-counter').textContent()).toBe('2 / 3');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.topbar').isVisible()).toBe(true);

    // The slides as a folder of PNGs (one .zip), slides in order, each 1920×1080.
    const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 240_000 }), page.getByTestId('slides-export').click()]);
    const files = unzipSync(new Uint8Array(readFileSync((await dl.path())!)));
    const names = Object.keys(files).sort();
    expect(names).toHaveLength(3);
    expect(names[0]).toMatch(/^01-/);
    expect(names[1]).toContain('Trước sáp nhập 2020');
    for (const n of names) {
      const png = PNG.sync.read(Buffer.from(files[n]));
      expect([png.width, png.height]).toEqual([1920, 1080]);
    }
  }, 600_000);

  it('a copied link reopens the same year, filters and extent in a new page', async () => {
    const { page } = w;
    await page.getByTestId('structure').selectOption('pre2025');
    await page.getByTestId('year').selectOption('2016');
    await page.locator('input[data-kind="border"]').check();
    await page.getByTestId('search').fill('tan');
    await page.waitForFunction(() => /[#&]q=tan/.test(location.hash) && (document.documentElement.dataset.worklistKey ?? '').includes('"text":"tan"'), undefined, { timeout: 60_000 });
    const before = await camera(page);
    const link = page.url();
    const count = await page.getByTestId('match-count').textContent();

    const other = await openWatched(browser, link, { width: 1400, height: 850 });
    await waitColoured(other.page);
    await other.page.waitForFunction(() => document.documentElement.dataset.dbState === 'ready', undefined, { timeout: 60_000 });
    expect(await other.page.getByTestId('year').inputValue()).toBe('2016');
    expect(await other.page.getByTestId('structure').inputValue()).toBe('pre2025');
    expect(await other.page.getByTestId('search').inputValue()).toBe('tan');
    expect(await other.page.locator('input[data-kind="border"]').isChecked()).toBe(true);
    await expect.poll(() => other.page.getByTestId('match-count').textContent(), { timeout: 30_000 }).toBe(count);
    const after = await camera(other.page);
    expect(Math.abs(after.lng - before.lng)).toBeLessThan(1e-3);
    expect(Math.abs(after.lat - before.lat)).toBeLessThan(1e-3);
    expect(Math.abs(after.zoom - before.zoom)).toBeLessThan(0.02);
    await other.page.context().close();
  });

  it('a damaged link falls back to the default view with a message, never a crash', async () => {
    const bad = await openWatched(browser, `${fileUrl(DIST)}#y=abc&s=1999&m=ind:evil`, { width: 1400, height: 850 });
    await waitColoured(bad.page);
    expect(await bad.page.getByTestId('link-problems').textContent()).toContain('y=abc');
    expect(bad.pageErrors).toEqual([]);
    await bad.page.context().close();
  });
});
