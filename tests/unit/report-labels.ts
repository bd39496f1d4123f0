/**
 * Where a report scene's sovereignty labels lie (tests/unit/report-map-labels.test.ts):
 * each map of the scene (a group clipped to its rectangle), the labels drawn
 * in it — Hoàng Sa, Trường Sa, Biển Đông, found by their words — as boxes of
 * ink measured as the scene's writer measures text, and what each box crosses:
 * the map's edge, an island's mark, an archipelago's box, another label.
 */
import { archipelagoShapes } from '../../src/map/sovereignty.ts';
import { fitProjection, type ReportGeometry } from '../../src/map/report-map.ts';
import type { MeasureText, SceneItem, SceneRect, Scene } from '../../src/model/drawing.ts';
import { t, type Lang } from '../../src/model/i18n.ts';
import { ARCHIPELAGOS, NATIONAL_EXTENT, SEA_LABEL } from '../../src/model/sovereignty.ts';

type Box = [number, number, number, number];

/** A line's ink above its baseline and below it (Be Vietnam Pro: accented letters, descenders), in ems. */
export const INK_ABOVE = 0.9;
export const INK_BELOW = 0.25;
/** Half the halo's stroke (src/io/report/pdf.ts draws it size × 0.28 wide). */
export const HALO = 0.14;

export interface FoundLabel {
  id: string;
  text: string;
  size: number;
  /** Ink and halo, in points of the scene. */
  box: Box;
}

export interface FoundMap {
  rect: SceneRect;
  labels: FoundLabel[];
  marks: Box[];
  archipelagos: { id: string; box: Box }[];
}

/** Boxes that share more than a hundredth of a point (touching halos are no overlap). */
const meets = (a: Box, b: Box) => a[0] < b[2] - 0.01 && b[0] < a[2] - 0.01 && a[1] < b[3] - 0.01 && b[1] < a[3] - 0.01;
const overlap = (a: Box, b: Box) => Math.min(a[2], b[2]) - Math.max(a[0], b[0]) > 0 && Math.min(a[3], b[3]) - Math.max(a[1], b[1]) > 0;
const r1 = (v: number) => Math.round(v * 10) / 10;
const words = (s: string) => s.split(/\s+/).filter(Boolean).join(' ');

/** The national maps of a scene (every group clipped to a rectangle, at the national extent) and their sovereignty labels. */
export function nationalMaps(scene: Scene, geometry: ReportGeometry, lang: Lang, measure: MeasureText): FoundMap[] {
  const wanted = [...ARCHIPELAGOS.map((a) => ({ id: a.id, text: t(lang, a.label) })), { id: 'bien-dong', text: t(lang, SEA_LABEL.label) }];
  const shapes = archipelagoShapes(geometry.communes);
  const out: FoundMap[] = [];
  const walk = (items: readonly SceneItem[]) => {
    for (const g of items) {
      if (g.type !== 'group') continue;
      if (!g.clip) {
        walk(g.items);
        continue;
      }
      const p = fitProjection(NATIONAL_EXTENT, g.clip);
      const marks: Box[] = [];
      const lines: Extract<SceneItem, { type: 'text' }>[] = [];
      for (const it of g.items) {
        // An island's mark: a dark octagon (src/map/report-map.ts drawSovereignty).
        if (it.type === 'polygon' && it.rings.length === 1 && it.rings[0].length === 16 && it.fill?.join() === '20,24,31') {
          const xs = it.rings[0].filter((_, i) => i % 2 === 0);
          const ys = it.rings[0].filter((_, i) => i % 2 === 1);
          marks.push([Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]);
        }
        if (it.type === 'text' && it.halo) lines.push(it);
      }
      // Lines of one label: drawn one after the other, same x, size and weight.
      const blocks: (typeof lines)[] = [];
      for (const l of lines) {
        const last = blocks.at(-1)?.at(-1);
        if (last && last.x === l.x && last.size === l.size && !!last.bold === !!l.bold && Math.abs(l.y - last.y - l.size * 1.15) < 0.01) blocks.at(-1)!.push(l);
        else blocks.push([l]);
      }
      const labels = blocks.map((b): FoundLabel => {
        const text = words(b.map((l) => l.text).join(' '));
        const size = b[0].size;
        const w = Math.max(...b.map((l) => measure(l.text, size, l.bold)));
        const anchorX = b[0].anchor === 'middle' ? b[0].x - w / 2 : b[0].anchor === 'end' ? b[0].x - w : b[0].x;
        const h = HALO * size;
        return { id: wanted.find((x) => words(x.text) === text)?.id ?? `? ${text}`, text, size, box: [anchorX - h, b[0].y - INK_ABOVE * size - h, anchorX + w + h, b.at(-1)!.y + INK_BELOW * size + h] };
      });
      const archipelagos = shapes.map((s) => {
        const [x0, y0] = p.point(s.box[0][0], s.box[1][1]);
        const [x1, y1] = p.point(s.box[1][0], s.box[0][1]);
        return { id: s.id, box: [x0, y0, x1, y1] as Box };
      });
      out.push({ rect: g.clip, labels, marks, archipelagos });
    }
  };
  walk(scene.items);
  return out;
}

