/**
 * The coarse level the map draws below zoom 6 (src/geo/lod.ts): a folder
 * packed from boundaries as dense as real ones (every border a surveyed line
 * of hundreds of points) draws its national view with a fraction of the
 * vertices, neighbours still meet exactly, no unit loses its shape, and every
 * figure of the folder is what it was without the coarse level.
 */
import { runInNewContext } from 'node:vm';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import type { Topology } from 'topojson-specification';
import { beforeAll, describe, expect, it } from 'vitest';
import { COARSE_BELOW_ZOOM, COARSE_MIN_WEIGHT, coarseLevel, coarseTopology, squarePixelDeg2, type TopologyWithCoarse } from '../../../src/geo/lod.ts';
import { decodeBundle, type LoadedBundle } from '../../../src/io/bundle.ts';
import { bundleFiles, importFiles, type ImportResult } from '../../../src/io/import.ts';
import { unionOutline, unitFeatures } from '../../../src/map/boundaries.ts';
import { makeRng } from '../../../src/demo/rng.ts';
import { BUNDLE_GLOBAL } from '../../../src/model/bundle.ts';
import { drawnCount, seams } from './drawn.ts';

type Pt = [number, number];

/**
 * Nine communes of Hà Giang on a 3 × 3 grid of 0.1° cells, every border a
 * wiggly line of 150 points (±0.0008°, about 90 m, as a surveyed boundary
 * along a stream), each drawn once and used by both sides; and a small island
 * commune (0.004° across, 40 points) off the grid.
 */
function denseCommunes(): FeatureCollection<Polygon> {
  const rng = makeRng(17, 'lod-fixture');
  const x0 = 104.9, y0 = 22.8, cell = 0.1, n = 3, steps = 150;
  const node = (i: number, j: number): Pt => [x0 + i * cell, y0 + j * cell];
  const edges = new Map<string, Pt[]>();
  // The border from node a to node b, made once; the other side walks it backwards.
  const edge = (a: [number, number], b: [number, number]): Pt[] => {
    const k = `${a}>${b}`;
    const back = edges.get(`${b}>${a}`);
    if (back) return [...back].reverse();
    if (!edges.has(k)) {
      const [p, q] = [node(...a), node(...b)];
      const line: Pt[] = [p];
      for (let s = 1; s < steps; s++) {
        const t = s / steps;
        const w = (rng() - 0.5) * 0.0016;
        // Perpendicular to the edge: the grid's edges are horizontal or vertical.
        const dx = p[1] === q[1] ? 0 : w, dy = p[1] === q[1] ? w : 0;
        line.push([+(p[0] + (q[0] - p[0]) * t + dx).toFixed(6), +(p[1] + (q[1] - p[1]) * t + dy).toFixed(6)]);
      }
      line.push(q);
      edges.set(k, line);
    }
    return edges.get(k)!;
  };
  const features: Feature<Polygon>[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      // Counter-clockwise: bottom, right, top, left.
      const corners: [number, number][] = [[i, j], [i + 1, j], [i + 1, j + 1], [i, j + 1], [i, j]];
      const ring: Pt[] = [];
      for (let c = 0; c < 4; c++) ring.push(...edge(corners[c], corners[c + 1]).slice(c === 0 ? 0 : 1));
      const code = String(1000 + i * n + j).padStart(5, '0');
      features.push({ type: 'Feature', properties: { ma_xa: code, ten_xa: `Xã ${code}`, ma_tinh: '02', ten_tinh: 'Tỉnh Hà Giang' }, geometry: { type: 'Polygon', coordinates: [ring] } });
    }
  }
  const island: Pt[] = [];
  for (let s = 0; s < 40; s++) {
    const a = (2 * Math.PI * s) / 40;
    island.push([+(105.3 + 0.002 * Math.cos(a)).toFixed(6), +(22.9 + 0.002 * Math.sin(a)).toFixed(6)]);
  }
  island.push(island[0]);
  features.push({ type: 'Feature', properties: { ma_xa: '01099', ten_xa: 'Xã Đảo Nhỏ', ma_tinh: '02', ten_tinh: 'Tỉnh Hà Giang' }, geometry: { type: 'Polygon', coordinates: [island] } });
  return { type: 'FeatureCollection', features };
}

