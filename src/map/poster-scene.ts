/**
 * What the first paint draws (src/map/first-paint.ts), as paths ready for a 2D
 * canvas: Web Mercator world pixels at zoom 0 (MapLibre's 512-px world), so a
 * camera is only a scale and an offset. It is made once at pack time for each
 * structure's opening view and shipped beside the parts in the data bundle
 * (`payload.poster`, see `encodeScene`); at start-up src/poster.ts draws it
 * without decoding Arrow or TopoJSON, the work that made the first paint wait
 * ~300 ms on a cold page. A view not shipped (another year in the address) is
 * worked out from the bundle's parts by the same `sceneFromParts`.
 *
 * A protected bundle carries no scene: it would show the ratings before the
 * passphrase (src/io/protect.ts writes its own script).
 */
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import type { GeometryObject, Topology } from 'topojson-specification';
import { coarseTopology } from '../geo/lod.ts';
import { decodeArcs, objectArcLines } from '../geo/topo.ts';
import type { BundleManifest, EncodedScene } from '../model/bundle.ts';
import { hashToView, viewBoundsOf, type ViewState } from '../model/view-state.ts';
import { boundsOf, unitFeatures, type UnitFeature } from './boundaries.ts';
import { paintsFirst } from './first-paint.ts';
import { firstPaint } from './colors.ts';
import { worldPixel } from './labels.ts';
import { fillColors, type RGBA } from './layers.ts';
import { archipelagoShapes, nationalFrame, NOT_RATED, type ArchipelagoShape } from './sovereignty.ts';

type Box = [[number, number], [number, number]];

export type { EncodedScene };

/** Rings or lines: world pixels at zoom 0, x y interleaved; `lens[i]` points in the i-th. */
export interface Paths {
  xy: Float32Array;
  lens: Uint32Array;
}

export interface PosterScene {
  structure: string;
  year: number;
  /** The box the opening camera fits (lon/lat), as the live map's. */
  frame: Box;
  neighbours: Paths;
  /** The communes, one set of rings per colour (filled even-odd). */
  fills: { color: RGBA; paths: Paths }[];
  communeBorders: Paths;
  provinceBorders: Paths;
  /** The built-in outlines of an archipelago the data does not have. */
  outlines: Paths;
  /** One mark per island, in its unit's colour. */
  marks: { x: number; y: number; color: RGBA }[];
  /** What the sovereignty labels are placed from (src/map/sovereignty.ts sovereigntyLabels). */
  archipelagos: Pick<ArchipelagoShape, 'id' | 'box'>[];
}

class PathsBuilder {
  private xy: number[] = [];
  private lens: number[] = [];
  add(line: readonly Position[]): void {
    if (line.length === 0) return;
    for (const p of line) {
      const [x, y] = worldPixel(p[0], p[1], 0);
      this.xy.push(x, y);
    }
    this.lens.push(line.length);
  }
  addPolygon(g: Polygon | MultiPolygon): void {
    for (const poly of g.type === 'Polygon' ? [g.coordinates] : g.coordinates) for (const ring of poly) this.add(ring);
  }
  done(): Paths {
    return { xy: Float32Array.from(this.xy), lens: Uint32Array.from(this.lens) };
  }
}

export interface SceneInput {
  structure: string;
  year: number;
  frame: Box;
  communes: readonly UnitFeature[];
  /** RGBA per commune `index` (src/map/layers.ts fillColors). */
  colors: Uint8ClampedArray;
  communeBorders: readonly Position[][];
  provinceBorders: readonly Position[][];
  neighbours: readonly Feature<Polygon | MultiPolygon>[];
  archipelagos: readonly ArchipelagoShape[];
}

