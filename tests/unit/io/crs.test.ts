/**
 * Reprojection against fixed reference coordinates computed by PROJ (cct with
 * the EPSG:6960 pipeline, see tests/fixtures/crs/reference.ts), and `.prj`
 * files as GDAL, ArcGIS, QGIS and mapshaper write them: each must land on the
 * same reference points within a centimetre, whatever its datum is called.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { crsFromWkt, guessCrs, resolveCrs, toWgs84, VN2000_TOWGS84, type KnownCrs } from '../../../src/io/read/crs.ts';
import { readBoundaryFile } from '../../../src/io/read/index.ts';
import { validateBoundaries } from '../../../src/io/validate.ts';

interface RefPoint {
  name: string;
  crs: string;
  input: [number, number];
  wgs84: [number, number];
}
const ref = JSON.parse(readFileSync(new URL('../../fixtures/crs/reference-points.json', import.meta.url), 'utf8')) as { points: RefPoint[] };
const prj = (file: string) => readFileSync(new URL(`../../fixtures/crs/${file}`, import.meta.url), 'utf8');

/** Ground distance in metres between two lon/lat points (equirectangular, fine at these distances). */
function metres(a: [number, number], b: [number, number]): number {
  const dx = (a[0] - b[0]) * 111_320 * Math.cos((b[1] * Math.PI) / 180);
  const dy = (a[1] - b[1]) * 110_574;
  return Math.hypot(dx, dy);
}

function lands(crs: KnownCrs, p: RefPoint): number {
  const t = toWgs84(crs);
  return metres(t ? t(p.input) : p.input, p.wgs84);
}

describe('the official VN-2000 shift', () => {
  it('is Decision 05/2007/QĐ-BTNMT (EPSG:6960) with the rotations in proj4\'s position-vector signs', () => {
    expect(VN2000_TOWGS84).toBe('-191.90441429,-39.30318279,-111.45032835,0.00928836,-0.01975479,0.00427372,0.252906278');
  });
});

describe('reprojection against PROJ reference points', () => {
  it('has points for every kind of CRS offered', () => {
    expect(new Set(ref.points.map((p) => p.crs))).toEqual(new Set(['EPSG:9209', 'EPSG:3405', 'EPSG:32648', 'EPSG:5897', 'EPSG:4756', 'EPSG:5899', 'EPSG:9214', 'EPSG:9217', 'EPSG:3406', 'EPSG:32649', 'EPSG:9210', 'EPSG:9207']));
  });

  it.each(ref.points)('$name, $crs', (p) => {
    const crs = resolveCrs(p.crs);
    expect(crs).not.toBeNull();
    expect(lands(crs!, p)).toBeLessThan(0.01);
  });

  it('gives the same TM-3 zone by EPSG code, by meridian and by province', () => {
    const hcm = ref.points.find((p) => p.crs === 'EPSG:9210')!;
    for (const choice of ['VN2000-TM3:105.75', 'VN2000-TM3:79', 'VN2000-TM3:74']) expect(lands(resolveCrs(choice)!, hcm), choice).toBeLessThan(0.01);
    expect(resolveCrs('VN2000-TM3:79')).toMatchObject({ label: 'VN-2000 / TM-3 105°45′', meridian: 105.75, datum: 'vn2000' });
    // The wrong zone is visibly wrong: Quảng Ninh's meridian puts Bến Thành 200 km off.
    expect(lands(resolveCrs('VN2000-TM3:22')!, hcm)).toBeGreaterThan(100_000);
  });

  it('reads lat/lon written in the wrong order when asked', () => {
    const hanoi = ref.points.find((p) => p.crs === 'EPSG:4756')!;
    const latlon = resolveCrs('latlon')!;
    expect(toWgs84(latlon)!([21.02878, 105.85242])).toEqual([105.85242, 21.02878]);
    expect(lands(resolveCrs('EPSG:4326')!, { ...hanoi, input: hanoi.wgs84 })).toBe(0);
  });
});

