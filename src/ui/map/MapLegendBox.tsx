/**
 * The map's corner: the archipelagos' inset, when a national frame leaves
 * Hoàng Sa and Trường Sa out (never in a province view), and the legend (once
 * DuckDB has answered the colours) with the overlays shown on the map, each
 * with its count of communes.
 */
import { useMemo } from 'react';
import type { MapColors } from '../../map/colors.ts';
import { needsInset, sovereigntyLabels } from '../../map/sovereignty.ts';
import type { Lang } from '../../model/i18n.ts';
import type { LegendRow } from '../../model/legend.ts';
import { kindDef, type PriorityKindDef } from '../../model/priority.ts';
import { Inset } from './Inset.tsx';
import { Legend } from './Legend.tsx';
import type { Frame } from './MapView.tsx';
import type { StructureGeometry } from './useAtlasGeometry.ts';

export interface MapLegendBoxProps {
  lang: Lang;
  geo?: StructureGeometry;
  /** What the map shows now (useLabelPlacement), which decides the inset. */
  frame?: Frame;
  colors?: MapColors;
  rows: LegendRow[];
  /** The overlays shown on the map; those the data has no kind for are left out. */
  overlays: string[];
  kinds: PriorityKindDef[];
  kindCounts: Map<string, number>;
}

export function MapLegendBox({ lang, geo, frame, colors, rows, overlays, kinds, kindCounts }: MapLegendBoxProps) {
  const insetLabels = useMemo(() => (geo ? sovereigntyLabels(lang, geo.archipelagos, 14) : []), [geo, lang]);
  const showInset = !!geo && !!frame && needsInset(frame, geo.archipelagos);
  const overlayLegend = useMemo(
    () => overlays.filter((id) => kinds.some((k) => k.id === id)).map((id) => ({ id, label: kindDef(kinds, id).label[lang], color: kindDef(kinds, id).color, count: kindCounts.get(id) ?? 0 })),
    [overlays, kinds, kindCounts, lang],
  );
  return (
    <div className="map-legend">
      {showInset && <Inset lang={lang} shapes={geo.archipelagos} labels={insetLabels} />}
      {colors && colors.source === 'duckdb' && <Legend lang={lang} title={colors.title} rows={rows} overlays={overlayLegend} />}
    </div>
  );
}
