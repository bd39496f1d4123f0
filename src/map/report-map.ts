/**
 * The report's maps as drawings (src/model/drawing.ts), projected onto the
 * page in points: the scope coloured by rating with legend (counts), scale
 * bar, north arrow and source; a strip of small maps of the last five years;
 * and, for the whole country, provinces coloured by their share of weak
 * communes. Pure (no DOM, no WebGL), so the node CLI draws the same maps as
 * the page; the PDF gets them as vector paths, the DOCX as a raster.
 *
 * National maps (the strip's small maps too) use the extent of QCVN 80
 * (102–118°E, 4°30′–23°30′N) and draw and name Hoàng Sa, Trường Sa and Biển
 * Đông as the app's maps do (./sovereignty.ts, ../model/sovereignty.ts), the
 * names placed by the app's fit (./label-fit.ts) in points, wholly inside
 * each map and off the islands. A province map is
 * framed on its mainland; parts of it far out at sea (an archipelago) are
 * drawn in an inset box, never cut off, on each of the strip's small maps
 * too, each island with a mark in its rating's colour so it shows in print.
 * The strip's captions wrap and shrink to their map's width.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { Topology } from 'topojson-specification';
import type { StructureInfo } from '../model/bundle.ts';
import { rgbOf, type MeasureText, type Rgb, type Scene, type SceneItem, type SceneRect } from '../model/drawing.ts';
import { EXPORT_WORDS, formatNumber, t, type Lang } from '../model/i18n.ts';
import { reportYear, share, WEAK_SHARE_COLORS, weakShareClass, weakShareLabels, type ReportData } from '../model/report.ts';
import { NO_DATA_COLOR, sortedLevels, type RatingScale } from '../model/scale.ts';
import { meshLines, unitFeatures, type UnitFeature } from './boundaries.ts';
import { LABEL_LINE_HEIGHT } from './layers.ts';
import { niceScaleBar } from './print-layout.ts';
import { ARCHIPELAGOS, NATIONAL_EXTENT } from '../model/sovereignty.ts';
import { fitSovereigntyLabels, islandsOf, wrapText as wrapWords, type FitRules, type LabelView } from './label-fit.ts';
import { archipelagoShapes, breakBeforeParenthesis, sovereigntyLabels, SEA_INK, type ArchipelagoShape } from './sovereignty.ts';

type Bounds = [[number, number], [number, number]];

const INK: Rgb = [20, 24, 31];
const MUTED: Rgb = [74, 82, 96];
const SEA: Rgb = [234, 242, 248];
const LAND_CONTEXT: Rgb = [238, 236, 230];
const NEIGHBOUR: Rgb = [226, 223, 214];
const PROVINCE_LINE: Rgb = [70, 70, 80];
const COMMUNE_LINE: Rgb = [255, 255, 255];
const FRAME: Rgb = [138, 146, 158];

/** Web Mercator: longitude/latitude in degrees → x, y in radians (y up). */
function mercator(lon: number, lat: number): [number, number] {
  const phi = (Math.max(-85, Math.min(85, lat)) * Math.PI) / 180;
  return [(lon * Math.PI) / 180, Math.log(Math.tan(Math.PI / 4 + phi / 2))];
}

/** A projection of a lon/lat frame onto a rectangle of the page (aspect kept, centred). */
export interface Projection {
  rect: SceneRect;
  /** Points per radian of longitude. */
  k: number;
  point(lon: number, lat: number): [number, number];
  /** Ground metres per point at a latitude. */
  metresPerPoint(lat: number): number;
  centreLat: number;
  /** The same map as a camera whose pixels are the page's points (src/map/label-fit.ts). */
  view: LabelView;
}

export function fitProjection(bounds: Bounds, rect: SceneRect): Projection {
  const [x0, y0] = mercator(bounds[0][0], bounds[0][1]);
  const [x1, y1] = mercator(bounds[1][0], bounds[1][1]);
  const k = Math.min(rect.w / (x1 - x0), rect.h / (y1 - y0));
  const ox = rect.x + (rect.w - (x1 - x0) * k) / 2;
  const oy = rect.y + (rect.h - (y1 - y0) * k) / 2;
  // The rectangle's centre is the bounds' centre (in Mercator); a world of 512 · 2^zoom pixels spans 2π radians.
  const view: LabelView = {
    lng: (bounds[0][0] + bounds[1][0]) / 2,
    lat: (Math.atan(Math.sinh((y0 + y1) / 2)) * 180) / Math.PI,
    zoom: Math.log2((2 * Math.PI * k) / 512),
    width: rect.w,
    height: rect.h,
  };
  return {
    rect,
    k,
    view,
    centreLat: (bounds[0][1] + bounds[1][1]) / 2,
    point(lon, lat) {
      const [x, y] = mercator(lon, lat);
      return [ox + (x - x0) * k, oy + (y1 - y) * k];
    },
    // 6,378,137 m is the Web Mercator sphere's radius: a radian of longitude at the equator.
    metresPerPoint: (lat) => (6_378_137 * Math.cos((lat * Math.PI) / 180)) / k,
  };
}

