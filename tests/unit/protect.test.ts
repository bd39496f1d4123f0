/**
 * Protected bundles (src/io/protect.ts): round trip at the real cost (600,000
 * PBKDF2 iterations), wrong passphrases, tampering with any byte of
 * ciphertext, nonce or header, nonce uniqueness, no downgrade, the "internal"
 * marking of exports, and the pack CLI's passphrase sources.
 *
 * Key derivations are the slow part (~0.3–1 s each): tests that tamper with
 * ciphertext or nonces derive once and use decryptWithKey.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { parseArgs } from '../../scripts/pack.ts';
import { expectCliError, expectCliRejection } from './io/helpers.ts';
import { checkPassphrase, editHiddenLine, obtainPassphrase, type HiddenLine } from '../../scripts/lib/passphrase.ts';
import { readFolderBundle } from '../../scripts/lib/report-folder.ts';
import { assembleBundle, BundleError, loadDefaultBundle } from '../../src/io/bundle.ts';
import { documentMarking, headerLines, toCSV, toXLSX, worklistExportMeta } from '../../src/io/export.ts';
import {
  additionalData,
  checkHeader,
  decryptBundle,
  decryptWithKey,
  deriveKey,
  encryptBundle,
  isProtectedPayload,
  isProtectedScript,
  MIN_ITERATIONS,
  openPayload,
  padmeLength,
  ProtectError,
  protectedPayloadToScript,
  retryDelaySeconds,
  type ProtectedPayload,
} from '../../src/io/protect.ts';
import { BUNDLE_GLOBAL, payloadToScript, type BundleManifest } from '../../src/model/bundle.ts';
import { defaultFilter } from '../../src/model/filters.ts';
import { miniPayload, miniRawParts, MINI_NAMES } from '../fixtures/mini-bundle.ts';

const PASS = 'Mật khẩu thử nghiệm 2025';
const manifest: BundleManifest = miniPayload().manifest;
const parts = miniRawParts();

const clone = (p: ProtectedPayload): ProtectedPayload => structuredClone(p);

/** Flips one bit of byte `i` of a base64 string. */
function flipByte(b64: string, i: number): string {
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  bytes[i] ^= 0x01;
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ProtectError) return e.code;
    if (e instanceof Error) return e.name;
    return String(e);
  }
  return 'ok';
}

let sealed: ProtectedPayload;
let key: CryptoKey;

beforeAll(async () => {
  sealed = await encryptBundle({ manifest, parts }, PASS);
  key = await deriveKey(PASS, sealed.protected.kdf);
});

describe('encrypt / decrypt', () => {
  it('round-trips every part and the manifest, flagged protected, at 600,000 iterations', async () => {
    expect(sealed.protected.kdf).toMatchObject({ name: 'PBKDF2', hash: 'SHA-256', iterations: 600_000 });
    expect(atob(sealed.protected.kdf.salt).length).toBe(16);
    const t0 = performance.now();
    const d = await decryptBundle(sealed, PASS);
    console.log(`decrypt with 600,000 PBKDF2 iterations (node): ${Math.round(performance.now() - t0)} ms`);
    expect(d.manifest).toEqual({ ...manifest, protected: true });
    expect(Object.keys(d.parts).sort()).toEqual(Object.keys(parts).sort());
    for (const [name, bytes] of Object.entries(parts)) expect(Buffer.from(d.parts[name]).equals(Buffer.from(bytes))).toBe(true);
    const loaded = assembleBundle(d.manifest, d.parts);
    expect(loaded.units.numRows).toBeGreaterThan(0);
  });

  it('puts nothing but the header and ciphertexts in clear', () => {
    expect(Object.keys(sealed).sort()).toEqual(['format', 'payloads', 'protected', 'version']);
    expect(Object.keys(sealed.payloads).sort()).toEqual(['manifest', ...Object.keys(parts)].sort());
    const text = protectedPayloadToScript(sealed);
    expect(isProtectedScript(text)).toBe(true);
    expect(isProtectedScript(payloadToScript(miniPayload()))).toBe(false);
    for (const name of Object.values(MINI_NAMES)) expect(text).not.toContain(name);
    for (const c of Object.keys(MINI_NAMES)) expect(text).not.toContain(`"${c}"`);
    for (const y of manifest.years) expect(text).not.toContain(String(y));
    expect(text).not.toContain(manifest.title.vi);
    // Padded: every payload is at least 1 KiB of plaintext, whatever its content.
    for (const p of Object.values(sealed.payloads)) expect(atob(p.data).length).toBeGreaterThanOrEqual(1024 + 16);
  });

  it('reads the iteration count from the header', async () => {
    const more = await encryptBundle({ manifest, parts }, PASS, { iterations: 650_000 });
    expect(more.protected.kdf.iterations).toBe(650_000);
    expect((await decryptBundle(more, PASS)).manifest.id).toBe(manifest.id);
    // A key derived with other parameters does not open it.
    expect(await code(decryptWithKey(more, await deriveKey(PASS, { ...more.protected.kdf, iterations: 600_000 })))).toBe('rejected');
  });

  it('refuses a wrong passphrase with one plain error', async () => {
    expect(await code(decryptBundle(sealed, 'Mật khẩu thử nghiệm 2026'))).toBe('rejected');
    expect(await code(decryptBundle(sealed, ''))).toBe('rejected');
    const e = await decryptBundle(sealed, 'wrong passphrase!').catch((x: unknown) => x);
    expect((e as ProtectError).detail).toBe('the passphrase is wrong or the data file was altered');
  });

  it('treats composed and decomposed Vietnamese passphrases alike (NFC)', async () => {
    expect((await decryptBundle(sealed, PASS.normalize('NFD'))).manifest.id).toBe(manifest.id);
  });

  it('uses a fresh nonce for every payload and a fresh salt for every pack', async () => {
    const again = await encryptBundle({ manifest, parts }, PASS);
    const ivs = [...Object.values(sealed.payloads), ...Object.values(again.payloads)].map((p) => p.iv);
    expect(new Set(ivs).size).toBe(ivs.length);
    expect(ivs.every((iv) => atob(iv).length === 12)).toBe(true);
    expect(again.protected.kdf.salt).not.toBe(sealed.protected.kdf.salt);
    expect(again.payloads.units.data).not.toBe(sealed.payloads.units.data);
  });
});

