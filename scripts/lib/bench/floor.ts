/**
 * The floor of a cold start, measured in the same Chromium on a blank file://
 * page: what it costs just to get DuckDB's wasm and the data bundle into
 * memory, with nothing of the app around it. DuckDB: load its classic script,
 * base64-decode, gunzip (DecompressionStream) and `WebAssembly.compile`. Data:
 * load its classic script, base64-decode and inflate every part, and
 * `JSON.parse` the TopoJSON (the Arrow parts need apache-arrow, not loaded
 * here; DuckDB takes them as bytes). The app's cold start is shown next to
 * this, so the report says what the app spends above the floor.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { freshPage } from './browser.ts';

export interface Floor {
  duckdbScript: number;
  duckdbBase64: number;
  duckdbGunzip: number;
  duckdbCompile: number;
  /** script + base64 + gunzip + compile. */
  duckdbTotal: number;
  wasmBytes: number;
  dataScript: number;
  dataBase64: number;
  /** The same base64 decode the app does today (atob + a byte loop), for comparison. */
  dataBase64Atob: number;
  dataInflate: number;
  dataParse: number;
  /** script + base64 + inflate + parse. */
  dataTotal: number;
}

/** In-page code, as text (see instrument.ts for why not a serialised function). */
const FLOOR_SCRIPT = (duckUrl: string, dataUrl: string) => `(async () => {
  const load = (src) => new Promise((res, rej) => {
    const s = document.createElement('script');
    s.src = src; s.onload = res; s.onerror = () => rej(new Error('could not load ' + src));
    document.head.appendChild(s);
  });
  const atobBytes = (b64) => { const bin = atob(b64); const out = new Uint8Array(bin.length); for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i); return out; };
  const fromB64 = (b64) => Uint8Array.fromBase64 ? Uint8Array.fromBase64(b64) : atobBytes(b64);
  const gunzip = async (bytes) => new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer());
  const r = {};
  let t = performance.now();
  await load(${JSON.stringify(duckUrl)});
  r.duckdbScript = performance.now() - t;
  const p = globalThis.__MOVEMENT_ATLAS_DUCKDB__;
  t = performance.now();
  const gz = fromB64(p.gzipBase64);
  r.duckdbBase64 = performance.now() - t;
  t = performance.now();
  const wasm = await gunzip(gz);
  r.duckdbGunzip = performance.now() - t;
  t = performance.now();
  await WebAssembly.compile(wasm);
  r.duckdbCompile = performance.now() - t;
  r.wasmBytes = wasm.length;
  r.duckdbTotal = r.duckdbScript + r.duckdbBase64 + r.duckdbGunzip + r.duckdbCompile;
  t = performance.now();
  await load(${JSON.stringify(dataUrl)});
  r.dataScript = performance.now() - t;
  const b = globalThis.__MOVEMENT_ATLAS_BUNDLE__;
  const names = Object.keys(b.parts);
  t = performance.now();
  const gzParts = names.map((n) => fromB64(b.parts[n]));
  r.dataBase64 = performance.now() - t;
  t = performance.now();
  names.forEach((n) => atobBytes(b.parts[n]));
  r.dataBase64Atob = performance.now() - t;
  t = performance.now();
  const raw = await Promise.all(gzParts.map(gunzip));
  r.dataInflate = performance.now() - t;
  t = performance.now();
  JSON.parse(new TextDecoder().decode(raw[names.indexOf('boundaries')]));
  r.dataParse = performance.now() - t;
  r.dataTotal = r.dataScript + r.dataBase64 + r.dataInflate + r.dataParse;
  return r;
})()`;

/** Measures the floor `reps` times, each in a fresh browser (no compiled-code or GPU caches carried over). */
export async function measureFloor(distDir: string, reps: number): Promise<Floor[]> {
  const dir = join(tmpdir(), 'movement-atlas-bench');
  mkdirSync(dir, { recursive: true });
  const html = join(dir, 'floor.html');
  writeFileSync(html, '<!doctype html><meta charset="utf-8"><title>floor</title>\n');
  const duckUrl = pathToFileURL(resolve(distDir, 'duckdb/duckdb-eh.wasm.js')).href;
  const dataUrl = pathToFileURL(resolve(distDir, 'data/atlas-data.js')).href;
  const out: Floor[] = [];
  for (let i = 0; i < reps; i++) {
    const { browser, page } = await freshPage();
    try {
      await page.goto(pathToFileURL(html).href);
      out.push((await page.evaluate(FLOOR_SCRIPT(duckUrl, dataUrl))) as Floor);
    } finally {
      await browser.close();
    }
  }
  return out;
}
