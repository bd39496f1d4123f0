/**
 * The legend's corner (src/map/legend-corner.ts): never over a sovereignty
 * label or the archipelagos' islands, past the map's controls, over the least
 * of the units; smaller sizes when no corner is free at full size.
 */
import { describe, expect, it } from 'vitest';
import { boxAtCorner, chooseLegendCorner, frameProjection, intersects, overlapArea, sovereigntyRects, unitBoxes, unitRects, type LegendCornerInput } from '../../src/map/legend-corner.ts';
import { archipelagoShapes, sovereigntyLabels } from '../../src/map/sovereignty.ts';
import { NATIONAL_EXTENT } from '../../src/model/sovereignty.ts';

/** The stage at 1280×800 (580×666), the legend 212×202, the zoom buttons and north arrow top-right, the scale bar bottom-left. */
const STAGE = { w: 580, h: 666 };
const LEGEND = { w: 212, h: 202 };
const ZOOM = { x: 538, y: 10, w: 32, h: 60 };
const NORTH = { x: 526, y: 83, w: 42, h: 52 };
const SCALE = { x: 10, y: 636, w: 86, h: 20 };
const base: LegendCornerInput = { stage: STAGE, sizes: [LEGEND], margin: 12, gap: 6, controls: [ZOOM, NORTH, SCALE], keepClear: [], data: [] };

describe('rectangles', () => {
  it('intersect and overlap by area', () => {
    expect(intersects({ x: 0, y: 0, w: 10, h: 10 }, { x: 5, y: 5, w: 10, h: 10 })).toBe(true);
    expect(intersects({ x: 0, y: 0, w: 10, h: 10 }, { x: 10, y: 0, w: 10, h: 10 })).toBe(false);
    expect(overlapArea({ x: 0, y: 0, w: 10, h: 10 }, { x: 5, y: 5, w: 10, h: 10 })).toBe(25);
    expect(overlapArea({ x: 0, y: 0, w: 10, h: 10 }, { x: 20, y: 0, w: 10, h: 10 })).toBe(0);
  });
});

describe('boxAtCorner', () => {
  it('puts the box a margin in from each corner when no control is there', () => {
    expect(boxAtCorner('bottom-right', LEGEND, base)).toEqual({ x: 580 - 12 - 212, y: 666 - 12 - 202, w: 212, h: 202 });
    expect(boxAtCorner('top-left', LEGEND, base)).toEqual({ x: 12, y: 12, w: 212, h: 202 });
  });
  it('slides the top-right box below the zoom buttons and the north arrow, the bottom-left one above the scale bar', () => {
    const tr = boxAtCorner('top-right', LEGEND, base)!;
    expect(tr.y).toBe(NORTH.y + NORTH.h + 6);
    const bl = boxAtCorner('bottom-left', LEGEND, base)!;
    expect(bl.y + bl.h).toBe(SCALE.y - 6);
    for (const c of [ZOOM, NORTH, SCALE]) expect(intersects(tr, c) || intersects(bl, c)).toBe(false);
  });
  it('slides the top-right box sideways past the zoom buttons and the north arrow, when asked', () => {
    const tr = boxAtCorner('top-right', LEGEND, base, 'edge')!;
    expect(tr).toEqual({ x: NORTH.x - 6 - 212, y: 12, w: 212, h: 202 });
    expect(boxAtCorner('top-left', LEGEND, base, 'edge')).toEqual(boxAtCorner('top-left', LEGEND, base));
  });
  it('gives up on a corner the box no longer fits in', () => {
    expect(boxAtCorner('top-right', { w: 212, h: 560 }, base)).toBeUndefined();
    expect(boxAtCorner('top-left', { w: 600, h: 100 }, base)).toBeUndefined();
  });
});

