/**
 * A small TrueType (glyf) reader and subsetter: enough to embed the bundled
 * Be Vietnam Pro in a PDF (metrics, the glyphs a document uses, renumbered)
 * and to draw its glyphs into a raster image (outlines). Pure, no DOM, so the
 * node CLI and the page write the same documents.
 *
 * Why not a font library: fontkit (with pdf-lib) adds ~0.75 MB of minified
 * JavaScript to the one script of the portable folder, mostly Unicode tables
 * and a WOFF2 decoder the report never needs; a TrueType file with glyf
 * outlines, a cmap and hmtx is all the report reads.
 */

export interface TtfMetrics {
  unitsPerEm: number;
  /** Typographic ascender and descender (descender negative), in font units. */
  ascender: number;
  descender: number;
  lineGap: number;
  capHeight: number;
  /** head.xMin, yMin, xMax, yMax. */
  bbox: [number, number, number, number];
  italicAngle: number;
  weightClass: number;
}

/** A point of a glyph contour, in font units; `on` false for a quadratic control point. */
export interface GlyphPoint {
  x: number;
  y: number;
  on: boolean;
}

export interface TtfFont {
  readonly bytes: Uint8Array;
  readonly metrics: TtfMetrics;
  readonly numGlyphs: number;
  /** Code point → glyph id (only the mapped ones). */
  readonly cmap: ReadonlyMap<number, number>;
  /** Advance width of a glyph in font units. */
  advance(gid: number): number;
  /** Glyph id of a code point, 0 (.notdef) when the font has none. */
  glyphOf(codePoint: number): number;
  /** The glyph's contours (composites resolved), in font units. */
  outline(gid: number): GlyphPoint[][];
}

interface TableRecord {
  offset: number;
  length: number;
}

class Reader {
  readonly view: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  u8(o: number) {
    return this.view.getUint8(o);
  }
  i8(o: number) {
    return this.view.getInt8(o);
  }
  u16(o: number) {
    return this.view.getUint16(o);
  }
  i16(o: number) {
    return this.view.getInt16(o);
  }
  u32(o: number) {
    return this.view.getUint32(o);
  }
  tag(o: number) {
    return String.fromCharCode(this.u8(o), this.u8(o + 1), this.u8(o + 2), this.u8(o + 3));
  }
}

function tableDirectory(r: Reader): Map<string, TableRecord> {
  const version = r.u32(0);
  if (version !== 0x00010000 && version !== 0x74727565) throw new Error('not a TrueType font (glyf outlines)');
  const n = r.u16(4);
  const tables = new Map<string, TableRecord>();
  for (let i = 0; i < n; i++) {
    const o = 12 + i * 16;
    const rec = { offset: r.u32(o + 8), length: r.u32(o + 12) };
    if (rec.offset + rec.length > r.bytes.length) throw new Error(`font table ${r.tag(o)} runs past the end of the file`);
    tables.set(r.tag(o), rec);
  }
  for (const t of ['head', 'hhea', 'maxp', 'hmtx', 'loca', 'glyf', 'cmap']) if (!tables.has(t)) throw new Error(`font has no ${t} table`);
  return tables;
}

