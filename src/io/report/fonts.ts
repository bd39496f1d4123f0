/**
 * The report's fonts: Be Vietnam Pro regular and bold (SIL OFL 1.1), cut at
 * build time to the Latin and Vietnamese letters, digits and punctuation a
 * report writes (src/io/font/ttf.ts `reportCodePoints`), ~50 kB each. The page
 * gets them deflated inside app.js (scripts/lib/report-fonts-plugin.ts); the
 * node CLI reads the same files (scripts/lib/report-fonts.ts).
 */
import { inflateSync } from 'fflate';
import { base64ToBytes } from '../../model/bundle.ts';
import { parseTtf } from '../font/ttf.ts';
import type { ReportFonts } from './pdf.ts';

/** Parses the two subset font files. */
export function reportFontsFrom(regular: Uint8Array, bold: Uint8Array): ReportFonts {
  return { regular: parseTtf(regular), bold: parseTtf(bold) };
}

/** A function returning the fonts from their deflate + base64 literals, inflated and parsed on its first call. */
export function packedFonts(regular: string, bold: string): () => ReportFonts {
  let fonts: ReportFonts | undefined;
  return () => (fonts ??= reportFontsFrom(inflateSync(base64ToBytes(regular)), inflateSync(base64ToBytes(bold))));
}
