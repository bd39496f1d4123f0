/**
 * The one CSV writer (src/io/csv.ts): fields, and names that look like
 * spreadsheet formulas carried from a user's file through `npm run pack`'s
 * path (importFiles → packBundle → bundleFiles) into the `data/raw` CSVs.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { csvDocument, csvField, csvLine } from '../../../src/io/csv.ts';
import { bundleFiles, importFiles } from '../../../src/io/import.ts';
import { expectBalanced, fixture } from './helpers.ts';

describe('csvField', () => {
  it.each<[string, Parameters<typeof csvField>[0], string]>([
    ['plain text', 'Xã Lũng Cú', 'Xã Lũng Cú'],
    ['null is empty', null, ''],
    ['undefined is empty', undefined, ''],
    ['a negative number stays a number', -3.5, '-3.5'],
    ['zero', 0, '0'],
    ['a boolean', true, 'true'],
    ['= starts a formula', '=1+1', "'=1+1"],
    ['+ starts a formula', '+84 912', "'+84 912"],
    ['- starts a formula in text', '-2+3', "'-2+3"],
    ['@ starts a formula', '@SUM(A1)', "'@SUM(A1)"],
    ['a leading tab', '\tx', "'\tx"],
    ['a leading CR is guarded and quoted', '\rx', `"'\rx"`],
    ['= later in the text is harmless', 'x=1', 'x=1'],
    ['a comma is quoted', 'Đắk, Lắk', '"Đắk, Lắk"'],
    ['a semicolon is quoted', 'a; b', '"a; b"'],
    ['quotes are doubled', 'Xã "Mới"', '"Xã ""Mới"""'],
    ['a line break is quoted', 'hai\r\ndòng', '"hai\r\ndòng"'],
    ['guarded and quoted', '=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
  ])('%s', (_name, value, want) => expect(csvField(value)).toBe(want));

  it('quotes the delimiter in use', () => {
    expect(csvLine(['a\tb', 'c'], '\t')).toBe('"a\tb"\tc');
  });

  it('writes a BOM and CRLF line ends', () => {
    expect(csvDocument([csvLine(['code', 'name']), csvLine(['00001', '=x'])])).toBe("\uFEFFcode,name\r\n00001,'=x\r\n");
  });
});

describe('formula-like names through the pack path', () => {
  it('are guarded in the raw CSVs; negative numbers stay numbers', async () => {
    const hostile = ['=HYPERLINK("http://x","Lũng Cú")', '+Ma Lé', '-Đồng Văn', '@Sủng Là', '=1+2', 'Xã Sà Phìn'];
    const geo = JSON.parse(readFileSync(new URL('../../fixtures/good/communes.geojson', import.meta.url), 'utf8')) as GeoJSON.FeatureCollection<GeoJSON.Geometry, { ten_xa: string }>;
    geo.features.forEach((f, i) => (f.properties.ten_xa = hostile[i]));
    const ratings = fixture('good', 'ratings-2022.csv');
    // One indicator value below zero: it must be written as a number, not as guarded text.
    const ratingsText = new TextDecoder().decode(ratings.bytes).replace('00691,2022,XS,70,80.5', '00691,2022,XS,70,-1.5');
    const r = await importFiles([
      { name: 'communes.geojson', bytes: new TextEncoder().encode(JSON.stringify(geo)) },
      { name: 'ratings-2022.csv', bytes: new TextEncoder().encode(ratingsText) },
    ]);
    expectBalanced(r.report);
    expect(r.packed).toBeDefined();
    const files = await bundleFiles(r.packed!);
    const units = files['units.csv'] as string;
    const lines = units.slice(1).split('\r\n');
    const header = lines[0].split(',');
    const nameAt = header.indexOf('name');
    expect(nameAt).toBeGreaterThanOrEqual(0);
    for (const [code, written] of [
      ['00691', `"'=HYPERLINK(""http://x"",""Lũng Cú"")"`],
      ['00694', "'+Ma Lé"],
      ['00697', "'-Đồng Văn"],
      ['00700', "'@Sủng Là"],
      ['00703', "'=1+2"],
      ['00706', 'Xã Sà Phìn'],
    ]) {
      const line = lines.find((l) => l.startsWith(`${code},`));
      expect(line, code).toBeDefined();
      expect(line).toContain(`,${written},`);
    }
    const ratingLines = (files['ratings.csv'] as string).split('\r\n');
    expect(ratingLines.find((l) => l.startsWith('00691,'))).toMatch(/,-1\.5$/);
  });
});
