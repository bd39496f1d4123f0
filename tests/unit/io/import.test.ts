/**
 * The good pair (GeoJSON + XLSX) end to end: a bundle the app can decode, a
 * report that adds up, mapping proposals for Vietnamese and English headers,
 * value normalisers, computed border flags from a Hà Giang border commune.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tableFromIPC } from 'apache-arrow';
import { decodeBundle } from '../../../src/io/bundle.ts';
import { applyMapping, importFiles, inspectFiles, neighboursFromTopology, proposeMapping, renderReport, reportToCsv } from '../../../src/io/import.ts';
import { sniffDelimiter } from '../../../src/io/read/csv.ts';
import { crsFromWkt, resolveCrs } from '../../../src/io/read/crs.ts';
import { ringSelfCrossings } from '../../../src/io/read/geometry.ts';
import { normaliseCode, normaliseYear, parseNumber, ratingMatcher } from '../../../src/io/validate.ts';
import { DEFAULT_SCALE } from '../../../src/model/scale.ts';
import { parseArgs } from '../../../scripts/pack.ts';
import { templateRowsFromBoundaries } from '../../../src/io/template.ts';
import { expectCliError } from './helpers.ts';
import { expectBalanced, fixture } from './helpers.ts';

/** Đồng Văn's six communes of the good pair, relabelled as districts 001–006 of a level2_id column (a GSO district file). */
function districtFile(): { name: string; bytes: Uint8Array } {
  const fc = JSON.parse(new TextDecoder().decode(fixture('good', 'communes.geojson').bytes)) as { features: { properties: Record<string, string> }[] };
  fc.features.forEach((f, i) => {
    const rest = { ...f.properties };
    delete rest.ma_xa;
    f.properties = { ...rest, level2_id: `00${i + 1}` };
  });
  return { name: 'districts.geojson', bytes: new TextEncoder().encode(JSON.stringify(fc)) };
}