describe('chooseLegendCorner', () => {
  it('stays bottom-right when nothing is there', () => {
    expect(chooseLegendCorner(base)).toMatchObject({ corner: 'bottom-right', size: 0, clear: true, dx: 12, dy: 12 });
  });

  it('leaves the corner over Trường Sa and its label for the free corner covering the least of the units', () => {
    const truongSaLabel = { x: 400, y: 520, w: 130, h: 40 };
    const hoangSaLabel = { x: 380, y: 250, w: 130, h: 40 };
    const north = { x: 40, y: 20, w: 200, h: 250 }; // the north's provinces under the top-left box
    const south = { x: 100, y: 560, w: 60, h: 60 }; // the Mekong's tip under the bottom-left box
    // Slid sideways past the zoom buttons and the north arrow, the top-right box is over the sea: nothing under it.
    const p = chooseLegendCorner({ ...base, keepClear: [truongSaLabel, hoangSaLabel], data: [north, south] })!;
    expect(p.clear).toBe(true);
    expect(p.corner).toBe('top-right');
    expect(p.rect).toEqual({ x: NORTH.x - 6 - 212, y: 12, w: 212, h: 202 });
    expect(p.dx).toBe(580 - NORTH.x + 6);
    expect(p.covered).toBe(0);
    for (const c of [ZOOM, NORTH]) expect(intersects(p.rect, c)).toBe(false);
    // With Hoàng Sa's label up there too, the bottom-left box (over the Mekong's tip) is the free one.
    const higher = { ...hoangSaLabel, y: 150 };
    const q = chooseLegendCorner({ ...base, keepClear: [truongSaLabel, higher], data: [north, south] })!;
    expect(q.clear).toBe(true);
    expect(intersects(q.rect, truongSaLabel) || intersects(q.rect, higher)).toBe(false);
    expect(q.corner).toBe('bottom-left');
    expect(q.covered).toBe(overlapArea(q.rect, south));
  });

  it('keeps the current corner unless another is clearly better, and leaves it when it is not free', () => {
    const data = [{ x: 0, y: 0, w: 580, h: 666 }, { x: 350, y: 450, w: 20, h: 20 }];
    expect(chooseLegendCorner({ ...base, data, prefer: 'top-left' })!.corner).toBe('top-left');
    expect(chooseLegendCorner({ ...base, data })!.corner).toBe('bottom-left');
    const label = { x: 20, y: 30, w: 100, h: 30 };
    expect(chooseLegendCorner({ ...base, data, keepClear: [label], prefer: 'top-left' })!.corner).not.toBe('top-left');
  });

  it('tries the smaller sizes when no corner is free at full size, and says when none is free at all', () => {
    // A sovereignty label in each corner's reach at full size, clear of the smaller box at bottom-right.
    const labels = [
      { x: 360, y: 460, w: 30, h: 20 },
      { x: 190, y: 460, w: 30, h: 20 },
      { x: 360, y: 190, w: 30, h: 20 },
      { x: 190, y: 190, w: 30, h: 20 },
    ];
    const p = chooseLegendCorner({ ...base, controls: [], sizes: [LEGEND, { w: 170, h: 160 }], keepClear: labels })!;
    expect(p).toMatchObject({ size: 1, clear: true });
    for (const l of labels) expect(intersects(p.rect, l)).toBe(false);
    const everywhere = [{ x: 0, y: 0, w: 580, h: 666 }];
    const q = chooseLegendCorner({ ...base, sizes: [LEGEND, { w: 120, h: 32 }], keepClear: everywhere })!;
    expect(q).toMatchObject({ size: 1, clear: false });
  });

  it('covers the least of the sovereignty marks when nothing is free', () => {
    const big = { x: 300, y: 0, w: 280, h: 666 };
    const small = { x: 0, y: 0, w: 50, h: 50 };
    const tiny = { x: 0, y: 600, w: 30, h: 30 };
    const p = chooseLegendCorner({ ...base, controls: [], keepClear: [big, small, tiny] })!;
    expect(p.clear).toBe(false);
    expect(p.corner).toBe('bottom-left');
  });
});

describe('sovereignty and unit boxes on screen', () => {
  const shapes = archipelagoShapes([]);
  const labels = sovereigntyLabels('vi', shapes, 14);
  const project = frameProjection(NATIONAL_EXTENT, 400, 500);

  it('projects a frame onto the map: its corners onto the map\'s corners', () => {
    const [[w, s], [e, n]] = NATIONAL_EXTENT;
    expect(project(w, n)[0]).toBeCloseTo(0, 6);
    expect(project(w, n)[1]).toBeCloseTo(0, 6);
    expect(project(e, s)[0]).toBeCloseTo(400, 6);
    expect(project(e, s)[1]).toBeCloseTo(500, 6);
  });

  it('boxes each label below or around its point, and each archipelago\'s islands', () => {
    const rects = sovereigntyRects(labels, shapes, project, 14, undefined, 0);
    expect(rects).toHaveLength(labels.length + shapes.length);
    const truongSa = labels.findIndex((l) => l.id === 'truong-sa');
    const [x, y] = project(...labels[truongSa].position);
    const r = rects[truongSa];
    expect(r.y).toBeCloseTo(y, 6); // hung from its point
    expect(r.x + r.w / 2).toBeCloseTo(x, 6);
    expect(r.h).toBeCloseTo(2 * 14 * 1.15, 6);
    const islands = rects[labels.length + shapes.findIndex((s) => s.id === 'truong-sa')];
    const [ix, iy] = project(shapes[1].marks[0].position[0], shapes[1].marks[0].position[1]);
    expect(ix >= islands.x && ix <= islands.x + islands.w && iy >= islands.y && iy <= islands.y + islands.h).toBe(true);
  });

  it('boxes units from their outline and leaves out those off the map', () => {
    const square = (x: number, y: number, d: number) => ({ type: 'Polygon' as const, coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]] });
    const boxes = unitBoxes([{ geometry: square(105, 20, 1) }, { geometry: square(130, 20, 1) }]);
    expect([...boxes.slice(0, 4)]).toEqual([105, 20, 106, 21]);
    const rects = unitRects(boxes, project, { w: 400, h: 500 });
    expect(rects).toHaveLength(1);
    expect(rects[0].x).toBeCloseTo(project(105, 21)[0], 6);
    expect(rects[0].w).toBeGreaterThan(0);
    expect(rects[0].h).toBeGreaterThan(0);
  });
});
