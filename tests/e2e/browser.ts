/**
 * Drives Debian's Chromium (never a downloaded browser) through playwright-core
 * and records every request the page makes and every console error, so tests can
 * assert that nothing left the machine and nothing failed silently.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { PNG } from 'pngjs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launch(extraArgs: string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-default-apps',
      '--disable-dev-shm-usage',
      '--enable-unsafe-swiftshader',
      '--use-angle=swiftshader',
      ...extraArgs,
    ],
  });
}

export interface Watched {
  page: Page;
  requests: string[];
  consoleErrors: string[];
  pageErrors: string[];
}

/** Records a page's requests, console errors and uncaught errors from now on. */
export function watch(page: Page): Watched {
  const w: Watched = { page, requests: [], consoleErrors: [], pageErrors: [] };
  page.on('request', (r) => w.requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error') w.consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => w.pageErrors.push(e.message));
  return w;
}

/** Opens a page that records requests, console errors and uncaught errors. */
export async function openWatched(browser: Browser, url: string, viewport = { width: 1280, height: 800 }): Promise<Watched> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, acceptDownloads: true });
  const w = watch(await context.newPage());
  await w.page.goto(url);
  return w;
}

/**
 * The built folder the e2e tests open (`dist/`, made by `npm run build`, which
 * `npm test` runs first). Missing, it fails the suite with what to do: a
 * skipped suite would pass on a broken app.
 */
export function builtDist(dir = 'dist'): string {
  const path = resolve(dir);
  if (!existsSync(join(path, 'index.html'))) throw new Error(`${join(path, 'index.html')} is missing: run npm run build first (npm test does)`);
  return path;
}

export function fileUrl(dir: string): string {
  return pathToFileURL(join(resolve(dir), 'index.html')).href;
}

export { serveStatic } from '../../scripts/lib/static-server.ts';

/** Requests whose URL is not file:, data: or blob: (for file:// pages). */
export function offMachine(requests: string[], allowedOrigin?: string): string[] {
  return requests.filter((u) => {
    if (u.startsWith('data:') || u.startsWith('blob:')) return false;
    if (allowedOrigin) return !u.startsWith(allowedOrigin);
    return !u.startsWith('file:');
  });
}

/**
 * Waits for the map to show DuckDB's colours (the first paint from the bundle,
 * before DuckDB is up, does not count: tests read DuckDB's numbers next).
 */
export async function waitColoured(page: Page, timeout = 120_000): Promise<void> {
  await page.waitForFunction(
    () => document.documentElement.dataset.mapState === 'coloured' && document.documentElement.dataset.mapSource === 'duckdb',
    undefined,
    { timeout },
  );
}

/** Waits until DuckDB is up (`data-db-state="ready"`): tests that import or read its lists next. */
export async function waitDbReady(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(() => document.documentElement.dataset.dbState === 'ready', undefined, { timeout });
}

export interface OpenAppOptions {
  /** The built folder (builtDist() by default). */
  dist?: string;
  /** Appended to the page's URL: a hash such as `#s=2025&y=2011` or `#o=`. */
  hash?: string;
  viewport?: { width: number; height: number };
  /** Called once the page has loaded, before the waits (to listen to dialogs, say). */
  onPage?: (w: Watched) => void;
  /** Also wait for DuckDB to be ready. */
  dbReady?: boolean;
  /** Also wait for the map of this key prefix (structure|year|mode) coloured by DuckDB. */
  mapKey?: string;
  /** Timeout of the DuckDB and map-key waits; 60 s by default. */
  timeout?: number;
}

/**
 * Launches Chromium and opens the built app over file://, waiting for the map
 * coloured by DuckDB (and, as asked, DuckDB ready or a given map). The browser
 * is closed again if the page never gets there, so a failed beforeAll leaves
 * no Chromium behind; otherwise the caller closes it in afterAll.
 */
export async function openApp(options: OpenAppOptions = {}): Promise<{ browser: Browser; w: Watched }> {
  const url = `${fileUrl(options.dist ?? builtDist())}${options.hash ?? ''}`;
  const browser = await launch();
  try {
    const w = await openWatched(browser, url, options.viewport);
    options.onPage?.(w);
    await waitColoured(w.page);
    if (options.dbReady) await waitDbReady(w.page, options.timeout);
    if (options.mapKey !== undefined) await waitMapKey(w.page, options.mapKey, options.timeout);
    return { browser, w };
  } catch (e) {
    await browser.close();
    throw e;
  }
}

/** Opens the import dialog from the map's toolbar. */
export async function openImport(page: Page): Promise<void> {
  await page.getByTestId('import-open').click();
  await page.getByTestId('import-dialog').waitFor();
}

/**
 * Runs the import of the files picked in the dialog and waits until its status
 * line says `status` (e.g. /Đã nạp 6/ for the Hà Giang pair, /giữ nguyên/ for a
 * refused one).
 */
