/**
 * The benchmark run: build the demo's portable folder into its own directory
 * (others may be rebuilding dist/ at the same time), pack realistic inputs
 * with `npm run pack` (inputs.ts, packs.ts), measure the floor, then for each
 * folder and each structure of it cold-start it several times and drive the
 * interactions on the last loaded page; next to each packed folder, measure
 * the qgis2web-style Leaflet page built from the same inputs (peer.ts); write
 * everything to a JSON file and print it with the budget.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { runInNewContext } from 'node:vm';
import { BUNDLE_GLOBAL, type BundleManifest } from '../../../src/model/bundle.ts';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, tmpdir, totalmem } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { CHROMIUM, launch } from '../../../tests/e2e/browser.ts';
import { folderSizes, sizeReport } from '../sizes.ts';
import { fileUrl, heapSample, processMemory, VIEWPORT, webglRenderer } from './browser.ts';
import { coldStart, type ColdStart } from './cold.ts';
import { measureFloor } from './floor.ts';
import { benchInputs, type BenchInput } from './inputs.ts';
import { inPage } from './instrument.ts';
import { measureNode } from './node.ts';
import { drawFloors, filterToggles, hovers, searchKeystrokes, yearSwitches } from './interactions.ts';
import { packAll } from './packs.ts';
import { buildPeer, measurePeer } from './peer.ts';
import { budgets, budgetText, floorTable, nodeRows, peerRowsOf, rowsOf, sideBySide, statementsReport, stepTable, table } from './report.ts';
import type { FolderRun, Results, StructureRun } from './results.ts';

export interface BenchOptions {
  quick: boolean;
  build: boolean;
  /** Where the demo folder is built (and measured). */
  distDir: string;
  /** `--dir`: measure this folder alone (any shape), instead of the demo and the packed folders. */
  dir?: string;
  /** Pack the realistic inputs with `npm run pack` and measure those folders too. */
  packs: boolean;
  /** Measure folders packed by an earlier run as they are (development). */
  reusePacks: boolean;
  /** Build and measure the qgis2web-style Leaflet page next to each packed folder. */
  peer: boolean;
  /** The shared real data (../shared/data); the real districts are skipped when absent. */
  sharedData: string;
  /** Only these folder ids (e.g. `pack-2y,districts`); all when empty. */
  only: string[];
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

/** Where packed folders and their inputs go: outside the repository (the real data's derivatives included). */
export const PACK_ROOT = join(tmpdir(), 'movement-atlas-bench');

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

interface View {
  id: string;
  folder: string;
  structure: string;
  hash: string;
}

/**
 * One view per structure of a folder's manifest, at the structure's last year:
 * nothing is assumed about the folder beyond what its manifest says (one
 * structure or two, any years, indicators or none).
 */
export function viewsOf(folder: string, manifest: Pick<BundleManifest, 'structures' | 'years'>): View[] {
  return manifest.structures.map((s) => {
    const years = manifest.years.filter((y) => y >= s.fromYear && y <= s.toYear);
    const year = years.length ? Math.max(...years) : s.toYear;
    return { id: `${folder}:${s.id}`, folder, structure: s.id, hash: `#s=${encodeURIComponent(s.id)}&y=${year}` };
  });
}

async function runView(opts: BenchOptions, dir: string, view: View, years: number[]): Promise<StructureRun> {
  const url = fileUrl(dir) + view.hash;
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
    const interactionsFrom = await inPage.now(page);
    const rep = { n: opts.interactions, min: opts.minSamples, budgetMs: opts.measureBudgetMs };
    // Pixels are read back in passes of their own (see keep() in interactions.ts), with fewer samples.
    const pixelRep = { ...rep, n: Math.min(rep.n, 10) };
    const year = [...(await yearSwitches(page, view.structure, years, rep, false)), ...(await yearSwitches(page, view.structure, years, pixelRep, true))];
    log(`${view.id}: ${year.length} year switches`);
    const drawFloor = await drawFloors(page, rep);
    log(`${view.id}: ${drawFloor.recolour.length} draws of deck.gl alone`);
    const filter = [...(await filterToggles(page, rep, false)), ...(await filterToggles(page, pixelRep, true))];
    log(`${view.id}: ${filter.length} filter toggles`);
    const search = [...(await searchKeystrokes(page, rep, false)), ...(await searchKeystrokes(page, pixelRep, true))];
    log(`${view.id}: ${search.length} search keystrokes`);
    const hover = await hovers(page, rep);
    log(`${view.id}: ${hover.samples.length} hovers over ${hover.points} points`);
    const heapAfterInteractions = await heapSample(cdp);
    const processesAfterInteractions = await processMemory(browser);
    const duckdb = { log: await inPage.duckdb(page), interactionsFrom };
    if (kept.errors.length) log(`${view.id}: page errors: ${kept.errors.join(' | ')}`);
    return { id: view.id, folder: view.folder, structure: view.structure, hash: view.hash, communes, cold, year, drawFloor, filter, search, hover, heapAfterInteractions, processesAfterInteractions, duckdb };
  } finally {
    await browser.close();
  }
}

