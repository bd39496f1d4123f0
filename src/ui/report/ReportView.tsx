/**
 * "Báo cáo": the periodic review report of the whole country or a province,
 * for a year against a base year, over the page. It shows the document as it
 * prints (A4 portrait, numbered pages: see the print rules in app.css) and
 * writes it as PDF or DOCX. The scope, the base year and the report being
 * open live in the view (URL hash), so a link reopens the report.
 */
import { allProvincesLabel } from '../../model/filters.ts';
import { useEffect, useState } from 'react';
import { reportFonts } from 'virtual:report-fonts';
import type { SqlRunner } from '../../db/runner.ts';
import type { LoadedBundle } from '../../io/bundle.ts';
import { REPORT_MIME, reportFile, type ReportFormat } from '../../io/report/write.ts';
import { t, type Lang } from '../../model/i18n.ts';
import { defaultBaseYear, type ReportRequest } from '../../model/report.ts';
import { reportFileName } from '../../model/report-text.ts';
import type { ViewState } from '../../model/view-state.ts';
import { download } from '../app/download.ts';
import { YearSelect } from '../app/YearSelect.tsx';
import { ReportDocumentView } from './ReportDocumentView.tsx';
import { useReport } from './useReport.ts';
import { reasonOf } from '../../model/text.ts';

export interface ReportViewProps {
  lang: Lang;
  bundle: LoadedBundle;
  db: SqlRunner | undefined;
  view: ViewState;
  /** Provinces of the view's structure (code, display name), for the scope list. */
  provinces: { code: string; name: string }[];
  onChange: (patch: Partial<ViewState>) => void;
}

/** The report the view asks for: scope from `view.report`, base year from `view.reportBase`. */
export function reportRequestOf(view: ViewState, years: readonly number[]): ReportRequest {
  return {
    structure: view.structure,
    province: !view.report || view.report === 'national' ? null : view.report,
    year: view.year,
    baseYear: view.reportBase !== undefined && view.reportBase <= view.year ? view.reportBase : defaultBaseYear({ years: [...years] }, view.year),
    kinds: view.kinds,
    kindsMode: view.kindsMode,
  };
}

export function ReportView({ lang, bundle, db, view, provinces, onChange }: ReportViewProps) {
  const manifest = bundle.manifest;
  const request = reportRequestOf(view, manifest.years);
  const state = useReport(db, bundle, request, lang);
  const [busy, setBusy] = useState<ReportFormat>();
  const [error, setError] = useState<string>();
  const years = [...manifest.years].sort((a, b) => a - b);

  useEffect(() => {
    // The print stylesheet prints only the report while it is open.
    document.documentElement.dataset.report = 'open';
    return () => {
      delete document.documentElement.dataset.report;
    };
  }, []);

  const save = (format: ReportFormat) => {
    if (!state?.doc || !state.data) return;
    const { doc, data } = state;
    setBusy(format);
    setError(undefined);
    // A frame for the busy state to show: drawing the DOCX's maps takes a few seconds.
    setTimeout(() => {
      try {
        const bytes = reportFile(doc, format, reportFonts());
        download(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: REPORT_MIME[format] }), reportFileName(data, lang, format));
      } catch (e) {
        setError(reasonOf(e));
      } finally {
        setBusy(undefined);
      }
    }, 30);
  };
  const ready = state?.status === 'ready' && !!state.doc;
  const marked = !!manifest.protected;

  return (
    <div className="report-view" data-testid="report-view" role="dialog" aria-label={t(lang, 'reviewOpen')}>
      <div className="report-toolbar">
        <label>
          {t(lang, 'reviewScope')}{' '}
          <select value={request.province ?? 'national'} onChange={(e) => onChange({ report: e.target.value })} data-testid="report-scope">
            <option value="national">{allProvincesLabel(lang, provinces.map((p) => p.code))}</option>
            {provinces.map((p) => (
              <option key={p.code} value={p.code}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t(lang, 'year')}{' '}
          <YearSelect years={years} value={view.year} onChange={(year) => onChange({ year })} testId="report-year" />
        </label>
        <label>
          {t(lang, 'reviewBaseYear')}{' '}
          <select value={request.baseYear} onChange={(e) => onChange({ reportBase: Number(e.target.value) })} data-testid="report-base">
            {years
              .filter((y) => y <= view.year)
              .map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
          </select>
        </label>
        <span className="spacer" />
        <button type="button" disabled={!ready} onClick={() => window.print()} data-testid="report-print">
          {t(lang, 'reviewPrint')}
        </button>
        <button type="button" disabled={!ready || !!busy} onClick={() => save('pdf')} data-testid="report-pdf">
          {busy === 'pdf' ? t(lang, 'exporting') : t(lang, 'reviewPdf')}
        </button>
        <button type="button" disabled={!ready || !!busy} onClick={() => save('docx')} data-testid="report-docx">
          {busy === 'docx' ? t(lang, 'exporting') : t(lang, 'reviewDocx')}
        </button>
        <button type="button" onClick={() => onChange({ report: undefined, reportBase: undefined })} data-testid="report-close">
          {t(lang, 'reviewClose')}
        </button>
      </div>
      {error && (
        <p className="notice" role="alert">
          {t(lang, 'reviewFailed', { reason: error })}
        </p>
      )}
      <div className={`report-sheet page-${lang}${marked ? '-marked' : ''}`} data-testid="report-sheet" data-state={state?.status ?? 'running'}>
        {state?.status === 'failed' && (
          <p className="notice" role="alert">
            {t(lang, 'reviewFailed', { reason: state.error ?? '' })}
          </p>
        )}
        {state?.status !== 'ready' && state?.status !== 'failed' && <p className="loading">{t(lang, 'reviewBuilding')}</p>}
        {ready && <ReportDocumentView doc={state.doc!} />}
      </div>
    </div>
  );
}
