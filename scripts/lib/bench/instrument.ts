/**
 * What the benchmark installs in the page before the app's scripts run
 * (`page.addInitScript`): a log of input events (their `timeStamp`, i.e. when
 * the browser received them) and of the app's `<html data-…>` state changes
 * (the time a MutationObserver saw them), plus promises to wait on both.
 * Latencies are then computed from the page's own clock, with no round trip
 * through the DevTools protocol inside the measured interval.
 *
 * It is plain JavaScript text on purpose: functions passed to playwright are
 * serialised with `toString()`, and tsx's transform can add helper calls
 * (`__name`) that do not exist in the page.
 */
import type { Page } from 'playwright-core';

/** The `<html>` attributes the app sets (see src/ui/app/App.tsx, src/ui/app/DataProvider.tsx, src/ui/planner/useWorklist.ts). */
export const WATCHED_ATTRIBUTES = [
  'data-first-paint',
  'data-map-state',
  'data-map-key',
  'data-db-state',
  'data-db-tables',
  'data-layers-key',
  'data-rendered-key',
  'data-frame',
  'data-table-key',
  'data-worklist-key',
  'data-worklist-ms',
] as const;
export type WatchedAttribute = (typeof WATCHED_ATTRIBUTES)[number];

export const INSTRUMENT_SCRIPT = `(() => {
  const ATTRS = ${JSON.stringify(WATCHED_ATTRIBUTES)};
  const marks = [];
  const events = [];
  const waiters = new Set();
  const matches = (m, s) => m.attr === s.attr && m.t >= (s.since || 0) &&
    (s.notValue === undefined || m.value !== s.notValue) &&
    (s.prefix === undefined || m.value.startsWith(s.prefix)) &&
    (s.includes === undefined || m.value.includes(s.includes)) &&
    (s.afterHash === undefined || m.value.slice(m.value.indexOf('#') + 1) !== s.afterHash) &&
    (s.beforeHash === undefined || m.value.slice(0, m.value.indexOf('#')) !== s.beforeHash);
  const probe = document.createElement('canvas');
  probe.width = 1; probe.height = 1;
  // Reading a pixel back from every canvas waits until the GPU (here SwiftShader)
  // has really rasterised what was drawn: a frame "drawn" by deck.gl is only queued.
  const readBack = () => {
    const ctx = probe.getContext('2d', { willReadFrequently: true });
    for (const c of document.querySelectorAll('canvas')) { if (c.width && c.height) ctx.drawImage(c, 0, 0, 1, 1, 0, 0, 1, 1); }
    ctx.getImageData(0, 0, 1, 1);
    return performance.now();
  };
  const check = (live) => {
    for (const w of [...waiters]) {
      const m = marks.find((x) => matches(x, w.spec));
      if (m) {
        waiters.delete(w); clearTimeout(w.timer);
        // The read-back waits a task, so other observers of the same mutations (the tooltip's)
        // record their time before it blocks; the GPU wait dwarfs that task.
        if (w.spec.sync && live) setTimeout(() => w.resolve({ ...m, tPixels: readBack() }), 0);
        else w.resolve(m);
      }
    }
  };
  const armed = new Map();
  let nextId = 0;
  const observer = new MutationObserver((records) => {
    const t = performance.now();
    const root = document.documentElement;
    for (let i = 0; i < records.length; i++) {
      const r = records[i];
      if (r.target !== root) continue;
      // Several changes of one attribute in one batch: each value is the next record's old value.
      let value = null;
      for (let j = i + 1; j < records.length; j++) {
        if (records[j].target === root && records[j].attributeName === r.attributeName) { value = records[j].oldValue; break; }
      }
      if (value === null) value = root.getAttribute(r.attributeName);
      marks.push({ attr: r.attributeName, value: value || '', t });
    }
    check(true);
  });
  observer.observe(document, { subtree: true, attributes: true, attributeOldValue: true, attributeFilter: ATTRS });
  // DuckDB's requests to its worker and their answers (scripts/lib/bench/statements.ts reads them):
  // the page posts {messageId, type, data} and the worker answers {requestId, type}. One worker
  // answers one request at a time, in order, so an answer's time minus the later of its post and
  // the previous answer is what that statement cost (plus any wait of the page's own thread).
  const duckdb = [];
  const DUCK = new Set(['RUN_QUERY', 'RUN_PREPARED', 'CREATE_PREPARED', 'CLOSE_PREPARED', 'INSERT_ARROW_FROM_IPC_STREAM', 'INSTANTIATE', 'OPEN', 'CONNECT', 'GET_VERSION']);
  const NativeWorker = globalThis.Worker;
  if (NativeWorker) {
    globalThis.Worker = class extends NativeWorker {
      constructor(url, options) {
        super(url, options);
        const pending = new Map();
        const prepared = new Map();
        this.__benchPending = pending;
        this.__benchPrepared = prepared;
        this.addEventListener('message', (e) => {
          const r = e.data;
          if (!r || typeof r.requestId !== 'number' || !pending.has(r.requestId)) return;
          const q = pending.get(r.requestId);
          pending.delete(r.requestId);
          q.t1 = performance.now();
          q.ok = r.type !== 'ERROR';
          if (r.type === 'PREPARED_STATEMENT_ID') prepared.set(r.data, q.sql);
          duckdb.push(q);
        });
      }
      postMessage(m, transfer) {
        if (m && typeof m.messageId === 'number' && DUCK.has(m.type)) {
          const d = Array.isArray(m.data) ? m.data : [];
          let sql = '';
          if (m.type === 'RUN_QUERY' || m.type === 'CREATE_PREPARED') sql = String(d[1] || '');
          else if (m.type === 'RUN_PREPARED') sql = this.__benchPrepared.get(d[1]) || '';
          else if (m.type === 'INSERT_ARROW_FROM_IPC_STREAM') sql = 'INSERT ARROW INTO ' + ((d[2] && d[2].name) || '?') + (d[2] && d[2].create === false ? ' (append)' : '');
          this.__benchPending.set(m.messageId, { type: m.type, sql: sql.replace(/\\s+/g, ' ').trim().slice(0, 400), bytes: d[1] && d[1].byteLength ? d[1].byteLength : 0, t0: performance.now() });
        }
        return transfer === undefined ? super.postMessage(m) : super.postMessage(m, transfer);
      }
    };
  }
  for (const type of ['keydown', 'input', 'change', 'click', 'pointermove', 'mousemove']) {
    addEventListener(type, (e) => events.push({ type, t: e.timeStamp }), { capture: true, passive: true });
  }
  globalThis.__bench = {
    marks,
    events,
    duckdb,
    now: () => performance.now(),
    current: (attr) => document.documentElement.getAttribute(attr) || '',
    firstEvent: (type, since) => { const e = events.find((x) => x.type === type && x.t >= since - 1); return e ? e.t : null; },
    waitMark: (spec, timeout) => new Promise((resolve, reject) => {
      const w = { spec, resolve, timer: 0 };
      w.timer = setTimeout(() => { waiters.delete(w); reject(new Error('timeout waiting for ' + JSON.stringify(spec))); }, timeout);
      waiters.add(w);
      check(false);
    }),
    /** Starts waiting before the action, so a sync read-back happens as the frame is drawn. */
    arm: (spec, timeout) => {
      const id = ++nextId;
      armed.set(id, globalThis.__bench.waitMark(spec, timeout).then((m) => ({ ok: m }), (e) => ({ err: String(e) })));
      return id;
    },
    /** Starts watching the tooltip before the mouse moves, so its time is when it changed, not when we looked. */
    armTooltip: (prev, timeout) => {
      const id = ++nextId;
      armed.set(id, globalThis.__bench.waitTooltip(prev, timeout).then((m) => ({ ok: m }), (e) => ({ err: String(e) })));
      return id;
    },
    armed: async (id) => { const r = await armed.get(id); armed.delete(id); if (r.err) throw new Error(r.err); return r.ok; },
    /**
     * Resolves when no watched attribute changed for quietMs (the page has settled) and
     * the GPU has rasterised every frame drawn so far (a read-back waits for it): the next
     * sample starts from an idle GPU, whether or not its own pass reads pixels back.
     */
    waitQuiet: (quietMs, timeout) => new Promise((resolve, reject) => {
      const start = performance.now();
      const tick = () => {
        const last = marks.length ? marks[marks.length - 1].t : 0;
        const now = performance.now();
        if (now - last >= quietMs) return resolve(readBack());
        if (now - start > timeout) return reject(new Error('page never settled'));
        setTimeout(tick, Math.max(10, quietMs - (now - last)));
      };
      tick();
    }),
    tooltipState: () => {
      const el = document.querySelector('[data-testid="tooltip"]');
      return el ? el.style.left + ',' + el.style.top + ',' + el.textContent : '';
    },
    /** Resolves with the time the hover tooltip differs from prev (appeared, moved or changed text). */
    waitTooltip: (prev, timeout) => new Promise((resolve, reject) => {
      const stage = document.querySelector('.stage') || document.body;
      const state = globalThis.__bench.tooltipState;
      let timer = 0;
      const obs = new MutationObserver(() => {
        const s = state();
        if (s && s !== prev) { const t = performance.now(); obs.disconnect(); clearTimeout(timer); resolve({ t, state: s }); }
      });
      const now = state();
      if (now && now !== prev) return resolve({ t: performance.now(), state: now });
      obs.observe(stage, { subtree: true, childList: true, attributes: true, characterData: true, attributeFilter: ['style'] });
      timer = setTimeout(() => { obs.disconnect(); reject(new Error('timeout waiting for the tooltip')); }, timeout);
    }),
  };
})();`;

