/**
 * Real data shared beside the repository, never copied into it (licences and
 * size): boundary files in `<dir>/<set>/`. The directory is $ATLAS_SHARED_DATA
 * when set, else `shared/data` next to the repository's folder (`../shared/data`
 * from the repository root). Tests and the benchmark that use it skip with
 * `why` when it is absent.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root (this file sits in tests/). */
const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface SharedData {
  /** The data set's folder. */
  dir: string;
  /** Every file asked for is there. */
  present: boolean;
  /** Why it is absent, and how to point at it; empty when present. */
  why: string;
}

/** Where the shared data set `set` lives and whether `files` are all in it. */
export function sharedData(set: string, files: string[]): SharedData {
  const env = process.env.ATLAS_SHARED_DATA;
  const root = env ? resolve(env) : resolve(REPO, '..', 'shared', 'data');
  const dir = join(root, set);
  const missing = files.filter((f) => !existsSync(join(dir, f)));
  const present = missing.length === 0;
  const why = present
    ? ''
    : `${missing.map((f) => join(dir, f)).join(', ')} not found (${env ? 'ATLAS_SHARED_DATA' : 'no ATLAS_SHARED_DATA; looked beside the repository'}): ` +
      `the shared real data is not part of the repository; set ATLAS_SHARED_DATA to the folder that holds ${set}/ to use it`;
  return { dir, present, why };
}
