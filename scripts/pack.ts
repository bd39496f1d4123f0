/**
 * Packs real data into a portable folder, or adds a year to one.
 *
 *   npm run pack -- --boundaries FILE --ratings FILE [--ratings FILE2 …] [--priority FILE]
 *                   [--boundaries-before FILE --ratings-before FILE [--priority-before FILE]]
 *                   [--zones FILE] [--crosswalk FILE] [--provinces FILE] [--crs EPSG:3405|VN2000-TM3:22]
 *                   [--sheet NAME|N] [--header-row N] [--map FIELD=COLUMN …] [--lang vi|en]
 *                   [--code-digits 5] [--bundle-dir data/build/import] [--no-build]
 *                   [--protect [--passphrase-file F | --passphrase-env NAME]] --out DIR
 *   npm run pack -- --into DIR --ratings FILE [--ratings FILE2 …] [--passphrase-file F | --passphrase-env NAME]
 *
 * The reading flags (files, --sheet, --header-row, --map, --crs …) are shared
 * with `npm run check` (scripts/lib/import-args.ts).
 *
 * Thin CLI: the work is src/io/import.ts (the same code the app runs on a
 * dropped file). This validates, prints the report, writes the report CSV, the
 * bundle folder (atlas-data.js + raw files, like the demo) and then runs
 * `vite build` with ATLAS_BUNDLE_DIR pointing at it, so DIR/index.html opens
 * from file:// with this data as its default. With --protect, the bundle is
 * encrypted (src/io/protect.ts) and written as atlas-data.js alone, with no raw
 * files; the passphrase is asked on the terminal (twice, no echo) or read from
 * a file or a named environment variable, never from argv.
 *
 * The `--…-before` files are the structure before the 2025 reorganisation; each
 * year of ratings goes to the structure its codes belong to (src/io/structures.ts).
 *
 * With --into, the folder's own data is read (and decrypted, asking for its
 * passphrase, when it is protected), the years of the new ratings files are
 * added or replace the folder's (src/io/update.ts), the rating series is worked
 * out again, and the folder's data is replaced in place, atomically
 * (scripts/lib/folder-update.ts); the app files are kept, nothing is rebuilt.
 *
 * Exit code 1 when nothing usable was loaded, 2 on bad arguments.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { MultiPolygon, Polygon } from 'geojson';
import type { BoundaryReference, NeighbourCountry } from '../src/geo/priority.ts';
import { clipNeighbour } from '../src/demo/geography.ts';
import { loadNaturalEarth, provinceGeometries } from '../src/demo/sources.ts';
import { decodeBundle, payloadFromScript } from '../src/io/bundle.ts';
import { bundleFiles, importFiles, renderReport, reportToCsv } from '../src/io/import.ts';
import { protectedBundleFiles, renderFlagSummary, scriptFiles } from '../src/io/pack.ts';
import { bytesToBase64, sha256Hex } from '../src/io/bytes.ts';
import { packedScenes } from '../src/map/poster-pack.ts';
import { decryptBundle, isProtectedPayload } from '../src/io/protect.ts';
import { yearSpans } from '../src/io/report.ts';
import { addYears, describeYearChanges, type DatasetParts } from '../src/io/update.ts';
import { fill, PACK_CLI, type Lang } from '../src/model/i18n.ts';
import { DATA_SCRIPT, folderDataFailure, isPortableFolder, replaceFolderData } from './lib/folder-update.ts';
import { withSeriesParts } from './lib/series-part.ts';
import { CliError, readFlags, requiredError, runIfMain, usageText, withUsage } from './lib/cli-main.ts';
import { emptyImportArgs, IMPORT_USAGE, importInputs, takeImportFlag, unusedMapWarnings, type ImportArgs } from './lib/import-args.ts';
import { obtainPassphrase, passphraseEnvFlag, type PassphraseSource } from './lib/passphrase.ts';

export interface PackArgs extends ImportArgs {
  out: string;
  /** Set by --into: the portable folder whose years are added to or replaced (then `out` is empty). */
  into?: string;
  /** With --into: where the passphrase of a protected folder comes from (neither: the terminal). */
  unlock?: PassphraseSource;
  bundleDir: string;
  build: boolean;
  /** Set by --protect: where the passphrase comes from (neither: the terminal). */
  protect?: PassphraseSource;
}

