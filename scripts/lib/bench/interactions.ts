/**
 * Interactions on a loaded atlas, each repeated and timed from the input
 * event's `timeStamp` (when the browser received it) to the app's state marks:
 * - `ready`: the new colours (or filter fade) are computed and handed to
 *   deck.gl (`data-layers-key`): DuckDB query + colour array + React commit;
 * - `drawn`: the first deck.gl frame drawn with them (`data-rendered-key`),
 *   i.e. "recoloured"; `drawn - ready` is the wait for the next animation
 *   frame plus the draw itself (software WebGL here);
 * - `pixels`: that frame's pixels read back from the canvases, which waits
 *   until the GPU (SwiftShader here) has rasterised it: the colours are really
 *   on screen;
 * - `table`: the worklist rows for the new filter committed to the DOM
 *   (`data-table-key`); `queryMs` is the app's own timing of the worklist query.
 * Each interaction waits for the page to settle before the next, so samples do
 * not overlap. A measure stops after `n` samples or, past the first few, when
 * its time budget is spent (software rendering makes some take seconds each);
 * the reported n says how many were taken.
 */
import type { Page } from 'playwright-core';
import { inPage } from './instrument.ts';

export interface Sample {
  /** ms from the input event. NaN when that mark did not apply or did not come. */
  ready: number;
  drawn: number;
  pixels: number;
  table: number;
  /** The app's timing of the worklist query (data-worklist-ms). */
  queryMs: number;
}

export interface HoverSample {
  /** Input event to the tooltip for the new commune in the DOM. */
  tooltip: number;
  /** Input event to the first deck.gl frame after it (the hover outline drawn). */
  highlight: number;
  /** Input event to that frame's pixels read back. */
  pixels: number;
}

/** How many samples a measure takes: up to `n`, or fewer (never under `min`) once `budgetMs` of wall time is spent. */
export interface Repeat {
  n: number;
  min: number;
  budgetMs: number;
}

const more = (r: Repeat, done: number, started: number) => done < r.n && (done < r.min || Date.now() - started < r.budgetMs);

const hashPart = (key: string, side: 0 | 1) => {
  const i = key.indexOf('#');
  return i < 0 ? (side === 0 ? key : '') : side === 0 ? key.slice(0, i) : key.slice(i + 1);
};

async function sinceEvent(page: Page, types: string[], since: number): Promise<number> {
  for (const type of types) {
    const t = await inPage.firstEvent(page, type, since);
    if (t !== null) return t;
  }
  throw new Error(`no ${types.join('/')} event reached the page`);
}

/**
 * Switches the year control through the years (never to the year on screen) and waits for the
 * recoloured map and the year's worklist. With `readPixels`, the recoloured frame's pixels are read
 * back as it is drawn (and only `pixels` is kept: the read-back holds the page's thread until the
 * GPU has rasterised the frame, which would delay the worklist's answer behind it; see keep()).
 */
export async function yearSwitches(page: Page, structure: string, years: number[], rep: Repeat, readPixels: boolean): Promise<Sample[]> {
  const out: Sample[] = [];
  const order = [...years].sort((a, b) => b - a);
  const select = page.getByTestId('year');
  for (const started = Date.now(); more(rep, out.length, started); ) {
    const current = Number(await select.inputValue());
    let next = order[(order.indexOf(current) + 1) % order.length];
    if (next === current) next = order[(order.indexOf(current) + 2) % order.length];
    const since = await inPage.now(page);
    const prefix = `${structure}|${next}|`;
    const armed = await inPage.arm(page, { attr: 'data-rendered-key', since, prefix, sync: readPixels });
    await select.selectOption(String(next));
    const ready = await inPage.waitMark(page, { attr: 'data-layers-key', since, prefix });
    const drawn = await inPage.armed(page, armed);
    const table = await inPage.waitMark(page, { attr: 'data-table-key', since, includes: `"year":${next}` });
    const ev = await sinceEvent(page, ['change', 'input'], since);
    const queryMs = Number(await inPage.current(page, 'data-worklist-ms'));
    await inPage.waitQuiet(page, 200);
    out.push(keep({ ready: ready.t - ev, drawn: drawn.t - ev, pixels: (drawn.tPixels ?? NaN) - ev, table: table.t - ev, queryMs }, readPixels));
  }
  return out;
}

/** deck.gl's own part of a recolour, timed in the page alone (probe.drawFloor): ms per sample. */
export interface DrawFloor {
  /** The map's frame drawn again, nothing new. */
  redraw: number[];
  /** The same with the fill colours worked out again (as a year switch does), no input event and no React. */
  recolour: number[];
}

