/**
 * The briefing exports of the current view: a 1920×1080 PNG for a projector,
 * an A4 landscape PNG at 300 dpi for print, and the browser's own print of the
 * page (the print stylesheet in app.css keeps the map, legend and source line).
 * It also renders the title block that only print shows (a portal into
 * <body>, outside the app grid the print stylesheet reflows), since the top bar
 * with its controls is hidden on paper.
 */
import { useState } from 'react';
import { createPortal } from 'react-dom';
import { documentMarking } from '../../io/export.ts';
import { OUTPUT_SIZES } from '../../map/print-layout.ts';
import type { BundleManifest } from '../../model/bundle.ts';
import { describeFilterParts } from '../../model/filters.ts';
import { t, type Lang } from '../../model/i18n.ts';
import type { ViewState } from '../../model/view-state.ts';
import { download } from '../app/download.ts';
import { imageFileName, renderViewImage, type ExportState, type ImageSize, type ViewImageParams } from './exportImage.ts';
import type { MapHandles } from '../map/useMapLifecycle.ts';
import type { MapColors } from '../../map/colors.ts';
import { filterOf } from '../planner/useWorklist.ts';
import { reasonOf } from '../../model/text.ts';

export interface ExportImageButtonsProps {
  lang: Lang;
  manifest: BundleManifest;
  view: ViewState;
  /** The colours of the map on screen; the buttons wait for them. */
  colors?: MapColors;
  /** The live map(s) (MapView's onReady); the buttons wait for them. */
  maps: MapHandles;
  /** What the image needs besides the map: the legend rows, the other year of a comparison, the archipelagos. */
  exportState: ExportState;
  provinces: { code: string; name: string }[];
}

type Kind = 'screen' | 'a4';

export function ExportImageButtons({ lang, manifest, view, colors, maps, exportState, provinces }: ExportImageButtonsProps) {
  const handle = maps.main;
  const [busy, setBusy] = useState<Kind>();
  const [error, setError] = useState<string>();
  const names = Object.fromEntries(provinces.map((p) => [p.code, p.name]));
  const filter = filterOf(view);
  // Only the colours of the year and structure on screen may go into an image, and only once
  // DuckDB answered: a first paint read from the bundle while DuckDB boots has no legend counts.
  const fromDuckdb = (colors as { source?: string } | undefined)?.source !== 'bundle';
  const leftReady = !view.split || (!!maps.left && !!exportState.leftColors && exportState.leftColors.key.startsWith(`${view.structure}|${exportState.leftYear}|`));
  const ready = !!handle && !!colors && fromDuckdb && colors.key.startsWith(`${view.structure}|${view.year}|`) && leftReady;

  const run = async (kind: Kind) => {
    if (!handle || !colors || busy) return;
    setBusy(kind);
    setError(undefined);
    const size: ImageSize = OUTPUT_SIZES[kind];
    const params: ViewImageParams = {
      lang,
      manifest,
      filter,
      legend: { title: colors.title, rows: exportState.legendRows },
      overlays: view.overlays,
      archipelagos: exportState.archipelagos,
      provinces: names,
      ...(view.split ? { years: { left: exportState.leftYear, right: view.year } } : {}),
    };
    try {
      const blob = await renderViewImage({ main: handle, ...(view.split && maps.left ? { left: maps.left } : {}) }, params, size);
      download(blob, imageFileName(params, size));
    } catch (e) {
      console.error(e);
      setError(t(lang, 'exportImageFailed', { reason: reasonOf(e) }));
    } finally {
      setBusy(undefined);
    }
  };

  const marking = documentMarking(manifest, lang);
  const subtitle = [colors?.title, ...describeFilterParts(filter, lang, { scale: manifest.scale, structures: manifest.structures, priorityKinds: manifest.priorityKinds, provinces: names })].filter(Boolean).join(' · ');

  return (
    <div className="export-image-buttons" role="group" aria-label={t(lang, 'exportPngScreenHint')}>
      <button type="button" disabled={!ready || !!busy} onClick={() => void run('screen')} title={t(lang, 'exportPngScreenHint')} data-testid="export-png-screen">
        {busy === 'screen' ? t(lang, 'exporting') : t(lang, 'exportPngScreen')}
      </button>
      <button type="button" disabled={!ready || !!busy} onClick={() => void run('a4')} title={t(lang, 'exportPngA4Hint')} data-testid="export-png-a4">
        {busy === 'a4' ? t(lang, 'exporting') : t(lang, 'exportPngA4')}
      </button>
      <button type="button" onClick={() => window.print()} title={t(lang, 'printViewHint')} data-testid="print">
        {t(lang, 'printView')}
      </button>
      {error && (
        <span className="error-text" role="alert" data-testid="export-image-error">
          {error}
        </span>
      )}
      {createPortal(
        <header className="print-header" data-testid="print-header">
          <div className="print-title">
            <h1>{t(lang, 'appTitle')}</h1>
            {marking && <span className="print-marking">{marking}</span>}
          </div>
          <p>{subtitle}</p>
          {manifest.illustrative && <p className="print-illustrative">{t(lang, 'illustrative')}</p>}
        </header>,
        document.body,
      )}
    </div>
  );
}
