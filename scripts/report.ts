/**
 * Writes the periodic review report from a portable folder, for an IT officer
 * preparing every province at once:
 *
 *   npm run report -- --folder DIR --scope 01|all-provinces|national --year 2025 [--base 2024]
 *                     --format pdf|docx|pdf,docx --out OUT [--lang vi|en] [--structure ID]
 *                     [--kinds border,island [--kinds-mode any|all]]
 *                     [--passphrase-file F | --passphrase-env NAME]
 *
 * The same documents as the page's "Báo cáo": the folder's data bundle is
 * loaded into DuckDB's node build with the app's loader, and the report is
 * worked out by the same SQL (src/db/report.ts), drawn by the same map code
 * (src/map/report-map.ts) and written by the same writers (src/io/report/).
 * OUT is a file for one scope and format (a folder is accepted too), and a
 * folder for `all-provinces` (one file per province) or several formats.
 * Exit code 2 on bad arguments, 1 when a report could not be written.
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { structureForYear } from '../src/db/queries.ts';
import { reportData, reportProvinces } from '../src/db/report.ts';
import { CONTENT_WIDTH, measureWith } from '../src/io/report/pdf.ts';
import { reportFile, type ReportFormat } from '../src/io/report/write.ts';
import { reportFigures, reportGeometry, type ReportGeometry } from '../src/map/report-map.ts';
import type { KindsMode } from '../src/model/filters.ts';
import { fill, REPORT_CLI, type Lang } from '../src/model/i18n.ts';
import { defaultBaseYear } from '../src/model/report.ts';
import { buildReportDocument, reportFileName } from '../src/model/report-text.ts';
import { CliError, readFlags, requiredError, runIfMain, usageText, withUsage } from './lib/cli-main.ts';
import { langFlag } from './lib/import-args.ts';
import { obtainPassphrase, passphraseEnvFlag, readHidden, type PassphraseSource } from './lib/passphrase.ts';
import { openFolder } from './lib/report-folder.ts';
import { nodeReportFonts } from './lib/report-fonts.ts';

export interface ReportArgs {
  folder: string;
  /** `national`, `all-provinces` or a province code. */
  scope: string;
  year: number;
  base?: number;
  formats: ReportFormat[];
  out: string;
  lang: Lang;
  structure?: string;
  kinds: string[];
  kindsMode: KindsMode;
  passphrase: PassphraseSource;
}

const USAGE = usageText([
  'npm run report -- --folder DIR --scope 01|all-provinces|national --year 2025 [--base 2024] --format pdf|docx|pdf,docx --out OUT ' +
    '[--lang vi|en] [--structure ID] [--kinds K1,K2 [--kinds-mode any|all]] [--passphrase-file F | --passphrase-env NAME]',
]);

const REQUIRED = [
  ['folder', '--folder', 'whatFolder'],
  ['scope', '--scope', 'whatScope'],
  ['year', '--year', 'whatYear'],
  ['formats', '--format', 'whatFormat'],
  ['out', '--out', 'whatOutReport'],
] as const;

/** Parses the command line (`--flag value` or `--flag=value`). Throws a `CliError` (both languages, then the usage) on errors. */
export function parseReportArgs(argv: string[]): ReportArgs {
  return withUsage(USAGE, () => parseReport(argv));
}

