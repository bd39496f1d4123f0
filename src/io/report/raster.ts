/**
 * Draws a scene (src/model/drawing.ts) into pixels and encodes it as PNG, in
 * plain TypeScript: the DOCX carries the report's maps as images, and the node
 * CLI has no canvas, so the page and the CLI rasterize the same way and write
 * the same files. Polygons are filled with the non-zero rule, anti-aliased with
 * four sub-scanlines per pixel row and exact horizontal coverage; lines are
 * filled as quads; text is drawn from the font's glyph outlines.
 */
import { zlibSync } from 'fflate';
import type { Rgb, Scene, SceneItem, SceneRect } from '../../model/drawing.ts';
import type { GlyphPoint, TtfFont } from '../font/ttf.ts';
import { crc32, pixelsPerMetre } from '../png.ts';
import type { ReportFonts } from './pdf.ts';

export interface Raster {
  width: number;
  height: number;
  /** RGBA, row by row. */
  pixels: Uint8ClampedArray;
}

const SUB = 4;

interface Edge {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  dir: number;
}

function edgesOf(rings: readonly (readonly number[])[]): Edge[] {
  const edges: Edge[] = [];
  for (const r of rings) {
    const n = r.length / 2;
    for (let i = 0; i < n; i++) {
      const x0 = r[i * 2], y0 = r[i * 2 + 1];
      const j = (i + 1) % n;
      const x1 = r[j * 2], y1 = r[j * 2 + 1];
      if (y0 === y1) continue;
      edges.push(y0 < y1 ? { x0, y0, x1, y1, dir: 1 } : { x0: x1, y0: y1, x1: x0, y1: y0, dir: -1 });
    }
  }
  return edges;
}

/** Fills rings (pixel coordinates) with a colour at an opacity, clipped to `clip`. */
function fillRings(img: Raster, rings: readonly (readonly number[])[], color: Rgb, alpha: number, clip: SceneRect): void {
  const edges = edgesOf(rings);
  if (!edges.length) return;
  let minY = Infinity, maxY = -Infinity, minX = Infinity, maxX = -Infinity;
  for (const e of edges) {
    minY = Math.min(minY, e.y0);
    maxY = Math.max(maxY, e.y1);
    minX = Math.min(minX, e.x0, e.x1);
    maxX = Math.max(maxX, e.x0, e.x1);
  }
  const cx0 = Math.max(0, Math.floor(clip.x));
  const cx1 = Math.min(img.width, Math.ceil(clip.x + clip.w));
  const cy0 = Math.max(0, Math.floor(clip.y));
  const cy1 = Math.min(img.height, Math.ceil(clip.y + clip.h));
  const row0 = Math.max(cy0, Math.floor(minY));
  const row1 = Math.min(cy1 - 1, Math.ceil(maxY));
  const col0 = Math.max(cx0, Math.floor(minX));
  const col1 = Math.min(cx1 - 1, Math.ceil(maxX));
  if (row1 < row0 || col1 < col0) return;
  const span = col1 - col0 + 1;
  const cov = new Float32Array(span + 1);
  edges.sort((a, b) => a.y0 - b.y0);
  let next = 0;
  let active: Edge[] = [];
  const xs: { x: number; dir: number }[] = [];
  for (let row = row0; row <= row1; row++) {
    cov.fill(0);
    let any = false;
    for (let s = 0; s < SUB; s++) {
      const sy = row + (s + 0.5) / SUB;
      while (next < edges.length && edges[next].y0 <= sy) active.push(edges[next++]);
      active = active.filter((e) => e.y1 > sy);
      xs.length = 0;
      for (const e of active) {
        if (e.y0 > sy) continue;
        xs.push({ x: e.x0 + ((sy - e.y0) / (e.y1 - e.y0)) * (e.x1 - e.x0), dir: e.dir });
      }
      if (xs.length < 2) continue;
      xs.sort((a, b) => a.x - b.x);
      let winding = 0;
      for (let i = 0; i < xs.length - 1; i++) {
        winding += xs[i].dir;
        if (winding === 0) continue;
        const a = Math.max(xs[i].x, col0);
        const b = Math.min(xs[i + 1].x, col1 + 1);
        if (b <= a) continue;
        any = true;
        const ia = Math.floor(a);
        const ib = Math.floor(b);
        const w = 1 / SUB;
        if (ia === ib) cov[ia - col0] += (b - a) * w;
        else {
          cov[ia - col0] += (ia + 1 - a) * w;
          for (let x = ia + 1; x < ib; x++) cov[x - col0] += w;
          if (ib <= col1) cov[ib - col0] += (b - ib) * w;
        }
      }
    }
    if (!any) continue;
    const p = img.pixels;
    for (let i = 0; i < span; i++) {
      const c = Math.min(1, cov[i]) * alpha;
      if (c <= 0.002) continue;
      const o = (row * img.width + col0 + i) * 4;
      p[o] = p[o] + (color[0] - p[o]) * c;
      p[o + 1] = p[o + 1] + (color[1] - p[o + 1]) * c;
      p[o + 2] = p[o + 2] + (color[2] - p[o + 2]) * c;
      p[o + 3] = 255;
    }
  }
}

