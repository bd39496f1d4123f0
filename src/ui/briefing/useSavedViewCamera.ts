/**
 * Saved views and the live camera: showing a saved view sets its state and
 * moves the camera smoothly to the extent it was saved with (or its centre and
 * zoom); saving the current view records the camera and extent on screen.
 */
import { captureView, viewOf, type SavedView } from '../../model/saved-views.ts';
import type { ViewBounds, ViewState } from '../../model/view-state.ts';
import type { MapHandle } from '../map/MapView.tsx';
import { newViewId } from './useSavedViews.ts';

export interface SavedViewCameraInput {
  bounds?: ViewBounds;
  view?: ViewState;
  setView: (patch: Partial<ViewState>) => void;
  mapHandle?: MapHandle;
  setViews: (update: (views: SavedView[]) => SavedView[]) => void;
}

/** How long the camera takes to reach a saved view, in ms. */
const FLIGHT_MS = 1500;

export function useSavedViewCamera({ bounds, view, setView, mapHandle, setViews }: SavedViewCameraInput) {
  /** Shows a saved view: its state, and a smooth camera move to its extent. */
  const applySaved = (v: SavedView) => {
    if (!bounds) return;
    const parsed = viewOf(v, bounds);
    setView(parsed.view);
    const c = parsed.view.camera;
    if (!mapHandle) return;
    if (v.extent) mapHandle.map.fitBounds([[v.extent[0], v.extent[1]], [v.extent[2], v.extent[3]]], { padding: 20, duration: FLIGHT_MS, essential: true });
    else if (c) mapHandle.map.flyTo({ center: [c.lng, c.lat], zoom: c.zoom, duration: FLIGHT_MS, essential: true });
  };
  /** Saves the current view, with the camera and extent on screen, under a title and a note. */
  const capture = (title: string, note: string) => {
    if (!view || !bounds) return;
    const c = mapHandle?.map.getCenter();
    const camera = c && mapHandle ? { lng: c.lng, lat: c.lat, zoom: mapHandle.map.getZoom() } : view.camera;
    const b = mapHandle?.map.getBounds();
    const extent: [number, number, number, number] | undefined = b ? [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()] : undefined;
    setViews((vs) => [...vs, captureView(newViewId(), { ...view, camera }, bounds, title, note, extent)]);
  };
  return { applySaved, capture };
}
