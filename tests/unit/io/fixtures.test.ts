/**
 * Every malformed fixture in tests/fixtures/bad gives its exact reason (id,
 * row, column) and keeps loaded + rejected = total. Tables are imported with
 * the good boundaries, boundaries with the good ratings.
 */
import { describe, expect, it } from 'vitest';
import { importFiles } from '../../../src/io/import.ts';
import type { ReasonId, Severity } from '../../../src/io/report.ts';
import { expectBalanced, fixture } from './helpers.ts';

interface Case {
  file: string;
  issues: { reason: ReasonId; row: number | null; column: string | null; severity?: Severity }[];
  counts: [loaded: number, rejected: number, total: number];
  encoding?: string;
  delimiter?: string;
}

const CASES: Case[] = [
  // CSV ratings
  { file: 'wrong-delimiter.csv', issues: [{ reason: 'wrong-delimiter', row: null, column: null, severity: 'error' }], counts: [0, 2, 2] },
  { file: 'missing-columns.csv', issues: [{ reason: 'missing-column', row: null, column: null }, { reason: 'rows-not-checked', row: null, column: null }], counts: [0, 2, 2] },
  // The same code and year with two ratings: both rows are rejected, each naming the other.
  { file: 'duplicate-keys.csv', issues: [{ reason: 'duplicate-conflict', row: 3, column: 'Xếp loại' }, { reason: 'duplicate-conflict', row: 2, column: 'Xếp loại' }], counts: [1, 2, 3] },
  { file: 'duplicate-same.csv', issues: [{ reason: 'duplicate-key', row: 3, column: 'Mã xã' }], counts: [2, 1, 3] },
  { file: 'unknown-codes.csv', issues: [{ reason: 'unknown-code', row: 3, column: 'Mã xã' }], counts: [1, 1, 2] },
  { file: 'rating-off-scale.csv', issues: [{ reason: 'rating-off-scale', row: 2, column: 'Xếp loại' }], counts: [1, 1, 2] },
  { file: 'text-in-number.csv', issues: [{ reason: 'bad-number', row: 2, column: 'Điểm' }], counts: [1, 1, 2] },
  { file: 'missing-year.csv', issues: [{ reason: 'missing-year', row: 2, column: 'Năm' }], counts: [1, 1, 2] },
  { file: 'bad-code.csv', issues: [{ reason: 'bad-code', row: 2, column: 'Mã xã' }], counts: [1, 1, 2] },
  { file: 'unclosed-quote.csv', issues: [{ reason: 'row-truncated', row: 3, column: null }], counts: [1, 1, 2] },
  { file: 'empty.csv', issues: [{ reason: 'file-empty', row: null, column: null }], counts: [0, 0, 0] },
  { file: 'zero-bytes.csv', issues: [{ reason: 'file-empty-bytes', row: null, column: null }], counts: [0, 0, 0] },
  { file: 'header-only.csv', issues: [{ reason: 'file-empty', row: null, column: null }], counts: [0, 0, 0] },
  { file: 'huge-line.csv', issues: [{ reason: 'line-too-long', row: 3, column: null }], counts: [2, 1, 3] },
  { file: 'huge-single-line.csv', issues: [{ reason: 'line-too-long', row: null, column: null }], counts: [0, 0, 0] },
  { file: 'utf8-bom.csv', issues: [], counts: [2, 0, 2], encoding: 'utf-8-bom' },
  { file: 'utf16le.csv', issues: [{ reason: 'encoding-utf16', row: null, column: null, severity: 'info' }], counts: [2, 0, 2], encoding: 'utf-16le' },
  { file: 'utf16be.csv', issues: [{ reason: 'encoding-utf16', row: null, column: null, severity: 'info' }], counts: [2, 0, 2], encoding: 'utf-16be' },
  { file: 'windows-1258.csv', issues: [{ reason: 'encoding-legacy', row: null, column: null, severity: 'warning' }], counts: [2, 0, 2], encoding: 'windows-1258' },
  { file: 'semicolon-excel.csv', issues: [], counts: [3, 0, 3], delimiter: ';' },
  { file: 'rating-abbreviations.csv', issues: [], counts: [5, 0, 5] },
  // XLSX, Parquet
  { file: 'truncated.xlsx', issues: [{ reason: 'file-truncated', row: null, column: null }], counts: [0, 0, 0] },
  { file: 'not-a-workbook.xlsx', issues: [{ reason: 'file-not-xlsx', row: null, column: null }], counts: [0, 0, 0] },
  { file: 'truncated.parquet', issues: [{ reason: 'file-truncated', row: null, column: null }], counts: [0, 0, 0] },
  // GeoJSON boundaries
  { file: 'unclosed-ring.geojson', issues: [{ reason: 'ring-unclosed', row: 1, column: null, severity: 'warning' }], counts: [2, 0, 2] },
  { file: 'self-intersecting.geojson', issues: [{ reason: 'self-intersection', row: 1, column: null, severity: 'warning' }], counts: [2, 0, 2] },
  { file: 'projected-no-crs.geojson', issues: [{ reason: 'crs-unknown-metres', row: null, column: null, severity: 'error' }, { reason: 'rows-not-checked', row: null, column: null, severity: 'error' }], counts: [0, 2, 2] },
  { file: 'projected-epsg3405.geojson', issues: [{ reason: 'crs-reprojected', row: null, column: null, severity: 'info' }], counts: [2, 0, 2] },
  {
    file: 'empty-geometry.geojson',
    issues: [
      { reason: 'geometry-empty', row: 2, column: null },
      { reason: 'geometry-type', row: 3, column: null },
      { reason: 'geometry-empty', row: 4, column: null },
    ],
    counts: [1, 3, 4],
  },
  { file: 'duplicate-codes.geojson', issues: [{ reason: 'duplicate-code', row: 2, column: 'ma_xa' }], counts: [1, 1, 2] },
  { file: 'short-ring.geojson', issues: [{ reason: 'geometry-invalid', row: 1, column: null }], counts: [1, 1, 2] },
  { file: 'truncated.geojson', issues: [{ reason: 'file-truncated', row: null, column: null }], counts: [0, 0, 0] },
  { file: 'missing-code-property.geojson', issues: [{ reason: 'missing-column', row: null, column: null }, { reason: 'rows-not-checked', row: null, column: null }], counts: [0, 2, 2] },
  { file: 'html-names.geojson', issues: [], counts: [2, 0, 2] },
  { file: 'nfd-names.geojson', issues: [], counts: [1, 0, 1] },
  // zipped Shapefiles
  { file: 'lonlat-with-prj.zip', issues: [], counts: [6, 0, 6], encoding: 'utf-8' },
  { file: 'no-prj-lonlat.zip', issues: [{ reason: 'prj-missing', row: null, column: null, severity: 'warning' }], counts: [6, 0, 6] },
  {
    file: 'no-prj-projected.zip',
    issues: [{ reason: 'crs-unknown-metres', row: null, column: null, severity: 'error' }, { reason: 'prj-missing', row: null, column: null, severity: 'warning' }, { reason: 'rows-not-checked', row: null, column: null, severity: 'error' }],
    counts: [0, 6, 6],
  },
  { file: 'vn2000-tm3.zip', issues: [{ reason: 'crs-reprojected', row: null, column: null, severity: 'info' }], counts: [6, 0, 6] },
  { file: 'dbf-windows-1258.zip', issues: [{ reason: 'encoding-legacy', row: null, column: null, severity: 'warning' }], counts: [6, 0, 6], encoding: 'windows-1258' },
  { file: 'truncated.zip', issues: [{ reason: 'file-truncated', row: null, column: null }], counts: [0, 0, 0] },
  { file: 'truncated-shp.zip', issues: [{ reason: 'record-missing', row: 6, column: null }], counts: [5, 1, 6] },
  { file: 'no-dbf.zip', issues: [{ reason: 'shapefile-part-missing', row: null, column: null, severity: 'error' }], counts: [0, 0, 0] },
];

