/**
 * `npm run crosswalk` on the Đồng Văn pair: the CSV a person reviews in Excel
 * (BOM, names next to codes, formulas guarded), read back by the pack as
 * `--crosswalk` with no issue; its arguments and what it prints.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { crosswalkFromFiles } from '../../../src/io/crosswalk.ts';
import { importFiles } from '../../../src/io/import.ts';
import { parseArgs, runCrosswalk } from '../../../scripts/crosswalk.ts';
import { expectBalanced, expectCliError } from './helpers.ts';
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
    expect(parseArgs(['--before', 'a', '--after', 'b', '--out', 'c', '--lang', 'en']).lang).toBe('en');
    expect(() => parseArgs(['--before', 'a', '--after', 'b', '--out', 'c', '--lang', 'de'])).toThrow(/--lang needs vi or en/);
  });

  it('says what is wrong in Vietnamese, then in English, then how to use it', () => {
    const usage = 'npm run crosswalk --';
    expectCliError(() => parseArgs(['--before', 'a', '--out', 'c']), 'Thiếu --after (ranh giới sau khi sắp xếp)', '--after is required (the boundaries after the reorganisation)', usage);
    expectCliError(() => parseArgs(['--before', 'a', '--after', 'b']), 'Thiếu --out (tệp CSV ghi bảng chuyển đổi mã)', '--out is required (the CSV file to write the crosswalk to)', usage);
    expectCliError(() => parseArgs(['--before', 'a', '--after', 'b', '--out', 'c', '--share', '1']), 'Tham số không rõ: --share', 'unknown argument --share', usage);
    expectCliError(() => parseArgs(['--min-share', '5']), '--min-share cần một tỉ lệ từ 0 đến 0.5 (0.01 = 1 %), nhận được 5', '--min-share needs a share from 0 to 0.5 (0.01 = 1 %), got 5', usage);
    expectCliError(() => parseArgs(['--lang', 'de']), '--lang cần vi hoặc en, nhận được de', '--lang needs vi or en, got de', usage);
  });
});

describe('npm run crosswalk prints', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'atlas-crosswalk-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  writeFileSync(join(tmp, 'xa-cu.geojson'), boundaryGeoJson('before'));
  writeFileSync(join(tmp, 'xa-moi.geojson'), boundaryGeoJson('after'));
  const run = (lang: string[]) => {
    const lines: string[] = [];
    const code = runCrosswalk(parseArgs(['--before', join(tmp, 'xa-cu.geojson'), '--after', join(tmp, 'xa-moi.geojson'), '--out', join(tmp, 'cw.csv'), ...lang]), (l) => lines.push(l));
    return { code, out: lines.join('\n') };
  };

  it('in Vietnamese by default, as pack, and in English with --lang en; without the ratings line of an import report', () => {
    const vi = run([]);
    expect(vi.code).toBe(0);
    expect(vi.out).toContain('Báo cáo kiểm tra dữ liệu');
    expect(vi.out).toMatch(/^\d+ dòng: \d+ xã cũ → \d+ xã mới \(\d+ xã cũ chia cho nhiều xã mới\); bỏ \d+ mảnh vụn$/m);
    expect(vi.out).toContain(`bảng chuyển đổi mã: ${join(tmp, 'cw.csv')} (UTF-8 có BOM; kiểm tra lại, rồi: npm run pack -- … --crosswalk cw.csv)`);
    expect(vi.out).not.toMatch(/Đơn vị không có xếp loại|rows:/);
    const en = run(['--lang', 'en']);
    expect(en.code).toBe(0);
    expect(en.out).toContain('Data validation report');
    expect(en.out).toMatch(/^\d+ rows: \d+ old communes → \d+ new communes \(\d+ split between several\); \d+ slivers dropped$/m);
    expect(en.out).toContain(`report CSV: ${join(tmp, 'cw-report.csv')}`);
    expect(en.out).not.toMatch(/Units without ratings|dòng/);
    // The numbers are the same in both: the CSV written is the proposal's.
    const counts = (s: string) => s.match(/^\d+ \S+: \d+ /m)![0].match(/\d+/g);
    expect(counts(vi.out)).toEqual(counts(en.out));
    expect(readFileSync(join(tmp, 'cw.csv'), 'utf8').startsWith('\uFEFF')).toBe(true);
  });
});
