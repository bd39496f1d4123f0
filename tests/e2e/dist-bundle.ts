/**
 * Reads the data bundle of a built folder in node, independently of the page,
 * so e2e tests can compute what the user must see (expected colours, counts,
 * names) and compare.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { tableFromIPC, type Table } from 'apache-arrow';
import { area, pointOnFeature } from '@turf/turf';
import { decodeBundle, type LoadedBundle } from '../../src/io/bundle.ts';
import { labelPoint, unitFeatures } from '../../src/map/boundaries.ts';
import { project, visiblePoint, type Evaluates } from './browser.ts';
import { BUNDLE_GLOBAL } from '../../src/model/bundle.ts';
import { weakLevelIds } from '../../src/model/scale.ts';

export async function readDistBundle(dist: string): Promise<LoadedBundle & { ratings: Table }> {
  const text = readFileSync(join(dist, 'data', 'atlas-data.js'), 'utf8');
  const sandbox: Record<string, unknown> = {};
  sandbox.globalThis = sandbox;
  runInNewContext(text, sandbox);
  const bundle = await decodeBundle(sandbox[BUNDLE_GLOBAL]);
  return { ...bundle, ratings: tableFromIPC(bundle.parts.ratings) };
}

export interface UnitRow {
  code: string;
  name: string;
  structure: string;
  level: string;
}

export function unitRows(bundle: LoadedBundle): UnitRow[] {
  return bundle.units.toArray().map((r) => r.toJSON() as UnitRow);
}

/** rating by code for one year, straight from the Arrow table. */
export function ratingsOfYear(ratings: Table, year: number): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of ratings.toArray()) {
    const o = r.toJSON() as { code: string; year: number; rating: string };
    if (Number(o.year) === year) out.set(o.code, o.rating);
  }
  return out;
}

/** A commune whose rating in the default view is known from the raw table. */
export interface KnownCommune {
  code: string;
  name: string;
  lngLat: [number, number];
  rating: string;
}

/**
 * What the default view (first structure, last year) must show, from the raw
 * tables: per level the largest communes first (their interior points are far
 * from edges and labels), the weak count and the number of communes.
 */
export function knownCommunes(bundle: LoadedBundle & { ratings: Table }) {
  const m = bundle.manifest;
  const structure = m.structures[0];
  const year = Math.max(...m.years);
  const ratings = ratingsOfYear(bundle.ratings, year);
  const names = new Map(unitRows(bundle).filter((u) => u.structure === structure.id).map((u) => [u.code, u.name]));
  const features = unitFeatures(bundle.topology, structure.communeObject);
  const byLevel = new Map<string, KnownCommune[]>();
  const sorted = [...features].sort((a, b) => area(b) - area(a));
  for (const f of sorted) {
    const rating = ratings.get(f.properties.code);
    if (!rating) continue;
    const list = byLevel.get(rating) ?? [];
    if (list.length >= 25) continue;
    const c = pointOnFeature(f).geometry.coordinates;
    list.push({ code: f.properties.code, name: names.get(f.properties.code)!, lngLat: [c[0], c[1]], rating });
    byLevel.set(rating, list);
  }
  const weak = weakLevelIds(m.scale);
  const weakCount = [...ratings.entries()].filter(([code, r]) => names.has(code) && weak.includes(r)).length;
  return { year, structure, candidates: [...byLevel.values()], weakCount, total: features.length };
}

/** Screen points of a structure's province labels, and a test that a point is clear of them (white-outlined text). */
export async function clearOfProvinceLabels(page: Evaluates, bundle: LoadedBundle, provinceObject: string): Promise<(at: [number, number]) => boolean> {
  const labels = await Promise.all(unitFeatures(bundle.topology, provinceObject).map((p) => project(page, labelPoint(p.geometry))));
  return (at) => labels.every(([x, y]) => Math.abs(x - at[0]) > 70 || Math.abs(y - at[1]) > 14);
}

/**
 * For each level, the largest known commune the user can see on the page: not
 * under the legend, a control or a province label (white-outlined text).
 */
export async function visibleSamples(page: Evaluates, bundle: LoadedBundle, known: ReturnType<typeof knownCommunes>) {
  const clear = await clearOfProvinceLabels(page, bundle, known.structure.provinceObject);
  const samples: (KnownCommune & { at: [number, number] })[] = [];
  for (const list of known.candidates) {
    for (const c of list) {
      const at = await visiblePoint(page, c.lngLat);
      if (at && clear(at)) {
        samples.push({ ...c, at });
        break;
      }
    }
  }
  return samples;
}

/** Communes of each boundary object, largest first, with a point inside each (worked out once per bundle). */
const bySize = new WeakMap<LoadedBundle, Map<string, { code: string; lngLat: [number, number] }[]>>();

function largestFirst(bundle: LoadedBundle, communeObject: string) {
  let perObject = bySize.get(bundle);
  if (!perObject) bySize.set(bundle, (perObject = new Map()));
  let list = perObject.get(communeObject);
  if (!list) {
    const features = unitFeatures(bundle.topology, communeObject).map((f) => ({ f, a: area(f) }));
    features.sort((x, y) => y.a - x.a);
    list = features.map(({ f }) => {
      const c = pointOnFeature(f).geometry.coordinates;
      return { code: f.properties.code, lngLat: [c[0], c[1]] as [number, number] };
    });
    perObject.set(communeObject, list);
  }
  return list;
}

/**
 * The largest of `codes` (communes of `structureId`) whose inside the user can
 * see (inside the map, not under the legend, a control or the tooltip: see
 * visiblePoint), clear of the province labels, with its screen point;
 * undefined when none is. Every candidate is placed in one call to the page.
 */
export async function largestVisible(page: Evaluates, bundle: LoadedBundle, structureId: string, codes: ReadonlySet<string>, note?: (why: string) => void) {
  const s = bundle.manifest.structures.find((x) => x.id === structureId);
  if (!s) throw new Error(`no structure ${structureId}`);
  const clear = await clearOfProvinceLabels(page, bundle, s.provinceObject);
  const wanted = largestFirst(bundle, s.communeObject).filter((c) => codes.has(c.code));
  const at = await page.evaluate((points) => {
    const probe = (globalThis as unknown as { movementAtlas: { project?: (a: number, b: number) => [number, number] } }).movementAtlas;
    const map = document.querySelector('.stage')!.getBoundingClientRect();
    const covers = [...document.querySelectorAll('.map-legend, .maplibregl-ctrl, .tooltip')].map((el) => el.getBoundingClientRect());
    return points.map(([lng, lat]) => {
      const [x, y] = probe.project!(lng, lat);
      if (x < map.left + 8 || x > map.right - 8 || y < map.top + 8 || y > map.bottom - 8) return null;
      if (covers.some((r) => x >= r.left - 6 && x <= r.right + 6 && y >= r.top - 6 && y <= r.bottom + 6)) return null;
      return [x, y] as [number, number];
    });
  }, wanted.map((c) => c.lngLat));
  const i = at.findIndex((p) => p !== null && clear(p));
  if (i < 0) note?.(`${codes.size} codes, ${wanted.length} with boundaries, ${at.filter((p) => p !== null).length} in sight, none clear of the province labels`);
  return i < 0 ? undefined : { ...wanted[i], at: at[i]! };
}
