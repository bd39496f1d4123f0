/**
 * What the first paint draws (src/map/first-paint.ts), as paths ready for a 2D
 * canvas: Web Mercator world pixels at zoom 0 (MapLibre's 512-px world), so a
 * camera is only a scale and an offset. Each structure's geometry is made once
 * at pack time (src/map/poster-pack.ts), with the colours of every year rated
 * on the structure's own codes, and shipped beside the parts in the data
 * bundle (`payload.poster`); at start-up src/poster.ts reads it with a few
 * base64 decodes: no Arrow, TopoJSON or gzip, the work that made the first
 * paint wait ~300 ms on a cold page. This module is that reading side, kept
 * small because it is part of the first paint's own script.
 *
 * A protected bundle carries no scene: it would show the ratings before the
 * passphrase (src/io/protect.ts writes its own script).
 */
import type { EncodedScene } from '../model/bundle.ts';
import type { RGBA } from './layers.ts';
import { NOT_RATED, type ArchipelagoShape } from './sovereignty.ts';

type Box = [[number, number], [number, number]];

export type { EncodedScene };

/** Rings or lines: world pixels at zoom 0, x y interleaved; `lens[i]` points in the i-th. */
export interface Paths {
  xy: Float32Array;
  lens: Uint32Array;
}

/** What does not change from year to year: the structure's paths. */
export interface SceneGeometry {
  structure: string;
  /** The box the opening camera fits (lon/lat), as the live map's. */
  frame: Box;
  neighbours: Paths;
  /** Every commune's rings, the communes in order; `communeRings[i]` is how many rings the i-th has. */
  communes: Paths;
  communeRings: Uint32Array;
  communeBorders: Paths;
  provinceBorders: Paths;
  /** The built-in outlines of an archipelago the data does not have. */
  outlines: Paths;
  /** One mark per island, with the order of its commune (-1: a built-in outline's island, not rated). */
  marks: { x: number; y: number; commune: number }[];
  /** What the sovereignty labels are placed from (src/map/sovereignty.ts sovereigntyLabels). */
  archipelagos: Pick<ArchipelagoShape, 'id' | 'box'>[];
}

/** A year's picture: the geometry with the communes grouped by colour. */
export interface PosterScene extends Omit<SceneGeometry, 'communes' | 'communeRings' | 'marks'> {
  year: number;
  /** The communes, one set of rings per colour (filled even-odd). */
  fills: { color: RGBA; paths: Paths }[];
  /** One mark per island, in its commune's colour. */
  marks: { x: number; y: number; color: RGBA }[];
}

/** A year's scene: `colorOf(i)` is the i-th commune's fill. */
export function sceneOfYear(g: SceneGeometry, year: number, colorOf: (commune: number) => RGBA): PosterScene {
  const groups = new Map<string, { color: RGBA; xy: Float32Array[]; lens: Uint32Array[] }>();
  let ring = 0, point = 0;
  for (let i = 0; i < g.communeRings.length; i++) {
    const color = colorOf(i);
    const key = color.join(',');
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { color, xy: [], lens: [] }));
    const lens = g.communes.lens.subarray(ring, ring + g.communeRings[i]);
    let n = 0;
    for (let k = 0; k < lens.length; k++) n += lens[k];
    group.lens.push(lens);
    group.xy.push(g.communes.xy.subarray(point * 2, (point + n) * 2));
    ring += lens.length;
    point += n;
  }
  const join = <T extends Float32Array | Uint32Array>(parts: T[], make: (n: number) => T): T => {
    const out = make(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  };
  return {
    structure: g.structure,
    year,
    frame: g.frame,
    neighbours: g.neighbours,
    fills: [...groups.values()].map((x) => ({ color: x.color, paths: { xy: join(x.xy, (n) => new Float32Array(n)), lens: join(x.lens, (n) => new Uint32Array(n)) } })),
    communeBorders: g.communeBorders,
    provinceBorders: g.provinceBorders,
    outlines: g.outlines,
    marks: g.marks.map((m) => {
      const c = m.commune >= 0 ? colorOf(m.commune) : NOT_RATED;
      return { x: m.x, y: m.y, color: [c[0], c[1], c[2], 255] };
    }),
    archipelagos: g.archipelagos,
  };
}

/** The path sets in the order EncodedScene's `counts` lists them. */
export const pathSets = (g: SceneGeometry): Paths[] => [g.neighbours, g.communes, g.communeBorders, g.provinceBorders, g.outlines];

const copy = (bytes: Uint8Array) => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);

/** The geometry back from its encoding; throws on one that does not add up. */
export function decodeGeometry(e: EncodedScene, fromBase64: (s: string) => Uint8Array): SceneGeometry {
  const lens = new Uint32Array(copy(fromBase64(e.lens)));
  const q = new Int16Array(copy(fromBase64(e.xy)));
  const communeRings = new Uint32Array(copy(fromBase64(e.communeRings)));
  if (e.counts.length !== 5 || e.counts.reduce((a, b) => a + b, 0) !== lens.length) throw new Error('poster scene: counts do not match');
  if (communeRings.reduce((a, b) => a + b, 0) !== e.counts[1]) throw new Error('poster scene: commune rings do not match');
  let points = 0;
  for (let i = 0; i < lens.length; i++) points += lens[i];
  if (points * 2 !== q.length) throw new Error('poster scene: points do not match');
  const [ox, oy] = e.origin;
  const out: Paths[] = [];
  let li = 0, qi = 0;
  for (const count of e.counts) {
    const setLens = lens.subarray(li, li + count);
    li += count;
    let n = 0;
    for (let i = 0; i < setLens.length; i++) n += setLens[i];
    const xy = new Float32Array(n * 2);
    for (let i = 0; i < xy.length; i += 2) {
      xy[i] = ox + q[qi++] * e.step;
      xy[i + 1] = oy + q[qi++] * e.step;
    }
    out.push({ xy, lens: setLens });
  }
  return {
    structure: e.structure,
    frame: e.frame,
    neighbours: out[0],
    communes: out[1],
    communeRings,
    communeBorders: out[2],
    provinceBorders: out[3],
    outlines: out[4],
    marks: e.marks.map(([x, y, commune]) => ({ x, y, commune })),
    archipelagos: e.archipelagos,
  };
}

/** The scene of `year` from an encoded structure, or undefined when the year was not packed. */
export function decodeScene(e: EncodedScene, year: number, fromBase64: (s: string) => Uint8Array): PosterScene | undefined {
  const packed = e.years.find((y) => y.year === year);
  if (!packed) return undefined;
  const g = decodeGeometry(e, fromBase64);
  const classes = fromBase64(packed.colors);
  if (classes.length !== g.communeRings.length) throw new Error('poster scene: colours do not match the communes');
  return sceneOfYear(g, year, (i) => e.palette[classes[i]] ?? NOT_RATED);
}

