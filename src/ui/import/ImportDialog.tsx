/**
 * Bring your own data: pick or drop boundary files (GeoJSON, TopoJSON, zipped
 * Shapefile) and tables (CSV, XLSX, Parquet), check the proposed column mapping,
 * load, and read the validation report (downloadable as CSV). Data is only
 * swapped in when the import is usable and DuckDB has loaded it; otherwise the
 * previous data stays on the map. Names are untrusted and rendered as text.
 */
import { useRef, useState, type DragEvent } from 'react';
import { FIELD_LABELS, importFiles, inspectFiles, issueMessage, neighboursFromTopology, reportToCsv, ROLE_FIELDS, type ColumnMapping, type FileInspection, type ImportFile, type ValidationReport } from '../../io/import.ts';
import type { LoadedBundle } from '../../io/bundle.ts';
import { formatNumber, t, type Lang, type MessageKey } from '../../model/i18n.ts';
import { download } from '../app/download.ts';
import { rememberMapping, recalledMapping } from './mappingMemory.ts';
import { storeDataset } from './datasetStore.ts';

export interface ImportDialogProps {
  lang: Lang;
  current?: LoadedBundle;
  replaceBundle: (b: LoadedBundle) => Promise<void>;
  onClose: () => void;
}

type Phase = { kind: 'idle' } | { kind: 'busy'; what: 'reading' | 'importing' } | { kind: 'done'; ok: boolean; message: string };