const USAGE = usageText([
  `npm run pack -- ${IMPORT_USAGE} [--bundle-dir DIR] [--no-build] [--protect [--passphrase-file F | --passphrase-env NAME]] --out DIR`,
  'npm run pack -- --into DIR --ratings FILE [--ratings FILE …] [--sheet NAME|N] [--header-row N] [--map FIELD=COLUMN …] [--passphrase-file F | --passphrase-env NAME]',
]);

/** Parses the command line (`--flag value` or `--flag=value`; file flags may repeat). Throws a `CliError` (both languages, then the usage) on errors. */
export function parseArgs(argv: string[]): PackArgs {
  return withUsage(USAGE, () => parsePack(argv));
}

function parsePack(argv: string[]): PackArgs {
  const args: PackArgs = { ...emptyImportArgs(), out: '', bundleDir: 'data/build/import', build: true };
  const passphrase: PassphraseSource = {};
  const take = (flag: string, value: string): boolean => {
    if (takeImportFlag(args, flag, value)) return true;
    if (flag === '--out') args.out = value;
    else if (flag === '--into') args.into = value;
    else if (flag === '--bundle-dir') args.bundleDir = value;
    else if (flag === '--passphrase-file') passphrase.file = value;
    else if (flag === '--passphrase-env') passphrase.env = passphraseEnvFlag(value);
    else return false;
    return true;
  };
  readFlags(argv, take, {
    '--no-build': () => {
      args.build = false;
    },
    '--protect': () => {
      args.protect ??= {};
    },
    // Refused outright, whatever follows: a passphrase in argv is visible in `ps` and shell history.
    '--passphrase': () => {
      throw new CliError('passphraseInArgv');
    },
  });
  if (passphrase.file !== undefined && passphrase.env !== undefined) throw new CliError('notBoth', { a: '--passphrase-file', b: '--passphrase-env' });
  if (args.into !== undefined) {
    // The folder keeps what it is: protected or not, with its own units and boundaries.
    if (args.out) throw new CliError('notBoth', { a: '--into', b: '--out' });
    if (args.protect) throw new CliError('intoKeepsProtection');
    const other = args.files.find((f) => f.role !== 'ratings');
    if (other) throw new CliError('intoRatingsOnly', { path: other.path });
    if (!args.files.length) throw new CliError('intoNeedsRatings');
    if (passphrase.file !== undefined || passphrase.env !== undefined) args.unlock = passphrase;
    return args;
  }
  if (passphrase.file !== undefined || passphrase.env !== undefined) {
    if (!args.protect) throw new CliError('passphraseNeedsProtect');
    args.protect = passphrase;
  }
  if (!args.out) throw requiredError('--out', 'whatOutFolder');
  if (!args.files.some((f) => f.role === 'boundaries')) throw requiredError('--boundaries', 'whatBoundaries');
  if (!args.files.some((f) => f.role === 'ratings')) throw requiredError('--ratings', 'whatRatings');
  if (args.files.some((f) => f.before && f.role !== 'boundaries') && !args.files.some((f) => f.before && f.role === 'boundaries')) throw new CliError('beforeNeedsBoundaries');
  return args;
}

const NEIGHBOUR_NAMES: Record<'CN' | 'LA' | 'KH', string> = { CN: 'Trung Quốc', LA: 'Lào', KH: 'Campuchia' };

/** The neighbour countries for the border flags: Natural Earth admin-0, clipped as for the demo. */
export function naturalEarthNeighbours(): NeighbourCountry[] {
  return naturalEarthReference().neighbours;
}

