/**
 * Which corner of the map stage the legend (and the archipelagos' inset above
 * it) goes to, so it never covers Hoàng Sa, Trường Sa or Biển Đông and covers
 * as little of the country as it can. Pure arithmetic on plain rectangles in
 * stage pixels (origin top-left), no DOM: MapLegendBox measures the stage,
 * its controls and the box, and asks again after each move and resize.
 *
 * Each corner's box starts a margin in from the corner and slides along the
 * stage's side, away from the corner, past the controls it meets (the zoom
 * buttons and north arrow top-right, the scale bar bottom-left, a slide's
 * title and bar). A corner whose box touches a sovereignty label or an
 * archipelago's islands is out; of the others, the one covering the least of
 * the units wins (the current corner keeps its place unless another is
 * clearly better, so the legend does not hop about while panning). When no
 * corner is free at full size, the smaller sizes given are tried in turn (a
 * scaled-down legend, then a collapsed one); when none is free at all, the
 * last size goes where it covers the least of the sovereignty marks.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import type { Box } from '../geo/archipelagos.ts';
import { worldPixel, type MeasureText, estimateText } from './labels.ts';
import { LABEL_LINE_HEIGHT } from './layers.ts';
import type { Rect } from './print-layout.ts';
import type { ArchipelagoShape, SovereigntyLabel } from './sovereignty.ts';

export type Corner = 'bottom-right' | 'bottom-left' | 'top-right' | 'top-left';

/** In the order a tie is broken: bottom-right first, where the legend has always been. */
export const CORNERS: readonly Corner[] = ['bottom-right', 'bottom-left', 'top-right', 'top-left'];

export interface LegendCornerInput {
  /** The stage's size. */
  stage: { w: number; h: number };
  /** The box's sizes to try, largest first (full, scaled down, collapsed). */
  sizes: readonly { w: number; h: number }[];
  /** Space kept between the box and the stage's edge. */
  margin: number;
  /** Space kept between the box and a control. */
  gap: number;
  /** What the box must not cover and slides past: the map's controls, a slide's title and bar. */
  controls: readonly Rect[];
  /** What the box must never cover: the sovereignty labels and the archipelagos' islands. */
  keepClear: readonly Rect[];
  /** The units on screen (their boxes): the box covers as little of them as it can. */
  data: readonly Rect[];
  /** The corner the box is at now: kept unless another covers clearly less of the units. */
  prefer?: Corner;
}

export interface LegendPlace {
  corner: Corner;
  /** Index in `sizes` of the size placed. */
  size: number;
  /** Offsets from the corner's two sides (CSS right/left and bottom/top). */
  dx: number;
  dy: number;
  /** The box in stage pixels. */
  rect: Rect;
  /** False when the box covers a sovereignty mark (no corner was free at any size). */
  clear: boolean;
  /** Area of units under the box, in square pixels. */
  covered: number;
}

