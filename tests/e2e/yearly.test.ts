/**
 * The yearly cycle from the IT officer's side, in Chromium on file://:
 * - a folder packed from the demo's 2025 communes with ratings 2024–2025, then
 *   `pack --into` with a 2026 sheet, shows 2024–2026 and the map for 2026;
 * - `pack --into` killed midway (as the new data file is being written) leaves
 *   the folder opening with its old data, and the next run succeeds;
 * - a protected folder updated with `--into` still asks for its passphrase,
 *   and opens with the new year.
 * Every CLI run is the real command in its own process (node + tsx), as typed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { area, pointOnFeature } from '@turf/turf';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitFeatures } from '../../src/map/boundaries.ts';
import { hexToRgb } from '../../src/model/scale.ts';
import { formatNumber } from '../../src/model/i18n.ts';
import { communesGeoJson, demoRatings, demoSeries, ratingsCsv, readDemo, type RatingLine } from './demo-files.ts';
import { fileUrl, launch, offMachine, openWatched, pixelAt, visiblePoint, waitColoured } from './browser.ts';
import { readDistBundle } from './dist-bundle.ts';

const PASS = 'Bảo vệ an ninh Tổ quốc 2026!';
const GOOD = resolve('tests/fixtures/good');
/** A clean environment: vitest's own variables (NODE_ENV=test…) would otherwise reach the vite build inside pack. */
const ENV = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TMPDIR: process.env.TMPDIR ?? '/tmp' };
/** `node --import tsx`: one process, so killing it kills the pack itself (the tsx launcher would leave its child running). */
const NODE = [process.execPath, '--import', 'tsx'];

function cli(script: string, args: string[]) {
  const r = spawnSync(NODE[0], [...NODE.slice(1), script, ...args], { encoding: 'utf8', timeout: 600_000, env: ENV });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

/** Years offered by the year selector. */
async function yearOptions(page: Page): Promise<number[]> {
  return (await page.getByTestId('year').locator('option').allTextContents()).map(Number).sort((a, b) => a - b);
}

let tmp: string;
let browser: Browser;
/** The 2026 sheet: each commune's 2025 rating, one level better for one commune in three (deterministic). */
let rating2026: Map<string, string>;
let sheet2026: string;
/** Rows of each year's sheet (every rated commune; Hoàng Sa and Trường Sa are not rated). */
const sheetRows = new Map<number, number>();
let folder: string;
let copy: string;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'atlas-yearly-'));
  const demo = await readDemo();
  writeFileSync(join(tmp, 'xa-2025.geojson'), communesGeoJson(demo, '2025'));
  // 2024 on the new communes: the demo's own history carried across the merger; 2025 as rated.
  const y2024: RatingLine[] = demoSeries(demo, '2025').filter((r) => r.year === 2024 && r.rating !== null).map((r) => ({ code: r.code, year: 2024, rating: r.rating!, score: r.score }));
  const y2025 = demoRatings(demo, '2025');
  writeFileSync(join(tmp, 'xep-loai-2024-2025.csv'), ratingsCsv([...y2024, ...y2025]));
  const better: Record<string, string> = { Y: 'TB', TB: 'K', K: 'XS', XS: 'XS' };
  const y2026 = y2025.map((r, i) => ({ ...r, year: 2026, rating: i % 3 === 0 ? better[r.rating] : r.rating }));
  rating2026 = new Map(y2026.map((r) => [r.code, r.rating]));
  for (const [year, rows] of [[2024, y2024], [2025, y2025], [2026, y2026]] as const) sheetRows.set(year, rows.length);
  sheet2026 = join(tmp, 'xep-loai-2026.csv');
  writeFileSync(sheet2026, ratingsCsv(y2026));

  folder = join(tmp, 'thu-muc');
  const packed = cli('scripts/pack.ts', ['--boundaries', join(tmp, 'xa-2025.geojson'), '--ratings', join(tmp, 'xep-loai-2024-2025.csv'), '--out', folder, '--bundle-dir', join(tmp, 'bundle')]);
  expect(packed.status, packed.out).toBe(0);
  copy = join(tmp, 'thu-muc-ban-sao');
  cpSync(folder, copy, { recursive: true });
  browser = await launch();
}, 900_000);

