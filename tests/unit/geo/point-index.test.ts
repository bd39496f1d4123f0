import type { Feature, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { buildPointIndex } from '../../../src/geo/point-index.ts';

const square = (x: number, y: number, d: number, code: string): Feature<Polygon> => ({
  type: 'Feature',
  properties: { code },
  geometry: { type: 'Polygon', coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]] },
});

describe('point index (hover without GPU picking)', () => {
  // Four communes near Đồng Văn and a concave one (an L) whose bbox covers a hole.
  const features = [
    square(105.3, 23.3, 0.1, 'Lũng Cú'),
    square(105.4, 23.3, 0.1, 'Mã Pì Lèng'),
    square(105.3, 23.2, 0.1, 'Sủng Là'),
    square(105.4, 23.2, 0.1, 'Đồng Văn'),
    { type: 'Feature', properties: { code: 'L' }, geometry: { type: 'Polygon', coordinates: [[[106, 22], [106.2, 22], [106.2, 22.05], [106.05, 22.05], [106.05, 22.2], [106, 22.2], [106, 22]]] } } as Feature<Polygon>,
  ];
  const index = buildPointIndex(features, 16);
  it('finds the unit under a point', () => {
    expect(index.query(105.35, 23.35)).toBe(0);
    expect(index.query(105.45, 23.25)).toBe(3);
    expect(index.query(106.02, 22.1)).toBe(4);
  });
  it('answers -1 outside every unit, including inside a bbox but outside the shape', () => {
    expect(index.query(104, 23)).toBe(-1);
    expect(index.query(106.15, 22.15)).toBe(-1);
  });
});
