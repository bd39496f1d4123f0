/**
 * Geometry and names for one structure, decoded once and memoised. A year or
 * filter change never comes through here.
 */
import type { Table } from 'apache-arrow';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { useMemo } from 'react';
import type { LoadedBundle } from '../../io/bundle.ts';
import { boundsOf, meshLines, meshSegments, unionOutline, unitFeatures, type UnitFeature } from '../../map/boundaries.ts';
import { provinceLabels, type ProvinceLabel } from '../../map/labels.ts';
import { coarseTopology } from '../../geo/lod.ts';
import { archipelagoShapes, nationalFrame, type ArchipelagoShape } from '../../map/sovereignty.ts';
import { shortProvinceName } from '../../model/provinces.ts';
import { cleanName } from '../../model/text.ts';
import { timeline } from '../app/startup.ts';

export interface UnitInfo {
  code: string;
  name: string;
  unitType: string;
  provinceCode: string;
  provinceName: string;
  areaKm2: number;
}

/** What the map draws of a structure at one level of detail. */
export interface DrawnLevel {
  communes: UnitFeature[];
  /** Commune borders, each shared border once, as a line list (see meshSegments). */
  communeMesh: Float64Array;
  /** Province borders, each shared border once, for the province outline layer. */
  provinceBorders: Position[][];
  /** The outline of the union of some communes (priority overlays). */
  outline: (codes: ReadonlySet<string>) => Position[][];
}

/**
 * A structure's geometry. Its own DrawnLevel is the full detail: what hover,
 * selection, labels and exports use, and what the map draws from
 * `coarse.belowZoom` on.
 */
export interface StructureGeometry extends DrawnLevel {
  provinces: UnitFeature[];
  neighbours: Feature<Polygon | MultiPolygon>[];
  /** Label candidates, one per province; which fit is decided per zoom (src/map/labels.ts). */
  provinceLabels: ProvinceLabel[];
  /** Hoàng Sa and Trường Sa: units of this structure when it has them, else the built-in outline. */
  archipelagos: ArchipelagoShape[];
  bounds: [[number, number], [number, number]];
  /** What a national view shows: QCVN 80's extent for national data, the data's bounds otherwise. */
  frame: [[number, number], [number, number]];
  /** Commune and province info by code, for this structure only (codes repeat across structures). */
  info: Map<string, UnitInfo>;
  /**
   * The bundle's coarse level (src/geo/lod.ts), drawn on screen below
   * `belowZoom`; absent when the bundle carries none. Its communes have the
   * same `index` as `communes`, so one colour array serves both.
   */
  coarse?: DrawnLevel & { belowZoom: number };
}

/** The coarse topology of each loaded topology, worked out once for every structure it holds. */
const coarseCache = new WeakMap<object, ReturnType<typeof coarseTopology>>();
function coarseOf(topology: LoadedBundle['topology']) {
  if (!coarseCache.has(topology)) coarseCache.set(topology, coarseTopology(topology));
  return coarseCache.get(topology);
}

/** One structure's drawn layers from a topology (the full one or the coarse level's). */
function drawnLevel(topology: LoadedBundle['topology'], communeObject: string, provinceObject: string): DrawnLevel {
  return {
    communes: unitFeatures(topology, communeObject),
    communeMesh: meshSegments(topology, communeObject),
    provinceBorders: meshLines(topology, provinceObject),
    outline: (codes) => unionOutline(topology, communeObject, codes),
  };
}

/** Reads `units` rows of one structure into a map by code; names are NFC-normalised. */
export function unitsOf(units: Table, structure: string): Map<string, UnitInfo> {
  const out = new Map<string, UnitInfo>();
  const col = (n: string) => units.getChild(n);
  const code = col('code'), name = col('name'), type = col('unit_type'), st = col('structure');
  const pc = col('province_code'), pn = col('province_name'), area = col('area_km2');
  for (let i = 0; i < units.numRows; i++) {
    if (st?.get(i) !== structure) continue;
    const c = String(code?.get(i));
    out.set(c, {
      code: c,
      name: cleanName(name?.get(i)),
      unitType: cleanName(type?.get(i)),
      provinceCode: String(pc?.get(i) ?? ''),
      provinceName: cleanName(pn?.get(i)),
      areaKm2: Number(area?.get(i) ?? 0),
    });
  }
  return out;
}

export function useStructureGeometry(bundle: LoadedBundle | undefined, structureId: string): StructureGeometry | undefined {
  return useMemo(() => {
    if (!bundle) return undefined;
    const s = bundle.manifest.structures.find((x) => x.id === structureId);
    if (!s) return undefined;
    // Timed for the diagnostics panel and the benchmark: decoding TopoJSON is on the main thread before the first frame.
    timeline.begin('geometry-build');
    const { communes, communeMesh, provinceBorders, outline } = drawnLevel(bundle.topology, s.communeObject, s.provinceObject);
    const provinces = unitFeatures(bundle.topology, s.provinceObject);
    const lod = coarseOf(bundle.topology);
    const coarse = lod ? { ...drawnLevel(lod.topology, s.communeObject, s.provinceObject), belowZoom: lod.belowZoom } : undefined;
    const neighbours = bundle.topology.objects.neighbours ? unitFeatures(bundle.topology, 'neighbours') : [];
    const info = unitsOf(bundle.units, s.id);
    const labels = provinceLabels(
      provinces.map((p) => ({
        code: p.properties.code,
        name: shortProvinceName(info.get(p.properties.code)?.name ?? p.properties.code),
        areaKm2: info.get(p.properties.code)?.areaKm2 ?? 0,
        geometry: p.geometry,
      })),
    );
    const bounds = boundsOf(provinces.length ? provinces : communes);
    const geometry = { communes, communeMesh, outline, provinces, provinceBorders, neighbours, provinceLabels: labels, archipelagos: archipelagoShapes(communes), bounds, frame: nationalFrame(bounds), info, coarse };
    timeline.end('geometry-build');
    return geometry;
  }, [bundle, structureId]);
}

