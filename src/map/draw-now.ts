/**
 * Draws a MapboxOverlay's deck.gl frame at once, in the caller's task, rather
 * than at deck.gl's next animation frame.
 *
 * deck.gl 9 applies new layers only in its animation frame (`setProps` keeps
 * them for `LayerManager.updateLayers`, which `Deck._onRenderFrame` calls), so
 * a year switch's colours waited for that frame, and on a loaded page the
 * frame waits behind everything else the page does first: the layout of the
 * DOM the same change re-rendered, React's scheduled work, DuckDB's answers.
 * Measured on pack-2y (bench/README.md), that wait was most of the "year switch
 * → recoloured frame" line. Running deck.gl's own frame callback here (luma.gl's
 * `AnimationLoop.redraw()`: layers updated, then drawn, then `onAfterRender`)
 * draws the new layers in the task that handed them over, so they reach the
 * screen in the same browser frame as the DOM of that commit (legend, status,
 * the year control): the map and the page around it never disagree. deck.gl's
 * next animation frame then finds nothing left to do and draws nothing.
 *
 * The Deck and its loop are private in @deck.gl/mapbox 9.4 and @deck.gl/core
 * 9.4; this is the one place that reaches them, and it does nothing (the
 * animation frame draws as before) when they are not there or not ready.
 */
import type { Layer } from '@deck.gl/core';
import type { MapboxOverlay } from '@deck.gl/mapbox';

interface DeckInternals {
  isInitialized?: boolean;
  animationLoop?: { redraw?: () => unknown } | null;
  /** Deck's public redraw: with a reason it draws now even when nothing changed. */
  redraw?: (reason?: string) => void;
}

/** True when the frame was drawn now; false when deck.gl is not ready (its next animation frame draws). */
export function drawNow(overlay: MapboxOverlay): boolean {
  const deck = (overlay as unknown as { _deck?: DeckInternals })._deck;
  const loop = deck?.animationLoop;
  if (!deck?.isInitialized || typeof loop?.redraw !== 'function') return false;
  loop.redraw();
  return true;
}

/** Draws the overlay's frame now even though nothing changed; false when deck.gl is not ready. */
function drawAgain(overlay: MapboxOverlay): boolean {
  const deck = (overlay as unknown as { _deck?: DeckInternals })._deck;
  if (!deck?.isInitialized || typeof deck.redraw !== 'function') return false;
  deck.redraw('benchmark floor');
  return true;
}

/**
 * The draw a year switch cannot go below, for the benchmark (probe.drawFloor),
 * timed in the page with nothing else around it (no input event, no React):
 * `layers` handed to deck.gl and drawn now, or without them the same frame
 * drawn again. NaN when deck.gl is not ready to draw.
 */
export function timedDraw(overlay: MapboxOverlay, layers?: Layer[]): number {
  const t0 = performance.now();
  if (layers) overlay.setProps({ layers });
  return (layers ? drawNow(overlay) : drawAgain(overlay)) ? performance.now() - t0 : NaN;
}

/**
 * `layers` with the fill colours of every layer that draws the colour array
 * made stale (a new `getFillColor` trigger): deck.gl then works out the colour
 * attribute again, as after a year switch, though the colours stay the same.
 */
export function staleColours(layers: readonly Layer[], version: string): Layer[] {
  return layers.map((l) => {
    const triggers = l.props.updateTriggers as Record<string, unknown> | undefined;
    return triggers && 'getFillColor' in triggers ? l.clone({ updateTriggers: { ...triggers, getFillColor: version } }) : l;
  });
}
