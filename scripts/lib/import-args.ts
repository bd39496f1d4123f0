/**
 * The command-line flags that say how to read the input files, shared by
 * `npm run pack` and `npm run check`:
 *
 *   --boundaries F --ratings F [--ratings F2 …] [--priority F] [--zones F] [--crosswalk F] [--provinces F]
 *   [--boundaries-before F --ratings-before F [--priority-before F]]   the structure before the 2025 reorganisation
 *   [--sheet NAME|N] [--header-row N]      the file given just before, or every table when given first
 *   [--map FIELD=COLUMN …]                 e.g. --map code=MA_XA --map rating="Xếp loại", for every file with that column
 *   [--crs EPSG:3405|VN2000-TM3:22|VN2000-TM3:105.75|latlon] [--code-digits 5] [--lang vi|en]
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { ColumnMapping, FieldId, FileInspection, ImportFile, ImportOptions } from '../../src/io/import.ts';
import { FIELD_LABELS } from '../../src/io/import.ts';
import type { FileRole } from '../../src/io/report.ts';
import { fill, IMPORT_CLI, type Lang } from '../../src/model/i18n.ts';
import { CliError } from './cli-main.ts';

export interface InputFile {
  path: string;
  role: FileRole;
  /** Given for the structure before the reorganisation (`--boundaries-before` …). */
  before?: boolean;
  sheet?: string;
  headerRow?: number;
}

export interface ImportArgs {
  files: InputFile[];
  crs?: string;
  codeDigits?: number;
  /** Field → column, from --map. */
  map?: ColumnMapping;
  /** Language of the printed report (the CSV report has both); default Vietnamese. */
  lang?: Lang;
  /** --sheet / --header-row given before any file: they apply to every table. */
  defaults?: { sheet?: string; headerRow?: number };
}

export const IMPORT_USAGE =
  '--boundaries FILE --ratings FILE [--ratings FILE2 …] [--priority FILE] [--boundaries-before FILE --ratings-before FILE [--priority-before FILE]] [--zones FILE] [--crosswalk FILE] [--provinces FILE] [--sheet NAME|N] [--header-row N] [--map FIELD=COLUMN …] [--crs CRS] [--code-digits N] [--lang vi|en]';

export const ROLE_FLAGS: Record<string, FileRole> = {
  '--boundaries': 'boundaries',
  '--ratings': 'ratings',
  '--priority': 'priority',
  '--zones': 'zones',
  '--crosswalk': 'crosswalk',
  '--provinces': 'provinces',
};

/** Files of the structure before the 2025 reorganisation, packed beside the current one. */
export const BEFORE_FLAGS: Record<string, FileRole> = { '--boundaries-before': 'boundaries', '--ratings-before': 'ratings', '--priority-before': 'priority' };

const FIELDS = Object.keys(FIELD_LABELS) as FieldId[];

/** The value of `--lang` (every script's: the language of what it prints). Throws (in both languages) on anything but vi or en. */
export function langFlag(value: string): Lang {
  if (value !== 'vi' && value !== 'en') throw new CliError('lang', { value });
  return value;
}

/** The value of `--code-digits` (pack's, check's, crosswalk's, template's): 1 to 9. */
export function codeDigitsFlag(value: string): number {
  if (!/^[1-9]$/.test(value)) throw new CliError('codeDigits', { value });
  return Number(value);
}

export function emptyImportArgs(): ImportArgs {
  return { files: [] };
}

/**
 * Applies one reading flag with its value; returns false when the flag is not
 * one of these (the caller handles it). Throws a `CliError` (both languages)
 * on a bad value.
 */
export function takeImportFlag(args: ImportArgs, flag: string, value: string): boolean {
  if (ROLE_FLAGS[flag]) {
    args.files.push({ path: value, role: ROLE_FLAGS[flag] });
    return true;
  }
  if (BEFORE_FLAGS[flag]) {
    args.files.push({ path: value, role: BEFORE_FLAGS[flag], before: true });
    return true;
  }
  const last = args.files[args.files.length - 1];
  switch (flag) {
    case '--crs':
      args.crs = value;
      return true;
    case '--code-digits':
      args.codeDigits = codeDigitsFlag(value);
      return true;
    case '--lang':
      args.lang = langFlag(value);
      return true;
    case '--sheet':
      if (last) last.sheet = value;
      else args.defaults = { ...args.defaults, sheet: value };
      return true;
    case '--header-row': {
      if (!/^[1-9]\d{0,5}$/.test(value)) throw new CliError('headerRow', { value });
      if (last) last.headerRow = Number(value);
      else args.defaults = { ...args.defaults, headerRow: Number(value) };
      return true;
    }
    case '--map': {
      const m = /^([a-z_]+)=(.+)$/s.exec(value);
      if (!m || !FIELDS.includes(m[1] as FieldId)) throw new CliError('mapField', { fields: FIELDS.join(', '), value });
      args.map = { ...args.map, [m[1]]: m[2].trim() };
      return true;
    }
    default:
      return false;
  }
}

/** Reads the files' bytes and builds what `importFiles` takes. */
export function importInputs(args: ImportArgs): { files: ImportFile[]; options: Pick<ImportOptions, 'crs' | 'codeDigits' | 'map'> } {
  const files = args.files.map((f): ImportFile => {
    const sheet = f.sheet ?? args.defaults?.sheet;
    const headerRow = f.headerRow ?? args.defaults?.headerRow;
    return { name: basename(f.path), bytes: new Uint8Array(readFileSync(f.path)), role: f.role, ...(f.before ? { before: true } : {}), ...(sheet !== undefined ? { sheet: /^\d+$/.test(sheet) ? Number(sheet) : sheet } : {}), ...(headerRow !== undefined ? { headerRow } : {}) };
  });
  return { files, options: { crs: args.crs, codeDigits: args.codeDigits, ...(args.map && Object.keys(args.map).length ? { map: args.map } : {}) } };
}

/** Lines warning about --map columns that no input file has (printed before the report). */
export function unusedMapWarnings(map: ColumnMapping | undefined, files: FileInspection[], lang: Lang = 'vi'): string[] {
  const out: string[] = [];
  for (const [field, column] of Object.entries(map ?? {})) {
    if (!column || files.some((f) => f.headers.includes(column))) continue;
    const columns = files.map((f) => `${f.name}: ${f.headers.map((h) => `“${h}”`).join(', ') || '—'}`).join('; ');
    out.push(fill(IMPORT_CLI.unusedMap[lang], { field, column, columns }));
  }
  return out;
}