/** The manifest of a built folder, from its classic data script. */
function manifestOfFolder(dir: string): BundleManifest {
  const sandbox: Record<string, unknown> = {};
  sandbox.globalThis = sandbox;
  runInNewContext(readFileSync(resolve(dir, 'data', 'atlas-data.js'), 'utf8'), sandbox);
  const payload = sandbox[BUNDLE_GLOBAL] as { manifest?: BundleManifest } | undefined;
  if (!payload?.manifest) throw new Error(`${dir}/data/atlas-data.js holds no clear manifest (a protected folder cannot be benchmarked)`);
  return payload.manifest;
}

interface Target {
  folder: Omit<FolderRun, 'files' | 'totalBytes' | 'units' | 'years'>;
  input?: BenchInput;
}

/** The folders to measure: the demo build and the packed folders, or the one `--dir` folder. */
function targets(opts: BenchOptions): Target[] {
  if (opts.dir) return [{ folder: { id: basename(resolve(opts.dir)) || 'folder', label: `--dir ${opts.dir}`, dir: resolve(opts.dir), kind: 'dir' } }];
  const want = (id: string) => opts.only.length === 0 || opts.only.includes(id);
  const out: Target[] = [];
  if (want('demo')) {
    if (opts.build) build(opts.distDir);
    out.push({ folder: { id: 'demo', label: 'the demo bundle (npm run build)', dir: opts.distDir, kind: 'demo' } });
  }
  if (!opts.packs) return out;
  const inputs = benchInputs(join(PACK_ROOT, 'inputs'), { demoDir: resolve('data/build/demo'), sharedData: opts.sharedData, log }).filter((i) => want(i.id));
  for (const p of packAll(inputs, PACK_ROOT, { reuse: opts.reusePacks, log })) {
    out.push({ folder: { id: p.input.id, label: p.input.label, dir: p.dir, kind: 'pack', packMs: p.packMs, packLines: p.lines }, input: p.input });
  }
  return out;
}

