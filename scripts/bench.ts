/**
 * `npm run bench`: builds the portable folder into tmp/bench-dist and measures
 * it over file:// in headless Chromium at national scale (see bench/README.md).
 *
 *   npm run bench                 5 cold starts; 50 of each interaction per view, or as
 *                                 many as fit in 60 s per measure (at least 5)
 *   npm run bench -- --quick      2 cold starts; 10 interactions or 15 s per measure (at least 3)
 *   npm run bench -- --full       50 of each interaction whatever the time (long with software WebGL)
 *   options: --no-build (measure the folder as it is), --dir <folder>, --out <file>,
 *            --cold <n>, --interactions <n>, --budget <seconds per measure>, --floor <n>,
 *            --report <results.json> (re-print a saved run with the current tables and budget)
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { reprint, runBench } from './lib/bench/run.ts';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    full: { type: 'boolean', default: false },
    budget: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    dir: { type: 'string', default: 'tmp/bench-dist' },
    out: { type: 'string', default: 'bench/results.json' },
    cold: { type: 'string' },
    interactions: { type: 'string' },
    floor: { type: 'string' },
    report: { type: 'string' },
  },
});

const count = (v: string | undefined, fallback: number) => {
  const n = v === undefined ? fallback : Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`expected a positive integer, got ${v}`);
  return n;
};

const quick = values.quick;
if (values.report) {
  reprint(resolve(values.report));
  process.exit(0);
}
runBench({
  quick,
  build: !values['no-build'],
  distDir: resolve(values.dir),
  out: resolve(values.out),
  coldStarts: count(values.cold, quick ? 2 : 5),
  interactions: count(values.interactions, quick ? 10 : 50),
  measureBudgetMs: values.full ? Infinity : count(values.budget, quick ? 15 : 60) * 1000,
  minSamples: quick ? 3 : 5,
  floorReps: count(values.floor, quick ? 1 : 3),
  nodeReps: quick ? 1 : 3,
}).catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
