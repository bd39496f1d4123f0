/**
 * What the map's labels are placed for: the zoom step the map reports
 * (src/map/labels.ts placementZoom) and the label size for the window's height
 * (16 px on a 1080-pixel screen); the frame the map shows, which decides
 * whether the archipelagos' inset is needed; and the map's camera and size,
 * which the sovereignty labels are kept inside (src/map/label-fit.ts).
 */
import { useCallback, useEffect, useState } from 'react';
import type { LabelView } from '../../map/label-fit.ts';
import { provinceLabelSize } from '../../map/labels.ts';
import type { Frame } from './MapView.tsx';

export function useLabelPlacement() {
  const [zoom, setZoom] = useState(5);
  const [frame, setFrame] = useState<Frame>();
  const [view, setView] = useState<LabelView>();
  const [size, setSize] = useState(() => provinceLabelSize(window.innerHeight));
  useEffect(() => {
    const onResize = () => setSize(provinceLabelSize(window.innerHeight));
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  const onFrame = useCallback((f: Frame, v: LabelView) => {
    setFrame(f);
    setView(v);
  }, []);
  return { zoom, size, frame, view, onZoom: setZoom, onFrame };
}
