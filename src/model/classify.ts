/**
 * Class breaks for numeric choropleths (scores and indicators): quantiles,
 * equal intervals, natural breaks (Ckmeans, the optimal successor of Jenks) and
 * custom bounds, with legend labels and a colour ramp.
 *
 * Conventions, so that a value never lands in two classes:
 * - `bounds` has one more entry than there are classes and is ascending;
 * - class `i` is `[bounds[i], bounds[i+1])` (lower-inclusive), except the last
 *   class, which also includes its upper bound;
 * - bounds are strictly ascending except that the last two may be equal: that
 *   is a class holding only the maximum (it happens when a dataset has fewer
 *   distinct values than classes, or when natural breaks isolate the maximum).
 */
import { ckmeans, equalIntervalBreaks, quantileSorted } from 'simple-statistics';
import { color, interpolateYlOrRd, schemeYlOrRd } from 'd3';
import { formatNumber, type Lang } from './i18n.ts';

/** How breaks were chosen. */
export type ClassMethod = 'quantile' | 'equal' | 'jenks' | 'custom';

/** A classification: class bounds plus how they were made. */
export interface Breaks {
  method: ClassMethod;
  /** `classCount + 1` ascending bounds; empty when there was no data. */
  bounds: number[];
  /**
   * Locked breaks are reused on other data (other years): values below the
   * first bound fall in the first class, values above the last in the last,
   * and the legend labels the end classes as open ("< 20", "≥ 90").
   */
  locked: boolean;
}

/** Number of classes of a classification (0 when there was no data). */
export function classCount(breaks: Breaks): number {
  return Math.max(0, breaks.bounds.length - 1);
}

/** Finite values only, ascending: nulls, NaN and infinities are not data. */
function finiteSorted(values: ArrayLike<number | null | undefined>): number[] {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'number' && Number.isFinite(v)) out.push(v);
  }
  return out.sort((a, b) => a - b);
}

function distinctSorted(sorted: readonly number[]): number[] {
  const out: number[] = [];
  for (const v of sorted) if (out.length === 0 || out[out.length - 1] !== v) out.push(v);
  return out;
}

/** One class per distinct value: the last class is the point `[max, max]`. */
function pointBounds(distinct: readonly number[]): number[] {
  return [...distinct, distinct[distinct.length - 1]];
}

