/**
 * A protected folder, end to end: `runPack --protect` on tests/fixtures/good
 * into a temp dir (never dist/), then from file:// in Chromium.
 * - No plaintext anywhere in the folder: no commune name (UTF-8, NFC or NFD)
 *   or code in the raw bytes of any file, nor in any base64 string of any file
 *   once decoded and, where it is gzip, inflated.
 * - The page shows the passphrase screen and nothing of the data; WebCrypto is
 *   there on file://; a wrong passphrase gives one message and a growing wait;
 *   the right one shows the map and the worklist; exports say "Tài liệu nội bộ";
 *   a reload asks again; a header asking for fewer iterations is refused.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPack } from '../../scripts/pack.ts';
import { fileUrl, launch, offMachine, openWatched, waitColoured, type Watched } from './browser.ts';

const PASS = 'Bảo vệ an ninh Tổ quốc 2025!';
const GOOD = 'tests/fixtures/good';

interface Props {
  ma_xa: string;
  ten_xa: string;
}
const features = (JSON.parse(readFileSync(join(GOOD, 'communes.geojson'), 'utf8')) as { features: { properties: Props }[] }).features;
const CODES = features.map((f) => f.properties.ma_xa);
const NAMES = features.map((f) => f.properties.ten_xa.normalize('NFC'));
/** What must not appear: names (composed, decomposed, and without the "Xã " prefix) and codes. */
const NEEDLES = [...new Set([...NAMES, ...NAMES.map((n) => n.normalize('NFD')), ...NAMES.map((n) => n.replace(/^(Xã|Phường|Đặc khu) /, ''))])].map((s) => Buffer.from(s, 'utf8'));
const CODE_NEEDLES = CODES.map((c) => Buffer.from(c, 'latin1'));

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

const B64 = new Uint8Array(256);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=') B64[c.charCodeAt(0)] = 1;

/** Runs of 16 or more base64 characters (a scan, not a regex: the DuckDB payload is one 10 MB run). */
function* base64Runs(bytes: Buffer): Generator<Buffer> {
  let start = -1;
  for (let i = 0; i <= bytes.length; i++) {
    const inRun = i < bytes.length && B64[bytes[i]] === 1;
    if (inRun && start < 0) start = i;
    else if (!inRun && start >= 0) {
      if (i - start >= 16) yield bytes.subarray(start, i);
      start = -1;
    }
  }
}

/** Every needle found in the bytes. */
function found(bytes: Buffer, needles: Buffer[]): string[] {
  return needles.filter((n) => bytes.includes(n)).map((n) => n.toString('utf8'));
}

/**
 * Names and codes in the raw bytes; names in every base64 run once decoded;
 * names and codes in every decoded run that inflates as gzip (codes not in
 * DuckDB's 34 MB binary, where five digits in a row can occur by chance).
 */
function scan(bytes: Buffer, label: string): { leaks: string[]; decoded: number; inflated: number } {
  const leaks = found(bytes, [...NEEDLES, ...CODE_NEEDLES]);
  let decoded = 0;
  let inflated = 0;
  for (const run of base64Runs(bytes)) {
    const d = Buffer.from(run.toString('latin1'), 'base64');
    decoded++;
    leaks.push(...found(d, NEEDLES));
    if (d[0] !== 0x1f || d[1] !== 0x8b) continue;
    let plain: Buffer;
    try {
      plain = gunzipSync(d);
    } catch {
      continue;
    }
    inflated++;
    leaks.push(...found(plain, label.startsWith('duckdb') ? NEEDLES : [...NEEDLES, ...CODE_NEEDLES]));
  }
  return { leaks, decoded, inflated };
}

