/**
 * Labels sized for a briefing room, and placed so that none overlaps another,
 * on screen and in every export alike.
 *
 * Placement is worked out here, on the CPU, not by deck.gl's collision filter:
 * the filter decides on the GPU from the frame it last drew, which an export
 * rendered at another size and pixel ratio did not share (the A4 export showed
 * "Lai ChâuTuyên Quang"), and its choice cannot be tested. With Web Mercator
 * and no rotation, which labels fit depends on the zoom only (panning moves
 * every label alike), so the map asks again only when the zoom changes, and an
 * export asks for its own zoom and label size.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { labelPoint } from './boundaries.ts';
import { LABEL_INK, LABEL_LINE_HEIGHT, type Label, type RGBA } from './layers.ts';

/** Width of a text at 1 px font size (multiply by the size); lines are measured one by one. */
export type MeasureText = (text: string) => number;

/**
 * A rough measure of Be Vietnam Pro at weight 600, for node (tests) and as a
 * fallback: 0.6 em per character, 0.3 for a space. The browser measures with
 * Canvas 2D in the bundled font (src/ui).
 */
export const estimateText: MeasureText = (text) => {
  let w = 0;
  for (const ch of text) w += ch === ' ' ? 0.3 : /[ijlI.,'()]/.test(ch) ? 0.32 : /[mwMWĐDOQG]/.test(ch) ? 0.8 : 0.6;
  return w;
};

/**
 * Province label size in CSS pixels for a map viewport: 16 px on a 1080-pixel
 * tall window (what reads from the back of a briefing room), growing with
 * taller screens up to 24, and not below 14 on a small laptop.
 */
export function provinceLabelSize(viewportHeight: number): number {
  return Math.max(14, Math.min(24, Math.round((16 * viewportHeight) / 1080)));
}

/** Web Mercator world pixel of a point at a zoom (MapLibre's 512-px tiles). */
export function worldPixel(lng: number, lat: number, zoom: number): [number, number] {
  const size = 512 * 2 ** zoom;
  const phi = (Math.max(-85.05, Math.min(85.05, lat)) * Math.PI) / 180;
  return [((lng + 180) / 360) * size, (0.5 - Math.log(Math.tan(Math.PI / 4 + phi / 2)) / (2 * Math.PI)) * size];
}

/** The inverse of worldPixel: the longitude and latitude of a Web Mercator world pixel at a zoom. */
export function lngLatOf(x: number, y: number, zoom: number): [number, number] {
  const size = 512 * 2 ** zoom;
  return [(x / size) * 360 - 180, (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / size))) * 180) / Math.PI];
}

export interface LabelCandidate extends Label {
  /** Drawn whatever else is there (the capital, Ho Chi Minh City, the sovereignty labels). */
  always?: boolean;
  /** Font size in CSS pixels; the placement's `size` when absent. */
  size?: number;
  /** How the text hangs from its position: centred (default) or below it ('top'). */
  baseline?: 'center' | 'top';
}

/** A box in world pixels [x0, y0, x1, y1]. */
export type PixelBox = [number, number, number, number];

/** The box a label covers at a zoom, in world pixels, with `pad` pixels of clearance on each side. */
export function labelBox(l: LabelCandidate, zoom: number, size: number, measure: MeasureText, pad = 0): PixelBox {
  const px = l.size ?? size;
  const lines = l.text.split('\n');
  const w = Math.max(...lines.map((s) => measure(s))) * px;
  const h = lines.length * px * LABEL_LINE_HEIGHT;
  const [x, y] = worldPixel(l.position[0], l.position[1], zoom);
  const top = l.baseline === 'top' ? y : y - h / 2;
  return [x - w / 2 - pad, top - pad, x + w / 2 + pad, top + h + pad];
}

const overlap = (a: PixelBox, b: PixelBox) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];

export interface PlaceOptions {
  zoom: number;
  /** Default font size in CSS pixels. */
  size: number;
  measure?: MeasureText;
  /** Clearance kept around each label, in CSS pixels (the halo and some air). */
  pad?: number;
  /** Labels drawn by another layer that the placed ones must not cover (the sovereignty labels). */
  obstacles?: readonly LabelCandidate[];
}

/**
 * The labels that fit at a zoom without overlapping: those marked `always`
 * first, then by priority (higher first, then by name, so the choice is
 * stable), each kept only if its box is clear of every box kept before and of
 * the obstacles.
 */
export function placeLabels<T extends LabelCandidate>(candidates: readonly T[], opts: PlaceOptions): T[] {
  const measure = opts.measure ?? estimateText;
  const pad = opts.pad ?? 3;
  const taken: PixelBox[] = (opts.obstacles ?? []).map((o) => labelBox(o, opts.zoom, opts.size, measure, pad));
  const order = [...candidates].sort((a, b) => Number(!!b.always) - Number(!!a.always) || (b.priority ?? 0) - (a.priority ?? 0) || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  const out: T[] = [];
  for (const c of order) {
    const box = labelBox(c, opts.zoom, opts.size, measure, pad);
    if (!c.always && taken.some((t) => overlap(t, box))) continue;
    taken.push(box);
    out.push(c);
  }
  return out;
}

/** The zoom rounded to the step at which the map asks for a new placement (a quarter of a zoom level). */
export function placementZoom(zoom: number): number {
  return Math.round(zoom * 4) / 4;
}

/** Codes of the capital and Ho Chi Minh City in the official lists, before and after 2025. */
const ALWAYS_CODES = new Set(['01', '79']);
const ALWAYS_NAMES = /(^|\s)(Hà Nội|Hồ Chí Minh)$/u;

export interface ProvinceLabel extends LabelCandidate {
  code: string;
}

/**
 * One label per province, at the centre of its largest part, ranked by area
 * (bigger provinces win a collision); Hà Nội and TP. Hồ Chí Minh are always
 * drawn, by their official code or, in data with other codes, by their name.
 */
export function provinceLabels(provinces: readonly { code: string; name: string; areaKm2: number; geometry: Polygon | MultiPolygon }[]): ProvinceLabel[] {
  const maxArea = Math.max(1, ...provinces.map((p) => p.areaKm2));
  return provinces.map((p) => ({
    code: p.code,
    text: p.name,
    position: labelPoint(p.geometry),
    priority: Math.round((p.areaKm2 / maxArea) * 1000),
    always: ALWAYS_CODES.has(p.code) || ALWAYS_NAMES.test(p.name),
  }));
}

/** Ink of the provinces outside a province filter: still dark, so a name never turns grey. */
export const LABEL_INK_CONTEXT: RGBA = [52, 58, 70, 255];
/** Colour of a province label: focal provinces (the filter's) in full ink, the others a shade lighter when a filter is on. */
export function provinceLabelColor(code: string, focal: ReadonlySet<string>): RGBA {
  return focal.size === 0 || focal.has(code) ? LABEL_INK : LABEL_INK_CONTEXT;
}
