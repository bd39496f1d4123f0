/**
 * What the map's labels are placed for: the zoom step the map reports
 * (src/map/labels.ts placementZoom) and the label size for the window's height
 * (16 px on a 1080-pixel screen); and the frame the map shows, which decides
 * whether the archipelagos' inset is needed.
 */
import { useEffect, useState } from 'react';
import { provinceLabelSize } from '../../map/labels.ts';
import type { Frame } from './MapView.tsx';

export function useLabelPlacement() {
  const [zoom, setZoom] = useState(5);
  const [frame, setFrame] = useState<Frame>();
  const [size, setSize] = useState(() => provinceLabelSize(window.innerHeight));
  useEffect(() => {
    const onResize = () => setSize(provinceLabelSize(window.innerHeight));
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return { zoom, size, frame, onZoom: setZoom, onFrame: setFrame };
}