export async function runBench(opts: BenchOptions): Promise<Results> {
  const started = Date.now();
  // The machine may be shared: the load average before and after says how much the numbers were disturbed.
  const loadBefore = loadavg();
  const list = targets(opts);
  if (!list.length) throw new Error('nothing to measure');

  const probeBrowser = await launch();
  const version = probeBrowser.version();
  const probePage = await probeBrowser.newPage();
  const renderer = await webglRenderer(probePage);
  await probeBrowser.close();
  const software = /swiftshader|llvmpipe|software/i.test(renderer);
  log(`Chromium ${version}; WebGL renderer: ${renderer}${software ? ' (SOFTWARE rendering: frame times are far above a real GPU)' : ''}`);

  log(`floor: ${opts.floorReps} × (DuckDB gunzip + compile, data inflate + parse)`);
  const floor = await measureFloor(list[0].folder.dir, opts.floorReps);

  const structures: StructureRun[] = [];
  const folders: FolderRun[] = [];
  for (const t of list) {
    const files = folderSizes(t.folder.dir);
    const totalBytes = files.reduce((s, f) => s + f.bytes, 0);
    console.log(`\n${t.folder.id}: ${t.folder.label}\n${sizeReport(t.folder.dir)}\n`);
    // Years and structures from the folder's own data script (the manifest is in clear there).
    const manifest = manifestOfFolder(t.folder.dir);
    const views = viewsOf(t.folder.id, manifest);
    const runs: StructureRun[] = [];
    for (const view of views) runs.push(await runView(opts, t.folder.dir, view, manifest.years));
    structures.push(...runs);
    const folder: FolderRun = { ...t.folder, files, totalBytes, units: runs.reduce((s, r) => s + (Number.isFinite(r.communes) ? r.communes : 0), 0), years: [...manifest.years] };
    if (opts.peer && t.input) {
      const peerDir = join(PACK_ROOT, t.folder.id, 'peer');
      const built = buildPeer(t.input, peerDir);
      log(`${t.folder.id}: peer page (Leaflet ${built.leaflet}, canvas) built into ${peerDir}, ${(built.bytes / 1e6).toFixed(2)} MB`);
      const rep = { n: opts.interactions, min: opts.minSamples, budgetMs: opts.measureBudgetMs };
      folder.peer = await measurePeer(`peer:${t.folder.id}`, peerDir, manifest.years, { coldStarts: opts.coldStarts, rep, leaflet: built.leaflet, folderBytes: built.bytes });
      log(`${t.folder.id}: peer first coloured map ${folder.peer.firstColouredMap.map((x) => x.toFixed(0)).join(', ')} ms; ${folder.peer.year.length} year switches`);
    }
    folders.push(folder);
  }

  log(`node: ${opts.nodeReps} × (series worked out in DuckDB from the folder's bundle, real-data import)`);
  const node = await measureNode(list[0].folder.dir, opts.nodeReps, log);

  const rows = [...structures.flatMap(rowsOf), ...folders.flatMap(peerRowsOf), ...nodeRows(node)];
  const partial = { rows, structures, folders, totalBytes: folders[0].totalBytes, floor };
  const budgetList = budgets(partial);
  const m = cpus();
  const results: Results = {
    date: new Date().toISOString(),
    commit: git(['rev-parse', 'HEAD']),
    dirty: git(['status', '--porcelain', '--untracked-files=no']) !== '',
    machine: { cpus: m.length, cpuModel: m[0]?.model ?? 'unknown', memoryBytes: totalmem(), platform: process.platform, release: release(), node: process.version, loadBefore, loadAfter: loadavg() },
    browser: { executable: CHROMIUM, version, webglRenderer: renderer, softwareWebgl: software },
    options: { quick: opts.quick, coldStarts: opts.coldStarts, interactions: opts.interactions, measureBudgetMs: opts.measureBudgetMs, minSamples: opts.minSamples, floorReps: opts.floorReps, nodeReps: opts.nodeReps, distDir: list[0].folder.dir, viewport: VIEWPORT },
    floor,
    structures,
    folders,
    node,
    files: folders[0].files,
    totalBytes: folders[0].totalBytes,
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
  console.log(`Folders: ${(results.folders ?? []).map((f) => `${f.id} (${f.label}; ${(f.totalBytes / 1e6).toFixed(2)} MB)`).join('; ')}`);
  console.log(`Views: ${results.structures.map((s) => `${s.id} (${s.hash}, ${s.communes} communes)`).join(', ')}; ${results.options.coldStarts} cold starts; up to ${results.options.interactions} of each interaction${results.options.measureBudgetMs && Number.isFinite(results.options.measureBudgetMs) ? ` or ${results.options.measureBudgetMs / 1000} s per measure (at least ${results.options.minSamples})` : ''}: n below is what was taken\n`);
  console.log(table(results.rows));
  for (const f of results.folders ?? []) if (f.packLines?.length) console.log(`\nnpm run pack, ${f.id} (${(f.packMs! / 1000).toFixed(1)} s):\n${f.packLines.map((l) => `  ${l}`).join('\n')}`);
  for (const s of results.structures) console.log(`\nCold start by step, ${s.id}:\n${stepTable(s)}`);
  for (const s of results.structures) console.log(`\n${statementsReport(s)}`);
  console.log(`\n${floorTable(results.floor, results.structures)}`);
  if (results.node && 'skipped' in results.node.realImport) console.log(`\nReal-data import not timed: ${results.node.realImport.skipped}`);
  console.log(`\n${sideBySide(results)}`);
  console.log(`\nBudget (bench/README.md, "Budget"):\n${budgetText(results.budgets)}`);
}

/** Re-reads a results.json, recomputes its rows and budget with the current code, and prints them. */
export function reprint(file: string): void {
  const results = JSON.parse(readFileSync(file, 'utf8')) as Results;
  results.folders ??= [];
  results.rows = [...results.structures.flatMap(rowsOf), ...results.folders.flatMap(peerRowsOf), ...nodeRows(results.node)];
  results.budgets = budgets(results);
  printReport(results);
}
