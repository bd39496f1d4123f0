/**
 * Canvas 2D drawing of what surrounds the map in an exported image: wrapped
 * and shrinking text blocks, the protective marking, the legend with counts,
 * a north arrow and a metric scale bar, placed by src/map/print-layout.ts.
 */
import { niceScaleBar, type PrintLayout, type Rect } from '../../map/print-layout.ts';
import type { InsetDrawing } from '../../map/sovereignty.ts';
import { formatNumber, t, type Lang } from '../../model/i18n.ts';
import type { LegendRow } from '../../model/legend.ts';

export const FONT = "'Be Vietnam Pro', 'Noto Sans', Arial, sans-serif";
export const INK = '#14181f';
export const MUTED = '#4a5260';
const MARKING = '#b30000';

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
export function drawTextBlock(ctx: CanvasRenderingContext2D, text: string, rect: Rect, font: string, color: string, maxLines: number, lineHeight: number): void {
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

/** The protective marking ("Tài liệu nội bộ") in a red box at the right of its rectangle. */
export function drawMarking(ctx: CanvasRenderingContext2D, text: string, rect: Rect, layout: PrintLayout): void {
  ctx.font = `700 ${layout.fonts.marking}px ${FONT}`;
  const w = Math.min(rect.w, ctx.measureText(text).width + layout.unit * 2);
  const h = layout.fonts.marking * 1.6;
  const box = { x: rect.x + rect.w - w, y: rect.y + (rect.h - h) / 2, w, h };
  drawBoxedText(ctx, ellipsize(ctx, text, w - layout.unit), box, { ink: MARKING, lineWidth: Math.max(2, layout.unit * 0.25) });
}

/** A line of text centred in a framed box (the font is set by the caller), optionally on a filled ground. */
function drawBoxedText(ctx: CanvasRenderingContext2D, text: string, box: Rect, style: { ink: string; lineWidth: number; ground?: string }): void {
  if (style.ground) {
    ctx.fillStyle = style.ground;
    ctx.fillRect(box.x, box.y, box.w, box.h);
  }
  ctx.strokeStyle = style.ink;
  ctx.lineWidth = style.lineWidth;
  ctx.strokeRect(box.x, box.y, box.w, box.h);
  ctx.fillStyle = style.ink;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(text, box.x + box.w / 2, box.y + box.h / 2);
  ctx.textAlign = 'left';
}

/**
 * The legend (title, one row per class with its count inside the filter, the
 * national total beside it when a filter is on, then "Chưa đánh giá") in the
 * side column, then the priority kinds outlined on the map, drawn as their
 * outline.
 */
export function drawLegend(
  ctx: CanvasRenderingContext2D,
  legend: { title: string; rows: LegendRow[] },
  lang: Lang,
  layout: PrintLayout,
  overlays: { color: string; label: string }[] = [],
): void {
  const rect = layout.legend;
  const u = layout.unit;
  const rows: (Pick<LegendRow, 'color' | 'label' | 'total'> & { count?: number; line?: boolean })[] = [
    ...legend.rows,
    ...overlays.map((o) => ({ color: o.color, label: o.label, line: true })),
  ];
  const totals = legend.rows.some((r) => r.total !== undefined);

  const titleFont = `600 ${layout.fonts.legendTitle}px ${FONT}`;
  ctx.font = titleFont;
  const titleLines = wrap(ctx, legend.title, rect.w).slice(0, 2);
  const titleStep = layout.fonts.legendTitle * layout.lineHeight;
  const headStep = totals ? layout.fonts.scale * layout.lineHeight : 0;
  // Rows shrink together when a long scale would overflow the side column.
  const rowStep0 = layout.fonts.legend * 1.7;
  const room = rect.h - titleLines.length * titleStep - headStep - u;
  const k = rows.length ? Math.min(1, room / (rows.length * rowStep0)) : 1;
  const fontPx = Math.max(8, Math.floor(layout.fonts.legend * k));
  const rowStep = rowStep0 * k;

  ctx.fillStyle = INK;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  titleLines.forEach((line, i) => ctx.fillText(ellipsize(ctx, line, rect.w), rect.x, rect.y + titleStep * (i + 0.5)));
  let y = rect.y + titleLines.length * titleStep;
  // Two count columns under a filter: inside it, and the nation's.
  ctx.font = `400 ${fontPx}px ${FONT}`;
  const totalW = totals ? Math.max(ctx.measureText('00.000').width, ...legend.rows.map((r) => ctx.measureText(formatNumber(lang, r.total ?? 0)).width)) : 0;
  if (totals) {
    ctx.font = `400 ${layout.fonts.scale}px ${FONT}`;
    ctx.fillStyle = MUTED;
    ctx.textAlign = 'right';
    ctx.fillText(t(lang, 'legendInFilter'), rect.x + rect.w - totalW - u, y + headStep / 2);
    ctx.fillText(t(lang, 'legendNational'), rect.x + rect.w, y + headStep / 2);
    y += headStep;
  }
  y += u;
  const sw = fontPx * 1.6;
  const sh = fontPx * 1.05;
  for (const row of rows) {
    const cy = y + rowStep / 2;
    if (row.line) {
      ctx.fillStyle = row.color;
      ctx.fillRect(rect.x, cy - sh * 0.15, sw, sh * 0.3);
    } else {
      ctx.fillStyle = row.color;
      ctx.fillRect(rect.x, cy - sh / 2, sw, sh);
      ctx.strokeStyle = 'rgba(0,0,0,0.35)';
      ctx.lineWidth = Math.max(1, u * 0.1);
      ctx.strokeRect(rect.x, cy - sh / 2, sw, sh);
    }
    ctx.font = `400 ${fontPx}px ${FONT}`;
    ctx.textAlign = 'right';
    if (totals && !row.line) {
      ctx.fillStyle = MUTED;
      ctx.fillText(formatNumber(lang, row.total ?? 0), rect.x + rect.w, cy);
    }
    const count = row.count === undefined ? '' : formatNumber(lang, row.count);
    ctx.fillStyle = INK;
    const countRight = rect.x + rect.w - (totals ? totalW + u : 0);
    ctx.fillText(count, countRight, cy);
    const countW = ctx.measureText(count).width;
    ctx.textAlign = 'left';
    ctx.fillText(ellipsize(ctx, row.label, countRight - countW - u - (rect.x + sw + u)), rect.x + sw + u, cy);
    y += rowStep;
  }
}

const rgba = (c: readonly number[]) => `rgba(${c[0]}, ${c[1]}, ${c[2]}, ${(c[3] ?? 255) / 255})`;

/**
 * The archipelagos' inset (src/map/sovereignty.ts insetDrawing) in a box of
 * the map: sea, islands, their marks, and their labels with the governing
 * unit, and Biển Đông.
 */
export function drawInset(ctx: CanvasRenderingContext2D, rect: Rect, d: InsetDrawing, layout: PrintLayout): void {
  ctx.save();
  ctx.translate(rect.x, rect.y);
  ctx.fillStyle = '#dce9f2';
  ctx.fillRect(0, 0, rect.w, rect.h);
  ctx.strokeStyle = INK;
  ctx.lineWidth = Math.max(1, layout.unit * 0.15);
  ctx.strokeRect(0, 0, rect.w, rect.h);
  ctx.fillStyle = '#cccccc';
  for (const p of d.paths) ctx.fill(new Path2D(p));
  for (const m of d.marks) {
    ctx.beginPath();
    ctx.arc(m.x, m.y, m.r, 0, Math.PI * 2);
    ctx.fillStyle = '#cccccc';
    ctx.fill();
    ctx.strokeStyle = '#28303a';
    ctx.lineWidth = Math.max(1, m.r * 0.35);
    ctx.stroke();
  }
  ctx.textAlign = 'center';
  for (const l of d.labels) {
    ctx.font = `700 ${l.size}px ${FONT}`;
    ctx.textBaseline = l.baseline === 'top' ? 'top' : 'middle';
    const step = l.size * 1.15;
    const y0 = l.baseline === 'top' ? l.y : l.y - ((l.lines.length - 1) * step) / 2;
    l.lines.forEach((line, i) => {
      ctx.lineWidth = Math.max(2, l.size * 0.22);
      ctx.strokeStyle = 'rgba(255,255,255,0.95)';
      ctx.lineJoin = 'round';
      ctx.strokeText(line, l.x, y0 + i * step);
      ctx.fillStyle = rgba(l.color);
      ctx.fillText(line, l.x, y0 + i * step);
    });
  }
  ctx.restore();
  ctx.textAlign = 'left';
}

/** The year of one half of a comparison, in a box at the top of that half. */
export function drawPaneYear(ctx: CanvasRenderingContext2D, rect: Rect, text: string, layout: PrintLayout): void {
  ctx.font = `700 ${layout.fonts.subtitle}px ${FONT}`;
  const w = ctx.measureText(text).width + layout.unit * 2;
  const h = layout.fonts.subtitle * 1.6;
  const box = { x: rect.x + (rect.w - w) / 2, y: rect.y + layout.unit, w, h };
  drawBoxedText(ctx, text, box, { ink: INK, lineWidth: Math.max(1, layout.unit * 0.2), ground: 'rgba(255,255,255,0.95)' });
}

/** A north arrow rotated with the map, so it points to true north even when the user turned the map. */
export function drawNorthArrow(ctx: CanvasRenderingContext2D, rect: Rect, bearing: number, letter: string, layout: PrintLayout): void {
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
export function drawScaleBar(ctx: CanvasRenderingContext2D, layout: PrintLayout, metresPerPx: number): void {
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
