/**
 * Inputs shaped like the files an office packs with `npm run pack`, for the
 * benchmark (bench/README.md, "Packed folders"):
 *
 * - `pack-2y`: the demo's 3,321 communes of 2025 written out as GeoJSON (object
 *   `communes_2025` of data/build/demo/boundaries.topojson, names and provinces
 *   from its `units` table, as an office's file has them), with a ratings CSV of
 *   two years;
 * - `pack-15y`: the same communes with fifteen years of ratings;
 * - `districts`: the real pre-2025 districts of the shared data
 *   (../shared/data/vn-pre2025-dvhcvn, read in place: never copied, never
 *   shipped), with seeded ratings for two years.
 *
 * Ratings are seeded (the same every run) and follow a commune's own level
 * with some drift from year to year, so weak communes cluster as they do in
 * real reports. No indicator columns: a folder of any shape must be measurable.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

/** One input set: what `npm run pack` is given, and what the peer page is built from. */
export interface BenchInput {
  id: string;
  /** In words, for the report. */
  label: string;
  boundaries: string;
  ratings: string;
  /** Extra arguments for `npm run pack` (e.g. `--code-digits 3`). */
  packArgs: string[];
  /** The unit code of a boundary feature, as the packer reads it. */
  codeOf: (f: Feature) => string;
  /** The unit's name, for the peer's tooltip. */
  nameOf: (f: Feature) => string;
  years: number[];
  /** code → year → rating level id, exactly the rows of the CSV. */
  ratingRows: { code: string; year: number; rating: string; score: number }[];
}

const LEVELS = ['XS', 'K', 'TB', 'Y'] as const;

/** A small seeded generator (mulberry32), so every run packs the same data. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Seeded ratings: each unit has its own level and drifts a little from year to year; ~8 % weak. */
export function seededRatings(codes: string[], years: number[], seed: number): BenchInput['ratingRows'] {
  const r = rng(seed);
  const rows: BenchInput['ratingRows'] = [];
  for (const code of codes) {
    let level = r() * 3.4;
    for (const year of years) {
      level = Math.min(3.49, Math.max(0, level + (r() - 0.5) * 1.1));
      const rating = LEVELS[Math.round(level)];
      const score = Math.round((95 - level * 14 + (r() - 0.5) * 8) * 10) / 10;
      rows.push({ code, year, rating, score });
    }
  }
  return rows;
}

function writeRatingsCsv(path: string, codeHeader: string, rows: BenchInput['ratingRows']): void {
  // As an office exports it from Excel: UTF-8 with BOM, Vietnamese headers.
  const lines = [`${codeHeader},Năm,Xếp loại,Điểm`, ...rows.map((x) => `${x.code},${x.year},${x.rating},${x.score}`)];
  writeFileSync(path, `\uFEFF${lines.join('\n')}\n`);
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** The demo's 2025 communes as an office's GeoJSON: `ma_xa`, `ten_xa`, `loai`, `ma_tinh`, `ten_tinh`. */
function demoCommunes(demoDir: string): FeatureCollection<Polygon | MultiPolygon> {
  const topo = JSON.parse(readFileSync(join(demoDir, 'boundaries.topojson'), 'utf8')) as Topology;
  const units = tableFromIPC(readFileSync(join(demoDir, 'units.arrow')));
  const info = new Map<string, { name: string; unit_type: string; province_code: string; province_name: string }>();
  for (const row of units) {
    const u = row.toJSON() as Record<string, string>;
    if (u.structure === '2025' && u.level === 'commune') info.set(u.code, { name: u.name, unit_type: u.unit_type, province_code: u.province_code, province_name: u.province_name });
  }
  const fc = feature(topo, topo.objects.communes_2025 as GeometryCollection) as FeatureCollection<Polygon | MultiPolygon>;
  return {
    type: 'FeatureCollection',
    features: fc.features.map((f) => {
      const u = info.get(String(f.id));
      if (!u) throw new Error(`demo commune ${f.id} has no row in units`);
      return { type: 'Feature', properties: { ma_xa: String(f.id), ten_xa: u.name, loai: u.unit_type, ma_tinh: u.province_code, ten_tinh: u.province_name }, geometry: f.geometry };
    }),
  };
}

/** Where the shared real data is looked for by default: next to the repository, never inside it. */
export const SHARED_DATA = join(process.cwd(), '..', 'shared', 'data');
const DISTRICTS = ['vn-pre2025-dvhcvn', 'districts_excl_quang_ninh.geojson'];

/**
 * Writes the inputs into `dir` (outside the repository's tracked files) and
 * returns them. The districts set is left out, with a message, when the shared
 * data is absent.
 */
export function benchInputs(dir: string, opts: { demoDir: string; sharedData: string; log: (msg: string) => void }): BenchInput[] {
  mkdirSync(dir, { recursive: true });
  const out: BenchInput[] = [];
  const communes = demoCommunes(opts.demoDir);
  const communesPath = join(dir, 'communes-2025.geojson');
  writeFileSync(communesPath, JSON.stringify(communes));
  const codes = communes.features.map((f) => String(f.properties!.ma_xa));
  const fromProps = (key: string) => (f: Feature) => String(f.properties?.[key] ?? '');
  for (const [id, years] of [['pack-2y', range(2025, 2026)], ['pack-15y', range(2012, 2026)]] as const) {
    const ratingRows = seededRatings(codes, [...years], 2025);
    const ratings = join(dir, `ratings-${id}.csv`);
    writeRatingsCsv(ratings, 'Mã xã', ratingRows);
    out.push({
      id,
      label: `demo's ${codes.length.toLocaleString('en-US')} communes of 2025 as GeoJSON + ${years.length} years of ratings (CSV)`,
      boundaries: communesPath,
      ratings,
      packArgs: [],
      codeOf: fromProps('ma_xa'),
      nameOf: fromProps('ten_xa'),
      years: [...years],
      ratingRows,
    });
  }
  const districts = join(opts.sharedData, ...DISTRICTS);
  if (!existsSync(districts)) {
    opts.log(`skipping the real districts: ${districts} is absent (shared data, never part of the repository)`);
    return out;
  }
  const fc = JSON.parse(readFileSync(districts, 'utf8')) as FeatureCollection;
  const codeOf = (f: Feature) => String(f.properties?.level2_id ?? f.id ?? '');
  const years = range(2023, 2024);
  const ratingRows = seededRatings(fc.features.map(codeOf), years, 2024);
  const ratings = join(dir, 'ratings-districts.csv');
  writeRatingsCsv(ratings, 'Mã', ratingRows);
  out.push({
    id: 'districts',
    label: `real pre-2025 districts (${fc.features.length} units, dvhcvn, shared data) + ${years.length} years of seeded ratings`,
    boundaries: districts,
    ratings,
    packArgs: ['--code-digits', '3'],
    codeOf,
    nameOf: fromProps('name'),
    years,
    ratingRows,
  });
  return out;
}
