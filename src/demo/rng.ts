/**
 * Seeded randomness for the demo generator. Every stream is derived from the
 * run's seed plus a label, so adding draws in one part of the generator does
 * not shift the numbers of another part (outputs stay stable as code evolves).
 */

/** A uniform [0, 1) source with a few helpers. */
export interface Rng {
  (): number;
  /** Normal(mean, sd) via Box–Muller. */
  normal(mean?: number, sd?: number): number;
  /** Integer in [0, n). */
  int(n: number): number;
  /** Picks one element. */
  pick<T>(list: readonly T[]): T;
}

/** 32-bit FNV-1a hash of a string. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Mulberry32: small, fast, and good enough for synthetic geography. */
export function makeRng(seed: number, label = ''): Rng {
  let a = (hashString(`${seed}:${label}`) ^ Math.imul(seed | 0, 0x9e3779b1)) >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng = next as Rng;
  rng.normal = (mean = 0, sd = 1) => {
    const u = 1 - next();
    const v = next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  rng.int = (n) => Math.floor(next() * n);
  rng.pick = (list) => list[Math.floor(next() * list.length)];
  return rng;
}