function parseReport(argv: string[]): ReportArgs {
  const a: Partial<ReportArgs> & { passphrase: PassphraseSource; kinds: string[] } = { lang: 'vi', kinds: [], kindsMode: 'any', passphrase: {} };
  const year = (flag: string, v: string) => {
    if (!/^\d{4}$/.test(v)) throw new CliError('year', { flag, value: v });
    return Number(v);
  };
  const take = (flag: string, value: string): boolean => {
    if (flag === '--folder') a.folder = value;
    else if (flag === '--scope') {
      if (!/^(national|all-provinces|[0-9A-Za-z]{1,6})$/.test(value)) throw new CliError('scope', { value });
      a.scope = value;
    } else if (flag === '--year') a.year = year(flag, value);
    else if (flag === '--base') a.base = year(flag, value);
    else if (flag === '--format') {
      const formats = value.split(',').map((f) => f.trim().toLowerCase());
      if (!formats.length || formats.some((f) => f !== 'pdf' && f !== 'docx')) throw new CliError('format', { value });
      a.formats = [...new Set(formats)] as ReportFormat[];
    } else if (flag === '--out') a.out = value;
    else if (flag === '--lang') a.lang = langFlag(value);
    else if (flag === '--structure') a.structure = value;
    else if (flag === '--kinds') a.kinds = value.split(',').map((k) => k.trim()).filter(Boolean);
    else if (flag === '--kinds-mode') {
      if (value !== 'any' && value !== 'all') throw new CliError('kindsMode', { value });
      a.kindsMode = value;
    } else if (flag === '--passphrase-file') a.passphrase.file = value;
    else if (flag === '--passphrase-env') a.passphrase.env = passphraseEnvFlag(value);
    else return false;
    return true;
  };
  readFlags(argv, take, {
    '--passphrase': () => {
      throw new CliError('passphraseInArgv');
    },
  });
  for (const [k, flag, what] of REQUIRED) if (a[k] === undefined) throw requiredError(flag, what);
  if (a.passphrase.file !== undefined && a.passphrase.env !== undefined) throw new CliError('notBoth', { a: '--passphrase-file', b: '--passphrase-env' });
  return a as ReportArgs;
}

/** Where a report goes: OUT itself for one file (unless OUT is a folder), else a file named for it inside OUT. */
function target(args: ReportArgs, many: boolean, name: string): string {
  const out = resolve(args.out);
  const isDir = many || (existsSync(out) && statSync(out).isDirectory()) || args.out.endsWith('/') || extname(out) === '';
  if (!isDir) return out;
  mkdirSync(out, { recursive: true });
  return join(out, name);
}

/** Works out and writes the reports. Returns the exit code. */
export async function runReport(args: ReportArgs, log: (line: string) => void = console.log): Promise<number> {
  const t0 = performance.now();
  const passphrase = args.passphrase.file || args.passphrase.env ? () => obtainPassphrase(args.passphrase) : process.stdin.isTTY ? () => readHidden('Passphrase / Mật khẩu: ') : undefined;
  const { bundle, db } = await openFolder(args.folder, passphrase);
  try {
    const manifest = bundle.manifest;
    const structure = args.structure ?? structureForYear(manifest, args.year)?.id;
    const info = manifest.structures.find((s) => s.id === structure);
    if (!info) throw new CliError('noStructure', { structure: String(structure), year: args.year, structures: manifest.structures.map((s) => s.id).join(', ') });
    const baseYear = args.base ?? defaultBaseYear(manifest, args.year);
    const provinces = await reportProvinces(db, info.id);
    const scopes: (string | null)[] =
      args.scope === 'national' ? [null] : args.scope === 'all-provinces' ? provinces.map((p) => p.code) : [args.scope];
    for (const s of scopes) if (s !== null && !provinces.some((p) => p.code === s)) throw new CliError('noProvince', { code: s, structure: info.id, codes: provinces.map((p) => p.code).join(' ') });
    const fonts = nodeReportFonts();
    let geometry: ReportGeometry | undefined;
    const many = scopes.length > 1 || args.formats.length > 1;
    for (const province of scopes) {
      const data = await reportData(db, manifest, { structure: info.id, province, year: args.year, baseYear, kinds: args.kinds, kindsMode: args.kindsMode });
      geometry ??= reportGeometry(bundle.topology, info);
      const figures = reportFigures({ geometry, data, scale: manifest.scale, lang: args.lang, source: manifest.source[args.lang], measure: measureWith(fonts), width: CONTENT_WIDTH });
      const doc = buildReportDocument(data, { lang: args.lang, manifest, figures });
      for (const format of args.formats) {
        const path = target(args, many, reportFileName(data, args.lang, format));
        writeFileSync(path, reportFile(doc, format, fonts));
        log(`${path}`);
      }
    }
    log(fill(REPORT_CLI.written[args.lang], { count: scopes.length * args.formats.length, time: `${((performance.now() - t0) / 1000).toFixed(1)} s` }));
    return 0;
  } finally {
    await db.close();
  }
}

runIfMain(import.meta.url, parseReportArgs, runReport);
