/**
 * Runs the demo generator only when `data/build/demo/atlas-data.js` is missing,
 * or when its shipped series parts were worked out with another layout than the
 * app's (src/db/series.ts: the app would then ignore them and work the series
 * out in the browser), or when it has no first-paint scenes, so `npm run
 * build` works on a fresh checkout without regenerating every time.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seriesInputs, seriesPartName } from '../src/db/series.ts';
import type { BundleManifest } from '../src/model/bundle.ts';
import { DEFAULT_OUT, DEFAULT_SEED, buildDemo } from './build-demo-data.ts';

const target = join(DEFAULT_OUT, 'atlas-data.js');
const manifestFile = join(DEFAULT_OUT, 'manifest.json');

/** Why the demo must be generated again, or undefined when it is up to date. */
function stale(): string | undefined {
  if (!existsSync(target)) return 'is missing';
  if (!existsSync(manifestFile)) return 'has no manifest.json next to it';
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as BundleManifest;
  const inputs = seriesInputs(manifest);
  const old = manifest.structures.find((s) => manifest.parts[seriesPartName(s.id)]?.derivedFrom !== inputs);
  if (old) return `ships a series part (${seriesPartName(old.id)}) of another layout than the app's`;
  // The first paint's scenes (src/map/poster-pack.ts), packed since 2026-12 in this layout.
  return readFileSync(target, 'utf8').includes('"communes":["M') ? undefined : 'has no first-paint scenes';
}

const why = stale();
if (!why) {
  console.log(`${target} exists; run npm run data:demo to rebuild it`);
} else {
  console.log(`${target} ${why}; generating the demo data`);
  for (const line of await buildDemo({ seed: DEFAULT_SEED, out: DEFAULT_OUT })) console.log(line);
}
