/**
 * The first paint's scenes packed with the data (src/map/poster-pack.ts,
 * src/map/poster-scene.ts): each structure's geometry once with the colours of
 * every year rated on its own codes, read back close enough to draw the same
 * picture as from the parts; written by the packer (and again by `pack --into`,
 * for the new year), never into a protected bundle.
 */
import { describe, expect, it } from 'vitest';
import { payloadFromScript } from '../../src/io/bundle.ts';
import { bytesToBase64 } from '../../src/io/bytes.ts';
import { importFiles } from '../../src/io/import.ts';
import { bundleFiles, protectedBundleFiles, scriptFiles } from '../../src/io/pack.ts';
import type { RGBA } from '../../src/map/layers.ts';
import { encodeScene, packedScenes, sceneFromParts, sceneGeometry } from '../../src/map/poster-pack.ts';
import { decodeScene, sceneOfYear } from '../../src/map/poster-scene.ts';
import { worldPixel } from '../../src/map/labels.ts';
import { base64ToBytes, type BundleScriptPayload } from '../../src/model/bundle.ts';
import { hashToView, viewBoundsOf } from '../../src/model/view-state.ts';
import { afterBoundaries, beforeBoundaries, CROSSWALK, file, NEW_2025, OLD_YEARS, sheet } from './io/two-structures.ts';

async function packed() {
  const r = await importFiles([afterBoundaries(), beforeBoundaries(), sheet('r.csv', NEW_2025), sheet('r-cu.csv', OLD_YEARS, { before: true }), file('crosswalk.csv', CROSSWALK, { role: 'crosswalk' })]);
  return r.packed!;
}

/** Rings or lines of SVG path data as the scenes write it (M x y, then l dx dy pairs, Z), in world pixels. */
function parse(d: string, origin: [number, number], unit: number): [number, number][][] {
  const out: [number, number][][] = [];
  for (const sub of d.split('M').filter(Boolean)) {
    const [start, rest = ''] = sub.replace('Z', '').split('l');
    let [x, y] = start.trim().split(' ').map(Number);
    const line: [number, number][] = [[x, y]];
    const n = rest.trim() ? rest.trim().split(' ').map(Number) : [];
    for (let i = 0; i < n.length; i += 2) line.push([(x += n[i]), (y += n[i + 1])]);
    out.push(line.map(([gx, gy]) => [origin[0] + gx * unit, origin[1] + gy * unit]));
  }
  return out;
}

/** Largest distance from each point of `rings` (lon/lat) to its place in `d`, in world pixels; the rings must all be there. */
function gap(d: string, rings: number[][][], origin: [number, number], unit: number): number {
  const back = parse(d, origin, unit);
  expect(back).toHaveLength(rings.length);
  let most = 0;
  rings.forEach((ring, r) => {
    // Closed rings repeat their first point, which the path's Z stands for.
    const points = ring.map(([lng, lat]) => worldPixel(lng, lat, 0));
    expect(back[r].length).toBeGreaterThanOrEqual(points.length - 1);
    back[r].forEach(([x, y], i) => (most = Math.max(most, Math.abs(x - points[i][0]), Math.abs(y - points[i][1]))));
  });
  return most;
}

describe('a scene through its encoding', () => {
  const square = (x: number, y: number, d: number) => ({ type: 'Polygon' as const, coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]] });
  const small = square(106.5, 21, 0.1);
  const geometry = sceneGeometry({
    structure: '2025',
    frame: [[102, 8], [118, 23.5]],
    communes: [
      { type: 'Feature', geometry: square(105, 21, 0.5), properties: { code: 'a', index: 0 } },
      { type: 'Feature', geometry: { type: 'MultiPolygon', coordinates: [square(105.5, 21, 0.5).coordinates, small.coordinates] }, properties: { code: 'b', index: 1 } },
      { type: 'Feature', geometry: square(106, 21, 0.5), properties: { code: 'c', index: 2 } },
    ],
    communeBorders: [[[105.5, 21], [105.5, 21.5]]],
    provinceBorders: [[[105, 21], [106, 21]]],
    neighbours: [{ type: 'Feature', geometry: square(73, 18, 62), properties: {} }],
    archipelagos: [],
  });
  const RED: RGBA = [215, 25, 28, 235], BLUE: RGBA = [44, 123, 182, 235], GREY: RGBA = [200, 200, 200, 235];
  const years = [
    { year: 2025, colors: [RED, BLUE, RED] },
    { year: 2026, colors: [BLUE, BLUE, GREY] },
  ];

  it('writes every ring and line as path data, each point within a fiftieth of a pixel at zoom 7', () => {
    const { origin, unit } = geometry;
    const within = 0.02 / 2 ** 7;
    expect(gap(geometry.communes[0], square(105, 21, 0.5).coordinates, origin, unit)).toBeLessThan(within);
    expect(gap(geometry.communes[1], [...square(105.5, 21, 0.5).coordinates, ...small.coordinates], origin, unit)).toBeLessThan(within);
    expect(gap(geometry.neighbours, square(73, 18, 62).coordinates, origin, unit)).toBeLessThan(within);
    expect(gap(geometry.communeBorders, [[[105.5, 21], [105.5, 21.5]]], origin, unit)).toBeLessThan(within);
    // Rings are closed, lines are not.
    expect(geometry.communes[0].endsWith('Z')).toBe(true);
    expect(geometry.provinceBorders.includes('Z')).toBe(false);
    expect(geometry.outlines).toBe('');
  });
  it('groups each year\'s communes by colour, each commune\'s rings whole', () => {
    const s2025 = sceneOfYear(geometry, 2025, (i) => years[0].colors[i]);
    expect(s2025.fills).toEqual([{ color: RED, d: geometry.communes[0] + geometry.communes[2] }, { color: BLUE, d: geometry.communes[1] }]);
    const s2026 = sceneOfYear(geometry, 2026, (i) => years[1].colors[i]);
    expect(s2026.fills).toEqual([{ color: BLUE, d: geometry.communes[0] + geometry.communes[1] }, { color: GREY, d: geometry.communes[2] }]);
  });
  it('reads each packed year back in its colours, and no other year', () => {
    const encoded = encodeScene(geometry, years, bytesToBase64);
    // Only JSON: it goes into the bundle script as a literal.
    expect(JSON.parse(JSON.stringify(encoded))).toEqual(encoded);
    expect(encoded.palette).toEqual([RED, BLUE, GREY]);
    for (const { year, colors } of years) expect(decodeScene(encoded, year, base64ToBytes)).toEqual(sceneOfYear(geometry, year, (i) => colors[i]));
    expect(decodeScene(encoded, 2024, base64ToBytes)).toBeUndefined();
  });
  it('refuses colours that do not match the communes, rather than draw wrong ones', () => {
    const encoded = encodeScene(geometry, years, bytesToBase64);
    expect(() => decodeScene({ ...encoded, years: [{ year: 2025, colors: bytesToBase64(new Uint8Array(2)) }] }, 2025, base64ToBytes)).toThrow(/colours/);
  });
});