/** A `<html data-…>` change seen by the page's observer. */
export interface Mark {
  attr: WatchedAttribute;
  value: string;
  /** performance.now() of the page. */
  t: number;
  /** With `sync`: when the pixels of that frame could be read back. */
  tPixels?: number;
}

/** What a mark must match: the attribute, not before `since`, and optionally its value. */
export interface MarkSpec {
  attr: WatchedAttribute;
  since: number;
  notValue?: string;
  prefix?: string;
  includes?: string;
  /** The part after '#' (the worklist filter of a layers key) must differ from this. */
  afterHash?: string;
  /** The part before '#' (the colours key) must differ from this. */
  beforeHash?: string;
  /**
   * When the mark is the latest one (caught as it happens), read pixels back
   * from the canvases at once and report the time in `tPixels`.
   */
  sync?: boolean;
}

interface BenchGlobal {
  __bench: {
    now(): number;
    current(attr: string): string;
    firstEvent(type: string, since: number): number | null;
    waitMark(spec: MarkSpec, timeout: number): Promise<Mark>;
    arm(spec: MarkSpec, timeout: number): number;
    armed(id: number): Promise<Mark>;
    armTooltip(prev: string, timeout: number): number;
    waitQuiet(quietMs: number, timeout: number): Promise<number>;
    tooltipState(): string;
    waitTooltip(prev: string, timeout: number): Promise<{ t: number; state: string }>;
    marks: Mark[];
    duckdb: DuckdbRequest[];
  };
}

