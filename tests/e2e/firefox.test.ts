/**
 * Firefox ESR smoke test: the README says the folder works in Firefox ESR, so
 * CI opens the built folder in Debian's firefox-esr from file:// (with the
 * strict file-origin policy a user's Firefox has) and checks what a user sees:
 * the map coloured by DuckDB's answer with the colours of the raw table, a
 * DuckDB count on screen equal to the raw table's, no console error and no
 * request leaving the page. Needs `npm run build` first (npm test does it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hexToRgb, levelById } from '../../src/model/scale.ts';
import { builtDist, fileUrl, offMachine, pixelAt } from './browser.ts';
import { knownCommunes, readDistBundle, visibleSamples } from './dist-bundle.ts';
import { evaluator, launchFirefox, openWatchedFirefox, type FirefoxSession } from './firefox.ts';

const DIST = builtDist();

describe('Firefox ESR (file://)', () => {
  let session: FirefoxSession;
  let bundle: Awaited<ReturnType<typeof readDistBundle>>;

  beforeAll(async () => {
    bundle = await readDistBundle(DIST);
    session = await launchFirefox();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('shows the coloured map, a DuckDB count equal to the raw table, no console error and no request off the page', async () => {
    // No priority outlines, so sampled pixels are the choropleth's own colours.
    const w = await openWatchedFirefox(session.browser, fileUrl(DIST) + '#o=');
    const { page } = w;
    await page.waitForFunction(
      () => document.documentElement.dataset.mapState === 'coloured' && document.documentElement.dataset.mapSource === 'duckdb',
      { timeout: 180_000 },
    );
    const known = knownCommunes(bundle);

    // DuckDB's count on screen equals the one computed here from the raw table.
    const text = await page.$eval('[data-testid="weak-count"]', (e) => e.textContent ?? '');
    expect(text).toContain(String(known.year));
    const digits = text.replace(/\./g, '').match(/(\d+) \/ (\d+)/);
    expect(digits, text).not.toBeNull();
    expect(Number(digits![1])).toBe(known.weakCount);
    expect(Number(digits![2])).toBe(known.total);

    // For each level, the largest commune the user can see has the level's colour.
    const samples = await visibleSamples(evaluator(page), bundle, known);
    expect(samples.length).toBeGreaterThanOrEqual(Math.min(3, known.candidates.length));
    for (const s of samples) {
      const rgb = await pixelAt(evaluator(page), ...s.at);
      const want = hexToRgb(levelById(bundle.manifest.scale, s.rating)!.color);
      // The fill is 92% opaque over the sea colour and may sit under a hairline.
      for (let i = 0; i < 3; i++) expect(Math.abs(rgb[i] - want[i]), `${s.code} ${s.rating} got ${rgb} want ${want}`).toBeLessThan(30);
    }

    expect(w.consoleErrors).toEqual([]);
    expect(w.pageErrors).toEqual([]);
    expect(offMachine(w.requests)).toEqual([]);
    await page.close();
  });
});
