/**
 * The benchmark run: build the portable folder into its own directory (others
 * may be rebuilding dist/ at the same time), measure the floor, then for each
 * view cold-start it several times and drive the interactions on the last
 * loaded page, and write everything to a JSON file.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { runInNewContext } from 'node:vm';
import { BUNDLE_GLOBAL } from '../../../src/model/bundle.ts';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { CHROMIUM, launch } from '../../../tests/e2e/browser.ts';
import { folderSizes, sizeReport } from '../sizes.ts';
import { fileUrl, heapSample, processMemory, VIEWPORT, webglRenderer } from './browser.ts';
import { coldStart, type ColdStart } from './cold.ts';
import { measureFloor } from './floor.ts';
import { measureNode } from './node.ts';
import { filterToggles, hovers, searchKeystrokes, yearSwitches } from './interactions.ts';
import { budgets, budgetText, floorTable, nodeRows, rowsOf, stepTable, table } from './report.ts';
import type { Results, StructureRun } from './results.ts';

export interface BenchOptions {
  quick: boolean;
  build: boolean;
  distDir: string;
  out: string;
  coldStarts: number;
  interactions: number;
  /** Wall-time budget of one measure in one view, ms (Infinity with --full). */
  measureBudgetMs: number;
  /** Samples a measure always takes, whatever its budget. */
  minSamples: number;
  floorReps: number;
  /** Runs of each measure timed in node (./node.ts). */
  nodeReps: number;
}

/** The two national-scale views of the demo bundle. */
const VIEWS = [
  { id: '2025', hash: '#s=2025' },
  { id: 'pre2025', hash: '#s=pre2025&y=2024' },
];

