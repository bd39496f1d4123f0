/**
 * `npm run pack -- --into FOLDER` on small folders made here (index.html and
 * data/atlas-data.js, no vite build): the years added with the series worked
 * out again, a protected folder opened with its passphrase and kept protected,
 * a wrong passphrase or a write that does not read back leaving the folder as
 * it was, leftovers of an interrupted run removed. The e2e tests run the same
 * on built folders in Chromium, killing the process midway.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArgs, runPack } from '../../scripts/pack.ts';
import { expectCliError } from './io/helpers.ts';
import { replaceFolderData } from '../../scripts/lib/folder-update.ts';
import { shippedSeriesParts } from '../../src/db/series.ts';
import { decodeBundle, payloadFromScript } from '../../src/io/bundle.ts';
import { importFiles } from '../../src/io/import.ts';
import { bundleFiles, protectedBundleFiles } from '../../src/io/pack.ts';
import { decryptBundle, isProtectedScript } from '../../src/io/protect.ts';
import type { BundleScriptPayload } from '../../src/model/bundle.ts';
import { afterBoundaries, beforeBoundaries, CROSSWALK, file, NEW_2025, OLD_YEARS, sheet } from './io/two-structures.ts';

const PASS = 'Phong trào toàn dân 2026!';
let tmp: string;
let clear: string;
let locked: string;
let year2026: string;

function folder(dir: string, script: string): string {
  mkdirSync(join(dir, 'data'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>atlas</title>');
  writeFileSync(join(dir, 'data', 'atlas-data.js'), script);
  return dir;
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'atlas-into-'));
  const r = await importFiles([afterBoundaries(), beforeBoundaries(), sheet('r.csv', NEW_2025), sheet('r-cu.csv', OLD_YEARS, { before: true }), file('crosswalk.csv', CROSSWALK, { role: 'crosswalk' })]);
  clear = folder(join(tmp, 'clear'), (await bundleFiles(r.packed!))['atlas-data.js'] as string);
  locked = folder(join(tmp, 'locked'), (await protectedBundleFiles(r.packed!, PASS))['atlas-data.js']);
  year2026 = join(tmp, 'xep-loai-2026.csv');
  writeFileSync(year2026, '\uFEFFMã xã,Năm,Xếp loại,Điểm\r\n00691,2026,XS,91\r\n00697,2026,K,80\r\n10001,2026,TB,62\r\n');
  writeFileSync(join(tmp, 'pass.txt'), `${PASS}\n`, { mode: 0o600 });
  writeFileSync(join(tmp, 'wrong.txt'), 'not the passphrase at all\n', { mode: 0o600 });
});

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const into = (dir: string, ...extra: string[]) => parseArgs(['--into', dir, '--ratings', year2026, '--bundle-dir', join(tmp, 'bundle'), ...extra]);

describe('pack --into', () => {
  it('adds 2026 to a clear folder, with the series worked out again, leaving the app files alone', async () => {
    const html = readFileSync(join(clear, 'index.html'));
    const log: string[] = [];
    expect(await runPack(into(clear), (l) => log.push(l))).toBe(0);
    expect(log).toContain('Năm thêm mới: 2026 (cơ cấu hiện hành): 3 dòng');
    expect(log).toContain('Years kept: 2023 (former structure): 4 rows; 2024 (former structure): 4 rows; 2025 (current structure): 3 rows');
    const payload = payloadFromScript(readFileSync(join(clear, 'data', 'atlas-data.js'), 'utf8'));
    const b = await decodeBundle(payload);
    expect(b.manifest.years).toEqual([2023, 2024, 2025, 2026]);
    // The first paint's scenes are packed again, with the new year (src/map/poster-pack.ts).
    expect((payload as BundleScriptPayload).poster?.map((p) => [p.structure, p.years.map((y) => y.year)])).toEqual([['2025', [2025, 2026]], ['pre2025', [2023, 2024]]]);
    // The series parts match the new data, so the app uses them as shipped.
    expect(Object.keys(shippedSeriesParts(b.manifest, b.parts) ?? {}).sort()).toEqual(['2025', 'pre2025']);
    expect(readFileSync(join(clear, 'index.html'))).toEqual(html);
    expect(readdirSync(join(clear, 'data'))).toEqual(['atlas-data.js']);
    expect(existsSync(join(tmp, 'bundle-report.csv'))).toBe(true);
  });

  it('opens a protected folder with its passphrase and keeps it protected', async () => {
    const log: string[] = [];
    expect(await runPack(into(locked, '--passphrase-file', join(tmp, 'pass.txt')), (l) => log.push(l))).toBe(0);
    const text = readFileSync(join(locked, 'data', 'atlas-data.js'), 'utf8');
    expect(isProtectedScript(text)).toBe(true);
    expect(text).not.toContain('Lũng Cú');
    const d = await decryptBundle(payloadFromScript(text), PASS);
    expect(d.manifest.years).toEqual([2023, 2024, 2025, 2026]);
    expect(Object.keys(d.parts).filter((n) => n.startsWith('series.')).sort()).toEqual(['series.2025', 'series.pre2025']);
  });

  it('leaves a protected folder as it was on a wrong passphrase', async () => {
    const before = readFileSync(join(locked, 'data', 'atlas-data.js'));
    const log: string[] = [];
    expect(await runPack(into(locked, '--passphrase-file', join(tmp, 'wrong.txt')), (l) => log.push(l))).toBe(1);
    expect(log.join('\n')).toContain('mật khẩu không đúng');
    expect(log).toEqual(expect.arrayContaining(['không mở được dữ liệu của thư mục: mật khẩu không đúng, hoặc tệp dữ liệu đã bị thay đổi', 'cannot open the folder’s data: wrong passphrase, or the data file was changed']));
    expect(readFileSync(join(locked, 'data', 'atlas-data.js'))).toEqual(before);
  });

  it('says in both languages that a folder\'s data cannot be read, and leaves it as it was', async () => {
    const broken = folder(join(tmp, 'broken'), 'globalThis.__MOVEMENT_ATLAS_BUNDLE__ = {"format":"other"};\n');
    const log: string[] = [];
    expect(await runPack(into(broken), (l) => log.push(l))).toBe(1);
    expect(log).toHaveLength(2);
    expect(log[0]).toMatch(/^không mở được dữ liệu của thư mục: data\/atlas-data\.js: \S/);
    expect(log[1]).toMatch(/^cannot open the folder’s data: data\/atlas-data\.js: \S/);
    expect(readFileSync(join(broken, 'data', 'atlas-data.js'), 'utf8')).toContain('"other"');
  });

  it('refuses what --into cannot do', () => {
    expect(() => parseArgs(['--into', 'f', '--ratings', 'r.csv', '--out', 'g'])).toThrow(/either --into or --out/);
    expect(() => parseArgs(['--into', 'f', '--boundaries', 'b.geojson', '--ratings', 'r.csv'])).toThrow(/ratings files only/);
    expect(() => parseArgs(['--into', 'f', '--ratings', 'r.csv', '--protect'])).toThrow(/stays protected/);
    expect(() => parseArgs(['--into', 'f'])).toThrow(/needs --ratings/);
    expect(parseArgs(['--into', 'f', '--ratings', 'r.csv', '--passphrase-env', 'ATLAS_PASSPHRASE']).unlock).toEqual({ env: 'ATLAS_PASSPHRASE' });
    expect(parseArgs(['--boundaries', 'b', '--ratings', 'r', '--boundaries-before', 'o', '--ratings-before', 'ro', '--crosswalk', 'c', '--out', 'd']).files).toEqual([
      { path: 'b', role: 'boundaries' },
      { path: 'r', role: 'ratings' },
      { path: 'o', role: 'boundaries', before: true },
      { path: 'ro', role: 'ratings', before: true },
      { path: 'c', role: 'crosswalk' },
    ]);
    expect(() => parseArgs(['--boundaries', 'b', '--ratings', 'r', '--ratings-before', 'ro', '--out', 'd'])).toThrow(/need --boundaries-before/);
  });

  it('says why in Vietnamese, then in English, then how to use it', () => {
    const usage = 'npm run pack --';
    expectCliError(() => parseArgs(['--into', 'f', '--ratings', 'r.csv', '--out', 'g']), 'Chỉ dùng một trong hai: --into hoặc --out, không dùng cả hai', 'give either --into or --out, not both', usage);
    expectCliError(() => parseArgs(['--into', 'f', '--boundaries', 'b.geojson', '--ratings', 'r.csv']), '--into chỉ nhận tệp xếp loại (đơn vị và ranh giới của thư mục được giữ nguyên), không nhận b.geojson', '--into takes ratings files only (the folder’s units and boundaries are kept), not b.geojson', usage);
    expectCliError(() => parseArgs(['--into', 'f', '--ratings', 'r.csv', '--protect']), /^--into giữ nguyên thư mục: thư mục có mật khẩu vẫn có mật khẩu/, /^--into keeps the folder as it is: a protected folder stays protected/, usage);
    expectCliError(() => parseArgs(['--into', 'f']), '--into cần thêm --ratings', '--into needs --ratings', usage);
    expectCliError(() => parseArgs(['--boundaries', 'b', '--ratings', 'r', '--ratings-before', 'ro', '--out', 'd']), '--ratings-before và --priority-before cần --boundaries-before', '--ratings-before and --priority-before need --boundaries-before', usage);
  });

  it('says so when the folder is not a portable folder', async () => {
    const log: string[] = [];
    expect(await runPack(into(join(tmp, 'nowhere')), (l) => log.push(l))).toBe(2);
    expect(log.join('\n')).toMatch(/not a portable folder/);
  });
});

describe('replaceFolderData', () => {
  it('keeps the old data when what was written does not read back, and leaves no temporary file', async () => {
    const dir = folder(join(tmp, 'replace'), 'old data');
    await expect(replaceFolderData(dir, { script: 'new data', verify: async () => Promise.reject(new Error('does not read back')) })).rejects.toThrow('does not read back');
    expect(readFileSync(join(dir, 'data', 'atlas-data.js'), 'utf8')).toBe('old data');
    expect(readdirSync(join(dir, 'data'))).toEqual(['atlas-data.js']);
  });

  it('removes the leftovers of a killed run, and rewrites data/raw only where the folder has it', async () => {
    const dir = folder(join(tmp, 'leftovers'), 'old data');
    writeFileSync(join(dir, 'data', '.atlas-data.js.new-4242'), 'half written');
    let seen = '';
    const r = await replaceFolderData(dir, { script: 'new data', verify: async (w) => void (seen = w), raw: { 'ratings.csv': 'x' } });
    expect(seen).toBe('new data');
    expect(r).toEqual({ leftovers: ['.atlas-data.js.new-4242'], raw: false });
    expect(readdirSync(join(dir, 'data'))).toEqual(['atlas-data.js']);
    mkdirSync(join(dir, 'data', 'raw'));
    writeFileSync(join(dir, 'data', 'raw', 'ratings.csv'), 'old');
    expect((await replaceFolderData(dir, { script: 'newer', verify: async () => undefined, raw: { 'ratings.csv': 'new', 'manifest.json': '{}' } })).raw).toBe(true);
    expect(readFileSync(join(dir, 'data', 'raw', 'ratings.csv'), 'utf8')).toBe('new');
    expect(readdirSync(join(dir, 'data', 'raw')).sort()).toEqual(['manifest.json', 'ratings.csv']);
  });
});
