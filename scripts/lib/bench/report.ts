/**
 * Turns raw samples into the printed tables and the budget check. The budget
 * compares the measured number as it is: nothing is excluded or adjusted to
 * make a line pass.
 */
import type { Floor } from './floor.ts';
import type { NodeMeasures } from './node.ts';
import type { Budget, Results, Row, StructureRun } from './results.ts';
import { summarize, type Summary } from './stats.ts';

const MB = 1e6;

/** Cold-start steps of the app's timeline, in the order they are reported. */
export const STEPS = [
  'script-start',
  'data-load',
  'duckdb-script',
  'duckdb-worker',
  'duckdb-instantiate',
  'duckdb-open',
  'duckdb-boot',
  'duckdb-insert',
  'duckdb-series',
  // The first structure's series (built for the first view), and the others (in the background).
  'duckdb-series-first',
  'duckdb-series-more',
  'geometry-build',
  'first-frame',
  'first-coloured-map',
  // Recorded by builds that colour the first map from the bundle and recolour once DuckDB answers.
  'duckdb-coloured-map',
] as const;

export function rowsOf(s: StructureRun): Row[] {
  const ms = (measure: string, values: number[]): Row => ({ measure, structure: s.id, unit: 'ms', summary: summarize(values) });
  const mb = (measure: string, values: number[]): Row => ({ measure, structure: s.id, unit: 'MB', summary: summarize(values.map((v) => v / MB)) });
  // The page's renderer is the largest one; Chromium keeps small spare renderers next to it.
  const renderer = (ps: StructureRun['cold'][number]['processes']) => ps?.filter((p) => p.type === 'renderer').reduce((a, p) => Math.max(a, p.rss), 0) ?? NaN;
  const gpu = (ps: StructureRun['cold'][number]['processes']) => ps?.filter((p) => p.type === 'GPU').reduce((a, p) => a + p.rss, 0) ?? NaN;
  const allPss = (ps: StructureRun['cold'][number]['processes']) => ps?.reduce((a, p) => a + p.pss, 0) ?? NaN;
  return [
    ms('cold: first frame (boundaries, no colours)', s.cold.map((c) => c.firstFrame)),
    ms('cold: data decoded and loaded', s.cold.map((c) => c.dataLoaded)),
    ms('cold: DuckDB engine booted', s.cold.map((c) => c.duckdbBooted)),
    ms('cold: DuckDB ready (answering)', s.cold.map((c) => c.duckdbReady)),
    ms('cold: all bundle tables in DuckDB', s.cold.map((c) => c.tablesIn)),
    ms('cold: first coloured map', s.cold.map((c) => c.firstColouredMap)),
    ms('cold: fully interactive', s.cold.map((c) => c.interactive)),
    ms('year switch: colours ready', s.year.map((x) => x.ready)),
    ms('year switch: recoloured (frame drawn)', s.year.map((x) => x.drawn)),
    ms('year switch: pixels read back', s.year.map((x) => x.pixels)),
    ms('filter: fade ready', s.filter.map((x) => x.ready)),
    ms('filter: recoloured (frame drawn)', s.filter.map((x) => x.drawn)),
    ms('filter: pixels read back', s.filter.map((x) => x.pixels)),
    ms('filter: table updated', s.filter.map((x) => x.table)),
    ms('search key: worklist query (app)', s.search.map((x) => x.queryMs)),
    ms('search key: table updated', s.search.map((x) => x.table)),
    ms('search key: map fade drawn', s.search.map((x) => x.drawn)),
    ms('hover: tooltip shown', s.hover.samples.map((x) => x.tooltip)),
    ms('hover: outline drawn', s.hover.samples.map((x) => x.highlight)),
    ms('hover: outline pixels read back', s.hover.samples.map((x) => x.pixels)),
    ms('hover: first ever (picking compile)', [s.hover.first.tooltip]),
    mb('JS heap used after load', s.cold.map((c) => c.heap.jsHeapUsed)),
    mb('JS heap used after load, after GC', s.cold.map((c) => c.heap.jsHeapUsedAfterGc)),
    mb('JS heap used after interactions', [s.heapAfterInteractions.jsHeapUsed]),
    mb('page renderer RSS after load (incl. DuckDB)', s.cold.map((c) => renderer(c.processes))),
    mb('GPU process RSS after load', s.cold.map((c) => gpu(c.processes))),
    mb('all Chromium processes PSS after load', s.cold.map((c) => allPss(c.processes))),
    mb('page renderer RSS after interactions', [renderer(s.processesAfterInteractions)]),
  ];
}

