/**
 * "So sánh hai năm" never breaks, from file:// at 1920×1080: toggling it on
 * and off, changing the year while comparing, a saved comparison view played
 * as a slide and exported (the PNG and the slides .zip), each time looking at
 * the pixels of both halves: each half shows its own year's ratings, read
 * independently from the raw table.
 */
import { join } from 'node:path';
import { bbox, pointOnFeature } from '@turf/turf';
import { unzipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitFeatures } from '../../src/map/boundaries.ts';
import { printLayout, splitRect, type Rect } from '../../src/map/print-layout.ts';
import { hexToRgb } from '../../src/model/scale.ts';
import { builtDist, offMachine, openApp, pixelAt, type Watched } from './browser.ts';
import { readDistBundle } from './dist-bundle.ts';
import { bytesOf, clickLater, near } from './image-points.ts';

const DIST = builtDist();

interface Probe {
  project?: (lng: number, lat: number) => [number, number];
  lastExport?: { maps: (Rect & { year?: number })[] };
}

/** The two map halves of a 1920×1080 export of a comparison, as the export lays them out. */
function exportHalves(): [Rect, Rect] {
  const layout = printLayout(1920, 1080, 96);
  return splitRect(layout.map, Math.max(2, Math.round(layout.unit * 0.4)));
}

