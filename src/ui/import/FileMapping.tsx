/**
 * One file of an import, as the importer proposes to read it: its role, the
 * sheet and header row of a report-style table (TableLayoutPicker), a boundary
 * file's coordinate system with a preview (CrsPicker), and the column chosen
 * for each field (required ones starred). Headers are the user's: rendered as
 * text only.
 */
import type { Topology } from 'topojson-specification';
import { FIELD_LABELS, ROLE_FIELDS, type ColumnMapping, type FileInspection, type ImportFile } from '../../io/import.ts';
import { t, type Lang, type MessageKey } from '../../model/i18n.ts';
import { CrsPicker } from './CrsPicker.tsx';
import { TableLayoutPicker } from './TableLayoutPicker.tsx';

export interface FileMappingProps {
  lang: Lang;
  inspection: FileInspection;
  mapping: ColumnMapping;
  onMapping: (m: ColumnMapping) => void;
  /** The coordinate system shown for a boundary file (useImportSession's crsOf). */
  crs?: string;
  onCrs: (crs: string) => void;
  /** Another sheet or header row: the file is read again. */
  onLayout: (change: Partial<Pick<ImportFile, 'sheet' | 'headerRow'>>) => void;
  /** The data on screen, for the boundary preview. */
  topology?: Topology;
  provinceObject?: string;
}

export function FileMapping({ lang, inspection: i, mapping: m, onMapping, crs, onCrs, onLayout, topology, provinceObject }: FileMappingProps) {
  const fields = [...ROLE_FIELDS[i.role].required, ...ROLE_FIELDS[i.role].optional];
  return (
    <fieldset data-file={i.name}>
      <legend>
        {i.name} <span className="muted">({t(lang, `role_${i.role}` as MessageKey)})</span>
      </legend>
      {i.layout && <TableLayoutPicker lang={lang} file={i.name} layout={i.layout} onSheet={(sheet) => onLayout({ sheet, headerRow: undefined })} onHeaderRow={(headerRow) => onLayout({ headerRow })} />}
      {i.crs && crs && <CrsPicker lang={lang} file={i.name} crs={i.crs} choice={crs} onChange={onCrs} topology={topology} provinceObject={provinceObject} />}
      {i.headers.length > 0 && (
        <div className="mapping-grid" aria-label={t(lang, 'importMapping')}>
          {fields.map((f) => (
            <label key={f}>
              {FIELD_LABELS[f][lang]}
              {ROLE_FIELDS[i.role].required.includes(f) && ' *'}
              <select value={m[f] ?? ''} onChange={(e) => onMapping({ ...m, [f]: e.target.value || null })} data-field={f}>
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
}
