/** The shape of bench/results.json: raw samples plus the summaries printed. */
import type { FileSize } from '../sizes.ts';
import type { ColdStart } from './cold.ts';
import type { Floor } from './floor.ts';
import type { HeapSample, ProcessMemory } from './browser.ts';
import type { HoverSample, Sample } from './interactions.ts';
import type { NodeMeasures } from './node.ts';
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
  id: string;
  hash: string;
  /** Communes in the view (the unfiltered worklist count). */
  communes: number;
  cold: ColdStart[];
  year: Sample[];
  filter: Sample[];
  search: Sample[];
  hover: { first: HoverSample; samples: HoverSample[]; points: number };
  heapAfterInteractions: HeapSample;
  processesAfterInteractions?: ProcessMemory[];
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
  files: FileSize[];
  totalBytes: number;
  rows: Row[];
  budgets: Budget[];
}