const isBoundary = (name: string) => /\.(geojson|zip)$/.test(name);

describe('malformed inputs: exact reasons and balanced counts', () => {
  it('has at least 25 bad fixtures', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(25);
  });

  it.each(CASES)('$file', async (c) => {
    const files = isBoundary(c.file) ? [fixture('bad', c.file), fixture('good', 'ratings.xlsx')] : [fixture('good', 'communes.geojson'), fixture('bad', c.file)];
    const { report } = await importFiles(files);
    expectBalanced(report);
    const summary = report.files.find((f) => f.file === c.file)!;
    expect([summary.loaded, summary.rejected, summary.total]).toEqual(c.counts);
    if (c.encoding) expect(summary.encoding).toBe(c.encoding);
    if (c.delimiter) expect(summary.delimiter).toBe(c.delimiter);
    // Notes on how a sheet was read are checked in layout.test.ts.
    const mine = report.issues.filter((i) => i.file === c.file && i.reason !== 'column-ignored' && i.reason !== 'header-found');
    expect(mine.map((i) => ({ reason: i.reason, row: i.row, column: i.column, ...(c.issues.some((x) => x.severity) ? { severity: i.severity } : {}) }))).toEqual(
      c.issues.map((x) => ({ reason: x.reason, row: x.row, column: x.column, ...(c.issues.some((y) => y.severity) ? { severity: x.severity ?? 'error' } : {}) })),
    );
    // Every rejected row has exactly one error issue unless a whole-file error covers them.
    const rowErrors = mine.filter((i) => i.severity === 'error' && i.row !== null).length;
    const fileErrors = mine.filter((i) => i.severity === 'error' && i.row === null).length;
    if (fileErrors === 0) expect(rowErrors).toBe(summary.rejected);
  });
});