/** What the border and coast rules compare a dataset's edge with: Natural Earth's neighbours (clipped as for the demo) and Vietnam. */
export function naturalEarthReference(): Required<BoundaryReference> {
  const ne = loadNaturalEarth([]);
  const neighbours = (['CN', 'LA', 'KH'] as const).map((id) => ({ id, name: NEIGHBOUR_NAMES[id], geometry: { type: 'MultiPolygon', coordinates: clipNeighbour(ne.countries[id]) } as MultiPolygon }));
  return { neighbours, national: ne.vietnam.geometry as Polygon | MultiPolygon, provinces: provinceGeometries(ne) };
}

/** Validates, writes the bundle and builds the folder. Returns the exit code. */
export async function runPack(args: PackArgs, log: (line: string) => void = console.log): Promise<number> {
  if (args.into !== undefined) return runInto(args, log);
  // Asked first, so the user is not left waiting for a prompt after the long validation.
  const passphrase = args.protect ? await obtainPassphrase(args.protect) : undefined;
  const t0 = performance.now();
  const { files, options } = importInputs(args);
  const result = await importFiles(files, { ...naturalEarthReference(), ...options });
  for (const w of unusedMapWarnings(args.map, result.files, args.lang)) log(w);
  log(renderReport(result.report, { lang: args.lang }));
  if (result.packed) log(renderFlagSummary(result.packed.flags));
  const bundleDir = resolve(args.bundleDir);
  mkdirSync(bundleDir, { recursive: true });
  writeFileSync(reportPath(bundleDir), reportToCsv(result.report));
  const say = (key: keyof typeof PACK_CLI, params: Record<string, string | number>) => log(fill(PACK_CLI[key][args.lang ?? 'vi'], params));
  say('reportCsv', { path: reportPath(bundleDir) });
  say('validated', { time: secs(t0) });
  if (!result.packed) return 1;
  // The rating series and the list's columns, worked out now rather than in every browser that opens the folder.
  const tSeries = performance.now();
  const packed = await withSeriesParts(result.packed);
  say('series', { time: secs(tSeries) });
  rmSync(bundleDir, { recursive: true, force: true });
  mkdirSync(bundleDir, { recursive: true });
  const tEncrypt = performance.now();
  const written = passphrase === undefined ? await bundleFiles(packed, packedScenes(packed.manifest, packed.parts, bytesToBase64)) : await protectedBundleFiles(packed, passphrase);
  if (passphrase !== undefined) say('encrypted', { time: secs(tEncrypt) });
  for (const [name, content] of Object.entries(written)) writeFileSync(join(bundleDir, name), content);
  say(passphrase === undefined ? 'written' : 'writtenProtected', { id: packed.manifest.id, dir: bundleDir });
  if (!args.build) return 0;
  // The portable-folder plugin reads ATLAS_BUNDLE_DIR when the build closes.
  process.env.ATLAS_BUNDLE_DIR = bundleDir;
  const { build } = await import('vite');
  // Always a production build, even when called from a test runner that set
  // NODE_ENV=test (vite would keep it and bundle React's development build).
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ mode: 'production', logLevel: 'warn', build: { outDir: resolve(args.out), emptyOutDir: true } });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  say('folder', { index: `${resolve(args.out)}/index.html`, time: secs(t0) });
  return 0;
}

/** Prints a failure's lines (both languages) and returns the exit code 1. */
function failed(e: CliError, log: (line: string) => void): number {
  for (const line of e.message.split('\n')) log(line);
  return 1;
}

/** Seconds since `from`, for the CLI's timings. */
function secs(from: number): string {
  return `${((performance.now() - from) / 1000).toFixed(1)} s`;
}

/** The report CSV's path: next to the bundle dir. */
function reportPath(bundleDir: string): string {
  return join(bundleDir, '..', `${basename(bundleDir)}-report.csv`);
}

/**
 * Adds or replaces years in a portable folder (--into): reads its data (asking
 * for the passphrase when protected), validates the new ratings against it,
 * works the series out again and replaces the folder's data atomically.
 */
