/**
 * Geometry and names for one structure, decoded once and memoised. A year or
 * filter change never comes through here.
 */
import type { Table } from 'apache-arrow';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { useMemo } from 'react';
import type { LoadedBundle } from '../../io/bundle.ts';
import { boundsOf, labelPoint, meshLines, meshSegments, unionOutline, unitFeatures, type UnitFeature } from '../../map/boundaries.ts';
import type { Label } from '../../map/layers.ts';
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

export interface StructureGeometry {
  communes: UnitFeature[];
  /** Commune borders, each shared border once, as a line list (see meshSegments). */
  communeMesh: Float64Array;
  provinces: UnitFeature[];
  /** The outline of the union of some communes (priority overlays). */
  outline: (codes: ReadonlySet<string>) => Position[][];
  /** Province borders, each shared border once, for the province outline layer. */
  provinceBorders: Position[][];
  neighbours: Feature<Polygon | MultiPolygon>[];
  provinceLabels: Label[];
  bounds: [[number, number], [number, number]];
  /** Commune and province info by code, for this structure only (codes repeat across structures). */
  info: Map<string, UnitInfo>;
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
    const communes = unitFeatures(bundle.topology, s.communeObject);
    const communeMesh = meshSegments(bundle.topology, s.communeObject);
    const provinces = unitFeatures(bundle.topology, s.provinceObject);
    const provinceBorders = meshLines(bundle.topology, s.provinceObject);
    const neighbours = bundle.topology.objects.neighbours ? unitFeatures(bundle.topology, 'neighbours') : [];
    const info = unitsOf(bundle.units, s.id);
    const areas = provinces.map((p) => info.get(p.properties.code)?.areaKm2 ?? 0);
    const maxArea = Math.max(1, ...areas);
    const provinceLabels = provinces.map((p, i) => ({
      text: shortProvinceName(info.get(p.properties.code)?.name ?? p.properties.code),
      position: labelPoint(p.geometry),
      priority: Math.round((areas[i] / maxArea) * 1000),
    }));
    const outline = (codes: ReadonlySet<string>) => unionOutline(bundle.topology, s.communeObject, codes);
    const geometry = { communes, communeMesh, outline, provinces, provinceBorders, neighbours, provinceLabels, bounds: boundsOf(provinces.length ? provinces : communes), info };
    timeline.end('geometry-build');
    return geometry;
  }, [bundle, structureId]);
}