/** Every way a national map's sovereignty labels fail, said with numbers (points); empty when none does. */
export function labelProblems(maps: readonly FoundMap[]): string[] {
  const problems: string[] = [];
  maps.forEach((m, i) => {
    const where = `map ${i} (${r1(m.rect.w)}×${r1(m.rect.h)} pt)`;
    for (const id of ['hoang-sa', 'truong-sa', 'bien-dong']) if (!m.labels.some((l) => l.id === id)) problems.push(`${where}: no ${id} label`);
    if (!m.marks.length) problems.push(`${where}: no island marks`);
    const rect: Box = [m.rect.x, m.rect.y, m.rect.x + m.rect.w, m.rect.y + m.rect.h];
    m.labels.forEach((l, j) => {
      const out = [rect[0] - l.box[0], l.box[2] - rect[2], rect[1] - l.box[1], l.box[3] - rect[3]].map((v) => (v > 0.01 ? v : 0));
      const sides = ['left', 'right', 'top', 'bottom'].map((s, k) => [s, out[k]] as const).filter(([, v]) => v > 0).map(([s, v]) => `${s} by ${r1(v)}`);
      if (sides.length) problems.push(`${where}: ${l.id} "${l.text}" (${l.size} pt) crosses the edge: ${sides.join(', ')} pt`);
      const marks = m.marks.filter((k) => meets(k, l.box)).length;
      if (marks) problems.push(`${where}: ${l.id} covers ${marks} island mark(s)`);
      for (const a of m.archipelagos) if (overlap(a.box, l.box)) problems.push(`${where}: ${l.id} overlaps the islands of ${a.id}`);
      for (const o of m.labels.slice(j + 1)) if (meets(o.box, l.box)) problems.push(`${where}: ${l.id} overlaps ${o.id}`);
    });
  });
  return problems;
}

export function sovereigntyLabelProblems(scene: Scene, geometry: ReportGeometry, lang: Lang, measure: MeasureText): { maps: { w: number; h: number; labels: string[] }[]; problems: string[] } {
  const maps = nationalMaps(scene, geometry, lang, measure);
  return { maps: maps.map((m) => ({ w: r1(m.rect.w), h: r1(m.rect.h), labels: m.labels.map((l) => `${l.id}@${l.size}`) })), problems: labelProblems(maps) };
}

type Group = Extract<SceneItem, { type: 'group' }>;
type Text = Extract<SceneItem, { type: 'text' }>;

/** An island's mark: a dark octagon (src/map/report-map.ts drawIslandMarks). */
const isMark = (it: SceneItem) => it.type === 'polygon' && it.rings.length === 1 && it.rings[0].length === 16 && it.fill?.join() === '20,24,31';

/** The inset of a province map (its second clipped group): the archipelago's name there, and the box of the islands drawn in it. */
export function insetProblems(scene: Scene, lang: Lang, measure: MeasureText): { title?: string; size?: number; marks?: number; problems: string[] } {
  const groups = scene.items.filter((g): g is Group => g.type === 'group' && !!g.clip);
  return groups[1] ? insetGroupProblems(groups[1], lang, measure) : { problems: ['no inset'] };
}

