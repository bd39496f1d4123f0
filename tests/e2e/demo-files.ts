/**
 * Writes the demo bundle back out as the files an IT officer has: boundaries
 * of each structure as GeoJSON (code, name and province as properties, as in
 * tests/fixtures/good), and rating sheets as CSV, so the yearly procedure can
 * be run from files on the demo's data and compared with the demo bundle.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import type { FeatureCollection } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection } from 'topojson-specification';
import { decodeBundle, payloadFromScript, type LoadedBundle } from '../../src/io/bundle.ts';

export const DEMO_DIR = 'data/build/demo';

export async function readDemo(dir = DEMO_DIR): Promise<LoadedBundle> {
  return decodeBundle(payloadFromScript(readFileSync(join(dir, 'atlas-data.js'), 'utf8')));
}

function rows(bytes: Uint8Array): Record<string, unknown>[] {
  return tableFromIPC(bytes).toArray().map((r) => r.toJSON() as Record<string, unknown>);
}

/** The communes of one structure as GeoJSON with `ma_xa`, `ten_xa`, `ma_tinh`, `ten_tinh`. */
export function communesGeoJson(demo: LoadedBundle, structure: string): string {
  const units = new Map(rows(demo.parts.units).filter((u) => u.structure === structure && u.level === 'commune').map((u) => [String(u.code), u]));
  const fc = feature(demo.topology, demo.topology.objects[`communes_${structure}`] as GeometryCollection) as FeatureCollection;
  for (const f of fc.features) {
    const u = units.get(String(f.id))!;
    f.properties = { ma_xa: u.code, ten_xa: u.name, ma_tinh: u.province_code, ten_tinh: u.province_name };
    delete f.id;
  }
  return JSON.stringify(fc);
}

export interface RatingLine {
  code: string;
  year: number;
  rating: string;
  score: number | null;
  participation?: number | null;
  incidents?: number | null;
}

/** A rating sheet as CSV (UTF-8 with BOM, Vietnamese headers, as offices write them). */
export function ratingsCsv(lines: readonly RatingLine[]): string {
  const num = (v: number | null | undefined, d: number) => (v === null || v === undefined ? '' : String(Number(v.toFixed(d))));
  const out = ['Mã xã,Năm,Xếp loại,Điểm,participation,incidents'];
  for (const l of lines) out.push([l.code, l.year, l.rating, num(l.score, 2), num(l.participation, 3), num(l.incidents, 3)].join(','));
  return `\uFEFF${out.join('\r\n')}\r\n`;
}

/** The demo's own rating rows of a structure (the years that sit on it). */
export function demoRatings(demo: LoadedBundle, structure: string): RatingLine[] {
  return rows(demo.parts.ratings)
    .filter((r) => r.structure === structure)
    .map((r) => ({ code: String(r.code), year: Number(r.year), rating: String(r.rating), score: r.score as number | null, participation: r.participation as number | null, incidents: r.incidents as number | null }));
}

/**
 * The demo's history of a structure as its bundle ships it (the `series.<structure>`
 * part): every commune and year, with the rating carried across the merger.
 */
export function demoSeries(demo: LoadedBundle, structure: string): { code: string; year: number; rating: string | null; score: number | null }[] {
  return rows(demo.parts[`series.${structure}`]).map((r) => ({ code: String(r.code), year: Number(r.year), rating: (r.rating as string | null) ?? null, score: (r.score as number | null) ?? null }));
}

/** Writes the four files of both structures into `dir`; returns their paths. */
export function writeDemoFiles(demo: LoadedBundle, dir: string): { before: string; after: string; ratingsBefore: string; ratings: string } {
  const paths = { before: join(dir, 'xa-truoc-2025.geojson'), after: join(dir, 'xa-2025.geojson'), ratingsBefore: join(dir, 'xep-loai-2011-2024.csv'), ratings: join(dir, 'xep-loai-2025.csv') };
  writeFileSync(paths.before, communesGeoJson(demo, 'pre2025'));
  writeFileSync(paths.after, communesGeoJson(demo, '2025'));
  writeFileSync(paths.ratingsBefore, ratingsCsv(demoRatings(demo, 'pre2025')));
  writeFileSync(paths.ratings, ratingsCsv(demoRatings(demo, '2025')));
  return paths;
}
