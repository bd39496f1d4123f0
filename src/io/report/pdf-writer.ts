/**
 * A small PDF 1.7 writer: pages with vector drawing and text in embedded
 * TrueType fonts. Text is written as glyph ids of a subset of the font
 * (Type0 / CIDFontType2, Identity-H) with a ToUnicode map, so it is vector
 * text that copies, searches and extracts (pdftotext) as the NFC string it
 * was written from. Streams are Flate-compressed (fflate).
 *
 * Coordinates given to a page are in points with the origin at the top left
 * (y down), like the layout; they are flipped to PDF's bottom-left here.
 */
import { zlibSync } from 'fflate';
import type { Rgb } from '../../model/drawing.ts';
import { subsetTtf, type TtfFont } from '../font/ttf.ts';

/** A4 portrait in points (210 × 297 mm). */
export const A4 = { width: 595.2756, height: 841.8898 } as const;

export interface PdfInfo {
  title: string;
  subject?: string;
  /** BCP 47 language of the text, e.g. `vi-VN`. */
  lang: string;
  creator?: string;
  /** When the file was made; omitted → no date (reproducible output). */
  created?: Date;
}

/** A font registered with the writer; text drawn with it records the glyphs it uses. */
export interface PdfFont {
  readonly key: string;
  readonly ttf: TtfFont;
  /** Width of `text` at `size` points. */
  width(text: string, size: number): number;
}

interface FontEntry extends PdfFont {
  name: string;
  /** Code points drawn with this font. */
  used: Set<number>;
}

type Op = string | { font: FontEntry; text: string };