afterAll(async () => {
  await browser?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('pack --into (file://)', () => {
  it('a folder of the demo 2025 communes with 2024–2025 opens with those years', async () => {
    const w = await openWatched(browser, fileUrl(folder));
    await waitColoured(w.page);
    expect(await yearOptions(w.page)).toEqual([2024, 2025]);
    expect(await w.page.getByTestId('structure').locator('option').count()).toBe(1);
    await w.page.context().close();
  });

  it('killed while writing the new data, leaves the folder opening with its old data; the next run succeeds', async () => {
    const script = join(copy, 'data', 'atlas-data.js');
    const original = readFileSync(script);
    const child = spawn(NODE[0], [...NODE.slice(1), 'scripts/pack.ts', '--into', copy, '--ratings', sheet2026, '--bundle-dir', join(tmp, 'bundle-kill')], { env: ENV, stdio: 'pipe' });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    // Killed the moment the new data file appears beside the old one: midway through the write and its check.
    let killedAt = '';
    const watcher = watch(join(copy, 'data'), (_event, name) => {
      if (!killedAt && name && /^\.atlas-data\.js\.new-\d+$/.test(name)) {
        killedAt = name;
        child.kill('SIGKILL');
      }
    });
    const code = await new Promise<number | null>((done) => child.on('exit', (c) => done(c)));
    watcher.close();
    expect(killedAt, out).not.toBe('');
    expect(code, out).toBeNull();
    expect(out).not.toContain('portable folder updated');
    expect(readFileSync(script).equals(original), 'data/atlas-data.js is the old one, byte for byte').toBe(true);

    const w = await openWatched(browser, fileUrl(copy));
    await waitColoured(w.page);
    expect(await yearOptions(w.page)).toEqual([2024, 2025]);
    expect(w.pageErrors).toEqual([]);
    await w.page.context().close();

    const again = cli('scripts/pack.ts', ['--into', copy, '--ratings', sheet2026, '--bundle-dir', join(tmp, 'bundle-kill')]);
    expect(again.status, again.out).toBe(0);
    expect(again.out).toContain('removed leftovers of an interrupted run');
    expect(readdirSync(join(copy, 'data'))).toEqual(['atlas-data.js']);
  });

  it('adds 2026: the folder shows 2024–2026 and the map for 2026', async () => {
    const r = cli('scripts/pack.ts', ['--into', folder, '--ratings', sheet2026, '--bundle-dir', join(tmp, 'bundle-into')]);
    expect(r.status, r.out).toBe(0);
    const rows = (year: number, lang: 'vi' | 'en') => formatNumber(lang, sheetRows.get(year)!);
    expect(r.out).toContain(`Năm thêm mới: 2026: ${rows(2026, 'vi')} dòng`);
    expect(r.out).toContain(`Years kept: 2024: ${rows(2024, 'en')} rows; 2025: ${rows(2025, 'en')} rows`);
    // Every line of the report has its numbers (no placeholder left).
    expect(r.out).not.toMatch(/\{\w+\}/);

    const bundle = await readDistBundle(folder);
    expect(bundle.manifest.years).toEqual([2024, 2025, 2026]);
    // Northern Vietnam at zoom 7.5, where communes are big enough to sample; no overlay (the border one
    // is on by default and draws over the fill).
    const w = await openWatched(browser, `${fileUrl(folder)}#o=&c=105.6,22.0,7.5`, { width: 1600, height: 1000 });
    const { page } = w;
    await waitColoured(page);
    expect(await yearOptions(page)).toEqual([2024, 2025, 2026]);
    // The newest year is the default: the map is 2026's.
    expect(await page.getByTestId('year').inputValue()).toBe('2026');
    await page.waitForFunction(() => (document.documentElement.dataset.mapKey ?? '').startsWith('2025|2026|rating'), undefined, { timeout: 60_000 });
    // Software WebGL draws thousands of communes slowly: let the first frames settle.
    await page.waitForFunction(() => {
      const c = (globalThis as unknown as { movementAtlas: { camera?: () => { moving: boolean } } }).movementAtlas.camera?.();
      return !!c && !c.moving;
    }, undefined, { timeout: 60_000 });
    await page.waitForTimeout(500);
    // A big commune whose 2026 colour is not its 2025 colour shows the 2026 one.
    const colour = new Map(bundle.manifest.scale.levels.map((l) => [l.id, l.color]));
    const rating2025 = new Map(demoRatings(await readDemo(), '2025').map((x) => [x.code, x.rating]));
    const changed = unitFeatures(bundle.topology, 'communes_2025')
      .filter((f) => colour.get(rating2026.get(f.properties.code)!) !== colour.get(rating2025.get(f.properties.code)!))
      .sort((a, b) => area(b) - area(a));
    let checked = 0;
    for (const f of changed) {
      const p = await visiblePoint(page, pointOnFeature(f).geometry.coordinates as [number, number]);
      if (!p) continue;
      const want = hexToRgb(colour.get(rating2026.get(f.properties.code)!)!);
      const got = await pixelAt(page, ...p);
      expect(got.map((v, i) => Math.abs(v - want[i])).every((d) => d < 35), `${f.properties.code}: ${got} vs 2026 ${want}`).toBe(true);
      if (++checked === 3) break;
    }
    expect(checked).toBe(3);
    expect(w.pageErrors).toEqual([]);
    expect(offMachine(w.requests)).toEqual([]);
    await page.context().close();
  });

  it('a protected folder updated with --into still asks for the passphrase, and opens with the new year', async () => {
    const locked = join(tmp, 'bao-ve');
    const passFile = join(tmp, 'pass.txt');
    writeFileSync(passFile, `${PASS}\n`, { mode: 0o600 });
    const packed = cli('scripts/pack.ts', ['--boundaries', join(GOOD, 'communes.geojson'), '--ratings', join(GOOD, 'ratings.xlsx'), '--protect', '--passphrase-file', passFile, '--out', locked, '--bundle-dir', join(tmp, 'bundle-locked')]);
    expect(packed.status, packed.out).toBe(0);
    const sheet = join(tmp, 'xep-loai-2025-ha-giang.csv');
    writeFileSync(sheet, '\uFEFFMã xã,Năm,Xếp loại\r\n00691,2025,XS\r\n00694,2025,K\r\n00697,2025,K\r\n00700,2025,TB\r\n00703,2025,Y\r\n00706,2025,K\r\n');
    const r = cli('scripts/pack.ts', ['--into', locked, '--ratings', sheet, '--passphrase-file', passFile, '--bundle-dir', join(tmp, 'bundle-locked')]);
    expect(r.status, r.out).toBe(0);
    expect(r.out).toContain('protected');
    expect(readdirSync(join(locked, 'data'))).toEqual(['atlas-data.js']);
    expect(readFileSync(join(locked, 'data', 'atlas-data.js'), 'utf8')).not.toContain('Lũng Cú');

    const w = await openWatched(browser, fileUrl(locked));
    const { page } = w;
    await page.getByTestId('passphrase-screen').waitFor({ timeout: 60_000 });
    expect(await page.locator('.wl-row, canvas').count()).toBe(0);
    await page.getByTestId('passphrase').fill(PASS);
    await page.getByTestId('unlock').click();
    await page.getByTestId('passphrase-screen').waitFor({ state: 'detached', timeout: 60_000 });
    await waitColoured(page);
    expect(await yearOptions(page)).toEqual([2023, 2024, 2025]);
    expect(await page.getByTestId('year').inputValue()).toBe('2025');
    expect(w.pageErrors).toEqual([]);
    expect(offMachine(w.requests)).toEqual([]);
    await page.context().close();
  });
});

it('the folder holds nothing but the app and its data', () => {
  expect(existsSync(join(folder, 'index.html'))).toBe(true);
  expect(readdirSync(join(folder, 'data'))).toEqual(['atlas-data.js']);
});
