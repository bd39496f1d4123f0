/**
 * Turns raw samples into the printed tables and the budget check. The budget
 * compares the measured number as it is: nothing is excluded or adjusted to
 * make a line pass.
 */
import type { Floor } from './floor.ts';
import type { NodeMeasures } from './node.ts';
import type { Budget, FolderRun, Results, Row, StructureRun } from './results.ts';
import { firstUses, statementTable, timed, worklistCosts } from './statements.ts';
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
  // The first paint's own script (src/poster.ts), before the app's: decode, geometry, drawing.
  'first-paint-decode',
  'first-paint-geometry',
  'first-paint-draw',
  // From the paint drawn to the start of the next frame (requestAnimationFrame): when it can be on screen.
  'first-paint-frame',
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
    ms('cold: first paint (2D canvas from the bundle)', s.cold.map((c) => c.firstPaint ?? NaN)),
    ms('cold: live map coloured (WebGL, interactive)', s.cold.map((c) => c.liveMap ?? c.firstColouredMap)),
    ms('cold: fully interactive', s.cold.map((c) => c.interactive)),
    ms('year switch: colours ready', s.year.map((x) => x.ready)),
    ms('year switch: recoloured (frame drawn)', s.year.map((x) => x.drawn)),
    ms('year switch: pixels read back', s.year.map((x) => x.pixels)),
    ms('year switch: table updated', s.year.map((x) => x.table)),
    ms('year switch: worklist query (app)', s.year.map((x) => x.queryMs)),
    ms('floor: deck.gl redraw alone (nothing new)', s.drawFloor?.redraw ?? []),
    ms('floor: deck.gl recolour + draw alone (no event, no React)', s.drawFloor?.recolour ?? []),
    ms('filter: fade ready', s.filter.map((x) => x.ready)),
    ms('filter: recoloured (frame drawn)', s.filter.map((x) => x.drawn)),
    ms('filter: pixels read back', s.filter.map((x) => x.pixels)),
    ms('filter: table updated', s.filter.map((x) => x.table)),
    ms('search key: worklist query (app)', s.search.map((x) => x.queryMs)),
    // The same queries as DuckDB's worker answered them (instrument.ts), free of waits of the page's thread.
    ...(s.duckdb ? [ms("worklist query in DuckDB's worker", worklistSamples(s))] : []),
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

/** Costs of every worklist query DuckDB answered during the interactions. */
function worklistSamples(s: StructureRun): number[] {
  if (!s.duckdb) return [];
  return timed(s.duckdb.log)
    .filter((r) => r.t1 >= s.duckdb!.interactionsFrom && r.label === 'worklist query')
    .map((r) => r.cost);
}

/** The peer page's rows, under the view id `peer:<folder>`. */
export function peerRowsOf(f: FolderRun): Row[] {
  const p = f.peer;
  if (!p) return [];
  const ms = (measure: string, values: number[]): Row => ({ measure, structure: p.id, unit: 'ms', summary: summarize(values) });
  return [
    ms('cold: first coloured map', p.firstColouredMap),
    ms('year switch: recoloured (frame drawn)', p.year.map((x) => x.drawn)),
    ms('year switch: pixels read back', p.year.map((x) => x.pixels)),
    { measure: 'JS heap used after load', structure: p.id, unit: 'MB', summary: summarize(p.heap.map((h) => h.jsHeapUsed / MB)) },
  ];
}

const fmt = (v: number, unit: 'ms' | 'MB') => (Number.isFinite(v) ? (unit === 'MB' ? v.toFixed(1) : v < 10 ? v.toFixed(1) : v.toFixed(0)) : '—');

