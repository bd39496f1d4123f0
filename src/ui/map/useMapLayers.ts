/**
 * The deck.gl layers of the map, rebuilt only from what changed: the geometry
 * (per structure) is passed by reference and never re-tessellated; colours and
 * the filter fade are a colour array with a version for updateTriggers.
 *
 * Labels are placed on the CPU for the map's zoom (src/map/labels.ts), so
 * only the label layers change when the zoom crosses a placement step; an
 * export asks `at(zoom, size)` for the whole list placed for its own zoom and
 * label size, so the image shows no overlap either. Every map also carries the
 * archipelagos, their labels and Biển Đông (src/map/sovereignty.ts), kept
 * inside the map's camera and size (src/map/label-fit.ts): on screen the view
 * the map last rested on, in an export the export's own.
 *
 * Below the bundle's coarse zoom the screen draws the coarse level of the
 * communes, their borders, the province borders and the priority outlines
 * (src/geo/lod.ts): the same colour array, a fraction of the vertices; exports
 * always draw the full geometry.
 */
import type { Layer } from '@deck.gl/core';
import { GeoJsonLayer, PathLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { PriorityFlag } from '../../db/queries.ts';
import { labelPoint, levelAt, type UnitFeature } from '../../map/boundaries.ts';
import type { MapColors } from '../../map/colors.ts';
import { HairlineLayer } from '../../map/hairline-layer.ts';
import { fitSovereigntyLabels, islandsOf, type LabelView } from '../../map/label-fit.ts';
import { estimateText, placeLabels, provinceLabelColor, type MeasureText } from '../../map/labels.ts';
import { borderLineProps, choroplethProps, COMMUNE_BORDER, contextFillProps, fillColors, LABEL_FONT, labelProps, outlineProps, RESULT_RING_LIMIT, resultRingProps, type Label } from '../../map/layers.ts';
import { builtInOutlineProps, islandMarkProps, sovereigntyLabels, type SovereigntyLabel } from '../../map/sovereignty.ts';
import type { Lang } from '../../model/i18n.ts';
import { kindRgba, type PriorityKindDef } from '../../model/priority.ts';
import { characterSetOf } from '../../model/text.ts';
import type { DrawnLevel, StructureGeometry } from './useAtlasGeometry.ts';

/** Vietnamese letters a label may need beyond the names present, so late data never misses a glyph. */
const VIETNAMESE_CHARS =
  'aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ' +
  'AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬBCDĐEÈÉẺẼẸÊỀẾỂỄỆGHIÌÍỈĨỊKLMNOÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢPQRSTUÙÚỦŨỤƯỪỨỬỮỰVXYỲÝỶỸỴ' +
  'fjwzFJWZ0123456789 -.,()\'/–';

let colorVersion = 0;

export interface MapLayerInput {
  geo?: StructureGeometry;
  colors?: MapColors;
  matches?: Set<string>;
  /** True when a filter narrows the communes (the few results are then ringed). */
  filtered?: boolean;
  flags: PriorityFlag[];
  /** The data's priority kinds: an overlay is outlined in its kind's colour. */
  kinds: PriorityKindDef[];
  overlays: string[];
  selected?: string;
  featureByCode: Map<string, UnitFeature>;
  lang: Lang;
  /** The zoom labels are placed for (src/map/labels.ts placementZoom) and their size in CSS pixels. */
  labelZoom: number;
  labelSize: number;
  /** The map's camera and size at rest, which the sovereignty labels are kept inside. */
  labelView?: LabelView;
  /** Provinces the filter names: their labels stay in full ink. */
  focal: readonly string[];
}

export interface MapLayers {
  layers: Layer[];
  /** The same layers with labels placed for another zoom, size and view (an export's), at full detail. */
  at: (zoom: number, size: number, view?: LabelView) => Layer[];
  /** The labels the layers draw (province and sovereignty), for tests and exports' checks; the screen's view when none is given. */
  labels: (zoom: number, size: number, view?: LabelView) => Label[];
}

/** Text widths in the bundled font, measured once per string with Canvas 2D (the estimate if there is no canvas). */
export function canvasMeasure(): MeasureText {
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) return estimateText;
  ctx.font = `700 100px ${LABEL_FONT}`;
  const widths = new Map<string, number>();
  return (s) => {
    let w = widths.get(s);
    if (w === undefined) {
      w = ctx.measureText(s).width / 100;
      widths.set(s, w);
    }
    return w;
  };
}