/**
 * What is wrong with an inset (a clipped group): no island marks inside the
 * box, or a mark cut by its edge; its name (unless `nameOptional` and there is none) not one of the
 * archipelagos', crossing the box's edge or over the islands.
 */
export function insetGroupProblems(inset: Group, lang: Lang, measure: MeasureText, nameOptional = false): { title?: string; size?: number; marks?: number; problems: string[] } {
  const r = inset.clip!;
  const rect: Box = [r.x, r.y, r.x + r.w, r.y + r.h];
  const problems: string[] = [];
  const marks = inset.items.filter((it) => isMark(it) && it.type === 'polygon' && it.rings[0].some((v, i) => (i % 2 === 0 ? v >= rect[0] && v <= rect[2] : v >= rect[1] && v <= rect[3])));
  if (!marks.length) problems.push(`inset ${r1(r.w)}×${r1(r.h)} pt: no island marks`);
  const cut = marks.filter((it) => it.type === 'polygon' && it.rings[0].some((v, i) => (i % 2 === 0 ? v < rect[0] || v > rect[2] : v < rect[1] || v > rect[3]))).length;
  if (cut) problems.push(`inset ${r1(r.w)}×${r1(r.h)} pt: ${cut} island mark(s) cut by the box's edge`);
  const lines = inset.items.filter((i): i is Text => i.type === 'text' && !!i.halo);
  if (!lines.length) return { marks: marks.length, problems: nameOptional ? problems : [...problems, 'no name in the inset'] };
  const size = lines[0].size;
  const w = Math.max(...lines.map((l) => measure(l.text, l.size, l.bold)));
  const h = HALO * size;
  const box: Box = [lines[0].x - w / 2 - h, lines[0].y - INK_ABOVE * size - h, lines[0].x + w / 2 + h, lines.at(-1)!.y + INK_BELOW * size + h];
  // The islands: every vertex drawn inside the inset's box (the land of the mainland falls far outside it).
  const xs: number[] = [];
  const ys: number[] = [];
  for (const it of inset.items) if (it.type === 'polygon') for (const ring of it.rings) for (let i = 0; i < ring.length; i += 2) {
    if (ring[i] >= rect[0] && ring[i] <= rect[2] && ring[i + 1] >= rect[1] && ring[i + 1] <= rect[3]) {
      xs.push(ring[i]);
      ys.push(ring[i + 1]);
    }
  }
  const title = words(lines.map((l) => l.text).join(' '));
  const wanted = ARCHIPELAGOS.map((a) => words(t(lang, a.label)));
  if (!wanted.includes(title)) problems.push(`the inset's name "${title}" is none of ${wanted.join(', ')}`);
  if (size < 5) problems.push(`the inset's name "${title}" at ${size} pt, under the 5 pt floor`);
  const out = [rect[0] - box[0], box[2] - rect[2], rect[1] - box[1], box[3] - rect[3]];
  const sides = ['left', 'right', 'top', 'bottom'].map((s, k) => [s, out[k]] as const).filter(([, v]) => v > 0.01);
  if (sides.length) problems.push(`inset ${r1(r.w)}×${r1(r.h)} pt: "${title}" (${size} pt, ${r1(w)} pt wide) crosses the edge: ${sides.map(([s, v]) => `${s} by ${r1(v)}`).join(', ')} pt`);
  if (!xs.length) problems.push('no islands drawn in the inset');
  else {
    const islands: Box = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
    if (meets(islands, box)) problems.push(`inset: "${title}" over the islands (${islands.map(r1).join(', ')})`);
  }
  return { title, size, marks: marks.length, problems };
}

/**
 * The share of a map's own communes (their filled polygons' vertices inside
 * the map: not the sea, the neighbours or the land around) that lie under an
 * inset's box.
 */
