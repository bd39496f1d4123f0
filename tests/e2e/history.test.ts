/**
 * The history across the 2025 merger, from the user's side, in the built folder
 * on file://: under the 2025 structure, 2011 is answered in the old communes'
 * real counts (the progress line) or says "ước tính" (the map's status line, the
 * legend, the commune's history); a commune whose predecessors were weak for
 * years has a weak streak that counts those years. Every expected figure is
 * worked out here from the bundle's raw tables, never by the app's SQL.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatNumber, formatShare } from '../../src/model/i18n.ts';
import { weakLevelIds } from '../../src/model/scale.ts';
import { HistoryOracle } from '../unit/merger-oracle.ts';
import { builtDist, offMachine, openApp, waitMapKey, type Watched } from './browser.ts';
import { ratingsOfYear, readDistBundle, unitRows } from './dist-bundle.ts';

const DIST = builtDist();

const settle = (page: Page, prefix: string) => waitMapKey(page, prefix, 90_000);

describe('history across the 2025 merger (file://)', () => {
  let browser: Browser;
  let w: Watched;
  let bundle: Awaited<ReturnType<typeof readDistBundle>>;

  beforeAll(async () => {
    bundle = await readDistBundle(DIST);
    ({ browser, w } = await openApp({ hash: '#s=2025&y=2011', viewport: { width: 1600, height: 1000 }, mapKey: '2025|2011|rating', timeout: 90_000 }));
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('answers 2011 under the 2025 structure in the old communes’ real count, and marks the map’s figures as estimates', async () => {
    const { page } = w;
    // Straight from the raw tables: the communes of the structure that carries 2011, and their own ratings.
    const carrier = bundle.manifest.structures.find((s) => 2011 >= s.fromYear && 2011 <= s.toYear)!;
    expect(carrier.id).toBe('pre2025');
    const weak = new Set(weakLevelIds(bundle.manifest.scale));
    const ratings = ratingsOfYear(bundle.ratings, 2011);
    const old = unitRows(bundle).filter((u) => u.structure === carrier.id && u.level === 'commune');
    const rated = old.filter((u) => ratings.has(u.code));
    const weakCount = rated.filter((u) => weak.has(ratings.get(u.code)!)).length;
    // The demo's known figure (the "848 of 10,600 (8.0 %)"; 10,598 of its old communes are rated:
    // Hoàng Sa and Trường Sa have no commune police, so no rating).
    expect([weakCount, rated.length]).toEqual([848, 10_598]);

    const progress = page.getByTestId('progress');
    await expect.poll(() => progress.textContent(), { timeout: 60_000 }).toContain('2011');
    const text = (await progress.textContent())!;
    expect(text).toContain(formatNumber('vi', weakCount));
    expect(text).toContain(formatNumber('vi', rated.length));
    expect(text).toContain(formatShare('vi', weakCount / rated.length));
    expect(text).toContain('8,0%');
    // The map shows the 3,321 new communes with carried ratings: its status line and legend say so.
    await expect.poll(() => page.getByTestId('weak-count').textContent()).toContain('ước tính');
    expect(await page.getByTestId('weak-count').textContent()).toContain(formatNumber('vi', weakCount));
    expect(await page.getByTestId('legend').first().textContent()).toContain('ước tính');
    // The weak-share chart draws 2011 from real counts: its national line has no dashed (estimated) part.
    expect(await page.locator('[data-testid="charts"] path[data-series="national"][data-estimated="true"]').count()).toBe(0);
  });

  it('counts the predecessors’ weak years in a new commune’s streak, and its history marks them as estimates', async () => {
    const { page } = w;
    // Worked out apart from the app (tests/unit/merger-oracle.ts, the rule of data/README.md) over the raw tables.
    const oracle = HistoryOracle.fromParts(bundle.manifest, bundle.parts);
    const candidates = oracle
      .communes('2025')
      .map((code) => ({ code, ...oracle.streak('2025', code, 2025) }))
      .filter((c) => c.estimated && c.streak >= 3)
      .sort((a, b) => b.streak - a.streak || (a.code < b.code ? -1 : 1));
    expect(candidates.length).toBeGreaterThan(0);
    const target = candidates[0];

    await page.evaluate(() => {
      location.hash = location.hash.replace(/y=\d+/, 'y=2025');
    });
    await settle(page, '2025|2025|rating');
    await page.getByTestId('search').fill(target.code);
    const row = page.locator(`.wl-row[data-code="${target.code}"]`);
    await expect.poll(() => row.count(), { timeout: 30_000 }).toBe(1);
    const streak = row.locator('.c-streak');
    expect(Number(await streak.getAttribute('data-streak'))).toBe(target.streak);
    expect(await streak.getAttribute('data-streak-estimated')).toBe('true');
    expect(await streak.textContent()).toContain(String(target.streak));

    // The commune's history: the carried years are marked as estimates, its own year is not.
    await row.click();
    const cells = page.getByTestId('detail').locator('svg.history g[data-year]');
    await expect.poll(() => cells.count(), { timeout: 30_000 }).toBe(bundle.manifest.years.length);
    const marked = await cells.evaluateAll((els) => els.map((e) => [Number((e as SVGGElement).dataset.year), (e as SVGGElement).dataset.estimated === 'true']));
    for (const [year, estimated] of marked) expect(estimated, String(year)).toBe(oracle.cell('2025', target.code, year as number).estimated);
    expect(marked.filter(([, e]) => e).length).toBeGreaterThan(0);
    expect(await page.getByTestId('detail').textContent()).toContain('ước tính');
  });

  it('made no request off the machine and logged no error', () => {
    expect(offMachine(w.requests)).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
    expect(w.pageErrors).toEqual([]);
  });
});