/** A ring projected and thinned: points closer than `tolerance` points to the last kept one are dropped. */
function projectRing(ring: Position[], p: Projection, tolerance: number): number[] {
  const out: number[] = [];
  let lx = NaN, ly = NaN;
  for (let i = 0; i < ring.length; i++) {
    const [x, y] = p.point(ring[i][0], ring[i][1]);
    if (i > 0 && i < ring.length - 1 && Math.abs(x - lx) < tolerance && Math.abs(y - ly) < tolerance) continue;
    out.push(Math.round(x * 100) / 100, Math.round(y * 100) / 100);
    lx = x;
    ly = y;
  }
  return out.length >= 6 ? out : [];
}

function polygonsOf(g: Polygon | MultiPolygon): Position[][][] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

function ringsOf(g: Polygon | MultiPolygon, p: Projection, tolerance: number): number[][] {
  const out: number[][] = [];
  for (const poly of polygonsOf(g)) for (const ring of poly) {
    const r = projectRing(ring, p, tolerance);
    if (r.length) out.push(r);
  }
  return out;
}

function bboxOfRings(rings: Position[][]): Bounds {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  for (const ring of rings) for (const [x, y] of ring) {
    w = Math.min(w, x);
    e = Math.max(e, x);
    s = Math.min(s, y);
    n = Math.max(n, y);
  }
  return [[w, s], [e, n]];
}

function union(a: Bounds, b: Bounds): Bounds {
  return [[Math.min(a[0][0], b[0][0]), Math.min(a[0][1], b[0][1])], [Math.max(a[1][0], b[1][0]), Math.max(a[1][1], b[1][1])]];
}

function pad(b: Bounds, f: number, min = 0.02): Bounds {
  const dx = Math.max((b[1][0] - b[0][0]) * f, min);
  const dy = Math.max((b[1][1] - b[0][1]) * f, min);
  return [[b[0][0] - dx, b[0][1] - dy], [b[1][0] + dx, b[1][1] + dy]];
}

function near(a: Bounds, b: Bounds, gap: number): boolean {
  return a[0][0] - gap <= b[1][0] && b[0][0] - gap <= a[1][0] && a[0][1] - gap <= b[1][1] && b[0][1] - gap <= a[1][1];
}

/**
 * A province's frame: its largest part and every part within 1° of what is
 * already framed; the parts left over (an archipelago far out at sea) are
 * framed apart, for an inset. Undefined `inset` when nothing is left over.
 */
export function provinceFrames(features: readonly UnitFeature[]): { main: Bounds; inset?: Bounds } {
  const parts = features.flatMap((f) => polygonsOf(f.geometry).map((poly) => bboxOfRings([poly[0]])));
  if (!parts.length) return { main: [[102, 8], [110, 23.5]] };
  const area = (b: Bounds) => (b[1][0] - b[0][0]) * (b[1][1] - b[0][1]);
  parts.sort((a, b) => area(b) - area(a));
  let main = parts[0];
  const rest = new Set(parts.slice(1));
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of rest) {
      if (near(main, p, 1)) {
        main = union(main, p);
        rest.delete(p);
        grew = true;
      }
    }
  }
  if (!rest.size) return { main };
  return { main, inset: [...rest].reduce(union) };
}

interface LegendEntry {
  color: Rgb;
  label: string;
  count?: number;
}

/** A legend row under a map: swatch, label and count, wrapping onto more rows when needed. Returns its height. */
function drawLegend(items: SceneItem[], entries: LegendEntry[], x: number, y: number, width: number, measure: MeasureText, lang: Lang, size = 8): number {
  const sw = size * 1.3;
  const gap = size * 1.4;
  let cx = x;
  let cy = y;
  for (const e of entries) {
    const text = e.count === undefined ? e.label : `${e.label} (${formatNumber(lang, e.count)})`;
    const w = sw + size * 0.5 + measure(text, size) + gap;
    if (cx > x && cx + w > x + width) {
      cx = x;
      cy += size * 1.7;
    }
    items.push({ type: 'rect', x: cx, y: cy, w: sw, h: size, fill: e.color, stroke: [110, 110, 110], strokeWidth: 0.4 });
    items.push({ type: 'text', x: cx + sw + size * 0.5, y: cy + size * 0.85, text, size, color: INK });
    cx += w;
  }
  return cy + size * 1.7 - y;
}

