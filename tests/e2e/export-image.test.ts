/**
 * Briefing exports from file://: the A4 300 dpi PNG (size, pHYs, a drawn title
 * and legend, and in the map rectangle, at the largest visible commune of each
 * level, the level's colour from the raw ratings table), the 1920×1080 PNG
 * (the same check), the map put back as it was afterwards, and the print
 * stylesheet (controls and panels gone, the map kept).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OUTPUT_SIZES, printLayout, type Rect } from '../../src/map/print-layout.ts';
import { hexToRgb, levelById } from '../../src/model/scale.ts';
import { pngDpi } from '../../src/io/png.ts';
import { builtDist, cameraAtRest, offMachine, openApp, type Watched } from './browser.ts';
import { knownCommunes, readDistBundle, visibleSamples } from './dist-bundle.ts';
import { bytesOf, clickLater, imagePoints, near, pngColour } from './image-points.ts';

const DIST = builtDist();

/** Distinct colours (quantised to 16 levels per channel) in a region of a decoded PNG. */
function colours(png: PNG, r: Rect): Set<number> {
  const set = new Set<number>();
  for (let y = Math.floor(r.y); y < r.y + r.h; y += 3)
    for (let x = Math.floor(r.x); x < r.x + r.w; x += 3) {
      const i = (y * png.width + x) * 4;
      set.add(((png.data[i] >> 4) << 8) | ((png.data[i + 1] >> 4) << 4) | (png.data[i + 2] >> 4));
    }
  return set;
}

