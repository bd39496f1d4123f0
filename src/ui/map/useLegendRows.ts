/**
 * The legend rows of a map: its classes counted inside the filter (the codes
 * the map shows at full strength), the national total beside them when a
 * filter is on, and "Chưa đánh giá" for units with no rating (always listed on
 * a rating map, so the grey of the archipelagos is explained).
 */
import { useMemo } from 'react';
import type { MapColors } from '../../map/colors.ts';
import { t, type Lang } from '../../model/i18n.ts';
import { legendRows, type LegendRow } from '../../model/legend.ts';
import { NO_DATA_COLOR } from '../../model/scale.ts';
import type { StructureGeometry } from './useAtlasGeometry.ts';

/** `ratingMap`: the map colours by rating (units without a class are then "Chưa đánh giá", not "no data"). */
export function useLegendRows(colors: MapColors | undefined, geo: StructureGeometry | undefined, within: Set<string> | undefined, filtered: boolean, ratingMap: boolean, lang: Lang): LegendRow[] {
  const universe = useMemo(() => geo?.communes.map((f) => f.properties.code) ?? [], [geo]);
  return useMemo(() => {
    if (!colors || colors.source !== 'duckdb') return [];
    // A map of provinces' weak shares counts provinces per class (every province is ranked: no filter applies).
    if (colors.countsProvinces) return colors.entries.map(({ key, color, label, count }) => ({ key, color, label, count }));
    const none = { color: NO_DATA_COLOR, label: t(lang, ratingMap ? 'notRated' : 'noData'), always: ratingMap };
    return legendRows(colors.entries, colors.classByCode, universe, filtered ? within : undefined, none);
  }, [colors, universe, within, filtered, ratingMap, lang]);
}
