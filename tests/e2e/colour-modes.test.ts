/**
 * The map's other colour modes, from file://, chosen with the map's own
 * controls: score with custom breaks, an indicator in equal intervals, and the
 * change since the year before. Expected classes are worked out here from the
 * folder's raw ratings table (never through the app's classifier): each legend
 * row's count equals the raw table's, and the largest commune of each class
 * that the user can see is painted with that class's legend colour.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtDist, fileUrl, launch, offMachine, openWatched, pixelAt, waitColoured, type Watched } from './browser.ts';
import { largestVisible, readDistBundle, unitRows } from './dist-bundle.ts';

const DIST = builtDist();
const STRUCTURE = 'pre2025';
const YEAR = 2024;

interface LegendRow {
  level: string;
  rgb: [number, number, number];
  count: number;
}

/** The legend as the user sees it: one row per class (data-level), swatch colour and count. */
async function legend(page: Page): Promise<LegendRow[]> {
  const rows = await page.locator('[data-testid="legend"]').first().locator('li').evaluateAll((els) =>
    els.map((e) => ({
      level: (e as HTMLElement).dataset.level ?? '',
      colour: getComputedStyle(e.querySelector('.swatch')!).backgroundColor,
      count: (e.querySelector('.count')?.textContent ?? '').replace(/\D/g, ''),
    })),
  );
  return rows.map((r) => ({ level: r.level, rgb: r.colour.match(/\d+/g)!.slice(0, 3).map(Number) as [number, number, number], count: Number(r.count) }));
}

/** Waits until the map shows DuckDB's colours for a colours key containing every part. */
async function showing(page: Page, ...parts: string[]) {
  await page.waitForFunction(
    (ps) => document.documentElement.dataset.mapSource === 'duckdb' && ps.every((p) => (document.documentElement.dataset.mapKey ?? '').includes(p)),
    parts,
    { timeout: 60_000 },
  );
}

const distance = (a: readonly number[], b: readonly number[]) => Math.max(...a.map((v, i) => Math.abs(v - b[i])));
/** Relative luminance, enough to tell a ramp's dark end from its light end. */
const luminance = ([r, g, b]: readonly number[]) => 0.2126 * r + 0.7152 * g + 0.0722 * b;

