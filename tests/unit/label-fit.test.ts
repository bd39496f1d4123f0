/**
 * The sovereignty labels kept inside their map (src/map/label-fit.ts): in a
 * half of a comparison at 1280×800 (a map 290 pixels wide) and narrower, in
 * Vietnamese and English, each label is wholly inside the map, over no island
 * mark and over no other sovereignty label; on a 1920×1080 slide nothing moves.
 * The boxes are worked out here from the label's text, size and position
 * (labels.ts labelBox, the estimate of the font), not by the code under test.
 */
import { describe, expect, it } from 'vitest';
import { fitCamera, MAP_PADDING } from '../../src/map/first-paint.ts';
import { fitSovereigntyLabels, islandsOf, LABEL_MIN_SIZE, viewOfFrame, wrapText, type FitRules, type LabelView } from '../../src/map/label-fit.ts';
import { estimateText, labelBox, lngLatOf, worldPixel, type PixelBox } from '../../src/map/labels.ts';
import { archipelagoShapes, sovereigntyLabels, type SovereigntyLabel } from '../../src/map/sovereignty.ts';
import { NATIONAL_EXTENT } from '../../src/model/sovereignty.ts';

const SHAPES = archipelagoShapes([]);
const ISLANDS = islandsOf(SHAPES);
const NATIONAL = NATIONAL_EXTENT as [[number, number], [number, number]];
/** A map of `width` × `height` CSS pixels opened on the national frame, as MapView fits it (24 px, or the single map's padding). */
const national = (width: number, height: number, pad = 24): LabelView => ({ ...fitCamera(NATIONAL, width, height, { top: pad, right: pad, bottom: pad, left: pad }), width, height });

/** The map's box in world pixels at its zoom. */
function frameBox(v: LabelView): PixelBox {
  const [cx, cy] = worldPixel(v.lng, v.lat, v.zoom);
  return [cx - v.width / 2, cy - v.height / 2, cx + v.width / 2, cy + v.height / 2];
}
const boxOf = (l: SovereigntyLabel, v: LabelView) => labelBox(l, v.zoom, 14, estimateText);
const meets = (a: PixelBox, b: PixelBox) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
const inside = (a: PixelBox, b: PixelBox) => a[0] >= b[0] && a[2] <= b[2] && a[1] >= b[1] && a[3] <= b[3];
/** Each island's mark: 3.5 px with a 1.2 px ring. */
const markBoxes = (v: LabelView): PixelBox[] =>
  SHAPES.flatMap((s) => s.marks.map((m) => {
    const [x, y] = worldPixel(m.position[0], m.position[1], v.zoom);
    return [x - 4.1, y - 4.1, x + 4.1, y + 4.1] as PixelBox;
  }));

function expectFitted(labels: SovereigntyLabel[], v: LabelView, name: string) {
  const frame = frameBox(v);
  const marks = markBoxes(v);
  const boxes = labels.map((l) => boxOf(l, v));
  expect(labels.map((l) => l.id), name).toEqual(['hoang-sa', 'truong-sa', 'bien-dong']);
  labels.forEach((l, i) => {
    const what = `${name}: ${JSON.stringify(l.text)} ${boxes[i].map((n) => n.toFixed(1))} in ${frame.map((n) => n.toFixed(1))}`;
    expect(inside(boxes[i], frame), what).toBe(true);
    expect(marks.some((m) => meets(m, boxes[i])), `${what} over an island`).toBe(false);
    expect(l.size, what).toBeGreaterThanOrEqual(LABEL_MIN_SIZE);
    for (let j = 0; j < i; j++) expect(meets(boxes[i], boxes[j]), `${what} over ${labels[j].text}`).toBe(false);
  });
}

