/**
 * Bringing one's own data in the other formats, from file://: TopoJSON
 * boundaries with a Parquet rating sheet written here by DuckDB's native node
 * build (@duckdb/node-api: the writer an officer's DuckDB export uses, and not
 * the library the app reads Parquet with; DuckDB-WASM has no Parquet writer
 * offline), through the file picker; the map shows the sheet's
 * ratings. The import is kept in this browser (IndexedDB): a reload offers it
 * again, it opens, and "forget" removes it from the browser for good.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { FeatureCollection } from 'geojson';
import type { Browser, Page } from 'playwright-core';
import { topology } from 'topojson-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCALE, hexToRgb, levelById } from '../../src/model/scale.ts';
import { cameraAtRest, offMachine, openApp, openImport, pixelAt, reportCounts, runImport, visiblePoint, waitColoured, waitDbReady, type Watched } from './browser.ts';

const GOOD = resolve('tests/fixtures/good');

/** The rating sheet of the Parquet file: commune, year, rating, score (not the XLSX fixture's values, so the map shows these). */
const SHEET: [code: string, year: number, rating: string, score: number][] = [
  ['00691', 2024, 'Y', 31.5],
  ['00694', 2024, 'XS', 92],
  ['00697', 2024, 'K', 74.25],
  ['00700', 2024, 'TB', 55],
  ['00703', 2024, 'Y', 28],
  ['00706', 2024, 'XS', 90.5],
];

/** Writes SHEET as Parquet with DuckDB's own writer (typed columns: VARCHAR, INTEGER, VARCHAR, DOUBLE). */
async function writeParquet(path: string): Promise<void> {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  try {
    // Nothing may be fetched: the Parquet writer is built into the node package.
    await c.run('SET autoinstall_known_extensions = false; SET autoload_known_extensions = false;');
    await c.run('CREATE TABLE sheet (ma_xa VARCHAR, nam INTEGER, xep_loai VARCHAR, diem DOUBLE)');
    for (const row of SHEET) await c.run('INSERT INTO sheet VALUES ($1, $2, $3, $4)', [...row]);
    await c.run(`COPY sheet TO '${path.replace(/'/g, "''")}' (FORMAT parquet)`);
  } finally {
    c.closeSync();
    db.closeSync();
  }
}

/** The kept dataset's record in the page's IndexedDB (src/ui/import/datasetStore.ts), or null. */
function keptRecord(page: Page): Promise<{ savedAt: string; parts: number } | null> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const req = indexedDB.open('movement-atlas', 1);
        req.onupgradeneeded = () => req.result.createObjectStore('datasets');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const get = req.result.transaction('datasets').objectStore('datasets').get('kept');
          get.onsuccess = () => {
            const v = get.result as { savedAt: string; payload: { manifest: { parts: Record<string, unknown> } } } | undefined;
            req.result.close();
            resolve(v ? { savedAt: v.savedAt, parts: Object.keys(v.payload.manifest.parts).length } : null);
          };
          get.onerror = () => reject(get.error);
        };
      }),
  );
}

