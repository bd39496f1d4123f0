/**
 * The sovereignty labels kept wholly inside the map that draws them. Hoàng Sa,
 * Trường Sa and Biển Đông are labelled on every map, and a label cut by the
 * map's edge is a label not shown: in English, in one half of a comparison
 * (a map under 300 pixels wide), "Trường Sa Archipelago (Khánh Hòa Province)"
 * hung below the middle of its islands ran past the map's right edge.
 *
 * Unlike province names (src/map/labels.ts), this depends on where the camera
 * is, not on the zoom only, so it is asked again for each frame the map rests
 * on, and for each export's own frame. A label whose place needs no change is
 * returned as it was, so a wide map (a 1920×1080 slide) draws exactly what it
 * drew before; otherwise, in this order of preference, the label is moved
 * sideways toward the inside of the map (still below its islands), hung above
 * its islands, wrapped onto more lines, and shrunk, never below
 * LABEL_MIN_SIZE. It never covers an island's mark nor another sovereignty
 * label when a place exists that does neither.
 *
 * The placement is in no unit of its own: "pixels" are whatever the view's
 * width and height count (CSS pixels on screen; points of the page in the
 * review report's maps, src/map/report-map.ts), and the sizes, margins and
 * clearances come with the view's unit as FitRules (SCREEN_FIT here,
 * PRINT_FIT in report-map.ts).
 */
import { LABEL_LINE_HEIGHT } from './layers.ts';
import { estimateText, lngLatOf, worldPixel, type MeasureText, type PixelBox } from './labels.ts';
import type { ArchipelagoShape, SovereigntyLabel } from './sovereignty.ts';

/** The smallest size, in CSS pixels, a sovereignty label is shrunk to (still read at a desk). */
export const LABEL_MIN_SIZE = 11;
/** Room kept between a label and the map's edge, in CSS pixels: the halo and some air. */
export const EDGE_MARGIN = 4;
/** Half the width of an island's mark with its ring (src/map/sovereignty.ts islandMarkProps), plus air. */
export const MARK_CLEARANCE = 5;

/** The measures of a placement, in the unit of its view (CSS pixels, or points of a page). */
export interface FitRules {
  /** The smallest size a label is shrunk to. */
  minSize: number;
  /** How much smaller each try is than the last. */
  sizeStep: number;
  /** Room kept between a label and the map's edge. */
  edgeMargin: number;
  /** Half the width of an island's mark with its ring, plus air. */
  markClearance: number;
  /** Room around a label's text kept clear of the rest (a halo drawn around the letters), as a fraction of its size. */
  padEm: number;
  /** Whether a label also keeps off the box of each archipelago's islands (not only their marks). */
  clearOfIslandBoxes: boolean;
  /**
   * How far the sea's name may move from its anchor, in multiples of its size,
   * before a smaller size near the anchor is tried instead; at the smallest
   * size it goes wherever there is room.
   */
  seaDrift: number;
  /** The measure of a label's text when it is not the placement's own (bold archipelagos, a regular sea). */
  measureFor?: (l: SovereigntyLabel) => MeasureText;
}

/** The live map, exports and the first paint: CSS pixels. */
export const SCREEN_FIT: FitRules = { minSize: LABEL_MIN_SIZE, sizeStep: 1, edgeMargin: EDGE_MARGIN, markClearance: MARK_CLEARANCE, padEm: 0, clearOfIslandBoxes: false, seaDrift: Infinity };

/** What the labels hang from and keep clear of: each archipelago's box (lon/lat) and every island's mark. */
export interface Islands {
  archipelagos: readonly Pick<ArchipelagoShape, 'id' | 'box'>[];
  marks: readonly [number, number][];
}

/** The islands of the archipelagos' shapes. */
export function islandsOf(shapes: readonly ArchipelagoShape[]): Islands {
  return { archipelagos: shapes, marks: shapes.flatMap((s) => s.marks.map((m) => m.position)) };
}

/** A map's camera and size (CSS pixels on screen, points on a page): what the labels must fit in. */
export interface LabelView {
  lng: number;
  lat: number;
  zoom: number;
  width: number;
  height: number;
}

