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
 */
import { useEffect, useRef, useState, type DragEvent } from 'react';
import { FIELD_LABELS, importFiles, inspectFiles, referenceFromTopology, ROLE_FIELDS, type ColumnMapping, type FileInspection, type ImportFile, type ValidationReport } from '../../io/import.ts';
import { assembleBundle, type LoadedBundle } from '../../io/bundle.ts';
import { toPayload, type FlagSummary } from '../../io/pack.ts';
import { addYears, describeYearChanges, type YearChanges } from '../../io/update.ts';
import { formatNumber, t, type Lang, type MessageKey } from '../../model/i18n.ts';
import { kindDef, neighbourLabel, priorityKindsOf, type PriorityKindDef } from '../../model/priority.ts';
import { CrsPicker, initialCrsChoice } from './CrsPicker.tsx';
import { rememberChoices, rememberedChoices } from './mappingMemory.ts';
import { ReportView } from './ReportView.tsx';
import { keptDataset, storeDataset } from './datasetStore.ts';
import { TableLayoutPicker } from './TableLayoutPicker.tsx';

/** A new dataset (boundaries and ratings), or years of ratings added to the data on screen. */
type Mode = 'dataset' | 'years';

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
  const [flags, setFlags] = useState<{ summary: FlagSummary; kinds: PriorityKindDef[] }>();
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [keep, setKeep] = useState(false);
  const [mode, setMode] = useState<Mode>('dataset');
  const [years, setYears] = useState<YearChanges>();
  /** The data on screen is the dataset kept in this browser: adding years updates the kept copy. */
  const [onScreenIsKept, setOnScreenIsKept] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  // Neighbours and Vietnam's outline, as the data on screen carries them (empty without data: flags then reported as unsure).
  const reference = current ? referenceFromTopology(current.topology) : undefined;

  useEffect(() => {
    let live = true;
    const id = current?.manifest.id;
    if (id && !current.manifest.protected) void keptDataset().then((k) => live && setOnScreenIsKept(k?.payload.manifest.id === id));
    return () => {
      live = false;
    };
  }, [current]);

  const clear = () => {
    setFiles([]);
    setInspections([]);
    setReport(undefined);
    setYears(undefined);
    setCrsChoices({});
    setPhase({ kind: 'idle' });
  };

  /**
   * Rating tables alone, with data on screen: a new dataset would need its
   * boundaries (every code would be "not in the boundaries"), so the dialog
   * offers to add their years to the data on screen instead, keeping the files.
   */
  const ratingsAlone = mode === 'dataset' && current !== undefined && inspections.length > 0 && inspections.every((i) => i.role === 'ratings' && i.headers.length > 0);
  const takeAsYears = () => {
    setFiles(files.map((f) => ({ ...f, role: 'ratings' })));
    setReport(undefined);
    setPhase({ kind: 'idle' });
    setMode('years');
  };

  const switchMode = (m: Mode) => {
    if (m === mode) return;
    clear();
    setMode(m);
  };
  const provinceObject = current?.manifest.structures[0]?.provinceObject;

  /** Reads the files again (after a pick, or a sheet or header-row change) and proposes mappings; `fresh` files lose their old mapping. */
  const inspect = async (all: ImportFile[], fresh: Set<string>) => {
    setPhase({ kind: 'busy', what: 'reading' });
    setReport(undefined);
    setYears(undefined);
    try {
      setFiles(all);
      const ins = await inspectFiles(all, { ...reference, map: rememberedChoices() });
      setInspections(ins);
      setMappings((old) => Object.fromEntries(ins.map((i) => [i.name, !fresh.has(i.name) && old[i.name] && Object.values(old[i.name]).every((h) => !h || i.headers.includes(h)) ? old[i.name] : i.mapping])));
      setPhase({ kind: 'idle' });
    } catch (e) {
      setPhase({ kind: 'done', ok: false, message: e instanceof Error ? e.message : String(e) });
    }
  };

  const runYears = async (on: LoadedBundle) => {
    const result = await addYears(on, files, { mappings });
    setReport(result.report);
    setYears(result.years);
    if (!result.dataset) {
      setPhase({ kind: 'done', ok: false, message: t(lang, 'importUnusable') });
      return;
    }
    for (const i of inspections) rememberChoices(mappings[i.name] ?? i.mapping);
    await replaceBundle(assembleBundle(result.dataset.manifest, result.dataset.parts));
    // A protected folder's data never goes to the browser's storage.
    const store = !on.manifest.protected && (keep || onScreenIsKept);
    if (store) await storeDataset(await toPayload(result.dataset)).catch((e: unknown) => console.error(e));
    const changed = [...result.years.added, ...result.years.replaced].map((y) => y.year).sort((a, b) => a - b).join(', ');
    setPhase({ kind: 'done', ok: true, message: `${t(lang, 'yearsDone', { years: changed })}${store ? ` ${t(lang, 'yearsStored')}` : ''}` });
  };

  const take = async (list: FileList | File[]) => {
    // Adding years takes rating tables only: the units and boundaries are those on screen.
    const role = mode === 'years' ? ('ratings' as const) : undefined;
    const read: ImportFile[] = await Promise.all([...list].map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()), role })));
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
    setFlags(undefined);
    try {
      if (mode === 'years' && current) return await runYears(current);
      // The .prj rules unless the user chose otherwise; a file without one gets the choice shown (its guess, or the user's).
      const withCrs = files.map((f) => {
        const i = inspections.find((x) => x.name === f.name);
        const c = i ? crsOf(i) : undefined;
        return c && c !== 'prj' ? { ...f, crs: c } : f;
      });
      const result = await importFiles(withCrs, { ...reference, mappings });
      setReport(result.report);
      if (!result.bundle || !result.report.usable) {
        setPhase({ kind: 'done', ok: false, message: t(lang, 'importUnusable') });
        return;
      }
      for (const i of inspections) rememberChoices(mappings[i.name] ?? i.mapping);
      await replaceBundle(result.bundle);
      if (result.packed) setFlags({ summary: result.packed.flags, kinds: priorityKindsOf(result.bundle.manifest) });
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
            {ratingsAlone && (
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
                  <input type="checkbox" checked={keep} onChange={(e) => setKeep(e.target.checked)} data-testid="import-keep" />
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

/** Communes (not provinces) in a bundle's units table. */
function communeCount(b: LoadedBundle): number {
  const level = b.units.getChild('level');
  let n = 0;
  for (let i = 0; i < b.units.numRows; i++) if (level?.get(i) === 'commune') n++;
  return n;
}

/** What the priority flags of the loaded data came to: units per kind, by source, and land-border units per neighbour. */
function FlagSummaryView({ lang, summary, kinds }: { lang: Lang; summary: FlagSummary; kinds: PriorityKindDef[] }) {
  const borders = summary.neighbours.filter((n) => n.units > 0);
  return (
    <div className="flag-summary" data-testid="import-flags">
      <h3>{t(lang, 'flagSummaryTitle')}</h3>
      <ul>
        {summary.kinds.map((k) => (
          <li key={k.id} data-kind={k.id}>
            <span className="line" style={{ borderColor: kindDef(kinds, k.id).color }} />
            {t(lang, 'flagSummaryKind', { label: kindDef(kinds, k.id).label[lang], units: formatNumber(lang, k.units), computed: formatNumber(lang, k.computed), declared: formatNumber(lang, k.declared) })}
          </li>
        ))}
      </ul>
      {borders.length > 0 && <p>{t(lang, 'flagSummaryBorder', { list: borders.map((n) => `${neighbourLabel(n.name, lang)} ${formatNumber(lang, n.units)}`).join(', ') })}</p>}
      {summary.contradictions.length > 0 && <p className="warn-text">{t(lang, 'flagSummaryContradicted', { count: formatNumber(lang, summary.contradictions.length) })}</p>}
    </div>
  );
}

