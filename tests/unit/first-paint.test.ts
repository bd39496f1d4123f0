/**
 * The first paint (src/map/first-paint.ts, src/poster.ts, src/ui/map/firstPaintHandover.ts):
 * the camera MapLibre opens with, the projection, what is drawn and in which
 * colours, which views it paints, and when the app takes it off the page.
 */
import type { Polygon } from 'geojson';
import { mesh, quantize } from 'topojson-client';
import { topology as topology_ } from 'topojson-server';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeArcs, objectArcLines } from '../../src/geo/topo.ts';
import type { UnitFeature } from '../../src/map/boundaries.ts';
import { FIRST_PAINT_GLOBAL, fitCamera, MAP_PADDING, paintMap, paintsFirst, projector, type FirstPaintHandle } from '../../src/map/first-paint.ts';
import { sceneGeometry } from '../../src/map/poster-pack.ts';
import { sceneOfYear } from '../../src/map/poster-scene.ts';
import type { RGBA } from '../../src/map/layers.ts';
import { worldPixel } from '../../src/map/labels.ts';
import { archipelagoShapes, sovereigntyLabels } from '../../src/map/sovereignty.ts';
import { defaultView, type ViewState } from '../../src/model/view-state.ts';
import { checkFirstPaint, removeFirstPaint } from '../../src/ui/map/firstPaintHandover.ts';

const NATIONAL: [[number, number], [number, number]] = [[102.1, 8.4], [117.9, 23.4]];

describe('fitCamera (the camera MapLibre opens with for bounds and padding)', () => {
  for (const [w, h] of [[580, 666], [1220, 900], [900, 400]] as const) {
    it(`fits the box inside ${w}×${h} minus the padding, tight on one side`, () => {
      const cam = fitCamera(NATIONAL, w, h, MAP_PADDING);
      const at = projector(cam, w, h);
      const [x0, y1] = at(NATIONAL[0][0], NATIONAL[0][1]);
      const [x1, y0] = at(NATIONAL[1][0], NATIONAL[1][1]);
      expect(x0).toBeGreaterThanOrEqual(MAP_PADDING.left - 1e-6);
      expect(x1).toBeLessThanOrEqual(w - MAP_PADDING.right + 1e-6);
      expect(y0).toBeGreaterThanOrEqual(MAP_PADDING.top - 1e-6);
      expect(y1).toBeLessThanOrEqual(h - MAP_PADDING.bottom + 1e-6);
      const slackX = w - MAP_PADDING.left - MAP_PADDING.right - (x1 - x0);
      const slackY = h - MAP_PADDING.top - MAP_PADDING.bottom - (y1 - y0);
      expect(Math.min(slackX, slackY)).toBeCloseTo(0, 6);
      // Centred: as much room on either side.
      expect(x0 - MAP_PADDING.left).toBeCloseTo(w - MAP_PADDING.right - x1, 6);
      expect(y0 - MAP_PADDING.top).toBeCloseTo(h - MAP_PADDING.bottom - y1, 6);
    });
  }
  it('moves the centre by half the difference of uneven paddings, and keeps to the zoom limits', () => {
    const even = fitCamera(NATIONAL, 800, 600, MAP_PADDING);
    const uneven = fitCamera(NATIONAL, 800, 600, { ...MAP_PADDING, left: 230 });
    const at = projector(uneven, 800, 600);
    // The box in the middle of what the padding leaves (230…770 across, 30…570 down).
    expect((at(NATIONAL[0][0], 15)[0] + at(NATIONAL[1][0], 15)[0]) / 2).toBeCloseTo(500, 6);
    expect((at(110, NATIONAL[0][1])[1] + at(110, NATIONAL[1][1])[1]) / 2).toBeCloseTo(300, 6);
    expect(uneven.lng).toBeLessThan(even.lng);
    expect(fitCamera([[105.8, 21.0], [105.8001, 21.0001]], 800, 600, MAP_PADDING).zoom).toBe(14);
    expect(fitCamera([[-170, -80], [170, 80]], 800, 600, MAP_PADDING).zoom).toBe(3);
  });
  it('projects as MapLibre does: the camera centre at the middle, world pixels at its zoom', () => {
    const cam = { lng: 106, lat: 16, zoom: 4.7 };
    const at = projector(cam, 580, 666);
    expect(at(106, 16)[0]).toBeCloseTo(290, 9);
    expect(at(106, 16)[1]).toBeCloseTo(333, 9);
    const [ax, ay] = worldPixel(108, 12, 4.7);
    const [cx, cy] = worldPixel(106, 16, 4.7);
    expect(at(108, 12)[0]).toBeCloseTo(ax - cx + 290, 6);
    expect(at(108, 12)[1]).toBeCloseTo(ay - cy + 333, 6);
  });
});