/** The view of a map of `width` × `height` CSS pixels showing `frame` ([[w, s], [e, n]], north up). */
export function viewOfFrame(frame: [[number, number], [number, number]], width: number, height: number): LabelView {
  const [x0, y0] = worldPixel(frame[0][0], frame[1][1], 0);
  const [x1, y1] = worldPixel(frame[1][0], frame[0][1], 0);
  const zoom = Math.log2(width / Math.max(1e-12, x1 - x0));
  const [lng, lat] = lngLatOf((x0 + x1) / 2, (y0 + y1) / 2, 0);
  return { lng, lat, zoom, width, height };
}

const meets = (a: PixelBox, b: PixelBox) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
const within = (a: PixelBox, outer: PixelBox) => a[0] >= outer[0] && a[2] <= outer[2] && a[1] >= outer[1] && a[3] <= outer[3];

/** Each line of `text` broken between words so that no line is wider than `maxWidth` pixels at `size`, where words allow. */
export function wrapText(text: string, maxWidth: number, size: number, measure: MeasureText): string {
  return text
    .split('\n')
    .flatMap((line) => {
      const out: string[] = [];
      let current = '';
      for (const word of line.split(' ')) {
        const next = current ? `${current} ${word}` : word;
        if (current && measure(next) * size > maxWidth) {
          out.push(current);
          current = word;
        } else current = next;
      }
      out.push(current);
      return out;
    })
    .join('\n');
}

interface Block {
  text: string;
  size: number;
  w: number;
  h: number;
  /** Room kept around the text (rules.padEm × size). */
  pad: number;
}

/**
 * The sovereignty labels placed inside a map of `view`: each archipelago's
 * label below (or above) its islands, Biển Đông near its anchor, none cut by
 * the map's edge, none over an island's mark or over another of them where
 * the map has room. Labels of archipelagos (or a sea anchor) out of the map's
 * sight are left as they are. Positions stay longitude/latitude; a label moved
 * hangs below its position ('top').
 */
