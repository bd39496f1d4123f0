/** Small map parts: MapLibre's own control texts in the page's language, and the rings around a filter's few results. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LABEL_HALO, LABEL_INK, RESULT_RING_LIMIT, resultRingProps } from '../../src/map/layers.ts';
import { maplibreLocale } from '../../src/map/maplibre-locale.ts';

describe('MapLibre control texts', () => {
  // MapLibre's own table of UI strings: every key we translate must be one of them.
  const defaults = readFileSync('node_modules/maplibre-gl/src/ui/default_locale.ts', 'utf8');

  it('are Vietnamese by default and English when asked, for keys MapLibre knows', () => {
    const vi = maplibreLocale('vi');
    const en = maplibreLocale('en');
    for (const key of Object.keys(vi)) expect(defaults, key).toContain(`'${key}'`);
    expect(vi['NavigationControl.ZoomIn']).toBe('Phóng to');
    expect(vi['NavigationControl.ZoomOut']).toBe('Thu nhỏ');
    expect(vi['NavigationControl.ResetBearing']).toMatch(/bắc/);
    expect(en['NavigationControl.ZoomIn']).toBe('Zoom in');
    // Every control the map shows (zoom, compass, scale) is covered.
    for (const key of ['NavigationControl.ZoomIn', 'NavigationControl.ZoomOut', 'NavigationControl.ResetBearing', 'Map.Title']) expect(vi[key]).toBeTruthy();
  });
});

describe('result rings', () => {
  it('ring each result dark over a white halo, the halo drawn first', () => {
    const pts: [number, number][] = [[105.31, 23.26], [104.0, 22.3]];
    const [halo, ring] = resultRingProps('results', pts);
    expect(halo.id).toBe('results-halo');
    expect(ring.id).toBe('results');
    expect(halo.getLineColor).toEqual(LABEL_HALO);
    expect(ring.getLineColor).toEqual(LABEL_INK);
    expect(halo.getLineWidth).toBeGreaterThan(ring.getLineWidth);
    expect(ring.data).toBe(pts);
    expect(ring.getRadius).toBeGreaterThanOrEqual(6);
    expect(RESULT_RING_LIMIT).toBeGreaterThan(8);
  });
});