describe('fitSovereigntyLabels', () => {
  it('a half of the comparison at 1280×800 in English: Trường Sa\'s label, wider than the room east of its islands, moves inward and is whole', () => {
    const v = national(290, 690);
    const before = sovereigntyLabels('en', SHAPES, 14);
    // The bug: centred below its islands, the label ran past the map's right edge.
    expect(boxOf(before[1], v)[2]).toBeGreaterThan(frameBox(v)[2]);
    const after = fitSovereigntyLabels(before, ISLANDS, v);
    expectFitted(after, v, '290x690 en');
    const ts = after.find((l) => l.id === 'truong-sa')!;
    expect(ts.text).toContain('Trường Sa Archipelago');
    expect(ts.position[0]).toBeLessThan(before[1].position[0]);
    // Still below its islands: the text hangs under the southernmost one.
    expect(ts.baseline).toBe('top');
    expect(ts.position[1]).toBeLessThan(SHAPES.find((s) => s.id === 'truong-sa')!.box[0][1]);
  });

  it.each(['vi', 'en'] as const)('maps from 480 down to 180 pixels wide, in %s: every label whole, over no island and no other label', (lang) => {
    for (const width of [480, 360, 290, 240, 200, 180]) {
      for (const height of [420, 690]) {
        const v = national(width, height);
        expectFitted(fitSovereigntyLabels(sovereigntyLabels(lang, SHAPES, 14), ISLANDS, v), v, `${width}x${height} ${lang}`);
      }
    }
  });

  it.each(['vi', 'en'] as const)('on a 1920×1080 slide (labels 16 px), in %s: the labels are returned as they were', (lang) => {
    const v = national(1920, 1080, MAP_PADDING.top);
    const labels = sovereigntyLabels(lang, SHAPES, 16);
    const after = fitSovereigntyLabels(labels, ISLANDS, v);
    after.forEach((l, i) => expect(l).toBe(labels[i]));
  });

  it('a province view of Hà Giang: the archipelagos are out of sight and their labels left alone', () => {
    const v: LabelView = { lng: 105.0, lat: 22.8, zoom: 9, width: 800, height: 600 };
    const labels = sovereigntyLabels('vi', SHAPES, 14);
    fitSovereigntyLabels(labels, ISLANDS, v).forEach((l, i) => expect(l).toBe(labels[i]));
  });

  it('a narrow map short of room wraps the label onto more lines, or shrinks it, before it would leave the map', () => {
    const v = national(150, 600);
    const after = fitSovereigntyLabels(sovereigntyLabels('en', SHAPES, 14), ISLANDS, v);
    const ts = after.find((l) => l.id === 'truong-sa')!;
    expect(ts.text.split('\n').length > 2 || (ts.size ?? 14) < 14).toBe(true);
    const frame = frameBox(v);
    for (const l of after) expect(inside(boxOf(l, v), frame), l.text).toBe(true);
  });

  it.each(['vi', 'en'] as const)('in other units (a page\'s points, a map 92 × 113 pt): half-size steps to the floor, the halo kept inside and off the islands\' boxes, in %s', (lang) => {
    const rules: FitRules = { minSize: 5, sizeStep: 0.5, edgeMargin: 1, markClearance: 2.2, padEm: 0.14, clearOfIslandBoxes: true, seaDrift: 1.5 };
    const v = viewOfFrame(NATIONAL, 92, 113);
    const before = sovereigntyLabels(lang, SHAPES, 5.5);
    const after = fitSovereigntyLabels(before, ISLANDS, v, estimateText, rules);
    // Trường Sa's label moves inward (west); Biển Đông (6.6 → 7) shrinks by half points near its anchor rather than leave it.
    expect(after[1].position[0]).toBeLessThan(before[1].position[0]);
    expect(after[2].size).toBeLessThan(before[2].size!);
    expect(Math.abs(after[2].position[1] - before[2].position[1])).toBeLessThan(1);
    const frame = frameBox(v);
    const grow = (b: PixelBox, d: number): PixelBox => [b[0] - d, b[1] - d, b[2] + d, b[3] + d];
    const islands = SHAPES.map((s) => [...worldPixel(s.box[0][0], s.box[1][1], v.zoom), ...worldPixel(s.box[1][0], s.box[0][1], v.zoom)] as PixelBox);
    const boxes = after.map((l) => grow(boxOf(l, v), 0.14 * (l.size ?? 14)));
    after.forEach((l, i) => {
      const what = `${JSON.stringify(l.text)} at ${l.size}`;
      expect(l.size! * 2, what).toBe(Math.round(l.size! * 2));
      expect(l.size, what).toBeGreaterThanOrEqual(5);
      expect(inside(boxes[i], grow(frame, -1)), what).toBe(true);
      for (const b of islands) expect(meets(b, boxes[i]), `${what} over the islands`).toBe(false);
      for (let j = 0; j < i; j++) expect(meets(boxes[i], boxes[j]), `${what} over ${after[j].text}`).toBe(false);
    });
  });
});

describe('wrapText and the view of a frame', () => {
  it('breaks lines between words to a width, keeping the lines it was given', () => {
    // "Trường Sa Archipelago" is about 11.5 em in the estimate: two words fit in 9 em, not three.
    expect(wrapText('Trường Sa Archipelago\n(Khánh Hòa Province)', 9 * 14, 14, estimateText)).toBe('Trường Sa\nArchipelago\n(Khánh Hòa\nProvince)');
    expect(wrapText('Biển Đông', 1000, 14, estimateText)).toBe('Biển Đông');
    // A word wider than the width stays whole on its own line.
    expect(wrapText('Archipelago', 10, 14, estimateText)).toBe('Archipelago');
  });

  it('viewOfFrame gives back the camera a map of that size showing that frame has', () => {
    const cam = fitCamera(NATIONAL, 290, 690, { top: 24, right: 24, bottom: 24, left: 24 });
    const [cx, cy] = worldPixel(cam.lng, cam.lat, cam.zoom);
    const [w, n] = lngLatOf(cx - 145, cy - 345, cam.zoom);
    const [e, s] = lngLatOf(cx + 145, cy + 345, cam.zoom);
    const v = viewOfFrame([[w, s], [e, n]], 290, 690);
    expect(v.zoom).toBeCloseTo(cam.zoom, 9);
    expect(v.lng).toBeCloseTo(cam.lng, 9);
    expect(v.lat).toBeCloseTo(cam.lat, 9);
  });
});