describe('tampering fails authentication', () => {
  it('any byte of the manifest ciphertext or tag', async () => {
    const n = atob(sealed.payloads.manifest.data).length;
    for (let i = 0; i < n; i++) {
      const p = clone(sealed);
      p.payloads.manifest.data = flipByte(p.payloads.manifest.data, i);
      expect(await code(decryptWithKey(p, key)), `byte ${i}`).toBe('rejected');
    }
  });

  it('any byte of any nonce', async () => {
    for (const name of Object.keys(sealed.payloads)) {
      for (let i = 0; i < 12; i++) {
        const p = clone(sealed);
        p.payloads[name].iv = flipByte(p.payloads[name].iv, i);
        expect(await code(decryptWithKey(p, key)), `${name} iv byte ${i}`).toBe(name === 'manifest' ? 'rejected' : 'damaged');
      }
    }
  });

  it('bytes of every part, spread over the ciphertext and the tag', async () => {
    for (const name of Object.keys(parts)) {
      const n = atob(sealed.payloads[name].data).length;
      for (const i of new Set([0, 1, 4, Math.floor(n / 3), Math.floor(n / 2), n - 17, n - 16, n - 1])) {
        const p = clone(sealed);
        p.payloads[name].data = flipByte(p.payloads[name].data, i);
        expect(await code(decryptWithKey(p, key)), `${name} byte ${i}`).toBe('damaged');
      }
    }
  });

  it('swapped, renamed, dropped or truncated payloads', async () => {
    const swapped = clone(sealed);
    [swapped.payloads.units, swapped.payloads.ratings] = [swapped.payloads.ratings, swapped.payloads.units];
    expect(await code(decryptWithKey(swapped, key))).toBe('damaged');
    const asManifest = clone(sealed);
    asManifest.payloads.manifest = asManifest.payloads.zones;
    expect(await code(decryptWithKey(asManifest, key))).toBe('rejected');
    const dropped = clone(sealed);
    delete dropped.payloads.crosswalk;
    expect(await code(decryptWithKey(dropped, key))).toBe('damaged');
    const truncated = clone(sealed);
    truncated.payloads.units.data = btoa(atob(truncated.payloads.units.data).slice(0, -1));
    expect(await code(decryptWithKey(truncated, key))).toBe('damaged');
  });

  it('the AAD binds format, version and payload name', async () => {
    const entry = sealed.payloads.units;
    await expect(openPayload(key, sealed, 'units', entry)).resolves.toBeInstanceOf(Uint8Array);
    expect(await code(openPayload(key, sealed, 'ratings', entry))).toBe('OperationError');
    expect(await code(openPayload(key, { ...sealed, version: 2 as 1 }, 'units', entry))).toBe('OperationError');
    expect(await code(openPayload(key, { ...sealed, format: 'other' as 'movement-atlas-bundle' }, 'units', entry))).toBe('OperationError');
    expect(new TextDecoder().decode(additionalData(sealed, 'units'))).toContain('"movement-atlas-bundle",1,"units"');
    // And the checked header refuses another format or version before any decryption.
    expect(await code(decryptWithKey({ ...sealed, version: 2 }, key))).toBe('malformed');
    expect(await code(decryptWithKey({ ...sealed, format: 'other' }, key))).toBe('malformed');
  });

  it('a changed salt or iteration count (the key no longer matches)', async () => {
    const salt = clone(sealed);
    salt.protected.kdf.salt = flipByte(salt.protected.kdf.salt, 0);
    expect(await code(decryptBundle(salt, PASS))).toBe('rejected');
    const iterations = clone(sealed);
    iterations.protected.kdf.iterations = 600_001;
    expect(await code(decryptBundle(iterations, PASS))).toBe('rejected');
  });
});

