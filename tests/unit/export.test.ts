import { unzipSync, strFromU8 } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTables } from '../../src/db/queries.ts';
import { prepareSeries } from '../../src/db/series.ts';
import { worklist } from '../../src/db/worklist.ts';
import { guardFormula } from '../../src/io/csv.ts';
import {
  listFileBase,
  tableRows,
  toCSV,
  toXLSX,
  worklistExportColumns,
  worklistExportMeta,
  type ExportColumn,
  type ExportMeta,
} from '../../src/io/export.ts';
import { defaultFilter, weakPreset } from '../../src/model/filters.ts';
import { MINI_NAMES, miniHistoryPayload, miniHistoryRawParts } from '../fixtures/mini-bundle.ts';
import { nodeDuckDB } from './node-duckdb.ts';

/** A strict RFC 4180 parser, to read our own output back. */
function parseCSV(text: string, d = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 2; continue; }
      if (c === '"') { quoted = false; i++; continue; }
      field += c; i++; continue;
    }
    if (c === '"' && field === '') { quoted = true; i++; continue; }
    if (c === d) { row.push(field); field = ''; i++; continue; }
    if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i += 2; continue; }
    if (c === '\n' || c === '\r') throw new Error(`bare line break at ${i}`);
    field += c; i++;
  }
  if (field !== '' || row.length > 0) throw new Error('last line lacks CRLF');
  return rows;
}

const manifest = miniHistoryPayload().manifest;
const columns: ExportColumn[] = [
  { key: 'code', label: { vi: 'Mã xã', en: 'Code' }, type: 'text' },
  { key: 'name', label: { vi: 'Tên xã', en: 'Name' }, type: 'text' },
  { key: 'score', label: { vi: 'Điểm', en: 'Score' }, type: 'number', digits: 1 },
];
const meta: ExportMeta = {
  lang: 'vi',
  title: 'Danh sách xã yếu',
  filterLines: ['Năm 2024', 'Xếp loại: Yếu'],
  dataDate: '2025-12-31',
  illustrative: true,
};
const rows = [
  { code: '00002', name: MINI_NAMES['pre2025:00002'], score: 52.29999923706055 },
  { code: '00003', name: MINI_NAMES['pre2025:00003'], score: null },
  { code: '00009', name: '=HYPERLINK("http://x","Xã Đắk, Lắk")', score: -3 },
  { code: '00010', name: '+1\r\nhai dòng', score: 70 },
  { code: '00011', name: '@SUM(A1)', score: 0 },
  { code: '00012', name: '-2+3', score: 1e3 },
];

describe('export file names', () => {
  const lone = { structures: [{ id: '2025' }] };
  const two = { structures: [{ id: '2025' }, { id: 'pre2025' }] };
  it('names a lone set by its year only: pre-2025 data alone is never called "2025"', () => {
    expect(listFileBase('vi', lone, { structure: '2025', year: 2024 })).toBe('danh-sach-xa-2024');
    expect(listFileBase('en', lone, { structure: '2025', year: 2019 })).toBe('commune-list-2019');
  });
  it('names the other structure of a two-structure bundle, not the current one', () => {
    expect(listFileBase('vi', two, { structure: '2025', year: 2024 })).toBe('danh-sach-xa-2024');
    expect(listFileBase('vi', two, { structure: 'pre2025', year: 2024 })).toBe('danh-sach-xa-2024-pre2025');
  });
});

