/**
 * What a leader sees, from file:// at 1920×1080 (and a 1366×768 laptop):
 * sovereignty on the map and in the 1080p and A4 exports (the archipelagos
 * labelled with their governing unit, Biển Đông; label data and pixels), the
 * legend counted inside a province filter against the raw table, picking a
 * province zooms to it and a slide keeps that frame, `?lang=en` and the
 * language button hold after load, a failed map recovers with "Tải lại bản
 * đồ", and the keyboard basics.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { bbox } from '@turf/turf';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labelPoint, unitFeatures } from '../../src/map/boundaries.ts';
import { RESULT_RING_LIMIT } from '../../src/map/layers.ts';
import { OUTPUT_SIZES, type Rect } from '../../src/map/print-layout.ts';
import { builtDist, cameraAtRest, fileUrl, launch, offMachine, openApp, openWatched, pixelAt, project, waitColoured, waitDbReady, type Watched } from './browser.ts';
import { readDistBundle, unitRows } from './dist-bundle.ts';
import { bytesOf, clickLater } from './image-points.ts';

const DIST = builtDist();
const FULL_HD = { width: 1920, height: 1080 };

interface Probe {
  camera: () => { lng: number; lat: number; zoom: number; moving: boolean };
  labels: () => { text: string; position: [number, number]; size: number }[];
  lastExport?: { width: number; height: number; labels: { text: string; x: number; y: number; size: number }[]; inset?: Rect; maps: (Rect & { year?: number })[] };
}
const probeOf = (page: Page) => page.evaluate(() => {
  const p = (globalThis as unknown as { movementAtlas: Probe }).movementAtlas;
  return { camera: p.camera(), labels: p.labels(), lastExport: p.lastExport };
});

/** The camera once it is at rest. */
async function restingCamera(page: Page) {
  await cameraAtRest(page);
  return (await probeOf(page)).camera;
}

/** Share of dark (ink) pixels in a box of a PNG: text drawn there. */
function inkShare(png: PNG, r: Rect): number {
  let n = 0, dark = 0;
  for (let y = Math.max(0, Math.floor(r.y)); y < Math.min(png.height, r.y + r.h); y++)
    for (let x = Math.max(0, Math.floor(r.x)); x < Math.min(png.width, r.x + r.w); x++) {
      const i = (y * png.width + x) * 4;
      n++;
      const [r, g, b] = [png.data[i], png.data[i + 1], png.data[i + 2]];
      // Dark ink (place names), or the dark blue of the sea's name.
      if ((r < 70 && g < 90 && b < 110) || (r < 90 && g < 120 && b > r + 40)) dark++;
    }
  return n ? dark / n : 0;
}

/** The box of a label in an export: centred on its x; below its y for the archipelagos (hung from the point), around it otherwise. */
function labelRect(l: { text: string; x: number; y: number; size: number }, hung: boolean): Rect {
  const lines = l.text.split('\n');
  const w = Math.max(...lines.map((s) => s.length)) * l.size * 0.55;
  const h = lines.length * l.size * 1.15;
  return { x: l.x - w / 2, y: hung ? l.y : l.y - h / 2, w, h };
}

