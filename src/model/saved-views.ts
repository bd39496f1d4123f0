/**
 * Saved views: named snapshots of the whole view (the same URL-hash value a
 * link carries), with a title and a note, in an order that plays like slides.
 * They are kept in the browser per folder and travel as a JSON file next to the
 * folder. Reading a file is forgiving like reading a hash: what cannot apply is
 * dropped with a reason; nothing throws.
 */
import { hashToView, type ViewBounds, type ViewState, viewToHash } from './view-state.ts';

export const VIEWS_FORMAT = 'movement-atlas-views';
export const VIEWS_VERSION = 1;

export interface SavedView {
  id: string;
  title: string;
  note: string;
  /** The view as a URL hash (`#v=1&…`), the same form a shared link has. */
  hash: string;
  /**
   * The extent on screen when it was saved, [west, south, east, north]: a slide
   * fits this extent, so it frames the same area on a projector of another shape.
   */
  extent?: [number, number, number, number];
}

export interface ViewsFile {
  format: typeof VIEWS_FORMAT;
  version: typeof VIEWS_VERSION;
  /** Identity of the data bundle the views were made on, for a warning when it differs. */
  bundleId?: string;
  views: SavedView[];
}

const MAX_TITLE = 200;
const MAX_NOTE = 2000;

/** A new saved view from the current state; `id` comes from the caller (no clock or randomness here). */
export function captureView(id: string, view: ViewState, bounds: ViewBounds, title: string, note = '', extent?: [number, number, number, number]): SavedView {
  const v: SavedView = { id, title: title.slice(0, MAX_TITLE), note: note.slice(0, MAX_NOTE), hash: viewToHash(view, bounds) };
  if (extent && validExtent(extent)) v.extent = extent;
  return v;
}

function validExtent(e: unknown): e is [number, number, number, number] {
  return Array.isArray(e) && e.length === 4 && e.every((x) => typeof x === 'number' && Number.isFinite(x)) && e[0] < e[2] && e[1] < e[3] && Math.abs(e[1]) <= 90 && Math.abs(e[3]) <= 90;
}

/** The view a saved view stands for, against what the current bundle allows. */
export function viewOf(saved: SavedView, bounds: ViewBounds) {
  return hashToView(saved.hash, bounds);
}

export function renameView(views: SavedView[], id: string, title: string, note?: string): SavedView[] {
  return views.map((v) => (v.id === id ? { ...v, title: title.slice(0, MAX_TITLE), note: note === undefined ? v.note : note.slice(0, MAX_NOTE) } : v));
}

export function removeView(views: SavedView[], id: string): SavedView[] {
  return views.filter((v) => v.id !== id);
}

/** Moves a view by `delta` places (−1 up, +1 down), clamped to the list. */
export function moveView(views: SavedView[], id: string, delta: number): SavedView[] {
  const i = views.findIndex((v) => v.id === id);
  if (i < 0) return views;
  const j = Math.max(0, Math.min(views.length - 1, i + delta));
  if (i === j) return views;
  const out = [...views];
  const [v] = out.splice(i, 1);
  out.splice(j, 0, v);
  return out;
}

export function viewsToJson(views: SavedView[], bundleId?: string): string {
  const file: ViewsFile = { format: VIEWS_FORMAT, version: VIEWS_VERSION, bundleId, views };
  return JSON.stringify(file, null, 2);
}

export interface ParsedViewsFile {
  views: SavedView[];
  bundleId?: string;
  problems: string[];
}

/** Reads a views file (or stored value). Never throws; bad entries are dropped and listed. */
export function parseViewsFile(text: string): ParsedViewsFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { views: [], problems: ['not a JSON file'] };
  }
  if (!raw || typeof raw !== 'object') return { views: [], problems: ['not a views file'] };
  const d = raw as Partial<ViewsFile>;
  if (d.format !== VIEWS_FORMAT) return { views: [], problems: [`format is ${String(d.format)}, expected ${VIEWS_FORMAT}`] };
  const problems: string[] = [];
  if (d.version !== VIEWS_VERSION) problems.push(`version ${String(d.version)} is not ${VIEWS_VERSION}; read what could be read`);
  const views: SavedView[] = [];
  const seen = new Set<string>();
  (Array.isArray(d.views) ? d.views : []).forEach((v: unknown, i) => {
    const o = v as Partial<SavedView> | null;
    if (!o || typeof o !== 'object' || typeof o.hash !== 'string' || !o.hash.startsWith('#')) {
      problems.push(`view ${i + 1} has no view state and was skipped`);
      return;
    }
    let id = typeof o.id === 'string' && o.id ? o.id.slice(0, 64) : `v${i + 1}`;
    while (seen.has(id)) id = `${id}-${i + 1}`;
    seen.add(id);
    const view: SavedView = {
      id,
      title: typeof o.title === 'string' ? o.title.slice(0, MAX_TITLE) : `#${i + 1}`,
      note: typeof o.note === 'string' ? o.note.slice(0, MAX_NOTE) : '',
      hash: o.hash.slice(0, 4000),
    };
    if (validExtent(o.extent)) view.extent = [...o.extent];
    views.push(view);
  });
  return { views, bundleId: typeof d.bundleId === 'string' ? d.bundleId : undefined, problems };
}
