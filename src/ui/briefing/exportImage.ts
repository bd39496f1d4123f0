/**
 * The current map view as a finished PNG for a briefing: title, subtitle (the
 * filter in words), legend with counts, scale bar, north arrow, data date,
 * source line and, for a protected folder, the internal marking, all drawn with
 * Canvas 2D in the bundled Be Vietnam Pro font around a map that is rendered
 * again at the output resolution (not a screenshot of the page, not upscaled).
 *
 * How the map is rendered at print resolution: the MapLibre container is
 * resized (CSSOM only, the CSP forbids style attributes) to the output map
 * rectangle divided by the pixel ratio, MapLibre's pixel ratio is set with
 * `map.setPixelRatio` and deck.gl's with `useDevicePixels`, and the camera is
 * zoomed so the extent the user saw fills that rectangle. Once deck.gl's
 * canvas has followed (its size comes from a ResizeObserver, one frame or
 * more later) both are redrawn synchronously and copied, MapLibre's first and
 * deck.gl's on top, then everything is put back. The page stage is marked
 * `exporting-image` meanwhile so the user sees a notice, not a jumping map.
 */
import type { Deck } from '@deck.gl/core';
import { zipSync } from 'fflate';
import { documentMarking } from '../../io/export.ts';
import { metresPerPixel, niceScaleBar, pixelsPerMetre, printLayout, type PrintLayout, type Rect } from '../../map/print-layout.ts';
import type { BundleManifest } from '../../model/bundle.ts';
import { describeFilterParts, type AtlasFilter } from '../../model/filters.ts';
import { formatDate, formatNumber, t, type Lang } from '../../model/i18n.ts';
import { NO_DATA_COLOR } from '../../model/scale.ts';
import { foldText } from '../../model/text.ts';
import type { MapHandle } from '../map/MapView.tsx';
import type { MapColors } from '../map/useMapColors.ts';

/** Output size of one image. */
export interface ImageSize {
  width: number;
  height: number;
  /** Resolution written into the PNG (pHYs) and used for the map's pixel ratio. */
  dpi: number;
  /** Short tag for file names (`fhd`, `a4`). */
  id?: string;
  /** Output pixels per CSS pixel of the map; dpi / 96 (at least 1) by default. */
  pixelRatio?: number;
}

/** What the image says around the map. */
export interface ViewImageParams {
  lang: Lang;
  manifest: BundleManifest;
  /** The filter shown (structure, year, provinces, ratings, kinds, text): the subtitle. */
  filter: AtlasFilter;
  /** The legend of the map as drawn (useMapColors' title, entries with counts, no-data count). */
  legend: Pick<MapColors, 'title' | 'entries' | 'noData'>;
  /** Province code → display name, for the filter in words. */
  provinces?: Record<string, string>;
  /** Replaces the default title (the atlas title), e.g. a saved view's name. */
  title?: string;
  /** Replaces the default subtitle (legend title · the filter in words). */
  subtitle?: string;
  /** Extent to show instead of what is on screen ([west, south], [east, north]). */
  bounds?: [[number, number], [number, number]];
}

const FONT = "'Be Vietnam Pro', 'Noto Sans', Arial, sans-serif";
const INK = '#14181f';
const MUTED = '#4a5260';
const MARKING = '#b30000';
/** Every character class the texts use, so document.fonts.load fetches each subset of the font. */
const FONT_SAMPLE = 'Bản đồ phong trào Tổ quốc ạếồỹ ĐƯ AZ az 0123456789 –·→×';

/** One export at a time: the map is borrowed, and a second export would see it resized. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * Renders the map of `handle` with its surrounding text into a PNG of `size`
 * (pHYs set to `size.dpi`). Exports are serialised; the map is left as it was.
 * A deck exporter calls this once per saved view, after the view is applied
 * and `<html data-map-state="coloured">` shows it is drawn.
 */
export function renderViewImage(handle: MapHandle, params: ViewImageParams, size: ImageSize): Promise<Blob> {
  const run = queue.then(() => render(handle, params, size));
  queue = run.catch(() => undefined);
  return run;
}