describe('comparing two years (file://, 1920×1080)', () => {
  let browser: Browser;
  let w: Watched;
  let bundle: Awaited<ReturnType<typeof readDistBundle>>;
  /** Large old communes (pre-2025 structure) with a different rating in 2019 and 2020, for reading each half. */
  let changed: { code: string; lngLat: [number, number]; y2019: string; y2020: string }[];

  beforeAll(async () => {
    bundle = await readDistBundle(DIST);
    const s = bundle.manifest.structures.find((x) => x.id === 'pre2025')!;
    const by = new Map<string, Map<number, string>>();
    for (const r of bundle.ratings.toArray().map((x) => x.toJSON()) as { code: string; structure: string; year: number; rating: string | null }[]) {
      if (r.structure !== 'pre2025' || !r.rating || (Number(r.year) !== 2019 && Number(r.year) !== 2020)) continue;
      if (!by.has(r.code)) by.set(r.code, new Map());
      by.get(r.code)!.set(Number(r.year), r.rating);
    }
    const features = unitFeatures(bundle.topology, s.communeObject);
    const area = (f: (typeof features)[number]) => {
      const [w, s, e, n] = bbox(f);
      return (e - w) * (n - s);
    };
    changed = features
      .filter((f) => {
        const m = by.get(f.properties.code);
        return m && m.get(2019) && m.get(2020) && m.get(2019) !== m.get(2020);
      })
      .sort((a, b) => area(b) - area(a))
      .slice(0, 40)
      .map((f) => {
        const c = pointOnFeature(f).geometry.coordinates;
        const m = by.get(f.properties.code)!;
        return { code: f.properties.code, lngLat: [c[0], c[1]] as [number, number], y2019: m.get(2019)!, y2020: m.get(2020)! };
      });
    // The north at zoom 7: the largest communes are many pixels wide there (at national scale
    // a commune is a speck of a few pixels, its colour mixed with the borders').
    ({ browser, w } = await openApp({ dist: DIST, hash: '#v=1&s=pre2025&y=2020&c=104.8,21.3,7', viewport: { width: 1920, height: 1080 } }));
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
  });

  const colourOf = (id: string) => hexToRgb(bundle.manifest.scale.levels.find((l) => l.id === id)!.color);
  /** Sampled pixels of a region of an exported PNG in any rating level's colour: a map is drawn there. */
  const ratingPixels = (png: PNG, r: Rect) => bundle.manifest.scale.levels.reduce((n, lv) => n + near(png, r, lv.color), 0);
  const close = (a: readonly number[], b: readonly number[], tol = 40) => Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1]) + Math.abs(a[2] - b[2]) <= tol;

  /** For communes visible in both halves, how many show 2019's colour on the left and 2020's on the right. */
  async function halvesAgree(page: Page): Promise<{ checked: number; agree: number; misses: string[] }> {
    const points = await page.evaluate((list) => {
      const out: { i: number; left: [number, number]; right: [number, number] }[] = [];
      const maps = [...document.querySelectorAll('.split-maps .half')] as HTMLElement[];
      const [l, r] = maps.map((m) => m.getBoundingClientRect());
      const project = (globalThis as unknown as { movementAtlas: Probe }).movementAtlas.project!;
      list.forEach((c, i) => {
        // The probe projects on the right map (the view's year); the left map has the same camera.
        const [x, y] = project(c[0], c[1]);
        if (x < r.left + 30 || x > r.right - 30 || y < r.top + 80 || y > r.bottom - 200) return;
        out.push({ i, right: [x, y], left: [x - (r.left - l.left), y] });
      });
      return out;
    }, changed.map((c) => c.lngLat));
    let checked = 0, agree = 0;
    const misses: string[] = [];
    for (const p of points.slice(0, 12)) {
      const c = changed[p.i];
      const right = await pixelAt(page, p.right[0], p.right[1]);
      const left = await pixelAt(page, p.left[0], p.left[1]);
      checked++;
      if (close(left, colourOf(c.y2019)) && close(right, colourOf(c.y2020))) agree++;
      else misses.push(`${c.code} left ${left.join(',')} (2019 ${c.y2019} ${colourOf(c.y2019).join(',')}, 2020 ${c.y2020}) right ${right.join(',')} (2020 ${colourOf(c.y2020).join(',')})`);
    }
    return { checked, agree, misses };
  }

  it('toggling on shows both years side by side, each in its own colours, with no error', async () => {
    const { page } = w;
    await page.getByTestId('split').check();
    await page.getByTestId('compare-left').waitFor();
    await page.waitForFunction(() => document.querySelectorAll('.split-maps canvas').length === 4, undefined, { timeout: 60_000 });
    await expect.poll(() => page.getByTestId('pane-year-left').textContent(), { timeout: 60_000 }).toContain('2019');
    await expect.poll(() => page.getByTestId('pane-year-right').textContent()).toContain('2020');
    await page.waitForTimeout(3000);
    expect(await page.getByTestId('map-failure').count()).toBe(0);
    expect(await page.locator('[data-testid="error"]').count()).toBe(0);
    const { checked, agree } = await halvesAgree(page);
    expect(checked).toBeGreaterThan(4);
    expect(agree, `${agree} of ${checked}`).toBeGreaterThanOrEqual(checked - 1);
  });

  it('changing the year while comparing recolours the right map, and the left follows the year before', async () => {
    const { page } = w;
    await page.getByTestId('year').selectOption('2021');
    await expect.poll(() => page.getByTestId('pane-year-right').textContent(), { timeout: 60_000 }).toContain('2021');
    await expect.poll(() => page.getByTestId('pane-year-left').textContent()).toContain('2020');
    await page.waitForFunction(() => (document.documentElement.dataset.mapKey ?? '').startsWith('pre2025|2021|'), undefined, { timeout: 60_000 });
    await page.getByTestId('year').selectOption('2020');
    await page.waitForFunction(() => (document.documentElement.dataset.mapKey ?? '').startsWith('pre2025|2020|'), undefined, { timeout: 60_000 });
    await page.waitForTimeout(3000);
    const { checked, agree } = await halvesAgree(page);
    expect(agree, `${agree} of ${checked}`).toBeGreaterThanOrEqual(checked - 1);
    expect(await page.locator('[data-testid="error"]').count()).toBe(0);
  });

  it('its PNG shows both halves, each year in its colours', async () => {
    const { page } = w;
    await expect.poll(() => page.getByTestId('export-png-screen').isEnabled(), { timeout: 60_000 }).toBe(true);
    const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 200_000 }), clickLater(page, 'export-png-screen')]);
    const png = PNG.sync.read(await bytesOf(dl));
    const maps = (await page.evaluate(() => (globalThis as unknown as { movementAtlas: Probe }).movementAtlas.lastExport!.maps));
    expect(maps.map((m) => m.year)).toEqual([2019, 2020]);
    const [l, r] = exportHalves();
    expect(maps[0].x).toBe(l.x);
    expect(maps[1].x).toBe(r.x);
    // Both halves are maps, not blank: rating colours in each.
    for (const half of [l, r]) expect(ratingPixels(png, half)).toBeGreaterThan(300);
    // And they differ: the same place shows another rating in another year.
    let differ = 0;
    for (let y = l.y + 40; y < l.y + l.h - 40; y += 7)
      for (let x = l.x + 20; x < l.x + l.w - 20; x += 7) {
        const i = (y * png.width + x) * 4, j = (y * png.width + x + (r.x - l.x)) * 4;
        if (Math.abs(png.data[i] - png.data[j]) + Math.abs(png.data[i + 1] - png.data[j + 1]) + Math.abs(png.data[i + 2] - png.data[j + 2]) > 60) differ++;
      }
    expect(differ).toBeGreaterThan(50);
  });

  it('toggling off brings back one map, coloured, with no error', async () => {
    const { page } = w;
    // The single map draws its layers: deck.gl frames counted after the toggle (read before it, as
    // the new map may draw its first frames before the canvases are counted, then rest).
    const frame = Number(await page.evaluate(() => document.documentElement.dataset.frame));
    await page.getByTestId('split').uncheck();
    await page.waitForFunction(() => !document.querySelector('.split-maps') && document.querySelectorAll('.stage canvas').length === 2, undefined, { timeout: 60_000 });
    await page.waitForFunction((f) => Number(document.documentElement.dataset.frame) > f, frame, { timeout: 60_000 });
    expect(await page.locator('[data-testid="error"]').count()).toBe(0);
    // On again and off again: it never breaks.
    await page.getByTestId('split').check();
    await page.waitForFunction(() => document.querySelectorAll('.split-maps canvas').length === 4, undefined, { timeout: 60_000 });
    await page.getByTestId('split').uncheck();
    await page.waitForFunction(() => !document.querySelector('.split-maps'), undefined, { timeout: 60_000 });
    await page.waitForTimeout(2000);
    expect(await page.locator('[data-testid="error"]').count()).toBe(0);
  });

  it('a saved comparison plays as a slide with both maps and exports both years in the slides .zip', async () => {
    const { page } = w;
    await page.getByTestId('tab-views').click();
    await page.getByTestId('view-title').fill('Toàn quốc');
    await page.getByTestId('view-capture').click();
    await page.getByTestId('split').check();
    await page.waitForFunction(() => document.querySelectorAll('.split-maps canvas').length === 4, undefined, { timeout: 60_000 });
    await page.getByTestId('view-title').fill('So sánh 2019–2020');
    await page.getByTestId('view-capture').click();
    await page.getByTestId('split').uncheck();
    await page.waitForFunction(() => !document.querySelector('.split-maps'), undefined, { timeout: 60_000 });

    // Played: the second slide makes the two maps again, each in its colours.
    await page.getByTestId('present').click();
    await page.getByTestId('slide').waitFor();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.getByTestId('slide-title').textContent()).toBe('So sánh 2019–2020');
    await page.waitForFunction(() => document.querySelectorAll('.split-maps canvas').length === 4, undefined, { timeout: 60_000 });
    await page.waitForFunction(() => (document.documentElement.dataset.mapKey ?? '').startsWith('pre2025|2020|'), undefined, { timeout: 60_000 });
    // The slide's camera flies to the saved extent, then both maps redraw there.
    await page.waitForFunction(() => document.documentElement.dataset.viewCamera === 'rest', undefined, { timeout: 60_000 });
    let last = { checked: 0, agree: 0, misses: [] as string[] };
    await expect
      .poll(async () => {
        last = await halvesAgree(page);
        return last.checked > 4 && last.agree >= last.checked - 1;
      }, { timeout: 30_000, interval: 1000 })
      .toBe(true)
      .catch(async () => {
        if (process.env.ATLAS_SCREENSHOTS) await page.screenshot({ path: join(process.env.ATLAS_SCREENSHOTS, 'compare-slide.png') });
        const where = await page.evaluate(() => ({
          camera: (globalThis as unknown as { movementAtlas: { camera?: () => unknown } }).movementAtlas.camera?.(),
          halves: [...document.querySelectorAll('.split-maps .half')].map((h) => h.getBoundingClientRect().toJSON() as unknown),
          hash: location.hash,
        }));
        expect.fail(`${last.agree} of ${last.checked}: ${last.misses.join('; ')} at ${JSON.stringify(where)}`);
      });
    await page.keyboard.press('Escape');

    // Exported: the zip finishes, one 1920×1080 PNG per slide; the comparison one has two map halves.
    const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 400_000 }), clickLater(page, 'slides-export')]);
    const files = unzipSync(new Uint8Array(await bytesOf(dl)));
    const names = Object.keys(files).sort();
    expect(names).toHaveLength(2);
    const png = PNG.sync.read(Buffer.from(files[names[1]]));
    expect([png.width, png.height]).toEqual([1920, 1080]);
    const [l, r] = exportHalves();
    for (const half of [l, r]) expect(ratingPixels(png, half)).toBeGreaterThan(300);
    expect(await page.getByTestId('slides-export-error').count()).toBe(0);
  }, 900_000);

  it('stayed on the machine and logged no error', () => {
    expect(offMachine(w.requests)).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
    expect(w.pageErrors).toEqual([]);
  });
});
