/**
 * Vietnamese text typed with pre-Unicode fonts: TCVN3 (ABC, TCVN 5712:1993
 * VN3, fonts ".VnTime") and VNI (VNI-Windows, fonts "VNI-Times").
 *
 * Such text reaches us two ways. In an 8-bit file (CSV, .dbf) the bytes are
 * font codes; decoded as Windows-1252 they become Latin-1 characters. In a
 * UTF-8 file or an Excel sheet typed on a PC with a legacy font, the same
 * Latin-1 characters were stored as Unicode: "Khá" is "Kh¸" in TCVN3 and
 * "Khaù" in VNI. Either way the text here is a string of Latin-1 characters,
 * converted with the tables below.
 *
 * Which encoding, if any, is decided by scoring: every token holding a non-ASCII
 * character counts +1 when it is a well-formed Vietnamese syllable and −1 when it
 * is not ("Kh¸" is not, "Khá" is). Text is converted only when a conversion
 * scores better than the text as it is, so genuine Unicode is never touched.
 *
 * TCVN3 has no code for capital letters with tone marks (".VnTimeH" fonts draw
 * the lower-case codes as capitals), so such words come out in lower case.
 */

export type LegacyEncoding = 'tcvn3' | 'vni';

const TONES = ['\u0301', '\u0300', '\u0309', '\u0303', '\u0323'] as const; // sắc, huyền, hỏi, ngã, nặng
type Tone = 0 | 1 | 2 | 3 | 4;
const compose = (base: string, ...marks: string[]): string => (base + marks.join('')).normalize('NFC');

// ---- TCVN3 (ABC) ---------------------------------------------------------------

/** TCVN3 code → letter, for codes 0xA1–0xFE (the same code points once decoded as Latin-1). */
const TCVN3_PAIRS: [number, string][] = [
  [0xa1, 'Ă'], [0xa2, 'Â'], [0xa3, 'Ê'], [0xa4, 'Ô'], [0xa5, 'Ơ'], [0xa6, 'Ư'], [0xa7, 'Đ'],
  [0xa8, 'ă'], [0xa9, 'â'], [0xaa, 'ê'], [0xab, 'ô'], [0xac, 'ơ'], [0xad, 'ư'], [0xae, 'đ'],
  [0xb5, 'à'], [0xb6, 'ả'], [0xb7, 'ã'], [0xb8, 'á'], [0xb9, 'ạ'],
  [0xbb, 'ằ'], [0xbc, 'ẳ'], [0xbd, 'ẵ'], [0xbe, 'ắ'], [0xc6, 'ặ'],
  [0xc7, 'ầ'], [0xc8, 'ẩ'], [0xc9, 'ẫ'], [0xca, 'ấ'], [0xcb, 'ậ'],
  [0xcc, 'è'], [0xce, 'ẻ'], [0xcf, 'ẽ'], [0xd0, 'é'], [0xd1, 'ẹ'],
  [0xd2, 'ề'], [0xd3, 'ể'], [0xd4, 'ễ'], [0xd5, 'ế'], [0xd6, 'ệ'],
  [0xd7, 'ì'], [0xd8, 'ỉ'], [0xdc, 'ĩ'], [0xdd, 'í'], [0xde, 'ị'],
  [0xdf, 'ò'], [0xe1, 'ỏ'], [0xe2, 'õ'], [0xe3, 'ó'], [0xe4, 'ọ'],
  [0xe5, 'ồ'], [0xe6, 'ổ'], [0xe7, 'ỗ'], [0xe8, 'ố'], [0xe9, 'ộ'],
  [0xea, 'ờ'], [0xeb, 'ở'], [0xec, 'ỡ'], [0xed, 'ớ'], [0xee, 'ợ'],
  [0xef, 'ù'], [0xf1, 'ủ'], [0xf2, 'ũ'], [0xf3, 'ú'], [0xf4, 'ụ'],
  [0xf5, 'ừ'], [0xf6, 'ử'], [0xf7, 'ữ'], [0xf8, 'ứ'], [0xf9, 'ự'],
  [0xfa, 'ỳ'], [0xfb, 'ỷ'], [0xfc, 'ỹ'], [0xfd, 'ý'], [0xfe, 'ỵ'],
];
const TCVN3_TO_UNICODE = new Map(TCVN3_PAIRS.map(([code, ch]) => [String.fromCharCode(code), ch]));
const UNICODE_TO_TCVN3 = new Map(TCVN3_PAIRS.map(([code, ch]) => [ch, String.fromCharCode(code)]));

