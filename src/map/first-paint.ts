/**
 * The first paint: the opening view's choropleth drawn once on a 2D canvas,
 * from the bundle alone, before the app's script has even run (the peer page a
 * GIS office exports draws its map that way, and on a software-rendered office
 * PC the live map's WebGL shaders take seconds to compile). It is a picture,
 * not a second map: the communes' fills in the bundle's own rating colours,
 * their borders, the province borders, the neighbouring countries, Hoàng Sa and
 * Trường Sa with their labels and Biển Đông, in the very camera MapLibre opens
 * with, the sovereignty labels kept inside the canvas as the live map keeps
 * them inside its own (./label-fit.ts); the live map replaces it in the frame
 * it is first drawn coloured.
 * Province names come with the live map (they are placed with the map's own
 * measure of the bundled font).
 *
 * Pure drawing (a CanvasRenderingContext2D in, nothing else touched), so it is
 * tested in node on a recording context. src/poster.ts draws it at start-up.
 */
import type { Lang } from '../model/i18n.ts';
import type { ViewState } from '../model/view-state.ts';
import { fitSovereigntyLabels } from './label-fit.ts';
import { estimateText, lngLatOf, worldPixel, type MeasureText } from './labels.ts';
import { COMMUNE_BORDER, LABEL_FONT, LABEL_HALO, LABEL_LINE_HEIGHT, type RGBA } from './layers.ts';
import type { PosterScene } from './poster-scene.ts';
import { SHORE, NOT_RATED, type SovereigntyLabel } from './sovereignty.ts';
import { SEA_COLOR } from './style.ts';

export interface PaintCamera {
  lng: number;
  lat: number;
  zoom: number;
}

export type Padding = { top: number; right: number; bottom: number; left: number };

/** The padding the single map fits its frame with (src/ui/map/AtlasMap.tsx). */
export const MAP_PADDING: Padding = { top: 30, right: 30, bottom: 30, left: 30 };

/** Where src/poster.ts leaves its handle for the app. */
export const FIRST_PAINT_GLOBAL = '__MOVEMENT_ATLAS_FIRST_PAINT__';

/** Where src/poster.ts leaves the timings of its steps (ms since navigation) for the app's timeline. */
export const FIRST_PAINT_STEPS = '__MOVEMENT_ATLAS_FIRST_PAINT_STEPS__';

/** What the app can do with the first paint (src/ui/map/firstPaintHandover.ts). */
export interface FirstPaintHandle {
  /** The view painted. */
  key: { structure: string; year: number; lang: Lang };
  /** Draws it again at the live map's place (viewport CSS pixels) and camera. */
  place: (rect: DOMRect, camera: PaintCamera) => void;
  /** Takes it off the page, for good. */
  remove: () => void;
}

/**
 * Whether a view is one the first paint draws right: the rating map of one
 * structure, no filter fading units, no selection, no saved camera, one map,
 * no report. (Whether its year has ratings on the structure's own codes is
 * firstPaint's to say: src/map/colors.ts.)
 */
export function paintsFirst(v: ViewState): boolean {
  return (
    v.mode === 'rating' && !v.split && !v.camera && !v.selected && !v.report && !v.text && !v.minWeakStreak &&
    v.provinces.length === 0 && v.ratings.length === 0 && v.kinds.length === 0
  );
}

/** The map's zoom limits (src/ui/map/MapView.tsx): a fit never goes past them. */
export const MIN_ZOOM = 3;
export const MAX_ZOOM = 14;

/**
 * The camera MapLibre opens with for `bounds` in a map of `width` × `height`
 * CSS pixels with `padding` (its `bounds` + `fitBoundsOptions` map option:
 * north up, the box's projected centre, the largest zoom at which it fits).
 */
export function fitCamera(bounds: [[number, number], [number, number]], width: number, height: number, padding: Padding): PaintCamera {
  const [[w, s], [e, n]] = bounds;
  const [x0, y1] = worldPixel(w, s, 0);
  const [x1, y0] = worldPixel(e, n, 0);
  const availW = width - padding.left - padding.right;
  const availH = height - padding.top - padding.bottom;
  const scale = Math.min(availW / Math.max(x1 - x0, 1e-9), availH / Math.max(y1 - y0, 1e-9));
  const zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, Math.log2(scale)));
  // The box's centre, moved by half the difference of the paddings (as MapLibre does): the box sits in the middle of what the padding leaves.
  const cx = (x0 + x1) / 2 - (padding.left - padding.right) / 2 / 2 ** zoom;
  const cy = (y0 + y1) / 2 - (padding.top - padding.bottom) / 2 / 2 ** zoom;
  const [lng, lat] = lngLatOf(cx, cy, 0);
  return { lng, lat, zoom };
}

/** Longitude/latitude → CSS pixels of a `width` × `height` map with this camera. */
export function projector(camera: PaintCamera, width: number, height: number): (lng: number, lat: number) => [number, number] {
  const [cx, cy] = worldPixel(camera.lng, camera.lat, camera.zoom);
  const ox = width / 2 - cx, oy = height / 2 - cy;
  const size = 512 * 2 ** camera.zoom;
  const k = Math.PI / 180;
  return (lng, lat) => {
    const phi = Math.max(-85.05, Math.min(85.05, lat)) * k;
    return [((lng + 180) / 360) * size + ox, (0.5 - Math.log(Math.tan(Math.PI / 4 + phi / 2)) / (2 * Math.PI)) * size + oy];
  };
}

