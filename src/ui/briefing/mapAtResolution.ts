/**
 * The live map rendered again at print resolution, into a rectangle of a 2D
 * canvas: the MapLibre container is resized (CSSOM only, the CSP forbids style
 * attributes) to the output map rectangle divided by the pixel ratio,
 * MapLibre's pixel ratio is set with `map.setPixelRatio` and deck.gl's with
 * `useDevicePixels`, and the camera is zoomed so the extent the user saw fills
 * that rectangle. Once deck.gl's canvas has followed (its size comes from a
 * ResizeObserver, one frame or more later) both are redrawn synchronously and
 * copied, MapLibre's first and deck.gl's on top, then everything is put back.
 * The page stage is marked `exporting-image` meanwhile so the user sees a
 * notice, not a jumping map.
 *
 * The labels are placed again for the export's zoom and label size (the map's
 * `layersAt`), so an image shows no overlapping names and the same sovereignty
 * labels as the screen; the page's own layers are handed back afterwards.
 */
import type { Deck, Layer } from '@deck.gl/core';
import { LayerOwner } from '../../map/layer-owner.ts';
import type { Label } from '../../map/layers.ts';
import type { Rect } from '../../map/print-layout.ts';
import type { MapHandle } from '../map/MapView.tsx';

export interface Drawn {
  zoom: number;
  lat: number;
  bearing: number;
  /** Output pixels per CSS pixel of the map as placed in the image (≈ the ratio asked for, even if MapLibre clamped its canvas). */
  outputPerCss: number;
  /** What the image's map shows, [[west, south], [east, north]]. */
  frame: [[number, number], [number, number]];
  /** The labels drawn, at their place in the output image (pixels) and size (output pixels). */
  labels: { text: string; x: number; y: number; size: number }[];
}

/** The labels of a layer list (the text layers' data). */
function labelsOf(layers: Layer[]): Label[] {
  return layers.filter((l) => l.id === 'province-labels' || l.id === 'sovereignty-labels').flatMap((l) => (l.props as unknown as { data: Label[] }).data);
}

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/** The style properties this module sets on the map container, restored afterwards. */
const BORROWED = ['width', 'height', 'right', 'bottom'] as const;

/**
 * Renders the live map at `ratio` output pixels per CSS pixel into `rect` of
 * `ctx`, showing the extent on screen (or `bounds`), and puts the map back.
 */