/** TCVN3 text (as Latin-1 characters) → Unicode NFC. */
export function tcvn3ToUnicode(text: string): string {
  let out = '';
  for (const ch of text) out += TCVN3_TO_UNICODE.get(ch) ?? ch;
  return out.normalize('NFC');
}

/**
 * Unicode → TCVN3 (as Latin-1 characters), for tests and fixtures. Capitals
 * with a tone mark have no TCVN3 code and are written as their lower-case code.
 */
export function unicodeToTcvn3(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) out += UNICODE_TO_TCVN3.get(ch) ?? UNICODE_TO_TCVN3.get(ch.toLowerCase()) ?? ch;
  return out;
}

// ---- VNI (VNI-Windows) -----------------------------------------------------------

/** VNI marks typed after a vowel: [lower-case key, upper-case key, what it adds]. */
interface VniMark { lower: string; upper: string; hat?: 'circumflex' | 'breve'; tone?: Tone }
const VNI_MARKS: VniMark[] = [
  { lower: 'ù', upper: 'Ù', tone: 0 }, { lower: 'ø', upper: 'Ø', tone: 1 }, { lower: 'û', upper: 'Û', tone: 2 }, { lower: 'õ', upper: 'Õ', tone: 3 }, { lower: 'ï', upper: 'Ï', tone: 4 },
  { lower: 'â', upper: 'Â', hat: 'circumflex' }, { lower: 'á', upper: 'Á', hat: 'circumflex', tone: 0 }, { lower: 'à', upper: 'À', hat: 'circumflex', tone: 1 },
  { lower: 'å', upper: 'Å', hat: 'circumflex', tone: 2 }, { lower: 'ã', upper: 'Ã', hat: 'circumflex', tone: 3 }, { lower: 'ä', upper: 'Ä', hat: 'circumflex', tone: 4 },
  { lower: 'ê', upper: 'Ê', hat: 'breve' }, { lower: 'é', upper: 'É', hat: 'breve', tone: 0 }, { lower: 'è', upper: 'È', hat: 'breve', tone: 1 },
  { lower: 'ú', upper: 'Ú', hat: 'breve', tone: 2 }, { lower: 'ü', upper: 'Ü', hat: 'breve', tone: 3 }, { lower: 'ë', upper: 'Ë', hat: 'breve', tone: 4 },
];
/** Single VNI characters that stand for a Vietnamese letter by themselves. */
const VNI_SINGLE: Record<string, string> = {
  'ñ': 'đ', 'Ñ': 'Đ', 'ô': 'ơ', 'Ô': 'Ơ', 'ö': 'ư', 'Ö': 'Ư',
  'í': 'í', 'Í': 'Í', 'ì': 'ì', 'Ì': 'Ì', 'æ': 'ỉ', 'Æ': 'Ỉ', 'ó': 'ĩ', 'Ó': 'Ĩ', 'ò': 'ị', 'Ò': 'Ị', 'î': 'ỵ', 'Î': 'Ỵ',
};
/** Which marks a base takes: a/A every mark; e, o the circumflex ones and tones; u, y, ơ, ư tones only. */
function vniAccepts(base: string, m: VniMark): boolean {
  const b = base.toLowerCase();
  if (b === 'a') return true;
  if (b === 'e' || b === 'o') return m.hat !== 'breve';
  if (b === 'u' || b === 'y' || b === 'ơ' || b === 'ư') return m.hat === undefined;
  return false;
}
const VNI_MARK_BY_CHAR = new Map<string, VniMark>(VNI_MARKS.flatMap((m) => [[m.lower, m], [m.upper, m]] as [string, VniMark][]));

/** VNI text (as Latin-1 characters) → Unicode NFC. */
export function vniToUnicode(text: string): string {
  const chars = [...text];
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    const base = VNI_SINGLE[c] ?? c;
    // ô and ö stand for ơ and ư, and take tone marks like a vowel.
    const isVowelBase = /^[aeouyAEOUY]$/.test(c) || base === 'ơ' || base === 'Ơ' || base === 'ư' || base === 'Ư';
    const next = chars[i + 1];
    const mark = next === undefined ? undefined : VNI_MARK_BY_CHAR.get(next);
    if (isVowelBase && mark && vniAccepts(base, mark)) {
      const marks: string[] = [];
      if (mark.hat === 'circumflex') marks.push('\u0302');
      if (mark.hat === 'breve') marks.push('\u0306');
      if (mark.tone !== undefined) marks.push(TONES[mark.tone]);
      out += compose(base, ...marks);
      i++;
      continue;
    }
    out += base;
  }
  return out.normalize('NFC');
}

