/**
 * Page geometry of an exported map image (PNG for a projector, A4 for print):
 * where the title, subtitle, marking, map, legend, north arrow, scale bar and
 * source line go, for an output size in pixels and a resolution in dpi. Pure
 * arithmetic, no DOM, so it is unit-tested in node and shared by every export.
 *
 * Type and spacing scale with the page's short side (1 % of it is the `unit`),
 * not with the dpi alone: a 1920×1080 slide and an A4 sheet then both carry
 * text that reads from the back of a briefing room or at arm's length, and the
 * same physical page at twice the dpi gets exactly twice the pixels. The dpi
 * decides how finely the map itself is rendered (`pixelRatio`): one CSS pixel
 * of the map (line widths, label sizes) is one 96th of an inch on paper.
 */

/** An axis-aligned rectangle in output pixels (origin top-left). */
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Font sizes in output pixels. */
export interface PrintFonts {
  title: number;
  subtitle: number;
  marking: number;
  legendTitle: number;
  legend: number;
  scale: number;
  source: number;
}

export interface PrintLayoutOptions {
  /** Reserve room for a protective marking ("Tài liệu nội bộ") in the header. */
  marking?: boolean;
  /** Lines the subtitle may take (the filter in words can be long); 2 by default. */
  subtitleLines?: number;
  /** Lines the source line may take; 2 by default. */
  sourceLines?: number;
}

export interface PrintLayout {
  width: number;
  height: number;
  dpi: number;
  /** 1 % of the short side: the base of every size below. */
  unit: number;
  margin: number;
  gap: number;
  /** Output pixels per CSS pixel when the map is rendered (dpi / 96, at least 1). */
  pixelRatio: number;
  fonts: PrintFonts;
  /** Line height as a multiple of the font size, used for every text block. */
  lineHeight: number;
  title: Rect;
  subtitle: Rect;
  /** Present only when `options.marking` asked for it. */
  marking?: Rect;
  map: Rect;
  legend: Rect;
  northArrow: Rect;
  scaleBar: Rect;
  source: Rect;
}

/** CSS pixels per inch: the reference for the map's pixel ratio. */
export const CSS_DPI = 96;

/** The two exports the briefing needs. */
export const OUTPUT_SIZES = {
  /** Full HD, for a projector or a slide; 96 dpi is what a screen means by a pixel. */
  screen: { id: 'fhd', width: 1920, height: 1080, dpi: 96 },
  /** A4 landscape at 300 dpi (297 × 210 mm). */
  a4: { id: 'a4', width: 3508, height: 2480, dpi: 300 },
} as const;

/** Pixel size of an A4 landscape page at a dpi (297 × 210 mm, rounded like print drivers do). */
export function a4Landscape(dpi: number): { width: number; height: number } {
  return { width: Math.round((297 / 25.4) * dpi), height: Math.round((210 / 25.4) * dpi) };
}

const LINE_HEIGHT = 1.3;

/**
 * The rectangles of an exported page. Header (title, marking on the right,
 * subtitle) on top, source line at the bottom, the map on the left of the body
 * and a side column on its right with the legend at the top and the north
 * arrow and scale bar at the bottom, so no furniture ever covers the data.
 */
export function printLayout(width: number, height: number, dpi: number, options: PrintLayoutOptions = {}): PrintLayout {
  if (!(width > 0 && height > 0 && dpi > 0)) throw new Error(`printLayout: bad size ${width}×${height} at ${dpi} dpi`);
  const unit = Math.min(width, height) / 100;
  const r = (v: number) => Math.round(v);
  const margin = r(3 * unit);
  const gap = r(2 * unit);
  const fonts: PrintFonts = {
    title: r(4.4 * unit),
    subtitle: r(2.4 * unit),
    marking: r(2.4 * unit),
    legendTitle: r(2.4 * unit),
    legend: r(2.2 * unit),
    scale: r(1.9 * unit),
    source: r(1.6 * unit),
  };
  const subtitleLines = Math.max(1, Math.round(options.subtitleLines ?? 2));
  const sourceLines = Math.max(1, Math.round(options.sourceLines ?? 2));

  const titleH = r(fonts.title * LINE_HEIGHT);
  const markingW = options.marking ? r(26 * unit) : 0;
  const title: Rect = { x: margin, y: margin, w: width - 2 * margin - (markingW ? markingW + gap : 0), h: titleH };
  const marking: Rect | undefined = options.marking ? { x: width - margin - markingW, y: margin, w: markingW, h: titleH } : undefined;
  const subtitle: Rect = { x: margin, y: title.y + title.h, w: width - 2 * margin, h: r(subtitleLines * fonts.subtitle * LINE_HEIGHT) };

  const sourceH = r(sourceLines * fonts.source * LINE_HEIGHT);
  const source: Rect = { x: margin, y: height - margin - sourceH, w: width - 2 * margin, h: sourceH };

  const bodyTop = subtitle.y + subtitle.h + gap;
  const bodyBottom = source.y - gap;
  const sideW = r(Math.max(26 * unit, 0.18 * width));
  const map: Rect = { x: margin, y: bodyTop, w: width - 2 * margin - gap - sideW, h: bodyBottom - bodyTop };
  const sideX = map.x + map.w + gap;

  const scaleH = r(6 * unit);
  const scaleBar: Rect = { x: sideX, y: bodyBottom - scaleH, w: sideW, h: scaleH };
  const arrow = r(9 * unit);
  const northArrow: Rect = { x: sideX, y: scaleBar.y - gap - arrow, w: arrow, h: arrow };
  const legend: Rect = { x: sideX, y: bodyTop, w: sideW, h: northArrow.y - gap - bodyTop };

  return {
    width,
    height,
    dpi,
    unit,
    margin,
    gap,
    pixelRatio: Math.max(1, dpi / CSS_DPI),
    fonts,
    lineHeight: LINE_HEIGHT,
    title,
    subtitle,
    ...(marking ? { marking } : {}),
    map,
    legend,
    northArrow,
    scaleBar,
    source,
  };
}

