/**
 * Where `npm run pack -- --protect` gets its passphrase: a file
 * (`--passphrase-file F`), an environment variable named on the command line
 * (`--passphrase-env NAME`), or the terminal, asked twice without echo.
 * Never from the command line itself: argv is visible to every user of the
 * machine (`ps`) and lands in shell history.
 */
import { readFileSync, statSync } from 'node:fs';
import { MIN_PASSPHRASE_LENGTH } from '../../src/io/protect.ts';
import { CLI_ERRORS, fill } from '../../src/model/i18n.ts';
import { CliError } from './cli-main.ts';

export interface PassphraseSource {
  file?: string;
  env?: string;
}

/** The value of `--passphrase-env` (pack's and report's): the name of an environment variable, never the passphrase. */
export function passphraseEnvFlag(value: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(value)) throw new CliError('passphraseEnvName', { value });
  return value;
}

/** The state of a line typed without echo. */
export interface HiddenLine {
  text: string;
  done: boolean;
  cancelled: boolean;
}

/**
 * Applies one chunk of raw terminal input to a hidden line: Enter ends it,
 * Ctrl-C / Ctrl-D cancel, Backspace removes a character (a whole code point, so
 * Vietnamese letters are not split), Ctrl-U clears, escape sequences (arrows)
 * and other control characters are ignored. Pure, for tests.
 */
export function editHiddenLine(line: HiddenLine, chunk: string): HiddenLine {
  let { text } = line;
  if (line.done || line.cancelled) return line;
  if (chunk.startsWith('\u001b')) return line;
  for (const ch of chunk) {
    if (ch === '\r' || ch === '\n') return { text, done: true, cancelled: false };
    if (ch === '\u0003' || (ch === '\u0004' && text === '')) return { text: '', done: false, cancelled: true };
    if (ch === '\u007f' || ch === '\b') text = [...text].slice(0, -1).join('');
    else if (ch === '\u0015') text = '';
    else if (ch >= ' ') text += ch;
  }
  return { text, done: false, cancelled: false };
}

/** Reads one line from a TTY in raw mode, echoing nothing (not even asterisks: the length is a hint too). */
export function readHidden(prompt: string, input: NodeJS.ReadStream = process.stdin, output: NodeJS.WriteStream = process.stderr): Promise<string> {
  return new Promise((resolve, reject) => {
    output.write(prompt);
    let line: HiddenLine = { text: '', done: false, cancelled: false };
    const wasRaw = input.isRaw;
    input.setRawMode(true);
    input.setEncoding('utf8');
    input.resume();
    const finish = () => {
      input.off('data', onData);
      input.setRawMode(wasRaw);
      input.pause();
      output.write('\n');
    };
    const onData = (chunk: string) => {
      line = editHiddenLine(line, chunk);
      if (line.cancelled) {
        finish();
        reject(new CliError('cancelled'));
      } else if (line.done) {
        finish();
        resolve(line.text);
      }
    };
    input.on('data', onData);
  });
}

/**
 * Refuses passphrases that are too short or carry leading/trailing spaces
 * (an easy slip in a file, invisible when typing it in the browser). Returns
 * the NFC form, as the app normalises it the same way.
 */
export function checkPassphrase(passphrase: string): string {
  const p = passphrase.normalize('NFC');
  if ([...p].length < MIN_PASSPHRASE_LENGTH) throw new CliError('passphraseShort', { min: MIN_PASSPHRASE_LENGTH });
  if (p.trim() !== p) throw new CliError('passphraseSpace');
  return p;
}

/**
 * Gets the passphrase from the file, the environment variable or the terminal
 * (twice, unless `confirm` is false: a passphrase that opens a folder is checked
 * by opening it), and checks it.
 */
export async function obtainPassphrase(source: PassphraseSource, log: (line: string) => void = console.error, options: { confirm?: boolean } = {}): Promise<string> {
  if (source.file && source.env) throw new CliError('notBoth', { a: '--passphrase-file', b: '--passphrase-env' });
  if (source.file) {
    const text = readFileSync(source.file, 'utf8').replace(/^\uFEFF/, '').replace(/\r?\n$/, '');
    // A passphrase file others can read protects nothing; warn rather than refuse (Windows has no mode bits).
    if (process.platform !== 'win32' && (statSync(source.file).mode & 0o077) !== 0) {
      for (const lang of ['vi', 'en'] as const) log(fill(CLI_ERRORS.passphraseFileReadable[lang], { file: source.file }));
    }
    return checkPassphrase(text);
  }
  if (source.env) {
    const value = process.env[source.env];
    if (value === undefined || value === '') throw new CliError('passphraseEnvUnset', { name: source.env });
    // Nothing later in this process needs it; children (none today) would otherwise inherit it.
    delete process.env[source.env];
    return checkPassphrase(value);
  }
  if (!process.stdin.isTTY) throw new CliError('passphraseNeedsTerminal');
  const first = checkPassphrase(await readHidden('Passphrase / Mật khẩu: '));
  if (options.confirm === false) return first;
  const second = (await readHidden('Again / Nhập lại: ')).normalize('NFC');
  if (first !== second) throw new CliError('passphrasesDiffer');
  return first;
}
