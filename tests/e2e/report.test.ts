/**
 * The periodic review report of a demo province (Lào Cai, 2025 against 2024),
 * from the user's side: written by `npm run report` from the built folder and
 * read back with poppler's pdftotext and by unzipping the DOCX. Its numbers
 * (communes, weak count, weak share, the base year's weak count and the
 * change) must equal counts made here, independently, from the raw tables of
 * the folder's bundle; its Vietnamese text must extract intact (NFC), and its
 * pages must be A4.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { strFromU8, unzipSync } from 'fflate';
import { tableFromIPC } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { HistoryOracle } from '../unit/merger-oracle.ts';
import { fileUrl, launch, offMachine, openWatched, waitColoured } from './browser.ts';
import { readDistBundle } from './dist-bundle.ts';

const DIST = resolve('dist');
const PROVINCE = '15';
const YEAR = 2025;
const BASE = 2024;

export interface ReportOracle {
  name: string;
  units: number;
  rated: number;
  weak: number;
  baseWeak: number;
  baseRated: number;
}

/** "5,1 %": the report's Vietnamese percentage, written here apart from the code under test. */
export function viPercent(x: number): string {
  return `${(Math.round(x * 1000) / 10).toFixed(1).replace('.', ',')} %`;
}

/**
 * Counts of one 2025 province straight from the bundle's Arrow tables: its
 * communes and their 2025 ratings; and 2024 as the app's progress line counts
 * it, in that year's own (old) communes, each in the 2025 province holding
 * most of its land, worked out apart from the app's SQL by
 * tests/unit/merger-oracle.ts.
 */
export async function reportOracle(dist: string, province: string): Promise<ReportOracle> {
  const bundle = await readDistBundle(dist);
  const rows = <T>(part: string) => tableFromIPC(bundle.parts[part]).toArray().map((r) => r.toJSON() as T);
  const units = rows<{ code: string; name: string; structure: string; level: string; province_code: string }>('units');
  const ratings = rows<{ code: string; year: number; rating: string }>('ratings');
  const weak = new Set(bundle.manifest.scale.levels.filter((l) => l.weak).map((l) => l.id));
  const communes = units.filter((u) => u.structure === '2025' && u.level === 'commune' && u.province_code === province).map((u) => u.code);
  const name = units.find((u) => u.structure === '2025' && u.level === 'province' && u.code === province)!.name;
  const rating2025 = new Map(ratings.filter((r) => Number(r.year) === YEAR).map((r) => [r.code, r.rating]));
  let weak2025 = 0, rated2025 = 0;
  for (const code of communes) {
    const r = rating2025.get(code);
    if (r) {
      rated2025++;
      if (weak.has(r)) weak2025++;
    }
  }
  const base = HistoryOracle.fromParts(bundle.manifest, bundle.parts).weakByYear('2025', { provinces: [province] }).find((c) => c.year === BASE)!;
  // 2024 is counted in the old communes, not estimated.
  expect([base.unitsStructure, base.estimated]).toEqual(['pre2025', false]);
  return { name, units: communes.length, rated: rated2025, weak: weak2025, baseWeak: base.weak, baseRated: base.total };
}

/** The text of a PDF; `raw` keeps the content stream's order (Chromium's print writes lines that pdftotext's reading order would take for columns). */
export function pdfText(path: string, raw = false): string {
  return execFileSync('pdftotext', [...(raw ? ['-raw'] : []), '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
}

export function pdfPageSizes(path: string): string[] {
  const info = execFileSync('pdfinfo', ['-f', '1', '-l', '999', path], { encoding: 'utf8' });
  return [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+ x [\d.]+ pts)/g)].map((m) => m[1]);
}