describe('the good pair', () => {
  it('imports GeoJSON + XLSX + CSV into a bundle the app decodes', async () => {
    const r = await importFiles([fixture('good', 'communes.geojson'), fixture('good', 'ratings.xlsx'), fixture('good', 'ratings-2022.csv')]);
    expectBalanced(r.report);
    expect(r.report.usable).toBe(true);
    expect(r.report.files.map((f) => [f.file, f.role, f.loaded, f.rejected])).toEqual([
      ['communes.geojson', 'boundaries', 6, 0],
      ['ratings.xlsx', 'ratings', 12, 0],
      ['ratings-2022.csv', 'ratings', 6, 0],
    ]);
    const loaded = await decodeBundle(r.payload);
    expect(loaded.manifest.years).toEqual([2022, 2023, 2024]);
    // Boundaries given as the current structure are the current structure whatever their years (not relabelled by the calendar).
    expect(loaded.manifest.structures.map((s) => [s.id, s.communeObject, s.provinceObject, s.fromYear, s.toYear])).toEqual([['2025', 'communes_2025', 'provinces_2025', 2022, 2024]]);
    expect(loaded.manifest.indicators.map((i) => i.column)).toEqual(['ty_le_tham_gia']);
    expect(loaded.manifest.illustrative).toBe(false);
    expect(Object.keys(loaded.topology.objects).sort()).toEqual(['communes_2025', 'neighbours', 'provinces_2025', 'zones']);
    const units = loaded.units.toArray().map((u) => [u.code, u.level, u.province_code]);
    expect(units[0]).toEqual(['02', 'province', '02']);
    expect(units).toHaveLength(7);
    const ratings = tableFromIPC(loaded.parts.ratings);
    expect(ratings.numRows).toBe(18);
    expect(ratings.schema.fields.map((f) => f.name)).toEqual(['code', 'structure', 'year', 'rating', 'score', 'ty_le_tham_gia']);
    expect(new Set(ratings.toArray().map((x) => x.rating))).toEqual(new Set(['XS', 'K', 'TB', 'Y']));
  });

  it('proposes mappings the UI can show and the user can change', async () => {
    const files = [fixture('good', 'communes.geojson'), fixture('good', 'ratings.xlsx')];
    const inspected = await inspectFiles(files);
    expect(inspected[0].mapping).toMatchObject({ code: 'ma_xa', name: 'ten_xa', province_code: 'ma_tinh', province_name: 'ten_tinh' });
    expect(inspected[1].mapping).toMatchObject({ code: 'Mã xã', name: 'Tên xã', year: 'Năm', rating: 'Xếp loại', score: 'Điểm' });
    // The user unmaps the score: it is then read as an indicator column named after its header.
    const r = await importFiles(files, { mappings: { 'ratings.xlsx': { ...inspected[1].mapping, score: null } } });
    expect(r.bundle!.manifest.indicators.map((i) => [i.column, i.label.vi])).toEqual([['diem', 'Điểm']]);
  });

  it('reports units without ratings and ratings without units, and exports a bilingual CSV', async () => {
    const r = await importFiles([fixture('good', 'communes.geojson'), fixture('bad', 'unknown-codes.csv')]);
    expect(r.report.unitsWithoutRatings).toBe(5);
    expect(r.report.ratingsWithoutUnits).toBe(1);
    const csv = reportToCsv(r.report);
    expect(csv.startsWith('\uFEFFfile,row,column,reason,message_vi,message_en,severity\r\n')).toBe(true);
    expect(csv).toContain('unknown-codes.csv,3,Mã xã,unknown-code,Mã đơn vị không có trong ranh giới. (99999),The unit code is not in the boundaries. (99999),error');
    expect(renderReport(r.report)).toContain('unknown-codes.csv (xếp loại; csv, utf-8, phân cách ","): 2 dòng, 1 nạp, 1 loại');
    expect(renderReport(r.report, { lang: 'en' })).toContain('unknown-codes.csv (ratings; csv, utf-8, delimiter ","): 2 rows, 1 loaded, 1 rejected');
  });

  it('gives no bundle when nothing usable is loaded', async () => {
    const r = await importFiles([fixture('bad', 'projected-no-crs.geojson'), fixture('good', 'ratings.xlsx')]);
    expect(r.report.usable).toBe(false);
    expect(r.bundle).toBeUndefined();
    expect(r.payload).toBeUndefined();
    expectBalanced(r.report);
    const none = await importFiles([fixture('good', 'ratings.xlsx')]);
    expect(none.report.issues[0]).toMatchObject({ reason: 'missing-input', params: { role: 'boundaries' } });
  });

  it('accepts a user CRS for a projected file without one', async () => {
    const r = await importFiles([fixture('bad', 'no-prj-projected.zip'), fixture('good', 'ratings.xlsx')], { crs: 'VN2000-TM3:02' });
    expect(r.report.usable).toBe(true);
    expect(r.report.files[0]).toMatchObject({ loaded: 6, rejected: 0 });
  });
});