describe('CSV export', () => {
  const csv = toCSV(rows, columns, meta);
  it('starts with a BOM, ends lines with CRLF and parses back (RFC 4180)', () => {
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.endsWith('\r\n')).toBe(true);
    // Every line break is CRLF, including the one quoted inside a name.
    expect(/[^\r]\n/.test(csv)).toBe(false);
    const parsed = parseCSV(csv.slice(1));
    const blank = parsed.findIndex((r) => r.length === 1 && r[0] === '');
    expect(parsed.slice(0, blank)).toEqual([
      ['# Danh sách xã yếu'],
      ['# Dữ liệu minh hoạ'],
      ['# Năm 2024'],
      ['# Xếp loại: Yếu'],
      ['# Dữ liệu đến ngày: 2025-12-31'],
      ['# Số dòng: 6'],
    ]);
    const [header, ...data] = parsed.slice(blank + 1);
    expect(header).toEqual(['Mã xã', 'Tên xã', 'Điểm']);
    expect(data).toEqual([
      ['00002', "Xã Mã Pì Lèng'; DROP TABLE units; --", '52.3'],
      ['00003', 'Xã <img src=x onerror=alert(1)>', ''],
      ['00009', '\'=HYPERLINK("http://x","Xã Đắk, Lắk")', '-3'],
      ['00010', "'+1\r\nhai dòng", '70'],
      ['00011', "'@SUM(A1)", '0'],
      ['00012', "'-2+3", '1000'],
    ]);
  });

  it('keeps diacritics in NFC through a UTF-8 round trip', () => {
    const bytes = new TextEncoder().encode(csv);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const back = new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes);
    expect(back).toContain('Xã Mã Pì Lèng');
    const nfd = toCSV([{ code: '1', name: 'Lu\u0303ng Cu\u0301', score: 1 }], columns, meta);
    expect(nfd).toContain('Lũng Cú');
  });

  it('can use semicolons for Excel in a decimal-comma locale', () => {
    const semi = toCSV([{ code: '1', name: 'a;b, c', score: 2.25 }], columns, { ...meta, illustrative: false }, { delimiter: ';' });
    const parsed = parseCSV(semi.slice(1), ';');
    expect(parsed.at(-1)).toEqual(['1', 'a;b, c', '2.3']);
    expect(parsed[1]).toEqual(['# Năm 2024']);
  });

  it('guards exactly the formula prefixes', () => {
    expect(['=1', '+1', '-1', '@x', '\tx', '\rx', 'x=1', ' =1', 'Đ'].map(guardFormula)).toEqual([
      "'=1", "'+1", "'-1", "'@x", "'\tx", "'\rx", 'x=1', ' =1', 'Đ',
    ]);
  });
});

