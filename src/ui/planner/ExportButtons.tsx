/**
 * Export of the filtered worklist, exactly as listed (same filter, same order):
 * CSV (UTF-8 with BOM, opens in Excel with Vietnamese intact) and XLSX, both
 * with Vietnamese headers and the active filters written into the file.
 * The download is a Blob URL: nothing leaves the machine.
 */
import type { Table } from 'apache-arrow';
import { useState } from 'react';
import { listFileBase, tableRows, toCSV, toXLSX, worklistExportColumns, worklistExportMeta } from '../../io/export.ts';
import type { BundleManifest } from '../../model/bundle.ts';
import { priorityKindsOf } from '../../model/priority.ts';
import { t, type Lang } from '../../model/i18n.ts';
import type { ViewState } from '../../model/view-state.ts';
import { download } from '../app/download.ts';
import { filterOf } from './useWorklist.ts';
import { reasonOf } from '../../model/text.ts';

export interface ExportButtonsProps {
  lang: Lang;
  manifest: BundleManifest;
  view: ViewState;
  table?: Table;
  provinces: { code: string; name: string }[];
}

export function ExportButtons({ lang, manifest, view, table, provinces }: ExportButtonsProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const run = async (kind: 'csv' | 'xlsx') => {
    if (!table) return;
    setBusy(true);
    setError(undefined);
    try {
      const rows = tableRows(table);
      const columns = worklistExportColumns(manifest.scale, lang, priorityKindsOf(manifest));
      const meta = worklistExportMeta(manifest, filterOf(view), lang, { provinces: Object.fromEntries(provinces.map((p) => [p.code, p.name])) });
      const base = listFileBase(lang, manifest, view);
      if (kind === 'csv') download(new Blob([toCSV(rows, columns, meta)], { type: 'text/csv;charset=utf-8' }), `${base}.csv`);
      else download(await toXLSX(rows, columns, meta), `${base}.xlsx`);
    } catch (e) {
      console.error(e);
      setError(t(lang, 'exportListFailed', { reason: reasonOf(e) }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="export-buttons">
      <button type="button" disabled={!table || busy} onClick={() => void run('csv')} data-testid="export-csv">
        {busy ? t(lang, 'exporting') : t(lang, 'exportCsv')}
      </button>
      <button type="button" disabled={!table || busy} onClick={() => void run('xlsx')} data-testid="export-xlsx">
        {t(lang, 'exportXlsx')}
      </button>
      {error && (
        <span className="error-text" role="alert" data-testid="export-list-error">
          {error}
        </span>
      )}
    </div>
  );
}
