/**
 * `npm run crosswalk` on the Đồng Văn pair: the CSV a person reviews in Excel
 * (BOM, names next to codes, formulas guarded), read back by the pack as
 * `--crosswalk` with no issue; and its arguments.
 */
import { describe, expect, it } from 'vitest';
import { crosswalkFromFiles } from '../../../src/io/crosswalk.ts';
import { importFiles } from '../../../src/io/import.ts';
import { parseArgs } from '../../../scripts/crosswalk.ts';
import { expectBalanced } from './helpers.ts';
import { afterBoundaries, beforeBoundaries, boundaryGeoJson, file, NEW_2025, OLD_YEARS, sheet } from './two-structures.ts';

const enc = (s: string) => new TextEncoder().encode(s);

describe('crosswalkFromFiles', () => {
  it('writes the proposal for review: BOM, names and provinces next to codes, shares adding up to 1', () => {
    const r = crosswalkFromFiles({ name: 'xa-cu.geojson', bytes: enc(boundaryGeoJson('before')) }, { name: 'xa-moi.geojson', bytes: enc(boundaryGeoJson('after')) });
    expect(r.report.usable).toBe(true);
    expect(r.report.files.map((f) => [f.file, f.loaded])).toEqual([['xa-cu.geojson', 4], ['xa-moi.geojson', 3]]);
    expect(r.csv.startsWith('\uFEFFold_code,old_name,old_province,new_code,new_name,new_province,share,area_km2\r\n')).toBe(true);
    const lines = r.csv.slice(1).trimEnd().split('\r\n').slice(1).map((l) => l.split(',').slice(0, 7).join(','));
    expect(lines).toEqual([
      '00691,Xã Lũng Cú,Tỉnh Hà Giang,00691,Xã Lũng Cú,Tỉnh Hà Giang,1',
      '00694,Xã Ma Lé,Tỉnh Hà Giang,00691,Xã Lũng Cú,Tỉnh Hà Giang,1',
      '00697,Thị trấn Đồng Văn,Tỉnh Hà Giang,00697,Xã Đồng Văn,Tỉnh Hà Giang,1',
      '00700,Xã Sủng Là,Tỉnh Hà Giang,00697,Xã Đồng Văn,Tỉnh Hà Giang,0.5',
      '00700,Xã Sủng Là,Tỉnh Hà Giang,10001,Xã Sủng Là,Tỉnh Hà Giang,0.5',
    ]);
  });

  it('is read back by the pack as --crosswalk, the reviewer columns ignored', async () => {
    const r = crosswalkFromFiles({ name: 'xa-cu.geojson', bytes: enc(boundaryGeoJson('before')) }, { name: 'xa-moi.geojson', bytes: enc(boundaryGeoJson('after')) });
    const pack = await importFiles([afterBoundaries(), beforeBoundaries(), sheet('r.csv', NEW_2025), sheet('r-cu.csv', OLD_YEARS, { before: true }), file('crosswalk.csv', r.csv, { role: 'crosswalk' })]);
    expectBalanced(pack.report);
    expect(pack.report.files[4]).toMatchObject({ role: 'crosswalk', loaded: 5, rejected: 0 });
    expect(pack.report.issues.filter((i) => i.file === 'crosswalk.csv' && i.severity !== 'info')).toEqual([]);
  });

  it('guards names that Excel would run as formulas', () => {
    const evil = boundaryGeoJson('after').replace('Xã Sủng Là', '=HYPERLINK(\\"http://x\\")');
    const r = crosswalkFromFiles({ name: 'a.geojson', bytes: enc(boundaryGeoJson('before')) }, { name: 'b.geojson', bytes: enc(evil) });
    expect(r.csv).toContain(`,10001,"'=HYPERLINK(""http://x"")",`);
  });

  it('reports old communes outside the new map, and is unusable when nothing overlaps', () => {
    // The new map one degree east.
    const fc = JSON.parse(boundaryGeoJson('after')) as { features: { geometry: { coordinates: number[][][] } }[] };
    for (const f of fc.features) f.geometry.coordinates = f.geometry.coordinates.map((ring) => ring.map(([x, y]) => [x + 1, y]));
    const far = JSON.stringify(fc);
    const r = crosswalkFromFiles({ name: 'a.geojson', bytes: enc(boundaryGeoJson('before')) }, { name: 'b.geojson', bytes: enc(far) });
    expect(r.report.usable).toBe(false);
    expect(r.report.issues.filter((i) => i.reason === 'crosswalk-no-overlap').map((i) => i.detail)).toEqual(['00691', '00694', '00697', '00700']);
  });
});

describe('crosswalk CLI arguments', () => {
  it('needs --before, --after and --out, and a sensible --min-share', () => {
    expect(parseArgs(['--before', 'a.geojson', '--after=b.geojson', '--out', 'c.csv', '--min-share', '0.02'])).toEqual({ before: 'a.geojson', after: 'b.geojson', out: 'c.csv', minShare: 0.02 });
    expect(() => parseArgs(['--before', 'a', '--out', 'c'])).toThrow(/--after is required/);
    expect(() => parseArgs(['--before', 'a', '--after', 'b', '--out', 'c', '--min-share', '5'])).toThrow(/--min-share/);
    expect(() => parseArgs(['--before', 'a', '--after', 'b', '--out', 'c', '--share'])).toThrow(/needs a value|unknown/);
  });
});