export async function runImport(page: Page, status: RegExp, timeout = 60_000): Promise<void> {
  await page.getByTestId('import-run').click();
  await page.getByTestId('import-status').filter({ hasText: status }).waitFor({ timeout });
}

/** A file's counts in the import report's table: its rows in all, loaded and rejected. */
export async function reportCounts(page: Page, file: string): Promise<{ total: number; loaded: number; rejected: number }> {
  const count = async (col: string) => Number((await page.locator(`[data-testid="import-report"] tr[data-file="${file}"] td[data-col="${col}"]`).textContent())!.replace(/\D/g, ''));
  return { total: await count('total'), loaded: await count('loaded'), rejected: await count('rejected') };
}

/** Closes the import dialog with its own button, in either language. */
export async function closeImport(page: Page): Promise<void> {
  await page.getByTestId('import-dialog').getByRole('button', { name: /Đóng|Close/ }).click();
}

/**
 * What the pixel and projection helpers need of a page: playwright's (Chromium)
 * and puppeteer's (Firefox) pages both have it.
 */
export interface Evaluates {
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
}

/** RGB of a pixel of a screenshot of the page. */
export async function pixelAt(page: Evaluates, x: number, y: number): Promise<[number, number, number]> {
  return page.evaluate(
    async ([px, py]) => {
      const canvases = [...document.querySelectorAll('canvas')] as HTMLCanvasElement[];
      // deck.gl's canvas is on top of MapLibre's; composite both as the user sees them.
      const out = document.createElement('canvas');
      out.width = 1;
      out.height = 1;
      const ctx = out.getContext('2d')!;
      for (const c of canvases) {
        const r = c.getBoundingClientRect();
        const sx = ((px - r.left) * c.width) / r.width;
        const sy = ((py - r.top) * c.height) / r.height;
        ctx.drawImage(c, sx, sy, 1, 1, 0, 0, 1, 1);
      }
      const d = ctx.getImageData(0, 0, 1, 1).data;
      return [d[0], d[1], d[2]] as [number, number, number];
    },
    [x, y] as const,
  );
}

/** Screen position of a longitude/latitude on the page's map (through the app's probe). */
export async function project(page: Evaluates, lngLat: [number, number]): Promise<[number, number]> {
  return page.evaluate(([lng, lat]) => {
    const probe = (globalThis as unknown as { movementAtlas: { project?: (a: number, b: number) => [number, number] } }).movementAtlas;
    if (!probe.project) throw new Error('map not ready');
    return probe.project(lng, lat);
  }, lngLat);
}

/**
 * Screen point of a longitude/latitude if the user can see the map there: inside
 * the map and not under the legend, a control or a panel. Undefined otherwise.
 */
export async function visiblePoint(page: Evaluates, lngLat: [number, number]): Promise<[number, number] | undefined> {
  const [x, y] = await project(page, lngLat);
  return page.evaluate(
    ([px, py]) => {
      const map = document.querySelector('.stage')!.getBoundingClientRect();
      if (px < map.left + 8 || px > map.right - 8 || py < map.top + 8 || py > map.bottom - 8) return undefined;
      for (const el of document.querySelectorAll('.map-legend, .maplibregl-ctrl, .tooltip')) {
        const r = el.getBoundingClientRect();
        if (px >= r.left - 6 && px <= r.right + 6 && py >= r.top - 6 && py <= r.bottom + 6) return undefined;
      }
      return [px, py] as [number, number];
    },
    [x, y] as const,
  );
}

/** Waits until the map's camera is at rest (no flight, no easing), through the app's probe. */
export async function cameraAtRest(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(
    () => {
      const c = (globalThis as unknown as { movementAtlas: { camera?: () => { moving: boolean } } }).movementAtlas.camera?.();
      return !!c && !c.moving;
    },
    undefined,
    { timeout },
  );
}

/** Pixels of a PNG (a screenshot) within `tolerance` of an RGB colour. */
export function countColor(png: Buffer, rgb: [number, number, number], tolerance: number): number {
  const img = PNG.sync.read(png);
  let n = 0;
  for (let i = 0; i < img.data.length; i += 4) {
    if (Math.abs(img.data[i] - rgb[0]) < tolerance && Math.abs(img.data[i + 1] - rgb[1]) < tolerance && Math.abs(img.data[i + 2] - rgb[2]) < tolerance) n++;
  }
  return n;
}

/** Waits until the page shows the map for `prefix` (structure|year|mode…) coloured by DuckDB (not the first paint from the bundle). */
export async function waitMapKey(page: Page, prefix: string, timeout = 60_000): Promise<void> {
  await page.waitForFunction(
    (p) => (document.documentElement.dataset.mapKey ?? '').startsWith(p) && document.documentElement.dataset.mapSource === 'duckdb',
    prefix,
    { timeout },
  );
}