/** A north arrow ("B" / "N") whose tip is at the top of `rect`. */
function drawNorthArrow(items: SceneItem[], rect: SceneRect, lang: Lang): void {
  const cx = rect.x + rect.w / 2;
  const top = rect.y + rect.h * 0.36;
  const bottom = rect.y + rect.h;
  const half = rect.w * 0.32;
  items.push({ type: 'polygon', rings: [[cx, top, cx + half, bottom, cx, bottom - rect.h * 0.18]], fill: INK });
  items.push({ type: 'polygon', rings: [[cx, top, cx - half, bottom, cx, bottom - rect.h * 0.18]], fill: [255, 255, 255] });
  items.push({ type: 'lines', paths: [[cx, top, cx - half, bottom, cx, bottom - rect.h * 0.18, cx, top]], stroke: INK, width: 0.6 });
  items.push({ type: 'text', x: cx, y: rect.y + rect.h * 0.28, text: EXPORT_WORDS.northLetter[lang], size: rect.h * 0.3, bold: true, color: INK, anchor: 'middle' });
}

/** A black/white metric scale bar with "0" and the length. */
function drawScaleBar(items: SceneItem[], x: number, y: number, maxWidth: number, metresPerPoint: number): void {
  const spec = niceScaleBar(metresPerPoint, maxWidth);
  const h = 3.2;
  items.push({ type: 'rect', x, y, w: spec.px / 2, h, fill: INK });
  items.push({ type: 'rect', x: x + spec.px / 2, y, w: spec.px / 2, h, fill: [255, 255, 255] });
  items.push({ type: 'rect', x, y, w: spec.px, h, stroke: INK, strokeWidth: 0.5 });
  items.push({ type: 'text', x, y: y + h + 8, text: '0', size: 7, color: INK, anchor: 'middle' });
  items.push({ type: 'text', x: x + spec.px, y: y + h + 8, text: spec.label, size: 7, color: INK, anchor: 'middle' });
}

/** Lines of `text` that fit `width` at `size` (words kept whole), at most `max` lines. */
function wrapText(text: string, width: number, size: number, measure: MeasureText, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && measure(next, size) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  if (lines.length > max) {
    const kept = lines.slice(0, max);
    kept[max - 1] = `${kept[max - 1]} …`;
    return kept;
  }
  return lines;
}

/** What every report map of one bundle shares: decoded geometry of one structure. */
export interface ReportGeometry {
  communes: UnitFeature[];
  provinces: UnitFeature[];
  neighbours: UnitFeature[];
  provinceLines: Position[][];
  communeLines: Position[][];
  /** Hoàng Sa and Trường Sa as the communes draw them (archipelagoShapes), once for every map of the report. */
  archipelagos: ArchipelagoShape[];
}

/** Decodes the geometry a structure's report maps need (once per structure; it is the slow part). */
export function reportGeometry(topology: Topology, structure: StructureInfo): ReportGeometry {
  const neighbours = topology.objects.neighbours ? unitFeatures(topology, 'neighbours') : [];
  const communes = unitFeatures(topology, structure.communeObject);
  return {
    communes,
    archipelagos: archipelagoShapes(communes),
    provinces: unitFeatures(topology, structure.provinceObject),
    neighbours,
    provinceLines: meshLines(topology, structure.provinceObject),
    communeLines: meshLines(topology, structure.communeObject),
  };
}

export interface ReportMapInput {
  geometry: ReportGeometry;
  data: ReportData;
  scale: RatingScale;
  lang: Lang;
  /** The data's source, said under the map. */
  source: string;
  measure: MeasureText;
  /** Width of the drawings in points (the text column of the page). */
  width: number;
}

interface Frame {
  main: Bounds;
  inset?: Bounds;
  national: boolean;
}

function frameOf(input: ReportMapInput): Frame {
  if (input.data.request.province == null) return { main: NATIONAL_EXTENT, national: true };
  const own = input.geometry.provinces.filter((f) => f.properties.code === input.data.request.province);
  const fr = provinceFrames(own.length ? own : input.geometry.communes.filter((f) => input.data.communes.some((c) => c.code === f.properties.code)));
  return { main: pad(fr.main, 0.04), inset: fr.inset ? pad(fr.inset, 0.15, 0.1) : undefined, national: false };
}

/** The land, neighbours and sea under a map, clipped to its rectangle. */
function drawBase(items: SceneItem[], input: ReportMapInput, p: Projection, tolerance: number): void {
  items.push({ type: 'rect', ...p.rect, fill: SEA });
  for (const f of input.geometry.neighbours) items.push({ type: 'polygon', rings: ringsOf(f.geometry, p, tolerance), fill: NEIGHBOUR });
  for (const f of input.geometry.provinces) items.push({ type: 'polygon', rings: ringsOf(f.geometry, p, tolerance), fill: LAND_CONTEXT });
}

