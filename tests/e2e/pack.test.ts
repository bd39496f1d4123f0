/**
 * The IT officer's path: `npm run pack` on a fixture pair writes a folder whose
 * index.html, opened from file://, shows that data (not the demo); a pack with
 * nothing usable exits non-zero.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileUrl, launch, offMachine, openWatched, waitColoured } from './browser.ts';

const GOOD = resolve('tests/fixtures/good');
const BAD = resolve('tests/fixtures/bad');
const TSX = resolve('node_modules/.bin/tsx');

function pack(args: string[]) {
  // A clean environment: vitest's own variables (NODE_ENV=test, VITEST…) would
  // otherwise reach the vite build inside pack and make a development build.
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TMPDIR: process.env.TMPDIR ?? '/tmp' };
  return spawnSync(TSX, ['scripts/pack.ts', ...args], { encoding: 'utf8', timeout: 300_000, env });
}

describe('npm run pack', () => {
  let tmp: string;
  let browser: Browser | undefined;
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'atlas-pack-'));
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('exits non-zero and says why when nothing usable was loaded', () => {
    const r = pack(['--boundaries', join(BAD, 'truncated.zip'), '--ratings', join(BAD, 'zero-bytes.csv'), '--out', join(tmp, 'bad'), '--bundle-dir', join(tmp, 'bad-bundle')]);
    expect(r.status, r.stdout + r.stderr).not.toBe(0);
    expect(r.stdout + r.stderr).toMatch(/zero-bytes\.csv/);
    expect(existsSync(join(tmp, 'bad', 'index.html'))).toBe(false);
  });

  it('packs a GeoJSON + XLSX pair into a folder that opens from file:// with that data', async () => {
    const out = join(tmp, 'folder');
    const r = pack(['--boundaries', join(GOOD, 'communes.geojson'), '--ratings', join(GOOD, 'ratings.xlsx'), '--out', out, '--bundle-dir', join(tmp, 'bundle')]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(existsSync(join(out, 'index.html'))).toBe(true);
    // The units of each priority kind, the land-border units per neighbour, and how long the flags took.
    expect(r.stdout).toMatch(/Cờ địa bàn trọng điểm \/ priority flags \(\d+\.\d s\):/);
    expect(r.stdout).toMatch(/\n {2}border: Trung Quốc \d+, Lào \d+, Campuchia \d+\n/);
    browser = await launch();
    const w = await openWatched(browser, fileUrl(out));
    await waitColoured(w.page);
    await expect.poll(async () => (await w.page.locator('.wl-row .c-name').allTextContents()).length, { timeout: 60_000 }).toBe(6);
    const names = await w.page.locator('.wl-row .c-name').allTextContents();
    expect(names).toContain('Xã Lũng Cú');
    expect(names).toContain('Xã <img src=x onerror=alert(1)> Phố Bảng');
    expect(await w.page.getByTestId('illustrative').count()).toBe(0);
    expect(w.pageErrors).toEqual([]);
    expect(offMachine(w.requests)).toEqual([]);
  });
});