/** Rows of the work timed in node (view `node`): what the unit tests check, timed. */
export function nodeRows(n: NodeMeasures | undefined): Row[] {
  if (!n) return [];
  const ms = (measure: string, values: number[]): Row => ({ measure, structure: 'node', unit: 'ms', summary: summarize(values) });
  const rows = [
    ms('node: bundle tables inserted (loadTables)', n.tablesInsert),
    ms(`node: series worked out, ${n.seriesRows} rows (prepareSeries)`, n.seriesBuild),
  ];
  if ('ms' in n.realImport) rows.push(ms(`node: import ${(n.realImport.bytes / MB).toFixed(1)} MB real GeoJSON (692 districts)`, n.realImport.ms));
  return rows;
}

const fmt = (v: number, unit: 'ms' | 'MB') => (Number.isFinite(v) ? (unit === 'MB' ? v.toFixed(1) : v < 10 ? v.toFixed(1) : v.toFixed(0)) : '—');

export function table(rows: Row[]): string {
  const w = Math.max(...rows.map((r) => r.measure.length), 7);
  const head = `  ${'measure'.padEnd(w)}  ${'view'.padEnd(8)} ${'n'.padStart(3)} ${'median'.padStart(8)} ${'p95'.padStart(8)} ${'max'.padStart(8)}  unit`;
  const lines = rows.map(
    (r) =>
      `  ${r.measure.padEnd(w)}  ${r.structure.padEnd(8)} ${String(r.summary.n).padStart(3)} ${fmt(r.summary.median, r.unit).padStart(8)} ${fmt(r.summary.p95, r.unit).padStart(8)} ${fmt(r.summary.max, r.unit).padStart(8)}  ${r.unit}`,
  );
  return [head, `  ${'-'.repeat(head.length - 2)}`, ...lines].join('\n');
}

const median = (xs: number[]) => summarize(xs).median;

/** Median start, end and duration of each timeline step over the cold starts. */
export function stepTable(s: StructureRun): string {
  const lines = [`  ${'step'.padEnd(20)} ${'start'.padStart(8)} ${'end'.padStart(8)} ${'duration'.padStart(9)}   (ms since navigation, median of ${s.cold.length})`];
  for (const step of STEPS) {
    const hits = s.cold.map((c) => c.steps.find((x) => x.step === step)).filter((x) => !!x);
    if (!hits.length) {
      lines.push(`  ${step.padEnd(20)} ${'(not recorded)'.padStart(27)}`);
      continue;
    }
    const start = median(hits.map((h) => h.start));
    const end = median(hits.map((h) => h.end ?? NaN));
    const dur = median(hits.map((h) => (h.end ?? NaN) - h.start));
    lines.push(`  ${step.padEnd(20)} ${fmt(start, 'ms').padStart(8)} ${fmt(end, 'ms').padStart(8)} ${fmt(dur, 'ms').padStart(9)}`);
  }
  return lines.join('\n');
}

/** The floor next to what the app spends on the same work. */
export function floorTable(floor: Floor[], structures: StructureRun[]): string {
  const f = (k: keyof Floor) => median(floor.map((x) => x[k]));
  const stepDur = (s: StructureRun, step: string) => median(s.cold.map((c) => c.steps.find((x) => x.step === step)).filter((x) => !!x).map((h) => (h.end ?? NaN) - h.start));
  const lines = [
    `  floor (blank file:// page, same Chromium, median of ${floor.length}):`,
    `    DuckDB: load script ${fmt(f('duckdbScript'), 'ms')} + base64 ${fmt(f('duckdbBase64'), 'ms')} + gunzip ${fmt(f('duckdbGunzip'), 'ms')} + WebAssembly.compile ${fmt(f('duckdbCompile'), 'ms')} = ${fmt(f('duckdbTotal'), 'ms')} ms (${(f('wasmBytes') / MB).toFixed(1)} MB wasm)`,
    `    data:   load script ${fmt(f('dataScript'), 'ms')} + base64 ${fmt(f('dataBase64'), 'ms')} (atob loop as the app does: ${fmt(f('dataBase64Atob'), 'ms')}) + inflate ${fmt(f('dataInflate'), 'ms')} + JSON.parse TopoJSON ${fmt(f('dataParse'), 'ms')} = ${fmt(f('dataTotal'), 'ms')} ms`,
  ];
  for (const s of structures) {
    const boot = stepDur(s, 'duckdb-boot');
    const load = stepDur(s, 'data-load');
    lines.push(
      `    ${s.id.padEnd(8)} app duckdb-boot ${fmt(boot, 'ms')} ms = floor + ${fmt(boot - f('duckdbTotal'), 'ms')} ms (worker start, instantiate, open, connect); ` +
        `app data-load ${fmt(load, 'ms')} ms = floor + ${fmt(load - f('dataTotal'), 'ms')} ms; ` +
        `then insert ${fmt(stepDur(s, 'duckdb-insert'), 'ms')} + series ${fmt(stepDur(s, 'duckdb-series'), 'ms')} ms`,
    );
  }
  return lines.join('\n');
}

