/**
 * The shared real pre-2025 districts (../shared/data, read in place, never
 * copied into the repository) written as a zipped Shapefile in VN-2000 TM-3
 * 105°45′, the way a provincial office would send them: with a .prj written by
 * GDAL for a proj4-defined CRS (TOWGS84 under the datum name "Unknown based on
 * WGS84 ellipsoid …"), with ArcGIS's .prj (datum named, no shift), and with no
 * .prj and the coordinate system chosen. Each must come back within 2 m of the
 * original lon/lat. The projection used to write them is spelled out here, apart
 * from src/io/read/crs.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { readBoundaryFile } from '../../../src/io/read/index.ts';
import { validateBoundaries, type ValidUnit } from '../../../src/io/validate.ts';
import { writeDbf, writeShp } from './shapefile-writer.ts';
import { sharedData } from '../../shared-data.ts';

const FILE = 'districts_excl_quang_ninh.geojson';
const shared = sharedData('vn-pre2025-dvhcvn', [FILE]);
const present = shared.present;
if (!present) console.warn(`skipping the real-Shapefile reprojection test: ${shared.why}`);

/** Decision 05/2007/QĐ-BTNMT's shift in proj4's position-vector signs; TM-3 zone 105°45′ (k 0.9999, FE 500 km). */
const TM3 = '+proj=tmerc +lat_0=0 +lon_0=105.75 +k=0.9999 +x_0=500000 +y_0=0 +ellps=WGS84 +towgs84=-191.90441429,-39.30318279,-111.45032835,0.00928836,-0.01975479,0.00427372,0.252906278 +units=m +no_defs';

type Ring = [number, number][];
const area = (r: Ring) => r.reduce((s, p, i) => s + (r[(i + 1) % r.length][0] - p[0]) * (r[(i + 1) % r.length][1] + p[1]), 0) / 2;

/** Each polygon's rings projected, outer rings clockwise and holes counter-clockwise, as the Shapefile spec wants. */
function shpRecord(geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon, project: (p: number[]) => number[]): Ring[] {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons.flatMap((rings) =>
    rings.map((ring, k) => {
      const r = ring.map((p) => project(p) as [number, number]);
      // area() > 0 is clockwise in this shoelace form.
      const clockwise = area(r) > 0;
      return (k === 0) === clockwise ? r : [...r].reverse();
    }),
  );
}

/** Largest distance in metres between two units' vertices, ring by ring (either orientation). */
function worst(a: ValidUnit, b: ValidUnit): number {
  const rings = (u: ValidUnit) => (u.geometry.type === 'Polygon' ? u.geometry.coordinates : u.geometry.coordinates.flat()) as number[][][];
  const ra = rings(a);
  const rb = rings(b);
  if (ra.length !== rb.length) return Infinity;
  let w = 0;
  for (let k = 0; k < ra.length; k++) {
    const x = ra[k];
    const y = rb[k];
    if (x.length !== y.length) return Infinity;
    const d = (p: number[], q: number[]) => Math.hypot((p[0] - q[0]) * 111_320 * Math.cos((p[1] * Math.PI) / 180), (p[1] - q[1]) * 110_574);
    let same = 0;
    let reversed = 0;
    for (let i = 0; i < x.length; i++) {
      same = Math.max(same, d(x[i], y[i]));
      reversed = Math.max(reversed, d(x[i], y[x.length - 1 - i]));
    }
    w = Math.max(w, Math.min(same, reversed));
  }
  return w;
}

describe.skipIf(!present)('real districts as a VN-2000 TM-3 Shapefile (shared data)', () => {
  const mapping = { code: 'level2_id', name: 'name', province_code: 'level1_id' };
  const prj = (f: string) => readFileSync(new URL(`../../fixtures/crs/${f}`, import.meta.url));

  it.each([
    ['GDAL .prj, TOWGS84 under another datum name', 'proj4-unknown-datum-tm3-105-45.prj', undefined],
    ['ArcGIS .prj, no shift', 'esri-vn2000-tm3-105-45.prj', undefined],
    ['no .prj, coordinate system chosen', null, 'VN2000-TM3:105.75'],
  ] as const)('%s: every vertex back within 2 m', (_label, prjFile, crs) => {
    const bytes = new Uint8Array(readFileSync(join(shared.dir, FILE)));
    const original = readBoundaryFile(FILE, bytes);
    const reference = validateBoundaries(original, mapping, { codeDigits: 3 });
    expect(reference.summary.loaded).toBe(692);

    const conv = proj4('EPSG:4326', TM3);
    const t0 = performance.now();
    const features = original.features.map((f) => f.geometry as GeoJSON.Polygon | GeoJSON.MultiPolygon);
    const shp = writeShp(features.map((g) => shpRecord(g, (p) => conv.forward([p[0], p[1]]))));
    const fields = [{ name: 'level2_id', length: 3 }, { name: 'name', length: 120 }, { name: 'level1_id', length: 2 }];
    const dbf = writeDbf(fields, original.features.map((f) => [String(f.properties.level2_id), String(f.properties.name), String(f.properties.level1_id)]));
    const files: Record<string, Uint8Array> = { 'districts.shp': shp, 'districts.dbf': dbf, 'districts.cpg': new TextEncoder().encode('UTF-8') };
    if (prjFile) files['districts.prj'] = new Uint8Array(prj(prjFile));
    const zip = zipSync(files);

    const back = validateBoundaries(readBoundaryFile('districts.zip', zip), mapping, { codeDigits: 3, crs });
    expect(back.summary).toMatchObject({ total: 692, loaded: 692, rejected: 0 });
    expect(back.crs).toMatchObject({ label: 'VN-2000 / TM-3 105°45′', meridian: 105.75, datum: 'vn2000' });
    expect(back.issues.find((i) => i.reason === 'crs-reprojected')?.params).toEqual({ crs: 'VN-2000 / TM-3 105°45′' });
    const byCode = new Map(reference.units.map((u) => [u.code, u]));
    let max = 0;
    for (const u of back.units) {
      expect(u.name).toBe(byCode.get(u.code)!.name);
      max = Math.max(max, worst(u, byCode.get(u.code)!));
    }
    console.log(`${_label}: ${(zip.length / 1e6).toFixed(1)} MB zip, written and read back in ${((performance.now() - t0) / 1000).toFixed(1)} s; largest offset ${max.toFixed(4)} m`);
    expect(max).toBeLessThan(2);
  });
});