/** Mean equatorial circumference of the Web Mercator sphere, in metres. */
const EARTH_CIRCUMFERENCE = 40_075_016.686;

/**
 * Ground metres per output pixel at a latitude, for a Web Mercator map at
 * `zoom` (MapLibre's 512-px tiles) rendered at `pixelRatio` output pixels per
 * CSS pixel. Mercator stretches with latitude, so this holds at that latitude
 * only: the scale bar states the resolution at the map's centre.
 */
export function metresPerPixel(zoom: number, latitude: number, pixelRatio = 1, tileSize = 512): number {
  return (EARTH_CIRCUMFERENCE * Math.cos((latitude * Math.PI) / 180)) / (tileSize * 2 ** zoom) / pixelRatio;
}

export interface ScaleBarSpec {
  /** Ground length the bar stands for. */
  metres: number;
  /** Its length in output pixels. */
  px: number;
  /** "500 m", "2 km", "100 km". */
  label: string;
}

/**
 * The longest round scale bar (1, 2 or 5 × 10ⁿ km, n may be negative, so also
 * 500 m, 200 m, …) that is no longer than `maxPx` output pixels. Falls back to
 * the shortest candidate (1 m) when even that does not fit.
 */
export function niceScaleBar(metresPerPx: number, maxPx: number): ScaleBarSpec {
  if (!(metresPerPx > 0) || !(maxPx > 0)) throw new Error('niceScaleBar: resolution and width must be positive');
  let best = 1;
  for (let exp = -3; exp <= 5; exp++) {
    for (const m of [1, 2, 5]) {
      const metres = Math.round(m * 10 ** exp * 1000 * 1000) / 1000;
      if (metres / metresPerPx <= maxPx && metres > best) best = metres;
    }
  }
  const label = best >= 1000 ? `${best / 1000} km` : `${best} m`;
  return { metres: best, px: best / metresPerPx, label };
}

/** True when two rectangles share any area (touching edges do not count). */
export function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** True when `inner` lies within `outer`. */
export function contains(outer: Rect, inner: Rect): boolean {
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.w <= outer.x + outer.w && inner.y + inner.h <= outer.y + outer.h;
}

/**
 * Size of the province labels in an exported image: at least 16 output pixels
 * (the 1920×1080 slide), 1.6 % of the page's short side otherwise (about
 * 3.4 mm on A4), returned in output pixels and in the CSS pixels the map is
 * rendered in (output / pixel ratio).
 */
export function exportLabelSize(layout: Pick<PrintLayout, 'unit' | 'pixelRatio'>): { outputPx: number; cssPx: number } {
  const outputPx = Math.max(16, Math.round(1.6 * layout.unit));
  return { outputPx, cssPx: outputPx / layout.pixelRatio };
}

/**
 * Where the archipelagos' inset goes in a map rectangle: the bottom-right
 * corner (open sea on a map of Vietnam), a fifth of the map's width, taller
 * than wide like the archipelagos themselves, one unit in from the edges.
 */
export function insetRect(map: Rect, unit: number): Rect {
  const w = Math.round(Math.max(14 * unit, Math.min(map.w * 0.2, map.h * 0.45)));
  const h = Math.min(Math.round(w * 1.45), map.h - 2 * Math.round(unit));
  return { x: map.x + map.w - w - Math.round(unit), y: map.y + map.h - h - Math.round(unit), w, h };
}

/** The two halves of a map rectangle for a two-year comparison, `gap` pixels apart. */
export function splitRect(map: Rect, gap: number): [Rect, Rect] {
  const w = Math.floor((map.w - gap) / 2);
  return [
    { x: map.x, y: map.y, w, h: map.h },
    { x: map.x + map.w - w, y: map.y, w, h: map.h },
  ];
}