/** One request of the page to DuckDB's worker, as the page saw it (performance.now()). */
export interface DuckdbRequest {
  type: string;
  /** The statement (whitespace collapsed, first 400 characters), or `INSERT ARROW INTO <table>`. */
  sql: string;
  /** Bytes of an Arrow insert. */
  bytes: number;
  /** Posted to the worker. */
  t0: number;
  /** Its answer handled by the page. */
  t1: number;
  ok: boolean;
}

/** Typed calls into the page's `__bench` helpers. */
export const inPage = {
  now: (page: Page) => page.evaluate(() => (globalThis as unknown as BenchGlobal).__bench.now()),
  current: (page: Page, attr: WatchedAttribute) => page.evaluate((a) => (globalThis as unknown as BenchGlobal).__bench.current(a), attr),
  firstEvent: (page: Page, type: string, since: number) =>
    page.evaluate(([ty, s]) => (globalThis as unknown as BenchGlobal).__bench.firstEvent(ty, s), [type, since] as const),
  waitMark: (page: Page, spec: MarkSpec, timeout = 60_000) =>
    page.evaluate(([s, ms]) => (globalThis as unknown as BenchGlobal).__bench.waitMark(s, ms), [spec, timeout] as const),
  /** Registers a wait before the action; `armed` then returns its mark. */
  arm: (page: Page, spec: MarkSpec, timeout = 60_000) => page.evaluate(([s, ms]) => (globalThis as unknown as BenchGlobal).__bench.arm(s, ms), [spec, timeout] as const),
  armed: (page: Page, id: number) => page.evaluate((i) => (globalThis as unknown as BenchGlobal).__bench.armed(i), id),
  waitQuiet: (page: Page, quietMs = 250, timeout = 60_000) =>
    page.evaluate(([q, ms]) => (globalThis as unknown as BenchGlobal).__bench.waitQuiet(q, ms), [quietMs, timeout] as const),
  tooltipState: (page: Page) => page.evaluate(() => (globalThis as unknown as BenchGlobal).__bench.tooltipState()),
  armTooltip: (page: Page, prev: string, timeout = 30_000) =>
    page.evaluate(([p, ms]) => (globalThis as unknown as BenchGlobal).__bench.armTooltip(p, ms), [prev, timeout] as const),
  armedTooltip: (page: Page, id: number) => page.evaluate((i) => (globalThis as unknown as BenchGlobal).__bench.armed(i) as unknown as Promise<{ t: number; state: string }>, id),
  marks: (page: Page) => page.evaluate(() => (globalThis as unknown as BenchGlobal).__bench.marks.slice()),
  duckdb: (page: Page) => page.evaluate(() => (globalThis as unknown as BenchGlobal).__bench.duckdb.slice()),
};