/** Communes of the scope filled by `colorOf`, their borders and the province borders. */
function drawUnits(items: SceneItem[], input: ReportMapInput, p: Projection, colorOf: (code: string) => Rgb | undefined, opts: { tolerance: number; communeLines: boolean; units?: UnitFeature[] }): void {
  for (const f of opts.units ?? input.geometry.communes) {
    const c = colorOf(f.properties.code);
    if (!c) continue;
    const rings = ringsOf(f.geometry, p, opts.tolerance);
    if (rings.length) items.push({ type: 'polygon', rings, fill: c });
  }
  const visible = (line: Position[]) => line.some(([lon, lat]) => {
    const [x, y] = p.point(lon, lat);
    return x >= p.rect.x - 2 && x <= p.rect.x + p.rect.w + 2 && y >= p.rect.y - 2 && y <= p.rect.y + p.rect.h + 2;
  });
  const project = (lines: Position[][]) => lines.filter(visible).map((l) => projectRing(l, p, opts.tolerance)).filter((l) => l.length >= 4);
  if (opts.communeLines) items.push({ type: 'lines', paths: project(input.geometry.communeLines), stroke: COMMUNE_LINE, width: 0.25, opacity: 0.7 });
  items.push({ type: 'lines', paths: project(input.geometry.provinceLines), stroke: PROVINCE_LINE, width: 0.6 });
}

/** Radius of an island's mark, its dark ring included, in points. */
const MARK_RADIUS = 1.7;
/** The same in a province map's inset (a box 145 pt wide, islands a few points apart) and in a small map's (27.5 pt wide). */
const INSET_MARK_RADIUS = 2.4;
const STRIP_INSET_MARK_RADIUS = 1.5;
/** Half the width of a label's halo (src/io/report/pdf.ts strokes it size × 0.28 wide), as a fraction of the size. */
const HALO_EM = 0.14;
/** A text line's ink above its baseline, as a fraction of the size: a label's box starts this far above its first baseline. */
const ASCENT_EM = 0.9;

/**
 * The sovereignty labels' fit on a page (src/map/label-fit.ts), in points.
 * Shrunk by half points to no less than 5 pt: about the smallest lettering a
 * printed map keeps legible at reading distance (capitals 3.7 pt, 1.3 mm, in
 * Be Vietnam Pro; a 300 dpi print gives the em 21 dots, enough for stacked
 * diacritics such as ẵ). The report's own smallest text is 6.5 pt (the
 * source line); the labels start at 7 pt on a full-width map and at
 * STRIP_LABEL_SIZE in the strip. A point of air from the edge with the halo
 * inside the map; the halo and half a point of air kept off an island's mark
 * (1.7 pt) and off the box of each archipelago's islands. The sea's name
 * shrinks rather than leave its stretch of sea for another (over Hải Nam).
 */
export const PRINT_FIT: FitRules = { minSize: 5, sizeStep: 0.5, edgeMargin: 1, markClearance: MARK_RADIUS + 0.5, padEm: HALO_EM, clearOfIslandBoxes: true, seaDrift: 1.5 };

/**
 * Each island of `shapes` as a mark: a dark octagon `radius` points wide with
 * the island unit's colour from `colorOf` (by commune code) inside, else the
 * grey of "not rated", so that the rating shows; islands whose outline is the
 * built-in one are drawn in that grey first. `within` keeps only the islands
 * inside a lon/lat box (an inset's).
 */
function drawIslandMarks(items: SceneItem[], input: ReportMapInput, shapes: readonly ArchipelagoShape[], p: Projection, radius: number, colorOf?: (code: string) => Rgb | undefined, within?: Bounds): void {
  const grey = rgbOf(NO_DATA_COLOR);
  const codeAt = new Map(input.geometry.communes.map((f) => [f.properties.index, f.properties.code]));
  const dot = (x: number, y: number, r: number) => Array.from({ length: 8 }, (_, k) => [x + r * Math.cos((k * Math.PI) / 4), y + r * Math.sin((k * Math.PI) / 4)]).flat();
  const inside = ([lon, lat]: [number, number]) => !within || (lon >= within[0][0] && lon <= within[1][0] && lat >= within[0][1] && lat <= within[1][1]);
  for (const s of shapes) {
    if (s.source === 'built-in' && s.marks.some((m) => inside(m.position))) for (const g of s.geometries) items.push({ type: 'polygon', rings: ringsOf(g, p, 0.05), fill: grey });
    for (const m of s.marks) {
      if (!inside(m.position)) continue;
      const [x, y] = p.point(m.position[0], m.position[1]);
      const code = m.index === undefined ? undefined : codeAt.get(m.index);
      const fill = (code !== undefined && colorOf?.(code)) || grey;
      items.push({ type: 'polygon', rings: [dot(x, y, radius)], fill: INK }, { type: 'polygon', rings: [dot(x, y, radius - 0.4)], fill });
    }
  }
}

/**
 * Hoàng Sa and Trường Sa with their governing unit, and Biển Đông, as the app's
 * maps draw them (./sovereignty.ts): the islands from the loaded boundaries
 * when they have them, else the built-in outline in the grey of "not rated";
 * each island also gets a mark a point or so wide, since at this scale the
 * islands themselves are far smaller than a point. A mark takes its unit's
 * colour from `colorOf` (by commune code), else that grey. The labels are
 * placed as on screen (src/map/label-fit.ts, PRINT_FIT): wholly inside the
 * map's rectangle, off the islands and off each other, moved inward, hung
 * above the islands, wrapped or shrunk where the map is small.
 */
