/**
 * TCVN3 (ABC) and VNI, both ways, on real words. The legacy spellings below are
 * written by hand from the TCVN 5712:1993 VN3 and VNI-Windows tables (they are
 * the garbled forms people know: "Trung b×nh", "Ñoàng Vaên"), not produced by
 * the code under test.
 */
import { describe, expect, it } from 'vitest';
import { convertIfLegacy, detectLegacy, isVietnameseSyllable, tcvn3ToUnicode, unicodeToTcvn3, unicodeToVni, vniToUnicode } from '../../../src/io/read/legacy.ts';
import { decode8bit, decodeText } from '../../../src/io/read/text.ts';

const WORDS: [unicode: string, tcvn3: string, vni: string][] = [
  ['Khá', 'Kh¸', 'Khaù'],
  ['Trung bình', 'Trung b×nh', 'Trung bình'],
  ['Yếu', 'YÕu', 'Yeáu'],
  ['Xuất sắc', 'XuÊt s¾c', 'Xuaát saéc'],
  ['Đồng Văn', '§ång V¨n', 'Ñoàng Vaên'],
  ['Hòa Bình', 'Hßa B×nh', 'Hoøa Bình'],
  ['Mã xã', 'M· x·', 'Maõ xaõ'],
  ['Xếp loại', 'XÕp lo¹i', 'Xeáp loaïi'],
  ['Điểm', '§iÓm', 'Ñieåm'],
  ['Phường Trường Thi', 'Ph\u00adêng Tr\u00adêng Thi', 'Phöôøng Tröôøng Thi'],
];

/** Latin-1 text as the bytes a legacy 8-bit file holds. */
function latin1Bytes(s: string): Uint8Array {
  return Uint8Array.from([...s].map((c) => c.charCodeAt(0)));
}

describe('TCVN3 (ABC)', () => {
  it.each(WORDS)('%s ⇄ %s', (unicode, tcvn3) => {
    expect(tcvn3ToUnicode(tcvn3)).toBe(unicode);
    expect(unicodeToTcvn3(unicode)).toBe(tcvn3);
  });

  it('decodes an 8-bit TCVN3 file and says so', () => {
    const d = decode8bit(latin1Bytes('M· x·,N¨m,XÕp lo¹i\n00691,2024,Kh¸\n00694,2024,Trung b×nh\n00697,2024,YÕu\n'));
    expect(d.encoding).toBe('tcvn3');
    expect(d.text).toBe('Mã xã,Năm,Xếp loại\n00691,2024,Khá\n00694,2024,Trung bình\n00697,2024,Yếu\n');
  });

  it('writes capitals with tone marks, which TCVN3 lacks, as their lower-case code', () => {
    expect(unicodeToTcvn3('ĐỒNG VĂN')).toBe('§åNG V¡N');
    expect(tcvn3ToUnicode('§åNG V¡N')).toBe('ĐồNG VĂN');
  });
});

describe('VNI', () => {
  it.each(WORDS)('%s ⇄ %s', (unicode, _tcvn3, vni) => {
    expect(vniToUnicode(vni)).toBe(unicode);
    expect(unicodeToVni(unicode)).toBe(vni);
  });

  it('reads capitals typed with capital marks', () => {
    expect(vniToUnicode('ÑOÀNG VAÊN')).toBe('ĐỒNG VĂN');
    expect(unicodeToVni('HÒA BÌNH')).toBe('HOØA BÌNH');
  });

  it('decodes an 8-bit VNI file and says so', () => {
    const d = decode8bit(latin1Bytes('Maõ xaõ;Naêm;Xeáp loaïi\r\n00691;2024;Khaù\r\n00697;2024;Yeáu\r\n'));
    expect(d.encoding).toBe('vni');
    expect(d.text).toBe('Mã xã;Năm;Xếp loại\r\n00691;2024;Khá\r\n00697;2024;Yếu\r\n');
  });
});

describe('telling them apart', () => {
  it('keeps Windows-1258 bytes as Windows-1258', () => {
    // "Khá" in Windows-1258: a + combining acute (0xEC).
    const d = decodeText(Uint8Array.from([0x4b, 0x68, 0x61, 0xec, 0x2c, 0x59, 0xea, 0xec, 0x75]));
    expect(d.encoding).toBe('windows-1258');
    expect(d.text.normalize('NFC')).toBe('Khá,Yếu');
  });

  it('finds TCVN3 and VNI typed into a UTF-8 sheet, and leaves Unicode alone', () => {
    expect(detectLegacy(['Kh¸', 'Trung b×nh', 'YÕu', '§ång V¨n'])).toMatchObject({ encoding: 'tcvn3', converted: 4 });
    expect(detectLegacy(['Khaù', 'Trung bình', 'Yeáu', 'Ñoàng Vaên'])).toMatchObject({ encoding: 'vni', converted: 3 });
    expect(detectLegacy(['Khá', 'Trung bình', 'Yếu', 'Đồng Văn', 'Hoà Bình', 'Café'])).toMatchObject({ encoding: null });
  });

  it('converts a cell only when the conversion reads better', () => {
    expect(convertIfLegacy('Kh¸', 'tcvn3')).toBe('Khá');
    expect(convertIfLegacy('Hoà Bình', 'vni')).toBeNull();
    expect(convertIfLegacy('Hoà Bình', 'tcvn3')).toBeNull();
    expect(convertIfLegacy('Xếp loại', 'tcvn3')).toBeNull();
    expect(convertIfLegacy('00691', 'tcvn3')).toBeNull();
  });

  it('knows a Vietnamese syllable', () => {
    for (const w of ['nghiêng', 'Khá', 'trường', 'Đồng', 'khuya', 'gì', 'quốc', 'hoà', 'hòa', 'toán', 'giữa', 'khuỷu', 'người']) expect(isVietnameseSyllable(w), w).toBe(true);
    // Tone on the wrong vowel (VNI "Khaù"), vowel groups Vietnamese has not ("Yeáu", "Xuaát"), symbols (TCVN3).
    for (const w of ['Kh¸', 'b×nh', 'Khaù', 'Yeáu', 'Xuaát', 'Café', 'Hoøa', 'ắá']) expect(isVietnameseSyllable(w), w).toBe(false);
  });
});