describe('computed flags with neighbours', () => {
  it('flags a Hà Giang commune on the Chinese border, with neighbours taken from a bundle topology', async () => {
    const border = readFileSync(new URL('../../fixtures/geo/ha-giang-border.geojson', import.meta.url));
    const neighbours = JSON.parse(readFileSync(new URL('../../fixtures/geo/ha-giang-neighbours.geojson', import.meta.url), 'utf8')) as GeoJSON.FeatureCollection<GeoJSON.Polygon | GeoJSON.MultiPolygon, { name: string }>;
    const fc = JSON.parse(border.toString('utf8')) as GeoJSON.FeatureCollection;
    // The fixture's ids are slugs; give them GSO-like codes, keeping the slug to find Lũng Cú again.
    const codes = fc.features.map((_, i) => String(1 + 3 * i).padStart(5, '0'));
    const coded = { ...fc, features: fc.features.map((f, i) => ({ ...f, id: undefined, properties: { ma_xa: codes[i], ten: f.properties?.name } })) };
    const csv = `code,year,rating\n${codes.map((c) => `${c},2024,K`).join('\n')}\n`;
    const nb = neighbours.features.map((f) => ({ id: String(f.id), name: f.properties.name, geometry: f.geometry }));
    const first = await importFiles([{ name: 'border.geojson', bytes: new TextEncoder().encode(JSON.stringify(coded)) }, { name: 'r.csv', bytes: new TextEncoder().encode(csv) }], { neighbours: nb });
    const lungCu = codes[fc.features.findIndex((f) => f.id === 'lung-cu')];
    expect(first.report.usable).toBe(true);
    // No outline of Vietnam given with the neighbours: the warning says the flags are less sure at the data's edge.
    const reasons = first.report.issues.map((i) => i.reason);
    expect(reasons).toContain('flags-no-outline');
    expect(reasons).not.toContain('flags-partial');
    const flags = tableFromIPC(first.bundle!.parts.priority).toArray().filter((p) => p.kind === 'border');
    expect(flags.some((p) => p.code === lungCu && p.detail === nb.find((n) => n.id === 'CN')!.name && p.source === 'computed')).toBe(true);
    // The browser path: neighbours read back from the bundle the app already has.
    const again = neighboursFromTopology(first.bundle!.topology);
    expect(again.map((n) => n.name).sort()).toEqual(nb.map((n) => n.name).sort());
  });
});