export function coveredShare(map: Group, inset: SceneRect): number {
  const r = map.clip!;
  const context = new Set(['226,223,214', '238,236,230']);
  let all = 0;
  let under = 0;
  for (const it of map.items) {
    if (it.type !== 'polygon' || context.has(it.fill?.join() ?? '') || isMark(it)) continue;
    for (const ring of it.rings) for (let i = 0; i < ring.length; i += 2) {
      const [x, y] = [ring[i], ring[i + 1]];
      if (x < r.x || x > r.x + r.w || y < r.y || y > r.y + r.h) continue;
      all++;
      if (x >= inset.x && x <= inset.x + inset.w && y >= inset.y && y <= inset.y + inset.h) under++;
    }
  }
  return all ? under / all : 0;
}

export interface StripMap {
  map: Group;
  /** The inset drawn over this small map (a clipped group inside its rectangle), if any. */
  inset?: Group;
  year: string;
  yearBox?: Box;
  captions: { text: string; size: number; box: Box }[];
}

/** The strip's small maps: each clipped group with the year and the caption lines drawn above it, and the inset inside it. */
export function stripMaps(scene: Scene, measure: MeasureText): StripMap[] {
  const groups = scene.items.filter((g): g is Group => g.type === 'group' && !!g.clip);
  const inside = (a: SceneRect, b: SceneRect) => a.x >= b.x - 0.01 && a.y >= b.y - 0.01 && a.x + a.w <= b.x + b.w + 0.01 && a.y + a.h <= b.y + b.h + 0.01 && (a.w < b.w || a.h < b.h);
  const maps = groups.filter((g) => !groups.some((o) => o !== g && inside(g.clip!, o.clip!)));
  const texts = scene.items.filter((i): i is Text => i.type === 'text' && i.y < maps[0].clip!.y);
  return maps.map((map) => {
    const r = map.clip!;
    const mine = texts.filter((x) => x.x >= r.x && x.x <= r.x + r.w);
    const box = (x: Text): Box => {
      const w = measure(x.text, x.size, x.bold);
      const left = x.anchor === 'middle' ? x.x - w / 2 : x.anchor === 'end' ? x.x - w : x.x;
      return [left, x.y - INK_ABOVE * x.size, left + w, x.y + INK_BELOW * x.size];
    };
    return {
      map,
      inset: groups.find((g) => g !== map && inside(g.clip!, r)),
      year: mine.find((x) => /^\d{4}$/.test(x.text))?.text ?? '?',
      yearBox: mine.filter((x) => /^\d{4}$/.test(x.text)).map(box)[0],
      captions: mine.filter((x) => !/^\d{4}$/.test(x.text)).map((x) => ({ text: x.text, size: x.size, box: box(x) })),
    };
  });
}

/**
 * Every way the strip's captions fail, said with numbers (points): a line
 * wider than its map or out of the page's content (0 to `width`), two lines
 * (of one map or of two) or a line and a year overlapping, a line under 5 pt.
 */
export function captionProblems(maps: readonly StripMap[], width: number): string[] {
  const problems: string[] = [];
  const all: { what: string; box: Box }[] = [];
  for (const m of maps) {
    const r = m.map.clip!;
    if (!m.captions.length) problems.push(`${m.year}: no caption`);
    for (const c of m.captions) {
      const what = `${m.year} "${c.text}" (${c.size} pt, ${r1(c.box[2] - c.box[0])} pt wide)`;
      if (c.size < 5) problems.push(`${what}: under 5 pt`);
      if (c.box[0] < r.x - 0.01 || c.box[2] > r.x + r.w + 0.01) problems.push(`${what}: wider than its map (${r1(r.w)} pt): ${r1(r.x - c.box[0])} pt left, ${r1(c.box[2] - r.x - r.w)} pt right`);
      if (c.box[0] < -0.01 || c.box[2] > width + 0.01) problems.push(`${what}: out of the page's content (0–${r1(width)} pt)`);
      if (c.box[3] > r.y + 0.01) problems.push(`${what}: runs into its map by ${r1(c.box[3] - r.y)} pt`);
      all.push({ what, box: c.box });
    }
    if (m.yearBox) all.push({ what: `the year ${m.year}`, box: m.yearBox });
  }
  for (let i = 0; i < all.length; i++) for (const o of all.slice(i + 1)) if (meets(all[i].box, o.box)) problems.push(`${all[i].what} overlaps ${o.what}`);
  return problems;
}
