/**
 * What the map draws for the view: the communes by code, the fade of those the
 * filter leaves out (useFade), where labels are placed (useLabelPlacement), the
 * layers of the view's year and of the other year while comparing
 * (useMapLayers), the hover outline, and the legend's rows counted within the
 * filter (useLegendRows).
 */
import { useMemo } from 'react';
import type { PriorityFlag } from '../../db/queries.ts';
import type { MapColors } from '../../map/colors.ts';
import { isUnfiltered } from '../../model/filters.ts';
import type { Lang } from '../../model/i18n.ts';
import type { PriorityKindDef } from '../../model/priority.ts';
import type { ViewState } from '../../model/view-state.ts';
import { filterOf } from '../planner/useWorklist.ts';
import type { StructureGeometry } from './useAtlasGeometry.ts';
import { useFade } from './useFade.ts';
import { useLabelPlacement } from './useLabelPlacement.ts';
import { useLegendRows } from './useLegendRows.ts';
import { useHoverLayer, useMapLayers } from './useMapLayers.ts';

const NO_CODES: string[] = [];

export interface MapSceneInput {
  geo?: StructureGeometry;
  view?: ViewState;
  lang: Lang;
  colors?: MapColors;
  /** The other year's colours while comparing. */
  leftColors?: MapColors;
  flags: PriorityFlag[];
  /** The flags once DuckDB has answered (usePriorityFlags). */
  flagsLoaded?: PriorityFlag[];
  kinds: PriorityKindDef[];
  /** The worklist's matches and the filter they answer (useWorklist). */
  worklist: { matches?: Set<string>; key?: string };
}

export function useMapScene({ geo, view, lang, colors, leftColors, flags, flagsLoaded, kinds, worklist }: MapSceneInput) {
  const featureByCode = useMemo(() => new Map(geo?.communes.map((f) => [f.properties.code, f]) ?? []), [geo]);
  const coloured = !!colors && !!view && colors.key.startsWith(`${view.structure}|${view.year}|`);
  const filter = useMemo(() => (view ? filterOf(view) : undefined), [view]);
  const filtered = !!filter && !isUnfiltered(filter);
  const fade = useFade({ filter, geo, ratingByCode: coloured ? colors.ratingByCode : undefined, flags: flagsLoaded, dbMatches: worklist.matches, dbKey: worklist.key });
  const place = useLabelPlacement();
  const focal = view?.provinces ?? NO_CODES;
  const common = { geo, flags, kinds, overlays: view?.overlays ?? [], selected: view?.selected, featureByCode, lang, labelZoom: place.zoom, labelSize: place.size, labelView: place.view, focal };
  const main = useMapLayers({ ...common, colors, matches: fade.matches, filtered });
  const left = useMapLayers({ ...common, colors: leftColors });
  const hoverLayer = useHoverLayer(featureByCode);
  const legendRows = useLegendRows(colors, geo, fade.matches, filtered, view?.mode === 'rating', lang);
  return { featureByCode, coloured, filtered, fade, place, main, left, hoverLayer, legendRows };
}
