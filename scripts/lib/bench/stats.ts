/** Order statistics for the benchmark: median, p95 (nearest rank) and max of repeated measures. */

export interface Summary {
  n: number;
  median: number;
  p95: number;
  max: number;
  min: number;
}

/** Nearest-rank percentile: with few samples p95 is the max, which is the honest reading. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function summarize(values: readonly number[]): Summary {
  const s = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (s.length === 0) return { n: 0, median: NaN, p95: NaN, max: NaN, min: NaN };
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { n: s.length, median, p95: percentile(s, 95), max: s[s.length - 1], min: s[0] };
}