/** A path as quads of width `w` (each made counter-clockwise, so overlaps never cancel under non-zero). */
function strokeRings(flat: readonly number[], w: number): number[][] {
  const out: number[][] = [];
  const h = w / 2;
  for (let i = 0; i + 3 < flat.length; i += 2) {
    const x0 = flat[i], y0 = flat[i + 1], x1 = flat[i + 2], y1 = flat[i + 3];
    const dx = x1 - x0, dy = y1 - y0;
    const len = Math.hypot(dx, dy);
    if (len === 0) continue;
    // Extended by half the width at both ends, so segments meet without gaps.
    const ux = (dx / len) * h, uy = (dy / len) * h;
    const nx = -uy, ny = ux;
    const q = [x0 - ux + nx, y0 - uy + ny, x1 + ux + nx, y1 + uy + ny, x1 + ux - nx, y1 + uy - ny, x0 - ux - nx, y0 - uy - ny];
    let area = 0;
    for (let k = 0; k < 4; k++) area += q[k * 2] * q[((k + 1) % 4) * 2 + 1] - q[((k + 1) % 4) * 2] * q[k * 2 + 1];
    out.push(area < 0 ? [q[6], q[7], q[4], q[5], q[2], q[3], q[0], q[1]] : q);
  }
  return out;
}

/** A glyph contour (TrueType quadratic B-spline) flattened into a ring. */
function flattenContour(points: GlyphPoint[], tx: (x: number, y: number) => [number, number]): number[] {
  const n = points.length;
  if (n < 2) return [];
  // Start on an on-curve point (or the midpoint of two off-curve ones).
  const start = points.findIndex((p) => p.on);
  const pts = start >= 0 ? [...points.slice(start), ...points.slice(0, start)] : [...points];
  if (start < 0) {
    const a = points[n - 1], b = points[0];
    pts.unshift({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2, on: true });
  }
  const out: number[] = [];
  const push = (x: number, y: number) => {
    const [px, py] = tx(x, y);
    out.push(px, py);
  };
  push(pts[0].x, pts[0].y);
  let prev = pts[0];
  for (let i = 1; i <= pts.length; i++) {
    const p = pts[i % pts.length];
    if (p.on) {
      push(p.x, p.y);
      prev = p;
      continue;
    }
    const q = pts[(i + 1) % pts.length];
    const end = q.on ? q : { x: (p.x + q.x) / 2, y: (p.y + q.y) / 2, on: true };
    for (let s = 1; s <= 4; s++) {
      const t = s / 4;
      const a = (1 - t) * (1 - t), b = 2 * (1 - t) * t, c = t * t;
      push(a * prev.x + b * p.x + c * end.x, a * prev.y + b * p.y + c * end.y);
    }
    prev = end;
    if (q.on) i++;
  }
  return out;
}

/** The rings of `text` at `size` pixels with its baseline start at (x, y). */
function textRings(font: TtfFont, text: string, size: number, x: number, y: number): number[][] {
  const k = size / font.metrics.unitsPerEm;
  const rings: number[][] = [];
  let pen = x;
  for (const ch of text) {
    const gid = font.glyphOf(ch.codePointAt(0)!);
    const ox = pen;
    for (const contour of font.outline(gid)) {
      const r = flattenContour(contour, (gx, gy) => [ox + gx * k, y - gy * k]);
      if (r.length >= 6) rings.push(r);
    }
    pen += font.advance(gid) * k;
  }
  return rings;
}

function textWidth(font: TtfFont, text: string, size: number): number {
  let w = 0;
  for (const ch of text) w += font.advance(font.glyphOf(ch.codePointAt(0)!));
  return (w * size) / font.metrics.unitsPerEm;
}

