/**
 * Layer factories: plain functions from data and state to deck.gl layer props.
 * They build no WebGL objects, so they can be unit-tested in node. The UI wraps
 * each result in its layer class.
 *
 * Recolouring is cheap by design: geometry is passed once and never rebuilt; a
 * year or filter change writes a new colour array and bumps `colorVersion`,
 * which deck.gl's `updateTriggers` turns into a colour-attribute update only.
 */
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { hexToRgb, NO_DATA_COLOR, type RatingScale } from '../model/scale.ts';
import type { UnitFeature } from './boundaries.ts';

export type RGBA = [number, number, number, number];

/** Commune borders: white, faint enough that small communes keep their colour at national scale. */
export const COMMUNE_BORDER: RGBA = [255, 255, 255, 110];

/** Alpha of units inside the filter, and of those outside it (faded, not hidden, so context stays). */
export const ALPHA_IN = 235;
export const ALPHA_OUT = 45;

/**
 * Fills a colour array (RGBA per unit, in feature order) from a colour per code.
 * Units without a colour get the no-data grey; units outside `matches` (when
 * given) are faded.
 */
export function fillColors(
  features: readonly UnitFeature[],
  colorByCode: ReadonlyMap<string, readonly [number, number, number]>,
  matches?: ReadonlySet<string>,
): Uint8ClampedArray {
  const none = hexToRgb(NO_DATA_COLOR);
  const out = new Uint8ClampedArray(features.length * 4);
  for (const f of features) {
    const code = f.properties.code;
    const rgb = colorByCode.get(code) ?? none;
    const o = f.properties.index * 4;
    out[o] = rgb[0];
    out[o + 1] = rgb[1];
    out[o + 2] = rgb[2];
    out[o + 3] = !matches || matches.has(code) ? ALPHA_IN : ALPHA_OUT;
  }
  return out;
}

/** Colour array for the categorical rating choropleth. */
export function ratingColors(
  features: readonly UnitFeature[],
  ratingByCode: ReadonlyMap<string, string | null>,
  scale: RatingScale,
  matches?: ReadonlySet<string>,
): Uint8ClampedArray {
  const palette = new Map(scale.levels.map((l) => [l.id, hexToRgb(l.color)]));
  const colors = new Map<string, [number, number, number]>();
  for (const [code, r] of ratingByCode) {
    const c = r != null ? palette.get(r) : undefined;
    if (c) colors.set(code, c);
  }
  return fillColors(features, colors, matches);
}

export interface ChoroplethInput {
  id: string;
  features: readonly UnitFeature[];
  colors: Uint8ClampedArray;
  colorVersion: number;
}

/**
 * Props of the commune choropleth (a GeoJsonLayer), fills only: commune
 * borders are a HairlineLayer of their own (./hairline-layer.ts), each shared
 * border drawn once and far cheaper than a stroke around every unit.
 */
export function choroplethProps(input: ChoroplethInput) {
  const { colors } = input;
  return {
    id: input.id,
    data: input.features as UnitFeature[],
    // Not pickable: hover and click are answered on the CPU (src/geo/point-index.ts),
    // and the hover outline is a layer of its own.
    pickable: false,
    stroked: false,
    filled: true,
    // deck.gl hands each accessor a reusable `target` array: filling it avoids an allocation per unit.
    getFillColor: (f: Feature, { target }: { target: number[] }) => {
      const o = (f as UnitFeature).properties.index * 4;
      target[0] = colors[o];
      target[1] = colors[o + 1];
      target[2] = colors[o + 2];
      target[3] = colors[o + 3];
      return target as RGBA;
    },
    updateTriggers: { getFillColor: input.colorVersion },
  };
}

/** Props of an outline-only layer (provinces, selection, priority overlays). */
export function outlineProps(id: string, features: readonly Feature<Polygon | MultiPolygon>[], color: RGBA, widthPixels: number) {
  return {
    id,
    data: features as Feature<Polygon | MultiPolygon>[],
    pickable: false,
    stroked: true,
    filled: false,
    lineWidthUnits: 'pixels' as const,
    getLineWidth: widthPixels,
    getLineColor: color,
  };
}

