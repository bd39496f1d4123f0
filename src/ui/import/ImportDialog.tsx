/**
 * Bring your own data: pick or drop boundary files (GeoJSON, TopoJSON, zipped
 * Shapefile) and tables (CSV, XLSX, Parquet); for each file check what the
 * importer proposes (the sheet and header row of a report-style table, the
 * column mapping, a boundary file's coordinate system with a preview of where
 * it lands), load, and read the validation report (downloadable as CSV). Data is
 * only swapped in when the import is usable and DuckDB has loaded it; otherwise
 * the previous data stays on the map. Names are untrusted and rendered as text.
 *
 * The column choices of a load that worked are remembered field by field
 * (mappingMemory.ts) and proposed again for the next files with those columns.
 *
 * "Thêm năm xếp loại" adds a year of ratings to the data on screen (or replaces
 * a year it has), as `npm run pack -- --into` does for a folder
 * (src/io/update.ts): rating tables only, checked against the communes on
 * screen. When the data on screen is the dataset kept in this browser, the
 * kept copy is updated too.
 *
 * A declared list of priority areas (code, kind, detail) may come with the
 * files: it overrides the flags computed from the boundaries, which are worked
 * out against the reference (Natural Earth's neighbours and Vietnam) the data
 * on screen carries. After a load, the flags of each kind are summed up.
 *
 * The steps themselves (pick, inspect, adjust, run) are useImportSession's;
 * each file's proposal is a FileMapping, the flags' sum a FlagSummaryView.
 */
import { useRef, type DragEvent } from 'react';
import type { LoadedBundle } from '../../io/bundle.ts';
import { describeYearChanges } from '../../io/update.ts';
import { t, type Lang } from '../../model/i18n.ts';
import { FileMapping } from './FileMapping.tsx';
import { FlagSummaryView } from './FlagSummaryView.tsx';
import { ReportView } from './ReportView.tsx';
import { useImportSession } from './useImportSession.ts';

export interface ImportDialogProps {
  lang: Lang;
  current?: LoadedBundle;
  replaceBundle: (b: LoadedBundle) => Promise<void>;
  onClose: () => void;
}

export function ImportDialog({ lang, current, replaceBundle, onClose }: ImportDialogProps) {
  const s = useImportSession(lang, current, replaceBundle);
  const { inspections, mappings, report, flags, phase, keep, mode, years, onScreenIsKept, ratingsAlone } = s;
  const { take, takeAsYears, switchMode, clear, run } = s;
  const input = useRef<HTMLInputElement>(null);

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
        {current && (
          <div className="import-modes" role="group" aria-label={t(lang, 'importTitle')}>
            <button type="button" aria-pressed={mode === 'dataset'} onClick={() => switchMode('dataset')} data-testid="import-mode-dataset">
              {t(lang, 'importModeDataset')}
            </button>
            <button type="button" aria-pressed={mode === 'years'} onClick={() => switchMode('years')} data-testid="import-mode-years">
              {t(lang, 'importModeYears')}
            </button>
          </div>
        )}
        <div className="dropzone" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
          <p>{mode === 'years' ? t(lang, 'yearsHint', { years: current ? yearRange(current.manifest.years) : '' }) : t(lang, 'importHint')}</p>
          {mode !== 'years' && <p className="muted">{t(lang, 'importPriorityHint')}</p>}
          <button type="button" onClick={() => input.current?.click()}>
            {t(lang, 'chooseFiles')}
          </button>
          <input
            ref={input}
            type="file"
            multiple
            hidden
            accept={mode === 'years' ? '.csv,.txt,.xlsx,.parquet' : '.geojson,.json,.topojson,.zip,.csv,.txt,.xlsx,.parquet'}
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
              return (
                <FileMapping
                  key={i.name}
                  lang={lang}
                  inspection={i}
                  mapping={m}
                  onMapping={(next) => s.setMappings({ ...mappings, [i.name]: next })}
                  crs={s.crsOf(i)}
                  onCrs={(c) => s.setCrsChoices({ ...s.crsChoices, [i.name]: c })}
                  onLayout={(change) => s.relayout(i.name, change)}
                  topology={current?.topology}
                  provinceObject={s.provinceObject}
                />
              );
            })}
            {ratingsAlone && current && (
              <p className="muted" data-testid="years-from-files">
                {t(lang, 'yearsFromFiles', { years: yearRange(current.manifest.years) })}{' '}
                <button type="button" onClick={takeAsYears} data-testid="years-switch">
                  {t(lang, 'yearsSwitch')}
                </button>
              </p>
            )}
            {/* A protected folder's users should not leave plaintext copies behind in the browser. */}
            {!current?.manifest.protected &&
              (mode === 'years' && onScreenIsKept ? (
                <p className="muted" data-testid="years-kept-note">{t(lang, 'yearsUpdateKept')}</p>
              ) : (
                <label className="check">
                  <input type="checkbox" checked={keep} onChange={(e) => s.setKeep(e.target.checked)} data-testid="import-keep" />
                  {t(lang, 'keepInBrowser')}
                </label>
              ))}
            <div className="modal-actions">
              <button type="button" className="primary" disabled={phase.kind === 'busy'} onClick={() => void run()} data-testid="import-run">
                {phase.kind === 'busy' ? t(lang, 'importing') : t(lang, mode === 'years' ? 'yearsRun' : 'importRun')}
              </button>
              <button type="button" onClick={clear}>
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
        {years && (years.added.length > 0 || years.replaced.length > 0) && (
          <ul className="year-changes" data-testid="year-changes">
            {describeYearChanges(years, lang).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        )}
        {flags && phase.kind === 'done' && phase.ok && <FlagSummaryView lang={lang} summary={flags.summary} kinds={flags.kinds} />}
        {report && <ReportView lang={lang} report={report} />}
      </section>
    </div>
  );
}

/** Years as a range for the hint: 2011–2025. */
function yearRange(years: number[]): string {
  return years.length ? `${Math.min(...years)}–${Math.max(...years)}` : '';
}
