/**
 * The small map of the import dialog: Vietnam's province borders (from the
 * bundle already shown) and the box where a boundary file would land under the
 * coordinate system chosen, drawn as SVG before anything is loaded. A pure
 * function from data to path strings, so it is tested without a browser.
 */
import { geoMercator, geoPath } from 'd3';
import { mesh } from 'topojson-client';
import type { GeometryObject, Topology } from 'topojson-specification';

/** Lon/lat box [west, south, east, north]. */
export type Bbox = [number, number, number, number];

/** What the dialog draws: an outline path, the data's box in pixels (null when off the map), and where the box is. */
export interface PreviewDrawing {
  width: number;
  height: number;
  outline: string;
  box: { x: number; y: number; w: number; h: number } | null;
  /** `inside`: the box overlaps Vietnam with its seas; `outside`: it does not; `none`: no box (the transform failed). */
  where: 'inside' | 'outside' | 'none';
}

/** Vietnam with its seas and island groups: what the preview shows at least, and what "inside" means. */
export const VIETNAM_VIEW: Bbox = [101.5, 7.5, 117.5, 23.7];
/** Farther than this the box is not drawn, only reported (a wrong system puts data anywhere on Earth). */
const DRAWABLE: Bbox = [90, -5, 130, 35];

const overlaps = (a: Bbox, b: Bbox) => a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1];
const within = (a: Bbox, b: Bbox) => a[0] >= b[0] && a[2] <= b[2] && a[1] >= b[1] && a[3] <= b[3];

function rect(b: Bbox): GeoJSON.Feature<GeoJSON.Polygon> {
  return { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[b[0], b[1]], [b[0], b[3]], [b[2], b[3]], [b[2], b[1]], [b[0], b[1]]]] } };
}

/**
 * Draws the outline of `objectName` (province borders) and `bbox` in a
 * `width` × `height` frame that shows Vietnam, widened to hold the box when it
 * lands near. A box smaller than a few pixels is drawn at a visible size.
 */
export function previewDrawing(topology: Topology | undefined, objectName: string | undefined, bbox: Bbox | null, width: number, height: number): PreviewDrawing {
  const drawable = bbox !== null && within(bbox, DRAWABLE);
  const view: Bbox = drawable ? [Math.min(VIETNAM_VIEW[0], bbox[0]), Math.min(VIETNAM_VIEW[1], bbox[1]), Math.max(VIETNAM_VIEW[2], bbox[2]), Math.max(VIETNAM_VIEW[3], bbox[3])] : VIETNAM_VIEW;
  const projection = geoMercator().fitExtent([[4, 4], [width - 4, height - 4]], rect(view));
  const path = geoPath(projection);
  const object = objectName ? (topology?.objects[objectName] as GeometryObject | undefined) : undefined;
  const outline = topology && object ? (path(mesh(topology, object as never)) ?? '') : '';
  let box: PreviewDrawing['box'] = null;
  if (bbox && drawable) {
    const [x0, y0] = projection([bbox[0], bbox[3]])!;
    const [x1, y1] = projection([bbox[2], bbox[1]])!;
    const min = 6;
    const w = Math.max(x1 - x0, min);
    const h = Math.max(y1 - y0, min);
    box = { x: (x0 + x1) / 2 - w / 2, y: (y0 + y1) / 2 - h / 2, w, h };
  }
  return { width, height, outline, box, where: bbox === null ? 'none' : overlaps(bbox, VIETNAM_VIEW) ? 'inside' : 'outside' };
}

/** "105.30–105.39°E, 23.20–23.26°N" for the dialog's text. */
export function formatBbox(b: Bbox): string {
  const f = (v: number) => v.toFixed(2);
  return `${f(b[0])}–${f(b[2])}°E, ${f(b[1])}–${f(b[3])}°N`;
}
