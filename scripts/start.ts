/**
 * `npm start` (after the build): says where the portable folder is, which file
 * to double-click, and serves it on a local URL for those who prefer http.
 * It takes no flags, so it says everything in both languages (texts in
 * src/model/i18n.ts, START_CLI).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { START_CLI } from '../src/model/i18n.ts';
import { failureMessage } from './lib/cli-main.ts';
import { serveStatic } from './lib/static-server.ts';

/** A text in both languages on one line, `vi / en`. */
const both = (key: keyof typeof START_CLI) => `${START_CLI[key].vi} / ${START_CLI[key].en}`;

/** What `npm start` prints once the folder is served at `url`: labels in both languages, aligned. */
export function startMessage(dist: string, url: string): string {
  const rows = [
    [both('folder'), dist],
    [both('file'), pathToFileURL(join(dist, 'index.html')).href],
    [both('url'), url],
  ];
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  return ['', both('ready'), '', ...rows.map(([label, value]) => `  ${`${label}:`.padEnd(width)}${value}`), '', START_CLI.copy.vi, START_CLI.copy.en, START_CLI.stop.vi, START_CLI.stop.en, ''].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dist = resolve('dist');
  if (!existsSync(join(dist, 'index.html'))) {
    console.error(START_CLI.missing.vi);
    console.error(START_CLI.missing.en);
    process.exit(1);
  }
  const port = Number(process.env.PORT ?? 5173);
  const server = await serveStatic(dist, port)
    .catch(() => serveStatic(dist, 0))
    .catch((e: unknown) => {
      console.error(failureMessage(e));
      process.exit(1);
    });
  console.log(startMessage(dist, server.url));
}
