/**
 * The IT officer's command line: `npm run check` validates with the same report
 * and exit code as pack, `--map`, `--sheet` and `--header-row` reach the
 * readers, `npm run template` writes a workbook and a CSV that import, the
 * scripts refuse bad arguments and say why they failed in Vietnamese and in
 * English, and `npm start` says where the folder is, in both languages.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { unzipSync } from 'fflate';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, describe, expect, it } from 'vitest';
import { importFiles } from '../../../src/io/import.ts';
import { templateCsv, templateXlsx } from '../../../src/io/template.ts';
import { TEMPLATE_INSTRUCTIONS } from '../../../src/model/i18n.ts';
import { DEFAULT_SCALE } from '../../../src/model/scale.ts';
import { parseCheckArgs, runCheck } from '../../../scripts/check.ts';
import { CliError, failureMessage } from '../../../scripts/lib/cli-main.ts';
import { parseArgs } from '../../../scripts/pack.ts';
import { parseReportArgs } from '../../../scripts/report.ts';
import { startMessage } from '../../../scripts/start.ts';
import { parseTemplateArgs, runTemplate } from '../../../scripts/template.ts';
import { expectBalanced, expectCliError, fixture } from './helpers.ts';

const GOOD = resolve('tests/fixtures/good');
const OFFICE = resolve('tests/fixtures/office');
const tmp = mkdtempSync(join(tmpdir(), 'atlas-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function check(argv: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const code = await runCheck(parseCheckArgs(argv), (l) => lines.push(l));
  return { code, out: lines.join('\n') };
}

describe('reading flags', () => {
  it('attach --sheet and --header-row to the file before them, or to every table when first', () => {
    const a = parseArgs(['--header-row', '4', '--boundaries', 'b.zip', '--ratings', 'r.xlsx', '--sheet', 'Xếp loại', '--ratings=r2.xlsx', '--header-row=7', '--map', 'code=MA_XA', '--map', 'rating=Xếp loại', '--lang', 'en', '--out', 'x']);
    expect(a.files).toEqual([{ path: 'b.zip', role: 'boundaries' }, { path: 'r.xlsx', role: 'ratings', sheet: 'Xếp loại' }, { path: 'r2.xlsx', role: 'ratings', headerRow: 7 }]);
    expect(a.defaults).toEqual({ headerRow: 4 });
    expect(a.map).toEqual({ code: 'MA_XA', rating: 'Xếp loại' });
    expect(a.lang).toBe('en');
    expect(() => parseArgs(['--map', 'commune=MA_XA', '--boundaries', 'b', '--ratings', 'r', '--out', 'x'])).toThrow(/FIELD one of code, name/);
    expect(() => parseArgs(['--header-row', 'two', '--boundaries', 'b', '--ratings', 'r', '--out', 'x'])).toThrow(/--header-row needs a row number/);
  });
});

describe('npm run check', () => {
  it('refuses bad arguments in Vietnamese, then in English, then shows how to use it', () => {
    const usage = 'npm run check --';
    expectCliError(() => parseCheckArgs([]), 'Cần ít nhất một tệp để kiểm tra', 'give at least one file to check', usage);
    expectCliError(() => parseCheckArgs(['--boundaries', 'b', '--report-csv', 'r.csv']), 'Tham số không rõ: --report-csv', 'unknown argument --report-csv', usage);
    expectCliError(() => parseCheckArgs(['--boundaries', 'b', '--report']), '--report cần một giá trị', '--report needs a value', usage);
    expectCliError(() => parseCheckArgs(['--boundaries', 'b', '--code-digits', '12']), '--code-digits cần một số từ 1 đến 9, nhận được 12', '--code-digits needs 1–9, got 12', usage);
  });

  it('prints the report and exits 0 when the data is usable', async () => {
    const r = await check(['--boundaries', join(GOOD, 'communes.geojson'), '--ratings', join(OFFICE, 'report-long.xlsx'), '--report', join(tmp, 'r.csv')]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('report-long.xlsx (xếp loại; xlsx, trang “Xếp loại”): 12 dòng, 11 nạp, 1 loại');
    expect(r.out).toContain('report-long.xlsx, dòng 19, cột “Xếp loại”');
    expect(readFileSync(join(tmp, 'r.csv'), 'utf8')).toMatch(/^\uFEFFfile,row,column,reason,message_vi,message_en,severity\r\n/);
    expect(r.out.split('\n').at(-1)).toBe(`báo cáo CSV: ${join(tmp, 'r.csv')}`);
  });

  it('exits 1 with the cause first and no row-by-row follow-ons', async () => {
    const r = await check(['--boundaries', join(OFFICE, 'swapped-axes.geojson'), '--ratings', join(GOOD, 'ratings.xlsx'), '--lang', 'en', '--report', join(tmp, 'en.csv')]);
    expect(r.out.split('\n').at(-1)).toBe(`report CSV: ${join(tmp, 'en.csv')}`);
    expect(r.code).toBe(1);
    const findings = r.out.slice(r.out.indexOf('Main findings:'));
    expect(findings.split('\n')[1]).toMatch(/swapped-axes\.geojson: Longitude and latitude seem swapped/);
    expect(r.out).toMatch(/12 rows were not matched against unit codes/);
    expect(r.out).not.toMatch(/Row by row/);
  });

  it('reads odd headers with --map, and says which --map matched nothing', async () => {
    const base = ['--boundaries', join(GOOD, 'communes.geojson'), '--ratings', join(OFFICE, 'odd-headers.xlsx')];
    const refused = await check(base);
    expect(refused.code).toBe(1);
    // level2_id is taken as the code when there is no commune code (a district file); year and rating are missing.
    expect(refused.out).toContain('Thiếu cột bắt buộc: Năm, Xếp loại. Các cột có trong tệp: “level2_id”, “ten”, “nam_dg”, “kq”.');
    const mapped = await check([...base, '--map', 'code=level2_id', '--map', 'year=nam_dg', '--map', 'rating=kq', '--map', 'score=DIEM']);
    expect(mapped.code).toBe(0);
    expect(mapped.out).toContain('odd-headers.xlsx (xếp loại; xlsx, trang “Sheet1”): 6 dòng, 6 nạp, 0 loại');
    expect(mapped.out.split('\n')[0]).toMatch(/^--map score=DIEM: không tệp nào có cột “DIEM”/);
    const english = await check([...base, '--map', 'code=level2_id', '--map', 'year=nam_dg', '--map', 'rating=kq', '--map', 'score=DIEM', '--lang', 'en']);
    expect(english.out.split('\n')[0]).toBe('--map score=DIEM: no input file has a column “DIEM” (columns: communes.geojson: “ma_xa”, “ten_xa”, “ma_tinh”, “ten_tinh”; odd-headers.xlsx: “level2_id”, “ten”, “nam_dg”, “kq”)');
  });

  it('reads the sheet and header row given', async () => {
    const r = await check(['--boundaries', join(GOOD, 'communes.geojson'), '--ratings', join(OFFICE, 'three-sheets.xlsx'), '--sheet', 'Khác']);
    expect(r.out).toContain('three-sheets.xlsx (xếp loại; xlsx, trang “Khác”): 2 dòng, 2 nạp, 0 loại');
    const h = await check(['--boundaries', join(GOOD, 'communes.geojson'), '--ratings', join(OFFICE, 'odd-headers.xlsx'), '--header-row', '1']);
    // Row 1 as the header, with row 3 read as its second header row (labels under a blank): what was asked, visibly wrong.
    expect(h.out).toMatch(/Các cột có trong tệp: “DANH SÁCH XẾP LOẠI \/ level2_id”, “ten”/);
    expect(h.out).toContain('Dòng tiêu đề cột: dòng 1–3.');
  });
});

describe('npm run template', () => {
  it('writes a workbook with Vietnamese headers, a rating list and instructions, and a CSV twin, prefilled from boundaries', async () => {
    const lines: string[] = [];
    const [xlsx, csv] = await runTemplate(parseTemplateArgs(['--boundaries', join(GOOD, 'communes.geojson'), '--year', '2025', '--out', tmp]), (l) => lines.push(l));
    expect(lines).toEqual(['6 xã, phường từ communes.geojson, năm 2025', `mẫu nhập xếp loại: ${xlsx}`, `bản CSV: ${csv}`]);
    const parts = unzipSync(new Uint8Array(readFileSync(xlsx)));
    const workbook = new TextDecoder().decode(parts['xl/workbook.xml']);
    expect([...workbook.matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => m[1])).toEqual(['Xếp loại', 'Hướng dẫn']);
    const sheet = new TextDecoder().decode(parts['xl/worksheets/sheet1.xml']);
    expect(sheet).toContain('<dataValidation type="list"');
    expect(sheet).toContain('<formula1>"Xuất sắc,Khá,Trung bình,Yếu"</formula1>');
    expect(sheet).toMatch(/sqref="F2:F5001"/);
    // The validations sit where the schema wants them: after the cells, before the page margins.
    expect(sheet.indexOf('<dataValidations')).toBeGreaterThan(sheet.indexOf('</sheetData>'));
    const text = readFileSync(csv, 'utf8');
    expect(text.split('\r\n').slice(0, 2)).toEqual(['\uFEFFMã tỉnh,Tên tỉnh,Mã xã,Tên xã,Năm,Xếp loại,Điểm,Ghi chú', '02,Tỉnh Hà Giang,00691,Xã Lũng Cú,2025,,,']);
  });

  it('explains itself in Vietnamese, then in English, and Excel\'s checks say why in both', async () => {
    const bytes = await templateXlsx(DEFAULT_SCALE);
    const sheets = await readXlsxFile(Buffer.from(bytes));
    const help = sheets.find((x) => x.sheet === 'Hướng dẫn')!.data.map((row) => String(row[0] ?? ''));
    const levels = DEFAULT_SCALE.levels.map((l) => l.label.vi).join(', ');
    // Every instruction, in its language's block, with the levels filled in and numbered alike.
    const ids = Object.keys(TEMPLATE_INSTRUCTIONS) as (keyof typeof TEMPLATE_INSTRUCTIONS)[];
    const vi = help.indexOf(TEMPLATE_INSTRUCTIONS.title.vi), en = help.indexOf(TEMPLATE_INSTRUCTIONS.title.en);
    expect(vi).toBe(0);
    expect(en).toBeGreaterThan(vi);
    ids.slice(1).forEach((id, i) => {
      const want = (lang: 'vi' | 'en') => `${i + 1}. ${TEMPLATE_INSTRUCTIONS[id][lang].replace('{levels}', levels)}`;
      expect(help.slice(vi, en), id).toContain(want('vi'));
      expect(help.slice(en), id).toContain(want('en'));
    });
    expect(help.join('\n')).not.toContain('{');
    // The data validations: both languages, within Excel's limits (titles 32 characters, messages 255).
    const sheet = new TextDecoder().decode(unzipSync(bytes)['xl/worksheets/sheet1.xml']);
    const attr = (name: string) => [...sheet.matchAll(new RegExp(` ${name}="([^"]*)"`, 'g'))].map((m) => m[1].replace(/&amp;/g, '&'));
    expect(attr('errorTitle')).toEqual(['Xếp loại / Rating', 'Năm / Year', 'Điểm / Score']);
    expect(attr('error')[0]).toBe(`Chọn một mức trong danh sách: ${levels}. / Pick a level from the list: ${levels}.`);
    for (const t of [...attr('errorTitle'), ...attr('promptTitle')]) expect(t.length, t).toBeLessThanOrEqual(32);
    for (const t of [...attr('error'), ...attr('prompt')]) expect(t.length, t).toBeLessThanOrEqual(255);
  });

  it('prints in the --lang language', async () => {
    const lines: string[] = [];
    const [xlsx] = await runTemplate(parseTemplateArgs(['--boundaries', join(GOOD, 'communes.geojson'), '--year=2024', '--out', join(tmp, 'en'), '--lang', 'en']), (l) => lines.push(l));
    expect(lines).toEqual(['6 communes from communes.geojson, year 2024', `ratings template: ${xlsx}`, `its CSV twin: ${join(tmp, 'en', 'mau-xep-loai.csv')}`]);
    expect(() => parseTemplateArgs(['--lang', 'fr'])).toThrow(/--lang needs vi or en/);
  });

  it('refuses bad arguments in Vietnamese, then in English, then shows how to use it', () => {
    const usage = 'npm run template --';
    expectCliError(() => parseTemplateArgs(['--lang', 'fr']), '--lang cần vi hoặc en, nhận được fr', '--lang needs vi or en, got fr', usage);
    expectCliError(() => parseTemplateArgs(['--year', '25']), '--year cần một năm (4 chữ số), nhận được 25', '--year needs a year, got 25', usage);
    expectCliError(() => parseTemplateArgs(['--map', 'MA_XA']), '--map cần dạng FIELD=COLUMN, nhận được MA_XA', '--map needs FIELD=COLUMN, got MA_XA', usage);
    expectCliError(() => parseTemplateArgs(['--ratings', 'r.xlsx']), 'Tham số không rõ: --ratings', 'unknown argument --ratings', usage);
  });

  it('imports cleanly once filled in, as a workbook and as CSV', async () => {
    const rows = ['00691', '00694', '00697', '00700', '00703', '00706'].map((code, i) => ({ code, name: `Xã ${i}`, year: 2024, province_code: '02', rating: DEFAULT_SCALE.levels[i % 4].label.vi, score: 60 + i }));
    for (const file of [{ name: 'mau.xlsx', bytes: await templateXlsx(DEFAULT_SCALE, rows) }, { name: 'mau.csv', bytes: new TextEncoder().encode(templateCsv(rows)) }]) {
      const r = await importFiles([fixture('good', 'communes.geojson'), file]);
      expectBalanced(r.report);
      expect(r.report.files[1], file.name).toMatchObject({ total: 6, loaded: 6, rejected: 0 });
      expect(r.report.issues.filter((i) => i.file === file.name && i.severity !== 'info')).toEqual([]);
    }
    // Empty, it says only that it is empty.
    const empty = await importFiles([fixture('good', 'communes.geojson'), { name: 'mau.xlsx', bytes: await templateXlsx(DEFAULT_SCALE) }]);
    expect(empty.report.issues.filter((i) => i.file === 'mau.xlsx' && i.severity === 'error').map((i) => i.reason)).toEqual(['file-empty']);
  });
});

describe('npm run report arguments', () => {
  const ok = ['--folder', 'dist', '--scope', '01', '--year', '2025', '--format', 'pdf', '--out', 'r.pdf'];

  it('reads them', () => {
    expect(parseReportArgs([...ok, '--lang', 'en', '--format=pdf,docx', '--kinds', 'border,island', '--kinds-mode', 'all', '--passphrase-env', 'P'])).toMatchObject({
      folder: 'dist',
      scope: '01',
      year: 2025,
      formats: ['pdf', 'docx'],
      out: 'r.pdf',
      lang: 'en',
      kinds: ['border', 'island'],
      kindsMode: 'all',
      passphrase: { env: 'P' },
    });
  });

  it('refuses bad ones in Vietnamese, then in English, then shows how to use it', () => {
    const usage = 'npm run report --';
    expectCliError(() => parseReportArgs(ok.slice(0, -2)), 'Thiếu --out (tệp hoặc thư mục ghi báo cáo)', '--out is required (the file or folder to write the report to)', usage);
    expectCliError(() => parseReportArgs(['--folder', 'dist']), 'Thiếu --scope (phạm vi: national, all-provinces hoặc mã tỉnh)', '--scope is required (the scope: national, all-provinces or a province code)', usage);
    expectCliError(() => parseReportArgs([...ok, '--province', '01']), 'Tham số không rõ: --province', 'unknown argument --province', usage);
    expectCliError(() => parseReportArgs([...ok, '--lang', 'fr']), '--lang cần vi hoặc en, nhận được fr', '--lang needs vi or en, got fr', usage);
    expectCliError(() => parseReportArgs([...ok, '--year', '25']), '--year cần một năm (4 chữ số), nhận được 25', '--year needs a year, got 25', usage);
    expectCliError(() => parseReportArgs([...ok, '--format', 'odt']), '--format cần pdf, docx hoặc pdf,docx, nhận được odt', '--format needs pdf, docx or pdf,docx, got odt', usage);
    expectCliError(() => parseReportArgs([...ok, '--scope', 'tỉnh 01']), '--scope cần national, all-provinces hoặc một mã tỉnh, nhận được tỉnh 01', '--scope needs national, all-provinces or a province code, got tỉnh 01', usage);
    expectCliError(() => parseReportArgs([...ok, '--kinds-mode', 'some']), '--kinds-mode cần any hoặc all, nhận được some', '--kinds-mode needs any or all, got some', usage);
    expectCliError(() => parseReportArgs([...ok, '--passphrase', 'x']), /^Mật khẩu không bao giờ được nhận từ dòng lệnh/, /^the passphrase is never taken from the command line/, usage);
    expectCliError(() => parseReportArgs([...ok, '--passphrase-env', 'P', '--passphrase-file', 'f']), 'Chỉ dùng một trong hai: --passphrase-file hoặc --passphrase-env, không dùng cả hai', 'give either --passphrase-file or --passphrase-env, not both', usage);
  });
});

describe('a failure that ends a script', () => {
  it('is said in Vietnamese, then in English: a script\'s own error as it is, a system error on a path in one line each', () => {
    expect(failureMessage(new CliError('noFiles'))).toBe('Cần ít nhất một tệp để kiểm tra\ngive at least one file to check');
    const missing = Object.assign(new Error("ENOENT: no such file or directory, open 'xa.geojson'"), { code: 'ENOENT', path: 'xa.geojson' });
    expect(failureMessage(missing)).toBe('Không tìm thấy tệp hoặc thư mục: xa.geojson\nfile or folder not found: xa.geojson');
    const denied = Object.assign(new Error("EACCES: permission denied, mkdir '/srv/out'"), { code: 'EACCES', path: '/srv/out' });
    expect(failureMessage(denied)).toBe('Không có quyền đọc hoặc ghi: /srv/out\npermission denied: /srv/out');
  });

  it('ends the script with 2 for a bad argument and 1 for a failure, the message on stderr', () => {
    const run = (script: string, ...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { encoding: 'utf8', timeout: 60_000 });
    const bad = run('scripts/check.ts', '--bogus', '1');
    expect(bad.status, bad.stderr).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.split('\n').slice(0, 3)).toEqual(['Tham số không rõ: --bogus', 'unknown argument --bogus', expect.stringMatching(/^cách dùng \/ usage: npm run check -- /)]);
    const missing = join(tmp, 'no-such.geojson');
    const failed = run('scripts/crosswalk.ts', '--before', missing, '--after', missing, '--out', join(tmp, 'cw.csv'));
    expect(failed.status, failed.stderr).toBe(1);
    expect(failed.stderr).toBe(`Không tìm thấy tệp hoặc thư mục: ${missing}\nfile or folder not found: ${missing}\n`);
  });

  it('prints the usage on stdout and exits 0 for --help or -h, whatever else is on the line', () => {
    const run = (script: string, ...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { encoding: 'utf8', timeout: 60_000 });
    for (const [script, args] of [['scripts/pack.ts', ['--help']], ['scripts/report.ts', ['--folder', 'x', '-h']]] as const) {
      const r = run(script, ...args);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/^cách dùng \/ usage: npm run (pack|report) -- /);
    }
  });

  it('when unexpected, is summed up in both languages before its stack', () => {
    const e = new TypeError('boom\nsecond line');
    const lines = failureMessage(e).split('\n');
    expect(lines.slice(0, 2)).toEqual(['Lỗi không lường trước: boom (chi tiết bên dưới, bằng tiếng Anh)', 'unexpected error: boom (details below)']);
    expect(lines.slice(2).join('\n')).toBe(e.stack);
  });
});

describe('npm start', () => {
  it('says in both languages where the folder is, what to open and the local address, the values in one column', () => {
    const lines = startMessage('/srv/atlas/dist', 'http://127.0.0.1:5173/').split('\n');
    expect(lines).toContain('Bản đồ phong trào đã sẵn sàng. / The movement atlas is ready.');
    const rows = lines.filter((l) => / \/ .*:\s+\S/.test(l) && l.startsWith('  '));
    expect(rows.map((l) => l.trim().replace(/:\s+.*/, ''))).toEqual(['Thư mục di động / Portable folder', 'Mở tệp này / Open this file', 'Hoặc địa chỉ / Or this local URL']);
    // The value is the last word of its row, and the three start in the same column.
    expect(rows.map((l) => l.slice(l.lastIndexOf(' ') + 1))).toEqual(['/srv/atlas/dist', 'file:///srv/atlas/dist/index.html', 'http://127.0.0.1:5173/']);
    expect(new Set(rows.map((l) => l.lastIndexOf(' '))).size).toBe(1);
    expect(lines).toEqual(expect.arrayContaining(['Ctrl+C dừng máy chủ cục bộ.', 'Ctrl+C stops the local server.']));
  });
});
