/** The one zone rule (src/geo/zones.ts): more than 1 ha of shared land puts a commune in a zone. */
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { topology } from 'topojson-server';
import { describe, expect, it } from 'vitest';
import { zoneOverlaps } from '../../../src/geo/zones.ts';

const box = (id: string, x0: number, y0: number, x1: number, y1: number): Feature<Polygon> => ({
  type: 'Feature',
  id,
  properties: {},
  geometry: { type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] },
});

describe('zoneOverlaps', () => {
  // Three communes side by side (0.1° ≈ 10 km), near 21°N.
  const communes = [box('A', 105.0, 21.0, 105.1, 21.1), box('B', 105.1, 21.0, 105.2, 21.1), box('C', 105.2, 21.0, 105.3, 21.1)];
  const zones = [
    // Across the A|B border: about 1 km² in each.
    box('Z1', 105.09, 21.04, 105.11, 21.05),
    // Only touches C along C's east edge: no land shared.
    box('Z2', 105.3, 21.0, 105.32, 21.02),
    // Inside B, but about 0.5 ha (≈ 70 m × 70 m): under the 1 ha floor.
    box('Z3', 105.15, 21.05, 105.15067, 21.05067),
    // Inside C, about 4 ha.
    box('Z4', 105.25, 21.05, 105.252, 21.052),
  ];
  const fc = (features: Feature<Polygon>[]): FeatureCollection<Polygon> => ({ type: 'FeatureCollection', features });
  const topo = topology({ xa: fc(communes), zones: fc(zones) });

  it('pairs each commune with the zones it shares more than 1 ha with, in commune then zone order', () => {
    expect(zoneOverlaps(topo, 'xa')).toEqual([
      { code: 'A', zone: 'Z1' },
      { code: 'B', zone: 'Z1' },
      { code: 'C', zone: 'Z4' },
    ]);
  });
});
