/**
 * Exports every saved view as a 1920×1080 PNG, titled with the view's name,
 * in one .zip: each view is applied on the live map in turn (a comparison
 * view makes the two maps, and its image shows both years), and its image is
 * rendered once the camera is at rest and, for that view, DuckDB's colours are
 * on screen (`<html data-map-key>`), the filter's communes are known (the
 * legend counts) and, side by side, the other year's colours too. The maps
 * are read afresh for every slide: applying a view may replace them. A slide
 * that does not come within the deadline stops the export with a message that
 * says which slide and what it was waiting for.
 */
import { useEffect, useRef, useState } from 'react';
import { slidesToZip } from '../../io/zip.ts';
import { colorsKey, colorViewOf, type MapColors } from '../../map/colors.ts';
import { OUTPUT_SIZES } from '../../map/print-layout.ts';
import type { BundleManifest } from '../../model/bundle.ts';
import { EXPORT_WORDS, t, type Lang } from '../../model/i18n.ts';
import { viewOf, type SavedView } from '../../model/saved-views.ts';
import type { ViewBounds } from '../../model/view-state.ts';
import type { MapHandles } from '../map/useMapLifecycle.ts';
import { download } from '../app/download.ts';
import { filterOf } from '../planner/useWorklist.ts';
import { renderViewImage, type ExportState } from './exportImage.ts';
import { reasonOf } from '../../model/text.ts';

export interface SlideExportInput {
  lang: Lang;
  manifest?: BundleManifest;
  bounds?: ViewBounds;
  maps: MapHandles;
  views: SavedView[];
  /** Shows a view; resolves when its camera is at rest. */
  applySaved: (v: SavedView) => Promise<void>;
  /** What is on screen now: the exporter waits for each slide's. */
  state: ExportState & { colors?: MapColors; fadeKey?: string };
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

export function useSlideExport({ lang, manifest, bounds, maps, views, applySaved, state, provinces }: SlideExportInput): SlideExport {
  // The latest maps and state, for the exporter that waits for each slide's.
  const latest = useRef({ maps, state });
  useEffect(() => {
    latest.current = { maps, state };
  });
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();
  const run = async () => {
    if (!bounds || !manifest) return;
    const images: { name: string; blob: Blob }[] = [];
    setError(undefined);
    try {
      for (const [i, v] of views.entries()) {
        setBusy(`${i + 1} / ${views.length}`);
        const deadline = performance.now() + SLIDE_DEADLINE_MS;
        // The view as it will be shown: in the reader's language (applySaved keeps it).
        const view = { ...viewOf(v, bounds).view, lang };
        await Promise.race([applySaved(v), new Promise((r) => setTimeout(r, SLIDE_DEADLINE_MS))]);
        const want = colorsKey(colorViewOf(view));
        const filterKey = JSON.stringify(filterOf(view));
        // What the slide still waits for, or undefined once it is on screen.
        const waitingFor = (): string | undefined => {
          const { maps: m, state: s } = latest.current;
          if (!m.main || !m.main.alive() || !!m.left !== view.split) return t(lang, 'slideWaitMap');
          if (s.colors?.key !== want || s.colors.source !== 'duckdb' || document.documentElement.dataset.mapKey !== want) return t(lang, 'slideWaitColours', { year: view.year });
          if (view.split && !s.leftColors?.key.startsWith(`${view.structure}|${s.leftYear}|`)) return t(lang, 'slideWaitColours', { year: s.leftYear });
          if (s.fadeKey !== filterKey) return t(lang, 'slideWaitFilter');
          if (m.main.map.isMoving() || m.left?.map.isMoving()) return t(lang, 'slideWaitCamera');
          return undefined;
        };
        for (let w = waitingFor(); w; w = waitingFor()) {
          if (performance.now() > deadline) throw new Error(t(lang, 'slideNotDrawn', { n: i + 1, title: v.title, what: w }));
          await new Promise((r) => setTimeout(r, POLL_MS));
        }
        const { maps: m, state: s } = latest.current;
        const blob = await renderViewImage(
          { main: m.main!, ...(view.split && m.left ? { left: m.left } : {}) },
          {
            lang,
            manifest,
            filter: filterOf(view),
            legend: { title: s.colors!.title, rows: s.legendRows },
            overlays: view.overlays,
            archipelagos: s.archipelagos,
            provinces: Object.fromEntries(provinces.map((p) => [p.code, p.name])),
            title: v.title,
            ...(view.split ? { years: { left: s.leftYear, right: view.year } } : {}),
          },
          OUTPUT_SIZES.screen,
        );
        images.push({ name: `${v.title || `trang-${i + 1}`}.png`, blob });
      }
      download(await slidesToZip(images), EXPORT_WORDS.slidesFile[lang]);
    } catch (e) {
      console.error(e);
      setError(t(lang, 'slidesExportFailed', { reason: reasonOf(e) }));
    } finally {
      setBusy(undefined);
    }
  };
  return { exportSlides: maps.main ? () => void run() : undefined, busy, error };
}
