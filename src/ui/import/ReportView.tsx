/**
 * The validation report, in the order it is read: the main findings (what makes
 * a file unusable, provinces missing, axes swapped, the coordinate system, text
 * converted, how a sheet was read), then the counts per file, then the rows.
 * Messages are in the chosen language throughout; the CSV has both.
 */
import { issueMessage, orderIssues, reportToCsv, type ReportIssue, type ValidationReport } from '../../io/import.ts';
import { formatNumber, t, type Lang } from '../../model/i18n.ts';
import { download } from '../app/download.ts';

/** Issues shown before "see the CSV". */
const SHOWN = 200;

function IssueItem({ lang, issue }: { lang: Lang; issue: ReportIssue }) {
  return (
    <li className={`sev-${issue.severity}`} data-reason={issue.reason}>
      <span className="where">
        {issue.file}
        {issue.row !== null && ` · ${t(lang, 'reportRow')} ${issue.row}`}
        {issue.column !== null && ` · ${t(lang, 'reportColumn')} “${issue.column}”`}
      </span>
      <span className="what">{issueMessage(issue, lang)}</span>
    </li>
  );
}

export function ReportView({ lang, report }: { lang: Lang; report: ValidationReport }) {
  const ordered = orderIssues(report.issues);
  const findings = ordered.filter((i) => i.row === null);
  const rows = ordered.filter((i) => i.row !== null);
  const shownRows = rows.slice(0, Math.max(0, SHOWN - findings.length));
  return (
    <div className="report" data-testid="import-report">
      <div className="report-head">
        <h3>{t(lang, 'reportTitle')}</h3>
        <button type="button" onClick={() => download(new Blob([reportToCsv(report)], { type: 'text/csv;charset=utf-8' }), 'bao-cao-nap-du-lieu.csv')} data-testid="report-csv">
          {t(lang, 'reportDownload')}
        </button>
      </div>
      {findings.length > 0 && (
        <>
          <h4>{t(lang, 'reportFindings')}</h4>
          <ol className="issues findings" data-testid="report-findings">
            {findings.map((i, k) => (
              <IssueItem key={k} lang={lang} issue={i} />
            ))}
          </ol>
        </>
      )}
      <table className="report-files">
        <thead>
          <tr>
            <th>{t(lang, 'reportFile')}</th>
            <th>{t(lang, 'reportFormat')}</th>
            <th>{t(lang, 'reportTotal')}</th>
            <th>{t(lang, 'reportLoaded')}</th>
            <th>{t(lang, 'reportRejected')}</th>
          </tr>
        </thead>
        <tbody>
          {report.files.map((f) => (
            <tr key={f.file} data-file={f.file}>
              <td>{f.file}</td>
              <td>{[f.format, f.sheet, f.encoding].filter(Boolean).join(', ')}</td>
              <td data-col="total">{formatNumber(lang, f.total)}</td>
              <td data-col="loaded">{formatNumber(lang, f.loaded)}</td>
              <td data-col="rejected">{formatNumber(lang, f.rejected)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">{t(lang, 'reportOrphans', { units: formatNumber(lang, report.unitsWithoutRatings), ratings: formatNumber(lang, report.ratingsWithoutUnits) })}</p>
      {shownRows.length > 0 && (
        <>
          <h4>{t(lang, 'reportRows')}</h4>
          <ol className="issues" data-testid="report-rows">
            {shownRows.map((i, k) => (
              <IssueItem key={k} lang={lang} issue={i} />
            ))}
          </ol>
        </>
      )}
      {rows.length > shownRows.length && <p className="muted">{t(lang, 'reportMore', { count: formatNumber(lang, rows.length - shownRows.length) })}</p>}
    </div>
  );
}
