/**
 * Lays a report (src/model/report-doc.ts) out on A4 portrait pages and writes
 * it as a PDF: text in the embedded Be Vietnam Pro (vector text, extractable),
 * tables whose header row repeats after a page break, the maps as vector
 * drawings, the protective marking on every page and "Trang n/N" at the foot.
 */
import type { MeasureText, Rgb, Scene, SceneItem } from '../../model/drawing.ts';
import type { DocCell, DocColumn, DocRun, ReportDocument } from '../../model/report-doc.ts';
import type { TtfFont } from '../font/ttf.ts';
import { A4, PdfWriter, type PdfFont, type PdfPage } from './pdf-writer.ts';

export interface ReportFonts {
  regular: TtfFont;
  bold: TtfFont;
}

/** Page geometry in points: A4 portrait, margins of an administrative document (left 25 mm, right 15 mm). */
export const PAGE = {
  width: A4.width,
  height: A4.height,
  left: 70.87,
  right: 42.52,
  top: 56.69,
  bottom: 62.36,
} as const;

/** Width of the text column: what the report's drawings are made for. */
export const CONTENT_WIDTH = PAGE.width - PAGE.left - PAGE.right;

const INK: Rgb = [20, 24, 31];
const MUTED: Rgb = [85, 92, 104];
const RULE: Rgb = [170, 176, 186];
const HEAD_FILL: Rgb = [236, 240, 245];
const MARKING: Rgb = [179, 0, 0];

/** The size of a table's text, in points. */
export const TABLE_SIZE = 8.5;
const SIZE = { title: 15, subtitle: 9.5, h1: 12.5, body: 10.5, table: TABLE_SIZE, caption: 9, note: 7.5, footer: 7.5 } as const;
const LEADING = 1.38;

/** A text measure over the report fonts (for the drawings and the layout alike). */
export function measureWith(fonts: ReportFonts): MeasureText {
  const width = (font: TtfFont, text: string, size: number) => {
    let w = 0;
    for (const ch of text) w += font.advance(font.glyphOf(ch.codePointAt(0)!));
    return (w * size) / font.metrics.unitsPerEm;
  };
  return (text, size, bold) => width(bold ? fonts.bold : fonts.regular, text, size);
}

interface Word {
  text: string;
  bold: boolean;
}

/**
 * Column widths that add up to `total`: shared by weight, but never narrower
 * than a column's `min` (its longest word), the room coming from the columns
 * that have some to spare, by weight. When even the minimums do not fit, each
 * column gets the same share of its minimum (the words then cut are cut about
 * evenly, not all in the narrow columns the weights would crush).
 */
export function columnWidths(weights: readonly number[], mins: readonly number[], total: number): number[] {
  const byWeight = (idx: number[], room: number) => {
    const sum = idx.reduce((s, i) => s + weights[i], 0);
    return new Map(idx.map((i) => [i, (weights[i] / sum) * room]));
  };
  const need = mins.reduce((s, m) => s + m, 0);
  if (need > total) return mins.map((m) => (m / need) * total);
  const fixed = new Set<number>();
  for (;;) {
    const free = weights.map((_, i) => i).filter((i) => !fixed.has(i));
    const shares = byWeight(free, total - [...fixed].reduce((s, i) => s + mins[i], 0));
    const under = free.filter((i) => shares.get(i)! < mins[i]);
    if (!under.length) return weights.map((_, i) => (fixed.has(i) ? mins[i] : shares.get(i)!));
    for (const i of under) fixed.add(i);
  }
}

/** Room a table cell's text does not get: its padding (3 pt a side), and its swatch (9 pt). */
export function cellChrome(c: DocCell): number {
  return 6 + (typeof c !== 'string' && c.swatch ? 9 : 0);
}

/**
 * The words of runs, each with whether it is bold. Only ordinary spaces break
 * a line: a no-break space ("5,1 %") keeps its words together.
 */
