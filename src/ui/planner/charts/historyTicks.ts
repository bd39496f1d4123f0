/**
 * Where the year labels of the planner's small charts go. A label is centred
 * under its year but kept inside the chart (the last year sits against the right
 * edge, and a centred "2025" was cut there), and a label that would touch the
 * last one is left out (2011–2025 drew "2023" over "2025").
 */
import { scaleBand } from 'd3';

/** Half the width of a four-digit year at the charts' 10 px tick font, with a little air. */
export const HISTORY_TICK_HALF_WIDTH = 13;
/** The band padding of the history chart's cells (HistoryChart.tsx uses the same scale). */
export const HISTORY_BAND_PADDING = 0.12;
const MAX_TICKS = 6;
const MIN_GAP = 2 * HISTORY_TICK_HALF_WIDTH + 2;

/** The history chart's x scale: one band per year between `left` and the chart's right edge. */
export function historyScale(years: number[], width: number, left: number) {
  return scaleBand<number>().domain(years).range([left, width - 2]).padding(HISTORY_BAND_PADDING);
}

/**
 * Labels for `years` (ascending) at `xOf(year)`, each kept inside a chart `width`
 * wide; the last year always, the labels before it that would touch it left out.
 */
export function yearAxisTicks(years: number[], xOf: (year: number) => number, width: number): { year: number; x: number }[] {
  if (years.length === 0) return [];
  const at = (year: number) => ({ year, x: Math.min(Math.max(xOf(year), HISTORY_TICK_HALF_WIDTH), width - HISTORY_TICK_HALF_WIDTH) });
  const ticks = years.slice(0, -1).map(at);
  const last = at(years[years.length - 1]);
  // Never the first year, whatever the crowding.
  while (ticks.length > 1 && last.x - ticks[ticks.length - 1].x < MIN_GAP) ticks.pop();
  return [...ticks, last];
}

/** The years to label and the x of each label's centre, for a history chart `width` wide whose cells start at `left`. */
export function historyTicks(years: number[], { width, left }: { width: number; left: number }): { year: number; x: number }[] {
  if (years.length === 0) return [];
  const x = historyScale(years, width, left);
  const step = Math.max(1, Math.ceil(years.length / MAX_TICKS), Math.ceil(MIN_GAP / x.step()));
  const shown = years.filter((_, i) => i % step === 0 || i === years.length - 1);
  return yearAxisTicks(shown, (year) => (x(year) ?? 0) + x.bandwidth() / 2, width);
}
