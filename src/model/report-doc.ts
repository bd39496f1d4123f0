/**
 * A report as a list of blocks (title, headings, paragraphs, tables, figures):
 * the one model the print view, the PDF and the DOCX are written from, so the
 * three say the same thing. Pure data; the writers are in src/io/report/.
 */
import type { Rgb, Scene } from './drawing.ts';
import type { Lang } from './i18n.ts';

export interface DocRun {
  text: string;
  bold?: boolean;
}

export interface DocColumn {
  header: string;
  /** Relative width. */
  width: number;
  align?: 'left' | 'right' | 'center';
}

export interface DocCellValue {
  text: string;
  bold?: boolean;
  /** A small colour square before the text (a rating level's colour). */
  swatch?: Rgb;
}

export type DocCell = string | DocCellValue;

export type DocBlock =
  | { type: 'heading'; level: 1 | 2; text: string; id?: string }
  | { type: 'paragraph'; runs: DocRun[]; style?: 'normal' | 'lead' | 'note' | 'small' }
  | { type: 'bullets'; items: DocRun[][] }
  | {
      type: 'table';
      /** Stable id, for tests and anchors (e.g. `key-figures`, `weak-communes`). */
      id: string;
      caption: string;
      columns: DocColumn[];
      rows: DocCell[][];
      /** Said under the table (e.g. what an asterisk means). */
      note?: string;
      /** Said in place of the rows when there are none. */
      empty?: string;
    }
  | { type: 'figure'; id: string; caption: string; scene: Scene; note?: string };

export interface ReportDocument {
  lang: Lang;
  /** The document title (also the PDF's and the DOCX's title property). */
  title: string;
  /** Lines under the title: scope, period, data source, date of the data. */
  subtitle: string[];
  /** "Tài liệu nội bộ" for a protected folder, shown at the top of every page. */
  marking?: string;
  /** Small text at the foot of every page, left of the page number. */
  footer: string;
  /** Page number words: `${before}${page}${between}${pages}` ("Trang 2/7", "Page 2 of 7"). */
  pageLabel: { before: string; between: string };
  blocks: DocBlock[];
}

/** The text of a cell. */
export function cellText(c: DocCell): string {
  return typeof c === 'string' ? c : c.text;
}

/** Every text of a document, in reading order (for tests and for choosing the font subset). */
export function documentTexts(doc: ReportDocument): string[] {
  const out = [doc.title, ...doc.subtitle, doc.footer, doc.pageLabel.before, doc.pageLabel.between, '0123456789'];
  if (doc.marking) out.push(doc.marking);
  for (const b of doc.blocks) {
    if (b.type === 'heading') out.push(b.text);
    else if (b.type === 'paragraph') out.push(b.runs.map((r) => r.text).join(''));
    else if (b.type === 'bullets') for (const item of b.items) out.push(item.map((r) => r.text).join(''));
    else if (b.type === 'table') {
      out.push(b.caption, ...b.columns.map((c) => c.header), ...b.rows.flatMap((r) => r.map(cellText)));
      if (b.note) out.push(b.note);
      if (b.empty) out.push(b.empty);
    } else {
      out.push(b.caption);
      if (b.note) out.push(b.note);
    }
  }
  return out;
}