function rowOf(rows: Row[], measure: string, structure: string): Summary {
  return rows.find((r) => r.measure === measure && r.structure === structure)?.summary ?? summarize([]);
}

/** The budget, line by line, each PASS or FAIL with the number it was judged on. */
export function budgets(r: Pick<Results, 'rows' | 'structures' | 'totalBytes' | 'floor'>): Budget[] {
  const out: Budget[] = [];
  const ids = r.structures.map((s) => s.id);
  for (const s of r.structures) {
    const coloured = median(s.cold.map((c) => c.firstColouredMap));
    const ready = median(s.cold.map((c) => c.duckdbReady));
    const frame = median(s.cold.map((c) => c.firstFrame));
    const d = coloured - ready;
    out.push({
      name: `first coloured map before DuckDB ready (${s.id})`,
      pass: d < 0,
      detail:
        d < 0
          ? `coloured at ${fmt(coloured, 'ms')} ms, ${fmt(-d, 'ms')} ms before DuckDB ready at ${fmt(ready, 'ms')} ms`
          : `not before: coloured at ${fmt(coloured, 'ms')} ms, ${fmt(d, 'ms')} ms after DuckDB ready at ${fmt(ready, 'ms')} ms (uncoloured boundaries drawn at ${fmt(frame, 'ms')} ms)`,
    });
  }
  for (const s of r.structures) {
    const over = median(s.cold.map((c) => c.interactive - c.duckdbBooted));
    const boot = median(s.cold.map((c) => c.duckdbBooted));
    const floorDuck = median(r.floor.map((f) => f.duckdbTotal));
    const allIn = median(s.cold.map((c) => c.tablesIn - c.duckdbBooted));
    out.push({
      name: `fully interactive ≤ DuckDB's own boot + 0.5 s (${s.id})`,
      pass: over <= 500,
      detail:
        `interactive ${fmt(median(s.cold.map((c) => c.interactive)), 'ms')} ms = DuckDB booted at ${fmt(boot, 'ms')} ms + ${fmt(over, 'ms')} ms ` +
        `(floor of DuckDB's gunzip + compile alone: ${fmt(floorDuck, 'ms')} ms); every bundle table in at boot + ${fmt(allIn, 'ms')} ms`,
    });
  }
  const p95Line = (name: string, measure: string, limit: number) => {
    const worst = ids.map((id) => ({ id, s: rowOf(r.rows, measure, id) }));
    const pass = worst.every((w) => w.s.p95 <= limit);
    out.push({ name, pass, detail: worst.map((w) => `${w.id} p95 ${fmt(w.s.p95, 'ms')} ms (median ${fmt(w.s.median, 'ms')})`).join('; ') });
  };
  p95Line('year switch p95 ≤ 50 ms (input → recoloured frame)', 'year switch: recoloured (frame drawn)', 50);
  p95Line('filter change p95 ≤ 50 ms (input → recoloured frame)', 'filter: recoloured (frame drawn)', 50);
  p95Line('search keystroke p95 ≤ 50 ms (keydown → table updated)', 'search key: table updated', 50);
  p95Line('hover p95 ≤ 16 ms (pointer move → tooltip)', 'hover: tooltip shown', 16);
  out.push({
    name: 'dist/ ≤ 20 MB',
    pass: r.totalBytes <= 20 * MB,
    detail: `${(r.totalBytes / MB).toFixed(2)} MB (10^6 bytes) in all files`,
  });
  const heaps = ids.map((id) => ({ id, s: rowOf(r.rows, 'JS heap used after load', id) }));
  out.push({
    name: 'JS heap ≤ 200 MB after load',
    pass: heaps.every((h) => h.s.max <= 200),
    detail: heaps.map((h) => `${h.id} max ${fmt(h.s.max, 'MB')} MB (median ${fmt(h.s.median, 'MB')})`).join('; ') + ' — main thread; DuckDB worker memory is in the renderer RSS rows',
  });
  return out;
}

export function budgetText(list: Budget[]): string {
  return list.map((b) => `  ${b.pass ? 'PASS' : 'FAIL'}  ${b.name}: ${b.detail}`).join('\n');
}
