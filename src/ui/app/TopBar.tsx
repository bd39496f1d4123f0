/** The page's top bar: the title and data badges, the map's controls, image exports, import, language and diagnostics. */
import type { MapColors } from '../../map/colors.ts';
import type { BundleManifest } from '../../model/bundle.ts';
import { t, type Lang } from '../../model/i18n.ts';
import type { ViewState } from '../../model/view-state.ts';
import { ExportImageButtons } from '../briefing/ExportImageButtons.tsx';
import type { ExportState } from '../briefing/exportImage.ts';
import { MapControls } from '../map/MapControls.tsx';
import type { MapHandles } from '../map/useMapLifecycle.ts';

export interface TopBarProps {
  lang: Lang;
  manifest?: BundleManifest;
  view?: ViewState;
  /** True when the data on screen was imported by the user. */
  imported: boolean;
  colors?: MapColors;
  maps: MapHandles;
  exportState: ExportState;
  provinces: { code: string; name: string }[];
  /** The side panels are shown; the button folds or shows them. */
  panelsOpen: boolean;
  onPanels: () => void;
  /** True once DuckDB is ready (an import needs it). */
  canImport: boolean;
  onChange: (patch: Partial<ViewState>) => void;
  onImport: () => void;
  onLang: (lang: Lang) => void;
  onDiagnostics: () => void;
  /** Opens the periodic review report of the view's scope. */
  onReport: () => void;
}

export function TopBar({ lang, manifest, view, imported, colors, maps, exportState, provinces, panelsOpen, onPanels, canImport, onChange, onImport, onLang, onDiagnostics, onReport }: TopBarProps) {
  return (
    <header className="topbar">
      <h1 title={t(lang, 'appTitle')}>
        <span className="title-long">{t(lang, 'appTitle')}</span>
        <span className="title-short">{t(lang, 'appShort')}</span>
      </h1>
      {imported && (
        <span className="badge imported" data-testid="imported">
          {t(lang, 'importedBadge')}
        </span>
      )}
      {manifest?.illustrative && (
        <span className="badge illustrative" title={t(lang, 'illustrativeLong')} data-testid="illustrative">
          {t(lang, 'illustrative')}
        </span>
      )}
      <div className="controls">
        {manifest && view && <MapControls lang={lang} manifest={manifest} view={view} onChange={onChange} />}
        {manifest && view && <ExportImageButtons lang={lang} manifest={manifest} view={view} colors={colors} maps={maps} exportState={exportState} provinces={provinces} />}
        <button type="button" disabled={!manifest || !view} onClick={onReport} title={t(lang, 'reviewOpenHint')} data-testid="report-open">
          {t(lang, 'reviewOpen')}
        </button>
        <button type="button" onClick={onPanels} aria-pressed={!panelsOpen} title={t(lang, 'panelsHint')} data-testid="panels-toggle">
          {panelsOpen ? t(lang, 'panelsHide') : t(lang, 'panelsShow')}
        </button>
        <button type="button" disabled={!canImport} onClick={onImport} data-testid="import-open">
          {t(lang, 'importOpen')}
        </button>
        <button type="button" onClick={() => onLang(lang === 'vi' ? 'en' : 'vi')} data-testid="lang">
          {t(lang, 'switchLang')}
        </button>
        <button type="button" onClick={onDiagnostics} data-testid="diag-button">
          {t(lang, 'diagnostics')}
        </button>
      </div>
    </header>
  );
}
