/**
 * The coordinate system of one boundary file: the file's own `.prj` when it has
 * one, else a choice preselected from the coordinates (lon/lat, swapped, or the
 * TM-3 zone of the province the file names), with the central meridian listed
 * by province for VN-2000 TM-3; and a small map showing where the data would
 * land before anything is loaded.
 */
import { useMemo } from 'react';
import { CRS_CHOICES, crsLabelIn, formatMeridian, previewCrs, tm3Meridians, type CrsInspection } from '../../io/import.ts';
import type { Topology } from 'topojson-specification';
import { formatBbox, previewDrawing, type Bbox } from '../../map/preview.ts';
import { t, type Lang, type MessageKey } from '../../model/i18n.ts';

const LABELS: Record<(typeof CRS_CHOICES)[number], MessageKey> = {
  'EPSG:4326': 'crs_wgs84',
  'VN2000-TM3': 'crs_tm3',
  'EPSG:3405': 'crs_vn_utm48',
  'EPSG:3406': 'crs_vn_utm49',
  'EPSG:32648': 'crs_wgs_utm48',
  'EPSG:32649': 'crs_wgs_utm49',
  'EPSG:4756': 'crs_vn_lonlat',
  latlon: 'crs_latlon',
};
const MERIDIANS = tm3Meridians();

/**
 * The choice the picker opens on: the file's .prj; else a sure guess from the
 * coordinates (lon/lat, swapped lon/lat, the TM-3 zone of the one province the
 * file names); else nothing, so that a file in metres with no clue is never
 * placed by a guess the user did not make ('' loads as "no CRS", and is refused).
 */
export function initialCrsChoice(crs: CrsInspection): string {
  if (crs.declared) return 'prj';
  return crs.guess?.confident ? crs.guess.id : '';
}

export interface CrsPickerProps {
  lang: Lang;
  file: string;
  crs: CrsInspection;
  /** `prj`, a `NAMED_CRS` id, `latlon` or `VN2000-TM3:<meridian>`. */
  choice: string;
  onChange: (choice: string) => void;
  /** The bundle on screen, for the province borders of the small map. */
  topology?: Topology;
  provinceObject?: string;
}

export function CrsPicker({ lang, file, crs, choice, onChange, topology, provinceObject }: CrsPickerProps) {
  const tm3 = /^VN2000-TM3:(.+)$/.exec(choice);
  const family = choice === 'prj' ? 'prj' : tm3 ? 'VN2000-TM3' : choice;
  const bbox = useMemo(() => (choice === '' ? null : (previewCrs(crs, choice) as Bbox | null)), [crs, choice]);
  const drawing = useMemo(() => previewDrawing(topology, provinceObject, bbox, 260, 300), [topology, provinceObject, bbox]);
  return (
    <div className="crs-picker" data-testid="crs-picker" data-file={file}>
      <div className="crs-choice">
        <label>
          {t(lang, 'importCrs')}
          <select value={family} onChange={(e) => onChange(e.target.value === 'VN2000-TM3' ? `VN2000-TM3:${tm3?.[1] ?? crs.declared?.meridian ?? 105.75}` : e.target.value)} data-testid="crs-choice">
            {!crs.declared && choice === '' && <option value="">{t(lang, 'crsChooseOption')}</option>}
            {crs.declared && <option value="prj">{t(lang, 'crsFromPrj', { label: crsLabelIn(crs.declared.label, lang) })}</option>}
            {CRS_CHOICES.map((c) => (
              <option key={c} value={c}>
                {t(lang, LABELS[c])}
              </option>
            ))}
          </select>
        </label>
        {tm3 && (
          <label>
            {t(lang, 'importMeridian')}
            <select value={tm3[1]} onChange={(e) => onChange(`VN2000-TM3:${e.target.value}`)} data-testid="crs-meridian">
              {MERIDIANS.map((m) => (
                <option key={m.meridian} value={String(m.meridian)}>
                  {formatMeridian(m.meridian)} – {m.provinces.map((p) => p.name).join(', ')}
                </option>
              ))}
            </select>
          </label>
        )}
        {!crs.declared && (
          <p className="muted" data-testid="crs-note">
            {t(lang, crs.guess?.id === 'latlon' ? 'crsSwappedGuess' : 'crsNoPrj')}
          </p>
        )}
        <p className={drawing.where === 'inside' ? 'import-ok' : 'error-text'} data-testid="crs-verdict" data-where={drawing.where}>
          {choice === '' ? t(lang, 'crsChoose') : bbox === null ? t(lang, 'previewFailed') : t(lang, drawing.where === 'inside' ? 'previewInside' : 'previewOutside', { bbox: formatBbox(bbox) })}
        </p>
      </div>
      <svg className="crs-preview" width={drawing.width} height={drawing.height} viewBox={`0 0 ${drawing.width} ${drawing.height}`} role="img" aria-label={t(lang, 'previewAria')} data-testid="crs-preview" data-where={drawing.where}>
        <rect x={0} y={0} width={drawing.width} height={drawing.height} className="sea" />
        <path d={drawing.outline} className="borders" />
        {drawing.box && <rect x={drawing.box.x} y={drawing.box.y} width={drawing.box.w} height={drawing.box.h} className="data-box" data-testid="crs-box" />}
      </svg>
    </div>
  );
}
