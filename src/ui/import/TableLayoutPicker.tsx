/**
 * How a table was read, and the two choices a report-style sheet may need:
 * which sheet of the workbook, and which row holds the column headers (the
 * first rows are listed as the user sees them, with their sheet row numbers).
 */
import type { TableLayout } from '../../io/import.ts';
import { t, type Lang } from '../../model/i18n.ts';

export interface TableLayoutPickerProps {
  lang: Lang;
  file: string;
  layout: TableLayout;
  onSheet: (sheet: string) => void;
  onHeaderRow: (row: number) => void;
}

export function TableLayoutPicker({ lang, file, layout, onSheet, onHeaderRow }: TableLayoutPickerProps) {
  const sheets = layout.sheets ?? [];
  return (
    <div className="layout-picker" data-file={file}>
      {sheets.length > 1 && (
        <label>
          {t(lang, 'importSheet')}
          <select value={layout.sheet ?? ''} onChange={(e) => onSheet(e.target.value)} data-testid="import-sheet">
            {sheets.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      )}
      {layout.preview.length > 0 && (
        <label className="header-row">
          {t(lang, 'importHeaderRow')}
          <select value={layout.headerRow ?? ''} onChange={(e) => onHeaderRow(Number(e.target.value))} data-testid="import-header-row">
            {layout.preview.map((p) => (
              <option key={p.row} value={p.row}>
                {t(lang, 'importRowOption', { row: p.row, text: p.text })}
              </option>
            ))}
          </select>
        </label>
      )}
      {!layout.recognised && <p className="error-text">{t(lang, 'importHeaderGuessed')}</p>}
      {layout.wideYears && <p className="muted">{t(lang, 'importWide', { years: layout.wideYears.join(', ') })}</p>}
    </div>
  );
}