describe('what the messy-but-valid inputs decode to', () => {
  const unitsOf = async (boundary: string) => {
    const r = await importFiles([fixture('bad', boundary), fixture('good', 'ratings.xlsx')]);
    return new Map(r.bundle!.units.toArray().map((u) => [u.code as string, u.name as string]));
  };

  it('keeps HTML and script in names as text, unchanged', async () => {
    const names = await unitsOf('html-names.geojson');
    expect(names.get('00700')).toBe('Xã <script>alert("x")</script> Sủng Là');
    expect(names.get('00703')).toBe('Xã <img src=x onerror=alert(1)> Phố Bảng');
  });

  it('normalises NFD names to NFC', async () => {
    const names = await unitsOf('nfd-names.geojson');
    expect(names.get('00697')).toBe('Thị trấn Đồng Văn'.normalize('NFC'));
    expect(names.get('00697')!.length).toBe('Thị trấn Đồng Văn'.normalize('NFC').length);
  });

  it('decodes a Windows-1258 .dbf and a UTF-8 one to the same names', async () => {
    const a = await unitsOf('dbf-windows-1258.zip');
    const b = await unitsOf('lonlat-with-prj.zip');
    expect(a.get('00697')).toBe('Thị trấn Đồng Văn');
    expect([...a.entries()]).toEqual([...b.entries()]);
  });

  it('decodes a Windows-1258 CSV to the right names', async () => {
    const r = await importFiles([fixture('good', 'communes.geojson'), fixture('bad', 'windows-1258.csv')]);
    expect(r.report.usable).toBe(true);
  });

  it('reprojects VN-2000 TM-3 and UTM 48N back onto the lon/lat cells (within 2 m)', async () => {
    const plain = await importFiles([fixture('bad', 'lonlat-with-prj.zip'), fixture('good', 'ratings.xlsx')], { simplify: 0 });
    for (const f of ['vn2000-tm3.zip', 'projected-epsg3405.geojson']) {
      const r = await importFiles([fixture('bad', f), fixture('good', 'ratings.xlsx')], { simplify: 0 });
      const [x0, y0, x1, y1] = r.bundle!.topology.bbox!;
      const [a0, b0] = plain.bundle!.topology.bbox!;
      // 2 m ≈ 2e-5°; the bbox of the projected fixtures starts at the same corner.
      expect(Math.abs(x0 - a0)).toBeLessThan(2e-5);
      expect(Math.abs(y0 - b0)).toBeLessThan(2e-5);
      expect(x1).toBeGreaterThan(x0);
      expect(y1).toBeGreaterThan(y0);
    }
  });

  it('reads codes stored as Excel numbers and abbreviated ratings', async () => {
    const r = await importFiles([fixture('good', 'communes.geojson'), fixture('bad', 'semicolon-excel.csv')]);
    const ratings = r.bundle!.parts.ratings;
    const { tableFromIPC } = await import('apache-arrow');
    const rows = tableFromIPC(ratings).toArray().map((x) => [x.code, x.rating, x.score === null ? null : Math.round(x.score * 10) / 10]);
    expect(rows).toEqual([['00691', 'TB', 73.5], ['00694', 'XS', 90], ['00697', 'TB', 55]]);
  });
});
