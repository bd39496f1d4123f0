/**
 * Every message the page sends to the DuckDB worker on top of DuckDB's own
 * protocol (which lives in @duckdb/duckdb-wasm's worker_request.ts). There is
 * exactly one: the wasm bytes.
 */
export interface WasmMessage {
  type: 'atlas:wasm';
  /** gzip-compressed wasm, base64; inflated in the worker, off the main thread. */
  gzipBase64: string;
  /** Uncompressed size, for DuckDB's progress reporting. */
  bytes: number;
}
