/**
 * Works out a bundle's rating series at pack time and encodes it as the
 * bundle's `series.<structure>` parts (one per structure), so the app loads it as it is instead of working it
 * out in the browser while the planner waits (src/db/series.ts). Each row also
 * carries the columns of the worklist's year table for its structure and year
 * (src/db/year-table.ts), so the first list needs no join or aggregate either.
 *
 * The same DuckDB and the same SQL as the app: the bundle's tables are loaded
 * into DuckDB-WASM's node build, `prepareSeries` runs, then `yearTable` for
 * every structure × year. The part is Arrow IPC with the column types of the
 * app's own tables, written like every other part (src/io/tables.ts: strings
 * dictionary-encoded). Rows are ordered by code and year, so each
 * commune's attributes repeat in a run and compress to little.
 *
 * Node only (DuckDB's node build): the page never builds this part; a bundle
 * without it, or with one worked out from other data, has its series worked
 * out in the browser as before.
 */
import { loadTables } from '../../src/db/queries.ts';
import { SERIES_COLUMNS, SERIES_SCHEMA, SHIPPED_WORKLIST_COLUMNS, SHIPPED_WORKLIST_SCHEMA, prepareSeries, seriesInputs, seriesPartName } from '../../src/db/series.ts';
import { yearTable } from '../../src/db/year-table.ts';
import { sha256Hex } from '../../src/io/bytes.ts';
import { toArrowStream, type ColumnSpec, type ColumnType } from '../../src/io/tables.ts';
import type { BundleManifest, PartInfo } from '../../src/model/bundle.ts';
import { nodeDuckDB } from './node-duckdb.ts';

/** Arrow column type of each DuckDB type of the shipped columns. */
const ARROW_TYPES: Record<string, ColumnType> = { VARCHAR: 'utf8', INTEGER: 'int32', DOUBLE: 'float64', BOOLEAN: 'bool' };

/** One `series.<structure>` part per structure of the bundle: bytes and manifest entry. */
export async function seriesParts(manifest: BundleManifest, parts: Record<string, Uint8Array>): Promise<Record<string, { bytes: Uint8Array; info: PartInfo }>> {
  const db = await nodeDuckDB();
  try {
    await loadTables(db, parts, manifest.scale);
    await prepareSeries(db, manifest);
    const schema = [...SERIES_SCHEMA, ...SHIPPED_WORKLIST_SCHEMA];
    await db.query(`CREATE TEMP TABLE shipped_rows (structure VARCHAR, year INTEGER, code VARCHAR, ${SHIPPED_WORKLIST_SCHEMA.map(([c, type]) => `${c} ${type}`).join(', ')})`);
    const out: Record<string, { bytes: Uint8Array; info: PartInfo }> = {};
    const derivedFrom = seriesInputs(manifest);
    for (const s of manifest.structures) {
      for (const year of manifest.years) {
        const table = await yearTable(db, s.id, year);
        await db.query(`INSERT INTO shipped_rows SELECT ?, ?, code, ${SHIPPED_WORKLIST_COLUMNS.join(', ')} FROM ${table}`, [s.id, year]);
      }
      const t = await db.query(
        `SELECT ${SERIES_COLUMNS.map((c) => `s.${c}`).join(', ')}, ${SHIPPED_WORKLIST_COLUMNS.map((c) => `w.${c}`).join(', ')}
           FROM series s JOIN shipped_rows w ON w.structure = s.structure AND w.year = s.year AND w.code = s.code
          WHERE s.structure = ?
          ORDER BY s.code, s.year`,
        [s.id],
      );
      const total = await db.query('SELECT count(*) AS n FROM series WHERE structure = ?', [s.id]);
      if (Number(total.get(0)!.toJSON().n) !== t.numRows) throw new Error(`series rows of ${s.id} without a worklist row`);
      const columns: ColumnSpec[] = schema.map(([name, sqlType]) => {
        const type = ARROW_TYPES[sqlType];
        const values = Array.from(t.getChild(name) ?? [], (v) => (v == null ? null : type === 'utf8' ? String(v) : type === 'bool' ? v === true : Number(v)));
        return { name, type, values };
      });
      const bytes = toArrowStream(columns);
      out[seriesPartName(s.id)] = { bytes, info: { kind: 'arrow', bytes: bytes.byteLength, sha256: await sha256Hex(bytes), derivedFrom } };
    }
    return out;
  } finally {
    await db.close();
  }
}

/** `bundle` with its series parts worked out and added (manifest entries included). */
export async function withSeriesParts<B extends { manifest: BundleManifest; parts: Record<string, Uint8Array> }>(bundle: B): Promise<B> {
  const added = await seriesParts(bundle.manifest, bundle.parts);
  const info = Object.fromEntries(Object.entries(added).map(([name, p]) => [name, p.info]));
  const bytes = Object.fromEntries(Object.entries(added).map(([name, p]) => [name, p.bytes]));
  return { ...bundle, manifest: { ...bundle.manifest, parts: { ...bundle.manifest.parts, ...info } }, parts: { ...bundle.parts, ...bytes } };
}
