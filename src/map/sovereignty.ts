/**
 * Sovereignty on every map, as pure functions (the live map, slides, PNG
 * exports, print and the report all use these): the archipelagos Hoàng Sa and
 * Trường Sa, drawn and labelled with their governing unit, the sea named Biển
 * Đông, a national frame of QCVN 80's extent, and an inset with the
 * archipelagos when a national frame cannot include them.
 *
 * Where the archipelagos' geometry comes from: the loaded boundaries when they
 * have units there (any unit lying wholly inside an archipelago's region of
 * src/model/sovereignty.ts), so they carry their colour like any unit — and
 * "Chưa đánh giá" when unrated; otherwise the built-in outline shipped with the
 * app (src/map/archipelago-outlines.ts, Natural Earth, public domain), drawn
 * in the "Chưa đánh giá" grey. The islands are a kilometre or two across, less
 * than a pixel at national scale, so each island also gets a mark a few pixels
 * wide: they are seen, not only drawn.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { featuresWithin, partCentres, type Box } from '../geo/archipelagos.ts';
import { t, type Lang } from '../model/i18n.ts';
import { hexToRgb, NO_DATA_COLOR } from '../model/scale.ts';
import { ARCHIPELAGOS, MAINLAND_BOX, NATIONAL_EXTENT, SEA_LABEL, type ArchipelagoId } from '../model/sovereignty.ts';
import { ARCHIPELAGO_OUTLINES } from './archipelago-outlines.ts';
import { boundsOf, type UnitFeature } from './boundaries.ts';
import { estimateText, labelBox, worldPixel, type LabelCandidate, type MeasureText } from './labels.ts';
import { LABEL_INK, LABEL_LINE_HEIGHT, type RGBA } from './layers.ts';

export interface IslandMark {
  position: [number, number];
  /** The unit's index in the structure's features (its colour), when the island comes from the data. */
  index?: number;
}

export interface ArchipelagoShape {
  id: ArchipelagoId;
  /** `data`: units of the loaded boundaries; `built-in`: the outline shipped with the app. */
  source: 'data' | 'built-in';
  /** Codes of the units that are this archipelago (data only). */
  codes: string[];
  geometries: (Polygon | MultiPolygon)[];
  /** One mark per island. */
  marks: IslandMark[];
  /** Bounding box of the islands. */
  box: Box;
}

/** The two archipelagos, from the loaded units when they have them, else from the built-in outline. */
export function archipelagoShapes(features: readonly UnitFeature[]): ArchipelagoShape[] {
  return ARCHIPELAGOS.map((a) => {
    const found = featuresWithin(features, a.region).map((i) => features[i]);
    if (found.length > 0) {
      const geometries = found.map((f) => f.geometry);
      return {
        id: a.id,
        source: 'data',
        codes: found.map((f) => f.properties.code),
        geometries,
        marks: found.flatMap((f) => partCentres(f.geometry).map((position) => ({ position, index: f.properties.index }))),
        box: boundsOf(found),
      };
    }
    const g = ARCHIPELAGO_OUTLINES[a.id];
    return { id: a.id, source: 'built-in', codes: [], geometries: [g], marks: partCentres(g).map((position) => ({ position })), box: boundsOf([{ geometry: g }]) };
  });
}

/** Grey of units with no rating ("Chưa đánh giá"), which the built-in outline is drawn in. */
export const NOT_RATED: RGBA = [...hexToRgb(NO_DATA_COLOR), 255];
export const SHORE: RGBA = [40, 46, 58, 255];

/** GeoJsonLayer props of the built-in outlines (only archipelagos the data lacks). */
export function builtInOutlineProps(id: string, shapes: readonly ArchipelagoShape[]) {
  const data = shapes
    .filter((s) => s.source === 'built-in')
    .flatMap((s) => s.geometries.map((geometry) => ({ type: 'Feature' as const, geometry, properties: { archipelago: s.id } })));
  return {
    id,
    data,
    pickable: false,
    stroked: true,
    filled: true,
    lineWidthUnits: 'pixels' as const,
    getLineWidth: 1,
    getFillColor: NOT_RATED,
    getLineColor: SHORE,
  };
}

/**
 * ScatterplotLayer props of the island marks: a dot a few pixels wide per
 * island, in the unit's colour from the choropleth's colour array (opaque), or
 * the "Chưa đánh giá" grey for the built-in outline, ringed in dark ink.
 */
