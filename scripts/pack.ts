/**
 * Packs real data into a portable folder.
 *
 *   npm run pack -- --boundaries FILE --ratings FILE [--ratings FILE2 …] [--priority FILE]
 *                   [--zones FILE] [--crosswalk FILE] [--provinces FILE] [--crs EPSG:3405|VN2000-TM3:22]
 *                   [--sheet NAME|N] [--header-row N] [--map FIELD=COLUMN …] [--lang vi|en]
 *                   [--code-digits 5] [--bundle-dir data/build/import] [--no-build]
 *                   [--protect [--passphrase-file F | --passphrase-env NAME]] --out DIR
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
 * a file or a named environment variable, never from argv. Exit code 1 when nothing usable
 * was loaded, 2 on bad arguments.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MultiPolygon } from 'geojson';
import type { NeighbourCountry } from '../src/geo/priority.ts';
import { clipNeighbour } from '../src/demo/geography.ts';
import { loadNaturalEarth } from '../src/demo/sources.ts';
import { bundleFiles, importFiles, renderReport, reportToCsv } from '../src/io/import.ts';
import { protectedBundleFiles } from '../src/io/pack.ts';
import { withSeriesParts } from './lib/series-part.ts';
import { emptyImportArgs, IMPORT_USAGE, importInputs, takeImportFlag, unusedMapWarnings, type ImportArgs } from './lib/import-args.ts';
import { obtainPassphrase, type PassphraseSource } from './lib/passphrase.ts';

export interface PackArgs extends ImportArgs {
  out: string;
  bundleDir: string;
  build: boolean;
  /** Set by --protect: where the passphrase comes from (neither: the terminal). */
  protect?: PassphraseSource;
}

const USAGE = `usage: npm run pack -- ${IMPORT_USAGE} [--bundle-dir DIR] [--no-build] [--protect [--passphrase-file F | --passphrase-env NAME]] --out DIR`;

/** Parses the command line (`--flag value` or `--flag=value`; file flags may repeat). Throws with the usage on errors. */
export function parseArgs(argv: string[]): PackArgs {
  const args: PackArgs = { ...emptyImportArgs(), out: '', bundleDir: 'data/build/import', build: true };
  const passphrase: PassphraseSource = {};
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    if (flag === '--no-build') {
      args.build = false;
      continue;
    }
    if (flag === '--protect') {
      args.protect ??= {};
      continue;
    }
    // Refused outright: a passphrase in argv is visible in `ps` and shell history.
    if (flag === '--passphrase') throw new Error(`the passphrase is never taken from the command line: use the prompt, --passphrase-file or --passphrase-env\n${USAGE}`);
    const value = inline ?? argv[++i];
    if (value === undefined || value.startsWith('--')) throw new Error(`${flag} needs a value\n${USAGE}`);
    if (takeImportFlag(args, flag, value)) continue;
    if (flag === '--out') args.out = value;
    else if (flag === '--bundle-dir') args.bundleDir = value;
    else if (flag === '--passphrase-file') passphrase.file = value;
    else if (flag === '--passphrase-env') {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(value)) throw new Error(`--passphrase-env needs the NAME of an environment variable, got ${value}`);
      passphrase.env = value;
    } else throw new Error(`unknown argument ${argv[i]}\n${USAGE}`);
  }
  if (passphrase.file !== undefined || passphrase.env !== undefined) {
    if (!args.protect) throw new Error(`--passphrase-file and --passphrase-env need --protect\n${USAGE}`);
    if (passphrase.file !== undefined && passphrase.env !== undefined) throw new Error(`give either --passphrase-file or --passphrase-env, not both\n${USAGE}`);
    args.protect = passphrase;
  }
  if (!args.out) throw new Error(`--out is required\n${USAGE}`);
  if (!args.files.some((f) => f.role === 'boundaries')) throw new Error(`--boundaries is required\n${USAGE}`);
  if (!args.files.some((f) => f.role === 'ratings')) throw new Error(`--ratings is required\n${USAGE}`);
  return args;
}

const NEIGHBOUR_NAMES: Record<'CN' | 'LA' | 'KH', string> = { CN: 'Trung Quốc', LA: 'Lào', KH: 'Campuchia' };

/** The neighbour countries for the border flags: Natural Earth admin-0, clipped as for the demo. */
export function naturalEarthNeighbours(): NeighbourCountry[] {
  const ne = loadNaturalEarth([]);
  return (['CN', 'LA', 'KH'] as const).map((id) => ({ id, name: NEIGHBOUR_NAMES[id], geometry: { type: 'MultiPolygon', coordinates: clipNeighbour(ne.countries[id]) } as MultiPolygon }));
}

/** Validates, writes the bundle and builds the folder. Returns the exit code. */
export async function runPack(args: PackArgs, log: (line: string) => void = console.log): Promise<number> {
  // Asked first, so the user is not left waiting for a prompt after the long validation.
  const passphrase = args.protect ? await obtainPassphrase(args.protect) : undefined;
  const t0 = performance.now();
  const { files, options } = importInputs(args);
  const result = await importFiles(files, { neighbours: naturalEarthNeighbours(), ...options });
  for (const w of unusedMapWarnings(args.map, result.files, args.lang)) log(w);
  log(renderReport(result.report, { lang: args.lang }));
  const bundleDir = resolve(args.bundleDir);
  mkdirSync(bundleDir, { recursive: true });
  writeFileSync(join(bundleDir, '..', `${basename(bundleDir)}-report.csv`), reportToCsv(result.report));
  const vi = args.lang !== 'en';
  const secs = (from: number) => `${((performance.now() - from) / 1000).toFixed(1)} s`;
  log(`${vi ? 'báo cáo CSV' : 'report CSV'}: ${join(bundleDir, '..', `${basename(bundleDir)}-report.csv`)}`);
  log(`${vi ? 'kiểm tra và đóng gói' : 'validate and pack'}: ${secs(t0)}`);
  if (!result.packed) return 1;
  // The rating series and the list's columns, worked out now rather than in every browser that opens the folder.
  const tSeries = performance.now();
  const packed = await withSeriesParts(result.packed);
  log(`${vi ? 'chuỗi xếp loại tính sẵn' : 'series worked out'}: ${secs(tSeries)}`);
  rmSync(bundleDir, { recursive: true, force: true });
  mkdirSync(bundleDir, { recursive: true });
  const tEncrypt = performance.now();
  const written = passphrase === undefined ? await bundleFiles(packed) : await protectedBundleFiles(packed, passphrase);
  if (passphrase !== undefined) log(`${vi ? 'mã hoá' : 'encrypted'} (PBKDF2 + AES-256-GCM): ${secs(tEncrypt)}`);
  for (const [name, content] of Object.entries(written)) writeFileSync(join(bundleDir, name), content);
  const protectedNote = passphrase === undefined ? '' : vi ? ' (có mật khẩu: chỉ atlas-data.js)' : ' (protected: atlas-data.js only)';
  log(vi ? `gói dữ liệu ${packed.manifest.id} đã ghi vào ${bundleDir}${protectedNote}` : `bundle ${packed.manifest.id} written to ${bundleDir}${protectedNote}`);
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
  log(vi ? `thư mục mang đi: ${resolve(args.out)}/index.html (tổng cộng ${secs(t0)})` : `portable folder: ${resolve(args.out)}/index.html (${secs(t0)} in all)`);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  let args: PackArgs;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(2);
  }
  runPack(args).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e instanceof Error ? e.stack : e);
      process.exit(1);
    },
  );
}
