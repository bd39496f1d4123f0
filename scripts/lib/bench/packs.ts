/**
 * Packs the benchmark's inputs with `npm run pack`, exactly as an IT officer
 * does, each into a folder of its own, and keeps the packer's own lines
 * (validation, series, build times) for the report.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchInput } from './inputs.ts';

export interface PackedFolder {
  input: BenchInput;
  /** The portable folder (index.html …). */
  dir: string;
  /** Wall time of `npm run pack`, ms (NaN when an existing folder was reused). */
  packMs: number;
  /** The packer's summary lines (report, timings). */
  lines: string[];
}

/** The lines of the packer's output worth keeping: its report and timings, not the build's warnings. */
function summary(stdout: string): string[] {
  return stdout
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => /(loaded|rejected|Result|validate and pack|series worked out|portable folder)/.test(l));
}

/**
 * Runs `npm run pack` for each input into `root/<id>/`; with `reuse`, a folder
 * packed before is measured as it is.
 */
export function packAll(inputs: BenchInput[], root: string, opts: { reuse: boolean; log: (msg: string) => void }): PackedFolder[] {
  const out: PackedFolder[] = [];
  for (const input of inputs) {
    const base = join(root, input.id);
    const dir = join(base, 'folder');
    mkdirSync(base, { recursive: true });
    if (opts.reuse && existsSync(join(dir, 'index.html'))) {
      opts.log(`${input.id}: reusing ${dir} (--no-pack)`);
      out.push({ input, dir, packMs: NaN, lines: [] });
      continue;
    }
    opts.log(`${input.id}: npm run pack (${input.label})`);
    const args = ['run', '--silent', 'pack', '--', '--boundaries', input.boundaries, '--ratings', input.ratings, ...input.packArgs, '--lang', 'en', '--bundle-dir', join(base, 'bundle'), '--out', dir];
    // --lang en: summary() picks the English lines (the pack speaks Vietnamese by default).
    // NODE_ENV from a calling test runner would make the pack's vite build a development build.
    const env = { ...process.env };
    delete env.NODE_ENV;
    const t0 = performance.now();
    const r = spawnSync('npm', args, { encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
    const packMs = performance.now() - t0;
    writeFileSync(join(base, 'pack.log'), `$ npm ${args.join(' ')}\n${r.stdout}\n${r.stderr}`);
    if (r.status !== 0) throw new Error(`npm run pack failed for ${input.id} (exit ${r.status}); see ${join(base, 'pack.log')}\n${r.stderr.slice(-2000)}`);
    const lines = summary(r.stdout);
    for (const l of lines) opts.log(`${input.id}:   ${l}`);
    out.push({ input, dir, packMs, lines });
  }
  return out;
}
