/**
 * The planner's path, from file://: the weak-communes preset for a year, the
 * count against one computed here from the raw table, the map fading what is
 * outside the filter, a table row selecting its commune on the map, search
 * without diacritics, and a CSV export equal to the table.
 */
import { readFileSync } from 'node:fs';
import { area, pointOnFeature } from '@turf/turf';
import { csvParseRows } from 'd3';
import type { Browser, Page } from 'playwright-core';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitFeatures, type UnitFeature } from '../../src/map/boundaries.ts';
import { hexToRgb, weakLevelIds } from '../../src/model/scale.ts';
import { foldText } from '../../src/model/text.ts';
import { builtDist, offMachine, openApp, pixelAt, visiblePoint, type Watched } from './browser.ts';
import { ratingsOfYear, readDistBundle, unitRows } from './dist-bundle.ts';

const DIST = builtDist();
const YEAR = 2020;
const STRUCTURE = 'pre2025';

async function matchCount(page: Page): Promise<number> {
  const text = (await page.getByTestId('match-count').textContent()) ?? '';
  const m = text.replace(/\./g, '').match(/\d+/);
  return m ? Number(m[0]) : NaN;
}

describe('planner workspace (file://)', () => {
  let browser: Browser;
  let w: Watched;
  let bundle: Awaited<ReturnType<typeof readDistBundle>>;

  beforeAll(async () => {
    bundle = await readDistBundle(DIST);
    // Northern Vietnam at zoom 7.5, where pre-2025 communes are big enough to sample.
    ({ browser, w } = await openApp({ hash: `#s=${STRUCTURE}&y=${YEAR}&o=&c=105.6,22.0,7.5`, viewport: { width: 1600, height: 1000 }, mapKey: `${STRUCTURE}|${YEAR}|rating` }));
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('applies the weak preset: count equals the raw table, the map fades the rest, the list is the weak communes', async () => {
    const { page } = w;
    const weak = new Set(weakLevelIds(bundle.manifest.scale));
    const ratings = ratingsOfYear(bundle.ratings, YEAR);
    const communes = unitRows(bundle).filter((u) => u.structure === STRUCTURE && u.level === 'commune');
    const weakCodes = communes.filter((u) => weak.has(ratings.get(u.code) ?? '')).map((u) => u.code);
    expect(weakCodes.length).toBeGreaterThan(10);

    // A weak commune and a non-weak one, both big enough to sample, and their screen points.
    const features = new Map(unitFeatures(bundle.topology, 'communes_pre2025').map((f) => [f.properties.code, f]));
    const pt = (f: UnitFeature) => pointOnFeature(f).geometry.coordinates as [number, number];
    /** The biggest of these communes whose interior the user can see. */
    const pick = async (codes: string[]) => {
      for (const f of codes.map((c) => features.get(c)!).sort((a, b) => area(b) - area(a))) {
        const p = await visiblePoint(page, pt(f));
        if (p) return { f, p };
      }
      throw new Error('no visible commune');
    };
    const weakS = await pick(weakCodes);
    const okS = await pick(communes.filter((u) => ratings.get(u.code) === 'XS').map((u) => u.code));
    const okBefore = await pixelAt(page, ...okS.p);
    expect(okBefore.map((v, i) => Math.abs(v - hexToRgb('#2c7bb6')[i])).every((d) => d < 30), `excellent ${okBefore}`).toBe(true);

    await page.getByTestId('preset-weak').click();
    await expect.poll(() => matchCount(page), { timeout: 30_000 }).toBe(weakCodes.length);
    // The address follows the view a moment after the last change.
    await expect.poll(() => page.url()).toContain('r=Y');
    // The weak commune stays red; the excellent one is faded toward the background.
    await page.waitForTimeout(300);
    const weakAfter = await pixelAt(page, ...weakS.p);
    const okAfter = await pixelAt(page, ...okS.p);
    expect(weakAfter.map((v, i) => Math.abs(v - hexToRgb('#d7191c')[i])).every((d) => d < 35), `weak ${weakAfter}`).toBe(true);
    expect(okAfter[0] - okBefore[0], `faded ${okBefore} → ${okAfter}`).toBeGreaterThan(100);

    // The list shows weak communes only.
    const firstRows = await page.locator('.wl-row .c-rating').allTextContents();
    expect(firstRows.length).toBeGreaterThan(5);
    for (const r of firstRows) expect(r).toContain('Yếu');
  });

  it('exports a CSV whose rows equal the table', async () => {
    const { page } = w;
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const text = readFileSync((await dl.path())!, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).split('\r\n').filter((l) => l !== '');
    const header = lines.findIndex((l) => l.startsWith('Mã xã,'));
    expect(header).toBeGreaterThan(0);
    expect(lines.slice(0, header).join('\n')).toContain(String(YEAR));
    const rows = lines.slice(header + 1).map((l) => l.split(',')[0]);
    expect(rows.length).toBe(await matchCount(page));
    // Same order as the table on screen.
    const shown = await page.locator('.wl-row').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.code));
    expect(rows.slice(0, shown.length)).toEqual(shown);

    const [xl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
    expect(xl.suggestedFilename()).toBe(`danh-sach-xa-${YEAR}-${STRUCTURE}.xlsx`);
    expect(dl.suggestedFilename()).toBe(`danh-sach-xa-${YEAR}-${STRUCTURE}.csv`);
    // Read back with the Excel library: the same headers and rows as the CSV, in the same order.
    const [sheet] = await readXlsxFile(readFileSync((await xl.path())!));
    const cells = sheet.data.map((r) => r.map((c) => (c === null || c === undefined ? '' : String(c))));
    const xHeader = cells.findIndex((r) => r[0] === 'Mã xã');
    expect(xHeader).toBeGreaterThan(0);
    expect(cells[xHeader].filter((c) => c !== '')).toEqual(csvParseRows(lines[header])[0]);
    expect(cells.slice(0, xHeader).flat().join(' ')).toContain(String(YEAR));
    expect(cells.slice(xHeader + 1).map((r) => r[0])).toEqual(rows);
  });

  it('clicking a row selects the commune on the map and opens its history', async () => {
    const { page } = w;
    const row = page.locator('.wl-row').first();
    const code = (await row.getAttribute('data-code'))!;
    const name = (await row.locator('.c-name').textContent())!;
    await row.click();
    await expect.poll(() => page.getByTestId('detail').locator('h2').textContent()).toBe(name);
    expect(await row.getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => page.url()).toContain(`sel=${code}`);
    // The map moved to the commune: its centre is now near the middle of the map.
    // (Software WebGL draws a frame of 10,600 communes slowly: wait for the camera to settle.)
    await page.waitForFunction(() => {
      const c = (globalThis as unknown as { movementAtlas: { camera?: () => { zoom: number; moving: boolean } } }).movementAtlas.camera?.();
      return !!c && !c.moving && c.zoom > 7;
    }, undefined, { timeout: 60_000 });
    await expect.poll(() => Number(new URLSearchParams(new URL(page.url()).hash.slice(1)).get('c')?.split(',')[2])).toBeGreaterThan(7);
    // History cells for every year.
    expect(await page.getByTestId('detail').locator('svg.history g[data-year]').count()).toBe(bundle.manifest.years.length);
    // Keyboard: ↓ moves the selection to the next row.
    await page.getByTestId('worklist-body').focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.locator('.wl-row[aria-selected="true"]').getAttribute('data-code')).not.toBe(code);
  });

  it('finds a commune typed without diacritics', async () => {
    const { page } = w;
    await page.getByTestId('reset-filters').click();
    const target = unitRows(bundle).find((u) => u.structure === STRUCTURE && u.level === 'commune' && u.name !== foldText(u.name) && /[ăâđêôơư]/i.test(u.name))!;
    const typed = foldText(target.name).replace(/^(xa|phuong|thi tran) /, '');
    await page.getByTestId('search').fill(typed);
    await expect.poll(async () => page.locator('.wl-row .c-name').allTextContents(), { timeout: 20_000 }).toContain(target.name);
    const expected = unitRows(bundle).filter((u) => u.structure === STRUCTURE && u.level === 'commune' && foldText(u.name).includes(typed)).length;
    expect(await matchCount(page)).toBe(expected);
    expect(w.consoleErrors).toEqual([]);
    expect(w.pageErrors).toEqual([]);
    expect(offMachine(w.requests)).toEqual([]);
  });
});