const css = (c: RGBA | readonly number[]) => `rgba(${c[0]},${c[1]},${c[2]},${(c[3] ?? 255) / 255})`;

/** The same styles as the live map's layers (src/ui/map/useMapLayers.ts, src/map/sovereignty.ts). */
export const PAINT = {
  neighbourFill: [238, 236, 230, 255] as RGBA,
  neighbourLine: [180, 176, 168, 255] as RGBA,
  provinceLine: [60, 60, 70, 220] as RGBA,
  provinceWidth: 1.2,
  islandRadius: 3.5,
  islandLine: 1.2,
};

/** Makes a Path2D (the browser's own; tests pass a recording one). */
export type MakePath = (d?: string) => Path2D;
const browserPath: MakePath = (d) => new Path2D(d);

/** Draws `scene` and `labels` on `ctx` (already scaled to CSS pixels) for a `width` × `height` map. */
export function paintMap(ctx: CanvasRenderingContext2D, width: number, height: number, camera: PaintCamera, scene: PosterScene, labels: readonly SovereigntyLabel[], fontSize: number, makePath: MakePath = browserPath): void {
  const at = projector(camera, width, height);
  // World pixels at zoom 0 → CSS pixels: the camera's scale, its centre in the middle.
  const scale = 2 ** camera.zoom;
  const [cx, cy] = worldPixel(camera.lng, camera.lat, camera.zoom);
  const ox = width / 2 - cx, oy = height / 2 - cy;
  // Grid units → CSS pixels, applied to the path, not the context, so line widths stay in pixels.
  const k = scene.unit * scale;
  const grid = { a: k, b: 0, c: 0, d: k, e: scene.origin[0] * scale + ox, f: scene.origin[1] * scale + oy };
  const path = (d: string) => {
    const p = makePath();
    p.addPath(makePath(d), grid);
    return p;
  };
  ctx.fillStyle = SEA_COLOR;
  ctx.fillRect(0, 0, width, height);
  ctx.lineJoin = 'round';

  const neighbours = path(scene.neighbours);
  ctx.fillStyle = css(PAINT.neighbourFill);
  ctx.fill(neighbours, 'evenodd');
  ctx.strokeStyle = css(PAINT.neighbourLine);
  ctx.lineWidth = 1;
  ctx.stroke(neighbours);

  // One path per colour: a few fill calls instead of one per commune.
  for (const { color, d } of scene.fills) {
    ctx.fillStyle = css(color);
    ctx.fill(path(d), 'evenodd');
  }

  ctx.strokeStyle = css(COMMUNE_BORDER);
  ctx.lineWidth = 1;
  ctx.stroke(path(scene.communeBorders));

  if (scene.outlines) {
    const outlines = path(scene.outlines);
    ctx.fillStyle = css(NOT_RATED);
    ctx.fill(outlines, 'evenodd');
    ctx.strokeStyle = css(SHORE);
    ctx.lineWidth = 1;
    ctx.stroke(outlines);
  }

  ctx.strokeStyle = css(PAINT.provinceLine);
  ctx.lineWidth = PAINT.provinceWidth;
  ctx.stroke(path(scene.provinceBorders));

  for (const m of scene.marks) {
    ctx.beginPath();
    ctx.arc(m.x * scale + ox, m.y * scale + oy, PAINT.islandRadius, 0, 2 * Math.PI);
    ctx.fillStyle = css(m.color);
    ctx.fill();
    ctx.strokeStyle = css(SHORE);
    ctx.lineWidth = PAINT.islandLine;
    ctx.stroke();
  }

  // Measured in the font this canvas draws with (the estimate where the context cannot measure).
  const measure: MeasureText = (text) => {
    ctx.font = `700 100px ${LABEL_FONT}`;
    const w = (ctx.measureText(text) as TextMetrics | undefined)?.width;
    return typeof w === 'number' && w > 0 ? w / 100 : estimateText(text);
  };
  const islands = { archipelagos: scene.archipelagos, marks: scene.marks.map((m) => lngLatOf(m.x, m.y, 0)) };
  for (const l of fitSovereigntyLabels(labels, islands, { ...camera, width, height }, measure)) {
    const size = l.size ?? fontSize;
    ctx.font = `700 ${size}px ${LABEL_FONT}`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    const lines = l.text.split('\n');
    const [x, y] = at(l.position[0], l.position[1]);
    const step = size * LABEL_LINE_HEIGHT;
    // 'top' hangs the block below its position; otherwise it is centred on it.
    const first = l.baseline === 'top' ? y + step / 2 : y - ((lines.length - 1) * step) / 2;
    lines.forEach((text, i) => {
      ctx.lineWidth = Math.max(2, size / 6);
      ctx.strokeStyle = css(LABEL_HALO);
      ctx.strokeText(text, x, first + i * step);
      ctx.fillStyle = css(l.color ?? [17, 20, 27, 255]);
      ctx.fillText(text, x, first + i * step);
    });
  }
}