async function render(handle: MapHandle, params: ViewImageParams, size: ImageSize): Promise<Blob> {
  const { lang, manifest } = params;
  await loadFonts();
  const marking = documentMarking(manifest, lang);
  const layout = printLayout(size.width, size.height, size.dpi, { marking: !!marking });
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('Canvas 2D is not available');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, size.width, size.height);

  const ratio = size.pixelRatio ?? layout.pixelRatio;
  const drawn = await drawMapAtResolution(handle, ctx, layout.map, ratio, params.bounds, t(lang, 'exportingImage'));
  ctx.strokeStyle = '#8a929e';
  ctx.lineWidth = Math.max(1, Math.round(layout.unit * 0.12));
  ctx.strokeRect(layout.map.x, layout.map.y, layout.map.w, layout.map.h);

  const title = params.title ?? t(lang, 'appTitle');
  const filterWords = describeFilterParts(params.filter, lang, { scale: manifest.scale, structures: manifest.structures, provinces: params.provinces });
  const subtitle = params.subtitle ?? [params.legend.title, ...filterWords].join(' · ');
  drawTextBlock(ctx, title, layout.title, `700 ${layout.fonts.title}px ${FONT}`, INK, 1, layout.lineHeight);
  if (marking && layout.marking) drawMarking(ctx, marking, layout.marking, layout);
  drawTextBlock(ctx, subtitle, layout.subtitle, `400 ${layout.fonts.subtitle}px ${FONT}`, MUTED, Math.round(layout.subtitle.h / (layout.fonts.subtitle * layout.lineHeight)), layout.lineHeight);
  drawLegend(ctx, params, layout);
  drawNorthArrow(ctx, layout.northArrow, drawn.bearing, lang === 'vi' ? 'B' : 'N', layout);
  drawScaleBar(ctx, layout, metresPerPixel(drawn.zoom, drawn.lat, drawn.outputPerCss));

  const sourceParts = [
    `${t(lang, 'source')}: ${manifest.source[lang]}`,
    `${t(lang, 'dataDate')} ${formatDate(lang, manifest.dataDate)}`,
    ...(manifest.illustrative ? [t(lang, 'illustrative')] : []),
  ];
  drawTextBlock(ctx, sourceParts.join(' · '), layout.source, `400 ${layout.fonts.source}px ${FONT}`, MUTED, Math.round(layout.source.h / (layout.fonts.source * layout.lineHeight)), layout.lineHeight);

  const png = await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
  const bytes = withPngDpi(new Uint8Array(await png.arrayBuffer()), size.dpi);
  return new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'image/png' });
}

async function loadFonts(): Promise<void> {
  // The @font-face rules use font-display: block, but a face is only fetched when text needs it;
  // Canvas 2D silently falls back to another font if it is not loaded yet.
  await Promise.all(['400', '600', '700'].map((w) => document.fonts.load(`${w} 32px 'Be Vietnam Pro'`, FONT_SAMPLE)));
}

interface Drawn {
  zoom: number;
  lat: number;
  bearing: number;
  /** Output pixels per CSS pixel of the map as placed in the image (≈ the ratio asked for, even if MapLibre clamped its canvas). */
  outputPerCss: number;
}

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/** The style properties this module sets on the map container, restored afterwards. */
const BORROWED = ['width', 'height', 'right', 'bottom'] as const;

/**
 * Renders the live map at `ratio` output pixels per CSS pixel into `rect` of
 * `ctx`, showing the extent on screen (or `bounds`), and puts the map back.
 */
