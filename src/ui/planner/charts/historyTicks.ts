/**
 * Where the year labels of a commune's rating history go. Every few years on a
 * regular step, the first and the last year always; a label is centred under its
 * year's cell but kept inside the chart (the last cell sits against the right
 * edge, and a centred "2025" was cut there), and the regular label that would
 * crowd the last one is left out (2011–2025 drew "2023" over "2025").
 */
import { scaleBand } from 'd3';

/** Half the width of a four-digit year at the chart's 10 px tick font, with a little air. */
export const HISTORY_TICK_HALF_WIDTH = 13;
/** The band padding of the history chart's cells (HistoryChart.tsx uses the same scale). */
export const HISTORY_BAND_PADDING = 0.12;
const MAX_TICKS = 6;

/** The history chart's x scale: one band per year between `left` and the chart's right edge. */
export function historyScale(years: number[], width: number, left: number) {
  return scaleBand<number>().domain(years).range([left, width - 2]).padding(HISTORY_BAND_PADDING);
}

/** The years to label and the x of each label's centre, for a chart `width` wide whose cells start at `left`. */
export function historyTicks(years: number[], { width, left }: { width: number; left: number }): { year: number; x: number }[] {
  if (years.length === 0) return [];
  const x = historyScale(years, width, left);
  const minGap = 2 * HISTORY_TICK_HALF_WIDTH + 2;
  const step = Math.max(1, Math.ceil(years.length / MAX_TICKS), Math.ceil(minGap / x.step()));
  const at = (i: number) => {
    const centre = (x(years[i]) ?? 0) + x.bandwidth() / 2;
    return { year: years[i], x: Math.min(Math.max(centre, HISTORY_TICK_HALF_WIDTH), width - HISTORY_TICK_HALF_WIDTH) };
  };
  const ticks: { year: number; x: number }[] = [];
  for (let i = 0; i < years.length - 1; i += step) ticks.push(at(i));
  const last = at(years.length - 1);
  // The last year always; the regular label before it goes when the two would touch (never the first year).
  while (ticks.length > 1 && last.x - ticks[ticks.length - 1].x < minGap) ticks.pop();
  ticks.push(last);
  return ticks;
}