function runWords(runs: readonly DocRun[]): Word[] {
  return runs.flatMap((r) => r.text.split(/[ \t\r\n]+/).filter(Boolean).map((text) => ({ text, bold: !!r.bold })));
}

/** The words of a cell, each with whether it is bold (a header's are). */
export function cellWords(c: DocCell): Word[] {
  return runWords([typeof c === 'string' ? { text: c } : c]);
}

/** How a document lays its tables out: text size and table width (pt), and the room a cell's text does not get. */
export interface TableLayout {
  size: number;
  total: number;
  chrome: (c: DocCell) => number;
}

/** The PDF's tables. */
export const PDF_TABLE: TableLayout = { size: TABLE_SIZE, total: CONTENT_WIDTH, chrome: cellChrome };

/**
 * The widths of a table's columns on the page: by the columns' weights, each
 * at least as wide as the longest word of its header and cells, so a word is
 * not cut ("We / ak" in a narrow year's cell) whenever the page is wide enough.
 */
export function tableColumnWidths(columns: readonly DocColumn[], rows: readonly DocCell[][], measure: MeasureText, layout: TableLayout = PDF_TABLE): number[] {
  const mins = columns.map((col, i) => {
    let w = 0;
    for (const c of [{ text: col.header, bold: true } as DocCell, ...rows.map((r) => r[i] ?? '')]) {
      for (const word of cellWords(c)) w = Math.max(w, measure(word.text, layout.size, word.bold) + layout.chrome(c));
    }
    return w + 0.5;
  });
  return columnWidths(columns.map((c) => c.width), mins, layout.total);
}

/** Runs → lines of words that fit `width` (a word longer than a line is cut by characters). */
function wrapRuns(runs: DocRun[], width: number, size: number, measure: MeasureText): Word[][] {
  const words = runWords(runs);
  const lines: Word[][] = [];
  let line: Word[] = [];
  let lineW = 0;
  const space = measure(' ', size);
  for (let word of words) {
    let w = measure(word.text, size, word.bold);
    while (w > width) {
      // Cut an over-long word (a long code or URL) where it stops fitting.
      let cut = word.text.length - 1;
      while (cut > 1 && measure(word.text.slice(0, cut), size, word.bold) > width) cut--;
      if (line.length) lines.push(line);
      lines.push([{ text: word.text.slice(0, cut), bold: word.bold }]);
      line = [];
      lineW = 0;
      word = { text: word.text.slice(cut), bold: word.bold };
      w = measure(word.text, size, word.bold);
    }
    if (line.length && lineW + space + w > width) {
      lines.push(line);
      line = [];
      lineW = 0;
    }
    lineW += (line.length ? space : 0) + w;
    line.push(word);
  }
  if (line.length) lines.push(line);
  return lines;
}

class Layout {
  readonly writer: PdfWriter;
  readonly fonts: { regular: PdfFont; bold: PdfFont };
  readonly measure: MeasureText;
  page!: PdfPage;
  y = 0;
  readonly bottom = PAGE.height - PAGE.bottom;

  constructor(
    readonly doc: ReportDocument,
    fonts: ReportFonts,
  ) {
    this.writer = new PdfWriter({ title: doc.title, subject: doc.subtitle[0], lang: doc.lang === 'vi' ? 'vi-VN' : 'en-GB', creator: 'movement atlas' });
    this.fonts = { regular: this.writer.addFont(fonts.regular), bold: this.writer.addFont(fonts.bold) };
    this.measure = measureWith(fonts);
    this.newPage();
  }

  newPage(): void {
    this.page = this.writer.addPage(PAGE.width, PAGE.height);
    this.y = PAGE.top;
    if (this.doc.marking) {
      // The marking sits in the top margin of every page, boxed in red.
      const size = 9;
      const w = this.measure(this.doc.marking, size, true) + 12;
      const x = PAGE.width - PAGE.right - w;
      const y = PAGE.top - 30;
      this.page.save().strokeColor(MARKING).lineWidth(1).rect(x, y, w, size + 8).stroke().restore();
      this.page.fillColor(MARKING).text(this.fonts.bold, size, x + 6, y + size + 2, this.doc.marking);
    }
  }