async function drawMapAtResolution(
  handle: MapHandle,
  ctx: CanvasRenderingContext2D,
  rect: Rect,
  ratio: number,
  bounds: [[number, number], [number, number]] | undefined,
  notice: string,
): Promise<Drawn> {
  const { map, overlay } = handle;
  const container = map.getContainer();
  const stage = container.parentElement;
  // Private fields read only to restore what was there; MapView sets neither, so the fallbacks are its defaults.
  const prevRatio = (map as unknown as { _overridePixelRatio?: number | null })._overridePixelRatio ?? null;
  const prevDevicePixels = (overlay as unknown as { _props?: { useDevicePixels?: boolean | number } })._props?.useDevicePixels ?? true;
  const deck = (overlay as unknown as { _deck?: Deck })._deck;
  const before = { center: map.getCenter(), zoom: map.getZoom(), bearing: map.getBearing(), pitch: map.getPitch(), w: container.clientWidth, h: container.clientHeight };
  const saved = BORROWED.map((p) => [p, container.style.getPropertyValue(p), container.style.getPropertyPriority(p)] as const);
  const cssW = Math.max(1, Math.round(rect.w / ratio));
  const cssH = Math.max(1, Math.round(rect.h / ratio));

  stage?.classList.add('exporting-image');
  if (stage) stage.dataset.exportNotice = notice;
  try {
    container.style.setProperty('right', 'auto');
    container.style.setProperty('bottom', 'auto');
    container.style.setProperty('width', `${cssW}px`);
    container.style.setProperty('height', `${cssH}px`);
    // setPixelRatio resizes the map from the container's new size at once.
    map.setPixelRatio(ratio);
    overlay.setProps({ useDevicePixels: ratio });
    if (bounds) {
      const cam = map.cameraForBounds(bounds, { padding: 0, bearing: before.bearing });
      if (cam) map.jumpTo({ ...cam, pitch: before.pitch });
    } else {
      // The same centre, zoomed so the extent seen on screen just fits the output rectangle.
      const factor = Math.min(cssW / Math.max(1, before.w), cssH / Math.max(1, before.h));
      map.jumpTo({ center: before.center, zoom: before.zoom + Math.log2(factor), bearing: before.bearing, pitch: before.pitch });
    }

    const mapCanvas = map.getCanvas();
    const deckCanvas = overlay.getCanvas();
    const started = performance.now();
    // deck.gl learns its new CSS size from a ResizeObserver, a frame or more later; drawing before
    // that would copy a stretched old frame. Each frame both libraries may draw on their own.
    const resized = () => (deck ? deck.width === cssW && deck.height === cssH : !deckCanvas || Math.abs(deckCanvas.width - mapCanvas.width) <= 1);
    while (!resized()) {
      if (performance.now() - started > 60_000) throw new Error('the map did not resize for the export');
      await nextFrame();
    }
    // One synchronous frame of each, at the export size: MapLibre's fires 'render', on which the
    // overlay hands deck.gl the camera and redraws it if anything changed; the last call draws
    // deck.gl only if it still has something pending (e.g. its canvas resize), so a frame drawn
    // in software is not drawn twice. preserveDrawingBuffer keeps both frames for the copy.
    map.redraw();
    deck?.redraw();
    if (deckCanvas && Math.abs(deckCanvas.width - mapCanvas.width) > 1) deck?.redraw('image export');
    if (deckCanvas && (Math.abs(deckCanvas.width - mapCanvas.width) > 1 || Math.abs(deckCanvas.height - mapCanvas.height) > 1)) {
      throw new Error(`the map layers did not render at export size (${deckCanvas.width}×${deckCanvas.height}, map ${mapCanvas.width}×${mapCanvas.height})`);
    }
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(mapCanvas, rect.x, rect.y, rect.w, rect.h);
    if (deckCanvas) ctx.drawImage(deckCanvas, rect.x, rect.y, rect.w, rect.h);
    const c = map.getCenter();
    return { zoom: map.getZoom(), lat: c.lat, bearing: map.getBearing(), outputPerCss: rect.w / cssW };
  } finally {
    for (const [p, v, prio] of saved) {
      if (v) container.style.setProperty(p, v, prio);
      else container.style.removeProperty(p);
    }
    // MapLibre documents null as "follow devicePixelRatio again"; its typings only say number.
    map.setPixelRatio(prevRatio as number);
    overlay.setProps({ useDevicePixels: prevDevicePixels });
    map.jumpTo({ center: before.center, zoom: before.zoom, bearing: before.bearing, pitch: before.pitch });
    stage?.classList.remove('exporting-image');
    if (stage) delete stage.dataset.exportNotice;
  }
}

/** Splits text into lines that fit `maxWidth` at the context's current font (words are never cut). */
function wrap(ctx: CanvasRenderingContext2D, text: string, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && ctx.measureText(candidate).width > maxWidth) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line) lines.push(line);
  return lines;
}

