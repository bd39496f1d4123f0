/**
 * Turns Natural Earth features into the land the demo tessellates: one land per
 * pre-2025 province (its main part plus near-shore islets) and one per island
 * group (the future đặc khu), with Natural Earth's filing quirks corrected.
 */
import * as turf from '@turf/turf';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { NATURAL_EARTH_ISLAND_FEATURES, PROVINCES_PRE2025, provinceByNaturalEarthIso } from '../model/provinces.ts';
import { ISLAND_GROUPS, ISLAND_MATCH_KM } from './islands.ts';
import type { IslandGroup } from './islands.ts';
import type { LandFeature } from './sources.ts';
import type { Rng } from './rng.ts';
import { areaKm2, blob, centroidOf, pointInPolys } from './planar.ts';
import type { Polys } from './planar.ts';

export interface Lands {
  /** Pre-2025 province code → land to split into ordinary communes. */
  provinces: Map<string, Polys>;
  /** Island group key → its land. */
  islands: Map<string, Polys>;
  /** Keys of groups drawn with illustrative polygons (Natural Earth lacks them). */
  illustrative: string[];
}

function kmBetween(a: [number, number], b: [number, number]): number {
  const k = Math.cos((((a[1] + b[1]) / 2) * Math.PI) / 180);
  return Math.hypot((a[0] - b[0]) * k, a[1] - b[1]) * 111.32;
}

function partsOf(f: LandFeature): Polys {
  return f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
}

/** Builds province and island lands from Natural Earth admin-1 features. */
export function buildLands(admin1: LandFeature[], rng: Rng): Lands {
  const provinces = new Map<string, Polys>();
  const islands = new Map<string, Polys>();
  const neGroups = ISLAND_GROUPS.filter((g) => !g.illustrative && !g.naturalEarthIso);
  const byIso = new Map(admin1.map((f) => [String(f.properties.iso_3166_2), f]));

  for (const p of PROVINCES_PRE2025) {
    const f = byIso.get(p.iso);
    if (!f) throw new Error(`Natural Earth has no feature ${p.iso} for ${p.name}`);
    if (provinceByNaturalEarthIso(p.iso)?.code !== p.code) throw new Error(`iso ${p.iso} maps twice`);
    const parts = [...partsOf(f)].sort((a, b) => areaKm2([b]) - areaKm2([a]));
    const main: Polys = [parts[0]];
    for (const part of parts.slice(1)) {
      const c = centroidOf([part]);
      let best: IslandGroup | null = null;
      let bestKm = ISLAND_MATCH_KM;
      for (const g of neGroups) {
        const d = kmBetween(c, g.centre);
        if (d < bestKm) { bestKm = d; best = g; }
      }
      if (best) islands.set(best.key, [...(islands.get(best.key) ?? []), part]);
      else main.push(part);
    }
    provinces.set(p.code, [...(provinces.get(p.code) ?? []), ...main]);
  }

  for (const [iso, info] of Object.entries(NATURAL_EARTH_ISLAND_FEATURES)) {
    const f = byIso.get(iso);
    const g = ISLAND_GROUPS.find((x) => x.naturalEarthIso === iso);
    if (!f || !g || g.provinceCode !== info.provinceCode) throw new Error(`island feature ${iso} missing or mismatched`);
    islands.set(g.key, partsOf(f));
  }

  const illustrative: string[] = [];
  const allLand = [...provinces.values(), ...islands.values()];
  for (const g of ISLAND_GROUPS) {
    if (!g.illustrative) continue;
    const polys: Polys = [];
    for (const shape of g.illustrative) {
      const ring = blob(shape.centre, shape.radiusKm, 14, rng);
      // An illustrative island must not overlap Natural Earth land.
      const clash = ring.some((pt) => allLand.some((l) => pointInPolys(pt[0], pt[1], l)));
      if (clash) throw new Error(`illustrative island ${g.name} overlaps land`);
      polys.push([ring]);
    }
    islands.set(g.key, polys);
    illustrative.push(g.key);
  }
  for (const g of ISLAND_GROUPS) if (!islands.has(g.key)) throw new Error(`no land for island group ${g.name}`);
  return { provinces, islands, illustrative };
}

/** Neighbour countries clipped to the region around Vietnam (the map only needs context). */
export function clipNeighbour(f: LandFeature): Polys {
  // East edge at 111.1°E keeps Hainan but leaves out the Paracels, which are Vietnam's Hoàng Sa here.
  const clipped = turf.bboxClip(f, [99.5, 7.5, 111.1, 24.6]);
  const g = clipped.geometry as Polygon | MultiPolygon;
  const polys: Polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return polys.filter((p) => p.length > 0 && p[0].length >= 4 && areaKm2([p]) > 0.5).map((p) => p.filter((r) => r.length >= 4)) as Position[][][];
}