export function fitSovereigntyLabels(labels: readonly SovereigntyLabel[], islands: Islands, view: LabelView, measure: MeasureText = estimateText, rules: FitRules = SCREEN_FIT): SovereigntyLabel[] {
  const z = view.zoom;
  const [cx, cy] = worldPixel(view.lng, view.lat, z);
  const frame: PixelBox = [cx - view.width / 2, cy - view.height / 2, cx + view.width / 2, cy + view.height / 2];
  const m = rules.edgeMargin;
  const room: PixelBox = [frame[0] + m, frame[1] + m, frame[2] - m, frame[3] - m];
  const c = rules.markClearance;
  const marks: PixelBox[] = islands.marks.map(([lng, lat]) => {
    const [x, y] = worldPixel(lng, lat, z);
    return [x - c, y - c, x + c, y + c];
  });
  const groupBox = (box: ArchipelagoShape['box']) => [...worldPixel(box[0][0], box[1][1], z), ...worldPixel(box[1][0], box[0][1], z)] as PixelBox;
  // The islands' boxes as obstacles (print), beside the marks; a mark's clearance is kept around them too.
  const obstacles = rules.clearOfIslandBoxes ? [...marks, ...islands.archipelagos.map((a): PixelBox => {
    const g = groupBox(a.box);
    return [g[0] - c, g[1] - c, g[2] + c, g[3] + c];
  })] : marks;
  const taken: PixelBox[] = [];
  const clear = (b: PixelBox) => within(b, room) && !obstacles.some((o) => meets(o, b)) && !taken.some((t) => meets(t, b));
  let measureOf = measure;
  const block = (text: string, size: number): Block => {
    const lines = text.split('\n');
    return { text, size, w: Math.max(...lines.map((s) => measureOf(s))) * size, h: lines.length * size * LABEL_LINE_HEIGHT, pad: rules.padEm * size };
  };
  /** The box a block covers with its pad: the text's top at `top`, centred on `x`. */
  const boxAt = (b: Block, x: number, top: number): PixelBox => [x - b.w / 2 - b.pad, top - b.pad, x + b.w / 2 + b.pad, top + b.h + b.pad];
  /** The centre x that keeps a block inside the map's room, as near `x` as may be. */
  const inward = (b: Block, x: number) => {
    const half = b.w / 2 + b.pad;
    return 2 * half > room[2] - room[0] ? (room[0] + room[2]) / 2 : Math.max(room[0] + half, Math.min(room[2] - half, x));
  };
  /** The top of the block pushed down or up past every mark (and island box, in print) it would cover. */
  const pastMarks = (b: Block, x: number, top: number, down: boolean) => {
    for (let i = 0; i <= obstacles.length; i++) {
      const box = boxAt(b, x, top);
      const hit = obstacles.find((o) => meets(o, box));
      if (!hit) return top;
      top = down ? hit[3] + b.pad : hit[1] - b.h - b.pad;
    }
    return top;
  };

  const out = labels.map((l): SovereigntyLabel => {
    measureOf = rules.measureFor?.(l) ?? measure;
    const size0 = l.size ?? 14;
    const first = block(l.text, size0);
    const [ax, ay] = worldPixel(l.position[0], l.position[1], z);
    const shape = l.role === 'archipelago' ? islands.archipelagos.find((s) => s.id === l.id) : undefined;
    // The islands' box (or the sea's anchor) in world pixels: out of sight, the label is left alone.
    const group: PixelBox | undefined = shape && groupBox(shape.box);
    const seen = group ? meets(group, frame) : ax >= frame[0] && ax <= frame[2] && ay >= frame[1] && ay <= frame[3];
    const top0 = l.baseline === 'top' ? ay : ay - first.h / 2;
    if (!seen || clear(boxAt(first, ax, top0))) {
      if (seen) taken.push(boxAt(first, ax, top0));
      return l;
    }
    // Tops to try for a block: below the islands then above them (an archipelago), or around the anchor (the sea).
    const tops = (b: Block, x: number, drift = Infinity): number[] => {
      if (group) {
        const gap = top0 - group[3];
        return [pastMarks(b, x, group[3] + gap, true), pastMarks(b, x, group[1] - gap - b.h, false)];
      }
      // The sea: centred on its anchor, or just clear of an island or a label above or below, nearest first.
      const centred = ay - b.h / 2;
      const clamp = (top: number) => Math.max(room[1] + b.pad, Math.min(room[3] - b.h - b.pad, top));
      const edges = [...obstacles, ...taken].flatMap((o) => [o[3] + b.pad, o[1] - b.h - b.pad]).map(clamp);
      return [...new Set([clamp(centred), ...edges])].filter((top) => Math.abs(top - centred) <= drift).sort((p, q) => Math.abs(p - centred) - Math.abs(q - centred));
    };
    let last: { b: Block; x: number; top: number } | undefined;
    // Sizes from the label's own down to the floor, in the rules' steps (rounded, so 7 − 0.5 − 0.5 … is exact).
    const floor = Math.min(size0, rules.minSize);
    for (let k = 0; ; k++) {
      const size = Math.round((size0 - k * rules.sizeStep) * 1000) / 1000;
      if (size < floor - 1e-9) break;
      const texts = [...new Set([l.text, wrapText(l.text, room[2] - room[0] - 2 * rules.padEm * size, size, measureOf)])];
      for (const text of texts) {
        const b = block(text, size);
        const x = inward(b, ax);
        for (const top of tops(b, x, size > floor + 1e-9 ? rules.seaDrift * size : Infinity)) {
          if (clear(boxAt(b, x, top))) return placed(l, b, x, top);
        }
        last = { b, x, top: Math.max(room[1] + b.pad, Math.min(room[3] - b.h - b.pad, tops(b, x)[0])) };
      }
    }
    // No place clear of everything: inside the map, at the smallest size, is what matters most.
    return last ? placed(l, last.b, last.x, last.top) : l;
  });

  function placed(l: SovereigntyLabel, b: Block, x: number, top: number): SovereigntyLabel {
    taken.push(boxAt(b, x, top));
    return { ...l, text: b.text, size: b.size, position: lngLatOf(x, top, z), baseline: 'top' };
  }
  return out;
}
