/**
 * Writes the ratings template: an Excel workbook (Vietnamese headers, a
 * drop-down list of the rating levels, an instructions sheet) and its CSV
 * twin, optionally prefilled with every commune of a boundary file.
 *
 *   npm run template -- [--boundaries FILE [--year 2025] [--code-digits 5] [--crs CRS] [--map code=MA_XA …]] [--out DIR] [--lang vi|en]
 *
 * The workbook's instructions are in both languages; what this prints is in
 * the --lang language (Vietnamese by default, as pack).
 *
 * Writes DIR/mau-xep-loai.xlsx and DIR/mau-xep-loai.csv (default DIR: data/build/template).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { ColumnMapping, FieldId } from '../src/io/import.ts';
import { issueMessage } from '../src/io/import.ts';
import { templateCsv, templateRowsFromBoundaries, templateXlsx, type TemplateRow } from '../src/io/template.ts';
import { fill, TEMPLATE_CLI, type Lang } from '../src/model/i18n.ts';
import { DEFAULT_SCALE } from '../src/model/scale.ts';
import { CliError, readFlags, runIfMain, usageText, withUsage } from './lib/cli-main.ts';
import { codeDigitsFlag, langFlag } from './lib/import-args.ts';

export interface TemplateArgs {
  out: string;
  boundaries?: string;
  year?: number;
  codeDigits?: number;
  crs?: string;
  map: ColumnMapping;
  /** Language of the printed lines; default Vietnamese. */
  lang?: Lang;
}

const USAGE = usageText(['npm run template -- [--boundaries FILE [--year YYYY] [--code-digits N] [--crs CRS] [--map FIELD=COLUMN …]] [--out DIR] [--lang vi|en]']);

/** Parses the command line (`--flag value` or `--flag=value`). Throws a `CliError` (both languages, then the usage) on errors. */
export function parseTemplateArgs(argv: string[]): TemplateArgs {
  return withUsage(USAGE, () => {
    const args: TemplateArgs = { out: 'data/build/template', map: {} };
    readFlags(argv, (flag, value) => {
      if (flag === '--out') args.out = value;
      else if (flag === '--boundaries') args.boundaries = value;
      else if (flag === '--crs') args.crs = value;
      else if (flag === '--lang') args.lang = langFlag(value);
      else if (flag === '--code-digits') args.codeDigits = codeDigitsFlag(value);
      else if (flag === '--year') {
        if (!/^(19|20)\d\d$/.test(value)) throw new CliError('year', { flag, value });
        args.year = Number(value);
      } else if (flag === '--map') {
        const m = /^([a-z_]+)=(.+)$/s.exec(value);
        if (!m) throw new CliError('mapSyntax', { value });
        args.map[m[1] as FieldId] = m[2];
      } else return false;
      return true;
    });
    return args;
  });
}

/** Writes the two files; returns their paths. */
export async function runTemplate(args: TemplateArgs, log: (line: string) => void = console.log): Promise<string[]> {
  const lang = args.lang ?? 'vi';
  const say = (key: keyof typeof TEMPLATE_CLI, params: Record<string, string | number>) => log(fill(TEMPLATE_CLI[key][lang], params));
  let rows: TemplateRow[] = [];
  if (args.boundaries) {
    const year = args.year ?? new Date().getFullYear();
    const r = templateRowsFromBoundaries({ name: basename(args.boundaries), bytes: new Uint8Array(readFileSync(args.boundaries)) }, { year, codeDigits: args.codeDigits, crs: args.crs, map: args.map });
    for (const i of r.issues.filter((x) => x.severity === 'error' && x.row === null)) log(`${basename(args.boundaries)}: ${issueMessage(i, lang)}`);
    rows = r.rows;
    say('rows', { count: rows.length, file: basename(args.boundaries), year });
  }
  const dir = resolve(args.out);
  mkdirSync(dir, { recursive: true });
  const xlsx = join(dir, 'mau-xep-loai.xlsx');
  const csv = join(dir, 'mau-xep-loai.csv');
  writeFileSync(xlsx, await templateXlsx(DEFAULT_SCALE, rows));
  writeFileSync(csv, templateCsv(rows));
  say('workbook', { path: xlsx });
  say('csv', { path: csv });
  return [xlsx, csv];
}

runIfMain(import.meta.url, parseTemplateArgs, async (args) => {
  await runTemplate(args);
  return 0;
});
