/**
 * The periodic review report of the view: its numbers from DuckDB
 * (src/db/report.ts), its maps drawn for the page (src/map/report-map.ts) and
 * its document (src/model/report-text.ts), made again when the scope, years,
 * kinds or language change. The PDF and DOCX are written from the same
 * document on demand (src/io/report/write.ts).
 */
import { useEffect, useState } from 'react';
import { reportFonts } from 'virtual:report-fonts';
import { reportData } from '../../db/report.ts';
import type { SqlRunner } from '../../db/runner.ts';
import type { LoadedBundle } from '../../io/bundle.ts';
import { CONTENT_WIDTH, measureWith } from '../../io/report/pdf.ts';
import { reportFigures, reportGeometry, type ReportGeometry } from '../../map/report-map.ts';
import type { Lang } from '../../model/i18n.ts';
import type { ReportData, ReportRequest } from '../../model/report.ts';
import type { ReportDocument } from '../../model/report-doc.ts';
import { buildReportDocument } from '../../model/report-text.ts';
import { reasonOf } from '../../model/text.ts';

export interface ReportState {
  key: string;
  status: 'ready' | 'failed';
  data?: ReportData;
  doc?: ReportDocument;
  error?: string;
}

/** Geometry of a structure, decoded once per bundle (the slow part of drawing the maps). */
const geometries = new WeakMap<object, Map<string, ReportGeometry>>();

function geometryOf(bundle: LoadedBundle, structure: string): ReportGeometry {
  let byStructure = geometries.get(bundle.topology);
  if (!byStructure) {
    byStructure = new Map();
    geometries.set(bundle.topology, byStructure);
  }
  let g = byStructure.get(structure);
  if (!g) {
    const info = bundle.manifest.structures.find((s) => s.id === structure);
    if (!info) throw new Error(`unknown structure ${structure}`);
    g = reportGeometry(bundle.topology, info);
    byStructure.set(structure, g);
  }
  return g;
}

/** The report of `request`: undefined while it is being made (or not asked for). */
export function useReport(db: SqlRunner | undefined, bundle: LoadedBundle | undefined, request: ReportRequest | undefined, lang: Lang): ReportState | undefined {
  const [state, setState] = useState<ReportState>();
  const key = request && bundle ? JSON.stringify([bundle.manifest.id, request, lang]) : '';
  useEffect(() => {
    if (!db || !bundle || !request || !key) return;
    let current = true;
    void (async () => {
      try {
        const manifest = bundle.manifest;
        const data = await reportData(db, manifest, request);
        const fonts = reportFonts();
        const figures = reportFigures({
          geometry: geometryOf(bundle, request.structure),
          data,
          scale: manifest.scale,
          lang,
          source: manifest.source[lang],
          measure: measureWith(fonts),
          width: CONTENT_WIDTH,
        });
        const doc = buildReportDocument(data, { lang, manifest, figures });
        if (current) setState({ key, status: 'ready', data, doc });
      } catch (e) {
        if (current) setState({ key, status: 'failed', error: reasonOf(e) });
      }
    })();
    return () => {
      current = false;
    };
    // `key` stands for the request, the bundle and the language.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [db, key]);
  return state && state.key === key ? state : undefined;
}