/** Props of a PathLayer of border lines (e.g. a mesh, each shared border once). */
export function borderLineProps(id: string, lines: readonly Position[][], color: RGBA, widthPixels: number) {
  return {
    id,
    data: lines as Position[][],
    pickable: false,
    getPath: (d: Position[]) => d as [number, number][],
    widthUnits: 'pixels' as const,
    getWidth: widthPixels,
    getColor: color,
  };
}

/** Props of a flat context fill (neighbouring countries). */
export function contextFillProps(id: string, features: readonly Feature<Polygon | MultiPolygon>[], fill: RGBA, line: RGBA) {
  return {
    id,
    data: features as Feature<Polygon | MultiPolygon>[],
    pickable: false,
    stroked: true,
    filled: true,
    lineWidthUnits: 'pixels' as const,
    getLineWidth: 1,
    getFillColor: fill,
    getLineColor: line,
  };
}

export interface Label {
  text: string;
  position: [number, number];
  /** Higher wins when labels collide (-1000…1000), e.g. from the unit's area (see labels.ts). */
  priority?: number;
  /** Font size in CSS pixels; the layer's size when absent. */
  size?: number;
  /** Ink; near-black when absent. */
  color?: RGBA;
  /** 'top' hangs the text below its position (a label under islands); centred otherwise. */
  baseline?: 'center' | 'top';
}

/** The font every map label uses; bundled (inlined) so no glyph server is needed. */
export const LABEL_FONT = '"Be Vietnam Pro", "Noto Sans", sans-serif';

/** Label ink: near-black, for every province; the focal ones are never lighter than that. */
export const LABEL_INK: RGBA = [17, 20, 27, 255];
/** The halo around every label, so it reads over any fill. */
export const LABEL_HALO: RGBA = [255, 255, 255, 245];
/** Line height of multi-line labels, as a multiple of the font size. */
export const LABEL_LINE_HEIGHT = 1.15;

/**
 * Props of a TextLayer of labels with an explicit Vietnamese character set.
 * Labels are drawn as given: which ones fit without overlapping is decided
 * before (labels.ts), the same way on screen and in exports. Glyphs are signed
 * distance fields with room for a halo of about an eighth of the text size
 * (2 px at 16 px), so a name reads dark over any fill and never washes out.
 */
export function labelProps(id: string, labels: readonly Label[], characterSet: string[], size: number) {
  return {
    id,
    data: labels as Label[],
    pickable: false,
    getText: (d: Label) => d.text,
    getPosition: (d: Label) => d.position,
    getSize: (d: Label) => d.size ?? size,
    sizeUnits: 'pixels' as const,
    getColor: (d: Label) => d.color ?? LABEL_INK,
    fontFamily: LABEL_FONT,
    fontWeight: 700,
    characterSet,
    lineHeight: LABEL_LINE_HEIGHT,
    outlineWidth: 8,
    outlineColor: LABEL_HALO,
    fontSettings: { sdf: true, fontSize: 64, buffer: 12, radius: 16, cutoff: 0.25, smoothing: 0.12 },
    billboard: true,
    getTextAnchor: 'middle' as const,
    getAlignmentBaseline: (d: Label) => d.baseline ?? 'center',
  };
}

/** When a filter keeps at most this many communes, each is ringed so it can be found at national scale. */
export const RESULT_RING_LIMIT = 300;

/**
 * Props of the rings around the communes a filter keeps (two ScatterplotLayers,
 * a white halo under a dark ring, radius in pixels): a commune a few hundred
 * metres wide is a speck at national scale, under the priority lines; a ring
 * 16 px wide on top of everything is seen from the back of the room.
 */
export function resultRingProps(id: string, points: readonly [number, number][], radiusPixels = 8) {
  const common = {
    data: points as [number, number][],
    pickable: false,
    stroked: true,
    filled: false,
    radiusUnits: 'pixels' as const,
    getRadius: radiusPixels,
    lineWidthUnits: 'pixels' as const,
    getPosition: (p: [number, number]) => p,
  };
  return [
    { ...common, id: `${id}-halo`, getLineWidth: 5, getLineColor: LABEL_HALO },
    { ...common, id, getLineWidth: 2.5, getLineColor: LABEL_INK },
  ];
}
