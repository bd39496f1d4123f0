/**
 * What the first paint draws (src/map/first-paint.ts), as SVG path data the
 * browser parses natively into a Path2D: each structure's geometry is made
 * once at pack time (src/map/poster-pack.ts) in integer units of a grid on Web
 * Mercator world pixels, with the colours of every year rated on the
 * structure's own codes, and shipped beside the parts in the data bundle
 * (`payload.poster`, EncodedScene in src/model/bundle.ts). At start-up
 * src/poster.ts only joins strings and hands them to Path2D: no Arrow,
 * TopoJSON or gzip to decode, and no JavaScript loop over the points (on a
 * cold page such loops cost ~80 ms for decoding and ~200 ms for tracing
 * 70,000 points with lineTo; parsing the same points as path data takes
 * ~10 ms). This module is that reading side, kept small because it is part of
 * the first paint's own script.
 *
 * A protected bundle carries no scene: it would show the ratings before the
 * passphrase (src/io/protect.ts writes its own script).
 */
import type { EncodedScene } from '../model/bundle.ts';
import type { RGBA } from './layers.ts';
import { NOT_RATED } from './sovereignty.ts';

export type { EncodedScene };

/** A structure's geometry as the bundle carries it, without the years' colours. */
export type SceneGeometry = Omit<EncodedScene, 'palette' | 'years'>;

/** A year's picture: the geometry with the communes' path data grouped by colour. */
export interface PosterScene extends Omit<EncodedScene, 'communes' | 'marks' | 'palette' | 'years'> {
  year: number;
  /** The communes, one path per colour (filled even-odd). */
  fills: { color: RGBA; d: string }[];
  /** One mark per island (world pixels at zoom 0), in its commune's colour. */
  marks: { x: number; y: number; color: RGBA }[];
}

/** A year's scene of a structure: `colorOf(i)` is the i-th commune's fill. */
export function sceneOfYear(g: SceneGeometry, year: number, colorOf: (commune: number) => RGBA): PosterScene {
  const groups = new Map<string, { color: RGBA; parts: string[] }>();
  g.communes.forEach((d, i) => {
    const color = colorOf(i);
    const key = color.join(',');
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { color, parts: [] }));
    group.parts.push(d);
  });
  return {
    structure: g.structure,
    year,
    frame: g.frame,
    origin: g.origin,
    unit: g.unit,
    neighbours: g.neighbours,
    fills: [...groups.values()].map((x) => ({ color: x.color, d: x.parts.join('') })),
    communeBorders: g.communeBorders,
    provinceBorders: g.provinceBorders,
    outlines: g.outlines,
    archipelagos: g.archipelagos,
    marks: g.marks.map(([x, y, commune]) => {
      const c = commune >= 0 ? colorOf(commune) : NOT_RATED;
      return { x, y, color: [c[0], c[1], c[2], 255] };
    }),
  };
}

/**
 * The scene of `year` from a structure's packed scene, or undefined when the
 * year was not packed; throws on a scene that does not add up.
 */
export function decodeScene(e: EncodedScene, year: number, fromBase64: (s: string) => Uint8Array): PosterScene | undefined {
  const packed = e.years.find((y) => y.year === year);
  if (!packed) return undefined;
  const classes = fromBase64(packed.colors);
  if (!Array.isArray(e.communes) || classes.length !== e.communes.length) throw new Error('poster scene: colours do not match the communes');
  return sceneOfYear(e, year, (i) => e.palette[classes[i]] ?? NOT_RATED);
}
