/**
 * The main block of a CLI script: when the script is the one node runs, parse
 * the arguments (a parse error prints the message and exits 2), run, and exit
 * with the code the run returns (an exception prints its stack and exits 1).
 */
import { pathToFileURL } from 'node:url';

export function runIfMain<A>(moduleUrl: string, parse: (argv: string[]) => A, run: (args: A) => Promise<number>): void {
  if (moduleUrl !== pathToFileURL(process.argv[1] ?? '').href) return;
  let args: A;
  try {
    args = parse(process.argv.slice(2));
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(2);
  }
  run(args).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e instanceof Error ? e.stack : e);
      process.exit(1);
    },
  );
}
