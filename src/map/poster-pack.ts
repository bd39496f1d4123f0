/**
 * The first paint's scenes made at pack time (src/map/poster-scene.ts reads
 * them): each structure's geometry at the level the live map draws the
 * national view with, in world pixels, and each year's commune colours as the
 * app opens with them, encoded for the bundle script.
 */
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import type { GeometryObject, Topology } from 'topojson-specification';
import { coarseTopology } from '../geo/lod.ts';
import { decodeArcs, objectArcLines } from '../geo/topo.ts';
import type { BundleManifest, EncodedScene } from '../model/bundle.ts';
import { hashToView, viewBoundsOf, type ViewState } from '../model/view-state.ts';
import { boundsOf, unitFeatures, type UnitFeature } from './boundaries.ts';
import { firstPaint } from './colors.ts';
import { worldPixel } from './labels.ts';
import { fillColors, type RGBA } from './layers.ts';
import { pathSets, sceneOfYear, type Paths, type PosterScene, type SceneGeometry } from './poster-scene.ts';
import { archipelagoShapes, nationalFrame, type ArchipelagoShape } from './sovereignty.ts';

type Box = [[number, number], [number, number]];

class PathsBuilder {
  private xy: number[] = [];
  private lens: number[] = [];
  get count(): number {
    return this.lens.length;
  }
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

export interface GeometryInput {
  structure: string;
  frame: Box;
  communes: readonly UnitFeature[];
  communeBorders: readonly Position[][];
  provinceBorders: readonly Position[][];
  neighbours: readonly Feature<Polygon | MultiPolygon>[];
  archipelagos: readonly ArchipelagoShape[];
}

/** The paths of `input`, in world pixels. */
export function sceneGeometry(input: GeometryInput): SceneGeometry {
  const communes = new PathsBuilder();
  const communeRings = new Uint32Array(input.communes.length);
  input.communes.forEach((f, i) => {
    const before = communes.count;
    communes.addPolygon(f.geometry);
    communeRings[i] = communes.count - before;
  });
  const lines = (list: readonly Position[][]) => {
    const b = new PathsBuilder();
    for (const l of list) b.add(l);
    return b.done();
  };
  const neighbours = new PathsBuilder();
  for (const f of input.neighbours) neighbours.addPolygon(f.geometry);
  const outlines = new PathsBuilder();
  for (const s of input.archipelagos) if (s.source === 'built-in') for (const g of s.geometries) outlines.addPolygon(g);
  const ordinal = new Map(input.communes.map((f, i) => [f.properties.index, i]));
  const marks = input.archipelagos.flatMap((s) =>
    s.marks.map((m) => {
      const [x, y] = worldPixel(m.position[0], m.position[1], 0);
      return { x, y, commune: m.index === undefined ? -1 : (ordinal.get(m.index) ?? -1) };
    }),
  );
  return {
    structure: input.structure,
    frame: input.frame,
    neighbours: neighbours.done(),
    communes: communes.done(),
    communeRings,
    communeBorders: lines(input.communeBorders),
    provinceBorders: lines(input.provinceBorders),
    outlines: outlines.done(),
    marks,
    archipelagos: input.archipelagos.map((s) => ({ id: s.id, box: s.box })),
  };
}


/** A structure's geometry, and its communes in the geometry's order, from a bundle's TopoJSON bytes. */
export function geometryFromParts(manifest: Pick<BundleManifest, 'structures'>, boundaries: Uint8Array, structure: string): { geometry: SceneGeometry; communes: UnitFeature[] } | undefined {
  const s = manifest.structures.find((x) => x.id === structure);
  if (!s) return undefined;
  const full = JSON.parse(new TextDecoder().decode(boundaries)) as Topology;
  // The level the live map draws at the national view (src/geo/lod.ts), when the bundle has one.
  const topology = coarseTopology(full)?.topology ?? full;
  const communes = unitFeatures(topology, s.communeObject);
  const provinces = unitFeatures(topology, s.provinceObject);
  const arcs = decodeArcs(topology);
  const lines = (name: string) => objectArcLines(topology.objects[name] as GeometryObject, arcs);
  const geometry = sceneGeometry({
    structure: s.id,
    frame: nationalFrame(boundsOf(provinces.length ? provinces : communes)),
    communes,
    communeBorders: lines(s.communeObject),
    provinceBorders: lines(s.provinceObject),
    neighbours: topology.objects.neighbours ? unitFeatures(topology, 'neighbours') : [],
    archipelagos: archipelagoShapes(communes),
  });
  return { geometry, communes };
}

/** Each commune's fill (by order) in `view`'s colours as the app opens with them (src/map/colors.ts firstPaint), or undefined. */
function yearColors(manifest: Pick<BundleManifest, 'structures' | 'scale'>, ratings: Uint8Array, communes: readonly UnitFeature[], view: ViewState): RGBA[] | undefined {
  const colors = firstPaint(manifest, ratings, view);
  if (!colors) return undefined;
  const rgba = fillColors(communes, colors.colorByCode);
  return communes.map((f) => {
    const o = f.properties.index * 4;
    return [rgba[o], rgba[o + 1], rgba[o + 2], rgba[o + 3]];
  });
}

/** The scene of `view` from a bundle's raw parts (TopoJSON and Arrow bytes); undefined when its colours are not the bundle's own. */
export function sceneFromParts(manifest: Pick<BundleManifest, 'structures' | 'scale'>, parts: { boundaries: Uint8Array; ratings: Uint8Array }, view: ViewState): PosterScene | undefined {
  const made = geometryFromParts(manifest, parts.boundaries, view.structure);
  if (!made) return undefined;
  const colors = yearColors(manifest, parts.ratings, made.communes, view);
  return colors && sceneOfYear(made.geometry, view.year, (i) => colors[i]);
}


/** Grid steps across the scene: int16 holds ±32,767. */
const GRID = 65_000;

/** The geometry and the years' colours as the bundle script carries them (EncodedScene). */
export function encodeScene(g: SceneGeometry, years: { year: number; colors: readonly RGBA[] }[], toBase64: (bytes: Uint8Array) => string): EncodedScene {
  const all = pathSets(g);
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
  const q = new Int16Array(all.reduce((n, p) => n + p.xy.length, 0));
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
  const palette: RGBA[] = [];
  const paletteIndex = new Map<string, number>();
  const encodedYears = years.map(({ year, colors }) => {
    const classes = new Uint8Array(colors.length);
    colors.forEach((c, i) => {
      const key = c.join(',');
      let k = paletteIndex.get(key);
      if (k === undefined) {
        k = palette.push(c) - 1;
        if (k > 255) throw new Error('poster scene: more than 256 colours');
        paletteIndex.set(key, k);
      }
      classes[i] = k;
    });
    return { year, colors: toBase64(classes) };
  });
  // Typed arrays are little-endian on every platform the atlas runs on (x86, ARM).
  return {
    structure: g.structure,
    frame: g.frame,
    origin,
    step,
    counts: all.map((p) => p.lens.length),
    communeRings: toBase64(new Uint8Array(g.communeRings.buffer, g.communeRings.byteOffset, g.communeRings.byteLength)),
    lens: toBase64(new Uint8Array(lens.buffer)),
    xy: toBase64(new Uint8Array(q.buffer)),
    marks: g.marks.map((m) => [m.x, m.y, m.commune]),
    archipelagos: g.archipelagos,
    palette,
    years: encodedYears,
  };
}


/**
 * The scenes of a bundle, for its script: each structure's geometry once, with
 * the colours of every year rated on its own codes (the years the app opens
 * with the bundle's own colours, src/map/colors.ts firstPaint; a year carried
 * across the 2025 merger is an estimate the app works out, and is not painted).
 * A structure whose scene cannot be made gets none: the page then leaves the
 * map to the app.
 */
export function packedScenes(manifest: Pick<BundleManifest, 'structures' | 'years' | 'scale' | 'indicators'>, parts: { boundaries?: Uint8Array; ratings?: Uint8Array }, toBase64: (bytes: Uint8Array) => string): EncodedScene[] {
  const { boundaries, ratings } = parts;
  if (!boundaries || !ratings) return [];
  const out: EncodedScene[] = [];
  for (const s of manifest.structures) {
    try {
      const made = geometryFromParts(manifest, boundaries, s.id);
      if (!made) continue;
      const base = hashToView(`#s=${encodeURIComponent(s.id)}`, viewBoundsOf(manifest)).view;
      const years = manifest.years.flatMap((year) => {
        const colors = yearColors(manifest, ratings, made.communes, { ...base, structure: s.id, year });
        return colors ? [{ year, colors }] : [];
      });
      if (years.length) out.push(encodeScene(made.geometry, years, toBase64));
    } catch (e) {
      console.warn(`first paint of structure ${s.id} not packed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return out;
}
