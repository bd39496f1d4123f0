/**
 * `npm run bench`: builds the demo's portable folder into tmp/bench-dist, packs
 * realistic inputs with `npm run pack` (the demo's 2025 communes as GeoJSON with
 * 2 and 15 years of ratings; the real pre-2025 districts of ../shared/data when
 * present), builds the qgis2web-style Leaflet page from the same inputs, and
 * measures every folder and that page over file:// in headless Chromium with
 * one protocol and one budget (see bench/README.md).
 *
 * Usage: USAGE below (`npm run bench -- --help` prints it).
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SHARED_DATA } from './lib/bench/inputs.ts';
import { reprint, runBench } from './lib/bench/run.ts';

const USAGE = `  npm run bench                 5 cold starts; 50 of each interaction per view, or as
                                many as fit in 60 s per measure (at least 5)
  npm run bench -- --quick      2 cold starts; 10 interactions or 15 s per measure (at least 3)
  npm run bench -- --full       50 of each interaction whatever the time (long with software WebGL)
  npm run bench -- --dir <folder>   measure that folder alone (any shape: its manifest's structures and years)
  options: --no-build (measure tmp/bench-dist as it is), --no-packs (the demo only),
           --no-pack (reuse the folders an earlier run packed), --no-peer, --only <ids>
           (e.g. demo,pack-2y), --shared <dir> (default ../shared/data), --out <file>,
           --cold <n>, --interactions <n>, --budget <seconds per measure>, --floor <n>,
           --report <results.json> (re-print a saved run with the current tables and budget)`;

const options = {
  quick: { type: 'boolean', default: false },
  full: { type: 'boolean', default: false },
  budget: { type: 'string' },
  'no-build': { type: 'boolean', default: false },
  'no-packs': { type: 'boolean', default: false },
  'no-pack': { type: 'boolean', default: false },
  'no-peer': { type: 'boolean', default: false },
  only: { type: 'string' },
  shared: { type: 'string' },
  dir: { type: 'string' },
  out: { type: 'string', default: 'bench/results.json' },
  cold: { type: 'string' },
  interactions: { type: 'string' },
  floor: { type: 'string' },
  report: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

function readArgs() {
  try {
    return parseArgs({ options }).values;
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\nusage:\n${USAGE}`);
    process.exit(2);
  }
}
const values = readArgs();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

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
  distDir: resolve('tmp/bench-dist'),
  dir: values.dir,
  packs: !values['no-packs'],
  reusePacks: values['no-pack'],
  peer: !values['no-peer'],
  sharedData: resolve(values.shared ?? SHARED_DATA),
  only: (values.only ?? '').split(',').filter(Boolean),
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
