/**
 * Builds the illustrative demo dataset.
 *
 *   npx tsx scripts/build-demo-data.ts [--seed 42] [--out data/build/demo]
 *
 * Thin CLI: the work lives in src/demo (generate, pack); this parses arguments,
 * writes files and prints a summary.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateDemo } from '../src/demo/generate.ts';
import { packDemo, summarise, withPart } from '../src/demo/package.ts';
import { seriesParts } from './lib/series-part.ts';

export const DEFAULT_OUT = 'data/build/demo';
export const DEFAULT_SEED = 42;

export interface BuildArgs {
  seed: number;
  out: string;
}

/** Parses `--seed N` and `--out DIR` (also `--seed=N`). Throws on anything else. */
export function parseArgs(argv: string[]): BuildArgs {
  const args: BuildArgs = { seed: DEFAULT_SEED, out: DEFAULT_OUT };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = inline ?? argv[++i];
    if (flag === '--seed') {
      if (!/^\d+$/.test(value ?? '')) throw new Error(`--seed needs a non-negative integer, got ${value}`);
      args.seed = Number(value);
    } else if (flag === '--out') {
      if (!value) throw new Error('--out needs a directory');
      args.out = value;
    } else {
      throw new Error(`unknown argument ${argv[i]}; usage: build-demo-data.ts [--seed 42] [--out ${DEFAULT_OUT}]`);
    }
  }
  return args;
}

/** Generates, packs and writes the demo bundle, with its rating series worked out at pack time; returns the summary lines. */
export async function buildDemo(args: BuildArgs): Promise<string[]> {
  const t0 = performance.now();
  const data = generateDemo({ seed: args.seed });
  const t1 = performance.now();
  let packed = await packDemo(data, args.seed);
  for (const [name, part] of Object.entries(await seriesParts(packed.manifest, packed.parts))) packed = await withPart(packed, name, part.bytes, part.info);
  const dir = resolve(args.out);
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(packed.files)) writeFileSync(join(dir, name), content);
  const t2 = performance.now();
  return [
    `demo data written to ${dir} (seed ${args.seed})`,
    ...summarise(data, packed),
    `time: generate ${((t1 - t0) / 1000).toFixed(1)} s, pack and write ${((t2 - t1) / 1000).toFixed(1)} s`,
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    for (const line of await buildDemo(parseArgs(process.argv.slice(2)))) console.log(line);
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
}