describe('packed scenes', () => {
  it('each structure once, with every year rated on its own codes, drawn as from the parts', async () => {
    const p = await packed();
    const scenes = packedScenes(p.manifest, p.parts, bytesToBase64);
    // 2023 and 2024 on the former structure, 2025 on the current one; the current structure's
    // 2023–2024 would be estimates carried across the merger, which the page leaves to the app.
    expect(scenes.map((s) => [s.structure, s.years.map((y) => y.year)])).toEqual([['2025', [2025]], ['pre2025', [2023, 2024]]]);
    for (const [structure, year] of [['2025', 2025], ['pre2025', 2023], ['pre2025', 2024]] as const) {
      const view = { ...hashToView(`#s=${structure}&y=${year}`, viewBoundsOf(p.manifest)).view };
      const fromParts = sceneFromParts(p.manifest, p.parts, view)!;
      const scene = scenes.find((s) => s.structure === structure)!;
      expect(decodeScene(scene, year, base64ToBytes)).toEqual(fromParts);
    }
    // Three communes in three ratings' colours in 2025; four in four before.
    expect(sceneFromParts(p.manifest, p.parts, hashToView('#s=2025&y=2025', viewBoundsOf(p.manifest)).view)!.fills).toHaveLength(3);
    expect(sceneFromParts(p.manifest, p.parts, hashToView('#s=2025&y=2024', viewBoundsOf(p.manifest)).view)).toBeUndefined();
  });
  it('go into the bundle script the packer writes, and never into a protected one', async () => {
    const p = await packed();
    const scenes = packedScenes(p.manifest, p.parts, bytesToBase64);
    const clear = payloadFromScript((await bundleFiles(p, scenes))['atlas-data.js'] as string) as BundleScriptPayload;
    expect(clear.poster).toEqual(scenes);
    expect((payloadFromScript((await scriptFiles(p))['atlas-data.js']) as BundleScriptPayload).poster).toBeUndefined();
    const locked = (await protectedBundleFiles(p, 'Phong trào toàn dân 2026!'))['atlas-data.js'];
    expect(locked).not.toContain('poster');
  });
});

describe('path data the browser reads whole', () => {
  it('leaves out a ring that the grid makes a single point, instead of writing a lone "l" that ends the parsing of the path', () => {
    const speck = { type: 'Polygon' as const, coordinates: [[[105, 21], [105 + 1e-9, 21], [105, 21 + 1e-9], [105, 21]]] };
    const g = sceneGeometry({
      structure: '2025',
      frame: [[102, 8], [118, 23.5]],
      communes: [{ type: 'Feature', geometry: { type: 'MultiPolygon', coordinates: [speck.coordinates, [[[106, 21], [106.1, 21], [106, 21.1], [106, 21]]]] }, properties: { code: 'a', index: 0 } }],
      communeBorders: [[[105, 21], [105, 21 + 1e-9]]],
      provinceBorders: [],
      neighbours: [],
      archipelagos: [],
    });
    expect(g.communes[0]).toMatch(/^M\d+ \d+l-?\d+ -?\d+ -?\d+ -?\d+ -?\d+ -?\d+Z$/);
    expect(g.communeBorders).toBe('');
  });
});
