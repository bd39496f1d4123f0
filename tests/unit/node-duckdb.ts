/** The SqlRunner of the tests: see scripts/lib/node-duckdb.ts (the packer uses it too). */
export { nodeDuckDB } from '../../scripts/lib/node-duckdb.ts';
