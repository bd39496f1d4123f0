/**
 * The live map (or the two maps while comparing) and its failures: the handles
 * the map components give once ready, WebGL 2's presence, the error that broke
 * a map, and "Tải lại bản đồ", which makes the map again under a new epoch
 * (the epoch keys the map's error boundary).
 */
import { useCallback, useEffect, useState } from 'react';
import { markFirstMapShown } from '../app/startup.ts';
import type { CompareHandles } from './CompareMap.tsx';
import { hasWebGL2, type MapHandle } from './MapView.tsx';

/** The live maps: `main` shows the view's year; `left` is the other year's map while comparing. */
export interface MapHandles {
  main?: MapHandle;
  left?: MapHandle;
}

export function useMapLifecycle() {
  const [error, setError] = useState<string | undefined>();
  const [epoch, setEpoch] = useState(0);
  const [webgl] = useState(hasWebGL2);
  const [maps, setMaps] = useState<MapHandles>({});
  const onSingleReady = useCallback((main: MapHandle) => setMaps({ main }), []);
  const onCompareReady = useCallback((h: CompareHandles) => setMaps(h), []);
  const onError = useCallback((m: string) => {
    console.error(m);
    markFirstMapShown();
    setError(m);
  }, []);
  const reload = () => {
    setError(undefined);
    setMaps({});
    setEpoch((e) => e + 1);
  };
  // No map will be drawn: DuckDB need not wait for one (see firstMapShown).
  useEffect(() => {
    if (!webgl) markFirstMapShown();
  }, [webgl]);
  return { webgl, maps, epoch, error, onSingleReady, onCompareReady, onError, reload };
}

export type MapLifecycle = ReturnType<typeof useMapLifecycle>;
