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

/**
 * For each level, the largest known commune the user can see on the page: not
 * under the legend, a control or a province label (white-outlined text).
 */
export async function visibleSamples(page: Evaluates, bundle: LoadedBundle, known: ReturnType<typeof knownCommunes>) {
  const labels = await Promise.all(unitFeatures(bundle.topology, known.structure.provinceObject).map((p) => project(page, labelPoint(p.geometry))));
  const clearOfLabels = (at: [number, number]) => labels.every(([x, y]) => Math.abs(x - at[0]) > 70 || Math.abs(y - at[1]) > 14);
  const samples: (KnownCommune & { at: [number, number] })[] = [];
  for (const list of known.candidates) {
    for (const c of list) {
      const at = await visiblePoint(page, c.lngLat);
      if (at && clearOfLabels(at)) {
        samples.push({ ...c, at });
        break;
      }
    }
  }
  return samples;
}