const num = (v: number): string => {
  const r = Math.round(v * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
};

const enc = new TextEncoder();

/** A PDF string literal of ASCII-safe text, or a UTF-16BE hex string for anything else. */
function pdfText(s: string): string {
  if (/^[\x20-\x7e]*$/.test(s)) return `(${s.replace(/[\\()]/g, (c) => `\\${c}`)})`;
  let hex = 'FEFF';
  for (let i = 0; i < s.length; i++) hex += s.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return `<${hex}>`;
}

export class PdfPage {
  readonly ops: Op[] = [];
  constructor(
    readonly width: number,
    readonly height: number,
  ) {}

  private y(v: number): number {
    return this.height - v;
  }

  save(): this {
    this.ops.push('q');
    return this;
  }
  restore(): this {
    this.ops.push('Q');
    return this;
  }
  fillColor(c: Rgb): this {
    this.ops.push(`${num(c[0] / 255)} ${num(c[1] / 255)} ${num(c[2] / 255)} rg`);
    return this;
  }
  strokeColor(c: Rgb): this {
    this.ops.push(`${num(c[0] / 255)} ${num(c[1] / 255)} ${num(c[2] / 255)} RG`);
    return this;
  }
  lineWidth(w: number): this {
    this.ops.push(`${num(w)} w`);
    return this;
  }
  dash(pattern: readonly number[] = []): this {
    this.ops.push(`[${pattern.map(num).join(' ')}] 0 d`);
    return this;
  }
  lineJoinRound(): this {
    this.ops.push('1 j 1 J');
    return this;
  }
  /** Opacity of fills and strokes from here to the next `restore` (an ExtGState per value). */
  opacity(alpha: number, writer: PdfWriter): this {
    this.ops.push(`/${writer.alphaState(alpha)} gs`);
    return this;
  }
  rect(x: number, y: number, w: number, h: number): this {
    this.ops.push(`${num(x)} ${num(this.y(y + h))} ${num(w)} ${num(h)} re`);
    return this;
  }
  /** Adds a closed or open path from a flat coordinate list. */
  path(flat: readonly number[], close: boolean): this {
    if (flat.length < 4) return this;
    const parts: string[] = [`${num(flat[0])} ${num(this.y(flat[1]))} m`];
    for (let i = 2; i + 1 < flat.length; i += 2) parts.push(`${num(flat[i])} ${num(this.y(flat[i + 1]))} l`);
    if (close) parts.push('h');
    this.ops.push(parts.join(' '));
    return this;
  }
  fill(): this {
    this.ops.push('f');
    return this;
  }
  stroke(): this {
    this.ops.push('S');
    return this;
  }
  fillStroke(): this {
    this.ops.push('B');
    return this;
  }
  clip(): this {
    this.ops.push('W n');
    return this;
  }
  line(x0: number, y0: number, x1: number, y1: number): this {
    this.ops.push(`${num(x0)} ${num(this.y(y0))} m ${num(x1)} ${num(this.y(y1))} l S`);
    return this;
  }
  /** Text with its baseline at (x, y), left-aligned, in the current fill colour. */
  text(font: PdfFont, size: number, x: number, y: number, text: string): this {
    const f = font as FontEntry;
    for (const ch of text) f.used.add(ch.codePointAt(0)!);
    this.ops.push(`BT /${f.name} ${num(size)} Tf ${num(x)} ${num(this.y(y))} Td`, { font: f, text }, 'ET');
    return this;
  }
  /** Text drawn as an outline only (a halo behind a label): stroke width in points. */
  textOutline(font: PdfFont, size: number, x: number, y: number, text: string, width: number): this {
    const f = font as FontEntry;
    for (const ch of text) f.used.add(ch.codePointAt(0)!);
    this.ops.push(`BT 1 Tr ${num(width)} w 1 j /${f.name} ${num(size)} Tf ${num(x)} ${num(this.y(y))} Td`, { font: f, text }, '0 Tr ET');
    return this;
  }
}

export class PdfWriter {
  private readonly fonts: FontEntry[] = [];
  private readonly pages: PdfPage[] = [];
  private readonly alphas = new Map<number, string>();

  constructor(private readonly info: PdfInfo) {}

  addFont(ttf: TtfFont): PdfFont {
    const upm = ttf.metrics.unitsPerEm;
    const entry: FontEntry = {
      key: `F${this.fonts.length + 1}`,
      name: `F${this.fonts.length + 1}`,
      ttf,
      used: new Set(),
      width(text: string, size: number) {
        let w = 0;
        for (const ch of text) w += ttf.advance(ttf.glyphOf(ch.codePointAt(0)!));
        return (w * size) / upm;
      },
    };
    this.fonts.push(entry);
    return entry;
  }

  addPage(width: number = A4.width, height: number = A4.height): PdfPage {
    const page = new PdfPage(width, height);
    this.pages.push(page);
    return page;
  }

  /** The pages so far, in order (to number them once the count is known). */
  get pageList(): readonly PdfPage[] {
    return this.pages;
  }

  /** The name of an ExtGState with this fill and stroke opacity. */
  alphaState(alpha: number): string {
    const a = Math.round(Math.max(0, Math.min(1, alpha)) * 100) / 100;
    let name = this.alphas.get(a);
    if (!name) {
      name = `GA${this.alphas.size + 1}`;
      this.alphas.set(a, name);
    }
    return name;
  }

  /** The finished file. */
  save(): Uint8Array {
    const objects: (Uint8Array | string)[] = [];
    const reserve = () => {
      objects.push('');
      return objects.length;
    };
    const set = (id: number, body: Uint8Array | string) => {
      objects[id - 1] = body;
    };
    const stream = (dict: string, data: Uint8Array, compress = true): Uint8Array => {
      const bytes = compress ? zlibSync(data, { level: 6 }) : data;
      const head = enc.encode(`<< ${dict}${compress ? ' /Filter /FlateDecode' : ''} /Length ${bytes.length} >>\nstream\n`);
      const tail = enc.encode('\nendstream');
      const out = new Uint8Array(head.length + bytes.length + tail.length);
      out.set(head);
      out.set(bytes, head.length);
      out.set(tail, head.length + bytes.length);
      return out;
    };

    const catalogId = reserve();
    const pagesId = reserve();
    const infoId = reserve();

    // Fonts: each subset to the glyphs drawn with it, glyph ids renumbered.
    const fontRefs: string[] = [];
    const glyphMaps = new Map<FontEntry, Map<number, number>>();
    for (const f of this.fonts) {
      if (f.used.size === 0) continue;
      const sub = subsetTtf(f.ttf, f.used);
      glyphMaps.set(f, sub.glyphMap);
      const m = f.ttf.metrics;
      const k = 1000 / m.unitsPerEm;
      const tag = subsetTag(f.name, [...f.used]);
      const psName = `${tag}+${postScriptName(f.ttf)}`;
      const fileId = reserve();
      set(fileId, stream(`/Length1 ${sub.bytes.length}`, sub.bytes));
      const descId = reserve();
      set(
        descId,
        `<< /Type /FontDescriptor /FontName /${psName} /Flags 32 /FontBBox [${m.bbox.map((v) => Math.round(v * k)).join(' ')}] ` +
          `/ItalicAngle ${m.italicAngle} /Ascent ${Math.round(m.ascender * k)} /Descent ${Math.round(m.descender * k)} ` +
          `/CapHeight ${Math.round(m.capHeight * k)} /StemV ${m.weightClass >= 600 ? 140 : 80} /FontWeight ${m.weightClass} /FontFile2 ${fileId} 0 R >>`,
      );
      const newToOld = new Map([...sub.glyphMap].map(([o, n]) => [n, o]));
      const widths: number[] = [];
      for (let g = 0; g < newToOld.size; g++) widths.push(Math.round(f.ttf.advance(newToOld.get(g)!) * k));
      const cidId = reserve();
      set(
        cidId,
        `<< /Type /Font /Subtype /CIDFontType2 /BaseFont /${psName} /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> ` +
          `/FontDescriptor ${descId} 0 R /CIDToGIDMap /Identity /W [0 [${widths.join(' ')}]] >>`,
      );
      const cmapId = reserve();
      set(cmapId, stream('', enc.encode(toUnicodeCMap(sub.unicodeOf))));
      const fontId = reserve();
      set(fontId, `<< /Type /Font /Subtype /Type0 /BaseFont /${psName} /Encoding /Identity-H /DescendantFonts [${cidId} 0 R] /ToUnicode ${cmapId} 0 R >>`);
      fontRefs.push(`/${f.name} ${fontId} 0 R`);
    }
    const alphaRefs = [...this.alphas].map(([a, name]) => `/${name} << /Type /ExtGState /ca ${a} /CA ${a} >>`);
    const resources = `<< /ProcSet [/PDF /Text] /Font << ${fontRefs.join(' ')} >> /ExtGState << ${alphaRefs.join(' ')} >> >>`;

    const kids: number[] = [];
    for (const page of this.pages) {
      const content = page.ops
        .map((op) => {
          if (typeof op === 'string') return op;
          const map = glyphMaps.get(op.font)!;
          let hex = '';
          for (const ch of op.text) {
            const gid = map.get(op.font.ttf.glyphOf(ch.codePointAt(0)!)) ?? 0;
            hex += gid.toString(16).padStart(4, '0');
          }
          return `<${hex}> Tj`;
        })
        .join('\n');
      const contentId = reserve();
      set(contentId, stream('', enc.encode(content)));
      const pageId = reserve();
      set(pageId, `<< /Type /Page /Parent ${pagesId} 0 R /MediaBox [0 0 ${num(page.width)} ${num(page.height)}] /Resources ${resources} /Contents ${contentId} 0 R >>`);
      kids.push(pageId);
    }
    set(pagesId, `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`);
    set(catalogId, `<< /Type /Catalog /Pages ${pagesId} 0 R /Lang ${pdfText(this.info.lang)} /ViewerPreferences << /DisplayDocTitle true >> >>`);
    const infoParts = [`/Title ${pdfText(this.info.title)}`, `/Producer ${pdfText(this.info.creator ?? 'movement atlas')}`];
    if (this.info.subject) infoParts.push(`/Subject ${pdfText(this.info.subject)}`);
    if (this.info.created) infoParts.push(`/CreationDate ${pdfText(pdfDate(this.info.created))}`);
    set(infoId, `<< ${infoParts.join(' ')} >>`);

    // Serialise with a cross-reference table.
    // The comment after the header holds bytes ≥ 128 (not their UTF-8), marking the file as binary.
    const chunks: Uint8Array[] = [new Uint8Array([...enc.encode('%PDF-1.7\n%'), 0xe2, 0xe3, 0xcf, 0xd3, 0x0a])];
    let offset = chunks[0].length;
    const offsets: number[] = [];
    objects.forEach((body, i) => {
      offsets.push(offset);
      const head = enc.encode(`${i + 1} 0 obj\n`);
      const bytes = typeof body === 'string' ? enc.encode(body) : body;
      const tail = enc.encode('\nendobj\n');
      chunks.push(head, bytes, tail);
      offset += head.length + bytes.length + tail.length;
    });
    const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`, ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
    chunks.push(enc.encode(`${xref}trailer\n<< /Size ${objects.length + 1} /Root ${catalogId} 0 R /Info ${infoId} 0 R >>\nstartxref\n${offset}\n%%EOF\n`));
    const total = chunks.reduce((s, c) => s + c.length, 0);
    const out = new Uint8Array(total);
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

/** A deterministic six-letter subset tag (PDF requires one before a subset font's name). */
function subsetTag(name: string, cps: number[]): string {
  let h = 2166136261;
  for (const v of [name, ...cps.sort((a, b) => a - b).map(String)].join(',')) h = Math.imul(h ^ v.charCodeAt(0), 16777619) >>> 0;
  let tag = '';
  for (let i = 0; i < 6; i++) {
    tag += String.fromCharCode(65 + (h % 26));
    h = Math.floor(h / 26) + i * 7919;
  }
  return tag;
}

/** The font's PostScript name from its name table (nameID 6), stripped to what a PDF name may hold. */
function postScriptName(ttf: TtfFont): string {
  const b = ttf.bytes;
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const n = v.getUint16(4);
  for (let i = 0; i < n; i++) {
    const o = 12 + i * 16;
    if (String.fromCharCode(b[o], b[o + 1], b[o + 2], b[o + 3]) !== 'name') continue;
    const base = v.getUint32(o + 8);
    const count = v.getUint16(base + 2);
    const strings = base + v.getUint16(base + 4);
    for (let k = 0; k < count; k++) {
      const r = base + 6 + k * 12;
      const platform = v.getUint16(r);
      const nameId = v.getUint16(r + 6);
      if (nameId !== 6 || platform !== 3) continue;
      const len = v.getUint16(r + 8);
      const off = strings + v.getUint16(r + 10);
      let s = '';
      for (let c = 0; c < len; c += 2) s += String.fromCharCode(v.getUint16(off + c));
      return s.replace(/[^A-Za-z0-9-]/g, '') || 'Font';
    }
  }
  return 'Font';
}

/** A ToUnicode CMap: glyph id → the code point it was drawn for (so text extracts as written). */
function toUnicodeCMap(unicodeOf: Map<number, number>): string {
  const entries = [...unicodeOf].sort((a, b) => a[0] - b[0]);
  const hex4 = (n: number) => n.toString(16).padStart(4, '0').toUpperCase();
  const utf16 = (cp: number) => {
    if (cp < 0x10000) return hex4(cp);
    const c = cp - 0x10000;
    return hex4(0xd800 + (c >> 10)) + hex4(0xdc00 + (c & 0x3ff));
  };
  const blocks: string[] = [];
  for (let i = 0; i < entries.length; i += 100) {
    const chunk = entries.slice(i, i + 100);
    blocks.push(`${chunk.length} beginbfchar\n${chunk.map(([g, cp]) => `<${hex4(g)}> <${utf16(cp)}>`).join('\n')}\nendbfchar`);
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <FFFF>',
    'endcodespacerange',
    ...blocks,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
}

function pdfDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `D:${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
}