async function runInto(args: PackArgs, log: (line: string) => void): Promise<number> {
  // In both languages, one line each: the folder may be updated by a script whose reader is not known.
  type Params = Record<string, string | number>;
  const say = (key: keyof typeof PACK_CLI, params: Params | ((lang: Lang) => Params) = {}) => {
    for (const lang of ['vi', 'en'] as const) log(fill(PACK_CLI[key][lang], typeof params === 'function' ? params(lang) : params));
  };
  const t0 = performance.now();
  const folder = resolve(args.into!);
  if (!isPortableFolder(folder)) {
    say('notFolder', { folder, script: DATA_SCRIPT });
    return 2;
  }
  // A wrong passphrase, a damaged or refused bundle: said in both languages, and the folder left as it is.
  const opened = async <T>(read: () => T | Promise<T>): Promise<T | CliError> => {
    try {
      return await read();
    } catch (e) {
      const failure = folderDataFailure(e);
      if (!failure) throw e;
      return failure;
    }
  };
  const payload = await opened(() => payloadFromScript(readFileSync(join(folder, DATA_SCRIPT), 'utf8'), DATA_SCRIPT));
  if (payload instanceof CliError) return failed(payload, log);
  let passphrase: string | undefined;
  let current: DatasetParts | CliError;
  if (isProtectedPayload(payload)) {
    const typed = await obtainPassphrase(args.unlock ?? {}, console.error, { confirm: false });
    passphrase = typed;
    current = await opened(() => decryptBundle(payload, typed));
    if (!(current instanceof CliError)) say('opened', { time: secs(t0) });
  } else {
    current = await opened(() => decodeBundle(payload, DATA_SCRIPT));
  }
  if (current instanceof CliError) return failed(current, log);
  const { files } = importInputs(args);
  const result = await addYears(current, files, { codeDigits: args.codeDigits });
  log(renderReport(result.report, { lang: args.lang }));
  for (const lang of ['vi', 'en'] as const) for (const line of describeYearChanges(result.years, lang)) log(line);
  const bundleDir = resolve(args.bundleDir);
  mkdirSync(join(bundleDir, '..'), { recursive: true });
  writeFileSync(reportPath(bundleDir), reportToCsv(result.report));
  say('reportCsv', { path: reportPath(bundleDir) });
  if (!result.dataset) {
    say('unchanged', { folder });
    return 1;
  }
  const tSeries = performance.now();
  const next = await withSeriesParts(result.dataset);
  say('series', { time: secs(tSeries) });
  const script = (passphrase === undefined ? await scriptFiles(next, packedScenes(next.manifest, next.parts, bytesToBase64)) : await protectedBundleFiles(next, passphrase))['atlas-data.js'];
  // What was written must read back as the dataset just made, part for part, before it replaces the old one.
  const verify = async (written: string) => {
    const back = payloadFromScript(written, DATA_SCRIPT);
    const read = passphrase === undefined ? await decodeBundle(back, DATA_SCRIPT) : await decryptBundle(back, passphrase);
    for (const [name, info] of Object.entries(next.manifest.parts)) {
      if (!read.parts[name] || (await sha256Hex(read.parts[name])) !== info.sha256) throw new CliError('readBack', { folder, part: name });
    }
  };
  const raw = passphrase === undefined ? { 'manifest.json': `${JSON.stringify(next.manifest, null, 2)}\n`, 'ratings.arrow': next.parts.ratings, 'ratings.csv': result.ratingsCsv! } : undefined;
  say('writing', { file: join(folder, DATA_SCRIPT) });
  const done = await replaceFolderData(folder, { script, verify, raw });
  if (done.leftovers.length) say('leftovers', { files: done.leftovers.join(', ') });
  say('updated', (lang) => ({
    index: `${folder}/index.html`,
    id: next.manifest.id,
    years: yearSpans(next.manifest.years),
    notes: `${passphrase === undefined ? '' : PACK_CLI.noteProtected[lang]}${done.raw ? PACK_CLI.noteRaw[lang] : ''}`,
    time: secs(t0),
  }));
  return 0;
}

runIfMain(import.meta.url, parseArgs, (args) => runPack(args));