export async function drawMapAtResolution(
  handle: MapHandle,
  ctx: CanvasRenderingContext2D,
  rect: Rect,
  ratio: number,
  bounds: [[number, number], [number, number]] | undefined,
  notice: string,
  /** Label size in CSS pixels of the rendered map (src/map/print-layout.ts exportLabelSize). */
  labelSize: number,
): Promise<Drawn> {
  const { map, overlay } = handle;
  const container = map.getContainer();
  const stage = container.closest<HTMLElement>('.stage') ?? container.parentElement;
  // Private fields read only to restore what was there; MapView sets neither, so the fallbacks are its defaults.
  const prevRatio = (map as unknown as { _overridePixelRatio?: number | null })._overridePixelRatio ?? null;
  const prevDevicePixels = (overlay as unknown as { _props?: { useDevicePixels?: boolean | number } })._props?.useDevicePixels ?? true;
  const deck = (overlay as unknown as { _deck?: Deck })._deck;
  const before = { center: map.getCenter(), zoom: map.getZoom(), bearing: map.getBearing(), pitch: map.getPitch(), w: container.clientWidth, h: container.clientHeight };
  const saved = BORROWED.map((p) => [p, container.style.getPropertyValue(p), container.style.getPropertyPriority(p)] as const);
  const cssW = Math.max(1, Math.round(rect.w / ratio));
  const cssH = Math.max(1, Math.round(rect.h / ratio));

  stage?.classList.add('exporting-image');
  if (stage) stage.dataset.exportNotice = notice;
  try {
    container.style.setProperty('right', 'auto');
    container.style.setProperty('bottom', 'auto');
    container.style.setProperty('width', `${cssW}px`);
    container.style.setProperty('height', `${cssH}px`);
    // setPixelRatio resizes the map from the container's new size at once.
    map.setPixelRatio(ratio);
    overlay.setProps({ useDevicePixels: ratio });
    if (bounds) {
      const cam = map.cameraForBounds(bounds, { padding: 0, bearing: before.bearing });
      if (cam) map.jumpTo({ ...cam, pitch: before.pitch });
    } else {
      // The same centre, zoomed so the extent seen on screen just fits the output rectangle.
      const factor = Math.min(cssW / Math.max(1, before.w), cssH / Math.max(1, before.h));
      map.jumpTo({ center: before.center, zoom: before.zoom + Math.log2(factor), bearing: before.bearing, pitch: before.pitch });
    }

    // The map's layers with labels placed for this zoom and size; the page hands it none meanwhile.
    handle.borrowed = true;
    const layers = new LayerOwner().own(handle.layersAt(map.getZoom(), labelSize));
    overlay.setProps({ layers });

    const mapCanvas = map.getCanvas();
    const deckCanvas = overlay.getCanvas();
    const started = performance.now();
    // deck.gl learns its new CSS size from a ResizeObserver, a frame or more later; drawing before
    // that would copy a stretched old frame. Each frame both libraries may draw on their own.
    const resized = () => (deck ? deck.width === cssW && deck.height === cssH : !deckCanvas || Math.abs(deckCanvas.width - mapCanvas.width) <= 1);
    while (!resized()) {
      if (performance.now() - started > 60_000) throw new Error('the map did not resize for the export');
      await nextFrame();
    }
    // One synchronous frame of each, at the export size: MapLibre's fires 'render', on which the
    // overlay hands deck.gl the camera and redraws it if anything changed; the last call draws
    // deck.gl only if it still has something pending (e.g. its canvas resize), so a frame drawn
    // in software is not drawn twice. preserveDrawingBuffer keeps both frames for the copy.
    // deck.gl takes new layers on its next frame: take them now, so this frame draws them.
    (deck as unknown as { layerManager?: { updateLayers(): void } } | undefined)?.layerManager?.updateLayers();
    map.redraw();
    deck?.redraw();
    if (deckCanvas && Math.abs(deckCanvas.width - mapCanvas.width) > 1) deck?.redraw('image export');
    if (deckCanvas && (Math.abs(deckCanvas.width - mapCanvas.width) > 1 || Math.abs(deckCanvas.height - mapCanvas.height) > 1)) {
      throw new Error(`the map layers did not render at export size (${deckCanvas.width}×${deckCanvas.height}, map ${mapCanvas.width}×${mapCanvas.height})`);
    }
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(mapCanvas, rect.x, rect.y, rect.w, rect.h);
    if (deckCanvas) ctx.drawImage(deckCanvas, rect.x, rect.y, rect.w, rect.h);
    const c = map.getCenter();
    const b = map.getBounds();
    const k = rect.w / cssW;
    const labels = labelsOf(layers).map((l) => {
      const p = map.project(l.position);
      return { text: l.text, x: rect.x + p.x * k, y: rect.y + p.y * k, size: (l.size ?? labelSize) * k };
    });
    return { zoom: map.getZoom(), lat: c.lat, bearing: map.getBearing(), outputPerCss: k, frame: [[b.getWest(), b.getSouth()], [b.getEast(), b.getNorth()]], labels };
  } finally {
    for (const [p, v, prio] of saved) {
      if (v) container.style.setProperty(p, v, prio);
      else container.style.removeProperty(p);
    }
    // MapLibre documents null as "follow devicePixelRatio again"; its typings only say number.
    map.setPixelRatio(prevRatio as number);
    overlay.setProps({ useDevicePixels: prevDevicePixels });
    map.jumpTo({ center: before.center, zoom: before.zoom, bearing: before.bearing, pitch: before.pitch });
    handle.restoreLayers();
    stage?.classList.remove('exporting-image');
    if (stage) delete stage.dataset.exportNotice;
  }
}