async function pack(coarse: boolean): Promise<ImportResult> {
  const geo = denseCommunes();
  const codes = geo.features.map((f) => String(f.properties!.ma_xa));
  const levels = ['XS', 'K', 'TB', 'Y'];
  const csv = `\uFEFFMã xã,Năm,Xếp loại\n${codes.flatMap((c, i) => [2025, 2026].map((y) => `${c},${y},${levels[(i + y) % 4]}`)).join('\n')}\n`;
  return importFiles(
    [
      { name: 'xa.geojson', bytes: new TextEncoder().encode(JSON.stringify(geo)), role: 'boundaries' },
      { name: 'xep-loai.csv', bytes: new TextEncoder().encode(csv), role: 'ratings' },
    ],
    { neighbours: [], coarse },
  );
}

describe('the coarse level of a folder packed from dense boundaries', () => {
  let withCoarse: ImportResult;
  let without: ImportResult;
  let bundle: LoadedBundle;
  let coarse: { topology: Topology; belowZoom: number };

  beforeAll(async () => {
    [withCoarse, without] = [await pack(true), await pack(false)];
    expect(withCoarse.packed, JSON.stringify(withCoarse.report.issues.slice(0, 5))).toBeDefined();
    // What the pack writes, read back as the page reads data/atlas-data.js.
    const files = await bundleFiles(withCoarse.packed!);
    const sandbox: Record<string, unknown> = {};
    sandbox.globalThis = sandbox;
    runInNewContext(String(files['atlas-data.js']), sandbox);
    bundle = await decodeBundle(sandbox[BUNDLE_GLOBAL]);
    coarse = coarseTopology(bundle.topology)!;
    expect(coarse).toBeDefined();
  });

  it('is drawn below zoom 6, where 1 px² is the weight it drops', () => {
    expect(coarse.belowZoom).toBe(COARSE_BELOW_ZOOM);
    // 360° over 512 · 2^6 pixels, squared.
    expect(COARSE_MIN_WEIGHT).toBeCloseTo((360 / 32768) ** 2, 12);
    expect(squarePixelDeg2(5)).toBeCloseTo(4 * squarePixelDeg2(6), 12);
  });

  it('draws the national view with under a tenth of the vertices', () => {
    const full = drawnCount(bundle.topology, 'communes_2025', 'provinces_2025');
    const drawn = drawnCount(coarse.topology, 'communes_2025', 'provinces_2025');
    // 9 cells × 4 borders of 150 points and the island's 41 positions, most of them kept by the pack's own light simplification.
    expect(full.fillVertices).toBeGreaterThan(3000);
    expect(drawn.rings).toBe(full.rings);
    expect(drawn.fillVertices).toBeLessThan(full.fillVertices / 10);
    expect(drawn.borderSegments).toBeLessThan(full.borderSegments / 10);
    // The province outline is the grid's outside (12 borders) and the island.
    expect(drawn.provinceVertices).toBeLessThan(full.provinceVertices / 10);
  });

  it('keeps neighbours meeting exactly: every shared border drawn by both with the same points, the same neighbours as the full geometry', () => {
    const full = seams(unitFeatures(bundle.topology, 'communes_2025'));
    const drawn = seams(unitFeatures(coarse.topology, 'communes_2025'));
    expect(full.problems).toEqual([]);
    expect(drawn.problems).toEqual([]);
    // 12 inner borders of the grid.
    expect(full.neighbours.size).toBe(12);
    expect(drawn.neighbours).toEqual(full.neighbours);
    // An edge drawn by one unit only lies on the outside of all of them: no gap opened inside.
    const all = new Set(unitFeatures(coarse.topology, 'communes_2025').map((f) => f.properties.code));
    const outside = unionOutline(coarse.topology, 'communes_2025', all).reduce((n, l) => n + l.length - 1, 0);
    expect(drawn.outerEdges).toBe(outside);
  });

  it('keeps every unit a shape, the small island too, in the same order as the full features (one colour array for both)', () => {
    const full = unitFeatures(bundle.topology, 'communes_2025');
    const drawn = unitFeatures(coarse.topology, 'communes_2025');
    expect(drawn.map((f) => [f.properties.code, f.properties.index])).toEqual(full.map((f) => [f.properties.code, f.properties.index]));
    for (const f of drawn) {
      const ring = (f.geometry as Polygon).coordinates[0];
      expect(new Set(ring.map((p) => p.join(','))).size, f.properties.code).toBeGreaterThanOrEqual(3);
    }
  });

  it('changes no figure: every table, the flags and the full boundaries are those of the same pack without it', () => {
    const a = withCoarse.packed!, b = without.packed!;
    for (const t of ['units', 'ratings', 'priority', 'zones', 'crosswalk'] as const) expect(Buffer.from(a.parts[t]).equals(Buffer.from(b.parts[t])), t).toBe(true);
    expect(a.csv).toEqual(b.csv);
    expect({ ...a.flags, ms: 0 }).toEqual({ ...b.flags, ms: 0 });
    const { coarse: level, ...rest } = a.topology as TopologyWithCoarse;
    expect(level).toBeDefined();
    expect(rest).toEqual(b.topology);
    expect((b.topology as TopologyWithCoarse).coarse).toBeUndefined();
    expect(a.manifest.years).toEqual(b.manifest.years);
    expect(a.manifest.structures).toEqual(b.manifest.structures);
  });
});

