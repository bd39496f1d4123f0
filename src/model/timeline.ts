/**
 * Start-up timings: each step's start and end (ms since navigation start), kept
 * for the diagnostics panel and read by the benchmark. Pure: the caller passes
 * the clock.
 */
import { reasonOf } from './text.ts';

export interface StepTiming {
  step: string;
  start: number;
  end?: number;
  error?: string;
}

export class Timeline {
  private readonly steps = new Map<string, StepTiming>();
  private readonly listeners = new Set<() => void>();

  constructor(private readonly now: () => number) {}

  begin(step: string): void {
    this.steps.set(step, { step, start: this.now() });
    this.emit();
  }

  end(step: string, error?: string): void {
    const s = this.steps.get(step) ?? { step, start: this.now() };
    this.steps.set(step, { ...s, end: this.now(), error });
    this.emit();
  }

  /** Records a step that ran before this timeline existed (the first paint's script: src/poster.ts). */
  add(t: StepTiming): void {
    this.steps.set(t.step, { ...t });
    this.emit();
  }

  /** Records a step measured elsewhere (e.g. inside the DuckDB boot). */
  record(step: string, durationMs: number): void {
    const end = this.now();
    this.steps.set(step, { step, start: end - durationMs, end });
    this.emit();
  }

  /** Runs `fn` as a step; failures are recorded and re-thrown. */
  async run<T>(step: string, fn: () => Promise<T> | T): Promise<T> {
    this.begin(step);
    try {
      const v = await fn();
      this.end(step);
      return v;
    } catch (e) {
      this.end(step, reasonOf(e));
      throw e;
    }
  }

  list(): StepTiming[] {
    return [...this.steps.values()].sort((a, b) => a.start - b.start);
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private emit(): void {
    for (const fn of this.listeners) fn();
  }
}
