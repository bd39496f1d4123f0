/**
 * Decoding text files whose encoding nobody wrote down.
 *
 * Order: a BOM decides (UTF-8, UTF-16 LE/BE); otherwise strict UTF-8; otherwise
 * UTF-16 without BOM when every other byte is zero; otherwise one of the 8-bit
 * Vietnamese encodings: Windows-1258, TCVN3 (ABC) or VNI.
 *
 * Why decode instead of refusing: Windows-1258 is the code page of Vietnamese
 * Windows, and Excel's "CSV" export on such a machine writes it; older files and
 * .dbf tables were typed with TCVN3 or VNI fonts. The three are told apart by
 * decoding the text each way and keeping the one whose words read as Vietnamese
 * syllables best (see legacy.ts); a tie keeps Windows-1258. The report always
 * says which encoding was used and asks the user to check names; codes, years
 * and ratings are ASCII and unaffected. When the decoded text has control
 * characters typical of binary data, the file is refused instead.
 */
import { tcvn3ToUnicode, vietnameseScore, vniToUnicode, type LegacyEncoding } from './legacy.ts';

export type TextEncodingId = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1258' | LegacyEncoding;

export interface DecodedText {
  text: string;
  encoding: TextEncodingId;
  /** True when the encoding was guessed from a non-UTF-8 byte stream (reported to the user). */
  legacy: boolean;
}

/** Thrown when bytes are not text in any encoding we accept. */
export class EncodingError extends Error {}

function looksUtf16(bytes: Uint8Array, zeroAt: 0 | 1): boolean {
  const n = Math.min(bytes.length - (bytes.length % 2), 4096);
  if (n < 4) return false;
  let zeros = 0;
  for (let i = zeroAt; i < n; i += 2) if (bytes[i] === 0) zeros++;
  return zeros / (n / 2) > 0.9;
}

/** Decodes bytes of a text file; `encoding` forces a decoder (a `.cpg` file, a user's choice). */
export function decodeText(bytes: Uint8Array, encoding?: string): DecodedText {
  if (encoding) {
    const label = encoding.trim().toLowerCase();
    if (label === 'tcvn3' || label === 'abc' || label === 'vni') {
      const latin = new TextDecoder('windows-1252').decode(bytes);
      return label === 'vni' ? { text: vniToUnicode(latin), encoding: 'vni', legacy: true } : { text: tcvn3ToUnicode(latin), encoding: 'tcvn3', legacy: true };
    }
    const td = new TextDecoder(label); // throws RangeError on unknown labels, caught by callers
    const enc = td.encoding as TextEncodingId;
    return { text: td.decode(bytes), encoding: enc, legacy: enc === 'windows-1258' };
  }
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom', legacy: false };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le', legacy: false };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be', legacy: false };
  }
  if (looksUtf16(bytes, 1)) return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le', legacy: false };
  if (looksUtf16(bytes, 0)) return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf-16be', legacy: false };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8', legacy: false };
  } catch {
    // Not UTF-8: fall through to the Vietnamese legacy code page.
  }
  const text = new TextDecoder('windows-1258').decode(bytes);
  // NUL and most C0 controls never occur in a spreadsheet export; they mean binary data.
  let controls = 0;
  for (let i = 0; i < Math.min(text.length, 65536); i++) {
    const c = text.charCodeAt(i);
    if (c <= 0x08 || (c >= 0x0e && c <= 0x1f)) controls++;
  }
  if (controls > 0) throw new EncodingError('binary data, not text');
  return decode8bit(bytes, text);
}

/**
 * Decodes 8-bit Vietnamese text: Windows-1258 (`as1258`, already decoded),
 * TCVN3 or VNI, whichever reads best; a tie keeps Windows-1258.
 */
export function decode8bit(bytes: Uint8Array, as1258 = new TextDecoder('windows-1258').decode(bytes)): DecodedText {
  const sample = bytes.length > 262_144 ? bytes.subarray(0, 262_144) : bytes;
  const latin = new TextDecoder('windows-1252').decode(sample);
  const scores = {
    'windows-1258': vietnameseScore(new TextDecoder('windows-1258').decode(sample)),
    tcvn3: vietnameseScore(tcvn3ToUnicode(latin)),
    vni: vietnameseScore(vniToUnicode(latin)),
  };
  const best = (['tcvn3', 'vni'] as const).reduce<'windows-1258' | LegacyEncoding>((a, b) => (scores[b] > scores[a] ? b : a), 'windows-1258');
  if (best === 'windows-1258') return { text: as1258, encoding: 'windows-1258', legacy: true };
  const all = new TextDecoder('windows-1252').decode(bytes);
  return { text: best === 'tcvn3' ? tcvn3ToUnicode(all) : vniToUnicode(all), encoding: best, legacy: true };
}