function drawSovereignty(items: SceneItem[], input: ReportMapInput, p: Projection, size: number, colorOf?: (code: string) => Rgb | undefined): void {
  const shapes = input.geometry.archipelagos;
  drawIslandMarks(items, input, shapes, p, MARK_RADIUS, colorOf);
  const rules: FitRules = { ...PRINT_FIT, measureFor: (l) => (text) => input.measure(text, 1, l.role !== 'sea') };
  for (const l of fitSovereigntyLabels(sovereigntyLabels(input.lang, shapes, size), islandsOf(shapes), p.view, undefined, rules)) {
    const [x, y] = p.point(l.position[0], l.position[1]);
    const sea = l.role === 'sea';
    const ls = l.size ?? size;
    const lines = l.text.split('\n');
    // The block of lines (LABEL_LINE_HEIGHT apart) hangs below its point ('top') or is centred on it, as the fit measured it.
    const top = l.baseline === 'top' ? y : y - (lines.length * ls * LABEL_LINE_HEIGHT) / 2;
    lines.forEach((text, k) =>
      items.push({ type: 'text', x, y: top + ls * (ASCENT_EM + k * LABEL_LINE_HEIGHT), text, size: ls, bold: !sea, color: sea ? [SEA_INK[0], SEA_INK[1], SEA_INK[2]] : INK, anchor: 'middle', halo: [255, 255, 255] }),
    );
  }
}

/** Colour of each commune in `year` of the data (the map's and the strip's colouring). */
function ratingColors(input: ReportMapInput, yearIndex: number | 'year'): (code: string) => Rgb | undefined {
  const palette = new Map(input.scale.levels.map((l) => [l.id, rgbOf(l.color)]));
  const none = rgbOf(NO_DATA_COLOR);
  const byCode = new Map(input.data.communes.map((c) => [c.code, yearIndex === 'year' ? c.rating : c.history[yearIndex]]));
  return (code) => {
    if (!byCode.has(code)) return undefined;
    const r = byCode.get(code);
    return (r != null ? palette.get(r) : undefined) ?? none;
  };
}

/** The map footer: legend on the left, scale bar and north arrow on the right, source under. Returns its height. */
function drawFooter(items: SceneItem[], input: ReportMapInput, top: number, entries: LegendEntry[], p: Projection | undefined, title: string): number {
  const { measure, lang, width } = input;
  const right = 96;
  items.push({ type: 'text', x: 0, y: top + 9, text: title, size: 8.5, bold: true, color: INK });
  const legendH = drawLegend(items, entries, 0, top + 14, width - right - 8, measure, lang);
  if (p) {
    drawNorthArrow(items, { x: width - 22, y: top + 2, w: 14, h: 26 }, lang);
    drawScaleBar(items, width - right, top + 14, right - 34, p.metresPerPoint(p.centreLat));
  }
  let y = top + 14 + Math.max(legendH, 30) + 2;
  for (const line of wrapText(t(lang, 'reviewMapSource', { source: input.source }), width, 6.5, measure, 2)) {
    items.push({ type: 'text', x: 0, y: y + 6.5, text: line, size: 6.5, color: MUTED });
    y += 8.5;
  }
  return y - top + 2;
}

/** The legend of the rating levels, with counts of the scope's communes in the report's year. */
function ratingLegend(input: ReportMapInput, withCounts: boolean): LegendEntry[] {
  const y = reportYear(input.data, input.data.request.year);
  const entries: LegendEntry[] = sortedLevels(input.scale).map((l) => ({ color: rgbOf(l.color), label: l.label[input.lang], count: withCounts ? (y.byLevel[l.id] ?? 0) : undefined }));
  const notRated = y.units - y.rated;
  if (notRated > 0 || !withCounts) entries.push({ color: rgbOf(NO_DATA_COLOR), label: t(input.lang, 'reviewNotRated'), count: withCounts ? notRated : undefined });
  return entries;
}

/**
 * An inset box for the parts of a province far out at sea, in the corner of
 * `rect` that covers the fewest of the scope's communes (`points`, projected).
 */
function insetRect(rect: SceneRect, bounds: Bounds, points: readonly [number, number][]): SceneRect {
  const [x0, y0] = mercator(bounds[0][0], bounds[0][1]);
  const [x1, y1] = mercator(bounds[1][0], bounds[1][1]);
  const w = rect.w * 0.3;
  const h = Math.max(rect.h * 0.15, Math.min(rect.h * 0.4, (w * (y1 - y0)) / (x1 - x0)));
  // 6 pt from the map's edges (an eightieth of the column); on a small map (the strip's) the same share of its width.
  const m = Math.min(6, rect.w / 80);
  const corners: SceneRect[] = [
    { x: rect.x + rect.w - w - m, y: rect.y + m, w, h },
    { x: rect.x + m, y: rect.y + m, w, h },
    { x: rect.x + rect.w - w - m, y: rect.y + rect.h - h - m, w, h },
    { x: rect.x + m, y: rect.y + rect.h - h - m, w, h },
  ];
  // Communes within 4 pt of the box count as covered; on a small map, within the same share of its width.
  const near = Math.min(4, rect.w / 120);
  const covered = (r: SceneRect) => points.filter(([x, y]) => x >= r.x - near && x <= r.x + r.w + near && y >= r.y - near && y <= r.y + r.h + near).length;
  return corners.reduce((best, r) => (covered(r) < covered(best) ? r : best));
}