describe('colour modes (file://)', () => {
  let browser: Browser;
  let w: Watched;
  let bundle: Awaited<ReturnType<typeof readDistBundle>>;
  /** Per year, per commune of STRUCTURE: the raw table's rating and numbers. */
  const raw = new Map<number, Map<string, { rating: string | null; score: number | null; incidents: number | null }>>();
  let communes: string[];

  beforeAll(async () => {
    browser = await launch();
    bundle = await readDistBundle(DIST);
    communes = unitRows(bundle).filter((u) => u.structure === STRUCTURE && u.level === 'commune').map((u) => u.code);
    const own = new Set(communes);
    for (const r of bundle.ratings.toArray()) {
      const o = r.toJSON() as { code: string; year: number; rating: string | null; score: number | null; incidents: number | null };
      if (!own.has(o.code)) continue;
      const year = Number(o.year);
      if (!raw.has(year)) raw.set(year, new Map());
      raw.get(year)!.set(o.code, { rating: o.rating, score: o.score, incidents: o.incidents });
    }
    // Northern Vietnam at zoom 7.5, where pre-2025 communes are big enough to sample; no priority outlines.
    w = await openWatched(browser, `${fileUrl(DIST)}#s=${STRUCTURE}&y=${YEAR}&o=&c=105.6,22.0,7.5`, { width: 1600, height: 1000 });
    await waitColoured(w.page);
    await showing(w.page, `${STRUCTURE}|${YEAR}|rating|`);
  });
  afterAll(async () => {
    await browser?.close();
  });

  /**
   * Checks the legend against the expected class of every commune (undefined =
   * no class) and the map's colour at the largest visible commune of each class.
   */
  async function expectClasses(page: Page, classOf: (code: string) => string | undefined, levels: string[]) {
    const expected = new Map<string, Set<string>>(levels.map((l) => [l, new Set()]));
    let none = 0;
    for (const code of communes) {
      const c = classOf(code);
      if (c === undefined) none++;
      else expected.get(c)!.add(code);
    }
    const rows = await legend(page);
    expect(rows.map((r) => r.level)).toEqual([...levels, ...(none > 0 ? ['none'] : [])]);
    for (const r of rows) expect(r.count, `legend ${r.level}`).toBe(r.level === 'none' ? none : expected.get(r.level)!.size);
    let sampled = 0;
    for (const level of levels) {
      const s = await largestVisible(page, bundle, STRUCTURE, expected.get(level)!);
      if (!s) continue;
      const got = await pixelAt(page, ...s.at);
      // The colour on the map is its class's swatch (the fill is 92% opaque, hairline borders): the nearest swatch, and close.
      const nearest = rows.reduce((a, b) => (distance(got, a.rgb) <= distance(got, b.rgb) ? a : b));
      expect(nearest.level, `${s.code} (${level}) painted ${got}; legend ${JSON.stringify(rows.map((r) => [r.level, r.rgb]))}`).toBe(level);
      expect(distance(got, nearest.rgb), `${s.code} (${level}) painted ${got}`).toBeLessThan(40);
      sampled++;
    }
    expect(sampled, 'classes sampled on the map').toBeGreaterThanOrEqual(Math.min(3, levels.length));
    return rows;
  }

  it('score with custom breaks: legend counts and colours follow the raw scores; low scores get the strong colour', async () => {
    const { page } = w;
    await page.getByTestId('mode').selectOption('score');
    await page.getByTestId('method').selectOption('custom');
    const breaks = [0, 50, 65, 80, 100];
    await page.getByTestId('custom-breaks').fill('0; 50; 65; 80; 100');
    await page.getByTestId('custom-breaks').press('Tab');
    await showing(page, `${STRUCTURE}|${YEAR}|score|custom|`, `|${breaks.join(';')}|`);
    const scores = raw.get(YEAR)!;
    // Classes [0, 50), [50, 65), [65, 80), [80, 100]: lower bound in, the last class takes its upper bound too.
    const classOf = (code: string) => {
      const v = scores.get(code)?.score;
      if (v == null || v < breaks[0] || v > breaks[breaks.length - 1]) return undefined;
      const i = breaks.findLastIndex((b, k) => k < breaks.length - 1 && v >= b);
      return String(i);
    };
    const rows = await expectClasses(page, classOf, ['0', '1', '2', '3']);
    // Higher is better: the lowest scores are the strong (dark) end of the ramp.
    expect(luminance(rows[0].rgb)).toBeLessThan(luminance(rows[3].rgb));
  });

  it('an indicator in equal intervals: breaks from the raw values; more incidents get the strong colour', async () => {
    const { page } = w;
    await page.getByTestId('mode').selectOption('ind:incidents');
    await page.getByTestId('method').selectOption('equal');
    await page.getByTestId('classes').selectOption('5');
    expect(await page.getByTestId('lock-breaks').isChecked()).toBe(false);
    await showing(page, `${STRUCTURE}|${YEAR}|ind:incidents|equal|5|`);
    const values = raw.get(YEAR)!;
    const xs = communes.map((c) => values.get(c)?.incidents).filter((v): v is number => v != null);
    const min = Math.min(...xs), max = Math.max(...xs);
    const step = (max - min) / 5;
    const bounds = [min, ...[1, 2, 3, 4].map((i) => min + step * i), max];
    const classOf = (code: string) => {
      const v = values.get(code)?.incidents;
      if (v == null) return undefined;
      return String(v >= max ? 4 : bounds.findLastIndex((b, k) => k < 5 && v >= b));
    };
    const rows = await expectClasses(page, classOf, ['0', '1', '2', '3', '4']);
    // Higher is worse: the most incidents are the strong (dark) end of the ramp.
    expect(luminance(rows[4].rgb)).toBeLessThan(luminance(rows[0].rgb));
  });

  it('change since the year before: improved, unchanged and declined as the raw ratings of both years say', async () => {
    const { page } = w;
    await page.getByTestId('mode').selectOption('change');
    await showing(page, `${STRUCTURE}|${YEAR}|change|`);
    // A better level has a lower order in the scale.
    const order = new Map(bundle.manifest.scale.levels.map((l) => [l.id, l.order]));
    const now = raw.get(YEAR)!, before = raw.get(YEAR - 1)!;
    const classOf = (code: string) => {
      const a = now.get(code)?.rating, b = before.get(code)?.rating;
      if (!a || !b) return undefined;
      const d = order.get(a)! - order.get(b)!;
      return d < 0 ? 'improved' : d > 0 ? 'declined' : 'unchanged';
    };
    await expectClasses(page, classOf, ['improved', 'unchanged', 'declined']);
    expect(await page.getByTestId('legend').first().locator('h2').textContent()).toContain(`${YEAR - 1} → ${YEAR}`);
    expect(w.consoleErrors).toEqual([]);
    expect(w.pageErrors).toEqual([]);
    expect(offMachine(w.requests)).toEqual([]);
  });
});