describe('import of TopoJSON + Parquet, kept in the browser (file://)', () => {
  let browser: Browser;
  let w: Watched;
  let dir: string;
  let topoPath: string;
  let parquetPath: string;
  const features = (JSON.parse(readFileSync(join(GOOD, 'communes.geojson'), 'utf8')) as FeatureCollection).features;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'atlas-import-'));
    topoPath = join(dir, 'communes.topojson');
    const xa: FeatureCollection = { type: 'FeatureCollection', features };
    writeFileSync(topoPath, JSON.stringify(topology({ xa }, 1e6)));
    parquetPath = join(dir, 'xep-loai.parquet');
    await writeParquet(parquetPath);
    expect(readFileSync(parquetPath).subarray(0, 4).toString('latin1')).toBe('PAR1');
    ({ browser, w } = await openApp({ dbReady: true, timeout: 120_000 }));
  });
  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /**
   * Each square commune, where the user sees it, shows its rating's colour from
   * the Parquet sheet: '' when so, else what differs. Polled: after a dataset
   * opens, the map flies to it and redraws over a few frames.
   */
  async function sheetColourMismatch(page: Page): Promise<string> {
    let seen = 0;
    const wrong: string[] = [];
    for (const f of features) {
      const code = String(f.properties!.ma_xa);
      const ring = (f.geometry as { coordinates: number[][][] }).coordinates[0];
      const centre: [number, number] = [(ring[0][0] + ring[2][0]) / 2, (ring[0][1] + ring[2][1]) / 2];
      const at = await visiblePoint(page, centre);
      if (!at) continue;
      const want = hexToRgb(levelById(DEFAULT_SCALE, SHEET.find((r) => r[0] === code)![2])!.color);
      const got = await pixelAt(page, ...at);
      if ([0, 1, 2].some((i) => Math.abs(got[i] - want[i]) >= 30)) wrong.push(`${code} got ${got} want ${want}`);
      seen++;
    }
    if (seen < 4) wrong.push(`only ${seen} communes visible on the map`);
    return wrong.join('; ');
  }
  async function expectSheetColours(page: Page) {
    await cameraAtRest(page);
    await expect.poll(() => sheetColourMismatch(page), { timeout: 30_000 }).toBe('');
  }

  it('loads TopoJSON boundaries and a Parquet sheet: every row accounted for, the sheet’s ratings on the map and in the list', async () => {
    const { page } = w;
    expect(await keptRecord(page)).toBeNull();
    await openImport(page);
    await page.getByTestId('import-input').setInputFiles([topoPath, parquetPath]);
    // The mapping step recognises both files and proposes their columns.
    const sheet = page.locator('[data-testid="import-dialog"] fieldset[data-file="xep-loai.parquet"]');
    await sheet.waitFor();
    expect(await sheet.locator('select[data-field="code"]').inputValue()).toBe('ma_xa');
    expect(await sheet.locator('select[data-field="rating"]').inputValue()).toBe('xep_loai');
    expect(await page.locator('[data-testid="import-dialog"] fieldset[data-file="communes.topojson"] select[data-field="code"]').inputValue()).toBe('ma_xa');
    await page.getByTestId('import-keep').check();
    await runImport(page, /Đã nạp 6/);
    for (const [file, rows] of [['xep-loai.parquet', SHEET.length], ['communes.topojson', features.length]] as const) expect(await reportCounts(page, file), file).toEqual({ total: rows, loaded: rows, rejected: 0 });
    await page.getByTestId('import-dialog').getByRole('button', { name: /Đóng|Close/ }).click();

    await expect.poll(() => page.getByTestId('imported').count(), { timeout: 30_000 }).toBe(1);
    await waitColoured(page);
    await page.waitForFunction(() => (document.documentElement.dataset.mapKey ?? '').includes('|2024|rating|'), undefined, { timeout: 60_000 });
    await expect.poll(async () => (await page.locator('.wl-row').count()), { timeout: 30_000 }).toBe(SHEET.length);
    // Each row shows the sheet's level for its commune.
    for (const [code, , rating] of SHEET) {
      expect((await page.locator(`.wl-row[data-code="${code}"] .c-rating`).textContent())?.trim(), code).toBe(levelById(DEFAULT_SCALE, rating)!.short.vi);
    }
    await cameraAtRest(page);
    await expectSheetColours(page);
    // Kept, as asked.
    expect((await keptRecord(page))?.parts).toBeGreaterThan(0);
  });

  it('a reload offers the kept dataset; it opens; forgetting it removes it from the browser', async () => {
    const { page } = w;
    await page.reload();
    await waitColoured(page);
    await waitDbReady(page, 120_000);
    // The folder's own data again, and the notice with its two buttons.
    await expect.poll(() => page.getByTestId('kept').count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => page.getByTestId('illustrative').count()).toBe(1);
    const saved = (await keptRecord(page))!.savedAt;
    expect(await page.getByTestId('kept').textContent()).toContain(String(new Date(saved).getFullYear()));

    await page.getByTestId('kept').getByRole('button', { name: /Mở bộ dữ liệu đã lưu/ }).click();
    await expect.poll(() => page.getByTestId('imported').count(), { timeout: 60_000 }).toBe(1);
    await expect.poll(() => page.getByTestId('kept').count()).toBe(0);
    await expect.poll(async () => (await page.locator('.wl-row').count()), { timeout: 30_000 }).toBe(SHEET.length);
    await waitColoured(page);
    await cameraAtRest(page);
    await expectSheetColours(page);

    // Opening did not forget it: the next start offers it again; "forget" removes it.
    await page.reload();
    await waitDbReady(page, 120_000);
    await expect.poll(() => page.getByTestId('kept').count(), { timeout: 30_000 }).toBe(1);
    await page.getByTestId('kept').getByRole('button', { name: /Xoá khỏi trình duyệt/ }).click();
    await expect.poll(() => page.getByTestId('kept').count()).toBe(0);
    await expect.poll(() => keptRecord(page)).toBeNull();
    await page.reload();
    await waitColoured(page);
    await waitDbReady(page, 120_000);
    expect(await page.getByTestId('illustrative').count()).toBe(1);
    // The page looked for a kept dataset at start-up (the store opens before DuckDB is ready) and found none.
    await page.waitForTimeout(1000);
    expect(await page.getByTestId('kept').count()).toBe(0);
    expect(await keptRecord(page)).toBeNull();

    expect(w.pageErrors).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
    expect(offMachine(w.requests)).toEqual([]);
  });
});
