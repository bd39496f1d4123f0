/**
 * The import dialog's steps, apart from what it shows: the files picked (a new
 * dataset, or rating tables whose years are added to the data on screen), what
 * the importer proposes for each (inspectFiles: sheet and header row, column
 * mapping, coordinate system), the user's changes to those proposals, and the
 * run: the import (or the years added) is swapped in only when usable and
 * loaded by DuckDB, its column choices remembered and, when asked, the dataset
 * kept in this browser. The phase says what the dialog is doing: idle, busy
 * reading or importing, or done with a message.
 */
import { useEffect, useState } from 'react';
import { importFiles, inspectFiles, referenceFromTopology, type ColumnMapping, type FileInspection, type ImportFile, type ValidationReport } from '../../io/import.ts';
import { assembleBundle, type LoadedBundle } from '../../io/bundle.ts';
import { toPayload, type FlagSummary } from '../../io/pack.ts';
import { addYears, type YearChanges } from '../../io/update.ts';
import { formatNumber, t, type Lang } from '../../model/i18n.ts';
import { priorityKindsOf, type PriorityKindDef } from '../../model/priority.ts';
import { initialCrsChoice } from './CrsPicker.tsx';
import { keptDataset, storeDataset } from './datasetStore.ts';
import { rememberChoices, rememberedChoices } from './mappingMemory.ts';
import { reasonOf } from '../../model/text.ts';

/** Keeps a dataset in the browser; undefined when kept, else why not (full storage, private window…): the user is told, not the console only. */
async function stored(payload: Parameters<typeof storeDataset>[0] | Promise<Parameters<typeof storeDataset>[0]>): Promise<string | undefined> {
  try {
    await storeDataset(await payload);
    return undefined;
  } catch (e) {
    console.error(e);
    return reasonOf(e);
  }
}

/** A new dataset (boundaries and ratings), or years of ratings added to the data on screen. */
export type ImportMode = 'dataset' | 'years';

export type ImportPhase = { kind: 'idle' } | { kind: 'busy'; what: 'reading' | 'importing' } | { kind: 'done'; ok: boolean; message: string };

export function useImportSession(lang: Lang, current: LoadedBundle | undefined, replaceBundle: (b: LoadedBundle) => Promise<void>) {
  const [files, setFiles] = useState<ImportFile[]>([]);
  const [inspections, setInspections] = useState<FileInspection[]>([]);
  const [mappings, setMappings] = useState<Record<string, ColumnMapping>>({});
  /** Coordinate system chosen per boundary file (see CrsPicker); absent: the picker's initial choice. */
  const [crsChoices, setCrsChoices] = useState<Record<string, string>>({});
  const [report, setReport] = useState<ValidationReport>();
  const [flags, setFlags] = useState<{ summary: FlagSummary; kinds: PriorityKindDef[] }>();
  const [phase, setPhase] = useState<ImportPhase>({ kind: 'idle' });
  const [keep, setKeep] = useState(false);
  const [mode, setMode] = useState<ImportMode>('dataset');
  const [years, setYears] = useState<YearChanges>();
  /** The data on screen is the dataset kept in this browser: adding years updates the kept copy. */
  const [onScreenIsKept, setOnScreenIsKept] = useState(false);
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

  const switchMode = (m: ImportMode) => {
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
      setPhase({ kind: 'done', ok: false, message: reasonOf(e) });
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
    const notStored = store ? await stored(toPayload(result.dataset)) : undefined;
    const changed = [...result.years.added, ...result.years.replaced].map((y) => y.year).sort((a, b) => a - b).join(', ');
    const kept = !store ? '' : ` ${notStored === undefined ? t(lang, 'yearsStored') : t(lang, 'storeFailed', { reason: notStored })}`;
    setPhase({ kind: 'done', ok: true, message: `${t(lang, 'yearsDone', { years: changed })}${kept}` });
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
      const notStored = keep && result.payload ? await stored(result.payload) : undefined;
      const done = t(lang, 'importDone', { units: formatNumber(lang, communeCount(result.bundle)) });
      setPhase({ kind: 'done', ok: true, message: notStored === undefined ? done : `${done} ${t(lang, 'storeFailed', { reason: notStored })}` });
    } catch (e) {
      setPhase({ kind: 'done', ok: false, message: t(lang, 'importFailed', { reason: reasonOf(e) }) });
    }
  };

  return {
    files,
    inspections,
    mappings,
    setMappings,
    setCrsChoices,
    crsChoices,
    report,
    flags,
    phase,
    keep,
    setKeep,
    mode,
    years,
    onScreenIsKept,
    ratingsAlone,
    provinceObject,
    clear,
    takeAsYears,
    switchMode,
    take,
    relayout,
    crsOf,
    run,
  };
}

export type ImportSession = ReturnType<typeof useImportSession>;

/** Communes (not provinces) in a bundle's units table. */
function communeCount(b: LoadedBundle): number {
  const level = b.units.getChild('level');
  let n = 0;
  for (let i = 0; i < b.units.numRows; i++) if (level?.get(i) === 'commune') n++;
  return n;
}