/** Unicode → VNI (as Latin-1 characters), for tests and fixtures. */
export function unicodeToVni(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    if (ch === 'đ' || ch === 'Đ') {
      out += ch === 'đ' ? 'ñ' : 'Ñ';
      continue;
    }
    const upper = ch !== ch.toLowerCase();
    const d = ch.normalize('NFD');
    const tone = TONES.findIndex((t) => d.includes(t));
    const hat = d.includes('\u0302') ? 'circumflex' : d.includes('\u0306') ? 'breve' : undefined;
    const horn = d.includes('\u031b');
    const base = d[0];
    if (base.toLowerCase() === 'i' || (base.toLowerCase() === 'y' && tone === 4)) {
      const single = Object.entries(VNI_SINGLE).find(([, v]) => v === ch);
      out += single ? single[0] : ch;
      continue;
    }
    if (!/[aeiouyAEIOUY]/.test(base) || (tone < 0 && !hat && !horn)) {
      out += ch;
      continue;
    }
    let b = base;
    if (horn) b = base.toLowerCase() === 'o' ? (upper ? 'Ô' : 'ô') : (upper ? 'Ö' : 'ö');
    const m = VNI_MARKS.find((x) => x.hat === hat && x.tone === (tone < 0 ? undefined : tone));
    out += b + (m ? (upper ? m.upper : m.lower) : '');
  }
  return out;
}

// ---- detection --------------------------------------------------------------------

const VOWELS = 'aăâeêioôơuưy';
const TONED = new Set<string>();
for (const v of VOWELS) for (const t of ['', ...TONES]) TONED.add(compose(v, t));
/** Onset + nucleus + coda of a syllable once tones are stripped (lower case). */
const SYLLABLE = /^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x)?([aăâeêioôơuưy]{1,3})(ch|ng|nh|c|m|n|p|t)?$/;
/** The vowel groups Vietnamese syllables have (after "qu" and "gi", whose u and i belong to the onset). */
const NUCLEI = new Set(
  'a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi oo ua uâ uê ui uô uơ uy ưa ưi ươ ưu yê iêu oai oay oeo uây uôi uya uyê uyu ươi ươu yêu'.split(' '),
);
const HATS = 'ăâêôơư';

function stripTone(ch: string): { base: string; toned: boolean } {
  const d = ch.normalize('NFD');
  const toned = TONES.some((t) => d.includes(t));
  const base = d.replace(/[\u0301\u0300\u0309\u0303\u0323]/g, '').normalize('NFC');
  return { base, toned };
}

/**
 * Where the tone mark may sit in a vowel group: on the last vowel with a hat
 * (â ă ê ô ơ ư) if there is one; else on the last vowel before a final
 * consonant; else on the first of two vowels (either of oa, oe, uy) and the
 * middle of three.
 */
function toneAllowed(nucleus: string, at: number, coda: boolean): boolean {
  let hat = -1;
  for (let i = 0; i < nucleus.length; i++) if (HATS.includes(nucleus[i])) hat = i;
  if (hat >= 0) return at === hat;
  if (nucleus.length === 1) return at === 0;
  if (coda) return at === nucleus.length - 1;
  if (nucleus.length === 2) return at === 0 || ['oa', 'oe', 'uy'].includes(nucleus);
  return at === 1;
}

/** True when a token (letters only) reads as one Vietnamese syllable: known letters, one tone mark at most and in its place, a valid shape. */
export function isVietnameseSyllable(token: string): boolean {
  const lower = token.toLowerCase();
  let tones = 0;
  let toneAt = -1;
  let plain = '';
  for (const ch of lower) {
    if (ch === 'đ' || (ch >= 'a' && ch <= 'z')) {
      plain += ch;
      continue;
    }
    if (!TONED.has(ch)) return false;
    const s = stripTone(ch);
    if (s.toned) {
      tones++;
      toneAt = plain.length;
    }
    plain += s.base;
  }
  if (tones > 1) return false;
  const m = SYLLABLE.exec(plain);
  if (!m) return false;
  const onset = m[1] ?? '';
  const nucleus = m[2];
  if (!NUCLEI.has(nucleus)) return false;
  return toneAt < 0 || toneAllowed(nucleus, toneAt - onset.length, m[3] !== undefined);
}

