/**
 * Proposes the crosswalk between two structures from their boundaries, by
 * area overlap, for the IT officer to check and correct in Excel before
 * packing with `--crosswalk`.
 *
 *   npm run crosswalk -- --before xa-cu.geojson --after xa-moi.geojson --out crosswalk.csv
 *                        [--min-share 0.01] [--crs EPSG:3405|VN2000-TM3:22] [--code-digits 5] [--lang vi|en]
 *
 * Thin CLI: the work is src/io/crosswalk.ts (reading, checks, CSV) and
 * src/geo/overlap.ts (the geometry). Writes the CSV (UTF-8 with BOM, names
 * next to codes) and, next to it, `<out>-report.csv` with every sliver dropped
 * and every old commune not wholly covered. It prints in the --lang language
 * (Vietnamese by default, as pack; texts in src/model/i18n.ts). Exit code 1 when nothing could be
 * proposed, 2 on bad arguments.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { crosswalkFromFiles } from '../src/io/crosswalk.ts';
import { renderReport, reportToCsv } from '../src/io/report.ts';
import { CROSSWALK_CLI, fill, PACK_CLI, type Lang, type Texts } from '../src/model/i18n.ts';
import { CliError, readFlags, requiredError, runIfMain, usageText, withUsage } from './lib/cli-main.ts';
import { codeDigitsFlag, langFlag } from './lib/import-args.ts';

export interface CrosswalkArgs {
  before: string;
  after: string;
  out: string;
  minShare?: number;
  crs?: string;
  codeDigits?: number;
  /** Language of the printed report and lines; default Vietnamese. */
  lang?: Lang;
}

const USAGE = usageText(['npm run crosswalk -- --before OLD_BOUNDARIES --after NEW_BOUNDARIES --out crosswalk.csv [--min-share 0.01] [--crs CRS] [--code-digits N] [--lang vi|en]']);

const REQUIRED = { before: 'whatBefore', after: 'whatAfter', out: 'whatOutCsv' } as const;

/** Parses the command line (`--flag value` or `--flag=value`). Throws a `CliError` (both languages, then the usage) on errors. */
export function parseArgs(argv: string[]): CrosswalkArgs {
  return withUsage(USAGE, () => {
    const args: Partial<CrosswalkArgs> = {};
    readFlags(argv, (flag, value) => {
      if (flag === '--before') args.before = value;
      else if (flag === '--after') args.after = value;
      else if (flag === '--out') args.out = value;
      else if (flag === '--crs') args.crs = value;
      else if (flag === '--lang') args.lang = langFlag(value);
      else if (flag === '--code-digits') args.codeDigits = codeDigitsFlag(value);
      else if (flag === '--min-share') {
        const n = Number(value);
        if (!(n >= 0 && n < 0.5)) throw new CliError('minShare', { value });
        args.minShare = n;
      } else return false;
      return true;
    });
    for (const k of ['before', 'after', 'out'] as const) if (!args[k]) throw requiredError(`--${k}`, REQUIRED[k]);
    return args as CrosswalkArgs;
  });
}

/** Reads both files, proposes, writes the CSV and the report CSV. Returns the exit code. */
export function runCrosswalk(args: CrosswalkArgs, log: (line: string) => void = console.log): number {
  const file = (path: string) => ({ name: basename(path), bytes: new Uint8Array(readFileSync(path)) });
  const r = crosswalkFromFiles(file(args.before), file(args.after), { crs: args.crs, codeDigits: args.codeDigits, minShare: args.minShare });
  const lang = args.lang ?? 'vi';
  const say = (texts: Texts, params: Record<string, string | number>) => log(fill(texts[lang], params));
  // The report's line of units without ratings means nothing here: a crosswalk reads no ratings.
  log(renderReport(r.report, { lang, ratings: false }));
  const reportFile = resolve(args.out.replace(/(\.csv)?$/i, '-report.csv'));
  writeFileSync(reportFile, reportToCsv(r.report));
  say(PACK_CLI.reportCsv, { path: reportFile });
  const p = r.proposal;
  if (p) {
    const pieces = new Map<string, number>();
    for (const x of p.rows) pieces.set(x.old_code, (pieces.get(x.old_code) ?? 0) + 1);
    const split = [...pieces.values()].filter((n) => n > 1).length;
    const slivers = p.issues.filter((i) => i.reason === 'crosswalk-sliver').length;
    say(CROSSWALK_CLI.proposed, { rows: p.rows.length, old: pieces.size, new: new Set(p.rows.map((x) => x.new_code)).size, split, slivers });
    say(CROSSWALK_CLI.pairs, { candidates: p.candidates, intersections: p.intersections });
  }
  say(CROSSWALK_CLI.time, { read: `${(r.ms.read / 1000).toFixed(1)} s`, overlap: `${(r.ms.overlap / 1000).toFixed(1)} s` });
  if (!r.report.usable) return 1;
  writeFileSync(resolve(args.out), r.csv);
  say(CROSSWALK_CLI.written, { path: resolve(args.out), file: basename(args.out) });
  return 0;
}

runIfMain(import.meta.url, parseArgs, async (args) => runCrosswalk(args));
