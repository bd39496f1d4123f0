/**
 * The app's side of the first paint (src/poster.ts, src/map/first-paint.ts):
 * the painted map is moved to the live map's own place and camera as soon as
 * that map exists, and taken off the page in the frame the live map is first
 * drawn coloured, or as soon as it would show something else than the live map:
 * another view, a failure, a move or a resize of the map.
 */
import type { Map as MlMap } from 'maplibre-gl';
import { FIRST_PAINT_GLOBAL, paintsFirst, type FirstPaintHandle } from '../../map/first-paint.ts';
import type { ViewState } from '../../model/view-state.ts';

function handle(): FirstPaintHandle | undefined {
  return (globalThis as unknown as Record<string, FirstPaintHandle | undefined>)[FIRST_PAINT_GLOBAL];
}

/** Takes the first paint off the page (nothing when there is none). */
export function removeFirstPaint(): void {
  handle()?.remove();
}

/** Draws the first paint again over `container` in `map`'s camera, and ends it when the map moves or resizes. */
export function placeFirstPaint(map: MlMap, container: HTMLElement): void {
  const h = handle();
  if (!h) return;
  const c = map.getCenter();
  h.place(container.getBoundingClientRect(), { lng: c.lng, lat: c.lat, zoom: map.getZoom() });
  map.once('movestart', removeFirstPaint);
  map.once('resize', removeFirstPaint);
}

/** Ends the first paint when the view on screen is no longer the one it painted. */
export function checkFirstPaint(view: ViewState): void {
  const h = handle();
  if (h && (!paintsFirst(view) || view.structure !== h.key.structure || view.year !== h.key.year || view.lang !== h.key.lang)) h.remove();
}