/** Index of the first value of `sorted` that is >= x (sorted.length when none). */
function lowerBound(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first value of `sorted` that is > x (sorted.length when none). */
function upperBound(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Quantile bounds snapped to data values. Each k-quantile (simple-statistics
 * `quantileSorted`, linear interpolation) moves up to the first value that
 * occurs in the data, so a legend shows values that exist and interpolation's
 * float noise (6.3999999999999995) disappears. A bound that falls on a tie with
 * the previous one moves to the next distinct value, so ties are never split and
 * no class is empty; when a bound reaches the maximum, the maximum becomes a
 * class of its own and fewer classes remain.
 */
function quantileBounds(sorted: readonly number[], k: number): number[] {
  const min = sorted[0];
  const max = sorted[sorted.length - 1];
  const bounds = [min];
  for (let i = 1; i < k; i++) {
    const prev = bounds[bounds.length - 1];
    const q = quantileSorted(sorted, i / k);
    const atQ = sorted[lowerBound(sorted, q)];
    const abovePrev = sorted[upperBound(sorted, prev)];
    const b = Math.max(atQ, abovePrev);
    // Reaching the maximum leaves it a class of its own (the point class).
    if (b === max) bounds.push(max);
    if (!(b < max)) break;
    bounds.push(b);
  }
  bounds.push(max);
  return bounds;
}

/**
 * Computes class breaks for the finite values of `values` (nulls and NaN are
 * ignored).
 *
 * - `quantile`: bounds at the k-quantiles (simple-statistics `quantileSorted`),
 *   snapped up to values that occur in the data; ties are never split, so
 *   heavily tied data may give fewer classes.
 * - `equal`: k classes of equal width between min and max; a class may be empty
 *   when the data has gaps, because equal width is the point of the method.
 * - `jenks`: natural breaks by simple-statistics `ckmeans` (optimal 1-D k-means);
 *   each class starts at its cluster's smallest value.
 * - `custom`: the given bounds, sorted and de-duplicated (k and data are ignored
 *   except that they must give at least two distinct finite bounds).
 *
 * With no data the result has no classes; when the data has no more distinct
 * values than `k` (quantile, equal, jenks), each distinct value gets its own
 * class, so classes are never empty or repeated.
 *
 * @throws RangeError when k < 1 or custom bounds are unusable.
 */
export function classify(
  values: ArrayLike<number | null | undefined>,
  method: ClassMethod,
  k: number,
  custom?: readonly number[],
): Breaks {
  if (method === 'custom') {
    const bounds = distinctSorted(finiteSorted(custom ?? []));
    if (bounds.length < 2) throw new RangeError('custom breaks need at least two distinct finite bounds');
    return { method, bounds, locked: false };
  }
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`class count must be a positive integer, got ${k}`);
  const sorted = finiteSorted(values);
  if (sorted.length === 0) return { method, bounds: [], locked: false };
  const distinct = distinctSorted(sorted);
  if (distinct.length <= k) return { method, bounds: pointBounds(distinct), locked: false };
  const min = sorted[0];
  const max = sorted[sorted.length - 1];
  let bounds: number[];
  if (method === 'quantile') {
    bounds = quantileBounds(sorted, k);
  } else if (method === 'equal') {
    bounds = equalIntervalBreaks(sorted, k);
    // Floating-point steps must not move the ends off the data.
    bounds[0] = min;
    bounds[bounds.length - 1] = max;
  } else {
    const clusters = ckmeans(sorted, k);
    bounds = [...clusters.map((c) => c[0]), max];
  }
  return { method, bounds, locked: false };
}

/**
 * The same breaks, locked for reuse on other data (e.g. every year keeps the
 * breaks of the reference year so colours compare across years).
 */
export function lockBreaks(breaks: Breaks): Breaks {
  return { ...breaks, bounds: [...breaks.bounds], locked: true };
}

/**
 * Index of the class holding `value`, or -1 for null/NaN, for no classes, and
 * (unless the breaks are locked) for values outside the bounds.
 * Lower-inclusive; the last class is also upper-inclusive.
 */
export function classOf(value: number | null | undefined, breaks: Breaks): number {
  return classIndex(value, breaks.bounds, breaks.locked);
}

function classIndex(value: number | null | undefined, bounds: readonly number[], clamp: boolean): number {
  const n = bounds.length - 1;
  if (n < 1 || typeof value !== 'number' || Number.isNaN(value)) return -1;
  if (value < bounds[0]) return clamp ? 0 : -1;
  if (value > bounds[n]) return clamp ? n - 1 : -1;
  // Binary search for the last lower bound <= value among the n class starts.
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (bounds[mid] <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function countInto(values: Iterable<number | null | undefined>, bounds: readonly number[], clamp: boolean): number[] {
  const counts = new Array<number>(Math.max(0, bounds.length - 1)).fill(0);
  for (const v of values) {
    const c = classIndex(v, bounds, clamp);
    if (c >= 0) counts[c]++;
  }
  return counts;
}

/** How many values fall in each class (values with no class are not counted). */
export function classCounts(values: ArrayLike<number | null | undefined>, breaks: Breaks): number[] {
  return countInto(Array.from(values), breaks.bounds, breaks.locked);
}

/**
 * Legend labels, one per class, that never overlap: "10 – < 20" for inner
 * classes, "≥ 90 – 100" for the last (which includes 100), a single number for
 * a class that holds one value. Locked breaks open their end classes:
 * "< 20" and "≥ 90". Numbers are formatted for the language (Vietnamese
 * decimal comma) with at most `digits` decimals.
 */
export function legendLabels(breaks: Breaks, lang: Lang, digits = 0): string[] {
  const b = breaks.bounds;
  const n = classCount(breaks);
  const f = (v: number) => formatNumber(lang, v, digits);
  const labels: string[] = [];
  for (let i = 0; i < n; i++) {
    const lo = b[i];
    const hi = b[i + 1];
    const last = i === n - 1;
    if (breaks.locked && n > 1 && i === 0) labels.push(`< ${f(hi)}`);
    else if (breaks.locked && n > 1 && last) labels.push(`≥ ${f(lo)}`);
    else if (lo === hi) labels.push(f(lo));
    else if (last) labels.push(`≥ ${f(lo)} – ${f(hi)}`);
    else labels.push(`${f(lo)} – < ${f(hi)}`);
  }
  return labels;
}

/**
 * A sequential, colour-blind-safe ramp (ColorBrewer YlOrRd) of `k` hex
 * colours, light to dark. ColorBrewer's hand-tuned sets are used for 3–9
 * classes; other counts sample the continuous YlOrRd interpolator.
 */
export function sequentialColors(k: number): string[] {
  if (!Number.isInteger(k) || k < 1) return [];
  const scheme = schemeYlOrRd[k];
  if (k >= 3 && scheme) return [...scheme];
  if (k === 2) return [schemeYlOrRd[3][0], schemeYlOrRd[3][2]];
  // One class or more than nine: sample the interpolator away from its
  // near-white end so the lightest class still reads against the background.
  const out: string[] = [];
  for (let i = 0; i < k; i++) {
    const t = k === 1 ? 0.6 : 0.15 + (0.85 * i) / (k - 1);
    out.push(color(interpolateYlOrRd(t))!.formatHex());
  }
  return out;
}