describe('no downgrade', () => {
  it('refuses fewer than 600,000 iterations, even for a bundle written so by the test-only option', async () => {
    const weak = await encryptBundle({ manifest, parts }, PASS, { unsafeTestIterations: 1_000 });
    expect(weak.protected.kdf.iterations).toBe(1_000);
    // Refused from the header alone: no key is derived for it.
    const derive = vi.spyOn(crypto.subtle, 'deriveKey');
    const e = await decryptBundle(weak, PASS).catch((x: unknown) => x);
    expect(derive).not.toHaveBeenCalled();
    derive.mockRestore();
    expect(e).toBeInstanceOf(ProtectError);
    expect((e as ProtectError).code).toBe('refused');
    expect((e as ProtectError).detail).toMatch(/1000 PBKDF2 iterations is fewer than the 600000 required/);
    const edge = clone(sealed);
    edge.protected.kdf.iterations = MIN_ITERATIONS - 1;
    expect(await code(decryptBundle(edge, PASS))).toBe('refused');
    await expect(encryptBundle({ manifest, parts }, PASS, { iterations: 100_000 })).rejects.toThrow(/600000/);
  });

  it('refuses another algorithm, hash or cipher, and unknown or missing fields', () => {
    const variants: [string, (p: ProtectedPayload) => void, string][] = [
      ['hash', (p) => ((p.protected.kdf as { hash: string }).hash = 'SHA-1'), 'refused'],
      ['kdf', (p) => ((p.protected.kdf as { name: string }).name = 'scrypt'), 'refused'],
      ['cipher', (p) => ((p.protected as { cipher: string }).cipher = 'AES-CBC'), 'refused'],
      ['short salt', (p) => (p.protected.kdf.salt = btoa('12345678')), 'refused'],
      ['huge iterations', (p) => (p.protected.kdf.iterations = 1e9), 'refused'],
      ['fractional iterations', (p) => (p.protected.kdf.iterations = 600_000.5), 'malformed'],
      ['extra clear field', (p) => Object.assign(p, { title: 'x' }), 'malformed'],
      ['extra kdf field', (p) => Object.assign(p.protected.kdf, { note: 'x' }), 'malformed'],
      ['short iv', (p) => (p.payloads.units.iv = btoa('123')), 'malformed'],
      ['no manifest', (p) => delete (p.payloads as Record<string, unknown>).manifest, 'malformed'],
    ];
    for (const [what, change, expected] of variants) {
      const p = clone(sealed);
      change(p);
      let got = 'ok';
      try {
        checkHeader(p);
      } catch (e) {
        got = e instanceof ProtectError ? e.code : String(e);
      }
      expect(got, what).toBe(expected);
    }
  });

  it('loadDefaultBundle refuses a weak header with data-refused before asking for a passphrase', async () => {
    const weak = clone(sealed);
    weak.protected.kdf.iterations = 100_000;
    const g = globalThis as unknown as Record<string, unknown>;
    g[BUNDLE_GLOBAL] = weak;
    let asked = false;
    const e = await loadDefaultBundle(
      async () => undefined,
      async () => {
        asked = true;
        throw new Error('unexpected');
      },
    ).catch((x: unknown) => x);
    delete g[BUNDLE_GLOBAL];
    expect(asked).toBe(false);
    expect(e).toBeInstanceOf(BundleError);
    expect((e as BundleError).code).toBe('data-refused');
  });

  it('loadDefaultBundle hands a protected header to unlock and loads what it decrypts', async () => {
    const g = globalThis as unknown as Record<string, unknown>;
    g[BUNDLE_GLOBAL] = sealed;
    expect(isProtectedPayload(sealed)).toBe(true);
    expect(isProtectedPayload(miniPayload())).toBe(false);
    const b = await loadDefaultBundle(async () => undefined, (h) => decryptWithKey(h, key));
    expect(b.manifest.protected).toBe(true);
    expect(b.units.numRows).toBeGreaterThan(0);
    expect(g[BUNDLE_GLOBAL]).toBeUndefined();
  });
});