describe('normalisers', () => {
  it('restores codes', () => {
    expect(normaliseCode(123, 5)).toEqual({ ok: true, value: '00123' });
    expect(normaliseCode('00123.0', 5)).toEqual({ ok: true, value: '00123' });
    expect(normaliseCode("'00123", 5)).toEqual({ ok: true, value: '00123' });
    expect(normaliseCode('2', 2)).toEqual({ ok: true, value: '02' });
    expect(normaliseCode('123456', 5)).toMatchObject({ ok: false, reason: 'bad-code' });
    expect(normaliseCode('12.5', 5)).toMatchObject({ ok: false, reason: 'bad-code' });
    expect(normaliseCode('', 5)).toMatchObject({ ok: false, reason: 'missing-code' });
  });

  it('matches ratings by id, label, abbreviation, case and diacritics', () => {
    const m = ratingMatcher(DEFAULT_SCALE);
    const ids = ['XS', 'xuất sắc', 'Xuat sac', 'EXCELLENT', 'Khá', 'kha', 'K', 'Good', 'TB', 'T.B', 'Trung binh', 'TRUNG BÌNH', 'Average', 'Yếu', 'yeu', 'Y', 'Weak', 'Loại Khá'].map((v) => {
      const r = m(v);
      return r.ok ? r.value : r.reason;
    });
    expect(ids).toEqual(['XS', 'XS', 'XS', 'XS', 'K', 'K', 'K', 'K', 'TB', 'TB', 'TB', 'TB', 'TB', 'Y', 'Y', 'Y', 'Y', 'K']);
    expect(m('Tốt')).toMatchObject({ ok: false, reason: 'rating-off-scale' });
    expect(m('')).toMatchObject({ ok: false, reason: 'missing-rating' });
  });

  it('parses years and numbers', () => {
    expect(normaliseYear('2024.0')).toEqual({ ok: true, value: 2024 });
    expect(normaliseYear('24')).toMatchObject({ ok: false, reason: 'bad-year' });
    expect(parseNumber('73,5')).toEqual({ ok: true, value: 73.5 });
    expect(parseNumber('7O')).toMatchObject({ ok: false, reason: 'bad-number' });
  });

  it('keeps a district file\'s codes as the GSO list writes them (3 digits), unless --code-digits says otherwise', async () => {
    const districts = districtFile();
    // Excel dropped the leading zeros of "Mã huyện".
    const ratings = { name: 'xep-loai.csv', bytes: new TextEncoder().encode(`Mã huyện,Năm,Xếp loại\n${[1, 2, 3, 4, 5, 6].map((i) => `${i},2024,Khá`).join('\n')}\n`) };
    const r = await importFiles([districts, ratings]);
    expect(r.report.usable).toBe(true);
    expect(r.report.files.map((f) => [f.file, f.loaded, f.rejected])).toEqual([['districts.geojson', 6, 0], ['xep-loai.csv', 6, 0]]);
    const codes = (await decodeBundle(r.payload)).units.toArray().filter((u) => u.level !== 'province').map((u) => u.code);
    expect(codes).toEqual(['001', '002', '003', '004', '005', '006']);
    // Said in so many words, the width wins.
    const five = await importFiles([districts, ratings], { codeDigits: 5 });
    expect((await decodeBundle(five.payload)).units.toArray().filter((u) => u.level !== 'province').map((u) => u.code)[0]).toBe('00001');
  });

  it('prefills the rating template of a district file with the same 3-digit codes', () => {
    const { rows } = templateRowsFromBoundaries(districtFile(), { year: 2024 });
    expect(rows.map((r) => r.code)).toEqual(['001', '002', '003', '004', '005', '006']);
  });

  it('maps English and Vietnamese headers, folded', () => {
    expect(proposeMapping(['MA XA', 'Ten_xa', 'YEAR', 'Ket qua xep loai', 'Tong diem', 'Mã tỉnh'], 'ratings')).toEqual({
      code: 'MA XA', year: 'YEAR', rating: 'Ket qua xep loai', score: 'Tong diem', name: 'Ten_xa', province_code: 'Mã tỉnh', province_name: null, unit_type: null,
    });
    // A district file (the GSO list's level2_id, "Mã huyện") packs districts as units; a commune code wins when both are there.
    expect(proposeMapping(['level1_id', 'level2_id', 'name', 'province_name'], 'boundaries')).toMatchObject({ code: 'level2_id', province_code: 'level1_id', name: 'name', province_name: 'province_name' });
    expect(proposeMapping(['Mã huyện', 'Tên', 'Năm', 'Xếp loại'], 'ratings')).toMatchObject({ code: 'Mã huyện', name: 'Tên', year: 'Năm', rating: 'Xếp loại' });
    expect(proposeMapping(['level1_id', 'level2_id', 'level3_id', 'name'], 'boundaries')).toMatchObject({ code: 'level3_id', province_code: 'level1_id' });
    expect(proposeMapping(['Mã huyện', 'Mã xã', 'Năm', 'Xếp loại'], 'ratings')).toMatchObject({ code: 'Mã xã' });
    const rows = applyMapping({ file: 'x', format: 'csv', headers: ['a', 'code'], rows: [{ row: 2, cells: ['1', '00001'] }], rejectedRows: 0, issues: [], failed: false }, { code: 'code' });
    expect(rows).toEqual([{ row: 2, values: { code: '00001' }, extra: { a: '1' }, columns: { code: 'code' } }]);
  });

  it('sniffs delimiters', () => {
    expect(sniffDelimiter('a;b;c\n1;2,5;3\n')).toBe(';');
    expect(sniffDelimiter('a\tb\n1\t2\n')).toBe('\t');
    expect(sniffDelimiter('a,b\n1,2\n')).toBe(',');
    expect(sniffDelimiter('a|b\n1|2\n')).toBeNull();
  });

  it('recognises VN-2000 .prj files and resolves CRS choices', () => {
    expect(resolveCrs('EPSG:32648')?.label).toBe('WGS 84 / UTM 48N');
    expect(resolveCrs('VN2000-TM3:22')?.id).toBe('VN2000-TM3:107.75');
    expect(resolveCrs('nonsense')).toBeNull();
    const prj = 'PROJCS["VN_2000_UTM_Zone_48N",GEOGCS["GCS_VN_2000",DATUM["D_Vietnam_2000",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",105.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
    expect(crsFromWkt(prj)?.proj4).toContain('+towgs84=');
  });

  it('finds self-crossings without comparing every pair', () => {
    expect(ringSelfCrossings([[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]])).toEqual([[0.5, 0.5]]);
    expect(ringSelfCrossings([[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]])).toEqual([]);
  });
});