/** A context that records what is drawn, as the painter calls it. */
function recorder() {
  const calls: { op: string; fillStyle?: string; strokeStyle?: string; text?: string; font?: string }[] = [];
  const state = { fillStyle: '', strokeStyle: '', font: '', lineWidth: 1, lineJoin: '', textAlign: '', textBaseline: '' };
  const ctx = new Proxy(state, {
    get(target, prop: string) {
      if (prop in target) return target[prop as keyof typeof target];
      return (...args: unknown[]) => {
        if (['fill', 'stroke', 'fillRect'].includes(prop)) calls.push({ op: prop, fillStyle: target.fillStyle, strokeStyle: target.strokeStyle });
        if (prop === 'fillText' || prop === 'strokeText') calls.push({ op: prop, text: String(args[0]), font: target.font, fillStyle: target.fillStyle });
      };
    },
    set(target, prop: string, value) {
      (target as Record<string, unknown>)[prop] = value;
      return true;
    },
  });
  return { ctx: ctx as unknown as CanvasRenderingContext2D, calls };
}

/** Node has no Path2D: a stand-in that takes paths as the browser's does. */
const fakePath = () => ({ addPath: () => undefined }) as unknown as Path2D;

const square = (x: number, y: number, d: number): Polygon => ({ type: 'Polygon', coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]] });
const unit = (code: string, index: number, geometry: Polygon): UnitFeature => ({ type: 'Feature', geometry, properties: { code, index } });

describe('paintMap', () => {
  const communes = [unit('a', 0, square(105, 21, 0.5)), unit('b', 1, square(105.5, 21, 0.5)), unit('c', 2, square(106, 21, 0.5))];
  const colors = new Uint8ClampedArray([215, 25, 28, 235, 44, 123, 182, 235, 215, 25, 28, 235]);
  const archipelagos = archipelagoShapes(communes);
  const geometry = sceneGeometry({
    structure: '2025',
    frame: NATIONAL,
    communes,
    communeBorders: [[[105.5, 21], [105.5, 21.5]]],
    provinceBorders: [[[105, 21], [106.5, 21]]],
    neighbours: [{ type: 'Feature', geometry: square(100, 20, 2), properties: {} }],
    archipelagos,
  });
  const scene = sceneOfYear(geometry, 2025, (i) => Array.from(colors.subarray(i * 4, i * 4 + 4)) as RGBA);

  it('draws the sea first, then one fill per colour in the units\' colours, borders, and the sovereignty labels', () => {
    const { ctx, calls } = recorder();
    paintMap(ctx, 580, 666, fitCamera(NATIONAL, 580, 666, MAP_PADDING), scene, sovereigntyLabels('vi', archipelagos, 16), 16, fakePath);
    expect(calls[0]).toMatchObject({ op: 'fillRect', fillStyle: '#dce9f2' });
    const fills = calls.filter((c) => c.op === 'fill').map((c) => c.fillStyle);
    // Two colours among three units: two fill calls for them (plus the neighbour, the built-in outlines and island marks).
    expect(fills.filter((f) => f === 'rgba(215,25,28,0.9215686274509803)')).toHaveLength(1);
    expect(fills.filter((f) => f === 'rgba(44,123,182,0.9215686274509803)')).toHaveLength(1);
    expect(fills).toContain('rgba(238,236,230,1)');
    const texts = calls.filter((c) => c.op === 'fillText').map((c) => c.text);
    expect(texts).toEqual(expect.arrayContaining(['QĐ. Hoàng Sa', '(TP. Đà Nẵng)', 'QĐ. Trường Sa', '(tỉnh Khánh Hòa)', 'Biển Đông']));
    // Every label has its halo drawn under it, in the bundled font.
    expect(calls.filter((c) => c.op === 'strokeText')).toHaveLength(texts.length);
    expect(calls.filter((c) => c.op === 'fillText').every((c) => c.font?.includes('"Be Vietnam Pro"') && c.font.startsWith('700 '))).toBe(true);
  });
  it('labels in English when the view is in English', () => {
    const { ctx, calls } = recorder();
    paintMap(ctx, 580, 666, fitCamera(NATIONAL, 580, 666, MAP_PADDING), scene, sovereigntyLabels('en', archipelagos, 16), 16, fakePath);
    const texts = calls.filter((c) => c.op === 'fillText').map((c) => c.text ?? '');
    expect(texts).toContain('Hoàng Sa Archipelago');
    expect(texts.some((t) => /East Sea/i.test(t))).toBe(true);
  });
});