export function ImportDialog({ lang, current, replaceBundle, onClose }: ImportDialogProps) {
  const [files, setFiles] = useState<ImportFile[]>([]);
  const [inspections, setInspections] = useState<FileInspection[]>([]);
  const [mappings, setMappings] = useState<Record<string, ColumnMapping>>({});
  const [report, setReport] = useState<ValidationReport>();
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [keep, setKeep] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const neighbours = current ? neighboursFromTopology(current.topology) : undefined;

  const take = async (list: FileList | File[]) => {
    setPhase({ kind: 'busy', what: 'reading' });
    setReport(undefined);
    try {
      const read: ImportFile[] = await Promise.all([...list].map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
      const all = [...files.filter((f) => !read.some((r) => r.name === f.name)), ...read];
      setFiles(all);
      const ins = await inspectFiles(all, { neighbours });
      setInspections(ins);
      setMappings(Object.fromEntries(ins.map((i) => [i.name, recalledMapping(i.role, i.headers) ?? i.mapping])));
      setPhase({ kind: 'idle' });
    } catch (e) {
      setPhase({ kind: 'done', ok: false, message: e instanceof Error ? e.message : String(e) });
    }
  };

  const run = async () => {
    setPhase({ kind: 'busy', what: 'importing' });
    try {
      const result = await importFiles(files, { neighbours, mappings });
      setReport(result.report);
      if (!result.bundle || !result.report.usable) {
        setPhase({ kind: 'done', ok: false, message: t(lang, 'importUnusable') });
        return;
      }
      for (const i of inspections) rememberMapping(i.role, i.headers, mappings[i.name] ?? i.mapping);
      await replaceBundle(result.bundle);
      if (keep && result.payload) await storeDataset(result.payload).catch((e: unknown) => console.error(e));
      setPhase({ kind: 'done', ok: true, message: t(lang, 'importDone', { units: formatNumber(lang, communeCount(result.bundle)) }) });
    } catch (e) {
      setPhase({ kind: 'done', ok: false, message: t(lang, 'importFailed', { reason: e instanceof Error ? e.message : String(e) }) });
    }
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    if (e.dataTransfer.files.length) void take(e.dataTransfer.files);
  };

  return (
    <div className="modal-backdrop" role="presentation">
      <section className="modal import" role="dialog" aria-modal="true" aria-label={t(lang, 'importTitle')} data-testid="import-dialog">
        <header>
          <h2>{t(lang, 'importTitle')}</h2>
          <button type="button" onClick={onClose} aria-label={t(lang, 'close')}>
            ×
          </button>
        </header>
        <div className="dropzone" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
          <p>{t(lang, 'importHint')}</p>
          <button type="button" onClick={() => input.current?.click()}>
            {t(lang, 'chooseFiles')}
          </button>
          <input
            ref={input}
            type="file"
            multiple
            hidden
            accept=".geojson,.json,.topojson,.zip,.csv,.txt,.xlsx,.parquet"
            data-testid="import-input"
            onChange={(e) => {
              if (e.target.files?.length) void take(e.target.files);
              e.target.value = '';
            }}
          />
        </div>

        {inspections.length > 0 && (
          <div className="mappings">
            {inspections.map((i) => {
              const m = mappings[i.name] ?? i.mapping;
              const fields = [...ROLE_FIELDS[i.role].required, ...ROLE_FIELDS[i.role].optional];
              return (
                <fieldset key={i.name} data-file={i.name}>
                  <legend>
                    {i.name} <span className="muted">({t(lang, `role_${i.role}` as MessageKey)})</span>
                  </legend>
                  {i.headers.length > 0 && (
                    <div className="mapping-grid">
                      {fields.map((f) => (
                        <label key={f}>
                          {FIELD_LABELS[f][lang]}
                          {ROLE_FIELDS[i.role].required.includes(f) && ' *'}
                          <select
                            value={m[f] ?? ''}
                            onChange={(e) => setMappings({ ...mappings, [i.name]: { ...m, [f]: e.target.value || null } })}
                            data-field={f}
                          >
                            <option value="">—</option>
                            {i.headers.map((h) => (
                              <option key={h} value={h}>
                                {h}
                              </option>
                            ))}
                          </select>
                        </label>
                      ))}
                    </div>
                  )}
                </fieldset>
              );
            })}
            {/* A protected folder's users should not leave plaintext copies behind in the browser. */}
            {!current?.manifest.protected && (
            <label className="check">
              <input type="checkbox" checked={keep} onChange={(e) => setKeep(e.target.checked)} data-testid="import-keep" />
              {t(lang, 'keepInBrowser')}
            </label>
            )}
            <div className="modal-actions">
              <button type="button" className="primary" disabled={phase.kind === 'busy'} onClick={() => void run()} data-testid="import-run">
                {phase.kind === 'busy' ? t(lang, 'importing') : t(lang, 'importRun')}
              </button>
              <button
                type="button"
                onClick={() => {
                  setFiles([]);
                  setInspections([]);
                  setReport(undefined);
                  setPhase({ kind: 'idle' });
                }}
              >
                {t(lang, 'importClear')}
              </button>
            </div>
          </div>
        )}

        {phase.kind === 'done' && (
          <p className={phase.ok ? 'import-ok' : 'error-text'} role="status" data-testid="import-status">
            {phase.message}
          </p>
        )}
        {report && <ReportView lang={lang} report={report} />}
      </section>
    </div>
  );
}

/** Communes (not provinces) in a bundle's units table. */
function communeCount(b: LoadedBundle): number {
  const level = b.units.getChild('level');
  let n = 0;
  for (let i = 0; i < b.units.numRows; i++) if (level?.get(i) === 'commune') n++;
  return n;
}

function ReportView({ lang, report }: { lang: Lang; report: ValidationReport }) {
  const shown = report.issues.slice(0, 200);
  return (
    <div className="report" data-testid="import-report">
      <div className="report-head">
        <h3>{t(lang, 'reportTitle')}</h3>
        <button type="button" onClick={() => download(new Blob([reportToCsv(report)], { type: 'text/csv;charset=utf-8' }), 'bao-cao-nap-du-lieu.csv')} data-testid="report-csv">
          {t(lang, 'reportDownload')}
        </button>
      </div>
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
              <td>{[f.format, f.encoding].filter(Boolean).join(', ')}</td>
              <td data-col="total">{formatNumber(lang, f.total)}</td>
              <td data-col="loaded">{formatNumber(lang, f.loaded)}</td>
              <td data-col="rejected">{formatNumber(lang, f.rejected)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">
        {t(lang, 'reportOrphans', { units: formatNumber(lang, report.unitsWithoutRatings), ratings: formatNumber(lang, report.ratingsWithoutUnits) })}
      </p>
      {shown.length > 0 && (
        <ol className="issues">
          {shown.map((i, k) => (
            <li key={k} className={`sev-${i.severity}`} data-reason={i.reason}>
              <span className="where">
                {i.file}
                {i.row !== null && ` · ${t(lang, 'reportRow')} ${i.row}`}
                {i.column !== null && ` · ${t(lang, 'reportColumn')} “${i.column}”`}
              </span>
              <span className="what">{issueMessage(i, lang)}</span>
            </li>
          ))}
        </ol>
      )}
      {report.issues.length > shown.length && <p className="muted">{t(lang, 'reportMore', { count: formatNumber(lang, report.issues.length - shown.length) })}</p>}
    </div>
  );
}
