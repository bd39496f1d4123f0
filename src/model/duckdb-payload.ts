/**
 * DuckDB's wasm ships as a classic script that assigns a gzip+base64 string to
 * a global: on file:// a page cannot fetch bytes that sit next to it, but it can
 * run a script. Shared by the build (writer) and the app (reader).
 */
export const DUCKDB_GLOBAL = '__MOVEMENT_ATLAS_DUCKDB__';

export interface DuckdbPayload {
  version: string;
  bundle: 'eh' | 'mvp';
  /** Size of the uncompressed wasm. */
  bytes: number;
  sha256: string;
  gzipBase64: string;
}

/** Text of the classic script that carries the payload. */
export function duckdbScriptText(p: DuckdbPayload): string {
  return `globalThis.${DUCKDB_GLOBAL} = ${JSON.stringify(p)};\n`;
}