function readCmap(r: Reader, base: number): Map<number, number> {
  const n = r.u16(base + 2);
  let best = -1;
  let bestRank = -1;
  for (let i = 0; i < n; i++) {
    const o = base + 4 + i * 8;
    const platform = r.u16(o);
    const encoding = r.u16(o + 2);
    const sub = base + r.u32(o + 4);
    const format = r.u16(sub);
    // Full Unicode (format 12) beats BMP (format 4); Windows or Unicode platforms only.
    const rank = format === 12 && (platform === 3 || platform === 0) ? 2 : format === 4 && ((platform === 3 && encoding === 1) || platform === 0) ? 1 : -1;
    if (rank > bestRank) {
      bestRank = rank;
      best = sub;
    }
  }
  if (best < 0) throw new Error('font has no Unicode cmap (format 4 or 12)');
  const map = new Map<number, number>();
  if (r.u16(best) === 12) {
    const groups = r.u32(best + 12);
    for (let g = 0; g < groups; g++) {
      const o = best + 16 + g * 12;
      const start = r.u32(o);
      const end = r.u32(o + 4);
      const gid = r.u32(o + 8);
      for (let c = start; c <= end; c++) map.set(c, gid + (c - start));
    }
    return map;
  }
  const segX2 = r.u16(best + 6);
  const ends = best + 14;
  const starts = ends + segX2 + 2;
  const deltas = starts + segX2;
  const ranges = deltas + segX2;
  for (let s = 0; s < segX2; s += 2) {
    const end = r.u16(ends + s);
    const start = r.u16(starts + s);
    const delta = r.i16(deltas + s);
    const rangeOffset = r.u16(ranges + s);
    for (let c = start; c <= end && c !== 0xffff; c++) {
      let gid: number;
      if (rangeOffset === 0) gid = (c + delta) & 0xffff;
      else {
        const at = ranges + s + rangeOffset + (c - start) * 2;
        gid = r.u16(at);
        if (gid !== 0) gid = (gid + delta) & 0xffff;
      }
      if (gid !== 0) map.set(c, gid);
    }
  }
  return map;
}

/** Composite glyph flags. */
const ARG_WORDS = 0x0001;
const ARGS_XY = 0x0002;
const HAS_SCALE = 0x0008;
const MORE = 0x0020;
const HAS_XY_SCALE = 0x0040;
const HAS_2X2 = 0x0080;
const HAS_INSTRUCTIONS = 0x0100;

interface Component {
  /** Offset of the glyph index within the glyph's bytes. */
  indexAt: number;
  gid: number;
  dx: number;
  dy: number;
  /** 2×2 transform [a, b, c, d]: x' = a·x + c·y + dx, y' = b·x + d·y + dy. */
  m: [number, number, number, number];
}

/** The components of a composite glyph starting at `o`, and where its instructions begin. */
function components(r: Reader, o: number): { list: Component[]; end: number; instructions: boolean } {
  const list: Component[] = [];
  let p = o + 10;
  let flags: number;
  let instructions = false;
  do {
    flags = r.u16(p);
    const gid = r.u16(p + 2);
    const indexAt = p + 2 - o;
    p += 4;
    let a1: number, a2: number;
    if (flags & ARG_WORDS) {
      a1 = flags & ARGS_XY ? r.i16(p) : r.u16(p);
      a2 = flags & ARGS_XY ? r.i16(p + 2) : r.u16(p + 2);
      p += 4;
    } else {
      a1 = flags & ARGS_XY ? r.i8(p) : r.u8(p);
      a2 = flags & ARGS_XY ? r.i8(p + 1) : r.u8(p + 1);
      p += 2;
    }
    const f2 = (at: number) => r.i16(at) / 16384;
    let m: [number, number, number, number] = [1, 0, 0, 1];
    if (flags & HAS_SCALE) {
      const s = f2(p);
      m = [s, 0, 0, s];
      p += 2;
    } else if (flags & HAS_XY_SCALE) {
      m = [f2(p), 0, 0, f2(p + 2)];
      p += 4;
    } else if (flags & HAS_2X2) {
      m = [f2(p), f2(p + 2), f2(p + 4), f2(p + 6)];
      p += 8;
    }
    if (flags & HAS_INSTRUCTIONS) instructions = true;
    // Point matching (args are point numbers, not offsets) is rare in fonts like this one: placed at the origin.
    list.push({ indexAt, gid, dx: flags & ARGS_XY ? a1 : 0, dy: flags & ARGS_XY ? a2 : 0, m });
  } while (flags & MORE);
  return { list, end: p, instructions };
}

