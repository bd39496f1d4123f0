/**
 * The periodic review report on the hand-made Đồng Văn bundle: its numbers
 * against answers worked out by hand from the fixture rows (written here, not
 * by calling the code under test), its sentences and Vietnamese number
 * formats, and the PDF and DOCX it writes, read back with poppler's pdftotext
 * and by unzipping.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeReportFonts } from '../../scripts/lib/report-fonts.ts';
import { loadTables } from '../../src/db/queries.ts';
import { reportData } from '../../src/db/report.ts';
import type { SqlRunner } from '../../src/db/runner.ts';
import { prepareSeries } from '../../src/db/series.ts';
import { parseTtf, reportCodePoints, subsetTtf } from '../../src/io/font/ttf.ts';
import { cellChrome, cellWords, columnWidths, CONTENT_WIDTH, measureWith, TABLE_SIZE, tableColumnWidths } from '../../src/io/report/pdf.ts';
import { encodePng, rasterize } from '../../src/io/report/raster.ts';
import { reportFile } from '../../src/io/report/write.ts';
import { DOCX_TABLE } from '../../src/io/report/docx.ts';
import { reportFigures, reportGeometry } from '../../src/map/report-map.ts';
import { sceneTexts } from '../../src/model/drawing.ts';
import { declinedCommunes, improvedCommunes, weakCommunes, type ReportData, type ReportRequest } from '../../src/model/report.ts';
import { documentTexts, type ReportDocument } from '../../src/model/report-doc.ts';
import { buildReportDocument, changeWords, count, percent, points, reportFileName, signed } from '../../src/model/report-text.ts';
import { assembleBundle } from '../../src/io/bundle.ts';
import { miniHistoryPayload, miniHistoryRawParts } from '../fixtures/mini-bundle.ts';
import { nodeDuckDB } from './node-duckdb.ts';

const manifest = miniHistoryPayload().manifest;
const scale = manifest.scale;
const request = (r: Partial<ReportRequest>): ReportRequest => ({ structure: 'pre2025', province: '02', year: 2024, baseYear: 2023, kinds: [], kindsMode: 'any', ...r });

/** pdftotext from Debian's poppler-utils (installed by .ci/run); a missing tool fails the test, never skips it. */
function pdftotext(pdf: Uint8Array, layout = false): string {
  const dir = mkdtempSync(join(tmpdir(), 'report-'));
  const path = join(dir, 'r.pdf');
  writeFileSync(path, pdf);
  try {
    return execFileSync('pdftotext', [...(layout ? ['-layout'] : []), '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
  } catch (e) {
    throw new Error(`pdftotext failed (apt-get install poppler-utils): ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
}

function pdfinfo(pdf: Uint8Array, tool = 'pdfinfo'): string {
  const dir = mkdtempSync(join(tmpdir(), 'report-'));
  const path = join(dir, 'r.pdf');
  writeFileSync(path, pdf);
  return execFileSync(tool, [path], { encoding: 'utf8' });
}

describe('report numbers of the Đồng Văn bundle', () => {
  let db: SqlRunner;
  beforeAll(async () => {
    db = await nodeDuckDB();
    await loadTables(db, miniHistoryRawParts(), scale);
    await prepareSeries(db, manifest);
  });
  afterAll(async () => {
    await db.close();
  });

  it('counts one province on its own years (pre2025, 2024 against 2023)', async () => {
    const d = await reportData(db, manifest, request({}));
    expect(d.provinceName).toBe('Tỉnh Hà Giang');
    expect(d.period).toEqual([2020, 2021, 2022, 2023, 2024]);
    // By hand from MINI_HISTORY_RATINGS and MINI_RATINGS, four old communes:
    // 2020 TB TB K XS; 2021 Y TB K XS; 2022 Y Y TB XS; 2023 Y TB K XS; 2024 TB TB Y XS.
    // Each year's weak count is the real one in the same communes (their own structure).
    for (const y of d.years) expect(y.counted).toEqual({ rated: y.rated, weak: y.weak, estimated: false, structure: 'pre2025' });
    expect(d.years.map((y) => [y.year, y.units, y.rated, y.weak, y.estimated])).toEqual([
      [2020, 4, 4, 0, false],
      [2021, 4, 4, 1, false],
      [2022, 4, 4, 2, false],
      [2023, 4, 4, 1, false],
      [2024, 4, 4, 1, false],
    ]);
    expect(d.years.at(-1)!.byLevel).toEqual({ TB: 2, Y: 1, XS: 1 });
    expect(weakCommunes(d, scale).map((c) => [c.code, c.weakStreak, c.kinds, c.history])).toEqual([['00003', 1, ['ethnic_minority'], ['K', 'K', 'TB', 'K', 'Y']]]);
    // 00003 fell K → Y (two levels); 00001 rose only one level (Y → TB).
    expect(improvedCommunes(d, scale)).toEqual([]);
    expect(declinedCommunes(d, scale).map((c) => c.code)).toEqual(['00003']);
    // Border: 00001, 00002 (neither weak in 2024); ethnic minority: 00001, 00003 (00003 weak).
    expect(d.kinds).toEqual([
      { kind: 'border', units: 2, rated: 2, weak: 0, restUnits: 2, restRated: 2, restWeak: 1 },
      { kind: 'ethnic_minority', units: 2, rated: 2, weak: 1, restUnits: 2, restRated: 2, restWeak: 0 },
    ]);
    expect(d.provinces).toEqual([]);
  });

  it('ranks provinces in a national report and narrows to priority kinds', async () => {
    const d = await reportData(db, manifest, request({ province: null }));
    expect(d.provinces).toEqual([{ code: '02', name: 'Tỉnh Hà Giang', units: 4, rated: 4, weak: 1, baseRated: 4, baseWeak: 1 }]);
    const border = await reportData(db, manifest, request({ kinds: ['border'] }));
    expect(border.communes.map((c) => c.code)).toEqual(['00001', '00002']);
    expect(border.years.at(-1)!.weak).toBe(0);
    const both = await reportData(db, manifest, request({ kinds: ['border', 'ethnic_minority'], kindsMode: 'all' }));
    expect(both.communes.map((c) => c.code)).toEqual(['00001']);
  });

  it('marks years carried across the merger as estimates (2025 structure, base 2024)', async () => {
    const d = await reportData(db, manifest, request({ structure: '2025', province: null, year: 2025, baseYear: 2024 }));
    const y = d.years.find((x) => x.year === 2025)!;
    const b = d.years.find((x) => x.year === 2024)!;
    expect([y.units, y.weak, y.estimated]).toEqual([2, 1, false]);
    // 2024 on the 2025 communes, area-weighted (the level of at least half the area, the weaker on a tie):
    // 00001 = TB + TB → TB; 00004 = Y (old 00003) + XS (old 00004), equal areas → Y.
    expect([b.weak, b.estimated, b.byLevel]).toEqual([1, true, { TB: 1, Y: 1 }]);
    // The weak count of 2024 is the real one, in the four old communes: TB TB Y XS.
    expect(b.counted).toEqual({ rated: 4, weak: 1, estimated: false, structure: 'pre2025' });
    expect(y.counted).toEqual({ rated: 2, weak: 1, estimated: false, structure: '2025' });
    // 00004 is Y in 2025 and (carried) in 2024, not in 2023 (K + XS → K): two years, an estimate.
    expect(weakCommunes(d, scale).map((c) => [c.code, c.weakStreak, c.streakEstimated])).toEqual([['00004', 2, true]]);
    expect(declinedCommunes(d, scale)).toEqual([]);
    const vi = buildReportDocument(d, { lang: 'vi', manifest, figures: { map: { width: 1, height: 1, items: [] }, strip: { width: 1, height: 1, items: [] } } });
    const text = documentTexts(vi).join('\n');
    // The bundle is one province: its "national" report is not "toàn quốc" (the whole country).
    expect(text).toContain('Năm 2025, toàn bộ dữ liệu (1 tỉnh, thành phố) có 2 xã, phường, đặc khu;');
    expect(text).not.toMatch(/toàn quốc/i);
    expect(vi.subtitle[0]).toBe('Phạm vi: toàn bộ dữ liệu (1 tỉnh, thành phố)');
    expect(vi.footer.startsWith('Toàn bộ dữ liệu (1 tỉnh, thành phố) · 2025')).toBe(true);
    expect(reportFileName(d, 'vi', 'pdf')).toBe('bao-cao-2025-toan-bo-du-lieu.pdf');
    const en = buildReportDocument(d, { lang: 'en', manifest, figures: { map: { width: 1, height: 1, items: [] }, strip: { width: 1, height: 1, items: [] } } });
    expect(documentTexts(en).join('\n')).toContain('In 2025, the data (1 province) had 2 communes');
    expect(en.subtitle[0]).toBe('Scope: all the data (1 province)');
    expect(text).toContain('1 xã Yếu (50,0\u00a0%); năm 2024: 1 xã Yếu (25,0\u00a0%) (đếm trên các xã của năm đó).');
  });

  it('marks every estimated figure of a year carried across the merger, not only the weak count (2024 on the 2025 communes)', async () => {
    const d = await reportData(db, manifest, request({ structure: '2025', province: null, year: 2024, baseYear: 2024 }));
    const empty = { width: 1, height: 1, items: [] };
    const summary = (lang: 'vi' | 'en') => documentTexts(buildReportDocument(d, { lang, manifest, figures: { map: empty, strip: empty } })).find((x) => x.startsWith(lang === 'vi' ? 'Năm 2024,' : 'In 2024,'))!;
    // The levels are area-weighted onto the 2025 communes; the weak count is the real one, on the old communes.
    expect(summary('vi')).toMatch(/đạt Khá trở lên \([^)]*\) \(ước tính theo diện tích\), 1 xã Yếu \(25,0\u00a0%\) \(đếm trên các xã của năm đó\)/);
    expect(summary('en')).toMatch(/or better \([^)]*\) \(area-weighted estimate\), 1 Weak \(25\.0%\) \(counted in that year’s communes\)/);
  });

  it('compares with nothing when the base year is the report year (the first year of the data)', async () => {
    const d = await reportData(db, manifest, request({ year: 2020, baseYear: 2020 }));
    const empty = { width: 1, height: 1, items: [] };
    const vi = buildReportDocument(d, { lang: 'vi', manifest, figures: { map: empty, strip: empty } });
    const en = buildReportDocument(d, { lang: 'en', manifest, figures: { map: empty, strip: empty } });
    expect(vi.subtitle).toContain('Năm báo cáo: 2020');
    expect(en.subtitle).toContain('Year: 2020');
    const caption = (doc: ReportDocument) => doc.blocks.find((b) => b.type === 'table' && b.id === 'key-figures');
    expect(caption(vi)).toMatchObject({ caption: 'Bảng 1. Kết quả xếp loại năm 2020' });
    expect(caption(en)).toMatchObject({ caption: 'Table 1. Ratings in 2020' });
    // No "so sánh với năm 2020" / "compared with 2020" anywhere.
    expect(documentTexts(vi).join('\n')).not.toMatch(/so (sánh )?với năm 2020/);
    expect(documentTexts(en).join('\n')).not.toMatch(/compared with 2020/);
  });

  it('never calls a priority area with no weak commune the one where weak communes are most common', async () => {
    const d = await reportData(db, manifest, request({}));
    expect(d.kinds.length).toBeGreaterThan(0);
    // One province's districts (Hà Giang): none of its border units weak, one of the rest.
    const none = { ...d, kinds: d.kinds.map((k) => ({ ...k, weak: 0, restWeak: 1 })) };
    const empty = { width: 1, height: 1, items: [] };
    const vi = documentTexts(buildReportDocument(none, { lang: 'vi', manifest, figures: { map: empty, strip: empty } })).join('\n');
    const en = documentTexts(buildReportDocument(none, { lang: 'en', manifest, figures: { map: empty, strip: empty } })).join('\n');
    expect(vi).not.toContain('cao nhất là');
    expect(en).not.toContain('most common in the priority area');
    expect(vi).toMatch(/Không có xã Yếu nào ở vùng trọng điểm/);
    expect(en).toMatch(/No weak commune in the priority area/);
  });

  it('names Hoàng Sa, Trường Sa and Biển Đông on every national map, in both languages', async () => {
    const d = await reportData(db, manifest, request({ province: null }));
    const bundle = assembleBundle(manifest, miniHistoryRawParts());
    const geometry = reportGeometry(bundle.topology, manifest.structures[1]);
    const fonts = nodeReportFonts();
    for (const lang of ['vi', 'en'] as const) {
      const f = reportFigures({ geometry, data: d, scale, lang, source: manifest.source[lang], measure: measureWith(fonts), width: CONTENT_WIDTH });
      for (const scene of [f.map, f.provinces!]) {
        const texts = sceneTexts(scene.items);
        // The app's labels (src/map/sovereignty.ts), each archipelago's broken before its governing unit.
        const labels = lang === 'vi' ? ['QĐ. Hoàng Sa (TP. Đà Nẵng)', 'QĐ. Trường Sa (tỉnh Khánh Hòa)'] : ['Hoàng Sa Archipelago (Đà Nẵng City)', 'Trường Sa Archipelago (Khánh Hòa Province)'];
        for (const label of labels) expect(texts).toEqual(expect.arrayContaining(label.replace(' (', '\n(').split('\n')));
        expect(texts).toContain(lang === 'vi' ? 'Biển Đông' : 'Biển Đông (East Sea)');
      }
    }
  });

  it('refuses a year or a province the data does not have', async () => {
    await expect(reportData(db, manifest, request({ year: 2019 }))).rejects.toThrow(/no year 2019/);
    await expect(reportData(db, manifest, request({ province: '99' }))).rejects.toThrow(/no province 99/);
  });

  describe('the documents', () => {
    let data: ReportData;
    let doc: ReportDocument;
    const fonts = nodeReportFonts();
    beforeAll(async () => {
      data = await reportData(db, manifest, request({}));
      const bundle = assembleBundle(manifest, miniHistoryRawParts());
      const geometry = reportGeometry(bundle.topology, manifest.structures[1]);
      const figures = reportFigures({ geometry, data, scale, lang: 'vi', source: manifest.source.vi, measure: measureWith(fonts), width: CONTENT_WIDTH });
      doc = buildReportDocument(data, { lang: 'vi', manifest, figures });
    });

    it('cuts no word of a table cell in the PDF, in either language (a year\'s "Weak" was "We / ak" in English)', () => {
      const measure = measureWith(fonts);
      for (const lang of ['vi', 'en'] as const) {
        const d = buildReportDocument(data, { lang, manifest, figures: { map: { width: 1, height: 1, items: [] }, strip: { width: 1, height: 1, items: [] } } });
        const tables = d.blocks.filter((b) => b.type === 'table');
        expect(tables.length).toBeGreaterThan(2);
        for (const t of tables) {
          const widths = tableColumnWidths(t.columns, t.rows, measure);
          expect(widths.reduce((a, b) => a + b, 0)).toBeCloseTo(CONTENT_WIDTH, 6);
          t.columns.forEach((col, i) => {
            for (const cell of [{ text: col.header, bold: true }, ...t.rows.map((r) => r[i] ?? '')]) {
              for (const w of cellWords(cell)) expect(measure(w.text, TABLE_SIZE, w.bold) + cellChrome(cell), `${lang} ${t.caption}: "${w.text}"`).toBeLessThanOrEqual(widths[i]);
            }
          });
        }
      }
    });

    it('cuts no word of a table cell in the DOCX either: its grid has each column at least its longest word (LibreOffice keeps the grid)', () => {
      const measure = measureWith(fonts);
      for (const lang of ['vi', 'en'] as const) {
        const d = buildReportDocument(data, { lang, manifest, figures: { map: { width: 1, height: 1, items: [] }, strip: { width: 1, height: 1, items: [] } } });
        const tables = d.blocks.filter((b) => b.type === 'table');
        const xml = strFromU8(unzipSync(reportFile(d, 'docx', fonts))['word/document.xml']);
        const grids = [...xml.matchAll(/<w:tblGrid>(.*?)<\/w:tblGrid>/g)].map((m) => [...m[1].matchAll(/w:w="(\d+)"/g)].map((g) => Number(g[1]) / 20));
        expect(grids.length).toBe(tables.length);
        let fitted = 0;
        tables.forEach((t, k) => {
          expect(grids[k].reduce((a, b) => a + b, 0)).toBeCloseTo(DOCX_TABLE.total, 0);
          const need = t.columns.map((col, i) => Math.max(...[{ text: col.header, bold: true }, ...t.rows.map((r) => r[i] ?? '')].flatMap((cell) => cellWords(cell).map((w) => measure(w.text, DOCX_TABLE.size, w.bold) + DOCX_TABLE.chrome(cell)))));
          // Where every longest word fits (all but the English list of weak communes here, whose hostile test name is one long word), it does;
          // where they cannot all fit, every column gets the same share of what it needs.
          const share = Math.min(1, DOCX_TABLE.total / need.reduce((a, b) => a + b + 0.5, 0));
          if (share === 1) fitted++;
          need.forEach((n, i) => expect(n * share, `${lang} ${t.caption}: ${t.columns[i].header}`).toBeLessThanOrEqual(grids[k][i] + 0.05));
        });
        expect(fitted).toBeGreaterThanOrEqual(tables.length - 1);
      }
    });

    it('shares a table\'s width by weight, each column at least its longest word, the rest by weight', () => {
      expect(columnWidths([1, 1, 2], [0, 0, 0], 400)).toEqual([100, 100, 200]);
      // The first column needs 150: it gets it, the others share the other 250 by weight.
      const w = columnWidths([1, 1, 2], [150, 10, 10], 400);
      expect(w[0]).toBe(150);
      expect(w[1]).toBeCloseTo(250 / 3, 9);
      expect(w[2]).toBeCloseTo(500 / 3, 9);
      // Raising one can push another under its minimum: both are then held at it.
      const v = columnWidths([1, 1, 1, 1], [150, 95, 0, 0], 400);
      expect(v.slice(0, 2)).toEqual([150, 95]);
      expect(v[2] + v[3]).toBeCloseTo(155, 9);
      // When the minimums cannot all fit, each column gets the same share of its minimum (not the widths by weight, which crush the narrow ones).
      expect(columnWidths([1, 3], [300, 300], 400)).toEqual([200, 200]);
      expect(columnWidths([1, 3], [300, 100], 200)).toEqual([150, 50]);
    });

    it('says the numbers in Vietnamese sentences', () => {
      const summary = doc.blocks.find((b) => b.type === 'bullets');
      // Percentages keep a no-break space before %; compared here with a plain one.
      const text = summary && summary.type === 'bullets' ? summary.items.map((i) => i.map((r) => r.text).join('').replace(/\u00a0/g, ' ')) : [];
      expect(text[0]).toBe('Năm 2024, toàn tỉnh có 4 xã, phường, thị trấn; 1 đạt Khá trở lên (25,0 %), 1 xã Yếu (25,0 %), không đổi so với năm 2023.');
      expect(text[1]).toBe('Chưa đạt mục tiêu không còn xã có phong trào Yếu: còn 1 xã. Năm 2020 có 0 xã Yếu (0,0 %).');
      expect(text[2]).toBe('So với năm 2023, 0 xã tiến từ hai mức trở lên, 1 xã giảm từ hai mức trở lên hoặc xuống mức Yếu.');
      expect(text[3]).toBe('Vùng trọng điểm có tỉ lệ xã Yếu cao nhất là vùng đồng bào dân tộc thiểu số: 1/2 xã (50,0 %), so với 0,0 % ở phần còn lại.');
      expect(documentTexts(doc).every((s) => s === s.normalize('NFC'))).toBe(true);
      expect(reportFileName(data, 'vi', 'pdf')).toBe('bao-cao-2024-02-tinh-ha-giang.pdf');
    });

    it('names and orders priority kinds as the manifest declares them', () => {
      // Declared: ethnic minority first, under its own label; border after it. A kind the manifest forgot keeps its id, last.
      const declared = {
        ...manifest,
        priorityKinds: [
          { id: 'ethnic_minority', label: { vi: 'Vùng DTTS (khai báo)', en: 'Ethnic areas (declared)' }, color: '#965a14' },
          { id: 'border', label: { vi: 'Biên giới đất liền', en: 'Land border' }, color: '#78288c' },
        ],
      };
      const extra = { kind: 'giao_xu', units: 1, rated: 1, weak: 0, restUnits: 3, restRated: 3, restWeak: 1 };
      const withExtra = { ...data, kinds: [extra, ...data.kinds] };
      const empty = { width: 1, height: 1, items: [] };
      const rowsOf = (d: ReportDocument, id: string) => {
        const table = d.blocks.find((b) => b.type === 'table' && b.id === id);
        return table && table.type === 'table' ? table.rows : [];
      };
      const vi = buildReportDocument(withExtra, { lang: 'vi', manifest: declared, figures: { map: empty, strip: empty } });
      expect(rowsOf(vi, 'priority').map((r) => r[0])).toEqual(['Vùng DTTS (khai báo)', 'Biên giới đất liền', 'giao_xu']);
      // The weak commune's kinds column and the summary use the declared label too.
      expect(rowsOf(vi, 'weak-communes').map((r) => r.at(-2))).toEqual(['Vùng DTTS (khai báo)']);
      expect(documentTexts(vi).join('\n')).toContain('Vùng trọng điểm có tỉ lệ xã Yếu cao nhất là vùng DTTS (khai báo): 1/2 xã');
      const en = buildReportDocument(withExtra, { lang: 'en', manifest: declared, figures: { map: empty, strip: empty } });
      expect(rowsOf(en, 'priority').map((r) => r[0])).toEqual(['Ethnic areas (declared)', 'Land border', 'giao_xu']);
      // Without a list, the built-in five in their display order.
      const builtIn = buildReportDocument(withExtra, { lang: 'vi', manifest: { ...manifest, priorityKinds: undefined }, figures: { map: empty, strip: empty } });
      expect(rowsOf(builtIn, 'priority').map((r) => r[0])).toEqual(['Biên giới đất liền', 'Vùng đồng bào dân tộc thiểu số', 'giao_xu']);
    });

    it('formats numbers the Vietnamese and the English way', () => {
      expect([count('vi', 3321), percent('vi', 0.784), percent('vi', 0), changeWords('vi', -2)]).toEqual(['3.321', '78,4\u00a0%', '0,0\u00a0%', 'giảm 2']);
      expect([count('en', 3321), percent('en', 0.784), changeWords('en', 3)]).toEqual(['3,321', '78.4%', 'up 3']);
    });

    it('writes an A4 PDF with embedded fonts whose text extracts as written', () => {
      const pdf = reportFile(doc, 'pdf', fonts);
      const info = pdfinfo(pdf);
      expect(info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
      expect(info).toMatch(/Title:\s+Báo cáo kết quả phong trào/);
      const fontsList = pdfinfo(pdf, 'pdffonts');
      // Both weights embedded as subsets with a ToUnicode map: "emb sub uni" all yes.
      expect(fontsList.split('\n').filter((l) => /BeVietnamPro/.test(l)).map((l) => / CID TrueType\s+Identity-H\s+yes yes yes /.test(l))).toEqual([true, true]);
      const text = pdftotext(pdf).replace(/\u00a0/g, ' ');
      expect(text).toBe(text.normalize('NFC'));
      for (const s of ['Báo cáo kết quả phong trào toàn dân bảo vệ an ninh Tổ quốc', 'Tỉnh Hà Giang', 'Năm 2024, toàn tỉnh có 4 xã, phường, thị trấn', '1 xã Yếu (25,0 %)', 'Xã <img src=x onerror=alert(1)>', 'Trang 1/']) {
        expect(text.replace(/\s+/g, ' ')).toContain(s);
      }
      // The map's legend and labels are text too.
      expect(text).toContain('Xếp loại phong trào');
    });

    it('writes a DOCX with Word tables, headings, A4 pages and page numbers', () => {
      const files = unzipSync(reportFile(doc, 'docx', fonts));
      const xml = strFromU8(files['word/document.xml']);
      expect(Object.keys(files)[0]).toBe('[Content_Types].xml');
      expect(xml).toContain('<w:pgSz w:w="11906" w:h="16838"/>');
      expect((xml.match(/<w:tbl>/g) ?? []).length).toBe(doc.blocks.filter((b) => b.type === 'table').length);
      expect((xml.match(/<w:tblHeader\/>/g) ?? []).length).toBe(doc.blocks.filter((b) => b.type === 'table').length);
      // Word lays the columns out itself (autofit): none narrower than its longest word in Word's font.
      expect((xml.match(/<w:tblLayout w:type="autofit"\/>/g) ?? []).length).toBe(doc.blocks.filter((b) => b.type === 'table').length);
      expect(xml).not.toContain('w:type="fixed"');
      expect(xml).toContain('<w:pStyle w:val="Heading1"/>');
      // Names are escaped text, never markup.
      expect(xml).toContain('Xã &lt;img src=x onerror=alert(1)&gt;');
      expect(xml).not.toContain('<img');
      const text = xml.replace(/<[^>]+>/g, '').replace(/\u00a0/g, ' ');
      expect(text).toContain('Năm 2024, toàn tỉnh có 4 xã, phường, thị trấn; 1 đạt Khá trở lên (25,0 %), 1 xã Yếu (25,0 %)');
      expect(strFromU8(files['word/footer1.xml'])).toMatch(/Trang .*PAGE.*NUMPAGES/s);
      const images = Object.keys(files).filter((n) => n.startsWith('word/media/'));
      expect(images.length).toBe(doc.blocks.filter((b) => b.type === 'figure').length);
      // PNG with its resolution set (200 dpi = 7874 px/m).
      const png = files[images[0]];
      expect([...png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
      expect(new DataView(png.buffer, png.byteOffset).getUint32(41)).toBe(7874);
    });

    it('draws the map with its legend counts and the scope coloured by rating', () => {
      const map = doc.blocks.find((b) => b.type === 'figure' && b.id === 'map');
      if (!map || map.type !== 'figure') throw new Error('no map');
      expect(sceneTexts(map.scene.items)).toEqual(expect.arrayContaining(['Xuất sắc (1)', 'Khá (0)', 'Trung bình (2)', 'Yếu (1)']));
      const img = rasterize(map.scene, 72, fonts);
      const red = [215, 25, 28];
      let reds = 0;
      for (let i = 0; i < img.pixels.length; i += 4) if (Math.abs(img.pixels[i] - red[0]) + Math.abs(img.pixels[i + 1] - red[1]) + Math.abs(img.pixels[i + 2] - red[2]) < 12) reds++;
      // One weak commune of four: about a quarter of the map's area (and the legend swatch).
      expect(reds).toBeGreaterThan(img.width * img.height * 0.05);
      expect(encodePng(img, 72).length).toBeGreaterThan(1000);
    });
  });
});

describe('changes in percentage points', () => {
  it('keep one decimal always, so a column of them lines up ("+25,0" over "+33,3", not "+25")', () => {
    expect([0.25, 1 / 3, -0.004, 0, 0.00004].map((d) => points('vi', d))).toEqual(['+25,0', '+33,3', '−0,4', '0,0', '0,0']);
    expect([0.25, -0.012].map((d) => points('en', d))).toEqual(['+25.0', '−1.2']);
    // Counts stay whole.
    expect([3, -2, 0].map((n) => signed('vi', n))).toEqual(['+3', '−2', '0']);
  });
});

describe('the report font', () => {
  it('keeps every Vietnamese letter and its outline when subset', () => {
    const f = nodeReportFonts().regular;
    const vietnamese = 'ĂăÂâĐđÊêÔôƠơƯưÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ';
    for (const ch of vietnamese) expect(f.glyphOf(ch.codePointAt(0)!), ch).toBeGreaterThan(0);
    const small = parseTtf(subsetTtf(f, [...'Đồng Văn'].map((c) => c.codePointAt(0)!)).bytes);
    expect(small.numGlyphs).toBeLessThan(30);
    for (const ch of 'Đồng Văn') {
      const cp = ch.codePointAt(0)!;
      expect(small.outline(small.glyphOf(cp)), ch).toEqual(f.outline(f.glyphOf(cp)));
      expect(small.advance(small.glyphOf(cp))).toBe(f.advance(f.glyphOf(cp)));
    }
    expect(reportCodePoints().filter((cp) => f.glyphOf(cp) > 0).length).toBeGreaterThan(380);
  });
});
