/**
 * What the page tells its tests and the benchmark through `<html data-*>`
 * attributes and the `probe` object (see ./startup.ts): which colours and
 * layers a drawn frame showed, when the first list was on screen, the start-up
 * timings of the first frames, and where a commune is on screen.
 *
 * - `data-layers-key` when layers are committed (a layout effect: MapView's
 *   passive effect of the same commit hands them to deck.gl and draws them);
 *   `data-rendered-key` and `data-frame` when a deck.gl frame has drawn them.
 *   The key is kept with the layers array it describes, and a frame names the
 *   key of the array it drew (MapView passes it): a frame drawn in MapView's
 *   effect, before this hook's passive effects run, still names its own key.
 * - `data-map-state="coloured"`, `data-map-source`, `data-map-key`: the colours
 *   on screen (the slide exporter waits on them too).
 * - `data-table-key`: the worklist's filter once its rows are in the DOM.
 */
import { pointOnFeature } from '@turf/turf';
import { useEffect, useLayoutEffect, useRef } from 'react';
import type { Layer } from '@deck.gl/core';
import type { UnitFeature } from '../../map/boundaries.ts';
import type { MapColors } from '../../map/colors.ts';
import type { Label } from '../../map/layers.ts';
import type { SovereigntyLabel } from '../../map/sovereignty.ts';
import { removeFirstPaint } from '../map/firstPaintHandover.ts';
import { markFirstListShown, markFirstMapShown, markState, probe, timeline } from './startup.ts';

/** deck.gl frames drawn since the page opened (`<html data-frame>`), so a benchmark can wait for the next one. */
let frameCount = 0;

export interface RenderProbeInput {
  /** The colours handed to the map. */
  colors?: MapColors;
  /** True when `colors` are the view's year and structure (what the map is meant to show). */
  coloured: boolean;
  layers: Layer[];
  /** What the layers show: colours key # filter of the fade. */
  layersKey: string;
  /** The worklist's answer: its filter key, table and error. */
  worklist: { key?: string; table?: unknown; error?: string };
  featureByCode: Map<string, UnitFeature>;
  /** The map's labels as placed for a zoom and size, and the zoom and size on screen (probe.labels). */
  labels: (zoom: number, size: number) => Label[];
  labelZoom: number;
  labelSize: number;
}

/** Sets the probes; returns the map's after-render callback (one call per drawn deck.gl frame, with the layers it drew). */
export function useRenderProbes({ colors, coloured, layers, layersKey, worklist, featureByCode, labels, labelZoom, labelSize }: RenderProbeInput): (drawn: Layer[]) => void {
  /** What each layers array handed to the map shows (the same array may come to show a new key: equal colours). */
  const keyOf = useRef(new WeakMap<Layer[], string>());
  useLayoutEffect(() => {
    keyOf.current.set(layers, layersKey);
    markState('layersKey', layersKey);
  }, [layers, layersKey]);
  // The worklist's filter once its rows are committed to the DOM (data-worklist-key is set when the query answers).
  const { key: listKey, table: listTable, error: listError } = worklist;
  useEffect(() => {
    if (listKey !== undefined) markState('tableKey', listKey);
    if (listKey !== undefined || listError) markFirstListShown();
  }, [listKey, listTable, listError]);

  useEffect(() => {
    timeline.begin('first-coloured-map');
    timeline.begin('duckdb-coloured-map');
    timeline.begin('first-frame');
  }, []);
  /** Marks which colours the map on screen shows (tests, the benchmark and the slide exporter wait on it). */
  const markColoured = () => {
    if (!coloured || !colors) return;
    if (document.documentElement.dataset.mapState !== 'coloured') {
      timeline.end('first-coloured-map');
      markState('mapState', 'coloured');
      removeFirstPaint();
      markFirstMapShown();
    }
    if (colors.source === 'duckdb' && document.documentElement.dataset.mapSource !== 'duckdb') timeline.end('duckdb-coloured-map');
    markState('mapSource', colors.source);
    document.documentElement.dataset.mapKey = colors.key;
  };
  /** The colour array the last frame drew. */
  const drawnColors = useRef<MapColors['colorByCode']>(undefined);
  const onAfterRender = (drawn: Layer[]) => {
    frameCount += 1;
    if (frameCount === 1) timeline.end('first-frame');
    markState('frame', String(frameCount));
    markState('renderedKey', keyOf.current.get(drawn) ?? '');
    // A frame of layers older than this render's (not yet handed over) does not show `colors`.
    if (drawn !== layers) return;
    drawnColors.current = colors?.colorByCode;
    markColoured();
  };
  // New colours equal to those drawn (same array, see keepEqualColors) need no frame: what is on screen is their answer.
  useEffect(() => {
    if (colors && drawnColors.current === colors.colorByCode) markColoured();
  });

  useEffect(() => {
    probe.labels = () => labels(labelZoom, labelSize).map((l) => ({ text: l.text, position: l.position, size: l.size ?? labelSize, baseline: l.baseline ?? 'center', role: 'role' in l ? (l as SovereigntyLabel).role : undefined }));
  }, [labels, labelZoom, labelSize]);

  useEffect(() => {
    probe.unitAt = (code) => {
      const f = featureByCode.get(code);
      if (!f || !probe.project) return undefined;
      const [lng, lat] = interiorPoint(f);
      return probe.project(lng, lat);
    };
  }, [featureByCode]);
  return onAfterRender;
}

const pointCache = new WeakMap<UnitFeature, [number, number]>();
/** A point guaranteed inside the unit, for the test probe (a centroid can fall outside a concave unit). */
function interiorPoint(f: UnitFeature): [number, number] {
  let p = pointCache.get(f);
  if (!p) {
    const c = pointOnFeature(f).geometry.coordinates;
    p = [c[0], c[1]];
    pointCache.set(f, p);
  }
  return p;
}
