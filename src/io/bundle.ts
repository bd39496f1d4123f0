/**
 * Reads the data bundle a portable folder carries (`data/atlas-data.js`, a
 * classic script assigning a global; see src/model/bundle.ts) and decodes its
 * parts. Errors carry a stable code so the UI can explain them in both languages.
 */
import { tableFromIPC, type Table } from 'apache-arrow';
import type { Topology } from 'topojson-specification';
import { BUNDLE_GLOBAL, decodePart, validatePayload, type BundleManifest, type BundleScriptPayload } from '../model/bundle.ts';

export const BUNDLE_SCRIPT = 'data/atlas-data.js';

export class BundleError extends Error {
  constructor(
    readonly code: 'data-missing' | 'data-invalid',
    readonly file: string,
    readonly detail: string,
  ) {
    super(`${code}: ${file}: ${detail}`);
  }
}

export interface LoadedBundle {
  manifest: BundleManifest;
  /** Raw bytes of each part (Arrow IPC for tables), ready for DuckDB. */
  parts: Record<string, Uint8Array>;
  topology: Topology;
  /** The `units` table decoded in the page, for names before DuckDB is up. */
  units: Table;
}

/** Decodes a payload (already read from the global or from a file). */
export async function decodeBundle(payload: unknown, file = BUNDLE_SCRIPT): Promise<LoadedBundle> {
  const problems = validatePayload(payload);
  if (problems.length) throw new BundleError('data-invalid', file, problems.join('; '));
  const p = payload as BundleScriptPayload;
  const parts: Record<string, Uint8Array> = {};
  try {
    const names = Object.keys(p.parts);
    const decoded = await Promise.all(names.map((n) => decodePart(p.parts[n])));
    names.forEach((n, i) => (parts[n] = decoded[i]));
  } catch (e) {
    throw new BundleError('data-invalid', file, `cannot inflate: ${e instanceof Error ? e.message : String(e)}`);
  }
  let topology: Topology;
  let units: Table;
  try {
    topology = JSON.parse(new TextDecoder().decode(parts.boundaries)) as Topology;
    if (topology.type !== 'Topology' || !topology.objects) throw new Error('boundaries is not a TopoJSON topology');
    units = tableFromIPC(parts.units);
  } catch (e) {
    throw new BundleError('data-invalid', file, e instanceof Error ? e.message : String(e));
  }
  return { manifest: p.manifest, parts, topology, units };
}

/** Loads the folder's default bundle through its classic script. */
export async function loadDefaultBundle(loadScript: (src: string) => Promise<void>): Promise<LoadedBundle> {
  const g = globalThis as unknown as Record<string, unknown>;
  if (!g[BUNDLE_GLOBAL]) {
    try {
      await loadScript(BUNDLE_SCRIPT);
    } catch {
      throw new BundleError('data-missing', BUNDLE_SCRIPT, 'script failed to load');
    }
  }
  const payload = g[BUNDLE_GLOBAL];
  if (!payload) throw new BundleError('data-missing', BUNDLE_SCRIPT, 'script did not define the bundle');
  const bundle = await decodeBundle(payload);
  delete g[BUNDLE_GLOBAL];
  return bundle;
}
