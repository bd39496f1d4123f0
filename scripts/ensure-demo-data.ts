/**
 * Runs the demo generator only when `data/build/demo/atlas-data.js` is missing,
 * so `npm run build` works on a fresh checkout without regenerating every time.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_OUT, DEFAULT_SEED, buildDemo } from './build-demo-data.ts';

const target = join(DEFAULT_OUT, 'atlas-data.js');
if (existsSync(target)) {
  console.log(`${target} exists; run npm run data:demo to rebuild it`);
} else {
  console.log(`${target} is missing; generating the demo data`);
  for (const line of await buildDemo({ seed: DEFAULT_SEED, out: DEFAULT_OUT })) console.log(line);
}