function draw(img: Raster, items: readonly SceneItem[], k: number, clip: SceneRect, fonts: ReportFonts): void {
  const sc = (flat: readonly number[]) => flat.map((v) => v * k);
  for (const it of items) {
    switch (it.type) {
      case 'polygon':
        fillRings(img, it.rings.map(sc), it.fill, it.opacity ?? 1, clip);
        break;
      case 'lines': {
        const w = Math.max(0.8, it.width * k);
        fillRings(img, it.paths.flatMap((p) => strokeRings(sc(p), w)), it.stroke, it.opacity ?? 1, clip);
        break;
      }
      case 'rect': {
        const r = [it.x * k, it.y * k, (it.x + it.w) * k, it.y * k, (it.x + it.w) * k, (it.y + it.h) * k, it.x * k, (it.y + it.h) * k];
        if (it.fill) fillRings(img, [r], it.fill, 1, clip);
        if (it.stroke) fillRings(img, strokeRings([...r, r[0], r[1]], Math.max(0.8, (it.strokeWidth ?? 0.5) * k)), it.stroke, 1, clip);
        break;
      }
      case 'text': {
        const font = it.bold ? fonts.bold : fonts.regular;
        const size = it.size * k;
        const w = textWidth(font, it.text, size);
        const x = it.x * k - (it.anchor === 'middle' ? w / 2 : it.anchor === 'end' ? w : 0);
        const y = it.y * k;
        if (it.halo) {
          const r = Math.max(1, size * 0.12);
          for (const [dx, dy] of [[-r, 0], [r, 0], [0, -r], [0, r], [-r * 0.7, -r * 0.7], [r * 0.7, -r * 0.7], [-r * 0.7, r * 0.7], [r * 0.7, r * 0.7]]) {
            fillRings(img, textRings(font, it.text, size, x + dx, y + dy), it.halo, 0.85, clip);
          }
        }
        fillRings(img, textRings(font, it.text, size, x, y), it.color, 1, clip);
        break;
      }
      case 'group': {
        const c = it.clip ? intersect(clip, { x: it.clip.x * k, y: it.clip.y * k, w: it.clip.w * k, h: it.clip.h * k }) : clip;
        draw(img, it.items, k, c, fonts);
        break;
      }
    }
  }
}

function intersect(a: SceneRect, b: SceneRect): SceneRect {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  return { x, y, w: Math.max(0, Math.min(a.x + a.w, b.x + b.w) - x), h: Math.max(0, Math.min(a.y + a.h, b.y + b.h) - y) };
}

/** The scene drawn at `dpi` (scene units are points, 72 per inch) on white. */
export function rasterize(scene: Scene, dpi: number, fonts: ReportFonts): Raster {
  const k = dpi / 72;
  const width = Math.ceil(scene.width * k);
  const height = Math.ceil(scene.height * k);
  const img: Raster = { width, height, pixels: new Uint8ClampedArray(width * height * 4).fill(255) };
  draw(img, scene.items, k, { x: 0, y: 0, w: width, h: height }, fonts);
  return img;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const v = new DataView(out.buffer);
  v.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  v.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** An RGB PNG of the raster, its resolution (pHYs) set to `dpi` so Word places it at its real size. */
export function encodePng(img: Raster, dpi: number): Uint8Array {
  const { width, height, pixels } = img;
  // Filter "Up" on every row: flat map colours repeat from row to row.
  const raw = new Uint8Array((width * 3 + 1) * height);
  const prev = new Uint8Array(width * 3);
  const cur = new Uint8Array(width * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      cur[x * 3] = pixels[o];
      cur[x * 3 + 1] = pixels[o + 1];
      cur[x * 3 + 2] = pixels[o + 2];
    }
    const at = y * (width * 3 + 1);
    raw[at] = 2;
    for (let i = 0; i < cur.length; i++) raw[at + 1 + i] = (cur[i] - prev[i]) & 0xff;
    prev.set(cur);
  }
  const ihdr = new Uint8Array(13);
  const hv = new DataView(ihdr.buffer);
  hv.setUint32(0, width);
  hv.setUint32(4, height);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const phys = new Uint8Array(9);
  const pv = new DataView(phys.buffer);
  const ppm = pixelsPerMetre(dpi);
  pv.setUint32(0, ppm);
  pv.setUint32(4, ppm);
  phys[8] = 1;
  const parts = [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('pHYs', phys), chunk('IDAT', zlibSync(raw, { level: 6 })), chunk('IEND', new Uint8Array(0))];
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