/** Tokens: runs of anything but white space, ASCII punctuation and digits. */
function tokens(text: string): string[] {
  return text.split(/[\s\d!-/:-@[-`{-~]+/).filter((t) => t !== '');
}

/** +1 per well-formed Vietnamese syllable, −1 per other token that has a non-ASCII character. */
export function vietnameseScore(text: string): number {
  let s = 0;
  for (const t of tokens(text.normalize('NFC'))) {
    if (!hasNonAscii(t)) continue;
    s += isVietnameseSyllable(t) ? 1 : -1;
  }
  return s;
}

const CONVERT: Record<LegacyEncoding, (s: string) => string> = { tcvn3: tcvn3ToUnicode, vni: vniToUnicode };

/** Converts text from a legacy encoding. */
export function fromLegacy(text: string, encoding: LegacyEncoding): string {
  return CONVERT[encoding](text);
}

/** Latin-1 letters and symbols (where legacy codes land), and no letter beyond Latin-1 (which would prove Unicode). */
function mayBeLegacy(text: string): boolean {
  let latin1 = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xa1 && c <= 0xff) latin1 = true;
    // ă đ ơ ư … (Latin Extended), combining marks, ạ ả ấ … (Latin Extended Additional): Unicode Vietnamese.
    else if ((c >= 0x100 && c <= 0x24f) || (c >= 0x300 && c <= 0x36f) || (c >= 0x1ea0 && c <= 0x1ef9)) return false;
  }
  return latin1;
}

/** True when the text has a character outside ASCII. */
export function hasNonAscii(text: string): boolean {
  return /[\u0080-\uffff]/.test(text);
}

/**
 * Converts one string when `encoding` reads it better than it reads as it is;
 * returns null when the string is left alone.
 */
export function convertIfLegacy(text: string, encoding: LegacyEncoding): string | null {
  if (!mayBeLegacy(text)) return null;
  const converted = fromLegacy(text, encoding);
  if (converted === text.normalize('NFC')) return null;
  return vietnameseScore(converted) > vietnameseScore(text) ? converted : null;
}

/** What the texts of one file look like. */
export interface LegacyVerdict {
  encoding: LegacyEncoding | null;
  /** Texts that would be converted, of those looked at. */
  converted: number;
}

/**
 * Decides whether the texts of one file (cells, property values, headers) were
 * typed in TCVN3 or VNI: the encoding whose conversion improves the most texts
 * and spoils none wins; null when neither helps (Unicode, or English).
 */
export function detectLegacy(texts: Iterable<string>): LegacyVerdict {
  const gain: Record<LegacyEncoding, { better: number; worse: number; delta: number }> = { tcvn3: { better: 0, worse: 0, delta: 0 }, vni: { better: 0, worse: 0, delta: 0 } };
  let looked = 0;
  for (const text of texts) {
    if (!mayBeLegacy(text)) continue;
    if (++looked > 20_000) break;
    const before = vietnameseScore(text);
    for (const enc of ['tcvn3', 'vni'] as const) {
      const after = vietnameseScore(fromLegacy(text, enc));
      if (after > before) gain[enc].better++;
      else if (after < before) gain[enc].worse++;
      gain[enc].delta += after - before;
    }
  }
  const best = (['tcvn3', 'vni'] as const).reduce((a, b) => (gain[b].delta > gain[a].delta ? b : a));
  const g = gain[best];
  // Improvements must clearly outnumber what the conversion would spoil.
  if (g.delta <= 0 || g.better === 0 || g.better < 3 * g.worse) return { encoding: null, converted: 0 };
  return { encoding: best, converted: g.better };
}

/** Display name of an encoding in reports. */
export const LEGACY_NAMES: Record<LegacyEncoding, string> = { tcvn3: 'TCVN3 (ABC)', vni: 'VNI' };

/** How many texts of a file were converted, and from what. */
export interface LegacyResult {
  encoding: LegacyEncoding | null;
  count: number;
}

/**
 * Detects and converts the legacy-encoded texts of one file. `forEachText`
 * walks every text of the file (cells, headers, property values), replacing
 * each by what `update` returns; it is called twice (detect, then convert).
 */
export function convertLegacyTexts(forEachText: (update: (s: string) => string) => void): LegacyResult {
  const texts: string[] = [];
  forEachText((s) => {
    texts.push(s);
    return s;
  });
  const verdict = detectLegacy(texts);
  const encoding = verdict.encoding;
  if (!encoding) return { encoding: null, count: 0 };
  let count = 0;
  forEachText((s) => {
    const c = convertIfLegacy(s, encoding);
    if (c === null) return s;
    count++;
    return c;
  });
  return { encoding, count };
}
