/**
 * `npm run screenshots`: the README's pictures of what a leader sees, taken
 * from the built folder (`npm run build` first) in Debian's Chromium at
 * 1920×1080 over file://, as the e2e tests open it: the national view, a
 * saved view played as a slide, and the A4 300 dpi export (scaled down to
 * 1240 px wide for the page). Written to docs/screenshots/ as JPEG.
 *
 *   npm run screenshots [-- --out DIR]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { builtDist, fileUrl, launch, openWatched, waitColoured } from '../tests/e2e/browser.ts';
import { readFlags, runIfMain, usageText, withUsage } from './lib/cli-main.ts';

const SIZE = { width: 1920, height: 1080 };

async function atRest(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const c = (globalThis as unknown as { movementAtlas: { camera?: () => { moving: boolean } } }).movementAtlas.camera?.();
    return !!c && !c.moving;
  }, undefined, { timeout: 60_000 });
  await page.waitForTimeout(800);
}

/** A PNG (bytes) scaled to `width` in the page and returned as JPEG bytes. */
async function scaledJpeg(page: Page, png: Buffer, width: number): Promise<Buffer> {
  const dataUrl = await page.evaluate(
    async ([b64, w]) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = w;
      c.height = Math.round((img.height * w) / img.width);
      const ctx = c.getContext('2d')!;
      ctx.imageSmoothingQuality = 'high';
      ctx.drawImage(img, 0, 0, c.width, c.height);
      return c.toDataURL('image/jpeg', 0.85);
    },
    [png.toString('base64'), width] as const,
  );
  return Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
}

const USAGE = usageText(['npm run screenshots -- [--out DIR]']);

function parse(argv: string[]): { out: string } {
  let out = 'docs/screenshots';
  withUsage(USAGE, () => readFlags(argv, (flag, value) => flag === '--out' && !!(out = value)));
  return { out: resolve(out) };
}

export async function takeScreenshots({ out }: { out: string }): Promise<number> {
  mkdirSync(out, { recursive: true });
  const browser = await launch();
  try {
    const { page } = await openWatched(browser, fileUrl(builtDist()), SIZE);
    await waitColoured(page);
    await page.waitForFunction(() => document.documentElement.dataset.dbTables === 'ready', undefined, { timeout: 120_000 });
    await atRest(page);
    const shots: string[] = [];
    const shot = async (name: string, bytes: Buffer) => {
      writeFileSync(join(out, name), bytes);
      shots.push(`${join(out, name)} (${Math.round(bytes.length / 1024)} KB)`);
    };
    await shot('national.jpg', await page.screenshot({ type: 'jpeg', quality: 85 }));

    // A slide: the weak communes of the land border, ringed at national scale.
    await page.getByTestId('preset-weak').click();
    await page.locator('input[data-kind="border"]').check();
    await page.waitForFunction(() => /"kinds":\["border"\]/.test(document.documentElement.dataset.tableKey ?? ''), undefined, { timeout: 60_000 });
    await page.getByTestId('tab-views').click();
    await page.getByTestId('view-title').fill('Xã yếu ở biên giới đất liền');
    await page.getByTestId('view-capture').click();
    await page.getByTestId('present').click();
    await page.getByTestId('slide').waitFor();
    await page.waitForFunction(() => document.documentElement.dataset.viewCamera === 'rest', undefined, { timeout: 60_000 });
    await atRest(page);
    await shot('slide.jpg', await page.screenshot({ type: 'jpeg', quality: 85 }));
    await page.keyboard.press('Escape');
    await page.getByTestId('reset-filters').click();
    await atRest(page);

    // The A4 export of the national view, as the app downloads it.
    await page.waitForFunction(() => !(document.querySelector('[data-testid="export-png-a4"]') as HTMLButtonElement | null)?.disabled, undefined, { timeout: 60_000 });
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 300_000 }),
      page.evaluate(() => setTimeout(() => (document.querySelector('[data-testid="export-png-a4"]') as HTMLButtonElement).click(), 0)),
    ]);
    await shot('export-a4.jpg', await scaledJpeg(page, readFileSync((await download.path())!), 1240));
    console.info(shots.join('\n'));
    return 0;
  } finally {
    await browser.close();
  }
}

runIfMain(import.meta.url, parse, takeScreenshots);
