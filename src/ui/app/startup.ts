/**
 * The page's one start-up timeline, shared by the provider, the map and
 * diagnostics, and the gate that lets the planner's first list reach DuckDB
 * first. The whole start-up sequence, step by step: ./startup.md.
 */
import { FIRST_PAINT_STEPS } from '../../map/first-paint.ts';
import { Timeline, type StepTiming } from '../../model/timeline.ts';

export const timeline = new Timeline(() => performance.now());
// The first paint's script ran before this one (src/poster.ts): its steps join the timeline.
for (const t of ((globalThis as unknown as Record<string, StepTiming[] | undefined>)[FIRST_PAINT_STEPS] ?? [])) timeline.add(t);

/** Small read-only window into the running app, for the diagnostics panel, e2e tests and the benchmark. */
export interface AtlasProbe {
  timings: () => ReturnType<Timeline['list']>;
  project?: (lng: number, lat: number) => [number, number];
  camera?: () => { lng: number; lat: number; zoom: number; moving: boolean };
  unitAt?: (code: string) => [number, number] | undefined;
  /**
   * The labels the map draws now (province names that fit, and the sovereignty labels, which carry
   * their `role`): each hangs below its position ('top') or is centred on it.
   */
  labels?: () => { text: string; position: [number, number]; size: number; baseline: 'center' | 'top'; role?: 'archipelago' | 'sea' }[];
  /** What the last image export drew: its labels (in output pixels), whether it had the inset, and its map rectangles. */
  lastExport?: ExportRecord;
  /**
   * The benchmark's floor of a recolour (src/map/draw-now.ts timedDraw): ms to draw the map's
   * frame again now, with nothing new, or with its fill colours worked out again (`recolour`);
   * the colours on screen stay the same. NaN when the map cannot draw yet.
   */
  drawFloor?: (recolour: boolean) => number;
}

export interface ExportRecord {
  width: number;
  height: number;
  labels: { text: string; x: number; y: number; size: number }[];
  inset?: { x: number; y: number; w: number; h: number };
  maps: { x: number; y: number; w: number; h: number; year?: number }[];
}

export const probe: AtlasProbe = { timings: () => timeline.list() };
(globalThis as unknown as { movementAtlas: AtlasProbe }).movementAtlas = probe;

/** Marks a state on <html data-…> so tests and users' scripts can wait on it. */
export function markState(name: string, value: string): void {
  document.documentElement.dataset[name] = value;
}

let listShown: () => void = () => undefined;
let mapShown: () => void = () => undefined;

/**
 * Settles once the first coloured map is on screen, or the map cannot be drawn
 * (no WebGL2, a map error, a bundle that failed or waits for its passphrase).
 * DuckDB's boot waits for it (see DataProvider): its 10 MB script is parsed on
 * the page's thread and its wasm compiled on the same few cores the first
 * frame needs, and the first map is drawn from the bundle's own ratings.
 */
export const firstMapShown: Promise<void> = new Promise((resolve) => (mapShown = resolve));

/** Called by the page when its first coloured map is drawn, or when there will be none. */
export function markFirstMapShown(): void {
  mapShown();
}

/**
 * Settles once the page's first worklist is on screen, or has failed. DuckDB
 * answers one question at a time, in the order asked: at start-up the list is
 * asked first and everything else (the map's colours from DuckDB, priority
 * flags, charts) waits for this, so the planner's list is not queued behind
 * them. Later questions are not held: it has settled by then.
 */
export const firstListShown: Promise<void> = new Promise((resolve) => (listShown = resolve));

/** Called by the page when its first worklist (or its error) is shown. */
export function markFirstListShown(): void {
  listShown();
}

/**
 * Runs `ask` a task after the first list is shown: a task later, so that a
 * worklist asked by the page in the same commit reaches DuckDB first (child
 * components' effects run before the page's). Returns a cancel function.
 */
export function askAfterFirstList(ask: () => void): () => void {
  let cancelled = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  void firstListShown.then(() => {
    if (!cancelled) timer = setTimeout(ask, 0);
  });
  return () => {
    cancelled = true;
    clearTimeout(timer);
  };
}