let tmp: string;
let folder: string;
let browser: Browser;
let packSeconds = 0;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'atlas-protect-'));
  folder = join(tmp, 'folder');
  const passFile = join(tmp, 'pass.txt');
  writeFileSync(passFile, `${PASS}\n`, { mode: 0o600 });
  const log: string[] = [];
  const t0 = performance.now();
  const code = await runPack(
    {
      files: [
        { path: join(GOOD, 'communes.geojson'), role: 'boundaries' },
        { path: join(GOOD, 'ratings.xlsx'), role: 'ratings' },
      ],
      out: folder,
      bundleDir: join(tmp, 'bundle'),
      build: true,
      protect: { file: passFile },
    },
    (line) => log.push(line),
  );
  packSeconds = (performance.now() - t0) / 1000;
  console.log(log.filter((l) => /encrypted|portable folder|validate and pack|mã hoá|thư mục mang đi|kiểm tra và đóng gói/.test(l)).join('\n'));
  expect(code, log.join('\n')).toBe(0);
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('protected folder (file://)', () => {
  it('packs atlas-data.js only, with a header-only object in clear', () => {
    console.log(`pack --protect of tests/fixtures/good, with vite build: ${packSeconds.toFixed(1)} s`);
    const files = filesUnder(folder).map((f) => relative(folder, f));
    expect(files.filter((f) => f.startsWith('data'))).toEqual([join('data', 'atlas-data.js')]);
    expect(files.some((f) => /\.(csv|arrow|topojson|json|geojson|xlsx)$/.test(f))).toBe(false);
    expect(readdirSync(join(tmp, 'bundle'))).toEqual(['atlas-data.js']);
    const text = readFileSync(join(folder, 'data', 'atlas-data.js'), 'utf8');
    const header = JSON.parse(text.slice(text.indexOf('=') + 1).trim().replace(/;$/, '')) as Record<string, unknown>;
    expect(Object.keys(header).sort()).toEqual(['format', 'payloads', 'protected', 'version']);
    expect(header.protected).toMatchObject({ cipher: 'AES-GCM', kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: 600_000 } });
    // The tables, and the rating series worked out at pack time (one structure, the current one), all encrypted.
    expect(Object.keys(header.payloads as object).sort()).toEqual(['boundaries', 'crosswalk', 'manifest', 'priority', 'ratings', 'series.2025', 'units', 'zones']);
  });

  it('has no commune name or code anywhere in the folder, raw or base64(+gzip)-decoded', () => {
    // The scan itself finds plaintext hidden as gzip + base64, as a clear bundle stores it.
    const control = Buffer.from(`globalThis.x = {"units":"${gzipSync(Buffer.from(NAMES.join('|'))).toString('base64')}"};`);
    expect(scan(control, 'control').leaks.length).toBeGreaterThan(0);

    const files = filesUnder(folder);
    let decoded = 0;
    let inflated = 0;
    for (const f of files) {
      const r = scan(readFileSync(f), relative(folder, f));
      expect(r.leaks, relative(folder, f)).toEqual([]);
      decoded += r.decoded;
      inflated += r.inflated;
    }
    console.log(`leak scan: ${files.length} files, ${decoded} base64 strings decoded, ${inflated} gzip streams inflated`);
    // The DuckDB wasm is the one gzip stream there is; the data's payloads are ciphertext.
    expect(inflated).toBe(1);
  });

  let w: Watched;
  it('shows only the passphrase screen, with WebCrypto available on file://', async () => {
    w = await openWatched(browser, fileUrl(folder));
    const { page } = w;
    await page.getByTestId('passphrase-screen').waitFor({ timeout: 60_000 });
    expect(await page.evaluate(() => isSecureContext && typeof crypto.subtle?.deriveKey === 'function')).toBe(true);
    expect(await page.locator('.wl-row, .stage, canvas').count()).toBe(0);
    const body = (await page.locator('body').textContent()) ?? '';
    expect(body).toContain('Dữ liệu được bảo vệ');
    for (const n of NAMES) expect(body).not.toContain(n);
    for (const c of CODES) expect(body).not.toContain(c);
  });

  it('a wrong passphrase shows one message, then a growing wait, and still no data', async () => {
    const { page } = w;
    await page.getByTestId('passphrase').fill('not the passphrase at all');
    await page.getByTestId('unlock').click();
    await expect.poll(() => page.getByTestId('passphrase-error').textContent(), { timeout: 30_000 }).toBe('Không mở được: mật khẩu không đúng, hoặc tệp dữ liệu đã bị thay đổi.');
    // First failure: no wait. Second: one second.
    await page.getByTestId('passphrase').fill('still not the passphrase');
    await page.getByTestId('unlock').click();
    await page.getByTestId('retry-wait').waitFor({ timeout: 30_000 });
    // For a human look at the screen: ATLAS_SCREENSHOTS=dir.
    if (process.env.ATLAS_SCREENSHOTS) await page.screenshot({ path: join(process.env.ATLAS_SCREENSHOTS, 'passphrase-screen.png') });
    await page.getByTestId('passphrase').fill(PASS);
    expect(await page.getByTestId('unlock').isDisabled()).toBe(true);
    await page.getByTestId('retry-wait').waitFor({ state: 'detached', timeout: 10_000 });
    expect(await page.locator('.wl-row, canvas').count()).toBe(0);
    const body = (await page.locator('body').textContent()) ?? '';
    for (const n of NAMES) expect(body).not.toContain(n);
    expect(page.url()).not.toContain('passphrase');
  });

  it('the right passphrase shows the map and the worklist; exports are marked internal', async () => {
    const { page } = w;
    const t0 = Date.now();
    await page.getByTestId('unlock').click();
    await page.getByTestId('passphrase-screen').waitFor({ state: 'detached', timeout: 60_000 });
    const unlocked = Date.now() - t0;
    await waitColoured(page);
    const coloured = Date.now() - t0;
    await page.locator('.wl-row').first().waitFor({ timeout: 60_000 });
    if (process.env.ATLAS_SCREENSHOTS) await page.screenshot({ path: join(process.env.ATLAS_SCREENSHOTS, 'unlocked.png') });
    const rows = await page.locator('.wl-row').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.code));
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(CODES).toContain(r);
    const decrypt = await page.evaluate(() => (globalThis as unknown as { movementAtlas: { timings: () => { step: string; start: number; end?: number }[] } }).movementAtlas.timings().find((s) => s.step === 'decrypt'));
    console.log(`unlock in Chromium (file://): decrypt step (PBKDF2 + AES-GCM + inflate) ${Math.round((decrypt?.end ?? NaN) - (decrypt?.start ?? 0))} ms; click → screen gone ${unlocked} ms; click → coloured map ${coloured} ms`);
    expect(page.url()).not.toContain(encodeURIComponent(PASS));
    expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);

    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const csv = readFileSync((await dl.path())!, 'utf8');
    expect(csv.slice(1).split('\r\n')[0]).toBe('# Tài liệu nội bộ');
    expect(offMachine(w.requests)).toEqual([]);
    expect(w.pageErrors).toEqual([]);
  });

  it('asks again after a reload: nothing was kept', async () => {
    const { page } = w;
    await page.reload();
    await page.getByTestId('passphrase-screen').waitFor({ timeout: 60_000 });
    expect(await page.locator('.wl-row, canvas').count()).toBe(0);
    await page.context().close();
  });

  it('refuses a header that asks for fewer iterations, with a clear message', async () => {
    const weak = join(tmp, 'weak');
    cpSync(folder, weak, { recursive: true });
    const path = join(weak, 'data', 'atlas-data.js');
    writeFileSync(path, readFileSync(path, 'utf8').replace('"iterations":600000', '"iterations":100000'));
    const v = await openWatched(browser, fileUrl(weak));
    await v.page.getByTestId('error').first().waitFor({ timeout: 60_000 });
    const text = (await v.page.getByTestId('error').first().textContent()) ?? '';
    expect(text).toContain('đòi cách mã hoá yếu hơn');
    expect(text).toContain('100000 PBKDF2 iterations is fewer than the 600000 required');
    expect(await v.page.getByTestId('passphrase-screen').count()).toBe(0);
    await v.page.context().close();
  });
});