export function table(rows: Row[]): string {
  const w = Math.max(...rows.map((r) => r.measure.length), 7);
  const v = Math.max(...rows.map((r) => r.structure.length), 8);
  const head = `  ${'measure'.padEnd(w)}  ${'view'.padEnd(v)} ${'n'.padStart(3)} ${'median'.padStart(8)} ${'p95'.padStart(8)} ${'max'.padStart(8)}  unit`;
  const lines = rows.map(
    (r) =>
      `  ${r.measure.padEnd(w)}  ${r.structure.padEnd(v)} ${String(r.summary.n).padStart(3)} ${fmt(r.summary.median, r.unit).padStart(8)} ${fmt(r.summary.p95, r.unit).padStart(8)} ${fmt(r.summary.max, r.unit).padStart(8)}  ${r.unit}`,
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

/** The statements DuckDB ran on the kept page: at load, and for the first time during the interactions. */
export function statementsReport(s: StructureRun): string {
  if (!s.duckdb) return `DuckDB statements, ${s.id}: not recorded`;
  const log = timed(s.duckdb.log);
  const from = s.duckdb.interactionsFrom;
  const load = log.filter((r) => r.t1 < from && !['INSTANTIATE', 'OPEN', 'CONNECT', 'GET_VERSION', 'CLOSE_PREPARED'].includes(r.type));
  const first = s.cold.at(-1);
  const wl = worklistCosts(log, from);
  const appYear = summarize(s.year.map((x) => x.queryMs));
  return [
    `DuckDB statements, ${s.id} (the kept cold start; ms since navigation; cost = answer − the later of its post and the previous answer, i.e. DuckDB's work plus any wait of the page's thread for the answer):`,
    `  first list on screen at ${fmt(first?.tableShown ?? NaN, 'ms')} ms; worklist query: first ${fmt(load.find((r) => r.label === 'worklist query')?.cost ?? NaN, 'ms')} ms in DuckDB; ` +
      `later ones in DuckDB median ${fmt(wl.median, 'ms')} / p95 ${fmt(wl.p95, 'ms')} ms (n ${wl.n}); as the page timed them on year switches (data-worklist-ms) median ${fmt(appYear.median, 'ms')} / p95 ${fmt(appYear.p95, 'ms')} ms`,
    '  at load:',
    statementTable(load),
    '  run for the first time during the interactions (a new year table, a new statement):',
    statementTable(firstUses(log, from)),
  ].join('\n');
}

/** The views of one folder, and the folders of a run (old results.json files have no folders: their views are one folder). */
function foldersOf(r: Pick<Results, 'structures' | 'totalBytes'> & Partial<Pick<Results, 'folders'>>): { folder: FolderRun | undefined; id: string; views: StructureRun[] }[] {
  if (!r.folders?.length) return [{ folder: undefined, id: 'demo', views: r.structures }];
  return r.folders.map((f) => ({ folder: f, id: f.id, views: r.structures.filter((s) => s.folder === f.id) }));
}

const ratio = (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : '—');

/** The key lines of every view and every peer, as columns, then atlas ÷ peer for each packed folder. */
export function sideBySide(r: Results): string {
  const cols = [...r.structures.map((s) => s.id), ...(r.folders ?? []).filter((f) => f.peer).map((f) => f.peer!.id)];
  const cell = (measure: string, id: string, what: 'median' | 'p95' | 'both' | 'max') => {
    const x = rowOf(r.rows, measure, id);
    const unit = measure.startsWith('JS heap') ? 'MB' : 'ms';
    if (!x.n) return '';
    if (what === 'both') return `${fmt(x.median, unit)} / ${fmt(x.p95, unit)}`;
    return fmt(x[what], unit);
  };
  const folderMb = (id: string) => {
    const s = r.structures.find((x) => x.id === id);
    const f = (r.folders ?? []).find((x) => x.id === s?.folder || x.peer?.id === id);
    if (!f) return '';
    return ((f.peer?.id === id ? f.peer.folderBytes : f.totalBytes) / MB).toFixed(2);
  };
  const lines: [string, (id: string) => string][] = [
    ['first coloured map, median', (id) => cell('cold: first coloured map', id, 'median')],
    ['live map coloured (WebGL), median', (id) => cell('cold: live map coloured (WebGL, interactive)', id, 'median')],
    ['fully interactive, median', (id) => cell('cold: fully interactive', id, 'median')],
    ['year switch → frame drawn, med / p95', (id) => cell('year switch: recoloured (frame drawn)', id, 'both')],
    ['year switch → pixels read, med / p95', (id) => cell('year switch: pixels read back', id, 'both')],
    ['year switch → list, med / p95', (id) => cell('year switch: table updated', id, 'both')],
    ['filter → frame drawn, med / p95', (id) => cell('filter: recoloured (frame drawn)', id, 'both')],
    ['search key → list, med / p95', (id) => cell('search key: table updated', id, 'both')],
    ['hover → tooltip, med / p95', (id) => cell('hover: tooltip shown', id, 'both')],
    ['JS heap after load, max (MB)', (id) => cell('JS heap used after load', id, 'max')],
    ['folder (MB, 10^6 bytes)', folderMb],
  ];
  const w = Math.max(...lines.map(([l]) => l.length));
  const cw = cols.map((c) => Math.max(c.length, ...lines.map(([, f]) => f(c).length)));
  const out = [
    'Side by side (ms since navigation or since the input; the peer is the qgis2web-style Leaflet page built from the same inputs):',
    `  ${''.padEnd(w)}  ${cols.map((c, i) => c.padStart(cw[i])).join('  ')}`,
    ...lines.map(([label, f]) => `  ${label.padEnd(w)}  ${cols.map((c, i) => f(c).padStart(cw[i])).join('  ')}`),
  ];
  const withPeer = (r.folders ?? []).filter((f) => f.peer);
  if (withPeer.length) out.push('', 'Atlas ÷ peer (below 1: the atlas is faster):');
  for (const f of withPeer) {
    const p = f.peer!.id;
    for (const s of r.structures.filter((x) => x.folder === f.id)) {
      const a = (m: string) => rowOf(r.rows, m, s.id);
      const b = (m: string) => rowOf(r.rows, m, p);
      const fc = 'cold: first coloured map', yd = 'year switch: recoloured (frame drawn)', yp = 'year switch: pixels read back';
      out.push(
        `  ${s.id}: first coloured map ${fmt(a(fc).median, 'ms')} / ${fmt(b(fc).median, 'ms')} ms = ${ratio(a(fc).median, b(fc).median)}; ` +
          `year switch → frame drawn p95 ${fmt(a(yd).p95, 'ms')} / ${fmt(b(yd).p95, 'ms')} ms = ${ratio(a(yd).p95, b(yd).p95)} (median ${ratio(a(yd).median, b(yd).median)}); ` +
          `→ pixels read back p95 ${fmt(a(yp).p95, 'ms')} / ${fmt(b(yp).p95, 'ms')} ms = ${ratio(a(yp).p95, b(yp).p95)}`,
      );
    }
  }
  return out.join('\n');
}

/** The budget, line by line, each PASS or FAIL with the number it was judged on (bench/README.md, "Budget"). */
/** What deck.gl alone takes (probe.drawFloor), beside a year-switch line: whether the limit is below that floor. */
function floorNote(rows: Row[], id: string, limit: number): string {
  const redraw = rowOf(rows, 'floor: deck.gl redraw alone (nothing new)', id);
  const recolour = rowOf(rows, 'floor: deck.gl recolour + draw alone (no event, no React)', id);
  if (!(recolour.n > 0)) return '';
  const below = recolour.p95 > limit ? `; the limit (${fmt(limit, 'ms')} ms) is below deck.gl's own p95` : '';
  return `; ${id} floor: deck.gl recolour + draw alone p95 ${fmt(recolour.p95, 'ms')} ms (median ${fmt(recolour.median, 'ms')}), redraw alone p95 ${fmt(redraw.p95, 'ms')} ms (median ${fmt(redraw.median, 'ms')})${below}`;
}

export function budgets(r: Pick<Results, 'rows' | 'structures' | 'totalBytes' | 'floor'> & Partial<Pick<Results, 'folders'>>): Budget[] {
  const out: Budget[] = [];
  const groups = foldersOf(r);
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
  for (const g of groups) {
    const p = g.folder?.peer;
    if (!p) continue;
    const peer = median(p.firstColouredMap);
    for (const s of g.views) {
      const atlas = median(s.cold.map((c) => c.firstColouredMap));
      out.push({
        name: `first coloured map ≤ the peer's (${s.id}; software WebGL)`,
        pass: atlas <= peer,
        detail: `atlas ${fmt(atlas, 'ms')} ms, peer ${fmt(peer, 'ms')} ms (medians, ms since navigation) = ${ratio(atlas, peer)}`,
      });
    }
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
    for (const g of groups) {
      const worst = g.views.map((v) => ({ id: v.id, s: rowOf(r.rows, measure, v.id) }));
      out.push({ name: `${name} — ${g.id}`, pass: worst.every((w) => w.s.p95 <= limit), detail: worst.map((w) => `${w.id} p95 ${fmt(w.s.p95, 'ms')} ms (median ${fmt(w.s.median, 'ms')}, n ${w.s.n})`).join('; ') });
    }
  };
  p95Line('year switch p95 ≤ 50 ms (input → recoloured frame)', 'year switch: recoloured (frame drawn)', 50);
  for (const g of groups) {
    const p = g.folder?.peer;
    if (!p) continue;
    const peer = summarize(p.year.map((x) => x.drawn));
    const views = g.views.map((v) => ({ id: v.id, s: rowOf(r.rows, 'year switch: recoloured (frame drawn)', v.id) }));
    out.push({
      name: `year switch p95 ≤ 0.5 × the peer's (input → recoloured frame) — ${g.id}`,
      pass: views.every((v) => v.s.p95 <= 0.5 * peer.p95),
      detail:
        `${views.map((v) => `${v.id} p95 ${fmt(v.s.p95, 'ms')} ms`).join('; ')}; peer p95 ${fmt(peer.p95, 'ms')} ms (median ${fmt(peer.median, 'ms')}, n ${peer.n}): ${views.map((v) => ratio(v.s.p95, peer.p95)).join(', ')}` +
        views.map((v) => floorNote(r.rows, v.id, 0.5 * peer.p95)).join(''),
    });
  }
  p95Line('filter change p95 ≤ 50 ms (input → recoloured frame)', 'filter: recoloured (frame drawn)', 50);
  p95Line('search keystroke p95 ≤ 50 ms (keydown → table updated)', 'search key: table updated', 50);
  p95Line('hover p95 ≤ 16 ms (pointer move → tooltip)', 'hover: tooltip shown', 16);
  for (const g of groups) {
    const heaps = g.views.map((v) => ({ id: v.id, s: rowOf(r.rows, 'JS heap used after load', v.id) }));
    out.push({
      name: `JS heap ≤ 200 MB after load — ${g.id}`,
      pass: heaps.every((h) => h.s.max <= 200),
      detail: heaps.map((h) => `${h.id} max ${fmt(h.s.max, 'MB')} MB (median ${fmt(h.s.median, 'MB')})`).join('; ') + ' — main thread; DuckDB worker memory is in the renderer RSS rows',
    });
  }
  for (const g of groups) {
    const bytes = g.folder?.totalBytes ?? r.totalBytes;
    const units = g.folder?.units;
    const what = g.folder && units ? ` (${units.toLocaleString('en-US')} units × ${g.folder.years.length} years)` : '';
    // The budget is for 3,321 communes × 15 years (issue #17); a folder of more units (the demo's two
    // structures, 13,921 units) is shown beside it, outside the budget.
    const info = units !== undefined && units > FOLDER_BUDGET_UNITS;
    out.push({ name: `folder ≤ 20 MB — ${g.id}${what}`, pass: bytes <= 20 * MB, info, detail: `${(bytes / MB).toFixed(2)} MB (10^6 bytes) in all files${info ? `; more than the ${FOLDER_BUDGET_UNITS.toLocaleString('en-US')} units the budget is for` : ''}` });
  }
  return out;
}

/** The communes the folder budget is for (3,321 communes × 15 years). */
export const FOLDER_BUDGET_UNITS = 3321;

export function budgetText(list: Budget[]): string {
  return list.map((b) => `  ${b.info ? 'INFO' : b.pass ? 'PASS' : 'FAIL'}  ${b.name}: ${b.detail}`).join('\n');
}
