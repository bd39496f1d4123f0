/** The shape of bench/results.json: raw samples plus the summaries printed. */
import type { FileSize } from '../sizes.ts';
import type { ColdStart } from './cold.ts';
import type { Floor } from './floor.ts';
import type { HeapSample, ProcessMemory } from './browser.ts';
import type { DuckdbRequest } from './instrument.ts';
import type { DrawFloor, HoverSample, Sample } from './interactions.ts';
import type { NodeMeasures } from './node.ts';
import type { PeerRun } from './peer.ts';
import type { Summary } from './stats.ts';

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryBytes: number;
  platform: string;
  release: string;
  node: string;
  /** os.loadavg() (1, 5, 15 min) when the run started and ended: others' work on a shared machine shows here. */
  loadBefore: number[];
  loadAfter: number[];
}

export interface StructureRun {
  /** `<folder>:<structure>`, e.g. `demo:2025`, `pack-2y:2025`. */
  id: string;
  /** The measured folder's id (FolderRun.id) and the structure shown. */
  folder?: string;
  structure?: string;
  hash: string;
  /** Communes in the view (the unfiltered worklist count). */
  communes: number;
  cold: ColdStart[];
  year: Sample[];
  /** deck.gl's own part of a year switch, timed alone in the page (runs before this field existed have none). */
  drawFloor?: DrawFloor;
  filter: Sample[];
  search: Sample[];
  hover: { first: HoverSample; samples: HoverSample[]; points: number };
  heapAfterInteractions: HeapSample;
  processesAfterInteractions?: ProcessMemory[];
  /** DuckDB's requests on the kept page from its load to the end of the interactions, and when the interactions began. */
  duckdb?: { log: DuckdbRequest[]; interactionsFrom: number };
}

/** A folder measured: the demo build, a folder made by `npm run pack`, or a `--dir` folder. */
export interface FolderRun {
  id: string;
  /** In words: what it holds. */
  label: string;
  dir: string;
  kind: 'demo' | 'pack' | 'dir';
  files: FileSize[];
  totalBytes: number;
  /** Units (communes) of its structures and its years, from its manifest and units table. */
  units: number;
  years: number[];
  /** Wall time of `npm run pack` and its summary lines (packed folders). */
  packMs?: number;
  packLines?: string[];
  /** The qgis2web-style Leaflet page built from the same inputs (packed folders). */
  peer?: PeerRun;
}

/** One row of the printed table. */
export interface Row {
  measure: string;
  structure: string;
  unit: 'ms' | 'MB';
  summary: Summary;
}

export interface Budget {
  name: string;
  pass: boolean;
  detail: string;
  /** Shown for information, outside the budget (INFO): `pass` says whether it would meet the line. */
  info?: boolean;
}

export interface Results {
  date: string;
  commit: string;
  /** Uncommitted changes in the working tree when the folder was built. */
  dirty: boolean;
  machine: Machine;
  browser: { executable: string; version: string; webglRenderer: string; softwareWebgl: boolean };
  options: { quick: boolean; coldStarts: number; interactions: number; measureBudgetMs: number; minSamples: number; floorReps: number; nodeReps?: number; distDir: string; viewport: { width: number; height: number } };
  floor: Floor[];
  structures: StructureRun[];
  /** Work timed in node with the app's code and engine (absent in older results). */
  node?: NodeMeasures;
  folders: FolderRun[];
  /** The first folder's files (the demo build), as earlier runs stored them. */
  files: FileSize[];
  totalBytes: number;
  rows: Row[];
  budgets: Budget[];
}