/** The scene of `input`: paths grouped as they are drawn. */
export function buildScene(input: SceneInput): PosterScene {
  const { colors } = input;
  const rgba = (index: number): RGBA => [colors[index * 4], colors[index * 4 + 1], colors[index * 4 + 2], colors[index * 4 + 3]];
  const byColor = new Map<string, { color: RGBA; paths: PathsBuilder }>();
  for (const f of input.communes) {
    const color = rgba(f.properties.index);
    const key = color.join(',');
    let group = byColor.get(key);
    if (!group) byColor.set(key, (group = { color, paths: new PathsBuilder() }));
    group.paths.addPolygon(f.geometry);
  }
  const lines = (list: readonly Position[][]) => {
    const b = new PathsBuilder();
    for (const l of list) b.add(l);
    return b.done();
  };
  const neighbours = new PathsBuilder();
  for (const f of input.neighbours) neighbours.addPolygon(f.geometry);
  const outlines = new PathsBuilder();
  for (const s of input.archipelagos) if (s.source === 'built-in') for (const g of s.geometries) outlines.addPolygon(g);
  const marks = input.archipelagos.flatMap((s) =>
    s.marks.map((m) => {
      const [x, y] = worldPixel(m.position[0], m.position[1], 0);
      const o = m.index === undefined ? -1 : m.index * 4;
      const color: RGBA = o >= 0 && o + 3 < colors.length ? [colors[o], colors[o + 1], colors[o + 2], 255] : NOT_RATED;
      return { x, y, color };
    }),
  );
  return {
    structure: input.structure,
    year: input.year,
    frame: input.frame,
    neighbours: neighbours.done(),
    fills: [...byColor.values()].map((g) => ({ color: g.color, paths: g.paths.done() })),
    communeBorders: lines(input.communeBorders),
    provinceBorders: lines(input.provinceBorders),
    outlines: outlines.done(),
    marks,
    archipelagos: input.archipelagos.map((s) => ({ id: s.id, box: s.box })),
  };
}

/**
 * The scene of `view` from a bundle's raw parts (TopoJSON and Arrow bytes):
 * the coarse level the live map draws at the national view when the bundle has
 * one, in the colours the app opens with (src/map/colors.ts firstPaint).
 * Undefined when that view's colours cannot be read from the bundle alone.
 */
export function sceneFromParts(manifest: Pick<BundleManifest, 'structures' | 'scale'>, parts: { boundaries: Uint8Array; ratings: Uint8Array }, view: ViewState): PosterScene | undefined {
  const s = manifest.structures.find((x) => x.id === view.structure);
  if (!s) return undefined;
  const colors = firstPaint(manifest, parts.ratings, view);
  if (!colors) return undefined;
  const full = JSON.parse(new TextDecoder().decode(parts.boundaries)) as Topology;
  const topology = coarseTopology(full)?.topology ?? full;
  const communes = unitFeatures(topology, s.communeObject);
  const provinces = unitFeatures(topology, s.provinceObject);
  const arcs = decodeArcs(topology);
  const lines = (name: string) => objectArcLines(topology.objects[name] as GeometryObject, arcs);
  return buildScene({
    structure: s.id,
    year: view.year,
    frame: nationalFrame(boundsOf(provinces.length ? provinces : communes)),
    communes,
    colors: fillColors(communes, colors.colorByCode),
    communeBorders: lines(s.communeObject),
    provinceBorders: lines(s.provinceObject),
    neighbours: topology.objects.neighbours ? unitFeatures(topology, 'neighbours') : [],
    archipelagos: archipelagoShapes(communes),
  });
}

const sets = (s: PosterScene): Paths[] => [s.neighbours, ...s.fills.map((f) => f.paths), s.communeBorders, s.provinceBorders, s.outlines];

/** Grid steps across the scene: int16 holds ±32,767. */
const GRID = 65_000;

