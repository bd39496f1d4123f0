/**
 * The legend never hides Hoàng Sa, Trường Sa or Biển Đông (file://, what the
 * user sees): at 1280×800, an office PC's window, the national view's legend
 * used to sit right over Trường Sa and its label. At that size, in English
 * with every overlay on (a longer legend), comparing two years, on a 1024×768
 * screen and on a 1920×1080 slide, each sovereignty label's box on screen
 * (from the map's probe, measured in the bundled font) and each island mark is
 * clear of the legend's and the inset's boxes, and the legend is inside the
 * map stage; and each sovereignty label on a map is wholly inside that map,
 * even in English in one half of a comparison (a map under 300 pixels wide).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archipelagoShapes } from '../../src/map/sovereignty.ts';
import { builtDist, cameraAtRest, fileUrl, launch, offMachine, openWatched, waitColoured, waitDbReady, type Watched } from './browser.ts';

const DIST = builtDist();
const SHAPES = archipelagoShapes([]);
/** The islands' marks (the built-in outline's islands: the same islands the data's units are). */
const MARKS = SHAPES.flatMap((s) => s.marks.map((m) => m.position));

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}
interface Seen {
  /** Each sovereignty label on each map, with that map's box. */
  labels: { text: string; box: Box; map: Box }[];
  marks: Box[];
  covers: { what: string; box: Box }[];
  stage: Box;
  legend?: Box;
  corner?: string;
}

/**
 * What is on screen: the sovereignty labels' boxes (each map of a comparison:
 * the probe projects on the right one, the left one has the same camera and
 * size), the island marks, and the boxes of the maps, the legend and the inset.
 */
function seen(page: Page): Promise<Seen> {
  return page.evaluate(async ({ marks }) => {
    await document.fonts.ready;
    const probe = (globalThis as unknown as { movementAtlas: { project: (lng: number, lat: number) => [number, number]; labels: () => { text: string; position: [number, number]; size: number; baseline: string; role?: string }[] } }).movementAtlas;
    const halves = [...document.querySelectorAll('.split-maps .half')].map((h) => h.getBoundingClientRect());
    const shifts = halves.length === 2 ? [0, halves[0].left - halves[1].left] : [0];
    const rect = (r: DOMRect) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });
    // The map each shift draws on: the right one (the probe's), then the left one.
    const maps = (halves.length === 2 ? ['.split-maps .half-right > .map', '.split-maps .half-left > .map'] : ['.stage > .map']).map((q) => rect(document.querySelector(q)!.getBoundingClientRect()));
    const ctx = document.createElement('canvas').getContext('2d')!;
    const labels: { text: string; box: Box; map: Box }[] = [];
    for (const l of probe.labels().filter((x) => x.role)) {
      ctx.font = `700 ${l.size}px "Be Vietnam Pro"`;
      const lines = l.text.split('\n');
      const w = Math.max(...lines.map((s) => ctx.measureText(s).width));
      const h = lines.length * l.size * 1.15;
      const [x, y] = probe.project(l.position[0], l.position[1]);
      const top = l.baseline === 'top' ? y : y - h / 2;
      shifts.forEach((dx, i) => labels.push({ text: l.text, box: { left: x + dx - w / 2, top, right: x + dx + w / 2, bottom: top + h }, map: maps[i] }));
    }
    const markBoxes: Box[] = [];
    for (const [lng, lat] of marks) {
      const [x, y] = probe.project(lng, lat);
      for (const dx of shifts) markBoxes.push({ left: x + dx - 4, top: y - 4, right: x + dx + 4, bottom: y + 4 });
    }
    const covers = [...document.querySelectorAll('.map-legend .legend, [data-testid="inset"]')].map((el) => ({ what: el.className.toString(), box: rect(el.getBoundingClientRect()) }));
    const legend = document.querySelector('.map-legend .legend');
    return {
      labels,
      marks: markBoxes,
      covers,
      stage: rect(document.querySelector('.stage')!.getBoundingClientRect()),
      legend: legend ? rect(legend.getBoundingClientRect()) : undefined,
      corner: (document.querySelector('.map-legend') as HTMLElement | null)?.dataset.corner,
    };
  }, { marks: MARKS });
}

const meets = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
const inside = (a: Box, outer: Box) => a.left >= outer.left - 0.5 && a.right <= outer.right + 0.5 && a.top >= outer.top - 0.5 && a.bottom <= outer.bottom + 0.5;

/**
 * The labels seen and nothing of the legend or the inset over them or the islands; the legend
 * inside the stage; each label on a map wholly inside it (not cut by its edge), and with
 * `allOnStage`, every label on its map.
 */
async function expectClear(page: Page, expectLabels: number, name: string, allOnStage = true): Promise<Seen> {
  await cameraAtRest(page);
  // The legend is placed again after the map's last move and resize.
  let s = await seen(page);
  await expect
    .poll(async () => {
      s = await seen(page);
      return s.labels.every((l) => s.covers.every((c) => !meets(l.box, c.box))) && s.marks.every((m) => s.covers.every((c) => !meets(m, c.box)));
    }, { timeout: 10_000, interval: 250 })
    .toBe(true)
    .catch(async () => {
      await page.screenshot({ path: `/tmp/legend-corner-${name}.png` });
      expect.fail(`${name}: ${JSON.stringify(s)}`);
    });
  expect(s.labels.filter((l) => meets(l.box, s.stage)).length, name).toBeGreaterThanOrEqual(expectLabels);
  expect(s.legend, name).toBeDefined();
  expect(inside(s.legend!, s.stage), `${name}: legend ${JSON.stringify(s.legend)} in stage ${JSON.stringify(s.stage)}`).toBe(true);
  // No map's edge cuts a sovereignty label; every one is on its map, so "not covered" means "seen".
  for (const l of s.labels) if (allOnStage || meets(l.box, l.map)) expect(inside(l.box, l.map), `${name}: ${JSON.stringify(l)} inside its map`).toBe(true);
  return s;
}

