/**
 * Colours and list are independent answers: the map recolours for a new year
 * (and fades for a new filter) without waiting for the planner's worklist.
 * DuckDB is made slow on the worklist: every worklist statement, and whatever
 * the page asks after it, reaches DuckDB's worker only 4 s later, as if the
 * worker were busy with it all that time (one worker answers in order). The map
 * must show the new year's colours, and the filter's fade, long before the list
 * (bench/README.md, "What was slow on packed folders").
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileUrl, launch, waitColoured, type Watched } from './browser.ts';

const DIST = resolve('dist');
const HOLD_MS = 4000;

/**
 * Installed before the app runs: once `__slowWorklist` is set, a statement that
 * reads a worklist year table is posted to DuckDB's worker HOLD_MS later, and
 * every request after it waits behind it, in order.
 */
const SLOW_WORKLIST = `(() => {
  const Native = globalThis.Worker;
  globalThis.Worker = class extends Native {
    constructor(url, options) {
      super(url, options);
      this.__sql = new Map();
      this.__asked = new Map();
      this.__held = null;
      this.addEventListener('message', (e) => {
        const r = e.data;
        if (r && r.type === 'PREPARED_STATEMENT_ID' && this.__asked.has(r.requestId)) this.__sql.set(r.data, this.__asked.get(r.requestId));
      });
    }
    postMessage(m, transfer) {
      const send = () => (transfer === undefined ? super.postMessage(m) : super.postMessage(m, transfer));
      if (!m || typeof m.messageId !== 'number') return send();
      const d = Array.isArray(m.data) ? m.data : [];
      if (m.type === 'CREATE_PREPARED') this.__asked.set(m.messageId, String(d[1]));
      if (this.__held) return void this.__held.push(send);
      const sql = m.type === 'RUN_QUERY' || m.type === 'CREATE_PREPARED' ? String(d[1]) : m.type === 'RUN_PREPARED' ? this.__sql.get(d[1]) || '' : '';
      if (globalThis.__slowWorklist && /FROM worklist_year_\\d+ WHERE/.test(sql)) {
        this.__held = [send];
        globalThis.__heldAt = performance.now();
        setTimeout(() => { const q = this.__held; this.__held = null; q.forEach((f) => f()); }, ${HOLD_MS});
        return;
      }
      return send();
    }
  };
  const marks = [];
  globalThis.__marks = marks;
  // The script runs before <html> exists: watch the document, keep the root's changes.
  new MutationObserver((records) => {
    const t = performance.now();
    for (const r of records) if (r.target === document.documentElement) marks.push({ attr: r.attributeName, value: document.documentElement.getAttribute(r.attributeName) || '', t });
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-rendered-key', 'data-table-key'] });
  addEventListener('change', (e) => (globalThis.__changeAt = e.timeStamp), true);
  addEventListener('click', (e) => (globalThis.__clickAt = e.timeStamp), true);
})();`;

interface Mark {
  attr: string;
  value: string;
  t: number;
}

/** What a mark's value must hold: start with `prefix`, contain `includes`. */
interface Want {
  prefix?: string;
  includes?: string;
}

/** The first mark of `attr` after `since` whose value matches, waiting for it. */
async function markAfter(page: Page, attr: string, since: number, want: Want): Promise<Mark> {
  const handle = await page.waitForFunction(
    ([a, s, w]) =>
      (globalThis as unknown as { __marks: Mark[] }).__marks.find(
        (m) => m.attr === a && m.t >= s && (w.prefix === undefined || m.value.startsWith(w.prefix)) && (w.includes === undefined || m.value.includes(w.includes)),
      ) ?? false,
    [attr, since, want] as const,
    { timeout: 60_000, polling: 50 },
  );
  return (await handle.jsonValue()) as Mark;
}