/**
 * The floor under the year switch's "recoloured (frame drawn)": what deck.gl
 * alone takes to draw the map's frame, and to work out its colours and draw,
 * called straight in the page (the app's probe.drawFloor). A year switch
 * cannot be faster than the second; the first is the draw itself.
 */
export async function drawFloors(page: Page, rep: Repeat): Promise<DrawFloor> {
  const out: DrawFloor = { redraw: [], recolour: [] };
  for (const started = Date.now(); more(rep, out.recolour.length, started); ) {
    for (const recolour of [false, true]) {
      const ms = (await page.evaluate(`globalThis.movementAtlas.drawFloor ? globalThis.movementAtlas.drawFloor(${recolour}) : NaN`)) as number;
      (recolour ? out.recolour : out.redraw).push(ms);
      await inPage.waitQuiet(page, 200);
    }
  }
  return out;
}

/**
 * A sample of a pass that reads pixels back keeps only `pixels`; a pass that
 * does not keeps the rest. Reading pixels back blocks the page's thread until
 * the GPU (SwiftShader here) has rasterised the frame, so when the map's fade
 * is drawn before the worklist answers, it would delay the table's commit and
 * the benchmark would measure itself: the two are taken in separate passes.
 */
function keep(sample: Sample, readPixels: boolean): Sample {
  return readPixels ? { ready: NaN, drawn: NaN, pixels: sample.pixels, table: NaN, queryMs: NaN } : { ...sample, pixels: NaN };
}

/** Toggles the "weak communes" preset on and off; the map fades what is outside the filter. */
export async function filterToggles(page: Page, rep: Repeat, readPixels: boolean): Promise<Sample[]> {
  const out: Sample[] = [];
  const button = page.getByTestId('preset-weak');
  for (const started = Date.now(); more(rep, out.length, started); ) {
    const filterBefore = hashPart(await inPage.current(page, 'data-rendered-key'), 1);
    const tableBefore = await inPage.current(page, 'data-table-key');
    const since = await inPage.now(page);
    const armed = await inPage.arm(page, { attr: 'data-rendered-key', since, afterHash: filterBefore, sync: readPixels });
    await button.click();
    const ready = await inPage.waitMark(page, { attr: 'data-layers-key', since, afterHash: filterBefore });
    const drawn = await inPage.armed(page, armed);
    const table = await inPage.waitMark(page, { attr: 'data-table-key', since, notValue: tableBefore });
    const ev = await sinceEvent(page, ['click'], since);
    const queryMs = Number(await inPage.current(page, 'data-worklist-ms'));
    await inPage.waitQuiet(page, 200);
    out.push(keep({ ready: ready.t - ev, drawn: drawn.t - ev, pixels: (drawn.tPixels ?? NaN) - ev, table: table.t - ev, queryMs }, readPixels));
  }
  if ((await button.getAttribute('aria-pressed')) === 'true') {
    await button.click();
    await inPage.waitQuiet(page, 300);
  }
  return out;
}

/** Words typed and erased one key at a time; every key changes the search text. */
const WORDS = ['thanh', 'hoa', 'son', 'binh', 'an', 'phu', 'xuan', 'long', 'tan', 'minh', 'dong', 'ha'];

/** Types into the search box key by key; each keystroke waits for its worklist on screen. */
export async function searchKeystrokes(page: Page, rep: Repeat, readPixels: boolean): Promise<Sample[]> {
  const keys: string[] = [];
  for (let w = 0; keys.length < rep.n; w++) {
    const word = WORDS[w % WORDS.length];
    keys.push(...word.split(''), ...word.split('').map(() => 'Backspace'));
  }
  const out: Sample[] = [];
  await page.getByTestId('search').click();
  const started = Date.now();
  for (const key of keys) {
    // Stop only on an empty box (after a word's last Backspace), so every sample types into a known text.
    if (!more(rep, out.length, started) && (await page.getByTestId('search').inputValue()) === '') break;
    const rendered = await inPage.current(page, 'data-rendered-key');
    const tableBefore = await inPage.current(page, 'data-table-key');
    const since = await inPage.now(page);
    const armed = await inPage.arm(page, { attr: 'data-rendered-key', since, afterHash: hashPart(rendered, 1), sync: readPixels });
    await page.keyboard.press(key);
    const table = await inPage.waitMark(page, { attr: 'data-table-key', since, notValue: tableBefore });
    const ready = await inPage.waitMark(page, { attr: 'data-layers-key', since, afterHash: hashPart(rendered, 1) });
    const drawn = await inPage.armed(page, armed);
    const ev = await sinceEvent(page, ['keydown'], since);
    const queryMs = Number(await inPage.current(page, 'data-worklist-ms'));
    await inPage.waitQuiet(page, 150);
    out.push(keep({ ready: ready.t - ev, drawn: drawn.t - ev, pixels: (drawn.tPixels ?? NaN) - ev, table: table.t - ev, queryMs }, readPixels));
  }
  await page.getByTestId('search').fill('');
  await inPage.waitQuiet(page, 300);
  return out;
}

