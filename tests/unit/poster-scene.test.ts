/**
 * The first paint's scenes packed with the data (src/map/poster-scene.ts): one
 * per structure's opening view, the same as the page would work out from the
 * parts, read back exactly enough to draw; written by the packer (and again by
 * `pack --into`, for the new year), never into a protected bundle.
 */
import { describe, expect, it } from 'vitest';
import { payloadFromScript } from '../../src/io/bundle.ts';
import { bytesToBase64 } from '../../src/io/bytes.ts';
import { importFiles } from '../../src/io/import.ts';
import { bundleFiles, protectedBundleFiles, scriptFiles } from '../../src/io/pack.ts';
import { buildScene, decodeScene, encodeScene, packedScenes, sceneFromParts, type Paths, type PosterScene } from '../../src/map/poster-scene.ts';
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
  const scene = buildScene({
    structure: '2025',
    year: 2026,
    frame: [[102, 8], [118, 23.5]],
    communes: [
      { type: 'Feature', geometry: square(105, 21, 0.5), properties: { code: 'a', index: 0 } },
      { type: 'Feature', geometry: square(105.5, 21, 0.5), properties: { code: 'b', index: 1 } },
    ],
    colors: new Uint8ClampedArray([215, 25, 28, 235, 44, 123, 182, 235]),
    communeBorders: [[[105.5, 21], [105.5, 21.5]]],
    provinceBorders: [[[105, 21], [106, 21]]],
    // A neighbour as big as China: the grid still puts every point within a tenth of a pixel of its place at zoom 6.
    neighbours: [{ type: 'Feature', geometry: square(73, 18, 62), properties: {} }],
    archipelagos: [],
  });

  it('groups the communes by colour and keeps every point', () => {
    expect(scene.fills.map((f) => f.color)).toEqual([[215, 25, 28, 235], [44, 123, 182, 235]]);
    expect(Array.from(scene.fills[0].paths.lens)).toEqual([5]);
    expect(scene.neighbours.xy.length).toBe(10);
  });
  it('reads back what was written, each point within half a grid step', () => {
    const encoded = encodeScene(scene, bytesToBase64);
    // Only JSON and base64 text: it goes into the bundle script as a literal.
    expect(JSON.parse(JSON.stringify(encoded))).toEqual(encoded);
    const back = decodeScene(encoded, base64ToBytes);
    expectSame(back, scene, encoded.step);
    expect((encoded.step / 2) * 64).toBeLessThan(0.1);
  });
  it('refuses an encoding that does not add up, rather than draw garbage', () => {
    const encoded = encodeScene(scene, bytesToBase64);
    expect(() => decodeScene({ ...encoded, counts: encoded.counts.slice(1) }, base64ToBytes)).toThrow(/counts/);
    expect(() => decodeScene({ ...encoded, xy: bytesToBase64(new Uint8Array(8)) }, base64ToBytes)).toThrow(/points/);
  });
});

describe('packed scenes', () => {
  it('one per structure whose opening view has ratings of its own, the same as worked out from the parts', async () => {
    const p = await packed();
    const scenes = packedScenes(p.manifest, p.parts, bytesToBase64);
    // The opening year is the last one (2025), on the current structure's own codes; the former
    // structure's 2025 would be an estimate carried across the merger, which the page leaves to the app.
    expect(scenes.map((s) => [s.structure, s.year])).toEqual([['2025', 2025]]);
    const view = hashToView('#s=2025', viewBoundsOf(p.manifest)).view;
    const fromParts = sceneFromParts(p.manifest, p.parts, view)!;
    expectSame(decodeScene(scenes[0], base64ToBytes), fromParts, scenes[0].step);
    // Three communes in three ratings' colours.
    expect(fromParts.fills).toHaveLength(3);
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