const overlap = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe('a leader\'s map (file://, 1920×1080)', () => {
  let browser: Browser;
  let w: Watched;
  let bundle: Awaited<ReturnType<typeof readDistBundle>>;

  beforeAll(async () => {
    bundle = await readDistBundle(DIST);
    ({ browser, w } = await openApp({ dist: DIST, viewport: FULL_HD, dbReady: true }));
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the national view shows Hoàng Sa and Trường Sa with their governing unit and Biển Đông, in ink, and labels the capital and TP.HCM', async () => {
    const { page } = w;
    await cameraAtRest(page);
    const { labels } = await probeOf(page);
    const texts = labels.map((l) => l.text);
    expect(texts).toEqual(expect.arrayContaining(['QĐ. Hoàng Sa\n(TP. Đà Nẵng)', 'QĐ. Trường Sa\n(tỉnh Khánh Hòa)', 'Biển Đông', 'Hà Nội', 'Hồ Chí Minh']));
    // At least 16 px on a 1080-pixel screen.
    for (const l of labels) expect(l.size, l.text).toBeGreaterThanOrEqual(16);
    // Each sovereignty label is on screen and drawn: dark pixels of text just under its point.
    for (const text of ['QĐ. Hoàng Sa\n(TP. Đà Nẵng)', 'QĐ. Trường Sa\n(tỉnh Khánh Hòa)']) {
      const l = labels.find((x) => x.text === text)!;
      const [x, y] = await project(page, l.position);
      expect(x).toBeGreaterThan(0);
      expect(x).toBeLessThan(FULL_HD.width);
      let dark = 0;
      for (let dy = 2; dy < 30; dy += 2) for (let dx = -50; dx <= 50; dx += 4) {
        const [r, g, b] = await pixelAt(page, x + dx, y + dy);
        if (r < 70 && g < 90 && b < 110) dark++;
      }
      expect(dark, text).toBeGreaterThan(4);
    }
    // The national frame holds both archipelagos: no inset needed.
    expect(await page.getByTestId('inset').count()).toBe(0);
    // The map's controls speak Vietnamese.
    expect(await page.locator('.maplibregl-ctrl-zoom-in').getAttribute('title')).toBe('Phóng to');
    expect(await page.locator('.maplibregl-ctrl-zoom-out').getAttribute('title')).toBe('Thu nhỏ');
  });

  it('the 1080p export carries the same labels, at least 16 px, none overlapping, with ink at the archipelagos', async () => {
    const { page } = w;
    await expect.poll(() => page.getByTestId('export-png-screen').isEnabled(), { timeout: 60_000 }).toBe(true);
    const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 150_000 }), clickLater(page, 'export-png-screen')]);
    const png = PNG.sync.read(await bytesOf(dl));
    expect([png.width, png.height]).toEqual([1920, 1080]);
    const ex = (await probeOf(page)).lastExport!;
    expect(ex.width).toBe(1920);
    const map = ex.maps[0];
    const texts = ex.labels.map((l) => l.text);
    expect(texts).toEqual(expect.arrayContaining(['QĐ. Hoàng Sa\n(TP. Đà Nẵng)', 'QĐ. Trường Sa\n(tỉnh Khánh Hòa)', 'Biển Đông', 'Hà Nội', 'Hồ Chí Minh']));
    for (const l of ex.labels) expect(l.size, l.text).toBeGreaterThanOrEqual(16);
    const hung = (t: string) => t.startsWith('QĐ.');
    const rects = ex.labels.map((l) => labelRect(l, hung(l.text)));
    for (let i = 0; i < rects.length; i++)
      for (let j = i + 1; j < rects.length; j++) expect(overlap(rects[i], rects[j]), `${texts[i]} × ${texts[j]}`).toBe(false);
    for (const text of ['QĐ. Hoàng Sa\n(TP. Đà Nẵng)', 'QĐ. Trường Sa\n(tỉnh Khánh Hòa)', 'Biển Đông']) {
      const l = ex.labels.find((x) => x.text === text)!;
      const r = labelRect(l, hung(text));
      expect(r.x).toBeGreaterThan(map.x);
      expect(r.x + r.w).toBeLessThan(map.x + map.w);
      expect(inkShare(png, r), text).toBeGreaterThan(0.04);
    }
  });

  it('the A4 export carries them too (no overlap at 300 dpi)', async () => {
    const { page } = w;
    const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 200_000 }), clickLater(page, 'export-png-a4')]);
    const png = PNG.sync.read(await bytesOf(dl));
    expect([png.width, png.height]).toEqual([OUTPUT_SIZES.a4.width, OUTPUT_SIZES.a4.height]);
    const ex = (await probeOf(page)).lastExport!;
    const texts = ex.labels.map((l) => l.text);
    expect(texts).toEqual(expect.arrayContaining(['QĐ. Hoàng Sa\n(TP. Đà Nẵng)', 'QĐ. Trường Sa\n(tỉnh Khánh Hòa)', 'Biển Đông']));
    const rects = ex.labels.map((l) => labelRect(l, l.text.startsWith('QĐ.')));
    for (let i = 0; i < rects.length; i++)
      for (let j = i + 1; j < rects.length; j++) expect(overlap(rects[i], rects[j]), `${texts[i]} × ${texts[j]}`).toBe(false);
    const hs = ex.labels.find((x) => x.text.startsWith('QĐ. Hoàng Sa'))!;
    expect(inkShare(png, labelRect(hs, true))).toBeGreaterThan(0.04);
  });

  it('legend counts are those of the province filter, with the national total beside them, equal to the raw table', async () => {
    const { page } = w;
    const m = bundle.manifest;
    const structure = m.structures[0].id;
    const year = Math.max(...m.years);
    const units = unitRows(bundle).filter((u) => u.structure === structure);
    const province = units.find((u) => u.level === 'province' && /Lào Cai/.test(u.name))!;
    const communes = new Set(
      (bundle.units.toArray().map((r) => r.toJSON()) as { code: string; structure: string; level: string; province_code: string }[])
        .filter((u) => u.structure === structure && u.level === 'commune' && u.province_code === province.code)
        .map((u) => u.code),
    );
    const allCommunes = new Set(unitFeatures(bundle.topology, m.structures[0].communeObject).map((f) => f.properties.code));
    // Independent count: the raw ratings table of the year, counted by hand.
    const inside = new Map<string, number>(), national = new Map<string, number>();
    const rated = new Set<string>();
    for (const r of bundle.ratings.toArray().map((x) => x.toJSON()) as { code: string; structure: string; year: number; rating: string | null }[]) {
      if (r.structure !== structure || Number(r.year) !== year || !r.rating || !allCommunes.has(r.code)) continue;
      rated.add(r.code);
      national.set(r.rating, (national.get(r.rating) ?? 0) + 1);
      if (communes.has(r.code)) inside.set(r.rating, (inside.get(r.rating) ?? 0) + 1);
    }
    const unratedNational = [...allCommunes].filter((c) => !rated.has(c)).length;
    const unratedInside = [...communes].filter((c) => !rated.has(c)).length;

    const num = (s: string | null) => Number((s ?? '').replace(/\D/g, ''));
    const rows = async () =>
      page.$$eval('[data-testid="legend"] li[data-level]', (lis) => lis.map((li) => ({ level: li.getAttribute('data-level'), count: li.querySelector('.count')?.textContent ?? null, total: li.querySelector('.total')?.textContent ?? null })));
    // No filter: national counts, no total column; "Chưa đánh giá" listed with the units without a rating.
    const before = await rows();
    for (const lv of m.scale.levels) expect(num(before.find((r) => r.level === lv.id)!.count), lv.id).toBe(national.get(lv.id) ?? 0);
    expect(num(before.find((r) => r.level === 'none')!.count)).toBe(unratedNational);
    expect(await page.locator('[data-testid="legend"]').textContent()).toContain('Chưa đánh giá');
    expect(before.every((r) => r.total === null)).toBe(true);

    await page.locator(`input[data-province="${province.code}"]`).check();
    await page.waitForFunction((code) => (document.documentElement.dataset.layersKey ?? '').includes(`"provinces":["${code}"]`), province.code, { timeout: 60_000 });
    await expect.poll(async () => (await rows()).every((r) => r.total !== null), { timeout: 30_000 }).toBe(true);
    const after = await rows();
    for (const lv of m.scale.levels) {
      const row = after.find((r) => r.level === lv.id)!;
      expect(num(row.count), `${lv.id} in ${province.name}`).toBe(inside.get(lv.id) ?? 0);
      expect(num(row.total), `${lv.id} nationwide`).toBe(national.get(lv.id) ?? 0);
    }
    expect(num(after.find((r) => r.level === 'none')!.count)).toBe(unratedInside);
  });

  it('picking a province zooms to it, and a slide saved then keeps that frame', async () => {
    const { page } = w;
    // The previous test left Lào Cai picked: the camera went there.
    const m = bundle.manifest;
    const province = unitRows(bundle).find((u) => u.structure === m.structures[0].id && u.level === 'province' && /Lào Cai/.test(u.name))!;
    const feature = unitFeatures(bundle.topology, m.structures[0].provinceObject).find((f) => f.properties.code === province.code)!;
    const [w0, s0, e0, n0] = bbox(feature);
    const inBox = (c: { lng: number; lat: number }) => c.lng > w0 && c.lng < e0 && c.lat > s0 && c.lat < n0;
    await expect.poll(async () => {
      const c = await restingCamera(page);
      return c.zoom > 6.5 && inBox(c);
    }, { timeout: 30_000 }).toBe(true);
    const zoomed = await restingCamera(page);

    await page.getByTestId('tab-views').click();
    await page.getByTestId('view-title').fill('Lào Cai');
    await page.getByTestId('view-capture').click();
    // Go back to the whole country, then play the slide: it flies back to Lào Cai, centred.
    await page.locator(`input[data-province="${province.code}"]`).uncheck();
    await page.locator('.maplibregl-ctrl-zoom-out').click();
    await page.locator('.maplibregl-ctrl-zoom-out').click();
    await cameraAtRest(page);
    await page.getByTestId('present').click();
    await page.getByTestId('slide').waitFor();
    await page.waitForFunction(() => document.documentElement.dataset.viewCamera === 'rest', undefined, { timeout: 60_000 });
    const slide = await restingCamera(page);
    expect(inBox(slide)).toBe(true);
    expect(Math.abs(slide.zoom - zoomed.zoom)).toBeLessThan(1);
    // Centred: the province's centre is near the map's centre on the full-screen slide.
    const [cx, cy] = await project(page, [(w0 + e0) / 2, (s0 + n0) / 2]);
    expect(Math.abs(cx - FULL_HD.width / 2)).toBeLessThan(FULL_HD.width * 0.12);
    expect(Math.abs(cy - FULL_HD.height / 2)).toBeLessThan(FULL_HD.height * 0.15);
    // A live slide has a scale bar and a north arrow, both visible.
    expect(await page.locator('.maplibregl-ctrl-scale').isVisible()).toBe(true);
    expect(await page.getByTestId('north-arrow').isVisible()).toBe(true);
    const scale = await page.locator('.maplibregl-ctrl-scale').boundingBox();
    const foot = await page.locator('.slide-foot').boundingBox();
    expect(scale!.y + scale!.height).toBeLessThanOrEqual(foot!.y + 1);
    await page.keyboard.press('Escape');
    await page.getByTestId('tab-list').click();
  });

  it('a map that fails says so in both languages and "Tải lại bản đồ" brings it back without reloading the page', async () => {
    const { page } = w;
    await page.evaluate(() => {
      (window as unknown as { marker: number }).marker = 42;
      const canvas = document.querySelector('.stage .maplibregl-canvas') as HTMLCanvasElement;
      (canvas.getContext('webgl2') as WebGL2RenderingContext).getExtension('WEBGL_lose_context')!.loseContext();
    });
    const failure = page.getByTestId('map-failure');
    await failure.waitFor({ timeout: 30_000 });
    const text = (await failure.textContent()) ?? '';
    expect(text).toContain('Bản đồ gặp lỗi khi vẽ');
    expect(text).toContain('The map failed to draw');
    // Frames counted from before the reload: the new map may draw its first ones at once, then rest.
    const frame = Number(await page.evaluate(() => document.documentElement.dataset.frame ?? 0));
    await page.getByTestId('map-reload').click();
    await expect.poll(() => failure.count(), { timeout: 30_000 }).toBe(0);
    await page.waitForFunction((f) => Number(document.documentElement.dataset.frame) > f, frame, { timeout: 60_000 });
    // The same page (no reload), a coloured map again.
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
    await cameraAtRest(page);
    const { labels } = await probeOf(page);
    const hn = labels.find((l) => l.text === 'Hà Nội')!;
    const [x, y] = await project(page, [hn.position[0] + 0.4, hn.position[1] - 0.25]);
    const [r, g, b] = await pixelAt(page, x, y);
    expect(Math.abs(r - 220) + Math.abs(g - 233) + Math.abs(b - 242), `${r},${g},${b} is not the sea`).toBeGreaterThan(30);
    // The lost context is the only error logged.
    expect(w.consoleErrors.filter((e) => !/context lost|WebGL context|CONTEXT_LOST/i.test(e))).toEqual([]);
    w.consoleErrors.length = 0;
  });

  it('the keyboard reaches the list through a skip link and sorts by a header; kind marks are explained', async () => {
    const { page } = w;
    // The skip link is the page's first stop for Tab, and shows itself when focused.
    expect(await page.evaluate(() => document.querySelector('a[href], button, input, select, textarea, [tabindex]')?.getAttribute('data-testid'))).toBe('skip-worklist');
    const skip = page.getByTestId('skip-worklist');
    await skip.focus();
    expect((await skip.boundingBox())!.y).toBeGreaterThanOrEqual(0);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('worklist');
    const header = page.getByTestId('sort-score');
    await header.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('descending');
    await page.keyboard.press('Enter');
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('ascending');
    const key = (await page.getByTestId('kind-key').textContent()) ?? '';
    for (const mark of ['B', 'M', 'Đ', 'D', 'K']) expect(key).toContain(mark);
    expect(key).toMatch(/Biên giới/);
  });

  it('printing scales the whole extent on screen into the page, without resizing the map', async () => {
    const { page } = w;
    const before = await restingCamera(page);
    const size = await page.evaluate(() => [...document.querySelectorAll('.stage canvas')].map((c) => `${(c as HTMLCanvasElement).width}x${(c as HTMLCanvasElement).height}`));
    // As a browser prints: beforeprint, then the print layout.
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    await page.emulateMedia({ media: 'print' });
    try {
      await page.waitForTimeout(1000);
      const fit = await page.evaluate(() => {
        const stage = document.querySelector('.stage')!.getBoundingClientRect();
        const map = document.querySelector('.stage > .map')!.getBoundingClientRect();
        return { stage: [stage.left, stage.top, stage.right, stage.bottom], map: [map.left, map.top, map.right, map.bottom] };
      });
      // The whole map (all it showed on screen) lies inside the printed box.
      // (within 1.5 px: the scaled box is placed at fractions of a pixel)
      expect(fit.map[0]).toBeGreaterThanOrEqual(fit.stage[0] - 1.5);
      expect(fit.map[1]).toBeGreaterThanOrEqual(fit.stage[1] - 1.5);
      expect(fit.map[2]).toBeLessThanOrEqual(fit.stage[2] + 1.5);
      expect(fit.map[3]).toBeLessThanOrEqual(fit.stage[3] + 1.5);
      const after = (await probeOf(page)).camera;
      expect(Math.abs(after.zoom - before.zoom)).toBeLessThan(1e-6);
      expect(await page.evaluate(() => [...document.querySelectorAll('.stage canvas')].map((c) => `${(c as HTMLCanvasElement).width}x${(c as HTMLCanvasElement).height}`))).toEqual(size);
    } finally {
      await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
      await page.emulateMedia({ media: 'screen' });
    }
  });

  it('"Chỉ xã yếu" + "Biên giới đất liền" rings the few results at national scale, and "Phóng tới kết quả" brings them all into view', async () => {
    const { page } = w;
    const m = bundle.manifest;
    if (await page.getByTestId('reset-filters').isEnabled()) await page.getByTestId('reset-filters').click();
    await page.getByTestId('preset-weak').click();
    await page.locator('input[data-kind="border"]').check();
    await page.waitForFunction(() => /"kinds":\["border"\]/.test(document.documentElement.dataset.layersKey ?? ''), undefined, { timeout: 60_000 });
    // The list and its count answer this filter (not the weak-only one a moment before).
    await page.waitForFunction(() => /"ratings":\["Y"\].*"kinds":\["border"\]/.test(document.documentElement.dataset.tableKey ?? ''), undefined, { timeout: 60_000 });
    const count = Number(((await page.getByTestId('match-count').textContent()) ?? '').replace(/\D/g, ''));
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThanOrEqual(RESULT_RING_LIMIT);
    // The results, as the list shows them (the rows the virtual list has in the page).
    await expect.poll(() => page.locator('.wl-row').count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(Math.min(count, 5));
    const codes = await page.locator('.wl-row').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.code!));
    const byCode = new Map(unitFeatures(bundle.topology, m.structures[0].communeObject).map((f) => [f.properties.code, f]));
    const points = codes.map((c) => labelPoint(byCode.get(c)!.geometry));
    // National scale: zoomed out until the whole country is in the frame.
    for (let i = 0; i < 4 && (await restingCamera(page)).zoom > 5.2; i++) await page.locator('.maplibregl-ctrl-zoom-out').click();
    await cameraAtRest(page);
    await page.waitForTimeout(500);
    // Each result is ringed in ink: dark pixels on a circle 8 px around its point (a commune itself is a speck there).
    let ringed = 0, seen = 0;
    for (const pt of points) {
      const [x, y] = await project(page, pt);
      if (x < 20 || y < 20 || x > FULL_HD.width - 20 || y > FULL_HD.height - 20) continue;
      seen++;
      let dark = 0;
      for (let k = 0; k < 8; k++) {
        const [r, g, b] = await pixelAt(page, x + 8 * Math.cos((k * Math.PI) / 4), y + 8 * Math.sin((k * Math.PI) / 4));
        if (r + g + b < 260) dark++;
      }
      if (dark >= 4) ringed++;
    }
    expect(seen).toBeGreaterThan(0);
    if (process.env.ATLAS_SCREENSHOTS) await page.screenshot({ path: join(process.env.ATLAS_SCREENSHOTS, 'rings.png') });
    expect(ringed, `${ringed} of ${seen} ringed (${count} results; ${await page.evaluate(() => document.documentElement.dataset.layersKey)})`).toBeGreaterThanOrEqual(Math.ceil(seen * 0.8));
    // Fit to results: zoomed in, every result inside the map.
    const before = await restingCamera(page);
    await page.getByTestId('fit-results').click();
    await page.waitForTimeout(300);
    const after = await restingCamera(page);
    expect(after.zoom).toBeGreaterThanOrEqual(before.zoom);
    const stage = (await page.locator('.stage').boundingBox())!;
    for (const pt of points) {
      const [x, y] = await project(page, pt);
      expect(x).toBeGreaterThanOrEqual(stage.x);
      expect(x).toBeLessThanOrEqual(stage.x + stage.width);
      expect(y).toBeGreaterThanOrEqual(stage.y);
      expect(y).toBeLessThanOrEqual(stage.y + stage.height);
    }
    await page.getByTestId('reset-filters').click();
  });

  it('stayed on the machine and logged no error', () => {
    expect(offMachine(w.requests)).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
    expect(w.pageErrors).toEqual([]);
  });
});