/** Parses a TrueType font. Throws a readable error for anything else (CFF, WOFF, damaged). */
export function parseTtf(bytes: Uint8Array): TtfFont {
  const r = new Reader(bytes);
  const tables = tableDirectory(r);
  const t = (name: string) => tables.get(name)!.offset;
  const head = t('head');
  const hhea = t('hhea');
  const unitsPerEm = r.u16(head + 18);
  const locLong = r.i16(head + 50) === 1;
  const numGlyphs = r.u16(t('maxp') + 4);
  const numHMetrics = r.u16(hhea + 34);
  const os2 = tables.get('OS/2')?.offset;
  const post = tables.get('post')?.offset;
  const metrics: TtfMetrics = {
    unitsPerEm,
    ascender: os2 !== undefined ? r.i16(os2 + 68) : r.i16(hhea + 4),
    descender: os2 !== undefined ? r.i16(os2 + 70) : r.i16(hhea + 6),
    lineGap: os2 !== undefined ? r.i16(os2 + 72) : r.i16(hhea + 8),
    capHeight: os2 !== undefined && r.u16(os2) >= 2 ? r.i16(os2 + 88) : Math.round(unitsPerEm * 0.7),
    bbox: [r.i16(head + 36), r.i16(head + 38), r.i16(head + 40), r.i16(head + 42)],
    italicAngle: post !== undefined ? r.view.getInt32(post + 4) / 65536 : 0,
    weightClass: os2 !== undefined ? r.u16(os2 + 4) : 400,
  };
  const cmap = readCmap(r, t('cmap'));
  const hmtx = t('hmtx');
  const loca = t('loca');
  const glyf = t('glyf');
  const glyphRange = (gid: number): [number, number] => {
    if (gid < 0 || gid >= numGlyphs) return [0, 0];
    const a = locLong ? r.u32(loca + gid * 4) : r.u16(loca + gid * 2) * 2;
    const b = locLong ? r.u32(loca + gid * 4 + 4) : r.u16(loca + gid * 2 + 2) * 2;
    return [glyf + a, glyf + b];
  };
  const advance = (gid: number) => r.u16(hmtx + Math.min(gid, numHMetrics - 1) * 4);

  const outline = (gid: number, depth = 0): GlyphPoint[][] => {
    const [start, end] = glyphRange(gid);
    if (end <= start || depth > 8) return [];
    const nContours = r.i16(start);
    if (nContours < 0) {
      const out: GlyphPoint[][] = [];
      for (const c of components(r, start).list) {
        const [a, b, cc, d] = c.m;
        for (const contour of outline(c.gid, depth + 1)) {
          out.push(contour.map((p) => ({ x: a * p.x + cc * p.y + c.dx, y: b * p.x + d * p.y + c.dy, on: p.on })));
        }
      }
      return out;
    }
    const endPts: number[] = [];
    for (let i = 0; i < nContours; i++) endPts.push(r.u16(start + 10 + i * 2));
    const nPoints = nContours ? endPts[nContours - 1] + 1 : 0;
    let p = start + 10 + nContours * 2;
    p += 2 + r.u16(p);
    const flags: number[] = [];
    while (flags.length < nPoints) {
      const f = r.u8(p++);
      flags.push(f);
      if (f & 0x08) {
        const n = r.u8(p++);
        for (let k = 0; k < n; k++) flags.push(f);
      }
    }
    const xs: number[] = [];
    let v = 0;
    for (const f of flags) {
      if (f & 0x02) v += f & 0x10 ? r.u8(p++) : -r.u8(p++);
      else if (!(f & 0x10)) {
        v += r.i16(p);
        p += 2;
      }
      xs.push(v);
    }
    const ys: number[] = [];
    v = 0;
    for (const f of flags) {
      if (f & 0x04) v += f & 0x20 ? r.u8(p++) : -r.u8(p++);
      else if (!(f & 0x20)) {
        v += r.i16(p);
        p += 2;
      }
      ys.push(v);
    }
    const out: GlyphPoint[][] = [];
    let first = 0;
    for (const last of endPts) {
      const contour: GlyphPoint[] = [];
      for (let i = first; i <= last; i++) contour.push({ x: xs[i], y: ys[i], on: (flags[i] & 1) === 1 });
      out.push(contour);
      first = last + 1;
    }
    return out;
  };

  return {
    bytes,
    metrics,
    numGlyphs,
    cmap,
    advance,
    glyphOf: (cp) => cmap.get(cp) ?? 0,
    outline: (gid) => outline(gid),
  };
}

