/**
 * Replaces the data of a portable folder in place, so that at every moment the
 * folder opens with either its old data or its new data, never with a broken
 * mix, even when the process is killed or the disk fills midway.
 *
 * The page reads one file, `data/atlas-data.js`. The new one is written beside
 * it (`data/.atlas-data.js.new-<pid>`), flushed to disk, read back and checked
 * by the caller (it must decode, or decrypt, to the dataset just made), and
 * only then renamed over the old one: a rename within a directory replaces the
 * file in one step. Swapping the whole folder instead would leave a moment with
 * no folder at all between two renames, and would trip over a user who has a
 * file of it open. The app files (index.html, assets, DuckDB) are left as they
 * are: they hold no data.
 *
 * The plain copies in `data/raw/` (present only in folders built with
 * ATLAS_RAW=1; the page never reads them) are replaced after the switch, each
 * file by the same write-beside-and-rename, `manifest.json` last.
 *
 * Leftovers of an interrupted run (`.atlas-data.js.new-*`, `.*.new-*` in raw)
 * are removed by the next run.
 */
import { closeSync, existsSync, fsyncSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { BundleError } from '../../src/io/bundle.ts';
import { ProtectError } from '../../src/io/protect.ts';
import { PACK_CLI } from '../../src/model/i18n.ts';
import { CliError } from './cli-main.ts';

export const DATA_SCRIPT = join('data', 'atlas-data.js');
const TEMP = /^\.[^/]+\.new-\d+$/;

/** Writes a file and flushes it to the disk before returning. */
function writeDurably(path: string, content: Uint8Array | string): void {
  const fd = openSync(path, 'w', 0o644);
  try {
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Flushes a directory entry change (a rename) to disk where the system allows it (not on Windows). */
function syncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Directories cannot be opened for fsync on every system; the rename is still atomic.
  }
}

/** Removes the temporary files an interrupted run left in a directory; returns their names. */
function removeLeftovers(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const names = readdirSync(dir).filter((n) => TEMP.test(n));
  for (const n of names) rmSync(join(dir, n), { force: true, recursive: true });
  return names;
}

/** Writes `content` beside `path`, checks it, then renames it over `path`. */
function replaceFile(path: string, content: Uint8Array | string, check?: (written: Buffer) => void | Promise<void>): Promise<void> | void {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.new-${process.pid}`);
  writeDurably(temp, content);
  const commit = () => {
    renameSync(temp, path);
    syncDir(dir);
  };
  if (!check) return commit();
  return (async () => {
    try {
      await check(readFileSync(temp));
    } catch (e) {
      rmSync(temp, { force: true });
      throw e;
    }
    commit();
  })();
}

export interface FolderDataUpdate {
  /** The new text of `data/atlas-data.js`. */
  script: string;
  /**
   * Reads back what was written and throws if it is not the data meant (it is
   * then not swapped in, and the folder keeps its old data).
   */
  verify: (written: string) => Promise<void>;
  /** New contents of files in `data/raw/`, used only when the folder has that directory. */
  raw?: Record<string, Uint8Array | string>;
}

/**
 * Why a folder's data could not be opened, in both languages (`pack --into`
 * and `report` alike): a wrong passphrase, or a damaged, refused or unreadable
 * bundle. Undefined for any other error (a bug: shown with its stack).
 */
export function folderDataFailure(e: unknown): CliError | undefined {
  if (e instanceof ProtectError) return new CliError(PACK_CLI.cannotOpen, (lang) => ({ reason: e.code === 'rejected' ? PACK_CLI.wrongPassphrase[lang] : e.detail }));
  if (e instanceof BundleError) return new CliError(PACK_CLI.cannotOpen, { reason: `${e.file}: ${e.detail}` });
  return undefined;
}

/** True when `dir` looks like a portable folder: index.html and data/atlas-data.js. */
export function isPortableFolder(dir: string): boolean {
  return existsSync(join(dir, 'index.html')) && existsSync(join(dir, DATA_SCRIPT)) && statSync(join(dir, DATA_SCRIPT)).isFile();
}

/**
 * Replaces a portable folder's data (see the top of this file). Returns the
 * leftovers of earlier interrupted runs it removed, and whether raw files were
 * rewritten.
 */
export async function replaceFolderData(folder: string, update: FolderDataUpdate): Promise<{ leftovers: string[]; raw: boolean }> {
  const dataDir = join(folder, 'data');
  const rawDir = join(dataDir, 'raw');
  const leftovers = [...removeLeftovers(dataDir), ...removeLeftovers(rawDir).map((n) => join('raw', n))];
  await replaceFile(join(folder, DATA_SCRIPT), update.script, (written) => update.verify(written.toString('utf8')));
  const hasRaw = existsSync(rawDir) && statSync(rawDir).isDirectory() && update.raw !== undefined;
  if (hasRaw) {
    const names = Object.keys(update.raw!).sort((a, b) => Number(a === 'manifest.json') - Number(b === 'manifest.json'));
    for (const name of names) await replaceFile(join(rawDir, name), update.raw![name]);
  }
  return { leftovers, raw: hasRaw };
}