interface InsetOptions {
  tolerance: number;
  /** Radius of an island's mark. */
  markRadius: number;
  /** The size the archipelago's name starts at (it shrinks to PRINT_FIT's floor). */
  titleFrom: number;
  /**
   * When set, the name is left out unless it fits at PRINT_FIT's floor or
   * more and its band leaves at least this share of the box's height to the
   * islands (a small map's inset: the islands come first).
   */
  islandsShare?: number;
}

/**
 * The inset of a province map `p` whose archipelago lies in `bounds` (lon/lat)
 * far out at sea: a box in the corner of the map that covers the fewest of the
 * scope's communes, the archipelago named in a band at its top (see
 * InsetOptions.islandsShare) and its islands fitted below, filled by
 * `colors` and each given a mark (drawIslandMarks) so it shows in print.
 * Returns the box.
 */
function drawInset(items: SceneItem[], input: ReportMapInput, bounds: Bounds, p: Projection, colors: (code: string) => Rgb | undefined, opts: InsetOptions): SceneRect {
  const inScope = new Set(input.data.communes.map((c) => c.code));
  const points = input.geometry.communes
    .filter((f) => inScope.has(f.properties.code))
    .flatMap((f) => polygonsOf(f.geometry).flatMap((poly) => poly[0].filter((_, i) => i % 4 === 0).map(([lon, lat]) => p.point(lon, lat))));
  const ir = insetRect(p.rect, bounds, points);
  const cx = (bounds[0][0] + bounds[1][0]) / 2;
  const cy = (bounds[0][1] + bounds[1][1]) / 2;
  const name = ARCHIPELAGOS.find((a) => cx >= a.region[0][0] && cx <= a.region[1][0] && cy >= a.region[0][1] && cy <= a.region[1][1]);
  let title = name ? insetTitle(t(input.lang, name.label), ir.w, input.measure, opts.titleFrom) : undefined;
  const bandOf = (tt: typeof title) => (tt ? tt.lines.length * tt.size * LABEL_LINE_HEIGHT + 2 * tt.pad : 0);
  if (title && opts.islandsShare !== undefined && (!title.fits || bandOf(title) > ir.h * (1 - opts.islandsShare))) title = undefined;
  const band = bandOf(title);
  const ip = fitProjection(bounds, { x: ir.x, y: ir.y + band, w: ir.w, h: ir.h - band });
  const insetItems: SceneItem[] = [{ type: 'rect', ...ir, fill: SEA }];
  drawBase(insetItems, input, ip, opts.tolerance);
  drawUnits(insetItems, input, ip, colors, { tolerance: opts.tolerance, communeLines: true });
  drawIslandMarks(insetItems, input, input.geometry.archipelagos, ip, opts.markRadius, colors, bounds);
  title?.lines.forEach((text, k) =>
    insetItems.push({ type: 'text', x: ir.x + ir.w / 2, y: ir.y + title.pad + title.size * (ASCENT_EM + k * LABEL_LINE_HEIGHT), text, size: title.size, bold: true, color: INK, anchor: 'middle', halo: [255, 255, 255] }),
  );
  items.push({ type: 'group', clip: ir, items: insetItems });
  items.push({ type: 'rect', ...ir, stroke: FRAME, strokeWidth: p.rect.w < 200 ? 0.6 : 0.8 });
  return ir;
}

/**
 * The name of an archipelago over an inset `width` points wide: `from` pt on one
 * line when it fits, else broken before its governing unit, else wrapped
 * between words, shrunk by half points down to PRINT_FIT's floor; `pad` is
 * the room kept above and beside it (the halo and a point of air).
 */
function insetTitle(text: string, width: number, measure: MeasureText, from = 6.5): { lines: string[]; size: number; pad: number; fits: boolean } {
  const em = (s: string) => measure(s, 1, true);
  let best: { lines: string[]; size: number; pad: number; fits: boolean } | undefined;
  for (let size = from; size >= PRINT_FIT.minSize - 1e-9; size -= PRINT_FIT.sizeStep) {
    const pad = PRINT_FIT.edgeMargin + HALO_EM * size;
    const room = width - 2 * pad;
    for (const candidate of [text, breakBeforeParenthesis(text), wrapWords(breakBeforeParenthesis(text), room, size, em)]) {
      const lines = candidate.split('\n');
      best = { lines, size, pad, fits: false };
      if (Math.max(...lines.map((l) => em(l) * size)) <= room) return { ...best, fits: true };
    }
  }
  return best!;
}

