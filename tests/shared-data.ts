/**
 * Where the real boundary files for tests live: `shared/data` next to the
 * repository (../shared/data from its root), read in place and never copied in
 * (their licence is unclear, see its SOURCE.md). Found from this file, not from
 * the working directory, so any clone placed beside `shared/` finds it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The shared data folder: `<repo>/../shared/data`. */
export const SHARED_DATA = fileURLToPath(new URL('../../shared/data/', import.meta.url));

/** A data set of the shared folder, and whether `file` is there (tests skip, saying so, when it is not). */
export function sharedSet(name: string, file: string): { dir: string; present: boolean } {
  const dir = join(SHARED_DATA, name);
  const present = existsSync(join(dir, file));
  if (!present) console.warn(`skipping tests on ${name}: ${join(dir, file)} is absent (shared data is not part of the repository)`);
  return { dir, present };
}