const log = (msg: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}`);

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

function build(outDir: string): void {
  log(`building the portable folder into ${outDir}`);
  const r = spawnSync(process.execPath, [resolve('node_modules/vite/bin/vite.js'), 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`vite build failed (exit ${r.status})`);
}

async function matchCount(page: Page): Promise<number> {
  const text = (await page.getByTestId('match-count').textContent()) ?? '';
  const m = /\d+/.exec(text.replace(/[.,\s]/g, ''));
  return m ? Number(m[0]) : NaN;
}

async function runView(opts: BenchOptions, view: (typeof VIEWS)[number], years: number[]): Promise<StructureRun> {
  const url = fileUrl(opts.distDir) + view.hash;
  const cold: ColdStart[] = [];
  let kept: Awaited<ReturnType<typeof coldStart>>['session'];
  for (let i = 0; i < opts.coldStarts; i++) {
    const last = i === opts.coldStarts - 1;
    const { result, session } = await coldStart(url, last);
    cold.push(result);
    log(`${view.id} cold start ${i + 1}/${opts.coldStarts}: coloured ${result.firstColouredMap.toFixed(0)} ms, DuckDB ready ${result.duckdbReady.toFixed(0)} ms, interactive ${result.interactive.toFixed(0)} ms`);
    if (session) kept = session;
  }
  if (!kept) throw new Error('no page kept for interactions');
  const { page, browser, cdp } = kept;
  try {
    const communes = await matchCount(page);
    const rep = { n: opts.interactions, min: opts.minSamples, budgetMs: opts.measureBudgetMs };
    const year = await yearSwitches(page, view.id, years, rep);
    log(`${view.id}: ${year.length} year switches`);
    // Pixels are read back in passes of their own (see keep() in interactions.ts), with fewer samples.
    const pixelRep = { ...rep, n: Math.min(rep.n, 10) };
    const filter = [...(await filterToggles(page, rep, false)), ...(await filterToggles(page, pixelRep, true))];
    log(`${view.id}: ${filter.length} filter toggles`);
    const search = [...(await searchKeystrokes(page, rep, false)), ...(await searchKeystrokes(page, pixelRep, true))];
    log(`${view.id}: ${search.length} search keystrokes`);
    const hover = await hovers(page, rep);
    log(`${view.id}: ${hover.samples.length} hovers over ${hover.points} points`);
    const heapAfterInteractions = await heapSample(cdp);
    const processesAfterInteractions = await processMemory(browser);
    if (kept.errors.length) log(`${view.id}: page errors: ${kept.errors.join(' | ')}`);
    return { id: view.id, hash: view.hash, communes, cold, year, filter, search, hover, heapAfterInteractions, processesAfterInteractions };
  } finally {
    await browser.close();
  }
}

/** The manifest of a built folder, from its classic data script. */
function manifestOfFolder(dir: string): { years: number[] } {
  const sandbox: Record<string, unknown> = {};
  sandbox.globalThis = sandbox;
  runInNewContext(readFileSync(resolve(dir, 'data', 'atlas-data.js'), 'utf8'), sandbox);
  const payload = sandbox[BUNDLE_GLOBAL] as { manifest?: { years: number[] } } | undefined;
  if (!payload?.manifest) throw new Error(`${dir}/data/atlas-data.js holds no clear manifest (a protected folder cannot be benchmarked)`);
  return payload.manifest;
}

export async function runBench(opts: BenchOptions): Promise<Results> {
  const started = Date.now();
  // The machine may be shared: the load average before and after says how much the numbers were disturbed.
  const loadBefore = loadavg();
  if (opts.build) build(opts.distDir);
  const files = folderSizes(opts.distDir);
  const totalBytes = files.reduce((s, f) => s + f.bytes, 0);
  console.log(`\nPortable folder ${opts.distDir}:\n${sizeReport(opts.distDir)}\n`);

  const probeBrowser = await launch();
  const version = probeBrowser.version();
  const probePage = await probeBrowser.newPage();
  const renderer = await webglRenderer(probePage);
  await probeBrowser.close();
  const software = /swiftshader|llvmpipe|software/i.test(renderer);
  log(`Chromium ${version}; WebGL renderer: ${renderer}${software ? ' (SOFTWARE rendering: frame times are far above a real GPU)' : ''}`);

  // Years of the bundle, read from the folder's own data script (the manifest is in clear there;
  // data/raw/ is only in folders built with ATLAS_RAW=1).
  const manifest = manifestOfFolder(opts.distDir);

  log(`floor: ${opts.floorReps} × (DuckDB gunzip + compile, data inflate + parse)`);
  const floor = await measureFloor(opts.distDir, opts.floorReps);

  const structures: StructureRun[] = [];
  for (const view of VIEWS) structures.push(await runView(opts, view, manifest.years));

  log(`node: ${opts.nodeReps} × (series worked out in DuckDB from the folder's bundle, real-data import)`);
  const node = await measureNode(opts.distDir, opts.nodeReps, log);

  const rows = [...structures.flatMap(rowsOf), ...nodeRows(node)];
  const partial = { rows, structures, totalBytes, floor };
  const budgetList = budgets(partial);
  const m = cpus();
  const results: Results = {
    date: new Date().toISOString(),
    commit: git(['rev-parse', 'HEAD']),
    dirty: git(['status', '--porcelain', '--untracked-files=no']) !== '',
    machine: { cpus: m.length, cpuModel: m[0]?.model ?? 'unknown', memoryBytes: totalmem(), platform: process.platform, release: release(), node: process.version, loadBefore, loadAfter: loadavg() },
    browser: { executable: CHROMIUM, version, webglRenderer: renderer, softwareWebgl: software },
    options: { quick: opts.quick, coldStarts: opts.coldStarts, interactions: opts.interactions, measureBudgetMs: opts.measureBudgetMs, minSamples: opts.minSamples, floorReps: opts.floorReps, nodeReps: opts.nodeReps, distDir: opts.distDir, viewport: VIEWPORT },
    floor,
    structures,
    node,
    files,
    totalBytes,
    rows,
    budgets: budgetList,
  };
  writeFileSync(opts.out, JSON.stringify(results, null, 2) + '\n');

  printReport(results);
  console.log(`\nRaw samples: ${opts.out} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  return results;
}

/** Prints the tables and the budget of a run (also used to re-print a saved results.json). */
export function printReport(results: Results): void {
  console.log(`\nMovement atlas benchmark — ${results.date}, commit ${results.commit.slice(0, 12)}${results.dirty ? ' (+ uncommitted changes)' : ''}`);
  const la = (l: number[]) => l.map((x) => x.toFixed(1)).join(' ');
  console.log(`Machine: ${results.machine.cpus} × ${results.machine.cpuModel}, ${(results.machine.memoryBytes / 2 ** 30).toFixed(1)} GiB, load average ${la(results.machine.loadBefore ?? [])} → ${la(results.machine.loadAfter ?? [])}; Chromium ${results.browser.version} headless, ${results.options.viewport.width}×${results.options.viewport.height}`);
  console.log(`WebGL: ${results.browser.webglRenderer}${results.browser.softwareWebgl ? ' — software rendering (SwiftShader): "frame drawn" numbers measure the CPU rasteriser, not a GPU' : ''}`);
  console.log(`Views: ${results.structures.map((s) => `${s.id} (${s.hash}, ${s.communes} communes)`).join(', ')}; ${results.options.coldStarts} cold starts; up to ${results.options.interactions} of each interaction${results.options.measureBudgetMs && Number.isFinite(results.options.measureBudgetMs) ? ` or ${results.options.measureBudgetMs / 1000} s per measure (at least ${results.options.minSamples})` : ''}: n below is what was taken\n`);
  console.log(table(results.rows));
  for (const s of results.structures) console.log(`\nCold start by step, ${s.id}:\n${stepTable(s)}`);
  console.log(`\n${floorTable(results.floor, results.structures)}`);
  if (results.node && 'skipped' in results.node.realImport) console.log(`\nReal-data import not timed: ${results.node.realImport.skipped}`);
  console.log(`\nBudget (issue "Performance: a benchmark of the built folder at national scale"):\n${budgetText(results.budgets)}`);
}

/** Re-reads a results.json, recomputes its rows and budget with the current code, and prints them. */
export function reprint(file: string): void {
  const results = JSON.parse(readFileSync(file, 'utf8')) as Results;
  results.rows = [...results.structures.flatMap(rowsOf), ...nodeRows(results.node)];
  results.budgets = budgets(results);
  printReport(results);
}
