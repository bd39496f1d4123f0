/**
 * The main block of a CLI script: when the script is the one node runs, parse
 * the arguments (a parse error prints the message and exits 2), run, and exit
 * with the code the run returns (a failure prints its message and exits 1).
 *
 * What a user reads when something goes wrong is in both languages, Vietnamese
 * first, one line each (texts in src/model/i18n.ts, CLI_ERRORS): a bad argument
 * can come before `--lang` is read. `CliError` carries such a message; a
 * system error (a file not found, a folder that cannot be written) is said in
 * one line each; anything else gets a one-line summary in both before its stack.
 */
import { pathToFileURL } from 'node:url';
import { CLI_ERRORS, fill, type Lang, type Texts } from '../../src/model/i18n.ts';

/** A text's parameters, the same in both languages or worked out for each. */
type Params = Record<string, string | number> | ((lang: Lang) => Record<string, string | number>);

/** A text in Vietnamese, then in English, one line each. */
export function bothLines(texts: Texts, params: Params = {}): string {
  const of = (lang: Lang) => fill(texts[lang], typeof params === 'function' ? params(lang) : params);
  return `${of('vi')}\n${of('en')}`;
}

/** A usage text after its heading in both languages: `cách dùng / usage: npm run …` (later lines lined up under the first). */
export function usageText(lines: string[]): string {
  const head = `${CLI_ERRORS.usage.vi} / ${CLI_ERRORS.usage.en}: `;
  return lines.map((l, i) => (i === 0 ? head : ' '.repeat(head.length)) + l).join('\n');
}

/** An error a user can act on: its message is the text in both languages (and the usage, for a bad argument). */
export class CliError extends Error {
  constructor(
    /** An id of CLI_ERRORS, or a text of another table. */
    readonly text: keyof typeof CLI_ERRORS | Texts,
    readonly params: Params = {},
    readonly usage?: string,
  ) {
    super(bothLines(typeof text === 'string' ? CLI_ERRORS[text] : text, params) + (usage ? `\n${usage}` : ''));
    this.name = 'CliError';
  }
}

/** `--help` or `-h` on the command line: the usage is printed (with `withUsage`'s text) and the script ends with 0. */
export class HelpRequested extends Error {
  constructor(readonly usage = '') {
    super(usage);
    this.name = 'HelpRequested';
  }
}

/** `{flag} is required ({what})`. */
export function requiredError(flag: string, what: Extract<keyof typeof CLI_ERRORS, `what${string}`>): CliError {
  return new CliError('required', (lang) => ({ flag, what: CLI_ERRORS[what][lang] }));
}

/**
 * Walks a command line of `--flag value` / `--flag=value` pairs, handing each
 * to `take`, and `switches`, flags without a value, to their own function.
 * Refused (a `CliError`): a word that is not a flag, a flag without its value,
 * and a flag `take` does not know (it returns false). `--help` or `-h`
 * anywhere asks for the usage (`HelpRequested`), whatever else is there.
 */
export function readFlags(argv: string[], take: (flag: string, value: string) => boolean, switches: Record<string, () => void> = {}): void {
  if (argv.some((a) => a === '--help' || a === '-h')) throw new HelpRequested();
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    if (!flag.startsWith('--')) throw new CliError('unknownArgument', { arg: argv[i] });
    if (Object.hasOwn(switches, flag)) {
      switches[flag]();
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || value.startsWith('--')) throw new CliError('needsValue', { flag });
    if (!take(flag, value)) throw new CliError('unknownArgument', { arg: flag });
  }
}

/** Runs a command line's parser; a `CliError` it throws gets the usage after its message. */
export function withUsage<T>(usage: string, parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (e instanceof CliError && e.usage === undefined) throw new CliError(e.text, e.params, usage);
    if (e instanceof HelpRequested && !e.usage) throw new HelpRequested(usage);
    throw e;
  }
}

const SYSTEM_ERRORS: Record<string, keyof typeof CLI_ERRORS> = {
  ENOENT: 'notFound',
  EACCES: 'denied',
  EPERM: 'denied',
  EISDIR: 'isFolder',
  ENOTDIR: 'notFolder',
  ENOSPC: 'diskFull',
  EDQUOT: 'diskFull',
  EROFS: 'readOnly',
  EEXIST: 'exists',
};

/**
 * What to print for an error that ends a script: its own message for a
 * `CliError`, one line in each language for a system error on a path, and for
 * anything else a summary in both languages followed by the stack.
 */
export function failureMessage(e: unknown): string {
  if (e instanceof CliError) return e.message;
  const sys = e as (NodeJS.ErrnoException & { dest?: string }) | undefined;
  const key = sys && typeof sys.code === 'string' ? SYSTEM_ERRORS[sys.code] : undefined;
  if (key && typeof sys?.path === 'string') return bothLines(CLI_ERRORS[key], { path: sys.dest ? `${sys.path} → ${sys.dest}` : sys.path });
  // Duck-typed: an error thrown in another realm (node:vm, a worker) is not `instanceof Error` here.
  const err = typeof e === 'object' && e !== null ? (e as { message?: unknown; stack?: unknown }) : {};
  const message = typeof err.message === 'string' ? err.message.split('\n')[0] : String(e);
  return `${bothLines(CLI_ERRORS.unexpected, { message })}\n${typeof err.stack === 'string' ? err.stack : String(e)}`;
}

export function runIfMain<A>(moduleUrl: string, parse: (argv: string[]) => A, run: (args: A) => Promise<number>): void {
  if (moduleUrl !== pathToFileURL(process.argv[1] ?? '').href) return;
  let args: A;
  try {
    args = parse(process.argv.slice(2));
  } catch (e) {
    if (e instanceof HelpRequested) {
      console.log(e.usage);
      process.exit(0);
    }
    console.error(failureMessage(e));
    process.exit(2);
  }
  run(args).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(failureMessage(e));
      process.exit(1);
    },
  );
}