export const intersects = (a: Rect, b: Rect): boolean => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** Area of the intersection of two rectangles (0 when apart). */
export function overlapArea(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

const grow = (r: Rect, d: number): Rect => ({ x: r.x - d, y: r.y - d, w: r.w + 2 * d, h: r.h + 2 * d });

/**
 * Which way a corner's box slides past the controls it meets: along the
 * stage's left or right side (`side`: up or down), or along its top or bottom
 * edge (`edge`: sideways). At 1280×800 the sea north of Hoàng Sa is reached
 * only sideways, past the zoom buttons; the bottom-right box goes up past a slide's bar.
 */
export type Slide = 'side' | 'edge';

/**
 * The box of a size at a corner, slid past the controls (see Slide);
 * undefined when it no longer fits in the stage.
 */
export function boxAtCorner(corner: Corner, size: { w: number; h: number }, input: Pick<LegendCornerInput, 'stage' | 'margin' | 'gap' | 'controls'>, slide: Slide = 'side'): Rect | undefined {
  const { stage, margin, gap, controls } = input;
  const right = corner.endsWith('right');
  const bottom = corner.startsWith('bottom');
  let x = right ? stage.w - margin - size.w : margin;
  let y = bottom ? stage.h - margin - size.h : margin;
  // Each pass moves the box past one control it touches; a box moved past all of them is done.
  for (let pass = 0; pass <= controls.length; pass++) {
    const box = { x, y, w: size.w, h: size.h };
    if (x < 0 || x + size.w > stage.w || y < 0 || y + size.h > stage.h) return undefined;
    const hit = controls.filter((c) => intersects(grow(c, gap), box));
    if (hit.length === 0) return box;
    if (slide === 'side') y = bottom ? Math.min(...hit.map((c) => c.y)) - gap - size.h : Math.max(...hit.map((c) => c.y + c.h)) + gap;
    else x = right ? Math.min(...hit.map((c) => c.x)) - gap - size.w : Math.max(...hit.map((c) => c.x + c.w)) + gap;
  }
  return undefined;
}

/** Where the legend goes (see the module's comment); undefined when no size fits in the stage at any corner. */
export function chooseLegendCorner(input: LegendCornerInput): LegendPlace | undefined {
  const all: LegendPlace[] = [];
  input.sizes.forEach((size, i) => {
    for (const corner of CORNERS) {
      const along = boxAtCorner(corner, size, input, 'side');
      const across = boxAtCorner(corner, size, input, 'edge');
      // Sideways too when that is another place (a control was met there).
      const rects = [along, across && (!along || across.x !== along.x || across.y !== along.y) ? across : undefined];
      for (const rect of rects) {
        if (!rect) continue;
        const covered = input.data.reduce((sum, d) => sum + overlapArea(rect, d), 0);
        const clear = !input.keepClear.some((k) => intersects(k, rect));
        const dx = corner.endsWith('right') ? input.stage.w - rect.x - rect.w : rect.x;
        const dy = corner.startsWith('bottom') ? input.stage.h - rect.y - rect.h : rect.y;
        all.push({ corner, size: i, dx, dy, rect, clear, covered });
      }
    }
  });
  for (let i = 0; i < input.sizes.length; i++) {
    const free = all.filter((p) => p.size === i && p.clear);
    if (free.length === 0) continue;
    const best = free.reduce((a, b) => (b.covered < a.covered ? b : a));
    const kept = free.find((p) => p.corner === input.prefer);
    // Keep the current corner unless another covers less by a tenth of the box or more.
    if (kept && kept.covered - best.covered <= 0.1 * best.rect.w * best.rect.h) return kept;
    return best;
  }
  const last = all.filter((p) => p.size === input.sizes.length - 1);
  if (last.length === 0) return all[0];
  const hidden = (p: LegendPlace) => input.keepClear.reduce((sum, k) => sum + overlapArea(p.rect, k), 0);
  return last.reduce((a, b) => (hidden(b) < hidden(a) || (hidden(b) === hidden(a) && b.covered < a.covered) ? b : a));
}

/** Web Mercator screen position of a point in a map of `w` × `h` pixels showing `frame` (north up, no pitch). */
export function frameProjection(frame: Box, w: number, h: number): (lng: number, lat: number) => [number, number] {
  const [x0, y0] = worldPixel(frame[0][0], frame[1][1], 0);
  const [x1, y1] = worldPixel(frame[1][0], frame[0][1], 0);
  const kx = w / Math.max(1e-12, x1 - x0);
  const ky = h / Math.max(1e-12, y1 - y0);
  return (lng, lat) => {
    const [x, y] = worldPixel(lng, lat, 0);
    return [(x - x0) * kx, (y - y0) * ky];
  };
}

/**
 * Screen boxes of the sovereignty labels (with `pad` pixels of halo and air)
 * and of each archipelago's islands (with room for their marks), in a map
 * whose projection is `project`.
 */
export function sovereigntyRects(labels: readonly SovereigntyLabel[], shapes: readonly ArchipelagoShape[], project: (lng: number, lat: number) => [number, number], size: number, measure: MeasureText = estimateText, pad = 6): Rect[] {
  const out: Rect[] = labels.map((l) => {
    const px = l.size ?? size;
    const lines = l.text.split('\n');
    const w = Math.max(...lines.map((s) => measure(s))) * px;
    const h = lines.length * px * LABEL_LINE_HEIGHT;
    const [x, y] = project(l.position[0], l.position[1]);
    const top = l.baseline === 'top' ? y : y - h / 2;
    return grow({ x: x - w / 2, y: top, w, h }, pad);
  });
  for (const s of shapes) {
    const [a, b] = [project(s.box[0][0], s.box[1][1]), project(s.box[1][0], s.box[0][1])];
    out.push(grow({ x: a[0], y: a[1], w: b[0] - a[0], h: b[1] - a[1] }, pad));
  }
  return out;
}

/** Screen boxes of units given as [west, south, east, north] boxes (four numbers each), in a map whose projection is `project`. */
export function unitRects(boxes: Float64Array, project: (lng: number, lat: number) => [number, number], view: { w: number; h: number }): Rect[] {
  const out: Rect[] = [];
  for (let i = 0; i + 3 < boxes.length; i += 4) {
    const [x0, y0] = project(boxes[i], boxes[i + 3]);
    const [x1, y1] = project(boxes[i + 2], boxes[i + 1]);
    if (!(x1 >= 0 && y1 >= 0 && x0 <= view.w && y0 <= view.h)) continue;
    out.push({ x: x0, y: y0, w: x1 - x0, h: y1 - y0 });
  }
  return out;
}

/** [west, south, east, north] of each unit, four numbers a unit, worked out once per geometry. */
export function unitBoxes(features: readonly { geometry: Polygon | MultiPolygon }[]): Float64Array {
  const out = new Float64Array(features.length * 4);
  features.forEach((f, i) => {
    let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const poly of polys)
      for (const [x, y] of poly[0] ?? []) {
        if (x < w) w = x;
        if (x > e) e = x;
        if (y < s) s = y;
        if (y > n) n = y;
      }
    out.set([w, s, e, n], i * 4);
  });
  return out;
}
