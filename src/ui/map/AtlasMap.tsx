/**
 * The stage's map: the data's failure or WebGL's absence as an error box; while
 * comparing, the two years side by side (CompareMap); else the view's year
 * (MapView); before the geometry, a loading line. Each map sits in an error
 * boundary keyed by the lifecycle's epoch, so "Tải lại bản đồ" makes it anew,
 * and a map that failed after it was made shows MapFailure over the stage.
 */
import type { Layer } from '@deck.gl/core';
import { useEffect } from 'react';
import { MAP_PADDING } from '../../map/first-paint.ts';
import { t, type Lang } from '../../model/i18n.ts';
import type { Camera, ViewState } from '../../model/view-state.ts';
import type { Bilingual } from '../app/DataProvider.tsx';
import { ErrorBox } from '../app/ErrorBox.tsx';
import { CompareMap } from './CompareMap.tsx';
import { checkFirstPaint, removeFirstPaint } from './firstPaintHandover.ts';
import { MapErrorBoundary, MapFailure } from './MapFailure.tsx';
import { MapView } from './MapView.tsx';
import type { StructureGeometry } from './useAtlasGeometry.ts';
import type { Focus } from './useCameraFocus.ts';
import type { useLabelPlacement } from './useLabelPlacement.ts';
import type { MapLifecycle } from './useMapLifecycle.ts';
import type { MapLayers } from './useMapLayers.ts';
import type { MapPointerHandlers } from './useMapPointer.ts';

/** One year's map: its layers, its count of weak communes and whether its colours are an estimate. */
export interface YearMap {
  year: number;
  layers: MapLayers;
  weak?: number;
  estimated?: boolean;
  /** The colours the layers show (MapView's `colorsKey`). */
  colorsKey?: string;
}

export interface AtlasMapProps {
  lang: Lang;
  /** The data could not be read: nothing to draw. */
  failure?: Bilingual;
  life: MapLifecycle;
  geo?: StructureGeometry;
  view?: ViewState;
  main: YearMap;
  /** The other year's map, shown on the left while comparing. */
  left: YearMap;
  focus?: Focus;
  pointer: MapPointerHandlers;
  hoverLayer: (code: string) => Layer | undefined;
  place: ReturnType<typeof useLabelPlacement>;
  onAfterRender: (drawn: Layer[]) => void;
  onCamera: (camera: Camera) => void;
}

export function AtlasMap({ lang, failure, life, geo, view, main, left, focus, pointer, hoverLayer, place, onAfterRender, onCamera }: AtlasMapProps) {
  const common = {
    lang,
    focus,
    ariaLabel: t(lang, 'mapAria'),
    onPointerMove: pointer.onPointerMove,
    onPointerClick: pointer.onPointerClick,
    onError: life.onError,
    onAfterRender,
    onMoveEnd: onCamera,
    onZoom: place.onZoom,
    onFrame: place.onFrame,
    hover: pointer.hover,
    hoverLayer,
  };
  // The first paint (src/poster.ts) stays only while it shows what the live map will.
  useEffect(() => {
    if (failure || !life.webgl || life.error) removeFirstPaint();
  }, [failure, life.webgl, life.error]);
  useEffect(() => {
    if (view) checkFirstPaint(view);
  }, [view]);
  const pane = (m: YearMap) => ({ year: m.year, layers: m.layers.layers, layersAt: m.layers.at, weak: m.weak, estimated: m.estimated, colorsKey: m.colorsKey });
  return (
    <>
      {failure ? (
        <ErrorBox title={t(lang, 'errorTitle')} message={failure} />
      ) : !life.webgl ? (
        <ErrorBox title={t(lang, 'errorTitle')} message={{ vi: t('vi', 'errorNoWebgl'), en: t('en', 'errorNoWebgl') }} />
      ) : geo && view && view.split ? (
        <MapErrorBoundary lang={lang} onReload={life.reload} key={`split-${life.epoch}`}>
          <CompareMap {...common} left={pane(left)} right={pane(main)} bounds={geo.frame} camera={view.camera} weakLabel={t(lang, 'weakShort')} onReady={life.onCompareReady} />
        </MapErrorBoundary>
      ) : geo && view ? (
        <MapErrorBoundary lang={lang} onReload={life.reload} key={`single-${life.epoch}`}>
          <MapView {...common} layers={main.layers.layers} layersAt={main.layers.at} colorsKey={main.colorsKey} bounds={geo.frame} camera={view.camera} padding={MAP_PADDING} firstPaint onReady={life.onSingleReady} />
        </MapErrorBoundary>
      ) : (
        <p className="loading">{t(lang, 'loadingData')}</p>
      )}
      {life.error && <MapFailure lang={lang} reason={life.error} onReload={life.reload} />}
    </>
  );
}
