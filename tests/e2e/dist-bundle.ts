/**
 * Reads the data bundle of a built folder in node, independently of the page,
 * so e2e tests can compute what the user must see (expected colours, counts,
 * names) and compare.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { tableFromIPC, type Table } from 'apache-arrow';
import { decodeBundle, type LoadedBundle } from '../../src/io/bundle.ts';
import { BUNDLE_GLOBAL } from '../../src/model/bundle.ts';

export async function readDistBundle(dist: string): Promise<LoadedBundle & { ratings: Table }> {
  const text = readFileSync(join(dist, 'data', 'atlas-data.js'), 'utf8');
  const sandbox: Record<string, unknown> = {};
  sandbox.globalThis = sandbox;
  runInNewContext(text, sandbox);
  const bundle = await decodeBundle(sandbox[BUNDLE_GLOBAL]);
  return { ...bundle, ratings: tableFromIPC(bundle.parts.ratings) };
}

export interface UnitRow {
  code: string;
  name: string;
  structure: string;
  level: string;
}

export function unitRows(bundle: LoadedBundle): UnitRow[] {
  return bundle.units.toArray().map((r) => r.toJSON() as UnitRow);
}

/** rating by code for one year, straight from the Arrow table. */
export function ratingsOfYear(ratings: Table, year: number): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of ratings.toArray()) {
    const o = r.toJSON() as { code: string; year: number; rating: string };
    if (Number(o.year) === year) out.set(o.code, o.rating);
  }
  return out;
}