/** Cuts a line with an ellipsis so it fits `maxWidth`. */
function ellipsize(ctx: CanvasRenderingContext2D, text: string, maxWidth: number): string {
  if (ctx.measureText(text).width <= maxWidth) return text;
  let s = text;
  while (s.length > 1 && ctx.measureText(`${s}…`).width > maxWidth) s = s.slice(0, -1);
  return `${s.trimEnd()}…`;
}

/**
 * Draws wrapped text into a rectangle, at most `maxLines` lines. When it does
 * not fit, the font shrinks (down to 75 %) before the last line is ellipsised:
 * a long filter stays readable rather than cut.
 */
function drawTextBlock(ctx: CanvasRenderingContext2D, text: string, rect: Rect, font: string, color: string, maxLines: number, lineHeight: number): void {
  const m = /^(\d+) (\d+(?:\.\d+)?)px (.*)$/.exec(font);
  const weight = m ? m[1] : '400';
  const base = m ? Number(m[2]) : 16;
  const family = m ? m[3] : FONT;
  let px = base;
  let lines: string[] = [];
  for (; px >= base * 0.75; px = Math.floor(px * 0.94)) {
    ctx.font = `${weight} ${px}px ${family}`;
    lines = wrap(ctx, text, rect.w);
    if (lines.length <= maxLines) break;
  }
  ctx.font = `${weight} ${px}px ${family}`;
  if (lines.length > maxLines) {
    lines = lines.slice(0, maxLines);
    lines[maxLines - 1] = ellipsize(ctx, `${lines[maxLines - 1]} …`, rect.w);
  }
  ctx.fillStyle = color;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  const step = px * lineHeight;
  lines.forEach((line, i) => ctx.fillText(ellipsize(ctx, line, rect.w), rect.x, rect.y + step * (i + 0.5)));
}

function drawMarking(ctx: CanvasRenderingContext2D, text: string, rect: Rect, layout: PrintLayout): void {
  ctx.font = `700 ${layout.fonts.marking}px ${FONT}`;
  const w = Math.min(rect.w, ctx.measureText(text).width + layout.unit * 2);
  const h = layout.fonts.marking * 1.6;
  const x = rect.x + rect.w - w;
  const y = rect.y + (rect.h - h) / 2;
  ctx.strokeStyle = MARKING;
  ctx.lineWidth = Math.max(2, layout.unit * 0.25);
  ctx.strokeRect(x, y, w, h);
  ctx.fillStyle = MARKING;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(ellipsize(ctx, text, w - layout.unit), x + w / 2, y + h / 2);
  ctx.textAlign = 'left';
}

function drawLegend(ctx: CanvasRenderingContext2D, params: ViewImageParams, layout: PrintLayout): void {
  const { legend, lang } = params;
  const rect = layout.legend;
  const u = layout.unit;
  const rows = [...legend.entries.map((e) => ({ color: e.color, label: e.label, count: e.count }))];
  if (legend.noData) rows.push({ color: NO_DATA_COLOR, label: t(lang, 'noData'), count: legend.noData });

  const titleFont = `600 ${layout.fonts.legendTitle}px ${FONT}`;
  ctx.font = titleFont;
  const titleLines = wrap(ctx, legend.title, rect.w).slice(0, 2);
  const titleStep = layout.fonts.legendTitle * layout.lineHeight;
  // Rows shrink together when a long scale would overflow the side column.
  const rowStep0 = layout.fonts.legend * 1.7;
  const room = rect.h - titleLines.length * titleStep - u;
  const k = rows.length ? Math.min(1, room / (rows.length * rowStep0)) : 1;
  const fontPx = Math.max(8, Math.floor(layout.fonts.legend * k));
  const rowStep = rowStep0 * k;

  ctx.fillStyle = INK;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  titleLines.forEach((line, i) => ctx.fillText(ellipsize(ctx, line, rect.w), rect.x, rect.y + titleStep * (i + 0.5)));
  let y = rect.y + titleLines.length * titleStep + u;
  const sw = fontPx * 1.6;
  const sh = fontPx * 1.05;
  for (const row of rows) {
    const cy = y + rowStep / 2;
    ctx.fillStyle = row.color;
    ctx.fillRect(rect.x, cy - sh / 2, sw, sh);
    ctx.strokeStyle = 'rgba(0,0,0,0.35)';
    ctx.lineWidth = Math.max(1, u * 0.1);
    ctx.strokeRect(rect.x, cy - sh / 2, sw, sh);
    ctx.font = `400 ${fontPx}px ${FONT}`;
    const count = formatNumber(lang, row.count);
    ctx.fillStyle = MUTED;
    ctx.textAlign = 'right';
    ctx.fillText(count, rect.x + rect.w, cy);
    const countW = ctx.measureText(count).width;
    ctx.textAlign = 'left';
    ctx.fillStyle = INK;
    ctx.fillText(ellipsize(ctx, row.label, rect.w - sw - u - countW - u), rect.x + sw + u, cy);
    y += rowStep;
  }
}