describe('objectArcLines', () => {
  it('draws the same borders as topojson mesh, each arc once', () => {
    // A 6 × 4 grid of units with jagged shared edges and a hole, quantised as the pack writes it.
    const features = [];
    for (let i = 0; i < 6; i++) {
      for (let j = 0; j < 4; j++) {
        const x = 105 + i * 0.2, y = 20 + j * 0.2;
        const ring = [[x, y], [x + 0.1, y + 0.01], [x + 0.2, y], [x + 0.21, y + 0.1], [x + 0.2, y + 0.2], [x + 0.1, y + 0.21], [x, y + 0.2], [x + 0.01, y + 0.1], [x, y]];
        const hole = i === 2 && j === 1 ? [[[x + 0.05, y + 0.05], [x + 0.05, y + 0.15], [x + 0.15, y + 0.15], [x + 0.15, y + 0.05], [x + 0.05, y + 0.05]]] : [];
        features.push({ type: 'Feature' as const, id: `${i}-${j}`, properties: {}, geometry: { type: 'Polygon' as const, coordinates: [ring, ...hole] } });
      }
    }
    const made = topology_({ units: { type: 'FeatureCollection', features } } as unknown as Parameters<typeof topology_>[0]);
    const topology = quantize(made as unknown as Parameters<typeof quantize>[0], 1e5) as unknown as Topology;
    const arcs = decodeArcs(topology);
    const lines = objectArcLines(topology.objects.units, arcs);
    const segments = (ls: number[][][]) => {
      const out = new Set<string>();
      for (const l of ls) for (let i = 1; i < l.length; i++) {
        const a = `${l[i - 1][0].toFixed(6)},${l[i - 1][1].toFixed(6)}`, b = `${l[i][0].toFixed(6)},${l[i][1].toFixed(6)}`;
        out.add(a < b ? `${a}|${b}` : `${b}|${a}`);
      }
      return out;
    };
    const ours = segments(lines);
    const theirs = segments(mesh(topology, topology.objects.units as GeometryCollection).coordinates);
    expect(ours.size).toBeGreaterThan(100);
    expect([...ours].filter((x) => !theirs.has(x))).toEqual([]);
    expect([...theirs].filter((x) => !ours.has(x))).toEqual([]);
    // Each arc once: as many lines as the topology has arcs, none twice.
    expect(lines.length).toBe(topology.arcs.length);
    expect(new Set(lines).size).toBe(lines.length);
  });
});

const bounds = { structures: ['2025', 'pre2025'], years: [2024, 2025], levels: ['weak', 'good'], indicators: ['score'] };

describe('paintsFirst', () => {
  const base = defaultView(bounds);
  it('paints the opening rating map, in either language', () => {
    expect(paintsFirst(base)).toBe(true);
    expect(paintsFirst({ ...base, lang: 'en', year: 2024 })).toBe(true);
  });
  const others: [string, Partial<ViewState>][] = [
    ['a score map', { mode: 'score' }],
    ['an indicator map', { mode: 'ind:score' }],
    ['two maps', { split: true }],
    ['a saved camera', { camera: { lng: 105, lat: 21, zoom: 8 } }],
    ['a selection', { selected: '00001' }],
    ['a province filter', { provinces: ['01'] }],
    ['a rating filter', { ratings: ['weak'] }],
    ['a priority filter', { kinds: ['border'] }],
    ['a search', { text: 'an' }],
    ['a weak streak', { minWeakStreak: 2 }],
    ['the report', { report: 'national' }],
  ];
  for (const [what, patch] of others) it(`leaves ${what} to the app`, () => expect(paintsFirst({ ...base, ...patch })).toBe(false));
});

describe('the app taking over (firstPaintHandover)', () => {
  const g = globalThis as unknown as Record<string, FirstPaintHandle | undefined>;
  let removed = 0;
  const install = () => {
    removed = 0;
    g[FIRST_PAINT_GLOBAL] = {
      key: { structure: '2025', year: 2025, lang: 'vi' },
      place: () => undefined,
      remove: () => {
        removed++;
        delete g[FIRST_PAINT_GLOBAL];
      },
    };
  };
  afterEach(() => delete g[FIRST_PAINT_GLOBAL]);
  it('keeps it while the view is the one painted', () => {
    install();
    checkFirstPaint(defaultView(bounds));
    expect(removed).toBe(0);
  });
  const changes: [string, Partial<ViewState>][] = [
    ['another year', { year: 2024 }],
    ['another structure', { structure: 'pre2025' }],
    ['another language', { lang: 'en' }],
    ['a filter', { ratings: ['weak'] }],
    ['another mode', { mode: 'change' }],
  ];
  for (const [what, patch] of changes) {
    it(`removes it for ${what}`, () => {
      install();
      checkFirstPaint({ ...defaultView(bounds), ...patch });
      expect(removed).toBe(1);
    });
  }
  it('does nothing when there is none', () => {
    expect(() => removeFirstPaint()).not.toThrow();
    expect(() => checkFirstPaint(defaultView(bounds))).not.toThrow();
  });
});
