/**
 * Synthetic movement ratings: spatially clustered, improving year by year
 * toward the directive's target (no weak commune), weaker in priority areas.
 * Levels are assigned by rank so each year's shares follow a planned path;
 * scores sit inside the band of their level, so score and level always agree.
 */
import type { Rng } from './rng.ts';

export interface RatingRow {
  index: number;
  year: number;
  rating: string;
  score: number;
  participation: number;
  incidents: number;
}

/** Score band [low, high) of each level id. */
export const SCORE_BANDS: Record<string, [number, number]> = {
  XS: [85, 100],
  K: [70, 85],
  TB: [50, 70],
  Y: [25, 50],
};

/** Planned shares (Y, TB, XS; K is the rest) for a year. Weak goes from 8% in 2011 to 1.5% in 2024. */
export function plannedShares(year: number): { Y: number; TB: number; XS: number } {
  const t = Math.min(1, Math.max(0, (year - 2011) / 13));
  const Y = year >= 2025 ? 0.012 : 0.08 - 0.065 * t;
  return { Y, TB: 0.3 - 0.15 * t, XS: 0.12 + 0.26 * t };
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Assigns levels by rank of `latent` (higher is better) with the year's shares,
 * then derives score and indicators. Always leaves at least one weak unit.
 */
export function rateYear(latent: number[], year: number, rng: Rng): Omit<RatingRow, 'index' | 'year'>[] {
  const n = latent.length;
  const order = latent.map((_, i) => i).sort((a, b) => latent[a] - latent[b] || a - b);
  const s = plannedShares(year);
  const nY = Math.max(1, Math.round(n * s.Y));
  const nTB = Math.round(n * s.TB);
  const nXS = Math.round(n * s.XS);
  const nK = n - nY - nTB - nXS;
  const counts: [string, number][] = [['Y', nY], ['TB', nTB], ['K', nK], ['XS', nXS]];
  const out = new Array<Omit<RatingRow, 'index' | 'year'>>(n);
  let pos = 0;
  for (const [level, count] of counts) {
    const [lo, hi] = SCORE_BANDS[level];
    for (let r = 0; r < count; r++, pos++) {
      const i = order[pos];
      const score = round1(Math.min(hi - 0.1, lo + ((hi - lo) * (r + 0.5)) / count));
      const participation = round1(Math.min(99.5, Math.max(20, 35 + 0.6 * score + rng.normal(0, 4))));
      const incidents = round2(Math.max(0.05, 9.5 - 0.085 * score + rng.normal(0, 0.9)));
      out[i] = { rating: level, score, participation, incidents };
    }
  }
  return out;
}

/** Smooth seeded field over lon/lat: a few broad waves plus local weak spots. */
export function smoothField(rng: Rng): (x: number, y: number) => number {
  const waves = Array.from({ length: 6 }, () => ({
    fx: (rng() - 0.5) * 2.4,
    fy: (rng() - 0.5) * 2.4,
    ph: rng() * Math.PI * 2,
    a: 0.15 + 0.2 * rng(),
  }));
  const spots = Array.from({ length: 14 }, () => ({
    x: 102.5 + rng() * 7,
    y: 8.8 + rng() * 14,
    r: 0.2 + rng() * 0.5,
    a: -(0.4 + 0.6 * rng()),
  }));
  return (x, y) => {
    let v = 0;
    for (const w of waves) v += w.a * Math.sin(w.fx * x + w.fy * y + w.ph);
    for (const s of spots) v += s.a * Math.exp(-((x - s.x) ** 2 + (y - s.y) ** 2) / (2 * s.r * s.r));
    return v;
  };
}