/** A north arrow rotated with the map, so it points to true north even when the user turned the map. */
function drawNorthArrow(ctx: CanvasRenderingContext2D, rect: Rect, bearing: number, letter: string, layout: PrintLayout): void {
  const cx = rect.x + rect.w / 2;
  const cy = rect.y + rect.h * 0.62;
  const r = rect.h * 0.36;
  ctx.save();
  ctx.translate(cx, cy);
  ctx.rotate((-bearing * Math.PI) / 180);
  ctx.beginPath();
  ctx.moveTo(0, -r);
  ctx.lineTo(r * 0.55, r);
  ctx.lineTo(0, r * 0.55);
  ctx.closePath();
  ctx.fillStyle = INK;
  ctx.fill();
  ctx.beginPath();
  ctx.moveTo(0, -r);
  ctx.lineTo(-r * 0.55, r);
  ctx.lineTo(0, r * 0.55);
  ctx.closePath();
  ctx.fillStyle = '#ffffff';
  ctx.fill();
  ctx.strokeStyle = INK;
  ctx.lineWidth = Math.max(1, layout.unit * 0.15);
  ctx.stroke();
  ctx.restore();
  ctx.font = `700 ${Math.round(rect.h * 0.24)}px ${FONT}`;
  ctx.fillStyle = INK;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(letter, cx, rect.y + rect.h * 0.1);
  ctx.textAlign = 'left';
}

/** A two-part black/white metric bar with "0" and the length under its ends. */
function drawScaleBar(ctx: CanvasRenderingContext2D, layout: PrintLayout, metresPerPx: number): void {
  const rect = layout.scaleBar;
  const spec = niceScaleBar(metresPerPx, rect.w * 0.8);
  const u = layout.unit;
  const barH = Math.max(4, u * 0.9);
  const x0 = rect.x + u * 0.5;
  const y0 = rect.y + u * 0.5;
  const half = spec.px / 2;
  ctx.lineWidth = Math.max(1, u * 0.15);
  ctx.strokeStyle = INK;
  ctx.fillStyle = INK;
  ctx.fillRect(x0, y0, half, barH);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(x0 + half, y0, half, barH);
  ctx.strokeRect(x0, y0, spec.px, barH);
  ctx.font = `400 ${layout.fonts.scale}px ${FONT}`;
  ctx.fillStyle = INK;
  ctx.textBaseline = 'top';
  ctx.textAlign = 'center';
  ctx.fillText('0', x0, y0 + barH + u * 0.6);
  ctx.textAlign = 'right';
  ctx.fillText(spec.label, Math.min(rect.x + rect.w, x0 + spec.px + ctx.measureText(spec.label).width / 2), y0 + barH + u * 0.6);
  ctx.textAlign = 'left';
}

/**
 * File name for an exported view, e.g. `ban-do-2025-xa-yeu.png` (Vietnamese)
 * or `map-2025-weak.png`: the year, the rating levels filtered on, one or two
 * province names, and the size tag unless it is full HD. ASCII only, so the
 * file survives any shared drive or mail gateway.
 */
