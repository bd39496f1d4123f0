/**
 * Exports every saved view as a 1920×1080 PNG, titled with the view's name,
 * in one .zip: each view is applied on the live map in turn, and its image is
 * rendered once DuckDB's colours for it are on screen (`<html data-map-key>`)
 * and the camera is at rest. A failure is kept as a message for the page.
 */
import { useEffect, useRef, useState } from 'react';
import { slidesToZip } from '../../io/zip.ts';
import { colorsKey, type MapColors } from '../../map/colors.ts';
import { OUTPUT_SIZES } from '../../map/print-layout.ts';
import type { BundleManifest } from '../../model/bundle.ts';
import { t, type Lang } from '../../model/i18n.ts';
import { viewOf, type SavedView } from '../../model/saved-views.ts';
import type { ViewBounds } from '../../model/view-state.ts';
import { download } from '../app/download.ts';
import type { MapHandle } from '../map/MapView.tsx';
import { filterOf } from '../planner/useWorklist.ts';
import { renderViewImage } from './exportImage.ts';

export interface SlideExportInput {
  lang: Lang;
  manifest?: BundleManifest;
  bounds?: ViewBounds;
  mapHandle?: MapHandle;
  views: SavedView[];
  applySaved: (v: SavedView) => void;
  /** The colours on screen; the exporter waits for each slide's. */
  colors?: MapColors;
  provinces: { code: string; name: string }[];
}

export interface SlideExport {
  /** Starts the export; undefined while the map is not ready. */
  exportSlides?: () => void;
  /** Progress, e.g. "2 / 5", while an export runs. */
  busy?: string;
  /** Why the last export failed, in the page's language. */
  error?: string;
}

/** How long one slide may take to be drawn before the export gives up, in ms. */
const SLIDE_DEADLINE_MS = 120_000;
/** How often the exporter looks whether a slide is drawn, in ms. */
const POLL_MS = 150;

export function useSlideExport({ lang, manifest, bounds, mapHandle, views, applySaved, colors, provinces }: SlideExportInput): SlideExport {
  // The latest colours, for the exporter that waits for each slide's map.
  const colorsRef = useRef(colors);
  useEffect(() => {
    colorsRef.current = colors;
  });
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();
  const run = async () => {
    if (!mapHandle || !bounds || !manifest) return;
    const images: { name: string; blob: Blob }[] = [];
    setError(undefined);
    try {
      for (const [i, v] of views.entries()) {
        setBusy(`${i + 1} / ${views.length}`);
        applySaved(v);
        const want = colorsKey(viewOf(v, bounds).view);
        const deadline = performance.now() + SLIDE_DEADLINE_MS;
        // Wait for DuckDB's colours of this slide on screen and the camera at rest.
        while (!(colorsRef.current?.key === want && colorsRef.current.source === 'duckdb' && document.documentElement.dataset.mapKey === want && !mapHandle.map.isMoving())) {
          if (performance.now() > deadline) throw new Error(`slide ${i + 1} did not render`);
          await new Promise((r) => setTimeout(r, POLL_MS));
        }
        const c = colorsRef.current;
        const parsed = viewOf(v, bounds).view;
        const blob = await renderViewImage(
          mapHandle,
          { lang, manifest, filter: filterOf(parsed), legend: c, overlays: parsed.overlays, provinces: Object.fromEntries(provinces.map((p) => [p.code, p.name])), title: v.title },
          OUTPUT_SIZES.screen,
        );
        images.push({ name: `${v.title || `trang-${i + 1}`}.png`, blob });
      }
      download(await slidesToZip(images), lang === 'vi' ? 'trinh-chieu.zip' : 'slides.zip');
    } catch (e) {
      console.error(e);
      setError(t(lang, 'slidesExportFailed', { reason: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(undefined);
    }
  };
  return { exportSlides: mapHandle ? () => void run() : undefined, busy, error };
}