  ensure(height: number): void {
    if (this.y + height > this.bottom && this.y > PAGE.top + 1) this.newPage();
  }

  font(bold?: boolean): PdfFont {
    return bold ? this.fonts.bold : this.fonts.regular;
  }

  /** Draws wrapped runs from the current position; returns nothing, moves y. */
  runs(runs: DocRun[], opts: { size: number; color?: Rgb; indent?: number; bullet?: string; width?: number; bold?: boolean }): void {
    const x0 = PAGE.left + (opts.indent ?? 0);
    const width = opts.width ?? CONTENT_WIDTH - (opts.indent ?? 0);
    const lh = opts.size * LEADING;
    const lines = wrapRuns(opts.bold ? runs.map((r) => ({ ...r, bold: true })) : runs, width, opts.size, this.measure);
    lines.forEach((line, i) => {
      this.ensure(lh);
      const base = this.y + opts.size;
      if (i === 0 && opts.bullet) this.page.fillColor(opts.color ?? INK).text(this.fonts.regular, opts.size, x0 - 11, base, opts.bullet);
      let x = x0;
      const space = this.measure(' ', opts.size);
      // Consecutive words of one weight are drawn as one string, so the text extracts with its spaces.
      let i0 = 0;
      while (i0 < line.length) {
        let i1 = i0;
        while (i1 + 1 < line.length && line[i1 + 1].bold === line[i0].bold) i1++;
        const s = line.slice(i0, i1 + 1).map((w) => w.text).join(' ');
        this.page.fillColor(opts.color ?? INK).text(this.font(line[i0].bold), opts.size, x, base, s);
        x += this.measure(s, opts.size, line[i0].bold) + space;
        i0 = i1 + 1;
      }
      this.y += lh;
    });
  }

  title(): void {
    this.runs([{ text: this.doc.title, bold: true }], { size: SIZE.title });
    this.y += 4;
    for (const line of this.doc.subtitle) this.runs([{ text: line }], { size: SIZE.subtitle, color: MUTED });
    this.y += 6;
    this.page.save().strokeColor(RULE).lineWidth(0.8).line(PAGE.left, this.y, PAGE.width - PAGE.right, this.y).restore();
    this.y += 10;
  }

  /** A heading, kept on one page with the first `keep` points of what follows. */
  heading(text: string, keep: number): void {
    this.y += 6;
    this.ensure(SIZE.h1 * LEADING + 3 + keep);
    this.runs([{ text, bold: true }], { size: SIZE.h1 });
    this.y += 3;
  }

  /** Cell lines of a row at the table's size. */
  private cellLines(c: DocCell, width: number): Word[][] {
    const v = typeof c === 'string' ? { text: c } : c;
    const inner = width - cellChrome(c);
    return wrapRuns([{ text: v.text, bold: typeof c !== 'string' && c.bold }], Math.max(inner, 10), SIZE.table, this.measure);
  }