describe('pack CLI arguments', () => {
  it('parses repeated file flags and requires the essentials', () => {
    expect(parseArgs(['--boundaries', 'b.zip', '--ratings=r1.csv', '--ratings', 'r2.xlsx', '--out', 'dist-x', '--crs', 'EPSG:3405'])).toMatchObject({
      files: [{ path: 'b.zip', role: 'boundaries' }, { path: 'r1.csv', role: 'ratings' }, { path: 'r2.xlsx', role: 'ratings' }],
      out: 'dist-x',
      crs: 'EPSG:3405',
      build: true,
    });
    expect(() => parseArgs(['--ratings', 'r.csv', '--out', 'x'])).toThrow(/--boundaries is required/);
    expect(() => parseArgs(['--boundaries', 'b', '--ratings', 'r'])).toThrow(/--out is required/);
    expect(() => parseArgs(['--bogus', '1'])).toThrow(/unknown argument/);
    // Flags without a value, anywhere on the line.
    expect(parseArgs(['--no-build', '--boundaries', 'b', '--protect', '--ratings', 'r', '--out', 'o'])).toMatchObject({ build: false, protect: {}, out: 'o' });
  });

  it('says what is wrong in Vietnamese, then in English, then how to use it', () => {
    const lines = expectCliError(() => parseArgs(['--boundaries', 'b', '--ratings', 'r']), 'Thiếu --out (thư mục ra)', '--out is required (the folder to write)', 'npm run pack --');
    // Both forms of the command, the second lined up under the first.
    expect(lines).toHaveLength(4);
    expect(lines[3]).toMatch(/^ +npm run pack -- --into DIR /);
    expect(lines[3].indexOf('npm')).toBe(lines[2].indexOf('npm'));
    expectCliError(() => parseArgs(['--ratings', 'r.csv', '--out', 'x']), 'Thiếu --boundaries (tệp ranh giới)', '--boundaries is required (the boundaries file)', 'npm run pack --');
    // The flag is named, not the value after it; a bare word is named as it is.
    expectCliError(() => parseArgs(['--bogus', '1']), 'Tham số không rõ: --bogus', 'unknown argument --bogus', 'npm run pack --');
    expectCliError(() => parseArgs(['--bogus=1']), 'Tham số không rõ: --bogus', 'unknown argument --bogus', 'npm run pack --');
    expectCliError(() => parseArgs(['stray', '--out', 'x']), 'Tham số không rõ: stray', 'unknown argument stray', 'npm run pack --');
    expectCliError(() => parseArgs(['--out']), '--out cần một giá trị', '--out needs a value', 'npm run pack --');
    // Read before --lang, the reading flags' errors come in both languages too, with the usage.
    expectCliError(() => parseArgs(['--lang', 'fr']), '--lang cần vi hoặc en, nhận được fr', '--lang needs vi or en, got fr', 'npm run pack --');
    expectCliError(() => parseArgs(['--code-digits', '0']), '--code-digits cần một số từ 1 đến 9, nhận được 0', '--code-digits needs 1–9, got 0', 'npm run pack --');
    expectCliError(() => parseArgs(['--header-row', 'x']), '--header-row cần số thứ tự của dòng (1, 2, …), nhận được x', '--header-row needs a row number (1, 2, …), got x', 'npm run pack --');
    expectCliError(() => parseArgs(['--map', 'commune=MA']), /^--map cần dạng FIELD=COLUMN, FIELD là một trong code, name, .*; nhận được commune=MA$/, /^--map needs FIELD=COLUMN with FIELD one of code, name, .*; got commune=MA$/, 'npm run pack --');
  });
});