describe('the legend keeps clear of Hoàng Sa, Trường Sa and Biển Đông (file://)', () => {
  let browser: Browser;
  const pages: Watched[] = [];

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function open(viewport: { width: number; height: number }, suffix = ''): Promise<Page> {
    const w = await openWatched(browser, `${fileUrl(DIST)}${suffix}`, viewport);
    pages.push(w);
    await waitColoured(w.page);
    await waitDbReady(w.page);
    return w.page;
  }

  it('1280×800, the national view: Trường Sa\'s label is no longer under the legend; the legend leaves its old corner', async () => {
    const page = await open({ width: 1280, height: 800 });
    const s = await expectClear(page, 3, '1280x800');
    expect(s.labels.map((l) => l.text)).toEqual(expect.arrayContaining(['QĐ. Hoàng Sa\n(TP. Đà Nẵng)', 'QĐ. Trường Sa\n(tỉnh Khánh Hòa)', 'Biển Đông']));
    expect(s.corner).not.toBe('bottom-right');
    // Panned so Trường Sa moves elsewhere, the legend follows and still hides nothing.
    await page.mouse.move(640, 300);
    await page.mouse.down();
    await page.mouse.move(560, 200, { steps: 6 });
    await page.mouse.up();
    await expectClear(page, 3, '1280x800-panned');

    // Comparing two years: two maps, six labels, one legend clear of all of them.
    await page.getByTestId('split').check();
    await page.waitForFunction(() => document.querySelectorAll('.split-maps canvas').length === 4, undefined, { timeout: 60_000 });
    await waitColoured(page);
    await expectClear(page, 6, '1280x800-compare');
  });

  it('1280×800 in English with every overlay on (a longer legend)', async () => {
    const page = await open({ width: 1280, height: 800 }, '?lang=en#o=border,ethnic_minority,industrial_zone,island,maritime');
    await expect.poll(() => page.locator('[data-testid="legend-overlays"] li').count(), { timeout: 30_000 }).toBe(5);
    const s = await expectClear(page, 3, '1280x800-en');
    expect(s.labels.map((l) => l.text)).toContain('Biển Đông (East Sea)');

    // Comparing: no corner of two 290-pixel maps has room for it, even smaller: it folds to its
    // title and a button; unfolded by hand it shows every row, and folds again. Trường Sa's
    // English label, wider than the right map's room east of its islands, moves inward.
    await page.getByTestId('split').check();
    await page.waitForFunction(() => document.querySelectorAll('.split-maps canvas').length === 4, undefined, { timeout: 60_000 });
    await expectClear(page, 6, '1280x800-en-compare');
    expect(await page.locator('.map-legend').getAttribute('data-size')).toBe('folded');
    expect(await page.locator('[data-testid="legend"] li').first().isVisible()).toBe(false);
    await page.getByTestId('legend-show').click();
    await expect.poll(() => page.locator('[data-testid="legend"] li').first().isVisible()).toBe(true);
    await page.getByTestId('legend-hide').click();
    await expect.poll(() => page.locator('[data-testid="legend"] li').first().isVisible()).toBe(false);
    await expectClear(page, 6, '1280x800-en-compare-folded-again');
  });

  it('1280×800, a regional frame on Hoàng Sa that leaves Trường Sa out: the inset and the legend keep clear of Hoàng Sa', async () => {
    const page = await open({ width: 1280, height: 800 }, '#v=1&c=109.5,16,6');
    await page.getByTestId('inset').waitFor({ timeout: 30_000 });
    const s = await expectClear(page, 1, '1280x800-inset', false);
    const inset = s.covers.find((c) => c.what.includes('inset'))!;
    expect(inside(inset.box, s.stage), `inset ${JSON.stringify(inset.box)} in stage`).toBe(true);
  });

  it('1024×768', async () => {
    const page = await open({ width: 1024, height: 768 });
    await expectClear(page, 3, '1024x768');
  });

  it('a 1920×1080 slide of the national view (bigger legend, slide title and bar)', async () => {
    const page = await open({ width: 1920, height: 1080 });
    await page.getByTestId('tab-views').click();
    await page.getByTestId('view-title').fill('Toàn quốc');
    await page.getByTestId('view-capture').click();
    await page.getByTestId('present').click();
    await page.getByTestId('slide').waitFor();
    await page.waitForFunction(() => document.documentElement.dataset.viewCamera === 'rest', undefined, { timeout: 60_000 });
    const s = await expectClear(page, 3, '1920x1080-present');
    // Clear of the slide's bar and title too.
    const foot = await page.locator('.slide-foot').boundingBox();
    const title = await page.locator('.slide-title').boundingBox();
    for (const b of [foot!, title!]) expect(meets(s.legend!, { left: b.x, top: b.y, right: b.x + b.width, bottom: b.y + b.height })).toBe(false);
    await page.keyboard.press('Escape');
  });

  it('stayed on the machine and logged no error', () => {
    for (const w of pages) {
      expect(offMachine(w.requests)).toEqual([]);
      expect(w.consoleErrors).toEqual([]);
      expect(w.pageErrors).toEqual([]);
    }
  });
});
