/**
 * Reads the data bundle a portable folder carries (`data/atlas-data.js`, a
 * classic script assigning a global; see src/model/bundle.ts) and decodes its
 * parts. Errors carry a stable code so the UI can explain them in both languages.
 */
import { tableFromIPC, type Table } from 'apache-arrow';
import type { Topology } from 'topojson-specification';
import { BUNDLE_GLOBAL, decodePart, validatePayload, type BundleManifest, type BundleScriptPayload } from '../model/bundle.ts';
import { checkHeader, isProtectedPayload, ProtectError, type DecryptedBundle, type ProtectedPayload } from './protect.ts';
import { reasonOf } from '../model/text.ts';

export const BUNDLE_SCRIPT = 'data/atlas-data.js';

export class BundleError extends Error {
  constructor(
    /** `data-refused`: a protected bundle asks for weaker cryptography than the app accepts. */
    readonly code: 'data-missing' | 'data-invalid' | 'data-refused',
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

/**
 * The payload of a bundle script's text (what `payloadToScript` and
 * `protectedPayloadToScript` write: one assignment of a JSON literal to the
 * global), parsed as JSON and never run: a folder on a shared drive is data.
 */
export function payloadFromScript(text: string, file = BUNDLE_SCRIPT): unknown {
  const prefix = `globalThis.${BUNDLE_GLOBAL} = `;
  const body = text.replace(/^\uFEFF/, '');
  if (!body.startsWith(prefix)) throw new BundleError('data-invalid', file, 'not a data bundle script');
  try {
    return JSON.parse(body.slice(prefix.length).trimEnd().replace(/;$/, ''));
  } catch (e) {
    throw new BundleError('data-invalid', file, `not a data bundle script: ${reasonOf(e)}`);
  }
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
    throw new BundleError('data-invalid', file, `cannot inflate: ${reasonOf(e)}`);
  }
  return assembleBundle(p.manifest, parts, file);
}

/** Builds the loaded bundle from a manifest and the parts' raw bytes (clear or decrypted). */
export function assembleBundle(manifest: BundleManifest, parts: Record<string, Uint8Array>, file = BUNDLE_SCRIPT): LoadedBundle {
  let topology: Topology;
  let units: Table;
  try {
    topology = JSON.parse(new TextDecoder().decode(parts.boundaries)) as Topology;
    if (topology.type !== 'Topology' || !topology.objects) throw new Error('boundaries is not a TopoJSON topology');
    units = tableFromIPC(parts.units);
  } catch (e) {
    throw new BundleError('data-invalid', file, reasonOf(e));
  }
  return { manifest, parts, topology, units };
}

/**
 * Asks the user for the passphrase of a protected bundle and resolves with its
 * decrypted content (it may take as many attempts as the user needs).
 */
export type Unlock = (header: ProtectedPayload) => Promise<DecryptedBundle>;

/**
 * Loads the folder's default bundle through its classic script. A protected
 * bundle's header is checked (no downgrade) and then handed to `unlock`.
 */
export async function loadDefaultBundle(loadScript: (src: string) => Promise<void>, unlock?: Unlock): Promise<LoadedBundle> {
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
  let bundle: LoadedBundle;
  if (isProtectedPayload(payload)) {
    let header: ProtectedPayload;
    try {
      header = checkHeader(payload);
    } catch (e) {
      if (e instanceof ProtectError) throw new BundleError(e.code === 'refused' ? 'data-refused' : 'data-invalid', BUNDLE_SCRIPT, e.detail);
      throw e;
    }
    if (!unlock) throw new BundleError('data-invalid', BUNDLE_SCRIPT, 'the data is protected and nothing can ask for its passphrase');
    const d = await unlock(header);
    // The same checks as a clear bundle: a right passphrase does not make a foreign manifest usable.
    const problems = validatePayload({ manifest: d.manifest, parts: Object.fromEntries(Object.keys(d.parts).map((n) => [n, ''])) });
    if (problems.length) throw new BundleError('data-invalid', BUNDLE_SCRIPT, problems.join('; '));
    bundle = assembleBundle(d.manifest, d.parts);
  } else {
    bundle = await decodeBundle(payload);
  }
  delete g[BUNDLE_GLOBAL];
  return bundle;
}
