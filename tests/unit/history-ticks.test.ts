/**
 * The year labels of the planner's small charts (src/ui/planner/charts/historyTicks.ts):
 * the first and the last year always labelled, no two labels overlapping, none cut by the
 * chart's edge. The demo's 2011–2025 history drew "2023" and "2025" on top of each other,
 * with "2025" cut at the right edge of the 280-pixel chart.
 */
import { describe, expect, it } from 'vitest';
import { historyTicks, HISTORY_TICK_HALF_WIDTH, yearAxisTicks } from '../../src/ui/planner/charts/historyTicks.ts';

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

describe('historyTicks', () => {
  it('labels 2011–2025 without "2023" crowding "2025", and keeps "2025" inside the chart', () => {
    const ticks = historyTicks(range(2011, 2025), { width: 280, left: 58 });
    expect(ticks.map((t) => t.year)).toEqual([2011, 2014, 2017, 2020, 2025]);
    const last = ticks[ticks.length - 1];
    expect(last.x + HISTORY_TICK_HALF_WIDTH).toBeLessThanOrEqual(280);
  });

  it.each([1, 2, 3, 5, 6, 7, 10, 12, 15, 16, 20, 25])('%i years at 280 px and 200 px: first and last labelled, none overlap, all inside', (n) => {
    for (const width of [280, 200]) {
      const years = range(2025 - n + 1, 2025);
      const ticks = historyTicks(years, { width, left: 58 });
      expect(ticks[0].year).toBe(years[0]);
      expect(ticks[ticks.length - 1].year).toBe(years[years.length - 1]);
      for (const t of ticks) {
        expect(t.x - HISTORY_TICK_HALF_WIDTH).toBeGreaterThanOrEqual(0);
        expect(t.x + HISTORY_TICK_HALF_WIDTH).toBeLessThanOrEqual(width);
      }
      for (let i = 1; i < ticks.length; i++) expect(ticks[i].x - ticks[i - 1].x).toBeGreaterThanOrEqual(2 * HISTORY_TICK_HALF_WIDTH + 2);
    }
  });
});

describe('yearAxisTicks (the weak-share line chart)', () => {
  it('keeps the last year of 2020–2024 inside the 276-pixel chart of the left panel', () => {
    // LineChart's x scale: margins 36 left, 8 right; d3 ticks every year.
    const xOf = (year: number) => 36 + ((year - 2020) / 4) * (276 - 36 - 8);
    const ticks = yearAxisTicks([2020, 2021, 2022, 2023, 2024], xOf, 276);
    expect(ticks.map((t) => t.year)).toEqual([2020, 2021, 2022, 2023, 2024]);
    expect(ticks[4].x + HISTORY_TICK_HALF_WIDTH).toBeLessThanOrEqual(276);
    for (let i = 1; i < ticks.length; i++) expect(ticks[i].x - ticks[i - 1].x).toBeGreaterThanOrEqual(2 * HISTORY_TICK_HALF_WIDTH + 2);
  });
});
