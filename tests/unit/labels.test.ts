/**
 * Province labels (src/map/labels.ts): sized for a briefing room, the capital and
 * Ho Chi Minh City always drawn, and no two labels overlapping at any zoom, with
 * the same answer on screen and in an export at the same zoom.
 */
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { estimateText, labelBox, placeLabels, placementZoom, provinceLabelColor, provinceLabels, provinceLabelSize, worldPixel, type LabelCandidate } from '../../src/map/labels.ts';
import { LABEL_INK, labelProps } from '../../src/map/layers.ts';
import { archipelagoShapes, sovereigntyLabels } from '../../src/map/sovereignty.ts';
import { PROVINCES_PRE2025 } from '../../src/model/provinces.ts';

const around = ([x, y]: [number, number]): Polygon => ({ type: 'Polygon', coordinates: [[[x - 0.2, y - 0.2], [x + 0.2, y - 0.2], [x + 0.2, y + 0.2], [x - 0.2, y + 0.2], [x - 0.2, y - 0.2]]] });

/** The 63 provinces before 2025 at their real centres, ranked by commune count as a stand-in for area. */
const candidates = provinceLabels(PROVINCES_PRE2025.map((p) => ({ code: p.code, name: p.shortName, areaKm2: p.communes, geometry: around(p.centre) })));

const overlapping = (labels: readonly LabelCandidate[], zoom: number, size: number) => {
  const boxes = labels.map((l) => labelBox(l, zoom, size, estimateText));
  const out: string[] = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const [a, b] = [boxes[i], boxes[j]];
    if (a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]) out.push(`${labels[i].text} × ${labels[j].text}`);
  }
  return out;
};

describe('label size', () => {
  it('is 16 px on a 1080-pixel screen, larger on taller ones, at least 14 on a laptop', () => {
    expect(provinceLabelSize(1080)).toBe(16);
    expect(provinceLabelSize(2160)).toBe(24);
    expect(provinceLabelSize(768)).toBe(14);
    expect(provinceLabelSize(1440)).toBe(21);
  });
});

describe('placeLabels', () => {
  it('never lets two labels overlap, at national and regional zooms, while keeping most provinces at regional zoom', () => {
    for (const zoom of [4.5, 5, 5.5, 6, 7]) {
      const placed = placeLabels(candidates, { zoom, size: 16 });
      expect(overlapping(placed, zoom, 16), `zoom ${zoom}`).toEqual([]);
      expect(placed.length).toBeGreaterThan(zoom >= 7 ? 55 : 10);
    }
  });

  it('always draws Hà Nội and Hồ Chí Minh, even where their neighbours crowd them', () => {
    for (const zoom of [4, 5, 6]) {
      const names = placeLabels(candidates, { zoom, size: 16 }).map((l) => l.text);
      expect(names).toContain('Hà Nội');
      expect(names).toContain('Hồ Chí Minh');
    }
    const hn = candidates.find((c) => c.code === '01')!;
    expect(hn.always).toBe(true);
    expect(provinceLabels([{ code: '26', name: 'TP. Hồ Chí Minh', areaKm2: 1, geometry: around([106.7, 10.8]) }])[0].always).toBe(true);
  });

  it('keeps clear of the sovereignty labels, which it never drops', () => {
    const shapes = archipelagoShapes([]);
    const fixed = sovereigntyLabels('vi', shapes, 16);
    const placed = placeLabels(candidates, { zoom: 5, size: 16, obstacles: fixed });
    expect(overlapping([...fixed, ...placed], 5, 16)).toEqual([]);
  });

  it('is stable: the same zoom gives the same labels (screen and export agree)', () => {
    const a = placeLabels(candidates, { zoom: 5.25, size: 16 }).map((l) => l.code);
    const b = placeLabels([...candidates].reverse(), { zoom: 5.25, size: 16 }).map((l) => l.code);
    expect(b).toEqual(a);
    expect(placementZoom(5.13)).toBe(5.25);
    expect(placementZoom(5.1)).toBe(5);
  });

  it('world pixels follow Web Mercator (Hà Nội east of and above TP. Hồ Chí Minh by the right amount)', () => {
    const [x0, y0] = worldPixel(0, 0, 0);
    expect([x0, y0]).toEqual([256, 256]);
    const [hx, hy] = worldPixel(105.85, 21.03, 5);
    const [sx, sy] = worldPixel(106.7, 10.78, 5);
    expect(sx - hx).toBeCloseTo((0.85 / 360) * 512 * 32, 3);
    expect(sy - hy).toBeGreaterThan(0);
  });
});

describe('label ink', () => {
  it('is full ink for focal provinces, and a dark shade, never grey, for the others', () => {
    expect(provinceLabelColor('01', new Set())).toEqual(LABEL_INK);
    expect(provinceLabelColor('01', new Set(['01']))).toEqual(LABEL_INK);
    const other = provinceLabelColor('79', new Set(['01']));
    expect(Math.max(...other.slice(0, 3))).toBeLessThan(90);
    expect(other[3]).toBe(255);
  });

  it('the text layer draws a halo and each label at its own size and colour', () => {
    const p = labelProps('province-labels', [{ text: 'Hà Nội', position: [105.85, 21.03], size: 18, color: [1, 2, 3, 255] }, { text: 'Huế', position: [107.6, 16.46] }], ['H'], 16);
    expect(p.outlineWidth).toBeGreaterThan(0);
    expect(p.fontSettings.sdf).toBe(true);
    expect(p.getSize(p.data[0])).toBe(18);
    expect(p.getSize(p.data[1])).toBe(16);
    expect(p.getColor(p.data[0])).toEqual([1, 2, 3, 255]);
    expect(p.getColor(p.data[1])).toEqual(LABEL_INK);
  });
});
