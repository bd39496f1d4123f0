/**
 * The built folder works where users open it: straight from disk (file://) and
 * over http, with no request leaving the machine. Run after `npm run build`.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hexToRgb, levelById } from '../../src/model/scale.ts';
import { builtDist, countColor, fileUrl, launch, offMachine, openWatched, pixelAt, serveStatic, waitColoured, type Watched } from './browser.ts';
import { knownCommunes, readDistBundle, visibleSamples } from './dist-bundle.ts';

const DIST = builtDist();

describe('portable folder', () => {
  let browser: Browser;
  let bundle: Awaited<ReturnType<typeof readDistBundle>>;

  beforeAll(async () => {
    browser = await launch();
    bundle = await readDistBundle(DIST);
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function checkPage(w: Watched) {
    const { page } = w;
    await waitColoured(page);
    const known = knownCommunes(bundle);
    const samples = await visibleSamples(page, bundle, known);
    expect(samples.length).toBeGreaterThanOrEqual(Math.min(3, known.candidates.length));

    // A DuckDB answer is on screen and equals the count computed here from the raw table.
    await expect.poll(() => page.getByTestId('weak-count').textContent()).toContain(`${known.year}`);
    const text = (await page.getByTestId('weak-count').textContent())!;
    const digits = text.replace(/\./g, '').match(/(\d+) \/ (\d+)/)!;
    expect(Number(digits[1])).toBe(known.weakCount);
    expect(Number(digits[2])).toBe(known.total);
    await expect.poll(() => page.getByTestId('db-status').getAttribute('data-state')).toBe('ready');

    for (const s of samples) {
      const rgb = await pixelAt(page, ...s.at);
      const want = hexToRgb(levelById(bundle.manifest.scale, s.rating)!.color);
      // The fill is 92% opaque over the sea colour and may sit under a hairline.
      for (let i = 0; i < 3; i++) expect(Math.abs(rgb[i] - want[i]), `${s.code} ${s.rating} got ${rgb} want ${want}`).toBeLessThan(30);
    }

    // Hovering a known unit shows its Vietnamese name.
    const s = samples[0];
    const [hx, hy] = s.at;
    await page.mouse.move(hx, hy);
    await expect.poll(() => page.getByTestId('tooltip').textContent(), { timeout: 15_000 }).toContain(s.name);

    expect(w.consoleErrors).toEqual([]);
    expect(w.pageErrors).toEqual([]);
  }

  it('opens from file:// with the coloured map, a DuckDB answer, hover names and no network', async () => {
    // No priority outlines, so sampled pixels are the choropleth's own colours.
    const w = await openWatched(browser, fileUrl(DIST) + '#o=');
    await checkPage(w);
    expect(w.requests.length).toBeGreaterThan(0);
    expect(offMachine(w.requests)).toEqual([]);
    await w.page.context().close();
  });

  it('draws the first coloured map at the canvas size, not stretched from a smaller buffer', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    // Canvas sizes at the moment the page says the map is coloured (the first frame that drew it).
    await page.addInitScript(`new MutationObserver(() => {
      if (document.documentElement.dataset.mapState === 'coloured' && !globalThis.__atColoured)
        globalThis.__atColoured = [...document.querySelectorAll('canvas')].filter((c) => c.clientWidth > 0).map((c) => [c.width, c.height, c.clientWidth, c.clientHeight]);
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-map-state'] });`);
    await page.goto(fileUrl(DIST));
    await page.waitForFunction(() => document.documentElement.dataset.mapState === 'coloured', undefined, { timeout: 120_000 });
    const sizes = await page.evaluate(() => (globalThis as unknown as { __atColoured: number[][] }).__atColoured);
    expect(sizes.length).toBeGreaterThanOrEqual(2);
    for (const [w, h, cw, ch] of sizes) expect([w, h]).toEqual([cw, ch]);
    await context.close();
  });

  it('works the same over http on 127.0.0.1 with no request leaving that origin', async () => {
    const server = await serveStatic(DIST);
    try {
      const w = await openWatched(browser, server.url + '#o=');
      await checkPage(w);
      expect(offMachine(w.requests, server.url)).toEqual([]);
      await w.page.context().close();
    } finally {
      await server.close();
    }
  });

  it('draws the land-border overlay: its outline colour appears only when it is on', async () => {
    const w = await openWatched(browser, fileUrl(DIST) + '#o=border');
    await waitColoured(w.page);
    const purple = async () => {
      const png = await w.page.locator('.stage').screenshot();
      return countColor(png, [120, 40, 140], 40);
    };
    await expect.poll(purple, { timeout: 20_000 }).toBeGreaterThan(300);
    await w.page.locator('input[data-overlay="border"]').uncheck();
    await expect.poll(purple, { timeout: 20_000 }).toBeLessThan(20);
    const n = await w.page.locator('.overlays label', { hasText: /Biên giới/ }).textContent();
    const flagged = new Set(
      tableFromIPC(bundle.parts.priority)
        .toArray()
        .map((r) => r.toJSON() as { code: string; kind: string; structure: string })
        .filter((r) => r.kind === 'border' && r.structure === bundle.manifest.structures[0].id)
        .map((r) => r.code),
    );
    expect(n).toContain(`(${flagged.size})`);
    await w.page.context().close();
  });

  it('shows the diagnostics panel with DuckDB version, bundle and timings (?diag)', async () => {
    const w = await openWatched(browser, fileUrl(DIST) + '?diag');
    await waitColoured(w.page);
    await expect.poll(() => w.page.getByTestId('diag-duckdb').textContent()).toMatch(/^v1\./);
    expect(await w.page.getByTestId('diag-bundle').textContent()).toContain(bundle.manifest.id);
    expect(await w.page.getByTestId('diag-webgl').textContent()).toMatch(/WebGL2: \S/);
    for (const step of ['data-load', 'duckdb-script', 'duckdb-instantiate', 'duckdb-insert', 'first-coloured-map']) {
      const cell = w.page.locator(`tr[data-step="${step}"] td`).nth(2);
      expect(await cell.textContent(), step).toMatch(/^\d+$/);
    }
    await w.page.context().close();
  });

  describe('failure paths: a readable message in both languages, never a blank page', () => {
    let copy: string;
    beforeAll(() => {
      copy = mkdtempSync(join(tmpdir(), 'atlas-broken-'));
    });
    afterAll(() => rmSync(copy, { recursive: true, force: true }));

    it('without DuckDB wasm payload', async () => {
      const dir = join(copy, 'no-wasm');
      cpSync(DIST, dir, { recursive: true });
      rmSync(join(dir, 'duckdb', 'duckdb-eh.wasm.js'));
      const w = await openWatched(browser, fileUrl(dir));
      const err = w.page.getByTestId('error').first();
      await err.waitFor({ timeout: 60_000 });
      const text = (await err.textContent())!;
      expect(text).toContain('duckdb/duckdb-eh.wasm.js');
      expect(text).toContain('Không đọc được tệp');
      expect(text).toContain('could not be read');
      // The boundaries still draw: the map does not wait for DuckDB.
      await w.page.locator('.map canvas').first().waitFor({ timeout: 30_000 });
      expect(w.pageErrors).toEqual([]);
      await w.page.context().close();
    });

    it('in a browser without WebGL', async () => {
      const noGl = await launch(['--disable-3d-apis', '--disable-webgl']);
      try {
        const w = await openWatched(noGl, fileUrl(DIST));
        const err = w.page.getByTestId('error').first();
        await err.waitFor({ timeout: 60_000 });
        expect(await err.textContent()).toContain('không có WebGL');
        expect(await err.textContent()).toContain('has no WebGL');
        // DuckDB still answers, so the numbers are there even without a map.
        await expect.poll(() => w.page.getByTestId('db-status').getAttribute('data-state'), { timeout: 60_000 }).toBe('ready');
        expect(w.pageErrors).toEqual([]);
      } finally {
        await noGl.close();
      }
    });

    it('without the data bundle', async () => {
      const dir = join(copy, 'no-data');
      cpSync(DIST, dir, { recursive: true });
      rmSync(join(dir, 'data', 'atlas-data.js'));
      const w = await openWatched(browser, fileUrl(dir));
      const err = w.page.getByTestId('error').first();
      await err.waitFor({ timeout: 60_000 });
      expect(await err.textContent()).toContain('data/atlas-data.js');
      expect(w.pageErrors).toEqual([]);
      await w.page.context().close();
    });
  });
});