/** The map of the scope in the report's year, with legend counts, scale bar, north arrow and source. */
export function ratingMapScene(input: ReportMapInput): Scene {
  const frame = frameOf(input);
  const [x0, y0] = mercator(frame.main[0][0], frame.main[0][1]);
  const [x1, y1] = mercator(frame.main[1][0], frame.main[1][1]);
  // Tall scopes (the whole country) get a taller map, up to most of a page.
  const mapH = Math.min(input.width * 1.25, Math.max(input.width * 0.55, (input.width * (y1 - y0)) / (x1 - x0)));
  const rect: SceneRect = { x: 0, y: 0, w: input.width, h: mapH };
  const p = fitProjection(frame.main, rect);
  const items: SceneItem[] = [];
  const inner: SceneItem[] = [];
  drawBase(inner, input, p, 0.3);
  const colors = ratingColors(input, 'year');
  drawUnits(inner, input, p, colors, { tolerance: 0.3, communeLines: true });
  if (frame.national) drawSovereignty(inner, input, p, 7, colors);
  items.push({ type: 'group', clip: rect, items: inner });
  if (frame.inset) drawInset(items, input, frame.inset, p, colors, { tolerance: 0.2, markRadius: INSET_MARK_RADIUS, titleFrom: 6.5 });
  items.push({ type: 'rect', ...rect, stroke: FRAME, strokeWidth: 0.8 });
  const footer = drawFooter(items, input, mapH + 4, ratingLegend(input, true), p, t(input.lang, 'legendTitle'));
  return { width: input.width, height: mapH + 4 + footer, items };
}

/**
 * The sovereignty labels' size in the strip's small maps (a fifth of the
 * column, 92 × 113 pt for the country): at 7 pt, as on the full map, the
 * label of Hoàng Sa and Biển Đông's name do not both fit between the two
 * archipelagos and the sea's name went over Hải Nam; at 5.5 pt (Biển Đông
 * 6.6 → 6) they do, in both languages.
 */
const STRIP_LABEL_SIZE = 5.5;

/** The size a strip caption starts at, and the room kept between the caption's last baseline and the map (its descenders). */
const CAPTION_SIZE = 6.5;
const CAPTION_AIR = 3;

/**
 * The captions under the strip's years, each fitted to its small map's
 * `width`: one line at CAPTION_SIZE when it fits, else two (broken before a
 * parenthesis, else between words), else both shrunk by half points down to
 * PRINT_FIT's floor (5 pt). One size for the whole row, so the years read
 * alike. Past the floor a caption keeps two lines at 5 pt (never seen on the
 * report's words: "61 weak communes (estimate)" takes two lines at 6.5 pt
 * over a 91.6 pt map).
 */
export function stripCaptions(texts: readonly string[], width: number, measure: MeasureText): { size: number; lines: string[][] } {
  const fit = (text: string, size: number): string[] | undefined => {
    if (measure(text, size) <= width) return [text];
    const em = (x: string) => measure(x, 1);
    for (const candidate of [breakBeforeParenthesis(text), wrapWords(text, width, size, em)]) {
      const lines = candidate.split('\n');
      if (lines.length <= 2 && lines.every((l) => measure(l, size) <= width)) return lines;
    }
    return undefined;
  };
  for (let size = CAPTION_SIZE; size >= PRINT_FIT.minSize - 1e-9; size -= PRINT_FIT.sizeStep) {
    const lines = texts.map((x) => fit(x, size));
    if (lines.every((l) => l)) return { size, lines: lines as string[][] };
  }
  const size = PRINT_FIT.minSize;
  return { size, lines: texts.map((x) => fit(x, size) ?? wrapWords(x, width, size, (y) => measure(y, 1)).split('\n')) };
}

/**
 * A small map's inset (a province's archipelago): the islands come first; the
 * name is drawn only when it fits at 5 pt or more and leaves the islands at
 * least half the box. On the report's page it does not: the box is 27.5 ×
 * 21.5–22 pt with 24.1 pt of room for the name, where "QĐ. Hoàng Sa" alone is
 * wider at 5 pt ("Hoàng Sa" 24.3 pt, "(Khánh Hòa)" 31.9 pt), and two lines
 * would take 15 pt of its height. So the small maps carry the islands, filled
 * and marked with that year's ratings, and the main map above them the name.
 */
const STRIP_INSET: InsetOptions = { tolerance: 0.3, markRadius: STRIP_INSET_MARK_RADIUS, titleFrom: STRIP_LABEL_SIZE, islandsShare: 0.5 };

