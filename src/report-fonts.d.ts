/** The report's fonts, shipped deflated in app.js (scripts/lib/report-fonts-plugin.ts). */
declare module 'virtual:report-fonts' {
  import type { ReportFonts } from './io/report/pdf.ts';
  /** Inflates and parses the fonts on its first call, then keeps them. */
  export const reportFonts: () => ReportFonts;
}
