/**
 * One cold start: a fresh browser opens the folder's index.html from file://
 * with a view in the hash, and the page's own clock (ms since navigation
 * start) tells when each state was reached. Step durations come from the
 * app's timeline (`movementAtlas.timings()`).
 */
import type { StepTiming } from '../../../src/model/timeline.ts';
import { freshPage, heapSample, processMemory, type BenchPage, type HeapSample, type ProcessMemory } from './browser.ts';
import { inPage, type DuckdbRequest, type Mark } from './instrument.ts';

export interface ColdStart {
  /** ms since navigation start. */
  firstFrame: number;
  /**
   * The first coloured map on screen: the first paint's (a 2D canvas from the
   * bundle, src/poster.ts) when the page drew one, else the live map's.
   */
  firstColouredMap: number;
  /** The first paint drawn (NaN when the page drew none). */
  firstPaint: number;
  /** The live (WebGL) map first drawn coloured: interactive from then on. */
  liveMap: number;
  dataLoaded: number;
  /** DuckDB's engine up (script + instantiate), before the data is inserted. */
  duckdbBooted: number;
  /** DuckDB answers the app (the first view's series in; with a shipped series the other tables may still be on their way). */
  duckdbReady: number;
  /** Every table of the bundle in DuckDB (after the first list when the bundle ships its series). */
  tablesIn: number;
  /** First worklist committed to the DOM. */
  tableShown: number;
  /** The map coloured, DuckDB ready and the worklist shown. */
  interactive: number;
  steps: StepTiming[];
  heap: HeapSample;
  processes?: ProcessMemory[];
  errors: string[];
  /** DuckDB's requests until the page settled after load (instrument.ts). */
  duckdb: DuckdbRequest[];
}

interface ProbeWindow {
  movementAtlas?: { timings(): StepTiming[] };
}

const firstMark = (marks: Mark[], attr: Mark['attr'], value?: string) => marks.find((m) => m.attr === attr && (value === undefined || m.value === value))?.t ?? NaN;

/**
 * Opens `url` in a fresh browser and waits until the atlas is interactive.
 * Returns the measures and, if `keep`, the still-open page for interactions.
 */
export async function coldStart(url: string, keep: boolean): Promise<{ result: ColdStart; session?: BenchPage }> {
  const session = await freshPage();
  const { page, cdp, browser, errors } = session;
  try {
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(
      () => {
        const d = document.documentElement.dataset;
        return d.mapState === 'coloured' && d.dbState === 'ready' && d.tableKey !== undefined && d.dbTables === 'ready';
      },
      undefined,
      { timeout: 240_000, polling: 100 },
    );
    const marks = await inPage.marks(page);
    const steps = await page.evaluate(() => (globalThis as unknown as ProbeWindow).movementAtlas?.timings() ?? []);
    const step = (name: string) => steps.find((s) => s.step === name);
    const liveMap = firstMark(marks, 'data-map-state', 'coloured');
    const firstPaint = firstMark(marks, 'data-first-paint', 'drawn');
    const firstColouredMap = Number.isNaN(firstPaint) ? liveMap : Math.min(firstPaint, liveMap);
    const duckdbReady = firstMark(marks, 'data-db-state', 'ready');
    const tableShown = firstMark(marks, 'data-table-key');
    const tablesIn = firstMark(marks, 'data-db-tables', 'ready');
    // Memory once the page has settled after load (no state change for 1 s).
    await inPage.waitQuiet(page, 1000, 30_000).catch(() => undefined);
    const heap = await heapSample(cdp);
    const processes = await processMemory(browser);
    const duckdb = await inPage.duckdb(page);
    const result: ColdStart = {
      firstFrame: step('first-frame')?.end ?? firstMark(marks, 'data-frame'),
      firstColouredMap,
      firstPaint,
      liveMap,
      dataLoaded: step('data-load')?.end ?? NaN,
      duckdbBooted: step('duckdb-boot')?.end ?? NaN,
      duckdbReady,
      tablesIn,
      tableShown,
      interactive: Math.max(liveMap, duckdbReady, tableShown),
      steps,
      heap,
      processes,
      errors: [...errors],
      duckdb,
    };
    if (keep) return { result, session };
    await browser.close();
    return { result };
  } catch (e) {
    await browser.close();
    throw e;
  }
}
