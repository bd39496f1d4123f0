/**
 * The map's pointer: which commune is under it (a CPU point index, not deck.gl
 * picking), the hover that follows it (kept outside React state, see
 * ./hover.ts, so a mouse move re-renders only what shows it), the pointer
 * cursor over a commune, and a click that selects.
 */
import { useMemo, useState } from 'react';
import { buildPointIndex } from '../../geo/point-index.ts';
import { HoverStore } from './hover.ts';
import type { MapHandle, MapPointer } from './MapView.tsx';
import type { StructureGeometry } from './useAtlasGeometry.ts';

export interface MapPointerHandlers {
  hover: HoverStore;
  onPointerMove: (p: MapPointer | undefined) => void;
  onPointerClick: (p: MapPointer) => void;
}

/** A hover stays put while the pointer moves less than this (CSS pixels) over the same commune, so the tooltip does not chase it. */
const HOVER_SLACK = 24;

export function useMapPointer(geo: StructureGeometry | undefined, mapHandle: MapHandle | undefined, onSelect: (code: string | undefined) => void): MapPointerHandlers {
  const [hover] = useState(() => new HoverStore());
  const pointIndex = useMemo(() => (geo ? buildPointIndex(geo.communes) : undefined), [geo]);
  const unitAtPointer = (p: MapPointer) => {
    const i = pointIndex ? pointIndex.query(p.lng, p.lat) : -1;
    return i >= 0 ? geo!.communes[i].properties.code : undefined;
  };
  const onPointerMove = (p: MapPointer | undefined) => {
    const code = p ? unitAtPointer(p) : undefined;
    if (mapHandle) mapHandle.map.getCanvas().style.cursor = code ? 'pointer' : '';
    hover.set((h) =>
      !code ? undefined : h && h.code === code && !h.fromList && Math.abs((h.x ?? 0) - p!.x) < HOVER_SLACK && Math.abs((h.y ?? 0) - p!.y) < HOVER_SLACK ? h : { code, x: p!.x, y: p!.y },
    );
  };
  const onPointerClick = (p: MapPointer) => onSelect(unitAtPointer(p));
  return { hover, onPointerMove, onPointerClick };
}
