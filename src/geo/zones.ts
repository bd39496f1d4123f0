/**
 * Industrial zones: which communes lie in which zone, the one rule for the demo
 * generator and the packer. Pure, no DOM.
 */
import * as turf from '@turf/turf';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

/** Shared land above which a commune is in a zone: 1 ha, so touching along an edge is not being in it. */
export const ZONE_MIN_OVERLAP_M2 = 10_000;

/**
 * Every (commune, zone) pair of `communeObject` and `zoneObject` of the
 * topology whose overlap is more than 1 ha, by feature id, in commune order
 * then zone order.
 */
export function zoneOverlaps(topology: Topology, communeObject: string, zoneObject = 'zones'): { code: string; zone: string }[] {
  const polygons = (name: string) => feature(topology, topology.objects[name] as GeometryCollection) as FeatureCollection<Polygon | MultiPolygon>;
  const zones = polygons(zoneObject).features;
  const zb = zones.map((z) => turf.bbox(z));
  const out: { code: string; zone: string }[] = [];
  for (const c of polygons(communeObject).features) {
    const b = turf.bbox(c);
    zones.forEach((z, zi) => {
      const d = zb[zi];
      if (b[0] > d[2] || b[2] < d[0] || b[1] > d[3] || b[3] < d[1]) return;
      const x = turf.intersect(turf.featureCollection([c, z]));
      if (x && turf.area(x) > ZONE_MIN_OVERLAP_M2) out.push({ code: String(c.id), zone: String(z.id) });
    });
  }
  return out;
}