const PRJ_CASES: { file: string; label: string; datum: 'vn2000' | 'wgs84'; notes: string[]; ref: string }[] = [
  { file: 'gdal-vn2000-tm3-105-45.prj', label: 'VN-2000 / TM-3 105°45′', datum: 'vn2000', notes: [], ref: 'EPSG:9210' },
  { file: 'esri-vn2000-tm3-105-45.prj', label: 'VN-2000 / TM-3 105°45′', datum: 'vn2000', notes: [], ref: 'EPSG:9210' },
  { file: 'wkt2-vn2000-tm3-105-45.prj', label: 'VN-2000 / TM-3 105°45′', datum: 'vn2000', notes: [], ref: 'EPSG:9210' },
  // Recognised by its shift, whatever the datum is called.
  { file: 'proj4-unknown-datum-tm3-105-45.prj', label: 'VN-2000 / TM-3 105°45′', datum: 'vn2000', notes: [], ref: 'EPSG:9210' },
  { file: 'other-name-old-shift-tm3-105-45.prj', label: 'VN-2000 / TM-3 105°45′', datum: 'vn2000', notes: ['datum-shift-official'], ref: 'EPSG:9210' },
  // No datum: a TM-3 grid is VN-2000's, a UTM grid is assumed WGS 84; both said.
  { file: 'no-datum-tm3-105-45.prj', label: 'VN-2000 / TM-3 105°45′', datum: 'vn2000', notes: ['datum-assumed'], ref: 'EPSG:9210' },
  { file: 'no-datum-utm48.prj', label: 'WGS 84 / UTM 48N', datum: 'wgs84', notes: ['datum-assumed'], ref: 'EPSG:32648' },
  { file: 'esri-vn2000-tm3-105-30.prj', label: 'VN-2000 / TM-3 105°30′', datum: 'vn2000', notes: [], ref: 'EPSG:9209' },
  { file: 'proj4-unknown-datum-tm3-105-30.prj', label: 'VN-2000 / TM-3 105°30′', datum: 'vn2000', notes: [], ref: 'EPSG:9209' },
  { file: 'gdal-vn2000-utm48.prj', label: 'VN-2000 / UTM 48N', datum: 'vn2000', notes: [], ref: 'EPSG:3405' },
  { file: 'esri-wgs84-utm48.prj', label: 'WGS 84 / UTM 48N', datum: 'wgs84', notes: [], ref: 'EPSG:32648' },
];

describe('.prj files as programs write them', () => {
  it.each(PRJ_CASES)('$file', (c) => {
    const crs = crsFromWkt(prj(c.file));
    expect(crs).not.toBeNull();
    expect(crs!.label).toBe(c.label);
    expect(crs!.datum).toBe(c.datum);
    expect((crs!.notes ?? []).map((n) => n.reason)).toEqual(c.notes);
    const points = ref.points.filter((p) => p.crs === c.ref);
    expect(points.length).toBeGreaterThan(0);
    for (const p of points) expect(lands(crs!, p), p.name).toBeLessThan(0.01);
  });

  it('names the shift difference it replaced and what it assumed', () => {
    const old = crsFromWkt(prj('other-name-old-shift-tm3-105-45.prj'))!;
    expect(Number(old.notes![0].params!.metres)).toBeGreaterThan(0.3);
    expect(crsFromWkt(prj('no-datum-tm3-105-45.prj'))!.notes![0].params).toMatchObject({ datum: 'D_User_Defined', assumed: 'VN-2000 (TM-3 105°45′, k 0.9999)' });
    expect(crsFromWkt(prj('no-datum-utm48.prj'))!.notes![0].params).toMatchObject({ assumed: 'WGS 84' });
  });

  it('keeps the meridian, and refuses what is not a CRS', () => {
    expect(crsFromWkt(prj('esri-vn2000-tm3-105-45.prj'))!.meridian).toBe(105.75);
    expect(crsFromWkt('LOCAL_CS["nothing"]')).toBeNull();
    expect(crsFromWkt('PROJCS["broken"')).toBeNull();
  });
});

describe('coordinates without a CRS', () => {
  const fc = (coords: [number, number][]) =>
    new TextEncoder().encode(JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { ma_xa: '00691' }, geometry: { type: 'Polygon', coordinates: [[...coords, coords[0]]] } }] }));
  const cell: [number, number][] = [[105.3, 23.2], [105.33, 23.2], [105.33, 23.23], [105.3, 23.23]];

  it('says lon/lat look swapped, and reads them when told so', () => {
    const swapped = readBoundaryFile('x.geojson', fc(cell.map(([x, y]) => [y, x])));
    const refused = validateBoundaries(swapped, { code: 'ma_xa' });
    expect(refused.issues.map((i) => [i.reason, i.params])).toContainEqual(['axes-swapped', { x: 23.2, y: 105.3 }]);
    expect(refused.summary).toMatchObject({ loaded: 0, rejected: 1, total: 1 });
    const fixed = validateBoundaries(swapped, { code: 'ma_xa' }, { crs: 'latlon' });
    expect(fixed.summary.loaded).toBe(1);
    expect((fixed.units[0].geometry.coordinates[0] as number[][])[0]).toEqual([105.3, 23.2]);
  });

  it('guesses lon/lat, swapped, and a province\'s TM-3 zone from its codes', () => {
    expect(guessCrs(cell)).toEqual({ id: 'EPSG:4326', confident: true });
    expect(guessCrs(cell.map(([x, y]) => [y, x]))).toEqual({ id: 'latlon', confident: true });
    const tm3: [number, number][] = [[481_027, 2_584_683], [500_000, 2_570_000]];
    expect(guessCrs(tm3, ['02', '02'])).toEqual({ id: 'VN2000-TM3:105.5', confident: true });
    expect(guessCrs(tm3)).toMatchObject({ confident: false });
    expect(guessCrs([[10, 10]])).toBeNull();
  });
});