export function imageFileName(params: Pick<ViewImageParams, 'lang' | 'manifest' | 'filter' | 'provinces'>, size: Pick<ImageSize, 'id'>, extension = 'png'): string {
  const { lang, manifest, filter } = params;
  const slug = (s: string) =>
    foldText(s)
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '');
  const parts = [lang === 'vi' ? 'ban-do' : 'map', String(filter.year)];
  if (manifest.structures.length > 1 && manifest.structures[0]?.id !== filter.structure) parts.push(slug(filter.structure));
  if (filter.ratings.length > 0) {
    const labels = filter.ratings.map((id) => manifest.scale.levels.find((l) => l.id === id)?.label[lang] ?? id);
    parts.push(`${lang === 'vi' ? 'xa-' : ''}${slug(labels.join(' '))}`);
  }
  if (filter.provinces.length > 0 && filter.provinces.length <= 2) parts.push(...filter.provinces.map((c) => slug(params.provinces?.[c] ?? c)));
  if (size.id && size.id !== 'fhd') parts.push(slug(size.id));
  return `${parts.filter((p) => p !== '').join('-')}.${extension}`;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * The PNG with its resolution set: any pHYs chunk is dropped and a new one
 * (pixels per metre, unit = metre) is put right after IHDR, where the format
 * wants it (before IDAT). Canvas encoders write no resolution, and without it
 * Word or a print dialog takes an A4 image at 96 dpi, a metre wide.
 */
export function withPngDpi(png: Uint8Array, dpi: number): Uint8Array {
  if (!PNG_SIGNATURE.every((b, i) => png[i] === b)) throw new Error('not a PNG');
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunks: Uint8Array[] = [png.subarray(0, 8)];
  const ppm = pixelsPerMetre(dpi);
  const phys = new Uint8Array(4 + 4 + 9 + 4);
  const pv = new DataView(phys.buffer);
  pv.setUint32(0, 9);
  phys.set([0x70, 0x48, 0x59, 0x73], 4); // "pHYs"
  pv.setUint32(8, ppm);
  pv.setUint32(12, ppm);
  phys[16] = 1;
  pv.setUint32(17, crc32(phys.subarray(4, 17)));
  let offset = 8;
  while (offset + 8 <= png.length) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...png.subarray(offset + 4, offset + 8));
    const end = offset + 12 + length;
    if (end > png.length) throw new Error('truncated PNG');
    if (type !== 'pHYs') chunks.push(png.subarray(offset, end));
    if (type === 'IHDR') chunks.push(phys);
    offset = end;
    if (type === 'IEND') break;
  }
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Reads the dpi a PNG declares (pHYs in pixels per metre), or undefined when it declares none. */
export function pngDpi(png: Uint8Array): number | undefined {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  let offset = 8;
  while (offset + 8 <= png.length) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...png.subarray(offset + 4, offset + 8));
    if (type === 'pHYs' && png[offset + 16] === 1) return view.getUint32(offset + 8) * 0.0254;
    if (type === 'IDAT' || type === 'IEND') return undefined;
    offset += 12 + length;
  }
  return undefined;
}

/**
 * A set of images (e.g. the slides of a briefing) as one .zip, in order:
 * names are kept (made unique with -2, -3 …) and prefixed with their position,
 * so a file browser lists them as the slides run. PNGs are already compressed,
 * so they are stored, which is fast and keeps the zip readable everywhere.
 */
export async function deckToZip(images: { name: string; blob: Blob }[]): Promise<Blob> {
  const files: Record<string, [Uint8Array, { level: 0; mtime: Date }]> = {};
  const width = String(images.length).length;
  const mtime = new Date();
  for (const [i, img] of images.entries()) {
    const base = `${String(i + 1).padStart(Math.max(2, width), '0')}-${img.name.replace(/[\\/:*?"<>|]+/g, '-')}`;
    let name = base;
    for (let k = 2; name in files; k++) name = base.replace(/(\.[^.]*)?$/, (ext) => `-${k}${ext}`);
    files[name] = [new Uint8Array(await img.blob.arrayBuffer()), { level: 0, mtime }];
  }
  return new Blob([zipSync(files) as Uint8Array<ArrayBuffer>], { type: 'application/zip' });
}