describe.runIf(existsSync(join(DIST, 'index.html')))('colours and list are independent answers (file://)', () => {
  let browser: Browser;
  let w: Watched;

  beforeAll(async () => {
    browser = await launch();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
    await context.addInitScript({ content: SLOW_WORKLIST });
    const page = await context.newPage();
    w = { page, requests: [], consoleErrors: [], pageErrors: [] };
    page.on('pageerror', (e) => w.pageErrors.push(e.message));
    await page.goto(`${fileUrl(DIST)}#s=2025&y=2025`);
    await waitColoured(page);
    await page.waitForFunction(() => document.documentElement.dataset.dbTables === 'ready' && (document.documentElement.dataset.tableKey ?? '').includes('"year":2025'), undefined, { timeout: 120_000 });
    await page.evaluate(() => ((globalThis as unknown as { __slowWorklist: boolean }).__slowWorklist = true));
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('recolours the map for a new year while DuckDB is still busy with its list', async () => {
    const { page } = w;
    const since = await page.evaluate(() => performance.now());
    await page.getByTestId('year').selectOption('2024');
    const change = await page.evaluate(() => (globalThis as unknown as { __changeAt: number }).__changeAt);
    const map = await markAfter(page, 'data-rendered-key', since, { prefix: '2025|2024|' });
    const list = await markAfter(page, 'data-table-key', since, { includes: '"year":2024' });
    // The hold was in force: the list came after it.
    expect(list.t - change).toBeGreaterThanOrEqual(HOLD_MS);
    // The map did not wait for it (a recolour normally takes tens of ms; seconds of slack for a loaded machine).
    expect(map.t - change).toBeLessThan(HOLD_MS - 1000);
    expect(map.t).toBeLessThan(list.t);
  });

  it("draws the new year's colours in the input's own task, with the status line that names the year", async () => {
    // deck.gl applies new layers only in its next animation frame; on a busy page that frame came
    // after the layout and the other tasks the same change set off (bench/README.md, "Year switch").
    // The map now draws in the task of the `change` event: a listener on `window`, which the event
    // reaches after React's (on the app's root), already sees the frame drawn, and the status line
    // the same commit wrote names the same year.
    const { page } = w;
    const select = page.getByTestId('year');
    const current = await select.inputValue();
    const years = await select.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    const next = years.find((y) => y !== current)!;
    await page.evaluate(() => {
      const g = globalThis as unknown as { __inTask?: Record<string, string> };
      g.__inTask = undefined;
      addEventListener(
        'change',
        () => {
          const d = document.documentElement.dataset;
          g.__inTask = { renderedKey: d.renderedKey ?? '', mapKey: d.mapKey ?? '', status: document.querySelector('[data-testid="weak-count"]')?.textContent ?? '' };
        },
        { once: true },
      );
    });
    await select.selectOption(next);
    const seen = await page.evaluate(() => (globalThis as unknown as { __inTask?: Record<string, string> }).__inTask);
    expect(seen?.renderedKey.startsWith(`2025|${next}|`), `rendered key in the change task: ${seen?.renderedKey}`).toBe(true);
    expect(seen?.mapKey.startsWith(`2025|${next}|`), `map key in the change task: ${seen?.mapKey}`).toBe(true);
    expect(seen?.status).toContain(next);
  });

  it('fades the map for a filter while DuckDB is still busy with its list', async () => {
    const { page } = w;
    const since = await page.evaluate(() => performance.now());
    await page.getByTestId('preset-weak').click();
    const click = await page.evaluate(() => (globalThis as unknown as { __clickAt: number }).__clickAt);
    // The layers key is `colours#filter`: the fade drawn for the weak preset names it after '#'.
    const fade = await markAfter(page, 'data-rendered-key', since, { includes: '"ratings":["Y"]' });
    const list = await markAfter(page, 'data-table-key', since, { includes: '"ratings":["Y"]' });
    expect(list.t - click).toBeGreaterThanOrEqual(HOLD_MS);
    expect(fade.t - click).toBeLessThan(HOLD_MS - 1000);
    expect(fade.t).toBeLessThan(list.t);
  });

  it("started DuckDB's boot only once the first coloured map was drawn (or after 4 s at most)", async () => {
    // DuckDB's script and wasm compile would take the page's thread and the cores from the first
    // frame (bench/README.md, "First coloured map"); the first map is drawn from the bundle alone.
    type Step = { step: string; start: number; end?: number };
    const steps = await w.page.evaluate(() => (globalThis as unknown as { movementAtlas: { timings: () => Step[] } }).movementAtlas.timings());
    const step = (name: string) => steps.find((s) => s.step === name);
    const boot = step('duckdb-boot'), coloured = step('first-coloured-map'), data = step('data-load');
    expect(boot && coloured?.end !== undefined && data).toBeTruthy();
    // The provider asks for the bundle and (after the wait) for DuckDB in the same effect: data-load's start is the wait's.
    expect(boot!.start).toBeGreaterThanOrEqual(Math.min(coloured!.end!, data!.start + 4000) - 5);
  });

  it('logged no page error', () => {
    expect(w.pageErrors).toEqual([]);
  });
});
