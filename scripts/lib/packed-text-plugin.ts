/**
 * Vite plugin for `import text from 'file?packed'`: the file's text, deflated
 * and base64-encoded at build time, as a function that inflates it on its first
 * call (src/model/packed-text.ts). Used for the stock worker scripts of
 * DuckDB-WASM and MapLibre, which are plain JavaScript text the page turns into
 * Blob workers: deflated they take ~0.47 MB of app.js instead of ~1.3 MB.
 */
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const SUFFIX = '?packed';
const RUNTIME = fileURLToPath(new URL('../../src/model/packed-text.ts', import.meta.url));

/** The module text for a packed file: exported for tests. */
export function packedModule(text: string, runtime = RUNTIME): string {
  const b64 = deflateRawSync(Buffer.from(text, 'utf8'), { level: 9 }).toString('base64');
  return `import { packedText } from ${JSON.stringify(runtime)};\nexport default packedText(${JSON.stringify(b64)});\n`;
}

export function packedTextPlugin(): Plugin {
  return {
    name: 'movement-atlas-packed-text',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (!source.endsWith(SUFFIX)) return null;
      const resolved = await this.resolve(source.slice(0, -SUFFIX.length), importer, { skipSelf: true });
      return resolved ? `${resolved.id}${SUFFIX}` : null;
    },
    load(id) {
      if (!id.endsWith(SUFFIX)) return null;
      const file = id.slice(0, -SUFFIX.length);
      this.addWatchFile(file);
      return packedModule(readFileSync(file, 'utf8'));
    },
  };
}
