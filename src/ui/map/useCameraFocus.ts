/**
 * Where the map is asked to look (MapView's `focus`): the extent of a commune
 * the user zooms to, or the whole of newly imported data. Each request gets a
 * new `seq`, which is what makes MapView move the camera.
 *
 * Imported data is fitted once per dataset: `fitImported` is called when an
 * import (or a kept dataset) has been loaded, and the extent is that of the
 * geometry the page then draws, so the request waits for it.
 */
import { useCallback, useMemo, useState } from 'react';

export type Bounds = [[number, number], [number, number]];

export interface Focus {
  bounds: Bounds;
  seq: number;
}

type Request = { seq: number } & ({ bounds: Bounds } | { importedData: true });

export function useCameraFocus(dataBounds: Bounds | undefined) {
  const [request, setRequest] = useState<Request>();
  const [fittedFor, setFittedFor] = useState<string>();
  /** Zooms to `bounds`. */
  const focusOn = useCallback((bounds: Bounds) => setRequest((prev) => ({ bounds, seq: (prev?.seq ?? 0) + 1 })), []);
  /** Shows all of the data just imported, unless this dataset was the last one fitted. */
  const fitImported = useCallback(
    (datasetId: string) => {
      if (datasetId === fittedFor) return;
      setFittedFor(datasetId);
      setRequest((prev) => ({ importedData: true, seq: (prev?.seq ?? 0) + 1 }));
    },
    [fittedFor],
  );
  const focus = useMemo<Focus | undefined>(() => {
    if (!request) return undefined;
    if ('bounds' in request) return request;
    return dataBounds && { bounds: dataBounds, seq: request.seq };
  }, [request, dataBounds]);
  return { focus, focusOn, fitImported };
}
