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
 */
import { useRef, useState, type DragEvent } from 'react';
import { FIELD_LABELS, importFiles, inspectFiles, neighboursFromTopology, ROLE_FIELDS, type ColumnMapping, type FileInspection, type ImportFile, type ValidationReport } from '../../io/import.ts';
import type { LoadedBundle } from '../../io/bundle.ts';
import { formatNumber, t, type Lang, type MessageKey } from '../../model/i18n.ts';
import { CrsPicker, initialCrsChoice } from './CrsPicker.tsx';
import { rememberChoices, rememberedChoices } from './mappingMemory.ts';
import { ReportView } from './ReportView.tsx';
import { storeDataset } from './datasetStore.ts';
import { TableLayoutPicker } from './TableLayoutPicker.tsx';

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
  /** Coordinate system chosen per boundary file (see CrsPicker); absent: the picker's initial choice. */
  const [crsChoices, setCrsChoices] = useState<Record<string, string>>({});
  const [report, setReport] = useState<ValidationReport>();
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [keep, setKeep] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const neighbours = current ? neighboursFromTopology(current.topology) : undefined;
  const provinceObject = current?.manifest.structures[0]?.provinceObject;

  /** Reads the files again (after a pick, or a sheet or header-row change) and proposes mappings; `fresh` files lose their old mapping. */
  const inspect = async (all: ImportFile[], fresh: Set<string>) => {
    setPhase({ kind: 'busy', what: 'reading' });
    setReport(undefined);
    try {
      setFiles(all);
      const ins = await inspectFiles(all, { neighbours, map: rememberedChoices() });
      setInspections(ins);
      setMappings((old) => Object.fromEntries(ins.map((i) => [i.name, !fresh.has(i.name) && old[i.name] && Object.values(old[i.name]).every((h) => !h || i.headers.includes(h)) ? old[i.name] : i.mapping])));
      setPhase({ kind: 'idle' });
    } catch (e) {
      setPhase({ kind: 'done', ok: false, message: e instanceof Error ? e.message : String(e) });
    }
  };

  const take = async (list: FileList | File[]) => {
    const read: ImportFile[] = await Promise.all([...list].map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
    await inspect([...files.filter((f) => !read.some((r) => r.name === f.name)), ...read], new Set(read.map((r) => r.name)));
  };

  const relayout = (name: string, change: Partial<Pick<ImportFile, 'sheet' | 'headerRow'>>) =>
    void inspect(
      files.map((f) => (f.name === name ? { ...f, ...change } : f)),
      new Set([name]),
    );

  const crsOf = (i: FileInspection) => crsChoices[i.name] ?? (i.crs ? initialCrsChoice(i.crs) : undefined);

  const run = async () => {
    setPhase({ kind: 'busy', what: 'importing' });
    try {
      // The .prj rules unless the user chose otherwise; a file without one gets the choice shown (its guess, or the user's).
      const withCrs = files.map((f) => {
        const i = inspections.find((x) => x.name === f.name);
        const c = i ? crsOf(i) : undefined;
        return c && c !== 'prj' ? { ...f, crs: c } : f;
      });
      const result = await importFiles(withCrs, { neighbours, mappings });
      setReport(result.report);
      if (!result.bundle || !result.report.usable) {
        setPhase({ kind: 'done', ok: false, message: t(lang, 'importUnusable') });
        return;
      }
      for (const i of inspections) rememberChoices(mappings[i.name] ?? i.mapping);
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
              const crs = crsOf(i);
              return (
                <fieldset key={i.name} data-file={i.name}>
                  <legend>
                    {i.name} <span className="muted">({t(lang, `role_${i.role}` as MessageKey)})</span>
                  </legend>
                  {i.layout && <TableLayoutPicker lang={lang} file={i.name} layout={i.layout} onSheet={(sheet) => relayout(i.name, { sheet, headerRow: undefined })} onHeaderRow={(headerRow) => relayout(i.name, { headerRow })} />}
                  {i.crs && crs && (
                    <CrsPicker lang={lang} file={i.name} crs={i.crs} choice={crs} onChange={(c) => setCrsChoices({ ...crsChoices, [i.name]: c })} topology={current?.topology} provinceObject={provinceObject} />
                  )}
                  {i.headers.length > 0 && (
                    <div className="mapping-grid" aria-label={t(lang, 'importMapping')}>
                      {fields.map((f) => (
                        <label key={f}>
                          {FIELD_LABELS[f][lang]}
                          {ROLE_FIELDS[i.role].required.includes(f) && ' *'}
                          <select value={m[f] ?? ''} onChange={(e) => setMappings({ ...mappings, [i.name]: { ...m, [f]: e.target.value || null } })} data-field={f}>
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
                  setCrsChoices({});
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