/** The raw bytes of each glyph of a font, for the subsetter. */
function glyphBytes(font: TtfFont, gid: number): Uint8Array {
  const r = new Reader(font.bytes);
  const tables = tableDirectory(r);
  const head = tables.get('head')!.offset;
  const locLong = r.i16(head + 50) === 1;
  const loca = tables.get('loca')!.offset;
  const glyf = tables.get('glyf')!.offset;
  const a = locLong ? r.u32(loca + gid * 4) : r.u16(loca + gid * 2) * 2;
  const b = locLong ? r.u32(loca + gid * 4 + 4) : r.u16(loca + gid * 2 + 2) * 2;
  return font.bytes.subarray(glyf + a, glyf + b);
}

export interface Subset {
  /** The new font file. */
  bytes: Uint8Array;
  /** Old glyph id → new glyph id. */
  glyphMap: Map<number, number>;
  /** New glyph id → the code point it stands for (for a PDF's ToUnicode map). */
  unicodeOf: Map<number, number>;
}

function checksum(bytes: Uint8Array): number {
  const padded = new Uint8Array(Math.ceil(bytes.length / 4) * 4);
  padded.set(bytes);
  const v = new DataView(padded.buffer);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + v.getUint32(i)) >>> 0;
  return sum;
}

/**
 * A new font holding only the glyphs of `codePoints` (plus .notdef and the
 * parts of composite glyphs), renumbered from 0, with hinting instructions
 * dropped (a PDF viewer or our rasterizer draws unhinted) and only the tables
 * a PDF viewer and this module read: head, hhea, maxp, OS/2, name, cmap,
 * post (format 3), hmtx, loca, glyf. Code points the font lacks are skipped.
 */