export function islandMarkProps(id: string, shapes: readonly ArchipelagoShape[], colors: Uint8ClampedArray | undefined, colorVersion: number, radiusPixels = 3.5) {
  return {
    id,
    data: shapes.flatMap((s) => s.marks),
    pickable: false,
    stroked: true,
    filled: true,
    radiusUnits: 'pixels' as const,
    getRadius: radiusPixels,
    lineWidthUnits: 'pixels' as const,
    getLineWidth: 1.2,
    getPosition: (m: IslandMark) => m.position,
    getFillColor: (m: IslandMark): RGBA => {
      if (m.index === undefined || !colors || m.index * 4 + 3 >= colors.length) return NOT_RATED;
      const o = m.index * 4;
      return [colors[o], colors[o + 1], colors[o + 2], 255];
    },
    getLineColor: SHORE,
    updateTriggers: { getFillColor: colorVersion },
  };
}

/** Sea names in a blue that reads as water, not as a place on land. */
export const SEA_INK: RGBA = [28, 72, 122, 255];

/** "QĐ. Hoàng Sa (TP. Đà Nẵng)" → "QĐ. Hoàng Sa\n(TP. Đà Nẵng)": two short lines beside the islands. */
export function breakBeforeParenthesis(text: string): string {
  return text.replace(/\s+\(/u, '\n(');
}

export interface SovereigntyLabel extends LabelCandidate {
  role: 'archipelago' | 'sea';
  id: ArchipelagoId | 'bien-dong';
}

/**
 * The labels every national map carries: each archipelago with its governing
 * unit, hung just below its islands, and Biển Đông in the open sea between. In
 * CSS pixels at `size` (the province label size); never dropped by placement.
 */
export function sovereigntyLabels(lang: Lang, shapes: readonly Pick<ArchipelagoShape, 'id' | 'box'>[], size: number): SovereigntyLabel[] {
  const out: SovereigntyLabel[] = shapes.map((s) => {
    const a = ARCHIPELAGOS.find((x) => x.id === s.id)!;
    const [[w, south], [e]] = s.box;
    return {
      role: 'archipelago',
      id: s.id,
      text: breakBeforeParenthesis(t(lang, a.label)),
      position: [(w + e) / 2, south - 0.12],
      baseline: 'top',
      size,
      color: LABEL_INK,
      always: true,
      priority: 1000,
    };
  });
  out.push({ role: 'sea', id: 'bien-dong', text: t(lang, SEA_LABEL.label), position: SEA_LABEL.anchor, size: Math.round(size * 1.2), color: SEA_INK, always: true, priority: 1000 });
  return out;
}

const intersects = (a: Box, b: Box) => a[0][0] < b[1][0] && b[0][0] < a[1][0] && a[0][1] < b[1][1] && b[0][1] < a[1][1];
const containsBox = (outer: Box, inner: Box) => inner[0][0] >= outer[0][0] && inner[1][0] <= outer[1][0] && inner[0][1] >= outer[0][1] && inner[1][1] <= outer[1][1];

/** Latitude span from which a frame over the mainland counts as national (or regional) rather than a province view. */
export const NATIONAL_FRAME_MIN_LAT_SPAN = 4;

/**
 * True when the frame (what the map shows, [[w, s], [e, n]]) is a national or
 * regional view of the mainland that leaves out an archipelago: the map must
 * then show the archipelagos in an inset. A province view (a frame less than
 * 4° of latitude tall) needs none.
 */
export function needsInset(frame: Box, shapes: readonly ArchipelagoShape[]): boolean {
  const national = frame[1][1] - frame[0][1] >= NATIONAL_FRAME_MIN_LAT_SPAN && intersects(frame, MAINLAND_BOX);
  return national && shapes.some((s) => !containsBox(frame, s.box));
}

/**
 * The frame of a national view: QCVN 80's extent (102–118°E, 4°30′–23°30′N),
 * grown to the data if the data reaches beyond it, when the data covers at
 * least half of the mainland's length; otherwise (a dataset of one region) the
 * data's own bounds.
 */
export function nationalFrame(data: Box): Box {
  const [[, ms], [, mn]] = MAINLAND_BOX;
  const covered = Math.min(mn, data[1][1]) - Math.max(ms, data[0][1]);
  if (covered < (mn - ms) / 2 || !intersects(data, MAINLAND_BOX)) return data;
  const [[w, s], [e, n]] = NATIONAL_EXTENT;
  return [
    [Math.min(w, data[0][0]), Math.min(s, data[0][1])],
    [Math.max(e, data[1][0]), Math.max(n, data[1][1])],
  ];
}

export interface InsetLabel {
  lines: string[];
  /** Anchor in inset pixels: the centre of the text's top line box ('top') or of the whole block ('center'). */
  x: number;
  y: number;
  size: number;
  baseline: 'top' | 'center';
  role: 'archipelago' | 'sea';
  color: RGBA;
}

export interface InsetDrawing {
  width: number;
  height: number;
  /** Island marks in inset pixels. */
  marks: { x: number; y: number; r: number }[];
  /** Island outlines as SVG path data in inset pixels (also a Path2D for Canvas 2D). */
  paths: string[];
  labels: InsetLabel[];
}

/**
 * The inset box: both archipelagos with their labels and Biển Đông, fitted
 * into `width` × `height` pixels in Web Mercator (north up), labels kept inside
 * the box. The same drawing is an SVG on screen and Canvas 2D in exports.
 */
export function insetDrawing(width: number, height: number, shapes: readonly ArchipelagoShape[], labels: readonly SovereigntyLabel[], measure: MeasureText = estimateText): InsetDrawing {
  const margin = Math.max(4, Math.round(Math.min(width, height) * 0.05));
  const labelRoom = (l: SovereigntyLabel) => l.text.split('\n').length * (l.size ?? 14) * LABEL_LINE_HEIGHT;
  const below = Math.max(0, ...labels.filter((l) => l.role === 'archipelago').map(labelRoom)) + margin;
  // Islands' union in world pixels at zoom 0, fitted into the room left above the lowest label.
  const box = shapes.reduce<Box>((acc, s) => [[Math.min(acc[0][0], s.box[0][0]), Math.min(acc[0][1], s.box[0][1])], [Math.max(acc[1][0], s.box[1][0]), Math.max(acc[1][1], s.box[1][1])]], [[Infinity, Infinity], [-Infinity, -Infinity]]);
  const [x0, y0] = worldPixel(box[0][0], box[1][1], 0);
  const [x1, y1] = worldPixel(box[1][0], box[0][1], 0);
  const k = Math.min((width - 2 * margin) / Math.max(1e-9, x1 - x0), (height - 2 * margin - below) / Math.max(1e-9, y1 - y0));
  const ox = (width - (x1 - x0) * k) / 2;
  const oy = margin;
  const project = (lng: number, lat: number): [number, number] => {
    const [x, y] = worldPixel(lng, lat, 0);
    return [ox + (x - x0) * k, oy + (y - y0) * k];
  };
  const r = Math.max(2, Math.round(Math.min(width, height) * 0.012 * 10) / 10);
  const marks = shapes.flatMap((s) => s.marks.map((m) => {
    const [x, y] = project(m.position[0], m.position[1]);
    return { x, y, r };
  }));
  const paths = shapes.flatMap((s) => s.geometries.flatMap((g) => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).map((poly) => `M${poly[0].map(([lng, lat]) => project(lng, lat).map((v) => v.toFixed(1)).join(' ')).join('L')}Z`)));
  const placed: InsetLabel[] = labels.map((l) => {
    const size = l.size ?? 14;
    const lines = l.text.split('\n');
    const w = Math.max(...lines.map((s) => measure(s))) * size;
    let [x, y] = project(l.position[0], l.position[1]);
    if (l.role === 'archipelago') y += r;
    x = Math.max(margin + w / 2, Math.min(width - margin - w / 2, x));
    return { lines, x, y, size, baseline: l.baseline ?? 'center', role: l.role, color: l.color ?? LABEL_INK };
  });
  return { width, height, marks, paths, labels: placed };
}

/** True when two labels of the map overlap at a zoom (for tests and checks of a placement). */
export function labelsOverlap(a: LabelCandidate, b: LabelCandidate, zoom: number, size: number, measure: MeasureText = estimateText): boolean {
  const p = labelBox(a, zoom, size, measure);
  const q = labelBox(b, zoom, size, measure);
  return p[0] < q[2] && q[0] < p[2] && p[1] < q[3] && q[1] < p[3];
}