describe('helpers', () => {
  it('waits 0, 1, 2, 4, 8 … seconds after repeated failures, capped', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 20].map(retryDelaySeconds)).toEqual([0, 0, 1, 2, 4, 8, 16, 30, 30, 30]);
  });

  it('pads lengths by at most ~12 %', () => {
    for (const n of [5, 100, 1000, 4097, 65_537, 1_234_567, 10_000_000]) {
      const m = padmeLength(n);
      expect(m).toBeGreaterThanOrEqual(n);
      expect(m / n).toBeLessThan(1.125);
    }
  });
});

describe('internal marking of exports', () => {
  const columns = [{ key: 'code', label: { vi: 'Mã xã', en: 'Code' }, type: 'text' as const }];
  const rows = [{ code: '00001' }];
  const filter = defaultFilter(manifest);

  it('marks documents from a protected bundle, in both languages, first in the header', async () => {
    expect(documentMarking({ ...manifest, protected: true }, 'vi')).toBe('Tài liệu nội bộ');
    expect(documentMarking({ manifest: { ...manifest, protected: true } }, 'en')).toBe('Internal document');
    expect(documentMarking(manifest, 'vi')).toBeUndefined();
    expect(documentMarking(undefined, 'vi')).toBeUndefined();

    const meta = worklistExportMeta({ ...manifest, protected: true }, filter, 'vi');
    expect(headerLines(meta, 1)[0]).toBe('Tài liệu nội bộ');
    const csv = toCSV(rows, columns, meta);
    expect(csv.slice(1).split('\r\n')[0]).toBe('# Tài liệu nội bộ');
    const xlsx = unzipSync(new Uint8Array(await (await toXLSX(rows, columns, worklistExportMeta({ ...manifest, protected: true }, filter, 'en'))).arrayBuffer()));
    const strings = Object.entries(xlsx)
      .filter(([n]) => n.endsWith('.xml'))
      .map(([, b]) => strFromU8(b))
      .join('\n');
    expect(strings).toContain('Internal document');

    const plain = worklistExportMeta(manifest, filter, 'vi');
    expect(headerLines(plain, 1)).not.toContain('Tài liệu nội bộ');
  });
});

