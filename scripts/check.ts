/**
 * Validates input files without packing: the same reading, checks and report
 * as `npm run pack`, and nothing written but the report CSV when asked.
 *
 *   npm run check -- --boundaries FILE --ratings FILE [reading flags as for pack] [--report report.csv]
 *
 * Exit code 0 when the data is usable (boundaries and at least one rating
 * loaded), 1 when it is not, 2 on bad arguments.
 */
import { writeFileSync } from 'node:fs';
import { importFiles, renderReport, reportToCsv } from '../src/io/import.ts';
import { fill, PACK_CLI } from '../src/model/i18n.ts';
import { emptyImportArgs, IMPORT_USAGE, importInputs, takeImportFlag, unusedMapWarnings, type ImportArgs } from './lib/import-args.ts';
import { CliError, readFlags, runIfMain, usageText, withUsage } from './lib/cli-main.ts';
import { naturalEarthNeighbours } from './pack.ts';

export interface CheckArgs extends ImportArgs {
  /** Where to write the report as CSV (both languages). */
  report?: string;
}

const USAGE = usageText([`npm run check -- ${IMPORT_USAGE} [--report FILE.csv]`]);

/** Parses the command line; throws a `CliError` (both languages, then the usage) on errors. */
export function parseCheckArgs(argv: string[]): CheckArgs {
  return withUsage(USAGE, () => {
    const args: CheckArgs = emptyImportArgs();
    readFlags(argv, (flag, value) => {
      if (takeImportFlag(args, flag, value)) return true;
      if (flag !== '--report') return false;
      args.report = value;
      return true;
    });
    if (args.files.length === 0) throw new CliError('noFiles');
    return args;
  });
}

/** Validates and prints the report; returns the exit code. */
export async function runCheck(args: CheckArgs, log: (line: string) => void = console.log): Promise<number> {
  const { files, options } = importInputs(args);
  const result = await importFiles(files, { neighbours: naturalEarthNeighbours(), ...options });
  for (const w of unusedMapWarnings(args.map, result.files, args.lang)) log(w);
  log(renderReport(result.report, { lang: args.lang }));
  if (args.report) {
    writeFileSync(args.report, reportToCsv(result.report));
    log(fill(PACK_CLI.reportCsv[args.lang ?? 'vi'], { path: args.report }));
  }
  return result.report.usable ? 0 : 1;
}

runIfMain(import.meta.url, parseCheckArgs, runCheck);
