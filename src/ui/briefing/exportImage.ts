/**
 * The current map view as a finished PNG for a briefing: title, subtitle (the
 * filter in words), legend with counts, scale bar, north arrow, data date,
 * source line and, for a protected folder, the internal marking, all drawn with
 * Canvas 2D in the bundled Be Vietnam Pro font (./printDrawing.ts) around a map
 * that is rendered again at the output resolution (./mapAtResolution.ts: not a
 * screenshot of the page, not upscaled). The PNG's resolution chunk is written
 * by src/io/png.ts.
 */
import { documentMarking, structureFilePart } from '../../io/export.ts';
import { withPngDpi } from '../../io/png.ts';
import { exportLabelSize, insetRect, metresPerPixel, printLayout, splitRect, type Rect } from '../../map/print-layout.ts';
import { insetDrawing, needsInset, sovereigntyLabels, type ArchipelagoShape } from '../../map/sovereignty.ts';
import type { BundleManifest } from '../../model/bundle.ts';
import { describeFilterParts, type AtlasFilter } from '../../model/filters.ts';
import { kindDef, priorityKindsOf } from '../../model/priority.ts';
import { EXPORT_WORDS, formatDate, t, type Lang } from '../../model/i18n.ts';
import type { LegendRow } from '../../model/legend.ts';
import { foldText } from '../../model/text.ts';
import type { MapColors } from '../../map/colors.ts';
import { probe } from '../app/startup.ts';
import type { MapHandle } from '../map/MapView.tsx';
import { drawMapAtResolution, type Drawn } from './mapAtResolution.ts';
import { drawInset, drawLegend, drawMarking, drawNorthArrow, drawPaneYear, drawScaleBar, drawTextBlock, FONT, INK, MUTED } from './printDrawing.ts';

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
  /** The legend of the map as drawn: its title and rows (counts inside the filter, national totals beside them). */
  legend: { title: string; rows: LegendRow[] };
  /** The priority kinds outlined on the map (the view's overlays): legend rows in their colours. */
  overlays?: string[];
  /** Hoàng Sa and Trường Sa as the map draws them: an inset shows them when the image's frame leaves them out. */
  archipelagos: ArchipelagoShape[];
  /** Two years side by side: the year of each half (the left map is the maps' `left`). */
  years?: { left: number; right: number };
  /** Province code → display name, for the filter in words. */
  provinces?: Record<string, string>;
  /** Replaces the default title (the atlas title), e.g. a saved view's name. */
  title?: string;
  /** Replaces the default subtitle (legend title · the filter in words). */
  subtitle?: string;
  /** Extent to show instead of what is on screen ([west, south], [east, north]). */
  bounds?: [[number, number], [number, number]];
}

/** Every character class the texts use, so document.fonts.load fetches each subset of the font. */
const FONT_SAMPLE = 'Bản đồ phong trào Tổ quốc ạếồỹ ĐƯ AZ az 0123456789 –·→×';

/** What an image of the page's view needs besides its maps (kept by the page, read by the exporters). */
export interface ExportState {
  legendRows: LegendRow[];
  /** The other year's colours while comparing. */
  leftColors?: MapColors;
  leftYear: number;
  archipelagos: ArchipelagoShape[];
}

/** The live map(s) an image is rendered from: `main`, and `left` for the other year of a comparison. */
export interface ExportMaps {
  main: MapHandle;
  left?: MapHandle;
}

/** One export at a time: the map is borrowed, and a second export would see it resized. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * Renders the map(s) with their surrounding text into a PNG of `size` (pHYs
 * set to `size.dpi`); a comparison puts both years side by side. Exports are
 * serialised; the maps are left as they were. The slide exporter
 * (useSlideExport) calls this once per saved view, after the view is applied
 * and `<html data-map-state="coloured">` shows it is drawn.
 */
export function renderViewImage(maps: ExportMaps, params: ViewImageParams, size: ImageSize): Promise<Blob> {
  const run = queue.then(() => render(maps, params, size));
  queue = run.catch(() => undefined);
  return run;
}