export function subsetTtf(font: TtfFont, codePoints: Iterable<number>): Subset {
  const src = new Reader(font.bytes);
  const tables = tableDirectory(src);
  const wanted = new Map<number, number>();
  for (const cp of codePoints) {
    const gid = font.cmap.get(cp);
    if (gid !== undefined && !wanted.has(cp)) wanted.set(cp, gid);
  }
  const keep = new Set<number>([0, ...wanted.values()]);
  const stack = [...keep];
  while (stack.length) {
    const gid = stack.pop()!;
    const g = glyphBytes(font, gid);
    if (g.length >= 10 && new Reader(g).i16(0) < 0) {
      for (const c of components(new Reader(g), 0).list) {
        if (!keep.has(c.gid)) {
          keep.add(c.gid);
          stack.push(c.gid);
        }
      }
    }
  }
  const order = [...keep].sort((a, b) => a - b);
  const glyphMap = new Map(order.map((g, i) => [g, i]));

  // glyf and loca (long offsets), each glyph without its instructions.
  const glyphs: Uint8Array[] = order.map((gid) => {
    const g = glyphBytes(font, gid);
    if (g.length < 10) return new Uint8Array(0);
    const r = new Reader(g);
    const n = r.i16(0);
    if (n < 0) {
      const { list, end, instructions } = components(r, 0);
      const out = g.slice(0, end);
      const v = new DataView(out.buffer);
      for (const c of list) v.setUint16(c.indexAt, glyphMap.get(c.gid)!);
      if (instructions) {
        // Clear WE_HAVE_INSTRUCTIONS on every component record (only the last may carry it).
        let p = 10;
        for (;;) {
          const flags = v.getUint16(p);
          v.setUint16(p, flags & ~HAS_INSTRUCTIONS);
          if (!(flags & MORE)) break;
          p += 4 + (flags & ARG_WORDS ? 4 : 2) + (flags & HAS_SCALE ? 2 : flags & HAS_XY_SCALE ? 4 : flags & HAS_2X2 ? 8 : 0);
        }
      }
      return out;
    }
    const instrAt = 10 + n * 2;
    const instrLen = r.u16(instrAt);
    const out = new Uint8Array(g.length - instrLen);
    out.set(g.subarray(0, instrAt));
    // instructionLength 0, then flags and coordinates as they were.
    out.set(g.subarray(instrAt + 2 + instrLen), instrAt + 2);
    return out;
  });
  const glyfLen = glyphs.reduce((s, g) => s + Math.ceil(g.length / 4) * 4, 0);
  const glyf = new Uint8Array(glyfLen);
  const loca = new Uint8Array((order.length + 1) * 4);
  const lv = new DataView(loca.buffer);
  let at = 0;
  glyphs.forEach((g, i) => {
    lv.setUint32(i * 4, at);
    glyf.set(g, at);
    at += Math.ceil(g.length / 4) * 4;
  });
  lv.setUint32(order.length * 4, at);

  const hmtxOff = tables.get('hmtx')!.offset;
  const numHMetrics = src.u16(tables.get('hhea')!.offset + 34);
  const hmtx = new Uint8Array(order.length * 4);
  const hv = new DataView(hmtx.buffer);
  order.forEach((gid, i) => {
    const lsb = gid < numHMetrics ? src.i16(hmtxOff + gid * 4 + 2) : src.i16(hmtxOff + numHMetrics * 4 + (gid - numHMetrics) * 2);
    hv.setUint16(i * 4, font.advance(gid));
    hv.setInt16(i * 4 + 2, lsb);
  });

  const copy = (name: string) => {
    const rec = tables.get(name);
    return rec ? font.bytes.slice(rec.offset, rec.offset + rec.length) : undefined;
  };
  const head = copy('head')!;
  new DataView(head.buffer).setInt16(50, 1);
  new DataView(head.buffer).setUint32(8, 0);
  const hhea = copy('hhea')!;
  new DataView(hhea.buffer).setUint16(34, order.length);
  const maxp = copy('maxp')!;
  new DataView(maxp.buffer).setUint16(4, order.length);
  const post = new Uint8Array(32);
  const pv = new DataView(post.buffer);
  pv.setUint32(0, 0x00030000);
  const srcPost = tables.get('post');
  if (srcPost) post.set(font.bytes.subarray(srcPost.offset + 4, srcPost.offset + 16), 4);

  const unicodeOf = new Map<number, number>();
  for (const [cp, gid] of [...wanted].sort((a, b) => a[0] - b[0])) {
    const n = glyphMap.get(gid)!;
    if (!unicodeOf.has(n)) unicodeOf.set(n, cp);
  }
  const cmap = buildCmap(new Map([...wanted].map(([cp, gid]) => [cp, glyphMap.get(gid)!])));

  const out: [string, Uint8Array][] = [
    ['OS/2', copy('OS/2')],
    ['cmap', cmap],
    ['glyf', glyf],
    ['head', head],
    ['hhea', hhea],
    ['hmtx', hmtx],
    ['loca', loca],
    ['maxp', maxp],
    ['name', copy('name')],
    ['post', post],
  ].filter((e): e is [string, Uint8Array] => e[1] !== undefined);
  const bytes = assemble(out);
  // head.checkSumAdjustment makes the whole file sum to 0xB1B0AFBA.
  const headAt = tableOffset(bytes, 'head');
  new DataView(bytes.buffer).setUint32(headAt + 8, (0xb1b0afba - checksum(bytes)) >>> 0);
  return { bytes, glyphMap, unicodeOf };
}