/**
 * Screen points over communes the user can see: interior points of the
 * worklist's communes (through the app's probe), then a grid over the map.
 * In-page code as text (see instrument.ts).
 */
async function candidatePoints(page: Page): Promise<[number, number][]> {
  const codes = await page.locator('.wl-row').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.code ?? ''));
  const script = `(() => {
    const list = ${JSON.stringify(codes)};
    const stage = document.querySelector('.stage').getBoundingClientRect();
    const blocked = [...document.querySelectorAll('.map-legend, .maplibregl-ctrl, .tooltip, .notice')].map((e) => e.getBoundingClientRect());
    const pts = [];
    const add = (p) => {
      if (!p) return;
      const x = p[0], y = p[1];
      if (x < stage.left + 20 || x > stage.right - 20 || y < stage.top + 20 || y > stage.bottom - 20) return;
      if (blocked.some((r) => x >= r.left - 8 && x <= r.right + 8 && y >= r.top - 8 && y <= r.bottom + 8)) return;
      if (pts.some((q) => Math.abs(q[0] - x) + Math.abs(q[1] - y) < 30)) return;
      pts.push([Math.round(x), Math.round(y)]);
    };
    const probe = globalThis.movementAtlas;
    for (const code of list) add(probe.unitAt ? probe.unitAt(code) : undefined);
    for (let gx = 0.3; gx <= 0.7; gx += 0.1) for (let gy = 0.15; gy <= 0.85; gy += 0.1) add([stage.left + gx * stage.width, stage.top + gy * stage.height]);
    return pts;
  })()`;
  return (await page.evaluate(script)) as [number, number][];
}

/**
 * Moves the mouse between communes and times the tooltip and the hover
 * outline. The first hover (picking shaders compile) is returned apart.
 */
export async function hovers(page: Page, rep: Repeat): Promise<{ first: HoverSample; samples: HoverSample[]; points: number }> {
  const candidates = await candidatePoints(page);
  const good: [number, number][] = [];
  let first: HoverSample | undefined;
  const one = async (x: number, y: number, timeout: number): Promise<HoverSample | undefined> => {
    const prev = await inPage.tooltipState(page);
    const since = await inPage.now(page);
    const armed = await inPage.arm(page, { attr: 'data-frame', since, sync: true }, timeout + 10_000);
    const tipId = await inPage.armTooltip(page, prev, timeout);
    await page.mouse.move(x, y);
    try {
      const tip = await inPage.armedTooltip(page, tipId);
      const ev = await sinceEvent(page, ['pointermove', 'mousemove'], since);
      const frame = await inPage.armed(page, armed).catch(() => undefined);
      await inPage.waitQuiet(page, 100);
      return { tooltip: tip.t - ev, highlight: frame ? frame.t - ev : NaN, pixels: frame?.tPixels !== undefined ? frame.tPixels - ev : NaN };
    } catch {
      return undefined;
    }
  };
  for (const [x, y] of candidates) {
    if (good.length >= 4) break;
    // Park the mouse off the map between probes so each probe is a fresh hover.
    await page.mouse.move(4, 4);
    await inPage.waitQuiet(page, 100);
    const s = await one(x, y, first ? 5_000 : 60_000);
    if (!s) continue;
    first ??= s;
    good.push([x, y]);
  }
  if (!first || good.length < 2) throw new Error(`hover: found ${good.length} points over communes`);
  const samples: HoverSample[] = [];
  for (let i = 0, started = Date.now(); more(rep, samples.length, started) && i < rep.n * 3; i++) {
    const [x, y] = good[i % good.length];
    const s = await one(x, y, 30_000);
    if (s) samples.push(s);
  }
  await page.mouse.move(4, 4);
  await inPage.waitQuiet(page, 200);
  return { first, samples, points: good.length };
}
