/**
 * A drawing as plain data: what a report's map is, once projected onto the
 * page. Built by src/map/report-map.ts; drawn as vector paths into the PDF,
 * as SVG in the page, and rasterized for the DOCX (src/io/report/). Units are
 * PostScript points (1/72 in), origin at the top left, y down.
 */

export type Rgb = readonly [number, number, number];

export interface SceneRect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export type SceneItem =
  | {
      type: 'polygon';
      /** Rings as flat coordinate lists [x0, y0, x1, y1, …]; filled with the non-zero rule. */
      rings: number[][];
      fill: Rgb;
      /** 0–1; 1 when omitted. */
      opacity?: number;
    }
  | {
      type: 'lines';
      /** Open paths as flat coordinate lists. */
      paths: number[][];
      stroke: Rgb;
      width: number;
      opacity?: number;
      dash?: readonly number[];
    }
  | {
      type: 'rect';
      x: number;
      y: number;
      w: number;
      h: number;
      fill?: Rgb;
      stroke?: Rgb;
      strokeWidth?: number;
    }
  | {
      type: 'text';
      /** Baseline position. */
      x: number;
      y: number;
      text: string;
      size: number;
      bold?: boolean;
      color: Rgb;
      anchor?: 'start' | 'middle' | 'end';
      /** A light outline around the letters, so a label reads over the map. */
      halo?: Rgb;
    }
  | {
      type: 'group';
      /** Items outside this rectangle are cut off. */
      clip?: SceneRect;
      items: SceneItem[];
    };

export interface Scene {
  width: number;
  height: number;
  items: SceneItem[];
}

/** Width of `text` at `size` points in the report font (regular or bold). */
export type MeasureText = (text: string, size: number, bold?: boolean) => number;

/** `#rrggbb` → Rgb. */
export function rgbOf(hex: string): Rgb {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  return [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)];
}

/** Every text of a scene (for tests and for choosing the font subset). */
export function sceneTexts(items: readonly SceneItem[]): string[] {
  const out: string[] = [];
  for (const it of items) {
    if (it.type === 'text') out.push(it.text);
    else if (it.type === 'group') out.push(...sceneTexts(it.items));
  }
  return out;
}