  table(caption: string, columns: DocColumn[], rows: DocCell[][], note?: string, empty?: string): void {
    const headerCells: DocCell[] = columns.map((c) => ({ text: c.header, bold: true }));
    const widths = tableColumnWidths(columns, rows, this.measure);
    const lh = SIZE.table * 1.3;
    const pad = 3;
    const rowHeight = (cells: DocCell[]) => Math.max(...cells.map((c, i) => this.cellLines(c, widths[i]).length)) * lh + pad * 2;
    const drawRow = (cells: DocCell[], header: boolean) => {
      const h = rowHeight(cells);
      let x = PAGE.left;
      if (header) this.page.save().fillColor(HEAD_FILL).rect(PAGE.left, this.y, CONTENT_WIDTH, h).fill().restore();
      cells.forEach((c, i) => {
        const w = widths[i];
        const lines = this.cellLines(c, w);
        const swatch = typeof c !== 'string' ? c.swatch : undefined;
        lines.forEach((line, k) => {
          const s = line.map((wd) => wd.text).join(' ');
          const bold = line[0]?.bold ?? false;
          const tw = this.measure(s, SIZE.table, bold);
          const align = header ? 'left' : (columns[i].align ?? 'left');
          let tx = x + pad + (swatch ? 9 : 0);
          if (align === 'right') tx = x + w - pad - tw;
          else if (align === 'center') tx = x + (w - tw) / 2 + (swatch ? 4.5 : 0);
          const base = this.y + pad + k * lh + SIZE.table;
          if (swatch && k === 0) {
            this.page.save().fillColor(swatch).strokeColor([120, 120, 120]).lineWidth(0.3).rect(tx - 9, base - 6.2, 6.5, 6.5).fillStroke().restore();
          }
          this.page.fillColor(INK).text(this.font(bold), SIZE.table, tx, base, s);
        });
        x += w;
      });
      // Grid: the row's bottom rule and the cell separators.
      this.page.save().strokeColor(RULE).lineWidth(0.4);
      this.page.line(PAGE.left, this.y + h, PAGE.left + CONTENT_WIDTH, this.y + h);
      let sx = PAGE.left;
      for (let i = 0; i <= widths.length; i++) {
        this.page.line(sx, this.y, sx, this.y + h);
        sx += widths[i] ?? 0;
      }
      this.page.restore();
      this.y += h;
    };
    const head = rowHeight(headerCells);
    this.ensure(SIZE.caption * LEADING + head + (rows.length ? rowHeight(rows[0]) : lh * 2));
    this.runs([{ text: caption, bold: true }], { size: SIZE.caption });
    this.y += 2;
    const top = () => this.page.save().strokeColor(RULE).lineWidth(0.4).line(PAGE.left, this.y, PAGE.left + CONTENT_WIDTH, this.y).restore();
    top();
    drawRow(headerCells, true);
    if (!rows.length && empty) {
      this.y += 3;
      this.runs([{ text: empty }], { size: SIZE.table, color: MUTED });
    }
    for (const row of rows) {
      if (this.y + rowHeight(row) > this.bottom) {
        this.newPage();
        top();
        drawRow(headerCells, true);
      }
      drawRow(row, false);
    }
    if (note) {
      this.y += 3;
      this.runs([{ text: note }], { size: SIZE.note, color: MUTED });
    }
    this.y += 10;
  }

  /** The scale a figure is drawn at: its width, at most the column, and at most what a page holds. */
  figureScale(scene: Scene): number {
    const room = this.bottom - PAGE.top - SIZE.caption * LEADING - 30;
    return Math.min(1, CONTENT_WIDTH / scene.width, room / scene.height);
  }

  figure(caption: string, scene: Scene, note?: string): void {
    const k = this.figureScale(scene);
    this.ensure(SIZE.caption * LEADING + scene.height * k + 4);
    this.runs([{ text: caption, bold: true }], { size: SIZE.caption });
    this.y += 3;
    const x = PAGE.left + (CONTENT_WIDTH - scene.width * k) / 2;
    drawScene(this.page, this.writer, scene.items, x, this.y, k, this.fonts);
    this.y += scene.height * k + 4;
    if (note) this.runs([{ text: note }], { size: SIZE.note, color: MUTED });
    this.y += 10;
  }

  /** Page numbers and the footer line, once the page count is known. */
  finish(pages: readonly PdfPage[]): void {
    pages.forEach((page, i) => {
      const y = PAGE.height - PAGE.bottom + 24;
      page.save().strokeColor(RULE).lineWidth(0.5).line(PAGE.left, y - 10, PAGE.width - PAGE.right, y - 10).restore();
      page.fillColor(MUTED).text(this.fonts.regular, SIZE.footer, PAGE.left, y, this.doc.footer);
      const label = `${this.doc.pageLabel.before}${i + 1}${this.doc.pageLabel.between}${pages.length}`;
      page.fillColor(MUTED).text(this.fonts.regular, SIZE.footer, PAGE.width - PAGE.right - this.measure(label, SIZE.footer), y, label);
    });
  }
}

