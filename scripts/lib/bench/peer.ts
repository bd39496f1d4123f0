/**
 * The peer: the qgis2web-style Leaflet page a GIS office would export today
 * (bench/peer/index.html), built from the same GeoJSON and ratings as a packed
 * folder, opened the same way (fresh headless Chromium, file://, same viewport,
 * the same instrumentation), and timed on the same marks: first coloured map
 * (ms since navigation) and year switch → frame drawn / pixels read back.
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import type { Feature, FeatureCollection } from 'geojson';
import { fileUrl, freshPage, heapSample, type HeapSample } from './browser.ts';
import type { BenchInput } from './inputs.ts';
import { inPage } from './instrument.ts';
import type { Repeat } from './interactions.ts';

export interface PeerRun {
  id: string;
  /** Leaflet's version, from its package. */
  leaflet: string;
  folderBytes: number;
  /** ms since navigation start, one per cold start. */
  firstColouredMap: number[];
  heap: HeapSample[];
  /** Year switches: change event → Leaflet's canvas redrawn, and → its pixels read back. */
  year: { drawn: number; pixels: number }[];
  errors: string[];
}

const require = createRequire(import.meta.url);

/** Writes the peer folder for `input` into `dir` (index.html, css/, js/, data/communes_1.js). */
export function buildPeer(input: BenchInput, dir: string): { bytes: number; leaflet: string } {
  rmSync(dir, { recursive: true, force: true });
  for (const d of ['css', 'js', 'data']) mkdirSync(join(dir, d), { recursive: true });
  const leafletDir = dirname(require.resolve('leaflet/dist/leaflet.js'));
  const leaflet = (JSON.parse(readFileSync(join(leafletDir, '..', 'package.json'), 'utf8')) as { version: string }).version;
  copyFileSync(join(leafletDir, 'leaflet.js'), join(dir, 'js', 'leaflet.js'));
  copyFileSync(join(leafletDir, 'leaflet.css'), join(dir, 'css', 'leaflet.css'));
  copyFileSync(resolve('bench/peer/index.html'), join(dir, 'index.html'));
  // As qgis2web exports a layer joined to its table: one property per year's rating.
  const byCode = new Map<string, Record<string, string>>();
  for (const r of input.ratingRows) {
    let m = byCode.get(r.code);
    if (!m) byCode.set(r.code, (m = {}));
    m[`xep_loai_${r.year}`] = r.rating;
  }
  const src = JSON.parse(readFileSync(input.boundaries, 'utf8')) as FeatureCollection;
  const fc = {
    type: 'FeatureCollection',
    name: 'communes_1',
    crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } },
    features: src.features.map((f: Feature) => ({ type: 'Feature', properties: { ma: input.codeOf(f), ten: input.nameOf(f), ...byCode.get(input.codeOf(f)) }, geometry: f.geometry })),
  };
  const data = `var json_communes_1 = ${JSON.stringify(fc)};\nvar years_communes_1 = ${JSON.stringify(input.years)};\n`;
  writeFileSync(join(dir, 'data', 'communes_1.js'), data);
  const bytes = ['index.html', 'css/leaflet.css', 'js/leaflet.js', 'data/communes_1.js'].reduce((s, f) => s + readFileSync(join(dir, f)).byteLength, 0);
  return { bytes, leaflet };
}

/** Cold starts (first coloured map) and year switches on the peer page. */
export async function measurePeer(id: string, dir: string, years: number[], opts: { coldStarts: number; rep: Repeat; leaflet: string; folderBytes: number }): Promise<PeerRun> {
  const run: PeerRun = { id, leaflet: opts.leaflet, folderBytes: opts.folderBytes, firstColouredMap: [], heap: [], year: [], errors: [] };
  for (let i = 0; i < opts.coldStarts; i++) {
    const { page, browser, cdp, errors } = await freshPage();
    try {
      await page.goto(fileUrl(dir), { waitUntil: 'commit' });
      await page.waitForFunction(() => document.documentElement.dataset.mapState === 'coloured', undefined, { timeout: 240_000, polling: 100 });
      const marks = await inPage.marks(page);
      run.firstColouredMap.push(marks.find((m) => m.attr === 'data-map-state' && m.value === 'coloured')?.t ?? NaN);
      await inPage.waitQuiet(page, 1000, 30_000).catch(() => undefined);
      run.heap.push(await heapSample(cdp));
      if (i === opts.coldStarts - 1) run.year = await peerYearSwitches(page, years, opts.rep);
      run.errors.push(...errors);
    } finally {
      await browser.close();
    }
  }
  return run;
}

async function peerYearSwitches(page: Awaited<ReturnType<typeof freshPage>>['page'], years: number[], rep: Repeat): Promise<PeerRun['year']> {
  const out: PeerRun['year'] = [];
  const order = [...years].sort((a, b) => b - a);
  const select = page.getByTestId('year');
  for (const started = Date.now(); out.length < rep.n && (out.length < rep.min || Date.now() - started < rep.budgetMs); ) {
    const current = Number(await select.inputValue());
    let next = order[(order.indexOf(current) + 1) % order.length];
    if (next === current) next = order[(order.indexOf(current) + 2) % order.length];
    const since = await inPage.now(page);
    const armed = await inPage.arm(page, { attr: 'data-rendered-key', since, prefix: `peer|${next}|`, sync: true });
    await select.selectOption(String(next));
    const drawn = await inPage.armed(page, armed);
    const ev = await inPage.firstEvent(page, 'change', since);
    if (ev === null) throw new Error('peer: no change event reached the page');
    await inPage.waitQuiet(page, 200);
    out.push({ drawn: drawn.t - ev, pixels: (drawn.tPixels ?? NaN) - ev });
  }
  return out;
}
