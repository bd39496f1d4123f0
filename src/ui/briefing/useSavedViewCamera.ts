/**
 * Saved views and the live camera: showing a saved view sets its state and
 * moves the camera to the extent it was saved with (or its centre and zoom);
 * saving the current view records the camera and extent on screen.
 *
 * The camera moves once the page has laid out for that view: entering the
 * presentation hides the panels, and a comparison view replaces the map with
 * two, so a move made at once would be centred on a map about to change size,
 * or made on a map about to be removed (the national slide was off-centre, a
 * comparison slide blank). The move waits for the map that shows the view and
 * for the next frames, fits the extent with the same margin on every side so
 * the slide is centred on it, and `applySaved` resolves when the camera is at
 * rest (the slide exporter waits on it).
 */
import { useEffect, useRef, useState } from 'react';
import { captureView, viewOf, type SavedView } from '../../model/saved-views.ts';
import type { ViewBounds, ViewState } from '../../model/view-state.ts';
import type { MapHandles } from '../map/useMapLifecycle.ts';
import { markState } from '../app/startup.ts';
import { newViewId } from './useSavedViews.ts';

export interface SavedViewCameraInput {
  bounds?: ViewBounds;
  view?: ViewState;
  setView: (patch: Partial<ViewState>) => void;
  maps: MapHandles;
  setViews: (update: (views: SavedView[]) => SavedView[]) => void;
}

/** How long the camera takes to fly to a saved view (slides), in ms. */
const FLIGHT_MS = 1500;
/** Margin around a saved extent, in CSS pixels, on every side (so the extent is centred). */
const MARGIN = 48;

const frames = (n: number) => new Promise<void>((resolve) => {
  const step = (k: number) => (k <= 0 ? resolve() : requestAnimationFrame(() => step(k - 1)));
  step(n);
});

/**
 * The margin of a saved extent on the map: MARGIN on every side, and on a
 * slide also clear of the title box above and the slide bar below, so the
 * whole extent is seen (a national slide's north was under its title).
 */
function clearOfSlide(container: HTMLElement): { top: number; bottom: number; left: number; right: number } {
  const map = container.getBoundingClientRect();
  const below = (sel: string) => {
    const r = document.querySelector(sel)?.getBoundingClientRect();
    return r && r.height > 0 ? Math.max(0, r.bottom - map.top) : 0;
  };
  const foot = document.querySelector('.slide-foot')?.getBoundingClientRect();
  const top = Math.max(below('.slide-title'), below('.slide-note'));
  const bottom = foot && foot.height > 0 ? Math.max(0, map.bottom - foot.top) : 0;
  // Never so much that nothing is left to fit into.
  const room = (n: number, size: number) => Math.min(n, size / 3);
  return {
    top: top > 0 ? room(top + MARGIN / 2, map.height) : MARGIN,
    bottom: bottom > 0 ? room(bottom + MARGIN / 2, map.height) : MARGIN,
    left: MARGIN,
    right: MARGIN,
  };
}

export function useSavedViewCamera({ bounds, view, setView, maps, setViews }: SavedViewCameraInput) {
  const pending = useRef<{ v: SavedView; split: boolean; fly: boolean; done: () => void } | undefined>(undefined);
  const [asked, setAsked] = useState(0);

  /**
   * Shows a saved view: its state, then a camera move to its extent once the
   * map for it is laid out; `fly` (slides) makes the move a flight.
   */
  const applySaved = (v: SavedView, { fly = false }: { fly?: boolean } = {}): Promise<void> =>
    new Promise((resolve) => {
      if (!bounds) return resolve();
      const parsed = viewOf(v, bounds).view;
      // The language and the panels are the reader's, not the slide's.
      setView({ ...parsed, lang: view?.lang ?? parsed.lang, panels: view?.panels });
      pending.current?.done();
      // <html data-view-camera>: "moving" until the camera is at rest on the view (tests wait on it).
      markState('viewCamera', 'moving');
      pending.current = {
        v,
        split: parsed.split,
        fly,
        done: () => {
          markState('viewCamera', 'rest');
          resolve();
        },
      };
      setAsked((n) => n + 1);
    });

  const { main, left } = maps;
  useEffect(() => {
    const p = pending.current;
    // Wait for the map that shows this view: two maps for a comparison, one otherwise.
    if (!p || !main || !main.alive() || !!left !== p.split) return;
    pending.current = undefined;
    void frames(2).then(() => {
      if (!main.alive()) return p.done();
      const map = main.map;
      map.resize();
      const c = bounds ? viewOf(p.v, bounds).view.camera : undefined;
      const duration = p.fly ? FLIGHT_MS : 0;
      // Resolves on the move's end, or soon after it should have ended (a move to where the camera already is).
      const timer = setTimeout(p.done, duration + 1000);
      map.once('moveend', () => {
        clearTimeout(timer);
        p.done();
      });
      if (p.v.extent) map.fitBounds([[p.v.extent[0], p.v.extent[1]], [p.v.extent[2], p.v.extent[3]]], { padding: clearOfSlide(map.getContainer()), duration, essential: true });
      else if (c) map.flyTo({ center: [c.lng, c.lat], zoom: c.zoom, duration, essential: true });
      else map.triggerRepaint();
    });
  }, [asked, main, left, bounds]);

  /** Saves the current view, with the camera and extent on screen, under a title and a note. */
  const capture = (title: string, note: string) => {
    if (!view || !bounds) return;
    // The map on screen: not one just removed (the comparison toggled a moment ago), whose
    // container has no size and would give a slide an extent of one point.
    const live = main && main.alive() && main.map.getContainer().clientWidth > 0 ? main : undefined;
    const c = live?.map.getCenter();
    const camera = c && live ? { lng: c.lng, lat: c.lat, zoom: live.map.getZoom() } : view.camera;
    // The extent inside the margin a slide keeps around it, so showing the view again frames the same area.
    let extent: [number, number, number, number] | undefined;
    if (live) {
      const el = live.map.getContainer();
      const m = Math.min(MARGIN, el.clientWidth / 4, el.clientHeight / 4);
      const nw = live.map.unproject([m, m]);
      const se = live.map.unproject([el.clientWidth - m, el.clientHeight - m]);
      extent = [nw.lng, se.lat, se.lng, nw.lat];
    }
    setViews((vs) => [...vs, captureView(newViewId(), { ...view, camera }, bounds, title, note, extent)]);
  };
  return { applySaved, capture };
}
