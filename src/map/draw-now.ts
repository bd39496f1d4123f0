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
 * Every frame deck.gl draws ends with its widget manager placing its root
 * container at the size of the canvas's parent, read as `clientWidth` /
 * `clientHeight`: after React's DOM changes of the same commit that read forces
 * a layout of the whole page inside the frame (median 2.2 ms, p95 12 ms of a
 * year switch on pack-2y). The map has no widgets (deck.gl's default tooltip
 * widget shows nothing without `getTooltip`), and the parent is the overlay's
 * container, sized like the canvas: the root is placed from the canvas size
 * deck.gl already knows (`Deck.width` / `height`, from its resize observer)
 * instead (`sizeWidgetsFromDeck`), so the frame no longer waits for a layout it
 * does not need; the browser lays the page out when it renders, as it would.
 *
 * The Deck, its loop and its widget manager are private in @deck.gl/mapbox 9.4
 * and @deck.gl/core 9.4; this is the one place that reaches them, and it does
 * nothing (the animation frame draws as before) when they are not there or not
 * ready.
 */
import type { Layer } from '@deck.gl/core';
import type { MapboxOverlay } from '@deck.gl/mapbox';

/** deck.gl 9.4's WidgetManager: `_getContainerBounds(null)` is its root container's box. */
interface WidgetManagerInternals {
  _getContainerBounds?: (viewport: unknown) => { x: number; y: number; width: number; height: number };
}

interface DeckInternals {
  isInitialized?: boolean;
  /** The canvas's CSS size as deck.gl knows it (from luma.gl's resize observer, no layout read). */
  width?: number;
  height?: number;
  widgetManager?: WidgetManagerInternals | null;
  animationLoop?: { redraw?: () => unknown } | null;
  /** Deck's public redraw: with a reason it draws now even when nothing changed. */
  redraw?: (reason?: string) => void;
}

const sizedFromDeck = new WeakSet<WidgetManagerInternals>();

/**
 * Makes the Deck's widget manager place its root container at the Deck's own
 * canvas size rather than read its parent's layout on every frame (see above).
 * Boxes of view containers, and the root before deck.gl knows its size, are
 * worked out by deck.gl as before. Once per widget manager; nothing when deck.gl
 * has none or no longer has `_getContainerBounds`.
 */
export function sizeWidgetsFromDeck(deck: DeckInternals): void {
  const wm = deck.widgetManager;
  if (!wm || sizedFromDeck.has(wm) || typeof wm._getContainerBounds !== 'function') return;
  const own = wm._getContainerBounds.bind(wm);
  wm._getContainerBounds = (viewport) => {
    const { width, height } = deck;
    return viewport || !width || !height ? own(viewport) : { x: 0, y: 0, width, height };
  };
  sizedFromDeck.add(wm);
}

/** True when the frame was drawn now; false when deck.gl is not ready (its next animation frame draws). */
export function drawNow(overlay: MapboxOverlay): boolean {
  const deck = (overlay as unknown as { _deck?: DeckInternals })._deck;
  const loop = deck?.animationLoop;
  if (!deck?.isInitialized || typeof loop?.redraw !== 'function') return false;
  sizeWidgetsFromDeck(deck);
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
