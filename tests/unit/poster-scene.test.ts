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
import { decodeGeometry, decodeScene, sceneOfYear, type Paths, type PosterScene } from '../../src/map/poster-scene.ts';
import { base64ToBytes, type BundleScriptPayload } from '../../src/model/bundle.ts';
import { hashToView, viewBoundsOf } from '../../src/model/view-state.ts';
import { afterBoundaries, beforeBoundaries, CROSSWALK, file, NEW_2025, OLD_YEARS, sheet } from './io/two-structures.ts';

async function packed() {
  const r = await importFiles([afterBoundaries(), beforeBoundaries(), sheet('r.csv', NEW_2025), sheet('r-cu.csv', OLD_YEARS, { before: true }), file('crosswalk.csv', CROSSWALK, { role: 'crosswalk' })]);
  return r.packed!;
}

/** Largest distance between the points of two sets of paths, which must have the same rings. */
function gap(a: Paths, b: Paths): number {
  expect(Array.from(b.lens)).toEqual(Array.from(a.lens));
  let most = 0;
  for (let i = 0; i < a.xy.length; i++) most = Math.max(most, Math.abs(a.xy[i] - b.xy[i]));
  return most;
}

function expectSame(back: PosterScene, scene: PosterScene, within: number): void {
  expect({ ...back, neighbours: 0, fills: back.fills.map((f) => f.color), communeBorders: 0, provinceBorders: 0, outlines: 0, marks: back.marks.map((m) => m.color) }).toEqual({
    ...scene,
    neighbours: 0,
    fills: scene.fills.map((f) => f.color),
    communeBorders: 0,
    provinceBorders: 0,
    outlines: 0,
    marks: scene.marks.map((m) => m.color),
  });
  for (const k of ['neighbours', 'communeBorders', 'provinceBorders', 'outlines'] as const) expect(gap(back[k], scene[k])).toBeLessThanOrEqual(within);
  back.fills.forEach((f, i) => expect(gap(f.paths, scene.fills[i].paths)).toBeLessThanOrEqual(within));
}

describe('a scene through its encoding', () => {
  const square = (x: number, y: number, d: number) => ({ type: 'Polygon' as const, coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]] });
  const geometry = sceneGeometry({
    structure: '2025',
    frame: [[102, 8], [118, 23.5]],
    communes: [
      { type: 'Feature', geometry: square(105, 21, 0.5), properties: { code: 'a', index: 0 } },
      { type: 'Feature', geometry: { type: 'MultiPolygon', coordinates: [square(105.5, 21, 0.5).coordinates, square(106.5, 21, 0.1).coordinates] }, properties: { code: 'b', index: 1 } },
      { type: 'Feature', geometry: square(106, 21, 0.5), properties: { code: 'c', index: 2 } },
    ],
    communeBorders: [[[105.5, 21], [105.5, 21.5]]],
    provinceBorders: [[[105, 21], [106, 21]]],
    // A neighbour as big as China: the grid still puts every point within a tenth of a pixel of its place at zoom 6.
    neighbours: [{ type: 'Feature', geometry: square(73, 18, 62), properties: {} }],
    archipelagos: [],
  });
  const RED: RGBA = [215, 25, 28, 235], BLUE: RGBA = [44, 123, 182, 235], GREY: RGBA = [200, 200, 200, 235];
  const years = [
    { year: 2025, colors: [RED, BLUE, RED] },
    { year: 2026, colors: [BLUE, BLUE, GREY] },
  ];

  it('groups each year\'s communes by colour, keeping every ring of each', () => {
    const s2025 = sceneOfYear(geometry, 2025, (i) => years[0].colors[i]);
    expect(s2025.fills.map((f) => f.color)).toEqual([RED, BLUE]);
    expect(Array.from(s2025.fills[0].paths.lens)).toEqual([5, 5]);
    expect(Array.from(s2025.fills[1].paths.lens)).toEqual([5, 5]);
    const s2026 = sceneOfYear(geometry, 2026, (i) => years[1].colors[i]);
    expect(s2026.fills.map((f) => [f.color, f.paths.lens.length])).toEqual([[BLUE, 3], [GREY, 1]]);
  });
  it('reads back what was written, each point within half a grid step, and each year in its colours', () => {
    const encoded = encodeScene(geometry, years, bytesToBase64);
    // Only JSON and base64 text: it goes into the bundle script as a literal.
    expect(JSON.parse(JSON.stringify(encoded))).toEqual(encoded);
    expect(encoded.palette).toEqual([RED, BLUE, GREY]);
    for (const { year, colors } of years) expectSame(decodeScene(encoded, year, base64ToBytes)!, sceneOfYear(geometry, year, (i) => colors[i]), encoded.step);
    expect((encoded.step / 2) * 64).toBeLessThan(0.1);
    // A year not packed is not drawn.
    expect(decodeScene(encoded, 2024, base64ToBytes)).toBeUndefined();
  });
  it('refuses an encoding that does not add up, rather than draw garbage', () => {
    const encoded = encodeScene(geometry, years, bytesToBase64);
    expect(() => decodeGeometry({ ...encoded, counts: encoded.counts.slice(1) }, base64ToBytes)).toThrow(/counts/);
    expect(() => decodeGeometry({ ...encoded, xy: bytesToBase64(new Uint8Array(8)) }, base64ToBytes)).toThrow(/points/);
    expect(() => decodeGeometry({ ...encoded, communeRings: bytesToBase64(new Uint8Array(new Uint32Array([1, 1, 1]).buffer)) }, base64ToBytes)).toThrow(/commune rings/);
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
      expectSame(decodeScene(scene, year, base64ToBytes)!, fromParts, scene.step);
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