export function encodeScene(scene: PosterScene, toBase64: (bytes: Uint8Array) => string): EncodedScene {
  const all = sets(scene);
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const p of all) {
    for (let i = 0; i < p.xy.length; i += 2) {
      x0 = Math.min(x0, p.xy[i]); x1 = Math.max(x1, p.xy[i]);
      y0 = Math.min(y0, p.xy[i + 1]); y1 = Math.max(y1, p.xy[i + 1]);
    }
  }
  if (!Number.isFinite(x0)) x0 = y0 = x1 = y1 = 0;
  const step = Math.max(x1 - x0, y1 - y0, 1e-9) / GRID;
  const origin: [number, number] = [(x0 + x1) / 2, (y0 + y1) / 2];
  const total = all.reduce((n, p) => n + p.xy.length, 0);
  const q = new Int16Array(total);
  let at = 0;
  for (const p of all) {
    for (let i = 0; i < p.xy.length; i += 2) {
      q[at++] = Math.round((p.xy[i] - origin[0]) / step);
      q[at++] = Math.round((p.xy[i + 1] - origin[1]) / step);
    }
  }
  const lens = new Uint32Array(all.reduce((n, p) => n + p.lens.length, 0));
  let li = 0;
  for (const p of all) {
    lens.set(p.lens, li);
    li += p.lens.length;
  }
  // Typed arrays are little-endian on every platform the atlas runs on (x86, ARM).
  return {
    structure: scene.structure,
    year: scene.year,
    frame: scene.frame,
    origin,
    step,
    fills: scene.fills.map((f) => f.color),
    counts: all.map((p) => p.lens.length),
    lens: toBase64(new Uint8Array(lens.buffer)),
    xy: toBase64(new Uint8Array(q.buffer)),
    marks: scene.marks.map((m) => [m.x, m.y, m.color]),
    archipelagos: scene.archipelagos,
  };
}

/** The scene back from its encoding; throws on one that does not add up. */
export function decodeScene(e: EncodedScene, fromBase64: (s: string) => Uint8Array): PosterScene {
  const lensBytes = fromBase64(e.lens);
  const xyBytes = fromBase64(e.xy);
  const lens = new Uint32Array(lensBytes.buffer.slice(lensBytes.byteOffset, lensBytes.byteOffset + lensBytes.byteLength));
  const q = new Int16Array(xyBytes.buffer.slice(xyBytes.byteOffset, xyBytes.byteOffset + xyBytes.byteLength));
  const nSets = e.fills.length + 4;
  if (e.counts.length !== nSets || e.counts.reduce((a, b) => a + b, 0) !== lens.length) throw new Error('poster scene: counts do not match');
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
    year: e.year,
    frame: e.frame,
    neighbours: out[0],
    fills: e.fills.map((color, i) => ({ color, paths: out[1 + i] })),
    communeBorders: out[1 + e.fills.length],
    provinceBorders: out[2 + e.fills.length],
    outlines: out[3 + e.fills.length],
    marks: e.marks.map(([x, y, color]) => ({ x, y, color })),
    archipelagos: e.archipelagos,
  };
}

/**
 * The scene of each structure's opening view (what the app opens with when
 * the address names only the structure), for the bundle script. A structure
 * whose scene cannot be made (no ratings of its own years, say) gets none: the
 * page then works it out from the parts, or leaves the map to the app.
 */
export function packedScenes(manifest: Pick<BundleManifest, 'structures' | 'years' | 'scale' | 'indicators'>, parts: { boundaries?: Uint8Array; ratings?: Uint8Array }, toBase64: (bytes: Uint8Array) => string): EncodedScene[] {
  const { boundaries, ratings } = parts;
  if (!boundaries || !ratings) return [];
  const out: EncodedScene[] = [];
  for (const s of manifest.structures) {
    const { view } = hashToView(`#s=${encodeURIComponent(s.id)}`, viewBoundsOf(manifest));
    if (view.structure !== s.id || !paintsFirst(view)) continue;
    try {
      const scene = sceneFromParts(manifest, { boundaries, ratings }, view);
      if (scene) out.push(encodeScene(scene, toBase64));
    } catch (e) {
      console.warn(`first paint of structure ${s.id} not packed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return out;
}