const pointCache = new WeakMap<UnitFeature, [number, number]>();
/** Where a commune's ring goes: the centre of its largest part. */
function ringPoint(f: UnitFeature): [number, number] {
  let p = pointCache.get(f);
  if (!p) {
    p = labelPoint(f.geometry);
    pointCache.set(f, p);
  }
  return p;
}

export function useMapLayers({ geo, colors, matches, filtered, flags, kinds, overlays, selected, featureByCode, lang, labelZoom, labelSize, labelView, focal }: MapLayerInput): MapLayers {
  const [measure, setMeasure] = useState<MeasureText>();
  useEffect(() => {
    // The TextLayer rasterises glyphs once, and labels are measured in the font: the bundled
    // font must be loaded first, or a fallback font's glyphs and widths would be used.
    document.fonts
      .load('700 16px "Be Vietnam Pro"', 'Đồng Văn ồ ế')
      .catch(() => undefined)
      .finally(() => setMeasure(() => canvasMeasure()));
  }, []);

  // On the colour map, not the colours object: an equal answer keeps the same map (see keepEqualColors).
  const colorByCode = colors?.colorByCode;
  const fill = useMemo(() => {
    if (!geo) return undefined;
    return { rgba: fillColors(geo.communes, colorByCode ?? new Map(), matches), version: ++colorVersion };
  }, [geo, colorByCode, matches]);

  const characterSet = useMemo(() => characterSetOf([VIETNAMESE_CHARS, ...(geo?.provinceLabels.map((l) => l.text) ?? [])]), [geo]);

  const base = useMemo(() => {
    if (!geo) return [];
    const out: Layer[] = [];
    if (geo.neighbours.length) out.push(new GeoJsonLayer(contextFillProps('neighbours', geo.neighbours, [238, 236, 230, 255], [180, 176, 168, 255])));
    return out;
  }, [geo]);

  // The priority outlines of each level of detail (the full one, and the coarse one when there is one).
  const overlayLayers = useMemo(() => {
    const of = (level: DrawnLevel): Layer[] =>
      kinds
        .filter((kind) => overlays.includes(kind.id))
        .map((kind) => {
          const codes = new Set(flags.filter((f) => f.kind === kind.id).map((f) => f.code));
          return new PathLayer(borderLineProps(`priority-${kind.id}`, level.outline(codes), kindRgba(kind.color), 2.2));
        });
    return { full: geo ? of(geo) : [], coarse: geo?.coarse ? of(geo.coarse) : [] };
  }, [overlays, flags, kinds, geo]);

  // A filter that keeps few communes rings each of them, above the priority lines.
  const rings = useMemo(() => {
    if (!filtered || !matches || matches.size === 0 || matches.size > RESULT_RING_LIMIT) return [];
    const points: [number, number][] = [];
    for (const code of matches) {
      const f = featureByCode.get(code);
      if (f) points.push(ringPoint(f));
    }
    return resultRingProps('results', points).map((p) => new ScatterplotLayer(p));
  }, [filtered, matches, featureByCode]);

  // The sovereignty labels for the view on screen, asked again each time the map rests. Kept as a
  // string, so a rest that moves none of them (nearly every one) hands the labels' layers the same
  // data and nothing is rebuilt.
  const fittedKey = useMemo(() => {
    if (!geo || !measure || !labelView) return '';
    return JSON.stringify(fitSovereigntyLabels(sovereigntyLabels(lang, geo.archipelagos, labelSize), islandsOf(geo.archipelagos), labelView, measure));
  }, [geo, measure, lang, labelSize, labelView]);
  const fitted = useMemo(() => (fittedKey ? (JSON.parse(fittedKey) as SovereigntyLabel[]) : undefined), [fittedKey]);

  const focalKey = focal.join(',');
  const labels = useCallback(
    (zoom: number, size: number, view?: LabelView): Label[] => {
      if (!geo || !measure) return [];
      const plain = sovereigntyLabels(lang, geo.archipelagos, size);
      const sovereign: SovereigntyLabel[] = view ? fitSovereigntyLabels(plain, islandsOf(geo.archipelagos), view, measure) : fitted && size === labelSize ? fitted : plain;
      const focalSet = new Set(focalKey ? focalKey.split(',') : []);
      const provinces = placeLabels(geo.provinceLabels, { zoom, size, measure, obstacles: sovereign }).map((l) => ({ ...l, size, color: provinceLabelColor(l.code, focalSet) }));
      return [...provinces, ...sovereign];
    },
    [geo, measure, lang, focalKey, fitted, labelSize],
  );

  // The layers are made in parts, each from what it shows. On screen each part is kept while its
  // inputs last, so a recolour (a year switch, a filter's fade) hands deck.gl the very same
  // instances of every layer but the two coloured ones: deck.gl then skips them without comparing
  // a prop, and neither re-reads the archipelagos' outlines nor lays out the labels' glyphs again.
  // An export (`at`) gets fresh instances of every part.
  /** The two layers drawn in the colour array: the communes and the islands' marks. */
  const colouredParts = useCallback(
    (level: DrawnLevel) =>
      geo && fill
        ? {
            communes: new GeoJsonLayer(choroplethProps({ id: 'communes', features: level.communes, colors: fill.rgba, colorVersion: fill.version })),
            islands: new ScatterplotLayer(islandMarkProps('island-marks', geo.archipelagos, fill.rgba, fill.version)),
          }
        : undefined,
    [geo, fill],
  );
  /** The lines over the choropleth: commune and province borders, the archipelagos' outlines, the priority outlines. */
  const lineParts = useCallback(
    (level: DrawnLevel): Layer[] =>
      geo
        ? [
            new HairlineLayer({ id: 'commune-borders', segments: level.communeMesh, color: COMMUNE_BORDER }),
            new GeoJsonLayer(builtInOutlineProps('archipelago-outlines', geo.archipelagos)),
            new PathLayer(borderLineProps('provinces', level.provinceBorders, [60, 60, 70, 220], 1.2)),
            ...(level === geo ? overlayLayers.full : overlayLayers.coarse),
          ]
        : [],
    [geo, overlayLayers],
  );
  const selectionParts = useCallback((): Layer[] => {
    const sel = selected ? featureByCode.get(selected) : undefined;
    return sel ? [new GeoJsonLayer(outlineProps('selection', [sel], [0, 0, 0, 255], 4))] : [];
  }, [selected, featureByCode]);
  const labelParts = useCallback(
    (zoom: number, size: number, view?: LabelView): Layer[] => {
      const all = labels(zoom, size, view);
      if (all.length === 0) return [];
      // Province names and the sovereignty labels are two layers, so the latter are never placed away.
      return [
        new TextLayer(labelProps('province-labels', all.filter((l) => !('role' in l)), characterSet, size)),
        new TextLayer(labelProps('sovereignty-labels', all.filter((l) => 'role' in l), characterSet, size)),
      ];
    },
    [labels, characterSet],
  );
  const compose = useCallback(
    (coloured: ReturnType<typeof colouredParts>, lines: Layer[], selection: Layer[], labelLayers: Layer[]): Layer[] =>
      coloured ? [...base, coloured.communes, ...lines, ...selection, coloured.islands, ...rings, ...labelLayers] : [],
    [base, rings],
  );

  // `labelZoom` is the label placement zoom, in steps of ¼.
  const level = geo ? levelAt<DrawnLevel>(geo, geo.coarse, labelZoom, true) : undefined;
  const coloured = useMemo(() => (level ? colouredParts(level) : undefined), [colouredParts, level]);
  const lines = useMemo(() => (level ? lineParts(level) : []), [lineParts, level]);
  const selection = useMemo(() => selectionParts(), [selectionParts]);
  const labelLayers = useMemo(() => labelParts(labelZoom, labelSize), [labelParts, labelZoom, labelSize]);
  const layers = useMemo(() => compose(coloured, lines, selection, labelLayers), [compose, coloured, lines, selection, labelLayers]);
  const at = useCallback(
    (zoom: number, size: number, view?: LabelView): Layer[] => {
      if (!geo) return [];
      const full = levelAt<DrawnLevel>(geo, geo.coarse, zoom, false);
      return compose(colouredParts(full), lineParts(full), selectionParts(), labelParts(zoom, size, view));
    },
    [geo, compose, colouredParts, lineParts, selectionParts, labelParts],
  );
  return { layers, at, labels };
}

/**
 * The hover outline of one unit, a layer of its own on top of the others
 * (MapView adds it), so a hover never rebuilds the map's other layers.
 */
export function useHoverLayer(featureByCode: Map<string, UnitFeature>): (code: string) => Layer | undefined {
  return useCallback(
    (code: string) => {
      const f = featureByCode.get(code);
      return f ? new GeoJsonLayer(outlineProps('hover', [f], [30, 30, 30, 255], 2.5)) : undefined;
    },
    [featureByCode],
  );
}
