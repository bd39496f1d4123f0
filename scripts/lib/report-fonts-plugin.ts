/**
 * Vite plugin for `import { reportFonts } from 'virtual:report-fonts'`: the
 * report's two fonts (./report-fonts.ts: Be Vietnam Pro regular and bold, cut
 * to Latin and Vietnamese), deflated and base64-encoded into app.js at build
 * time (~50 kB for both), inflated and parsed on the first report.
 */
import { deflateRawSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { reportFontFiles } from './report-fonts.ts';

const ID = 'virtual:report-fonts';
const RESOLVED = `\0${ID}`;
const RUNTIME = fileURLToPath(new URL('../../src/io/report/fonts.ts', import.meta.url));

/** The module text: exported for tests. */
export function reportFontsModule(files: { regular: Uint8Array; bold: Uint8Array }, runtime = RUNTIME): string {
  const b64 = (b: Uint8Array) => deflateRawSync(b, { level: 9 }).toString('base64');
  return `import { packedFonts } from ${JSON.stringify(runtime)};\nexport const reportFonts = packedFonts(${JSON.stringify(b64(files.regular))}, ${JSON.stringify(b64(files.bold))});\n`;
}

export function reportFontsPlugin(): Plugin {
  return {
    name: 'movement-atlas-report-fonts',
    resolveId: (id) => (id === ID ? RESOLVED : null),
    load: (id) => (id === RESOLVED ? reportFontsModule(reportFontFiles()) : null),
  };
}