/** The text of a DOCX's body, its XML tags removed. */
export function docxText(bytes: Uint8Array): string {
  return strFromU8(unzipSync(bytes)['word/document.xml']).replace(/<[^>]+>/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** What every written report of the oracle's province must say. */
export function expectReportNumbers(text: string, o: ReportOracle): void {
  const flat = text.replace(/\s+/g, ' ');
  expect(flat).toBe(flat.normalize('NFC'));
  expect(flat).toContain(`Báo cáo kết quả phong trào toàn dân bảo vệ an ninh Tổ quốc năm ${YEAR} — ${o.name}`);
  expect(flat).toContain(`Năm ${YEAR}, toàn tỉnh có ${o.units} xã, phường, đặc khu;`);
  expect(flat).toContain(`${o.weak} xã Yếu (${viPercent(o.weak / o.rated)})`);
  expect(flat).toContain(`năm ${BASE}: ${o.baseWeak} xã Yếu (${viPercent(o.baseWeak / o.baseRated)}) (đếm trên các xã của năm đó)`);
  expect(flat).toContain(`Chưa đạt mục tiêu không còn xã có phong trào Yếu: còn ${o.weak} xã`);
}

describe('the review report of a demo province', () => {
  let oracle: ReportOracle;
  beforeAll(async () => {
    if (!existsSync(join(DIST, 'index.html'))) throw new Error(`${DIST}/index.html is missing: run "npm run build" first (npm test does)`);
    oracle = await reportOracle(DIST, PROVINCE);
    // The demo must give the report something to say.
    expect(oracle.weak).toBeGreaterThan(0);
  });

  it('npm run report writes A4 PDF and DOCX files whose numbers are the raw tables\' counts', async () => {
    const out = mkdtempSync(join(tmpdir(), 'report-cli-'));
    const { stdout } = await promisify(execFile)(
      'npx',
      ['tsx', 'scripts/report.ts', '--folder', DIST, '--scope', PROVINCE, '--year', String(YEAR), '--base', String(BASE), '--format', 'pdf,docx', '--out', out],
      { encoding: 'utf8', timeout: 170_000 },
    );
    // In the --lang language, Vietnamese by default.
    expect(stdout).toMatch(/\n2 tệp báo cáo trong \d+\.\d s\n$/);
    const files = readdirSync(out).sort();
    expect(files).toEqual([`bao-cao-${YEAR}-15-tinh-lao-cai.docx`, `bao-cao-${YEAR}-15-tinh-lao-cai.pdf`]);
    const pdf = join(out, files[1]);
    const sizes = pdfPageSizes(pdf);
    expect(sizes.length).toBeGreaterThan(1);
    expect(new Set(sizes)).toEqual(new Set(['595.28 x 841.89 pts']));
    expectReportNumbers(pdfText(pdf), oracle);
    expectReportNumbers(docxText(new Uint8Array(readFileSync(join(out, files[0])))), oracle);
  });
  it('opens from the toolbar, shows and prints Lào Cai\'s report on A4 pages, and saves its PDF and DOCX, all with the raw tables\' counts', async () => {
    const browser = await launch();
    try {
      const w = await openWatched(browser, `${fileUrl(DIST)}#v=1&y=${YEAR}`, { width: 1400, height: 1000 });
      const { page } = w;
      await waitColoured(page);
      await page.getByTestId('report-open').click();
      await page.getByTestId('report-scope').selectOption(PROVINCE);
      await page.getByTestId('report-base').selectOption(String(BASE));
      await page.waitForSelector('[data-testid=report-sheet][data-state=ready]', { timeout: 180_000 });
      // The link now reopens the report (the address follows the view a moment after the last change).
      await expect.poll(() => page.evaluate(() => location.hash), { timeout: 10_000 }).toMatch(new RegExp(`rp=${PROVINCE}`));
      expectReportNumbers(await page.getByTestId('report-sheet').innerText(), oracle);

      const dir = mkdtempSync(join(tmpdir(), 'report-app-'));
      // What the browser's print dialog prints: Chromium's PDF of the page in print media.
      await page.emulateMedia({ media: 'print' });
      const printed = join(dir, 'printed.pdf');
      writeFileSync(printed, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
      await page.emulateMedia({ media: 'screen' });
      const printedText = pdfText(printed, true);
      expectReportNumbers(printedText, oracle);
      expect(printedText).toMatch(/Trang 1\/\d+/);
      const sizes = pdfPageSizes(printed);
      expect(sizes.length).toBeGreaterThan(1);
      for (const s of sizes) {
        const [wPt, hPt] = s.split(' x ').map((v) => parseFloat(v));
        expect(Math.abs(wPt - 595.3), s).toBeLessThan(1.5);
        expect(Math.abs(hPt - 841.9), s).toBeLessThan(1.5);
      }

      const save = async (testId: string, name: string) => {
        const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByTestId(testId).click()]);
        expect(download.suggestedFilename()).toBe(name);
        const path = join(dir, name);
        await download.saveAs(path);
        return path;
      };
      const pdf = await save('report-pdf', `bao-cao-${YEAR}-15-tinh-lao-cai.pdf`);
      expectReportNumbers(pdfText(pdf), oracle);
      expect(new Set(pdfPageSizes(pdf))).toEqual(new Set(['595.28 x 841.89 pts']));
      const docx = await save('report-docx', `bao-cao-${YEAR}-15-tinh-lao-cai.docx`);
      expectReportNumbers(docxText(new Uint8Array(readFileSync(docx))), oracle);

      await page.getByTestId('report-close').click();
      await expect.poll(() => page.getByTestId('report-view').count()).toBe(0);
      expect(offMachine(w.requests)).toEqual([]);
      expect(w.pageErrors).toEqual([]);
      expect(w.consoleErrors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
  it('the planner\'s views a report needs: weak years running, province names in search, the province ranking and the weak-share map, counted from the raw tables', async () => {
    const bundle = await readDistBundle(DIST);
    const rows = <T>(part: string) => tableFromIPC(bundle.parts[part]).toArray().map((r) => r.toJSON() as T);
    const units = rows<{ code: string; name: string; structure: string; level: string; province_code: string; province_name: string }>('units').filter((u) => u.structure === 'pre2025');
    const communes = units.filter((u) => u.level === 'commune');
    const weak = new Set(bundle.manifest.scale.levels.filter((l) => l.weak).map((l) => l.id));
    const byCodeYear = new Map(rows<{ code: string; year: number; rating: string }>('ratings').map((r) => [`${r.code}|${Number(r.year)}`, r.rating]));
    const Y = 2020;
    const years = bundle.manifest.years.filter((y) => y <= Y).sort((a, b) => b - a);
    // Weak years running up to 2020, by hand: count back while the rating is weak.
    const streak = (code: string) => {
      let n = 0;
      for (const y of years) {
        if (!weak.has(byCodeYear.get(`${code}|${y}`) ?? '')) break;
        n++;
      }
      return n;
    };
    const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
    const expectedStreak2 = communes.filter((u) => streak(u.code) >= 2).length;
    const expectedLaoCai = communes.filter((u) => fold(u.province_name).includes('lao cai') || fold(u.name).includes('lao cai')).length;
    expect(expectedStreak2).toBeGreaterThan(0);

    const browser = await launch();
    try {
      const w = await openWatched(browser, `${fileUrl(DIST)}#v=1&s=pre2025&y=${Y}`, { width: 1600, height: 1000 });
      const { page } = w;
      await waitColoured(page);
      const matchCount = async () => Number(((await page.getByTestId('match-count').textContent()) ?? '').replace(/\./g, '').match(/\d+/)?.[0] ?? NaN);
      await page.getByTestId('filter-weak-streak').selectOption('2');
      await expect.poll(matchCount, { timeout: 60_000 }).toBe(expectedStreak2);
      // The address follows the view a moment after the last change.
      await expect.poll(() => page.evaluate(() => location.hash), { timeout: 10_000 }).toMatch(/ws=2/);
      await page.getByTestId('filter-weak-streak').selectOption('0');
      await page.getByTestId('search').fill('lao cai');
      await expect.poll(matchCount, { timeout: 60_000 }).toBe(expectedLaoCai);
      await page.getByTestId('search').fill('');

      // The ranking: every province, the highest weak share first, as counted here.
      const perProvince = new Map<string, { rated: number; weak: number }>();
      for (const u of communes) {
        const r = byCodeYear.get(`${u.code}|${Y}`);
        const p = perProvince.get(u.province_code) ?? { rated: 0, weak: 0 };
        if (r) {
          p.rated++;
          if (weak.has(r)) p.weak++;
        }
        perProvince.set(u.province_code, p);
      }
      const ranked = [...perProvince].sort((a, b) => b[1].weak / b[1].rated - a[1].weak / a[1].rated || b[1].weak - a[1].weak || a[0].localeCompare(b[0]));
      await page.getByTestId('tab-provinces').click();
      const table = page.getByTestId('province-ranking');
      await expect.poll(() => table.locator('tbody tr').count(), { timeout: 60_000 }).toBe(perProvince.size);
      expect(await table.locator('tbody tr').first().getAttribute('data-code')).toBe(ranked[0][0]);
      expect(await table.locator('tbody tr').first().getByTestId('ranking-weak').textContent()).toBe(String(ranked[0][1].weak));
      await page.getByTestId('ranking-sort-weak').click();
      await expect.poll(() => table.locator('th[aria-sort=descending]').textContent()).toContain('Xã yếu');

      // The weak-share map: its legend counts provinces per class, as counted here.
      await page.getByTestId('mode').selectOption('weakShare');
      const classes = [0, 0, 0, 0, 0];
      for (const [, p] of perProvince) {
        const share = p.weak / p.rated;
        classes[share <= 0 ? 0 : share <= 0.01 ? 1 : share <= 0.02 ? 2 : share <= 0.05 ? 3 : 4]++;
      }
      await expect
        .poll(async () => (await page.locator('.map-legend .count').allTextContents()).slice(0, 5).map(Number), { timeout: 60_000 })
        .toEqual(classes);
      expect(offMachine(w.requests)).toEqual([]);
      expect(w.pageErrors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
