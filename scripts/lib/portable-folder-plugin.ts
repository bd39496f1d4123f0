/**
 * Vite plugin that turns the build into a portable folder (see vite.config.ts):
 * - rewrites the HTML so it loads one classic `<script defer>` and no
 *   `crossorigin` assets (both are refused on file://);
 * - writes DuckDB's wasm as a gzip+base64 classic script (`duckdb/duckdb-eh.wasm.js`),
 *   the only way a file:// page can get the bytes;
 * - copies the data bundle (`data/atlas-data.js`), and its raw files (`data/raw/`)
 *   only when ATLAS_RAW=1;
 *   a protected (encrypted) bundle is copied alone: no `data/raw/`, and the
 *   build fails if its bundle dir holds anything else, since every other file
 *   there would be plaintext in the folder.
 */
import { createHash } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';
import { BUNDLE_SCRIPT } from '../../src/io/bundle.ts';
import { isProtectedScript } from '../../src/io/protect.ts';
import { FIRST_PAINT_SCRIPT } from './first-paint-plugin.ts';
import { DUCKDB_GLOBAL, duckdbScriptText } from '../../src/model/duckdb-payload.ts';

const require = createRequire(import.meta.url);

/** Where the data bundle comes from: `ATLAS_BUNDLE_DIR` (used by `npm run pack`) or the demo. */
export function bundleDir(root: string): string {
  return resolve(root, process.env.ATLAS_BUNDLE_DIR ?? 'data/build/demo');
}

/**
 * Rewrites Vite's module tags into what a file:// page can load, and puts the
 * data bundle and the first paint's script before the app's (deferred scripts
 * run in document order): the map is drawn from the data while the app's
 * script is still being parsed (src/poster.ts). Exported for tests.
 */
export function classicHtml(html: string): string {
  const first = `<script defer src="./${BUNDLE_SCRIPT}"></script><script defer src="./${FIRST_PAINT_SCRIPT}"></script>`;
  return html
    .replace(/<script type="module" crossorigin src="([^"]+)"><\/script>/g, `${first}<script defer src="$1"></script>`)
    .replace(/<script type="module" src="([^"]+)"><\/script>/g, `${first}<script defer src="$1"></script>`)
    .replace(/<link rel="stylesheet" crossorigin href="([^"]+)">/g, '<link rel="stylesheet" href="$1">')
    .replace(/ crossorigin(="[^"]*")?/g, '');
}

function duckdbWasmScript(): string {
  // The package exports no package.json; find it from the wasm, which it does export.
  const wasmPath = require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm');
  const pkgDir = dirname(dirname(wasmPath));
  const version = (JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string }).version;
  const cacheDir = resolve(pkgDir, '..', '..', '.cache', 'movement-atlas');
  const cachePath = join(cacheDir, `duckdb-eh-${version}.wasm.js`);
  if (existsSync(cachePath)) return readFileSync(cachePath, 'utf8');
  const wasm = readFileSync(wasmPath);
  const gz = gzipSync(wasm, { level: 9 });
  const sha = createHash('sha256').update(wasm).digest('hex');
  const text = duckdbScriptText({ version, bundle: 'eh', bytes: wasm.length, sha256: sha, gzipBase64: gz.toString('base64') });
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(cachePath, text);
  return text;
}

/** Whether a bundle script is protected, from its first bytes (the script may be tens of MB). */
function isProtectedFile(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(512);
    const n = readSync(fd, head, 0, head.length, 0);
    return isProtectedScript(head.subarray(0, n).toString('utf8'));
  } finally {
    closeSync(fd);
  }
}

export function portableFolder(): Plugin {
  let root = process.cwd();
  let outDir = 'dist';
  return {
    name: 'movement-atlas-portable-folder',
    apply: 'build',
    configResolved(config) {
      root = config.root;
      outDir = resolve(config.root, config.build.outDir);
    },
    transformIndexHtml: {
      order: 'post',
      handler: (html) => classicHtml(html),
    },
    closeBundle() {
      const src = bundleDir(root);
      const payload = join(src, 'atlas-data.js');
      if (!existsSync(payload)) {
        throw new Error(`No data bundle at ${payload}. Run "npm run data:demo" (or "npm run pack") first.`);
      }
      mkdirSync(join(outDir, 'duckdb'), { recursive: true });
      writeFileSync(join(outDir, 'duckdb', 'duckdb-eh.wasm.js'), duckdbWasmScript());
      const others = readdirSync(src).filter((name) => name !== 'atlas-data.js');
      if (isProtectedFile(payload)) {
        if (others.length) throw new Error(`The protected bundle in ${src} has other files next to it (${others.join(', ')}); they would be plaintext in the folder. Pack again with --protect into an empty bundle dir.`);
        mkdirSync(join(outDir, 'data'), { recursive: true });
        copyFileSync(payload, join(outDir, 'data', 'atlas-data.js'));
        return checkDuckdbScript(outDir);
      }
      mkdirSync(join(outDir, 'data'), { recursive: true });
      copyFileSync(payload, join(outDir, 'data', 'atlas-data.js'));
      // The plain copies (Arrow, TopoJSON, CSV) double the folder's size, and the
      // page never reads them: they stay next to the bundle unless asked for.
      if (process.env.ATLAS_RAW !== '1') return checkDuckdbScript(outDir);
      mkdirSync(join(outDir, 'data', 'raw'), { recursive: true });
      for (const name of others) {
        const p = join(src, name);
        if (statSync(p).isFile()) copyFileSync(p, join(outDir, 'data', 'raw', name));
      }
      checkDuckdbScript(outDir);
    },
  };
}

/** Sanity: the global name the app waits for is in the DuckDB script we wrote. */
function checkDuckdbScript(outDir: string): void {
  if (!readFileSync(join(outDir, 'duckdb', 'duckdb-eh.wasm.js'), 'utf8').startsWith(`globalThis.${DUCKDB_GLOBAL}`)) {
    throw new Error('DuckDB payload script is malformed');
  }
}