describe('coarseTopology', () => {
  // Two squares side by side sharing one wiggly border (arc 0), each closed by an arc of its own.
  const topology = (): Topology => ({
    type: 'Topology',
    objects: { communes_2025: { type: 'GeometryCollection', geometries: [{ type: 'Polygon', arcs: [[0, 1]], id: 'A' }, { type: 'Polygon', arcs: [[~0, 2]], id: 'B' }] } },
    arcs: [
      [[1, 0], [1.0001, 0.25], [0.9999, 0.5], [1.0001, 0.75], [1, 1]],
      [[1, 1], [0, 1], [0, 0], [1, 0]],
      [[1, 0], [2, 0], [2, 1], [1, 1]],
    ],
  });

  it('drops the border’s wiggles once, for both squares, and keeps every corner', () => {
    const t = topology() as TopologyWithCoarse;
    t.coarse = coarseLevel(t);
    expect(t.coarse.arcs).toEqual([[4], [], []]);
    const c = coarseTopology(t)!;
    expect(c.topology.arcs).toEqual([[[1, 0], [1, 1]], t.arcs[1], t.arcs[2]]);
  });

  it('draws the full arcs when the level does not fit them (another topology’s, or damaged)', () => {
    const t = topology() as TopologyWithCoarse;
    for (const arcs of [[[4], []], [[5], [], []], [[2], [], []], [[0, 4], [], []]]) {
      t.coarse = { belowZoom: 6, arcs };
      expect(coarseTopology(t), JSON.stringify(arcs)).toBeUndefined();
    }
    t.coarse = undefined;
    expect(coarseTopology(t)).toBeUndefined();
  });

  it('keeps three points of a ring that would shrink to a line', () => {
    // A one-arc island whose every inner point weighs less than the threshold.
    const t: TopologyWithCoarse = {
      type: 'Topology',
      objects: { island: { type: 'GeometryCollection', geometries: [{ type: 'Polygon', arcs: [[0]], id: 'I' }] } },
      arcs: [[[0, 0], [0.001, 0], [0.001, 0.001], [0, 0.001], [0, 0]]],
    };
    t.coarse = coarseLevel(t);
    const ring = coarseTopology(t)!.topology.arcs[0];
    expect(new Set(ring.map((p) => p.join(','))).size).toBe(3);
    expect(ring[0]).toEqual(ring[ring.length - 1]);
  });
});