describe('language and a laptop screen (file://)', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('?lang=en holds after the data has loaded, for the page and the map\'s own controls; the button holds across a reload', async () => {
    const w = await openWatched(browser, `${fileUrl(DIST)}?lang=en`, { width: 1400, height: 900 });
    const { page } = w;
    await waitColoured(page);
    await waitDbReady(page);
    await page.waitForTimeout(1500);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.locator('.topbar h1').getAttribute('title')).toBe('Atlas of the all-people national-security-protection movement');
    expect(await page.getByTestId('lang').textContent()).toBe('Tiếng Việt');
    expect(await page.locator('.maplibregl-ctrl-zoom-in').getAttribute('title')).toBe('Zoom in');
    expect(await page.locator('[data-testid="legend"] h2').textContent()).toBe('Movement rating');
    // The button switches to Vietnamese, and that holds, on screen and across a reload of the same address.
    await page.getByTestId('lang').click();
    await page.waitForTimeout(1500);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('vi');
    expect(await page.locator('.maplibregl-ctrl-zoom-in').getAttribute('title')).toBe('Phóng to');
    await page.waitForFunction(() => location.hash.includes('l=vi'));
    await page.reload();
    await waitColoured(page);
    await waitDbReady(page);
    await page.waitForTimeout(1000);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('vi');
    expect(w.pageErrors).toEqual([]);
    await page.context().close();
  });

  it('a link to a regional frame that leaves out an archipelago shows both in an inset', async () => {
    // The north and centre at zoom 6 on a 1400×900 window: Trường Sa is south of the frame.
    const w = await openWatched(browser, `${fileUrl(DIST)}#v=1&c=105.8,18.5,6`, { width: 1400, height: 900 });
    const { page } = w;
    await waitColoured(page);
    const inset = page.getByTestId('inset');
    await expect.poll(() => inset.count(), { timeout: 30_000 }).toBe(1);
    const text = (await inset.textContent()) ?? '';
    for (const part of ['QĐ. Hoàng Sa', '(TP. Đà Nẵng)', 'QĐ. Trường Sa', '(tỉnh Khánh Hòa)', 'Biển Đông']) expect(text).toContain(part);
    // Zoomed into a province, the inset goes: a province view needs none.
    for (let i = 0; i < 3; i++) await page.locator('.maplibregl-ctrl-zoom-in').click();
    await expect.poll(() => inset.count(), { timeout: 30_000 }).toBe(0);
    expect(w.pageErrors).toEqual([]);
    await page.context().close();
  });

  it('on 1366×768 the top bar is one row and the panels fold so the map fills the window; the choice goes in the link', async () => {
    const w = await openWatched(browser, fileUrl(DIST), { width: 1366, height: 768 });
    const { page } = w;
    await waitColoured(page);
    const bar = await page.locator('.topbar').boundingBox();
    expect(bar!.height).toBeLessThan(60);
    const tops = await page.$$eval('.topbar .controls > *', (els) => els.filter((e) => (e as HTMLElement).offsetParent !== null).map((e) => e.getBoundingClientRect().top));
    expect(Math.max(...tops) - Math.min(...tops)).toBeLessThan(12);
    const right = await page.$$eval('.topbar *', (els) => Math.max(...els.map((e) => e.getBoundingClientRect().right)));
    expect(right).toBeLessThanOrEqual(1366);
    expect(await page.locator('.left').isVisible()).toBe(false);
    const stage = await page.locator('.stage').boundingBox();
    expect(stage!.width).toBeGreaterThan(1300);
    expect(stage!.height).toBeGreaterThan(620);
    await page.getByTestId('panels-toggle').click();
    expect(await page.locator('.left').isVisible()).toBe(true);
    await page.waitForFunction(() => location.hash.includes('pn=open'));
    await page.reload();
    await waitColoured(page);
    expect(await page.locator('.left').isVisible()).toBe(true);
    expect(w.pageErrors).toEqual([]);
    await page.context().close();
  });
});
