/**
 * The shared real data (read only, never copied into the repository) sits in
 * `../shared/data` next to the checkout; a git worktree one level deeper finds
 * it one more level up. Tests that use it skip with a message when it is absent.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The directory `shared/data/<sub>` next to the checkout (or its parent), or the first place looked when absent. */
export function sharedDataDir(sub: string): { dir: string; present: (file: string) => boolean } {
  const candidates = [join(process.cwd(), '..', 'shared', 'data', sub), join(process.cwd(), '..', '..', 'shared', 'data', sub)];
  const dir = candidates.find((d) => existsSync(d)) ?? candidates[0];
  return { dir, present: (file) => existsSync(join(dir, file)) };
}
