/**
 * Saved views shared as a file, from file://, through the panel's own buttons:
 * views saved and reordered are exported as JSON, deleted, opened again from
 * the file (the browser's file chooser), and come back in the same order with
 * their titles, notes and views; one of them shows its year, structure and
 * filter again; they survive a reload.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offMachine, openApp, waitColoured, type Watched } from './browser.ts';

const titles = (page: Page) => page.locator('[data-testid="views-list"] .view-open').allTextContents();

describe('saved views file (file://)', () => {
  let browser: Browser;
  let w: Watched;

  beforeAll(async () => {
    ({ browser, w } = await openApp({ viewport: { width: 1400, height: 850 }, dbReady: true, timeout: 120_000 }));
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('exports the views, deletes them, opens the file and gets them back in order', async () => {
    const { page } = w;
    await page.getByTestId('tab-views').click();
    const saved = [
      { title: 'Toàn quốc 2025', note: '', structure: '2025', year: '2025' },
      { title: 'Trước sáp nhập 2019', note: 'Để so với 2024', structure: 'pre2025', year: '2019' },
      { title: 'Xã yếu 2024', note: '', structure: 'pre2025', year: '2024', weak: true },
    ];
    for (const s of saved) {
      await page.getByTestId('structure').selectOption(s.structure);
      await page.getByTestId('year').selectOption(s.year);
      if (s.weak) await page.getByTestId('preset-weak').click();
      await page.getByTestId('view-title').fill(s.title);
      await page.locator('[data-testid="saved-views"] textarea').first().fill(s.note);
      await page.getByTestId('view-capture').click();
    }
    // The weak-communes view goes up one place: the order is no longer the order of saving.
    await page.locator('[data-testid="views-list"] li').nth(2).getByRole('button', { name: /^Lên$/ }).click();
    const order = [saved[0], saved[2], saved[1]];
    expect(await titles(page)).toEqual(order.map((s, i) => `${i + 1}. ${s.title}`));

    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('views-export').click()]);
    expect(dl.suggestedFilename()).toMatch(/\.json$/);
    const file = (await dl.path())!;
    const json = JSON.parse(readFileSync(file, 'utf8')) as { views: { title: string; note: string; hash: string }[] };
    expect(json.views.map((v) => v.title)).toEqual(order.map((s) => s.title));
    expect(json.views[2].note).toBe('Để so với 2024');
    expect(json.views[1].hash).toMatch(/[#&]r=Y(&|$)/);

    // Delete every view with its own button.
    while ((await page.locator('[data-testid="views-list"] li').count()) > 0) {
      await page.locator('[data-testid="views-list"] li').first().getByRole('button', { name: /^Xoá$/ }).click();
    }
    expect(await page.getByTestId('views-export').isDisabled()).toBe(true);

    // Open the exported file through the visible button and the browser's file chooser.
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Mở tệp góc nhìn' }).click()]);
    await chooser.setFiles(file);
    await expect.poll(() => titles(page)).toEqual(order.map((s, i) => `${i + 1}. ${s.title}`));
    expect(await page.locator('[data-testid="views-list"] .view-open').nth(2).getAttribute('title')).toBe('Để so với 2024');

    // A view from the file shows its year, structure and filter.
    await page.getByTestId('structure').selectOption('2025');
    await page.getByTestId('year').selectOption('2025');
    await page.locator('[data-testid="views-list"] .view-open').nth(1).click();
    await expect.poll(() => page.getByTestId('year').inputValue()).toBe('2024');
    expect(await page.getByTestId('structure').inputValue()).toBe('pre2025');
    await page.waitForFunction(() => (document.documentElement.dataset.mapKey ?? '').startsWith('pre2025|2024|rating|') && document.documentElement.dataset.mapSource === 'duckdb', undefined, { timeout: 60_000 });
    await expect.poll(() => page.url()).toMatch(/[#&]r=Y(&|$)/);

    // Kept in this browser like views saved here.
    await page.reload();
    await waitColoured(page);
    await page.getByTestId('tab-views').click();
    expect(await titles(page)).toEqual(order.map((s, i) => `${i + 1}. ${s.title}`));
    expect(w.pageErrors).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
    expect(offMachine(w.requests)).toEqual([]);
  });
});