/** A format 4 cmap (BMP; code points above U+FFFF are dropped) in one Windows Unicode subtable. */
function buildCmap(map: Map<number, number>): Uint8Array {
  const cps = [...map.keys()].filter((c) => c < 0xffff).sort((a, b) => a - b);
  // Runs where code points and glyph ids both go up by one share a segment (idDelta).
  const segs: { start: number; end: number; delta: number }[] = [];
  for (const cp of cps) {
    const gid = map.get(cp)!;
    const last = segs[segs.length - 1];
    if (last && cp === last.end + 1 && ((gid - cp) & 0xffff) === last.delta) last.end = cp;
    else segs.push({ start: cp, end: cp, delta: (gid - cp) & 0xffff });
  }
  segs.push({ start: 0xffff, end: 0xffff, delta: 1 });
  const n = segs.length;
  const sub = new Uint8Array(16 + n * 8);
  const v = new DataView(sub.buffer);
  const pow = 2 ** Math.floor(Math.log2(n));
  v.setUint16(0, 4);
  v.setUint16(2, sub.length);
  v.setUint16(4, 0);
  v.setUint16(6, n * 2);
  v.setUint16(8, pow * 2);
  v.setUint16(10, Math.log2(pow));
  v.setUint16(12, n * 2 - pow * 2);
  segs.forEach((s, i) => {
    v.setUint16(14 + i * 2, s.end);
    v.setUint16(16 + n * 2 + i * 2, s.start);
    v.setUint16(16 + n * 4 + i * 2, s.delta);
    v.setUint16(16 + n * 6 + i * 2, 0);
  });
  const out = new Uint8Array(12 + sub.length);
  const ov = new DataView(out.buffer);
  ov.setUint16(0, 0);
  ov.setUint16(2, 1);
  ov.setUint16(4, 3);
  ov.setUint16(6, 1);
  ov.setUint32(8, 12);
  out.set(sub, 12);
  return out;
}

function assemble(tables: [string, Uint8Array][]): Uint8Array {
  const n = tables.length;
  const headerLen = 12 + n * 16;
  const total = headerLen + tables.reduce((s, [, b]) => s + Math.ceil(b.length / 4) * 4, 0);
  const out = new Uint8Array(total);
  const v = new DataView(out.buffer);
  const pow = 2 ** Math.floor(Math.log2(n));
  v.setUint32(0, 0x00010000);
  v.setUint16(4, n);
  v.setUint16(6, pow * 16);
  v.setUint16(8, Math.log2(pow));
  v.setUint16(10, n * 16 - pow * 16);
  let at = headerLen;
  tables.forEach(([tag, b], i) => {
    const o = 12 + i * 16;
    for (let k = 0; k < 4; k++) out[o + k] = tag.charCodeAt(k);
    v.setUint32(o + 4, checksum(b));
    v.setUint32(o + 8, at);
    v.setUint32(o + 12, b.length);
    out.set(b, at);
    at += Math.ceil(b.length / 4) * 4;
  });
  return out;
}

function tableOffset(bytes: Uint8Array, tag: string): number {
  const rec = tableDirectory(new Reader(bytes)).get(tag);
  if (!rec) throw new Error(`no ${tag} table`);
  return rec.offset;
}

/**
 * The code points a report font needs: Basic Latin, Latin-1, Latin Extended-A
 * and the Vietnamese letters of Latin Extended-B and Latin Extended Additional,
 * general punctuation, arrows and a few symbols (≥, ×, −, •, °).
 */
export function reportCodePoints(): number[] {
  const out: number[] = [];
  const range = (a: number, b: number) => {
    for (let c = a; c <= b; c++) out.push(c);
  };
  range(0x20, 0x7e);
  range(0xa0, 0x17f);
  out.push(0x1a0, 0x1a1, 0x1af, 0x1b0);
  range(0x300, 0x309);
  out.push(0x323);
  range(0x1ea0, 0x1ef9);
  range(0x2010, 0x2027);
  range(0x2030, 0x203a);
  out.push(0x20ab, 0x20ac, 0x2116, 0x2122, 0x2190, 0x2191, 0x2192, 0x2193, 0x2212, 0x2264, 0x2265, 0x25cf, 0x25b2, 0x25bc);
  return out;
}
