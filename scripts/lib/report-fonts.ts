/**
 * The report's fonts in node: Be Vietnam Pro's TrueType files from the
 * devDependency @expo-google-fonts/be-vietnam-pro (Google Fonts' own TTFs,
 * with glyf outlines), cut to the report's code points. The same bytes the
 * build puts into app.js (./report-fonts-plugin.ts).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseTtf, reportCodePoints, subsetTtf } from '../../src/io/font/ttf.ts';
import { reportFontsFrom } from '../../src/io/report/fonts.ts';
import type { ReportFonts } from '../../src/io/report/pdf.ts';

const require = createRequire(import.meta.url);

const FILES = {
  regular: '@expo-google-fonts/be-vietnam-pro/400Regular/BeVietnamPro_400Regular.ttf',
  bold: '@expo-google-fonts/be-vietnam-pro/700Bold/BeVietnamPro_700Bold.ttf',
} as const;

/** The subset font files (regular, bold). */
export function reportFontFiles(): { regular: Uint8Array; bold: Uint8Array } {
  const cut = (path: string) => subsetTtf(parseTtf(new Uint8Array(readFileSync(require.resolve(path)))), reportCodePoints()).bytes;
  return { regular: cut(FILES.regular), bold: cut(FILES.bold) };
}

let cached: ReportFonts | undefined;

/** The parsed report fonts (made once per process). */
export function nodeReportFonts(): ReportFonts {
  if (!cached) {
    const f = reportFontFiles();
    cached = reportFontsFrom(f.regular, f.bold);
  }
  return cached;
}
