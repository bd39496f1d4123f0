/** The one copy of the payload bytes helpers (src/io/bytes.ts), checked against node's own implementations. */
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { bytesToBase64, gzip, sha256Hex } from '../../../src/io/bytes.ts';
import { base64ToBytes } from '../../../src/model/bundle.ts';

// Bytes of every value, and more than one 32 KiB chunk of the base64 encoder.
const bytes = Uint8Array.from({ length: 100_003 }, (_, i) => (i * 7919) % 256);

describe('payload bytes', () => {
  it('sha256Hex: the FIPS 180-2 vector, a string as its UTF-8, bytes as node hashes them', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await sha256Hex('Hà Giang')).toBe(createHash('sha256').update('Hà Giang', 'utf8').digest('hex'));
    expect(await sha256Hex(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('gzip: a real gzip member that inflates back to the input', async () => {
    const z = await gzip(bytes);
    expect([z[0], z[1]]).toEqual([0x1f, 0x8b]);
    expect(new Uint8Array(gunzipSync(z))).toEqual(bytes);
  });

  it('bytesToBase64: what Buffer writes, and what the page decodes back', () => {
    expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    expect(base64ToBytes(bytesToBase64(bytes))).toEqual(bytes);
    expect(bytesToBase64(new Uint8Array())).toBe('');
  });
});
