/**
 * What moves the camera besides the user's own hand: choosing a commune (and
 * zooming to it when asked), picking provinces in the filters or the charts
 * (the map zooms to them; a link or a slide keeps its own camera), and
 * "Phóng tới kết quả", which zooms to the communes the filter keeps.
 */
import { boundsOf, type UnitFeature } from '../../map/boundaries.ts';
import type { ViewState } from '../../model/view-state.ts';
import type { StructureGeometry } from './useAtlasGeometry.ts';
import type { Bounds } from './useCameraFocus.ts';

export interface FocusActionsInput {
  geo?: StructureGeometry;
  featureByCode: Map<string, UnitFeature>;
  setView: (patch: Partial<ViewState>) => void;
  focusOn: (bounds: Bounds) => void;
  /** The communes the filter keeps (useFade), when a filter is set. */
  matches?: Set<string>;
}

export function useFocusActions({ geo, featureByCode, setView, focusOn, matches }: FocusActionsInput) {
  const select = (code: string | undefined, zoom: boolean) => {
    setView({ selected: code });
    const f = code ? featureByCode.get(code) : undefined;
    if (f && zoom) focusOn(boundsOf([f]));
  };
  /** A change made with the filters or charts; picking provinces there zooms to them. */
  const patch = (p: Partial<ViewState>) => {
    setView(p);
    if (!geo || !p.provinces || p.provinces.length === 0) return;
    const chosen = new Set(p.provinces);
    const fs = geo.provinces.filter((f) => chosen.has(f.properties.code));
    if (fs.length > 0) focusOn(boundsOf(fs));
  };
  const fitResults = () => {
    const fs = [...(matches ?? [])].map((c) => featureByCode.get(c)).filter((f) => !!f);
    if (fs.length > 0) focusOn(boundsOf(fs));
  };
  return { select, patch, fitResults };
}