describe('image export and print (file://)', () => {
  let browser: Browser;
  let w: Watched;
  let bundle: Awaited<ReturnType<typeof readDistBundle>>;

  beforeAll(async () => {
    bundle = await readDistBundle(DIST);
    // No priority outlines, so the sampled pixels are the choropleth's own colours.
    ({ browser, w } = await openApp({ hash: '#o=', viewport: { width: 1600, height: 1000 } }));
  });

  /**
   * Where the export will put the largest visible commune of each level of the
   * view on screen (the first structure, the last year), with the level's
   * colour from the raw table. Called before the export, with the map at rest.
   */
  async function expectedPoints(page: Page, map: Rect, ratio: number) {
    await cameraAtRest(page);
    const known = knownCommunes(bundle);
    const samples = await visibleSamples(page, bundle, known);
    expect(samples.length).toBeGreaterThanOrEqual(Math.min(3, known.candidates.length));
    const toImage = await imagePoints(page, map, ratio);
    return samples.map((s) => ({ ...s, xy: toImage(s.at), rgb: hexToRgb(levelById(bundle.manifest.scale, s.rating)!.color) }));
  }

  /**
   * Each expected point shows its level's colour in the image, except where the
   * export drew a label over it (its place names are laid out for the image's
   * size, not the screen's): those are left out, at most one of them.
   */
  async function expectColoursAt(page: Page, png: PNG, points: Awaited<ReturnType<typeof expectedPoints>>, ratio: number) {
    const labels = await page.evaluate(() => (globalThis as unknown as { movementAtlas: { lastExport?: { labels: { text: string; x: number; y: number; size: number }[] } } }).movementAtlas.lastExport?.labels ?? []);
    // A label's box: centred on its point, or hung below it (the archipelagos' two-line names), with its halo.
    const labelAt = ([x, y]: [number, number]) =>
      labels.find((l) => {
        const lines = l.text.split('\n');
        const halfW = (Math.max(...lines.map((t) => t.length)) * l.size * 0.55) / 2 + l.size * 0.2;
        const h = lines.length * l.size * 1.15;
        const top = l.text.startsWith('QĐ.') ? l.y : l.y - h / 2;
        return Math.abs(x - l.x) <= halfW && y >= top - l.size * 0.2 && y <= top + h + l.size * 0.2;
      })?.text;
    const clear = points.filter((p) => !labelAt(p.xy));
    const covered = points.filter((p) => labelAt(p.xy)).map((p) => `${p.code} under "${labelAt(p.xy)}"`);
    expect(clear.length, `points clear of the image's labels: ${covered.join(', ')}`).toBeGreaterThanOrEqual(points.length - 1);
    // Within two screen pixels of the point, a good share of the image is the commune's colour (at 300 dpi a
    // small commune's point sits among thick borders and label halos; other levels' colours are far off).
    const radius = Math.max(1, Math.round(ratio * 2));
    const dist = (a: readonly number[], b: readonly number[]) => Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1]) + Math.abs(a[2] - b[2]);
    const levels = bundle.manifest.scale.levels.map((l) => ({ id: l.id, rgb: hexToRgb(l.color) }));
    for (const p of clear) {
      // Each pixel of the square (itself read as the median of its 3×3) goes to the level whose colour it is
      // nearest, if it is within reach of one at all (a border's or a label's ink is near none).
      const nearest = new Map<string, number>();
      let all = 0;
      for (let dy = -radius; dy <= radius; dy++)
        for (let dx = -radius; dx <= radius; dx++) {
          const q = pngColour(png, p.xy[0] + dx, p.xy[1] + dy);
          all++;
          const best = levels.reduce((a, b) => (dist(q, a.rgb) <= dist(q, b.rgb) ? a : b));
          const id = dist(q, best.rgb) < 120 ? best.id : 'none';
          nearest.set(id, (nearest.get(id) ?? 0) + 1);
        }
      const own = nearest.get(p.rating) ?? 0;
      // The level's colour, perhaps washed by a border or a halo, holds a good share of the square.
      expect(own / all, `${p.code} (${p.rating}) at ${p.xy.map(Math.round)}: pixels by nearest level ${JSON.stringify(Object.fromEntries(nearest))}`).toBeGreaterThanOrEqual(0.25);
      // And no other level's colour holds more of it than the commune's own.
      const rival = [...nearest].filter(([id]) => id !== p.rating && id !== 'none').sort((a, b) => b[1] - a[1])[0];
      expect(own, `${p.code} (${p.rating}): ${rival?.[0]} holds ${rival?.[1]} pixels, its own level ${own}`).toBeGreaterThanOrEqual(rival?.[1] ?? 0);
    }
  }
  afterAll(async () => {
    await browser?.close();
  });

  it('exports the view as an A4 landscape PNG at 300 dpi, drawn at full resolution', async () => {
    const { page } = w;
    const cameraBefore = await page.evaluate(() => (globalThis as unknown as { movementAtlas: { camera: () => unknown } }).movementAtlas.camera());
    const button = page.getByTestId('export-png-a4');
    await expect.poll(() => button.isEnabled(), { timeout: 30_000 }).toBe(true);
    const a4 = printLayout(OUTPUT_SIZES.a4.width, OUTPUT_SIZES.a4.height, OUTPUT_SIZES.a4.dpi, { marking: false });
    const points = await expectedPoints(page, a4.map, a4.pixelRatio);
    const t0 = Date.now();
    const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 150_000 }), clickLater(page, 'export-png-a4')]);
    const bytes = await bytesOf(dl);
    console.info(`A4 300 dpi export: ${Date.now() - t0} ms, ${(bytes.length / 1e6).toFixed(2)} MB`);
    expect(dl.suggestedFilename()).toMatch(/^ban-do-\d{4}.*-a4\.png$/);

    // Header: size and resolution.
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([3508, 2480]);
    expect(pngDpi(new Uint8Array(bytes))).toBeCloseTo(300, 0);
    const phys = bytes.indexOf('pHYs', 0, 'latin1');
    expect(bytes.readUInt32BE(phys + 4)).toBe(11811);
    expect(bytes.readUInt32BE(phys + 8)).toBe(11811);

    const png = PNG.sync.read(bytes);
    if (process.env.ATLAS_SCREENSHOTS) writeFileSync(join(process.env.ATLAS_SCREENSHOTS, 'export-a4.png'), bytes);
    expect([png.width, png.height]).toEqual([3508, 2480]);
    const layout = printLayout(OUTPUT_SIZES.a4.width, OUTPUT_SIZES.a4.height, OUTPUT_SIZES.a4.dpi, { marking: false });
    // Title, legend and source line carry drawn text and swatches, not a blank page.
    expect(colours(png, layout.title).size).toBeGreaterThan(2);
    expect(colours(png, layout.legend).size).toBeGreaterThan(4);
    expect(colours(png, layout.source).size).toBeGreaterThan(2);
    expect(colours(png, layout.scaleBar).size).toBeGreaterThan(1);
    // The map shows the rating colours: weak red and excellent blue communes.
    const inner: Rect = { x: layout.map.x + 10, y: layout.map.y + 10, w: layout.map.w - 20, h: layout.map.h - 20 };
    const red = near(png, inner, '#d7191c', { step: 4 });
    const blue = near(png, inner, '#2c7bb6', { step: 4 });
    expect(red + blue, `red ${red}, blue ${blue}`).toBeGreaterThan(500);
    expect(blue).toBeGreaterThan(50);
    // The legend swatches use the same colours.
    expect(near(png, layout.legend, '#d7191c', { tol: 8, step: 4 }) + near(png, layout.legend, '#2c7bb6', { tol: 8, step: 4 })).toBeGreaterThan(20);
    // Each known commune is where the view on screen had it, in its level's colour from the raw table.
    await expectColoursAt(page, png, points, a4.pixelRatio);

    // The map is back as it was: same camera, same canvas size, no notice left.
    await expect.poll(() => page.evaluate(() => document.querySelector('.stage.exporting-image') === null)).toBe(true);
    const cameraAfter = (await page.evaluate(() => (globalThis as unknown as { movementAtlas: { camera: () => unknown } }).movementAtlas.camera())) as { lng: number; lat: number; zoom: number };
    const b = cameraBefore as { lng: number; lat: number; zoom: number };
    expect(Math.abs(cameraAfter.zoom - b.zoom)).toBeLessThan(1e-6);
    expect(Math.abs(cameraAfter.lng - b.lng) + Math.abs(cameraAfter.lat - b.lat)).toBeLessThan(1e-6);
    // Both canvases are back at one pixel per CSS pixel of the map box (the page's devicePixelRatio is 1).
    const sizes = () =>
      page.evaluate(() => {
        const box = document.querySelector('.stage .map') as HTMLElement;
        return [[box.clientWidth, box.clientHeight], ...[...document.querySelectorAll('.stage canvas')].map((c) => [(c as HTMLCanvasElement).width, (c as HTMLCanvasElement).height])];
      });
    await expect.poll(async () => new Set((await sizes()).map((s) => s.join('x'))).size, { timeout: 10_000 }).toBe(1);
    expect((await sizes()).length).toBe(3);
  });

  it('exports the view as a 1920×1080 PNG', async () => {
    const { page } = w;
    const layout = printLayout(1920, 1080, 96);
    const points = await expectedPoints(page, layout.map, layout.pixelRatio);
    const t0 = Date.now();
    const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), clickLater(page, 'export-png-screen')]);
    const bytes = await bytesOf(dl);
    console.info(`1920×1080 export: ${Date.now() - t0} ms`);
    expect(dl.suggestedFilename()).toMatch(/^ban-do-\d{4}.*\.png$/);
    expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([1920, 1080]);
    const png = PNG.sync.read(bytes);
    expect(near(png, layout.map, '#d7191c', { step: 4 }) + near(png, layout.map, '#2c7bb6', { step: 4 })).toBeGreaterThan(200);
    await expectColoursAt(page, png, points, layout.pixelRatio);
  });

  it('prints only the map, its legend, a title and the source line', async () => {
    const { page } = w;
    await page.emulateMedia({ media: 'print' });
    try {
      const shown = await page.evaluate(() => {
        const visible = (sel: string) => {
          const el = document.querySelector(sel) as HTMLElement | null;
          if (!el) return 'missing';
          const r = el.getBoundingClientRect();
          return el.checkVisibility() && r.width > 0 && r.height > 0;
        };
        const display = (sel: string) => (document.querySelector(sel) ? getComputedStyle(document.querySelector(sel)!).display : 'missing');
        return {
          controls: display('.controls'),
          left: display('.left'),
          right: display('.right'),
          buttons: visible('[data-testid="export-png-a4"]'),
          map: visible('.stage .map'),
          canvas: visible('.stage canvas'),
          legend: visible('.map-legend .legend'),
          title: visible('.print-header h1'),
          source: visible('.sourceline'),
          titleText: document.querySelector('.print-header')?.textContent ?? '',
        };
      });
      expect(shown).toMatchObject({ controls: 'none', left: 'none', right: 'none', buttons: false, map: true, canvas: true, legend: true, title: true, source: true });
      expect(shown.titleText).toContain('Dữ liệu minh hoạ');
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
    expect(await page.evaluate(() => document.querySelector('.print-header')!.getBoundingClientRect().height)).toBe(0);
  });

  it('stayed on the machine and logged no error', () => {
    expect(offMachine(w.requests)).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
    expect(w.pageErrors).toEqual([]);
  });
});
