/**
 * Handing the page's layers to one map's deck.gl overlay (MapView): this map's
 * own copies of them (src/map/layer-owner.ts), with the hover outline on top,
 * once deck.gl's canvas has its size and while no export borrows the map; and
 * layers that come with new colours drawn at once, in the task that hands them
 * over (src/map/draw-now.ts), so the frame shows them with the DOM of the same
 * commit (legend, status) and waits behind nothing.
 */
import type { Layer } from '@deck.gl/core';
import type { MapboxOverlay } from '@deck.gl/mapbox';
import { useEffect, useRef, type RefObject } from 'react';
import { drawNow, staleColours, timedDraw } from '../../map/draw-now.ts';
import { LayerOwner } from '../../map/layer-owner.ts';
import { probe } from '../app/startup.ts';
import { HoverStore, useHoveredCode } from './hover.ts';
import { reasonOf } from '../../model/text.ts';

/** Stands in when a map is given no hover store. */
const NO_HOVER = new HoverStore();

export interface LayerHandoverInput {
  overlay: RefObject<MapboxOverlay | null>;
  owner: RefObject<LayerOwner | null>;
  /** The map's handle: while an export borrows the map, the page hands it no layers. */
  handle: RefObject<{ borrowed: boolean } | null>;
  /** deck.gl's canvas has been measured (before, its first frame would be drawn stretched). */
  sized: boolean;
  layers: Layer[];
  /** The colours `layers` show (MapViewProps.colorsKey). */
  colorsKey?: string;
  hover?: HoverStore;
  hoverLayer?: (code: string) => Layer | undefined;
  /** Where a failure of the synchronous draw is told (read when it happens). */
  failed: RefObject<{ onError: (message: string) => void }>;
}

export interface LayerHandover {
  /** Hands deck.gl this map's copies of the current layers; false when it cannot yet (or the map is borrowed). */
  push: RefObject<() => boolean>;
  /** The `layers` last handed to deck.gl (its frames draw this map's copies of them). */
  handed: RefObject<Layer[]>;
  /** True once a frame may draw the page's layers (not the empty ones before the canvas is sized). */
  drawsLayers: RefObject<boolean>;
}

export function useLayerHandover({ overlay, owner, handle, sized, layers, colorsKey, hover, hoverLayer, failed }: LayerHandoverInput): LayerHandover {
  const push = useRef<() => boolean>(() => false);
  const handed = useRef<Layer[]>([]);
  const drawsLayers = useRef(false);
  const hoverCode = useHoveredCode(hover ?? NO_HOVER);
  /** The colours of the layers last handed over. */
  const handedColors = useRef<string | undefined>(undefined);
  useEffect(() => {
    push.current = () => {
      if (!sized || !overlay.current || !owner.current || handle.current?.borrowed) return false;
      const extra = hoverCode && hoverLayer ? hoverLayer(hoverCode) : undefined;
      overlay.current.setProps({ layers: owner.current.own(extra ? [...layers, extra] : layers) });
      handed.current = layers;
      drawsLayers.current = true;
      return true;
    };
    if (!push.current() || !overlay.current || colorsKey === handedColors.current) return;
    handedColors.current = colorsKey;
    // New colours are drawn in this task, not at deck.gl's next animation frame (src/map/draw-now.ts):
    // the frame shows them with the DOM of the same commit (legend, status), and waits behind nothing.
    try {
      drawNow(overlay.current);
    } catch (e) {
      failed.current.onError(reasonOf(e));
    }
  }, [layers, hoverCode, hoverLayer, sized, colorsKey, overlay, owner, handle, failed]);

  // The benchmark's floor of a year switch (probe.drawFloor): deck.gl's own part of it, timed alone.
  useEffect(() => {
    let version = 0;
    probe.drawFloor = (recolour) => {
      const ov = overlay.current;
      if (!ov || !owner.current || !drawsLayers.current || handle.current?.borrowed) return NaN;
      if (!recolour) return timedDraw(ov);
      const ms = timedDraw(ov, staleColours(owner.current.own(handed.current), `floor-${++version}`));
      // The page's own layers back, as fresh copies: the stale ones took over the state of the ones drawn before.
      owner.current = new LayerOwner();
      push.current();
      return ms;
    };
    return () => {
      probe.drawFloor = undefined;
    };
  }, [overlay, owner, handle]);
  return { push, handed, drawsLayers };
}
