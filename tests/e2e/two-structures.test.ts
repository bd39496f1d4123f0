/**
 * Two structures in one pack, from files as an IT officer has them: the demo
 * written back out as old and new boundaries (GeoJSON) and rating sheets (CSV),
 * the crosswalk proposed by `npm run crosswalk` from the two boundary files,
 * then `npm run pack` with `--boundaries-before --ratings-before --crosswalk`.
 * The packed folder, opened from file:// in Chromium, shows the same history as
 * the demo bundle for a sample of communes of both structures (each commune's
 * chart, year by year, against the demo's shipped series read here in node).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadedBundle } from '../../src/io/bundle.ts';
import { demoSeries, readDemo, writeDemoFiles } from './demo-files.ts';
import { fileUrl, launch, offMachine, openWatched, waitColoured, type Watched } from './browser.ts';
import { readDistBundle, unitRows } from './dist-bundle.ts';

const ENV = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TMPDIR: process.env.TMPDIR ?? '/tmp' };

function cli(script: string, args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { encoding: 'utf8', timeout: 900_000, env: ENV });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

function csvPairs(text: string): Set<string> {
  const lines = text.replace(/^\uFEFF/, '').trimEnd().split(/\r?\n/);
  const head = lines[0].split(',');
  const o = head.indexOf('old_code');
  const n = head.indexOf('new_code');
  return new Set(lines.slice(1).map((l) => `${l.split(',')[o]}>${l.split(',')[n]}`));
}

let tmp: string;
let browser: Browser;
let demo: LoadedBundle;
let folder: string;
let crosswalkOut = '';

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'atlas-two-'));
  demo = await readDemo();
  const files = writeDemoFiles(demo, tmp);
  const cw = cli('scripts/crosswalk.ts', ['--before', files.before, '--after', files.after, '--out', join(tmp, 'crosswalk.csv'), '--lang', 'en']);
  crosswalkOut = cw.out;
  expect(cw.status, cw.out).toBe(0);
  folder = join(tmp, 'thu-muc');
  const packed = cli('scripts/pack.ts', [
    '--boundaries', files.after, '--ratings', files.ratings,
    '--boundaries-before', files.before, '--ratings-before', files.ratingsBefore,
    '--crosswalk', join(tmp, 'crosswalk.csv'),
    '--out', folder, '--bundle-dir', join(tmp, 'bundle'),
  ]);
  expect(packed.status, packed.out).toBe(0);
  browser = await launch();
}, 1_200_000);

afterAll(async () => {
  await browser?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** Selects a commune through the address and reads its history chart: rating by year. */
async function history(page: Page, structure: string, code: string, name: string): Promise<Map<number, string | null>> {
  // Nothing selected first: the detail then starts empty, and its chart fills only with this commune's history.
  await page.evaluate((h) => (location.hash = h), `#s=${structure}&o=`);
  await page.getByTestId('detail').waitFor({ state: 'detached', timeout: 60_000 });
  await page.evaluate((h) => (location.hash = h), `#s=${structure}&sel=${code}&o=`);
  await expect.poll(() => page.getByTestId('detail').locator('h2').textContent(), { timeout: 60_000 }).toBe(name);
  const cells = page.getByTestId('detail').locator('svg.history g[data-year]');
  await expect.poll(() => cells.count(), { timeout: 60_000 }).toBe(15);
  const points = await cells.evaluateAll((els) => els.map((e) => [Number(e.getAttribute('data-year')), e.getAttribute('data-rating') || null] as const));
  return new Map(points);
}

describe('a pack of both structures from files written out of the demo', () => {
  it('npm run crosswalk proposes the demo crosswalk from the two boundary files, and says how long it took', () => {
    console.log(crosswalkOut.split('\n').filter((l) => /rows:|pairs|time:/.test(l)).join('\n'));
    expect(crosswalkOut).toMatch(/10600 rows: 10600 old communes → 3321 new communes/);
    expect(csvPairs(readFileSync(join(tmp, 'crosswalk.csv'), 'utf8'))).toEqual(csvPairs(readFileSync('data/build/demo/crosswalk.csv', 'utf8')));
  });

  let w: Watched;
  it('opens with both structures and every year', async () => {
    const bundle = await readDistBundle(folder);
    expect(bundle.manifest.years).toEqual(demo.manifest.years);
    expect(bundle.manifest.structures.map((s) => [s.id, s.fromYear, s.toYear])).toEqual(demo.manifest.structures.map((s) => [s.id, s.fromYear, s.toYear]));
    w = await openWatched(browser, `${fileUrl(folder)}#o=`);
    await waitColoured(w.page);
    expect(await w.page.getByTestId('structure').locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual(['2025', 'pre2025']);
  });

  it('shows the same history as the demo bundle for a sample of communes of both structures', async () => {
    const { page } = w;
    const names = new Map(unitRows(demo).map((u) => [`${u.structure}|${u.code}`, u.name]));
    const crosswalk = [...csvPairs(readFileSync('data/build/demo/crosswalk.csv', 'utf8'))].map((p) => p.split('>'));
    const members = new Map<string, string[]>();
    for (const [o, n] of crosswalk) members.set(n, [...(members.get(n) ?? []), o]);
    // The largest mergers (their history is a weighted mix of many old communes), an ordinary one, a
    // commune formed from one old commune, and old communes reading 2025 from the commune they went into.
    const byMembers = [...members].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1));
    const sample: [string, string][] = [
      ...byMembers.slice(0, 3).map(([code]) => ['2025', code] as [string, string]),
      ['2025', byMembers[Math.floor(byMembers.length / 2)][0]],
      ...byMembers.filter(([, m]) => m.length === 1).slice(0, 1).map(([code]) => ['2025', code] as [string, string]),
      ...[byMembers[0][1][0], byMembers[10][1][1], crosswalk[5000][0]].map((code) => ['pre2025', code] as [string, string]),
    ];
    const expected = new Map<string, Map<number, string | null>>();
    for (const s of ['2025', 'pre2025']) {
      for (const r of demoSeries(demo, s)) {
        const key = `${s}|${r.code}`;
        if (!sample.some(([a, b]) => `${a}|${b}` === key)) continue;
        if (!expected.has(key)) expected.set(key, new Map());
        expected.get(key)!.set(r.year, r.rating);
      }
    }
    for (const [structure, code] of sample) {
      const key = `${structure}|${code}`;
      const shown = await history(page, structure, code, names.get(key)!);
      expect(shown, `${key} (${names.get(key)})`).toEqual(expected.get(key));
    }
    expect(w.pageErrors).toEqual([]);
    expect(offMachine(w.requests)).toEqual([]);
  });
});
