/**
 * The first paint's scenes made at pack time (src/map/poster-scene.ts reads
 * them): each structure's geometry at the level the live map draws the
 * national view with, as SVG path data on a grid of world pixels, and each
 * year's commune colours as the app opens with them, for the bundle script.
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
import { sceneOfYear, type PosterScene, type SceneGeometry } from './poster-scene.ts';
import { archipelagoShapes, nationalFrame, type ArchipelagoShape } from './sovereignty.ts';
import { reasonOf } from '../model/text.ts';

type Box = [[number, number], [number, number]];

/**
 * Grid units per world pixel at zoom 0: 4,096, so a point is within 1/8,192
 * world pixel of its place, under 0.02 screen pixel at zoom 7 (a national view
 * on a 4K screen is below zoom 7).
 */
const GRID = 4096;

/**
 * SVG path data of rings or lines: each starts with an absolute moveto and
 * goes on with relative linetos between grid points; rings are closed. A point
 * on the grid point of the one before is left out, and so is a ring or line
 * that is left with no length (a lone "l" would end the browser's parsing of
 * the whole path there).
 */
function pathData(lines: readonly (readonly Position[])[], close: boolean): string {
  const out: string[] = [];
  for (const line of lines) {
    const xy: number[] = [];
    for (const p of line) {
      const [wx, wy] = worldPixel(p[0], p[1], 0);
      const x = Math.round(wx * GRID), y = Math.round(wy * GRID);
      if (xy.length && x === xy[xy.length - 2] && y === xy[xy.length - 1]) continue;
      xy.push(x, y);
    }
    if (xy.length < 4) continue;
    const steps: number[] = [];
    for (let i = 2; i < xy.length; i += 2) steps.push(xy[i] - xy[i - 2], xy[i + 1] - xy[i - 1]);
    out.push(`M${xy[0]} ${xy[1]}l${steps.join(' ')}${close ? 'Z' : ''}`);
  }
  return out.join('');
}

const rings = (g: Polygon | MultiPolygon): Position[][] => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).flat();

export interface GeometryInput {
  structure: string;
  frame: Box;
  communes: readonly UnitFeature[];
  communeBorders: readonly Position[][];
  provinceBorders: readonly Position[][];
  neighbours: readonly Feature<Polygon | MultiPolygon>[];
  archipelagos: readonly ArchipelagoShape[];
}

/** The paths of `input` on the grid. */
export function sceneGeometry(input: GeometryInput): SceneGeometry {
  const ordinal = new Map(input.communes.map((f, i) => [f.properties.index, i]));
  return {
    structure: input.structure,
    frame: input.frame,
    origin: [0, 0],
    unit: 1 / GRID,
    communes: input.communes.map((f) => pathData(rings(f.geometry), true)),
    neighbours: pathData(input.neighbours.flatMap((f) => rings(f.geometry)), true),
    communeBorders: pathData(input.communeBorders, false),
    provinceBorders: pathData(input.provinceBorders, false),
    outlines: pathData(input.archipelagos.flatMap((s) => (s.source === 'built-in' ? s.geometries.flatMap(rings) : [])), true),
    marks: input.archipelagos.flatMap((s) =>
      s.marks.map((m): [number, number, number] => {
        const [x, y] = worldPixel(m.position[0], m.position[1], 0);
        return [x, y, m.index === undefined ? -1 : (ordinal.get(m.index) ?? -1)];
      }),
    ),
    archipelagos: input.archipelagos.map((s) => ({ id: s.id, box: s.box })),
  };
}

/** The topology at the level the live map draws the national view with (src/geo/lod.ts), when the bundle has one. */
function nationalTopology(boundaries: Uint8Array): Topology {
  const full = JSON.parse(new TextDecoder().decode(boundaries)) as Topology;
  return coarseTopology(full)?.topology ?? full;
}

/** A structure's geometry, and its communes in the geometry's order, from that topology. */
function geometryOf(manifest: Pick<BundleManifest, 'structures'>, topology: Topology, structure: string): { geometry: SceneGeometry; communes: UnitFeature[] } | undefined {
  const s = manifest.structures.find((x) => x.id === structure);
  if (!s) return undefined;
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
  const made = geometryOf(manifest, nationalTopology(parts.boundaries), view.structure);
  if (!made) return undefined;
  const colors = yearColors(manifest, parts.ratings, made.communes, view);
  return colors && sceneOfYear(made.geometry, view.year, (i) => colors[i]);
}

/** The geometry with the years' colours, as the bundle script carries it. */
export function encodeScene(g: SceneGeometry, years: { year: number; colors: readonly RGBA[] }[], toBase64: (bytes: Uint8Array) => string): EncodedScene {
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
  return { ...g, palette, years: encodedYears };
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
  let topology: Topology;
  try {
    topology = nationalTopology(boundaries);
  } catch (e) {
    console.warn(`first paint not packed: ${reasonOf(e)}`);
    return [];
  }
  for (const s of manifest.structures) {
    try {
      const made = geometryOf(manifest, topology, s.id);
      if (!made) continue;
      const base = hashToView(`#s=${encodeURIComponent(s.id)}`, viewBoundsOf(manifest)).view;
      const years = manifest.years.flatMap((year) => {
        const colors = yearColors(manifest, ratings, made.communes, { ...base, structure: s.id, year });
        return colors ? [{ year, colors }] : [];
      });
      if (years.length) out.push(encodeScene(made.geometry, years, toBase64));
    } catch (e) {
      console.warn(`first paint of structure ${s.id} not packed: ${reasonOf(e)}`);
    }
  }
  return out;
}