describe('XLSX export of the worklist', () => {
  let xml: Record<string, string>;
  beforeAll(async () => {
    const db = await nodeDuckDB();
    await loadTables(db, miniHistoryRawParts(), manifest.scale);
    await prepareSeries(db, manifest);
    const filter = weakPreset(manifest, { ...defaultFilter(manifest), structure: 'pre2025', year: 2022 });
    const list = tableRows(await worklist(db, filter));
    const blob = await toXLSX(list, worklistExportColumns(manifest.scale, 'vi'), worklistExportMeta(manifest, filter, 'vi', { provinces: { '02': 'Hà Giang' } }));
    const bytes = new Uint8Array(await blob.arrayBuffer());
    // A zip (PK\3\4) with the OOXML parts.
    expect([...bytes.slice(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    expect(blob.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const files = unzipSync(bytes);
    xml = Object.fromEntries(Object.entries(files).filter(([k]) => k.endsWith('.xml')).map(([k, v]) => [k, strFromU8(v)]));
  });

  it('escapes markup in names', async () => {
    const blob = await toXLSX([{ code: '00003', name: MINI_NAMES['pre2025:00003'], score: 1 }], columns, meta);
    const sst = strFromU8(unzipSync(new Uint8Array(await blob.arrayBuffer()))['xl/sharedStrings.xml']);
    expect(sst).toContain('<t>Xã &lt;img src=x onerror=alert(1)&gt;</t>');
    expect(sst).not.toContain('<img');
  });

  it('has the header block, Vietnamese headers and names as text', () => {
    const text = Object.values(xml).join('\n');
    for (const s of [
      'Danh sách xã, phường – Bộ dữ liệu kiểm thử nhỏ',
      'Dữ liệu minh hoạ',
      'Năm 2022',
      'Xếp loại: Yếu',
      'Dữ liệu đến ngày: 31/12/2025',
      'Tên xã, phường',
      'Số năm yếu liên tiếp',
      'Diện tích (km²)',
      'Xã Lũng Cú',
      'Biên giới đất liền; Vùng đồng bào dân tộc thiểu số',
    ]) expect(text, s).toContain(s);
    // The hostile name (weak in 2022) is a shared string like any other.
    expect(xml['xl/sharedStrings.xml']).toContain("<t>Xã Mã Pì Lèng'; DROP TABLE units; --</t>");
    expect(xml['xl/workbook.xml']).toContain('Danh sách');
  });

  it('writes numbers as numeric cells below a frozen header', () => {
    const sheet = xml['xl/worksheets/sheet1.xml'];
    // Title, illustrative, 4 filter clauses, date, source, row count, blank, column headers.
    expect(sheet).toContain('ySplit="11"');
    // 00002 scored 41 and 00001 scored 42 in 2022; weak streaks 1 and 2.
    const numeric = [...sheet.matchAll(/<c r="([A-Z]+)(\d+)"(?![^>]*t="s")[^>]*><v>([^<]*)<\/v><\/c>/g)].map((m) => [m[1], Number(m[3])]);
    expect(numeric).toEqual(expect.arrayContaining([['G', 41], ['G', 42], ['H', 1], ['H', 2], ['J', 100]]));
  });
});

describe('priority kinds in the worklist export', () => {
  const kinds = [
    { id: 'border', label: { vi: 'Biên giới đất liền', en: 'Land border' }, color: '#78288c' },
    { id: 'vung_giao_xu', label: { vi: 'Vùng giáo xứ', en: 'Parish area' }, color: '#ff00ff' },
  ];
  const cell = (lang: 'vi' | 'en', value: string) => {
    const col = worklistExportColumns(manifest.scale, lang, kinds).find((c) => c.key === 'kinds')!;
    return col.format!(value, { kinds: value });
  };

  it('names a kind the data brought by its label in each language, and an unknown one by its id', () => {
    expect(cell('vi', 'border,vung_giao_xu')).toBe('Biên giới đất liền; Vùng giáo xứ');
    expect(cell('en', 'border,vung_giao_xu')).toBe('Land border; Parish area');
    expect(cell('vi', 'khu_moi')).toBe('khu_moi');
  });

  it('names it in the header block’s filter line', () => {
    const m = worklistExportMeta({ ...manifest, priorityKinds: kinds }, { ...defaultFilter(manifest), kinds: ['vung_giao_xu'] }, 'en');
    expect(m.filterLines.join('\n')).toContain('Parish area');
  });
});

describe('estimates across the 2025 merger in the worklist export', () => {
  let db: Awaited<ReturnType<typeof nodeDuckDB>>;
  beforeAll(async () => {
    db = await nodeDuckDB();
    await loadTables(db, miniHistoryRawParts(), manifest.scale);
    await prepareSeries(db, manifest);
  });

  /** The CSV of the whole list of `structure` in `year`: header lines and rows by code. */
  async function exported(structure: string, year: number, lang: 'vi' | 'en' = 'vi') {
    const filter = { ...defaultFilter(manifest), structure, year };
    const csv = toCSV(tableRows(await worklist(db, filter)), worklistExportColumns(manifest.scale, lang), worklistExportMeta(manifest, filter, lang));
    const parsed = parseCSV(csv.slice(1));
    const blank = parsed.findIndex((r) => r.length === 1 && r[0] === '');
    const [head, ...body] = parsed.slice(blank + 1);
    const col = head.indexOf(lang === 'vi' ? 'Ước tính theo diện tích' : 'Area-weighted estimate');
    return { header: parsed.slice(0, blank).map((r) => r[0]), col, byCode: Object.fromEntries(body.map((r) => [r[0], r[col]])) };
  }

  it('says in the header and in a column that a year before the structure existed is an estimate', async () => {
    // Current communes in 2023: every rating is carried from the old communes; 00001's 3-year streak too.
    const e = await exported('2025', 2023);
    expect(e.col).toBeGreaterThan(0);
    expect(e.header.some((l) => l.includes('Năm 2023') && l.includes('ước tính theo diện tích'))).toBe(true);
    expect(e.byCode).toEqual({ '00001': 'xếp loại, điểm, số năm yếu liên tiếp', '00004': 'xếp loại, điểm' });
    const en = await exported('2025', 2023, 'en');
    expect(en.header.some((l) => l.includes('area-weighted estimates'))).toBe(true);
    expect(en.byCode['00001']).toBe('rating, score, weak streak');
  });

  it('marks only the streaks that count carried years in a structure’s own year, and nothing on old communes’ own years', async () => {
    // 2025 on current codes: 00004 is weak in 2025 and (carried) in 2024, so its 2-year streak is partly an estimate.
    const own = await exported('2025', 2025);
    expect(own.header.some((l) => l.includes('ước tính'))).toBe(false);
    expect(own.byCode).toEqual({ '00001': '', '00004': 'số năm yếu liên tiếp' });
    const old = await exported('pre2025', 2024);
    expect(Object.values(old.byCode).every((v) => v === '')).toBe(true);
    expect(old.header.some((l) => l.includes('ước tính'))).toBe(false);
  });
});
