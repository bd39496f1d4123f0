/**
 * Canvas 2D drawing of what surrounds the map in an exported image: wrapped
 * and shrinking text blocks, the protective marking, the legend with counts,
 * a north arrow and a metric scale bar, placed by src/map/print-layout.ts.
 */
import { niceScaleBar, type PrintLayout, type Rect } from '../../map/print-layout.ts';
import { formatNumber, t, type Lang } from '../../model/i18n.ts';
import { NO_DATA_COLOR } from '../../model/scale.ts';
import type { MapColors } from '../../map/colors.ts';

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

/** The legend (title, one row per class with its count, then no-data) in the side column. */
export function drawLegend(
  ctx: CanvasRenderingContext2D,
  legend: Pick<MapColors, 'title' | 'entries' | 'noData'>,
  lang: Lang,
  layout: PrintLayout,
  overlays: { color: string; label: string }[] = [],
): void {
  const rect = layout.legend;
  const u = layout.unit;
  const rows: { color: string; label: string; count?: number; line?: boolean }[] = [...legend.entries.map((e) => ({ color: e.color, label: e.label, count: e.count }))];
  if (legend.noData) rows.push({ color: NO_DATA_COLOR, label: t(lang, 'noData'), count: legend.noData });
  // The priority kinds outlined on the map, drawn as their outline.
  for (const o of overlays) rows.push({ color: o.color, label: o.label, line: true });

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
    const count = row.count === undefined ? '' : formatNumber(lang, row.count);
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