async function render(maps: ExportMaps, params: ViewImageParams, size: ImageSize): Promise<Blob> {
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
  const labelSize = { ...exportLabelSize(layout), cssPx: exportLabelSize(layout).outputPx / ratio };
  const notice = t(lang, 'exportingImage');
  // Side by side: the other year on the left half, the view's year on the right, as on screen.
  const halves: { handle: MapHandle; rect: Rect; year?: number }[] = maps.left
    ? (() => {
        const [l, r] = splitRect(layout.map, Math.max(2, Math.round(layout.unit * 0.4)));
        return [
          { handle: maps.left, rect: l, year: params.years?.left },
          { handle: maps.main, rect: r, year: params.years?.right },
        ];
      })()
    : [{ handle: maps.main, rect: layout.map }];
  const drawnAll: Drawn[] = [];
  for (const h of halves) {
    if (!h.handle.alive()) throw new Error('the map was replaced while the image was being made');
    drawnAll.push(await drawMapAtResolution(h.handle, ctx, h.rect, ratio, params.bounds, notice, labelSize.cssPx));
  }
  const drawn = drawnAll[drawnAll.length - 1];
  ctx.strokeStyle = '#8a929e';
  ctx.lineWidth = Math.max(1, Math.round(layout.unit * 0.12));
  for (const h of halves) {
    ctx.strokeRect(h.rect.x, h.rect.y, h.rect.w, h.rect.h);
    if (h.year !== undefined) drawPaneYear(ctx, h.rect, t(lang, 'comparePaneYear', { year: h.year }), layout);
  }
  // The archipelagos in an inset when the image's frame leaves them out.
  const lastRect = halves[halves.length - 1].rect;
  let inset: Rect | undefined;
  if (needsInset(drawn.frame, params.archipelagos)) {
    inset = insetRect(lastRect, layout.unit);
    const insetLabelPx = Math.round(labelSize.outputPx * 0.85);
    drawInset(ctx, inset, insetDrawing(inset.w, inset.h, params.archipelagos, sovereigntyLabels(lang, params.archipelagos, insetLabelPx)), layout);
  }
  probe.lastExport = {
    width: size.width,
    height: size.height,
    labels: drawnAll.flatMap((d) => d.labels),
    ...(inset ? { inset } : {}),
    maps: halves.map((h) => ({ ...h.rect, ...(h.year !== undefined ? { year: h.year } : {}) })),
  };

  const title = params.title ?? t(lang, 'appTitle');
  const filterWords = describeFilterParts(params.filter, lang, { scale: manifest.scale, structures: manifest.structures, priorityKinds: manifest.priorityKinds, provinces: params.provinces });
  const subtitle = params.subtitle ?? [params.legend.title, ...(params.years ? [`${params.years.left} | ${params.years.right}`] : []), ...filterWords].join(' · ');
  drawTextBlock(ctx, title, layout.title, `700 ${layout.fonts.title}px ${FONT}`, INK, 1, layout.lineHeight);
  if (marking && layout.marking) drawMarking(ctx, marking, layout.marking, layout);
  drawTextBlock(ctx, subtitle, layout.subtitle, `400 ${layout.fonts.subtitle}px ${FONT}`, MUTED, Math.round(layout.subtitle.h / (layout.fonts.subtitle * layout.lineHeight)), layout.lineHeight);
  const kinds = priorityKindsOf(manifest);
  drawLegend(ctx, params.legend, lang, layout, (params.overlays ?? []).map((id) => kindDef(kinds, id)).map((k) => ({ color: k.color, label: k.label[lang] })));
  drawNorthArrow(ctx, layout.northArrow, drawn.bearing, EXPORT_WORDS.northLetter[lang], layout);
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
  const parts = [EXPORT_WORDS.mapFileStem[lang], String(filter.year)];
  parts.push(slug(structureFilePart(manifest, filter.structure)));
  if (filter.ratings.length > 0) {
    const labels = filter.ratings.map((id) => manifest.scale.levels.find((l) => l.id === id)?.label[lang] ?? id);
    parts.push(EXPORT_WORDS.ratingsFilePart[lang].replace('{levels}', slug(labels.join(' '))));
  }
  if (filter.provinces.length > 0 && filter.provinces.length <= 2) parts.push(...filter.provinces.map((c) => slug(params.provinces?.[c] ?? c)));
  if (size.id && size.id !== 'fhd') parts.push(slug(size.id));
  return `${parts.filter((p) => p !== '').join('-')}.${extension}`;
}
