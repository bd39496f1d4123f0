/** The page's one start-up timeline, shared by the provider, the map and diagnostics. */
import { Timeline } from '../model/timeline.ts';

export const timeline = new Timeline(() => performance.now());

/** Small read-only window into the running app, for the diagnostics panel, e2e tests and the benchmark. */
export interface AtlasProbe {
  timings: () => ReturnType<Timeline['list']>;
  project?: (lng: number, lat: number) => [number, number];
  camera?: () => { lng: number; lat: number; zoom: number; moving: boolean };
  unitAt?: (code: string) => [number, number] | undefined;
}

export const probe: AtlasProbe = { timings: () => timeline.list() };
(globalThis as unknown as { movementAtlas: AtlasProbe }).movementAtlas = probe;

/** Marks a state on <html data-…> so tests and users' scripts can wait on it. */
export function markState(name: string, value: string): void {
  document.documentElement.dataset[name] = value;
}
