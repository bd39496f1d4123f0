/**
 * The deck.gl layers of the map, rebuilt only from what changed: the geometry
 * (per structure) is passed by reference and never re-tessellated; colours and
 * the filter fade are a colour array with a version for updateTriggers.
 */
import type { Layer } from '@deck.gl/core';
import { CollisionFilterExtension } from '@deck.gl/extensions';
import { GeoJsonLayer, PathLayer, TextLayer } from '@deck.gl/layers';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { PriorityFlag } from '../../db/queries.ts';
import type { UnitFeature } from '../../map/boundaries.ts';
import { HairlineLayer } from '../../map/hairline-layer.ts';
import { borderLineProps, choroplethProps, COMMUNE_BORDER, contextFillProps, fillColors, labelProps, outlineProps } from '../../map/layers.ts';
import { kindRgba, type PriorityKindDef } from '../../model/priority.ts';
import { characterSetOf } from '../../model/text.ts';
import type { StructureGeometry } from './useAtlasGeometry.ts';
import type { MapColors } from '../../map/colors.ts';

/** Vietnamese letters a label may need beyond the names present, so late data never misses a glyph. */
const VIETNAMESE_CHARS =
  'aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ' +
  'AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬBCDĐEÈÉẺẼẸÊỀẾỂỄỆGHIÌÍỈĨỊKLMNOÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢPQRSTUÙÚỦŨỤƯỪỨỬỮỰVXYỲÝỶỸỴ' +
  'fjwzFJWZ0123456789 -.,()\'/–';

let colorVersion = 0;
const collision = new CollisionFilterExtension();

export interface MapLayerInput {
  geo?: StructureGeometry;
  colors?: MapColors;
  matches?: Set<string>;
  flags: PriorityFlag[];
  /** The data's priority kinds: an overlay is outlined in its kind's colour. */
  kinds: PriorityKindDef[];
  overlays: string[];
  selected?: string;
  featureByCode: Map<string, UnitFeature>;
}

export function useMapLayers({ geo, colors, matches, flags, kinds, overlays, selected, featureByCode }: MapLayerInput): Layer[] {
  const [fontReady, setFontReady] = useState(false);
  useEffect(() => {
    // The TextLayer rasterises glyphs once: the bundled font must be loaded first,
    // or it would bake a fallback font's glyphs into its atlas.
    document.fonts
      .load('600 16px "Be Vietnam Pro"', 'Đồng Văn ồ ế')
      .catch(() => undefined)
      .finally(() => setFontReady(true));
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

  const overlayLayers = useMemo(() => {
    const out: Layer[] = [];
    if (!geo) return out;
    for (const kind of kinds) {
      if (!overlays.includes(kind.id)) continue;
      const codes = new Set(flags.filter((f) => f.kind === kind.id).map((f) => f.code));
      out.push(new PathLayer(borderLineProps(`priority-${kind.id}`, geo.outline(codes), kindRgba(kind.color), 2.2)));
    }
    return out;
  }, [overlays, flags, kinds, geo]);

  return useMemo(() => {
    if (!geo || !fill) return [];
    const out: Layer[] = [...base];
    out.push(new GeoJsonLayer(choroplethProps({ id: 'communes', features: geo.communes, colors: fill.rgba, colorVersion: fill.version })));
    out.push(new HairlineLayer({ id: 'commune-borders', segments: geo.communeMesh, color: COMMUNE_BORDER }));
    out.push(new PathLayer(borderLineProps('provinces', geo.provinceBorders, [60, 60, 70, 220], 1.2)));
    out.push(...overlayLayers);
    const sel = selected ? featureByCode.get(selected) : undefined;
    if (sel) out.push(new GeoJsonLayer(outlineProps('selection', [sel], [0, 0, 0, 255], 4)));
    if (fontReady) out.push(new TextLayer({ ...labelProps('province-labels', geo.provinceLabels, characterSet, 13), extensions: [collision] }));
    return out;
  }, [geo, fill, base, overlayLayers, selected, featureByCode, fontReady, characterSet]);
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