/** Small maps of every year of the report's period, side by side, with one legend. */
export function ratingStripScene(input: ReportMapInput): Scene {
  const frame = frameOf(input);
  const n = input.data.period.length;
  const gap = 6;
  const w = (input.width - gap * (n - 1)) / n;
  const [x0, y0] = mercator(frame.main[0][0], frame.main[0][1]);
  const [x1, y1] = mercator(frame.main[1][0], frame.main[1][1]);
  const h = Math.min(w * 1.4, Math.max(w * 0.6, (w * (y1 - y0)) / (x1 - x0)));
  const years = input.data.period.map((year) => reportYear(input.data, year));
  const captions = stripCaptions(
    years.map((y) => `${formatNumber(input.lang, y.weak)} ${t(input.lang, 'weakShort')}${y.estimated ? ` (${t(input.lang, 'reviewMapEstimated')})` : ''}`),
    w,
    input.measure,
  );
  const captionLines = Math.max(...captions.lines.map((l) => l.length));
  const top = 19 + (captionLines - 1) * captions.size * LABEL_LINE_HEIGHT + CAPTION_AIR;
  const items: SceneItem[] = [];
  // Decimate once for the small size: the strip's maps are a few centimetres wide.
  input.data.period.forEach((year, i) => {
    const rect: SceneRect = { x: i * (w + gap), y: top, w, h };
    const p = fitProjection(frame.main, rect);
    const inner: SceneItem[] = [];
    drawBase(inner, input, p, 0.45);
    const colors = ratingColors(input, i);
    drawUnits(inner, input, p, colors, { tolerance: 0.45, communeLines: false });
    // Each small map of the country carries the archipelagos and their names too, fitted to its few centimetres.
    if (frame.national) drawSovereignty(inner, input, p, STRIP_LABEL_SIZE, colors);
    items.push({ type: 'group', clip: rect, items: inner });
    // A province's archipelago is part of every year's map: an inset, as on the main map.
    if (frame.inset) drawInset(items, input, frame.inset, p, colors, STRIP_INSET);
    items.push({ type: 'rect', ...rect, stroke: FRAME, strokeWidth: 0.6 });
    const y = years[i];
    items.push({ type: 'text', x: rect.x + w / 2, y: 10, text: String(year), size: 9, bold: year === input.data.request.year, color: INK, anchor: 'middle' });
    captions.lines[i].forEach((text, k) =>
      items.push({ type: 'text', x: rect.x + w / 2, y: 19 + k * captions.size * LABEL_LINE_HEIGHT, text, size: captions.size, color: y.estimated ? MUTED : INK, anchor: 'middle' }),
    );
  });
  const legendTop = top + h + 6;
  const legendH = drawLegend(items, ratingLegend(input, false), 0, legendTop, input.width, input.measure, input.lang, 7.5);
  return { width: input.width, height: legendTop + legendH, items };
}

/** Provinces coloured by their share of weak communes (national report). */
export function provinceShareScene(input: ReportMapInput): Scene {
  const frame: Bounds = NATIONAL_EXTENT;
  const [x0, y0] = mercator(frame[0][0], frame[0][1]);
  const [x1, y1] = mercator(frame[1][0], frame[1][1]);
  const mapH = Math.min(input.width * 1.25, (input.width * (y1 - y0)) / (x1 - x0));
  const rect: SceneRect = { x: 0, y: 0, w: input.width, h: mapH };
  const p = fitProjection(frame, rect);
  const colors = WEAK_SHARE_COLORS.map(rgbOf);
  const classOf = new Map(input.data.provinces.map((pr) => [pr.code, weakShareClass(share(pr.weak, pr.rated))]));
  const inner: SceneItem[] = [];
  drawBase(inner, input, p, 0.3);
  for (const f of input.geometry.provinces) {
    const c = classOf.get(f.properties.code);
    inner.push({ type: 'polygon', rings: ringsOf(f.geometry, p, 0.3), fill: c === undefined ? rgbOf(NO_DATA_COLOR) : colors[c] });
  }
  const projectLines = (lines: Position[][]) => lines.map((l) => projectRing(l, p, 0.3)).filter((l) => l.length >= 4);
  inner.push({ type: 'lines', paths: projectLines(input.geometry.provinceLines), stroke: PROVINCE_LINE, width: 0.6 });
  // An island's mark takes its province's class, as the province is coloured.
  const provinceOf = new Map(input.data.communes.map((c) => [c.code, c.provinceCode]));
  drawSovereignty(inner, input, p, 7, (code) => {
    const c = classOf.get(provinceOf.get(code) ?? '');
    return c === undefined ? undefined : colors[c];
  });
  const items: SceneItem[] = [{ type: 'group', clip: rect, items: inner }, { type: 'rect', ...rect, stroke: FRAME, strokeWidth: 0.8 }];
  const labels = weakShareLabels(input.lang);
  const counts = labels.map((_, i) => [...classOf.values()].filter((c) => c === i).length);
  const entries: LegendEntry[] = labels.map((label, i) => ({ color: colors[i], label, count: counts[i] }));
  const footer = drawFooter(items, input, mapH + 4, entries, p, t(input.lang, 'reviewWeakShareLegend'));
  return { width: input.width, height: mapH + 4 + footer, items };
}

/** Every figure of a report. */
export function reportFigures(input: ReportMapInput): { map: Scene; strip: Scene; provinces?: Scene } {
  return {
    map: ratingMapScene(input),
    strip: ratingStripScene(input),
    provinces: input.data.request.province == null ? provinceShareScene(input) : undefined,
  };
}
