/**
 * The report's two files from its document: the PDF (vector maps, embedded
 * fonts) and the DOCX (maps drawn into PNGs at `DOCX_DPI`). The page and the
 * node CLI both call these, so they write the same documents.
 */
import type { ReportDocument } from '../../model/report-doc.ts';
import { figureImages, reportToDocx } from './docx.ts';
import { measureWith, reportToPdf, type ReportFonts } from './pdf.ts';
import { encodePng, rasterize } from './raster.ts';

/** Resolution of the maps in a DOCX: sharp in print, a few hundred kB per map. */
export const DOCX_DPI = 200;

export type ReportFormat = 'pdf' | 'docx';

export const REPORT_MIME: Record<ReportFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** The report as a file of `format`. */
export function reportFile(doc: ReportDocument, format: ReportFormat, fonts: ReportFonts): Uint8Array {
  if (format === 'pdf') return reportToPdf(doc, fonts);
  return reportToDocx(doc, figureImages(doc, (scene) => encodePng(rasterize(scene, DOCX_DPI, fonts), DOCX_DPI)), measureWith(fonts));
}