describe('pack CLI passphrase', () => {
  const base = ['--boundaries', 'b.geojson', '--ratings', 'r.xlsx', '--out', 'o'];

  it('takes --protect with a file or an environment variable, never the passphrase itself', () => {
    expect(parseArgs(base).protect).toBeUndefined();
    expect(parseArgs([...base, '--protect']).protect).toEqual({});
    expect(parseArgs([...base, '--protect', '--passphrase-file', 'p.txt']).protect).toEqual({ file: 'p.txt' });
    expect(parseArgs([...base, '--protect', '--passphrase-env=ATLAS_PASS']).protect).toEqual({ env: 'ATLAS_PASS' });
    expect(() => parseArgs([...base, '--protect', '--passphrase', 'secret secret'])).toThrow(/never taken from the command line/);
    expect(() => parseArgs([...base, '--passphrase=secret'])).toThrow(/never taken from the command line/);
    expect(() => parseArgs([...base, '--passphrase-env', 'ATLAS_PASS'])).toThrow(/need --protect/);
    expect(() => parseArgs([...base, '--protect', '--passphrase-env', 'a=b'])).toThrow(/NAME/);
    expect(() => parseArgs([...base, '--protect', '--passphrase-env', 'A', '--passphrase-file', 'f'])).toThrow(/not both/);
    // In both languages, Vietnamese first, then the usage.
    expectCliError(() => parseArgs([...base, '--passphrase=secret']), /^Mật khẩu không bao giờ được nhận từ dòng lệnh/, /^the passphrase is never taken from the command line/, 'npm run pack --');
    expectCliError(() => parseArgs([...base, '--passphrase-env', 'ATLAS_PASS']), '--passphrase-file và --passphrase-env cần --protect (hoặc --into một thư mục có mật khẩu)', '--passphrase-file and --passphrase-env need --protect (or --into a protected folder)', 'npm run pack --');
    expectCliError(() => parseArgs([...base, '--protect', '--passphrase-env', 'a=b']), '--passphrase-env cần tên (NAME) của một biến môi trường, nhận được a=b', '--passphrase-env needs the NAME of an environment variable, got a=b', 'npm run pack --');
    expectCliError(() => parseArgs([...base, '--protect', '--passphrase-env', 'A', '--passphrase-file', 'f']), 'Chỉ dùng một trong hai: --passphrase-file hoặc --passphrase-env, không dùng cả hai', 'give either --passphrase-file or --passphrase-env, not both', 'npm run pack --');
  });

  it('reads a file (one trailing newline dropped) or a variable (then unset), and checks the length', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-pass-'));
    const f = join(dir, 'pass.txt');
    writeFileSync(f, `${PASS}\n`);
    chmodSync(f, 0o600);
    expect(await obtainPassphrase({ file: f })).toBe(PASS);
    process.env.ATLAS_TEST_PASS = PASS.normalize('NFD');
    expect(await obtainPassphrase({ env: 'ATLAS_TEST_PASS' })).toBe(PASS);
    expect(process.env.ATLAS_TEST_PASS).toBeUndefined();
    await expectCliRejection(obtainPassphrase({ env: 'ATLAS_TEST_PASS' }), 'Biến môi trường ATLAS_TEST_PASS chưa được đặt', 'environment variable ATLAS_TEST_PASS is not set');
    expectCliError(() => checkPassphrase('short'), 'Mật khẩu phải có ít nhất 12 ký tự', 'the passphrase must have at least 12 characters');
    expectCliError(() => checkPassphrase(' leading space pass'), 'Mật khẩu bắt đầu hoặc kết thúc bằng dấu cách', 'the passphrase starts or ends with a space');
    // A file others can read: warned in both languages, one line each.
    chmodSync(f, 0o644);
    const warnings: string[] = [];
    expect(await obtainPassphrase({ file: f }, (l) => warnings.push(l))).toBe(PASS);
    expect(warnings).toEqual(process.platform === 'win32' ? [] : [`cảnh báo: người dùng khác đọc được ${f} (hãy chmod 600 tệp này)`, `warning: ${f} can be read by other users (chmod 600 it)`]);
  });

  it('edits a hidden terminal line', () => {
    const type = (...chunks: string[]) => chunks.reduce<HiddenLine>((l, c) => editHiddenLine(l, c), { text: '', done: false, cancelled: false });
    expect(type('mật', ' khẩu', '\r')).toEqual({ text: 'mật khẩu', done: true, cancelled: false });
    expect(type('abcẩ', '\u007f', 'd\r').text).toBe('abcd');
    expect(type('abc', '\u001b[D', '\u0015', 'xy\n').text).toBe('xy');
    expect(type('abc', '\u0003').cancelled).toBe(true);
    expect(type('pasted line\r\nrest').text).toBe('pasted line');
  });
});

describe('npm run report on a folder it cannot read', () => {
  it('says why in Vietnamese, then in English', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-folder-'));
    const script = join(dir, 'data', 'atlas-data.js');
    await expectCliRejection(readFolderBundle(dir), `Không tìm thấy ${script}: --folder phải là một thư mục mang đi (index.html và data/atlas-data.js)`, `${script} not found: --folder must be a portable folder (index.html with data/atlas-data.js)`);
    mkdirSync(join(dir, 'data'));
    writeFileSync(script, 'var x = 1;\n');
    await expectCliRejection(readFolderBundle(dir), `${script} không chứa gói dữ liệu của bản đồ`, `${script} does not define the data bundle`);
    writeFileSync(script, 'globalThis.__MOVEMENT_ATLAS_BUNDLE__ = {"format":"other"};\n');
    await expectCliRejection(readFolderBundle(dir), /^không mở được dữ liệu của thư mục: data\/atlas-data\.js: \S/, /^cannot open the folder’s data: data\/atlas-data\.js: \S/);
    writeFileSync(script, protectedPayloadToScript(sealed));
    await expectCliRejection(readFolderBundle(dir), /^Thư mục có mật khẩu: /, /^the folder is protected: /);
    await expectCliRejection(readFolderBundle(dir, async () => 'not the passphrase at all'), 'không mở được dữ liệu của thư mục: mật khẩu không đúng, hoặc tệp dữ liệu đã bị thay đổi', 'cannot open the folder’s data: wrong passphrase, or the data file was changed');
    rmSync(dir, { recursive: true, force: true });
  });
});