/** Draws scene items at (x, y) scaled by k onto a page. */
function drawScene(page: PdfPage, writer: PdfWriter, items: readonly SceneItem[], x: number, y: number, k: number, fonts: { regular: PdfFont; bold: PdfFont }): void {
  const tx = (flat: readonly number[]) => flat.map((v, i) => (i % 2 === 0 ? x + v * k : y + v * k));
  for (const it of items) {
    switch (it.type) {
      case 'polygon': {
        if (!it.rings.length) break;
        page.save();
        if (it.opacity !== undefined && it.opacity < 1) page.opacity(it.opacity, writer);
        page.fillColor(it.fill);
        for (const r of it.rings) page.path(tx(r), true);
        page.fill().restore();
        break;
      }
      case 'lines': {
        if (!it.paths.length) break;
        page.save().lineJoinRound();
        if (it.opacity !== undefined && it.opacity < 1) page.opacity(it.opacity, writer);
        if (it.dash) page.dash(it.dash.map((d) => d * k));
        page.strokeColor(it.stroke).lineWidth(it.width * k);
        for (const p of it.paths) page.path(tx(p), false);
        page.stroke().restore();
        break;
      }
      case 'rect': {
        page.save();
        if (it.fill) page.fillColor(it.fill);
        if (it.stroke) page.strokeColor(it.stroke).lineWidth((it.strokeWidth ?? 0.5) * k);
        page.rect(x + it.x * k, y + it.y * k, it.w * k, it.h * k);
        if (it.fill && it.stroke) page.fillStroke();
        else if (it.fill) page.fill();
        else page.stroke();
        page.restore();
        break;
      }
      case 'text': {
        const font = it.bold ? fonts.bold : fonts.regular;
        const size = it.size * k;
        const w = font.width(it.text, size);
        const px = x + it.x * k - (it.anchor === 'middle' ? w / 2 : it.anchor === 'end' ? w : 0);
        const py = y + it.y * k;
        if (it.halo) page.save().strokeColor(it.halo).textOutline(font, size, px, py, it.text, size * 0.28).restore();
        page.fillColor(it.color).text(font, size, px, py, it.text);
        break;
      }
      case 'group': {
        page.save();
        if (it.clip) page.rect(x + it.clip.x * k, y + it.clip.y * k, it.clip.w * k, it.clip.h * k).clip();
        drawScene(page, writer, it.items, x, y, k, fonts);
        page.restore();
        break;
      }
    }
  }
}

/** The report as a PDF file (A4 portrait, numbered pages, fonts embedded as subsets). */
export function reportToPdf(doc: ReportDocument, fonts: ReportFonts): Uint8Array {
  const layout = new Layout(doc, fonts);
  layout.title();
  doc.blocks.forEach((b, i) => {
    switch (b.type) {
      case 'heading': {
        // Kept with what follows: a whole figure, a table's caption, header and first rows, or a few lines.
        const next = doc.blocks[i + 1];
        const keep = next?.type === 'figure' ? SIZE.caption * LEADING + 3 + next.scene.height * layout.figureScale(next.scene) : 90;
        layout.heading(b.text, keep);
        break;
      }
      case 'paragraph':
        layout.runs(b.runs, { size: b.style === 'note' || b.style === 'small' ? SIZE.note : SIZE.body, color: b.style === 'note' ? MUTED : INK });
        layout.y += 4;
        break;
      case 'bullets':
        for (const item of b.items) {
          layout.runs(item, { size: SIZE.body, indent: 14, bullet: '•' });
          layout.y += 3;
        }
        layout.y += 4;
        break;
      case 'table':
        layout.table(b.caption, b.columns, b.rows, b.note, b.empty);
        break;
      case 'figure':
        layout.figure(b.caption, b.scene, b.note);
        break;
    }
  });
  layout.finish(layout.writer.pageList);
  return layout.writer.save();
}
