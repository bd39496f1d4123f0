/**
 * Packs validated user data into the bundle format the app loads (see
 * src/model/bundle.ts and data/README.md): one TopoJSON topology for all
 * geometry, Arrow IPC tables, a manifest, and the gzip+base64 classic-script
 * payload. Node-free (CompressionStream, crypto.subtle), so the browser import
 * and the pack CLI produce the same parts.
 *
 * Border, maritime and island flags are computed with src/geo/priority.ts and
 * merged with the declared ones by src/model/priority.ts, as for the demo; they
 * need Natural Earth's neighbour countries and Vietnam's outline, which the
 * caller supplies (the CLI from Natural Earth, the browser from the bundle it
 * has) and which go into the topology for the next import. Each structure's
 * flags are worked out from its own communes.
 */
import * as turf from '@turf/turf';
import { zoneOverlaps } from '../geo/zones.ts';
import { coarseLevel, type TopologyWithCoarse } from '../geo/lod.ts';
import type { Feature, FeatureCollection, GeoJsonObject, MultiPolygon, Polygon } from 'geojson';
import { feature, mergeArcs, quantize } from 'topojson-client';
import { topology as buildTopology } from 'topojson-server';
import { presimplify, simplify } from 'topojson-simplify';
import type { GeometryCollection, MultiPolygon as TopoMultiPolygon, Objects, Polygon as TopoPolygon, Topology } from 'topojson-specification';
import { BUNDLE_FORMAT, BUNDLE_VERSION, defaultHigherIsBetter, REQUIRED_PARTS, payloadToScript } from '../model/bundle.ts';
import type { BundleManifest, BundleScriptPayload, EncodedScene, PartInfo, RequiredPart, StructureInfo } from '../model/bundle.ts';
import type { RatingScale } from '../model/scale.ts';
import { flagsFromEdges, measureUnits, type NeighbourCountry } from '../geo/priority.ts';
import { datasetKinds, mergePriority, type Contradiction, type PriorityKindDef, type PriorityRow as FlagRow } from '../model/priority.ts';
import { FLAG_SUMMARY_WORDS, PACK_TEXTS, fill, type Lang } from '../model/i18n.ts';
import { provinceTypeOf } from '../model/unit-types.ts';
import { bytesToBase64, gzip, sha256Hex } from './bytes.ts';
import { toArrowStream, columnsToCsv, type ColumnSpec } from './tables.ts';
import { encryptBundle, protectedPayloadToScript, type EncryptOptions } from './protect.ts';
import type { ReportIssue } from './report.ts';
import type { IndicatorColumn, ValidCrosswalk, ValidPriority, ValidRating, ValidUnit, ValidZone } from './validate.ts';

/** One administrative structure's communes and declared flags. */
export interface StructureInput {
  /** `2025` (the current structure) or `pre2025` (the one before the 2025 reorganisation). */
  id: string;
  units: ValidUnit[];
  declared: ValidPriority[];
}

/** A validated rating placed on a structure (src/io/structures.ts). */
export interface PackRating extends ValidRating {
  structure: string;
}

/** Everything validated, ready to pack. */
export interface PackInput {
  /** Newest first; each one holds a run of years, the older structure the earlier years. */
  structures: StructureInput[];
  ratings: PackRating[];
  indicators: IndicatorColumn[];
  zones: ValidZone[];
  crosswalk: ValidCrosswalk[];
  neighbours: NeighbourCountry[];
  /** Vietnam's outline (Natural Earth admin-0): tells the national edge from inner lines; without it, border flags are less sure. */
  national?: Polygon | MultiPolygon | null;
  /** Natural Earth's provinces of Vietnam (admin-1): with one province loaded, its edge that faces the neighbour across the next province is not border. */
  provinces?: (Polygon | MultiPolygon)[] | null;
  /** Labels and colours of declared kinds that are not built in. */
  declaredKinds?: PriorityKindDef[];
  scale: RatingScale;
}

/** What the priority flags came to, for the pack CLI's summary (every structure's units together). */
export interface FlagSummary {
  /**
   * Per kind in display order: units flagged, and how many of them are flagged
   * from the boundaries or by a declared list (units, not flag rows: a commune
   * on two neighbours has two border rows).
   */
  kinds: { id: string; label: string; units: number; computed: number; declared: number }[];
  /** Units with a land border, per neighbour (any source); a unit on two neighbours counts under both. */
  neighbours: { name: string; units: number }[];
  /** Units with a land border on two neighbours or more (Sín Thầu: China and Laos). */
  multiNeighbour: number;
  /** Computed flags a declared list contradicts. */
  contradictions: Contradiction[];
  /** Outer edge that is neither border nor coast: gaps between units, and edge inside the country. */
  gapKm: number;
  inlandKm: number;
  /** Time to compute the flags from the boundaries, milliseconds. */
  ms: number;
}

export interface PackOptions {
  title?: { vi: string; en: string };
  source?: { vi: string; en: string };
  /** ISO date the data stands for; default 31 December of the last rating year. */
  dataDate?: string;
  /**
   * topojson-simplify weight threshold in squared degrees (0 keeps every
   * vertex). Default 2e-7, as the demo: ≈ a 0.0025 km² triangle.
   */
  simplify?: number;
  /**
   * Add the coarse level the map draws at national and regional zooms
   * (src/geo/lod.ts), worked out after every figure. Default true; false ships
   * the boundaries as they were before it existed.
   */
  coarse?: boolean;
  /** The coordinate system the boundaries came in (kept in the manifest: the TM-3 meridian, say). */
  sourceCrs?: BundleManifest['sourceCrs'];
}

/** The packed bundle: what the app loads and what the CLI writes. */
export interface PackedBundle {
  manifest: BundleManifest;
  /** Raw bytes of each part (Arrow IPC, TopoJSON text), and of any worked out at pack time (the `series`). */
  parts: Record<RequiredPart, Uint8Array> & Record<string, Uint8Array>;
  topology: Topology;
  /** Extra issues found while packing (flags that could not be computed reliably). */
  issues: ReportIssue[];
  /** Plain CSV of each table, UTF-8 with BOM, for the raw folder. */
  csv: Record<Exclude<RequiredPart, 'boundaries'>, string>;
  flags: FlagSummary;
}

/** District types (pre-2025 files of that level): a "thành phố" can be a province or a district, so it does not count. */
const DISTRICT_TYPES = new Set<string>(['quận', 'huyện', 'thị xã']);

const TABLES = ['units', 'ratings', 'priority', 'zones', 'crosswalk'] as const;

/**
 * A structure's manifest entry. The label names the structure (with two, the
 * former or the current one) and its size, not its years, which an update of
 * the folder changes (src/io/update.ts).
 */
export function structureInfo(id: string, years: number[], unitTypes: readonly string[], provinces: number, of: number): StructureInfo {
  const which = of < 2 ? PACK_TEXTS.structureImported : id === 'pre2025' ? PACK_TEXTS.structureFormer : PACK_TEXTS.structureCurrent;
  // Units that are mostly quận, huyện, thị xã (a pre-2025 district file) are said to be districts, not communes.
  const districts = unitTypes.filter((t) => DISTRICT_TYPES.has(t)).length * 2 > unitTypes.length;
  const size = districts ? PACK_TEXTS.sizeDistricts : PACK_TEXTS.size;
  const inLang = (lang: Lang, locale: string) =>
    fill(which[lang], { size: fill(size[lang], { provinces: provinces.toLocaleString(locale), communes: unitTypes.length.toLocaleString(locale) }) });
  const label = { vi: inLang('vi', 'vi-VN'), en: inLang('en', 'en-US') };
  return { id, label, fromYear: Math.min(...years), toYear: Math.max(...years), communeObject: `communes_${id}`, provinceObject: `provinces_${id}` };
}

function byCode<T extends { code: string }>(a: T, b: T): number {
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

/**
 * Builds the topology, computed flags, tables and manifest of one or two
 * structures. Throws only on programming errors; data problems were settled
 * by validation.
 */
export async function packBundle(input: PackInput, options: PackOptions = {}): Promise<PackedBundle> {
  const issues: ReportIssue[] = [];
  const years = [...new Set(input.ratings.map((r) => r.year))].sort((a, b) => a - b);
  if (years.length === 0) throw new Error('packBundle needs at least one rating');
  const structures = input.structures.map((s) => ({ ...s, units: [...s.units].sort(byCode), communeObject: `communes_${s.id}`, provinceObject: `provinces_${s.id}` }));

  // ---- topology ------------------------------------------------------------
  const neighbourFc: FeatureCollection = {
    type: 'FeatureCollection',
    features: input.neighbours.map((n): Feature => ({ type: 'Feature', id: n.id, properties: { name: n.name }, geometry: n.geometry })),
  };
  const zoneFc: FeatureCollection = {
    type: 'FeatureCollection',
    features: input.zones.map((z): Feature => ({ type: 'Feature', id: z.id, properties: null, geometry: z.geometry })),
  };
  const objects: Record<string, GeoJsonObject> = { neighbours: neighbourFc, zones: zoneFc };
  if (input.national) objects.national = { type: 'Feature', id: 'VN', properties: null, geometry: input.national } as Feature;
  if (input.provinces?.length) objects.reference_provinces = referenceProvincesFc(input.provinces);
  for (const s of structures) {
    objects[s.communeObject] = {
      type: 'FeatureCollection',
      features: s.units.map((u) => ({ type: 'Feature', id: u.code, properties: null, geometry: u.geometry })),
    } as FeatureCollection<Polygon | MultiPolygon>;
  }
  // A fine pre-quantisation (1e6) snaps float noise so shared edges become shared arcs, as in the demo
  // (within a structure, and between the structures where their boundaries coincide).
  const topo = buildTopology(objects, 1e6);
  for (const g of (topo.objects.zones as GeometryCollection).geometries) delete g.properties;

  const provincesOf = new Map<string, { codes: string[]; members: Map<string, { name: string | null; members: number[] }> }>();
  for (const s of structures) {
    const communeGeoms = (topo.objects[s.communeObject] as GeometryCollection).geometries as (TopoPolygon | TopoMultiPolygon)[];
    for (const g of communeGeoms) delete g.properties;
    const provinces = new Map<string, { name: string | null; members: number[] }>();
    s.units.forEach((u, i) => {
      if (!u.province_code) return;
      const p = provinces.get(u.province_code) ?? { name: null, members: [] };
      p.name ??= u.province_name;
      p.members.push(i);
      provinces.set(u.province_code, p);
    });
    const codes = [...provinces.keys()].sort();
    provincesOf.set(s.id, { codes, members: provinces });
    topo.objects[s.provinceObject] = {
      type: 'GeometryCollection',
      geometries: codes.map((code) => ({ ...mergeArcs(topo, provinces.get(code)!.members.map((i) => communeGeoms[i])), id: code })),
    };
  }
  const threshold = options.simplify ?? 2e-7;
  // topojson-server types its output with nullable properties, topojson-simplify wants `{}`; the objects are the same.
  // Always through simplify: it also dequantises the 1e6 pre-quantisation, so quantize() can apply 1e5 (a 0 threshold keeps every vertex).
  const simplified = simplify(presimplify(topo as unknown as Topology<Objects>), threshold);
  const q = quantize(simplified, 1e5);
  const ordered: Topology['objects'] = {};
  for (const s of structures) ordered[s.communeObject] = q.objects[s.communeObject];
  for (const s of structures) ordered[s.provinceObject] = q.objects[s.provinceObject];
  ordered.neighbours = q.objects.neighbours;
  ordered.zones = q.objects.zones;
  if (q.objects.national) ordered.national = q.objects.national;
  if (q.objects.reference_provinces) ordered.reference_provinces = q.objects.reference_provinces;
  const topology: Topology = { type: 'Topology', bbox: q.bbox, transform: q.transform, objects: ordered, arcs: q.arcs };

  // ---- areas and flags -------------------------------------------------------------
  const areaOf = (name: string): Map<string, number> => {
    const fc = feature(topology, topology.objects[name] as GeometryCollection) as FeatureCollection<Polygon | MultiPolygon>;
    return new Map(fc.features.map((f) => [String(f.id), turf.area(f) / 1e6]));
  };

  interface PriorityRow extends FlagRow { structure: string }
  interface UnitRow { code: string; name: string; unit_type: string; level: string; structure: string; province_code: string | null; province_name: string | null; area_km2: number | null }
  const priority: PriorityRow[] = [];
  const unitRows: UnitRow[] = [];
  const zoneById = new Map(input.zones.map((z) => [z.id, z]));
  const structureInfos: StructureInfo[] = [];
  const contradictions: Contradiction[] = [];
  let gapKm = 0;
  let inlandKm = 0;
  let msFlags = 0;
  if (input.neighbours.length === 0) issues.push({ file: '', row: null, column: null, reason: 'flags-no-neighbours', severity: 'warning' });
  else if (!input.national) issues.push({ file: '', row: null, column: null, reason: 'flags-no-outline', severity: 'warning' });
  for (const s of structures) {
    const { codes: provinceCodes, members: provinces } = provincesOf.get(s.id)!;
    const communeArea = areaOf(s.communeObject);
    const provinceArea = areaOf(s.provinceObject);
    const tFlags = performance.now();
    const unitTypes = new Map(s.units.map((u) => [u.code, u.unit_type]));
    const edges = measureUnits(topology, s.communeObject, { neighbours: input.neighbours, national: input.national ?? null, provinces: input.provinces ?? null }, { unitTypes });
    const computed: FlagRow[] = flagsFromEdges(edges, input.neighbours, { unitTypes })
      // Without neighbours every outer edge would read as coast: only the island flags stand.
      .filter((f) => input.neighbours.length > 0 || f.kind === 'island')
      .map((f) => ({ code: f.code, kind: f.kind, detail: f.detail, source: 'computed', length_km: f.lengthKm }));
    const inland = edges.reduce((x, e) => x + e.inland, 0) / 1000;
    inlandKm += inland;
    gapKm += edges.reduce((x, e) => x + e.gap, 0) / 1000;
    if (inland >= 1) {
      const most = [...edges].filter((e) => e.inland >= 1000).sort((x, y) => y.inland - x.inland || (x.code < y.code ? -1 : 1)).slice(0, 5);
      const where = structures.length > 1 ? `${s.id}: ` : '';
      issues.push({ file: '', row: null, column: null, reason: 'flags-partial', severity: 'info', detail: `${where}${inland.toFixed(1)} km; ${most.map((e) => `${e.code} ${(e.inland / 1000).toFixed(1)} km`).join(', ')}` });
    }
    msFlags += performance.now() - tFlags;
    if (input.zones.length) {
      // More than 1 ha of overlap, the demo's rule (src/geo/zones.ts).
      for (const { code, zone } of zoneOverlaps(topology, s.communeObject)) {
        computed.push({ code, kind: 'industrial_zone', detail: zoneById.get(zone)!.name, source: 'computed', length_km: null });
      }
    }
    const declared: FlagRow[] = s.declared.map((d) => ({ code: d.code, kind: d.kind, detail: d.detail, source: 'declared', length_km: null }));
    const merged = mergePriority(computed, declared);
    for (const c of merged.contradictions) {
      const what = `${c.code} ${c.kind}${c.computed.detail ? ` ${c.computed.detail}` : ''}${c.computed.length_km !== null ? ` (${c.computed.length_km} km)` : ''}`;
      issues.push({ file: '', row: null, column: null, reason: 'flag-contradicted', severity: 'warning', detail: c.why === 'not-listed' ? `${what}: not in the declared list` : `${what}: declared ${c.declared.map((d) => d ?? '—').join(', ')}` });
    }
    contradictions.push(...merged.contradictions);
    priority.push(...merged.rows.map((r) => ({ ...r, structure: s.id })));

    for (const code of provinceCodes) {
      // Import fills names (its own columns, a province file or the official list); a bare code is the last resort, never an invented name.
      const name = provinces.get(code)!.name ?? code;
      unitRows.push({ code, name, unit_type: provinceTypeOf(name), level: 'province', structure: s.id, province_code: code, province_name: name, area_km2: provinceArea.get(code) ?? null });
    }
    for (const u of s.units) {
      const pname = u.province_code ? (provinces.get(u.province_code)?.name ?? u.province_code) : null;
      unitRows.push({ code: u.code, name: u.name, unit_type: u.unit_type, level: 'commune', structure: s.id, province_code: u.province_code, province_name: pname, area_km2: communeArea.get(u.code) ?? null });
    }
    const own = years.filter((y) => input.ratings.some((r) => r.year === y && r.structure === s.id));
    structureInfos.push(structureInfo(s.id, own, s.units.map((u) => u.unit_type), provinceCodes.length, structures.length));
  }

  // Only now, with every area and flag worked out from the full arcs: the coarse level the map draws
  // at small zooms, a subset of those arcs' points carried in the same topology (src/geo/lod.ts).
  if (options.coarse ?? true) (topology as TopologyWithCoarse).coarse = coarseLevel(topology);

  const priorityKinds = datasetKinds(priority.map((p) => p.kind), input.declaredKinds ?? []);
  const unitsOf = (rows: readonly PriorityRow[]) => new Set(rows.map((p) => `${p.structure}|${p.code}`)).size;
  const flagSummary: FlagSummary = {
    kinds: priorityKinds.map((k) => ({
      id: k.id,
      label: k.label.vi,
      units: unitsOf(priority.filter((p) => p.kind === k.id)),
      computed: unitsOf(priority.filter((p) => p.kind === k.id && p.source === 'computed')),
      declared: unitsOf(priority.filter((p) => p.kind === k.id && p.source === 'declared')),
    })),
    neighbours: input.neighbours.map((n) => ({ name: n.name, units: unitsOf(priority.filter((p) => p.kind === 'border' && p.detail === n.name)) })),
    multiNeighbour: multiNeighbourUnits(priority),
    contradictions,
    gapKm,
    inlandKm,
    ms: msFlags,
  };

  // ---- tables ----------------------------------------------------------------
  const ratings = [...input.ratings].sort((a, b) => byCode(a, b) || a.year - b.year || (a.structure < b.structure ? -1 : a.structure > b.structure ? 1 : 0));
  const round3 = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 1000);
  const columns: Record<(typeof TABLES)[number], ColumnSpec[]> = {
    units: tableColumns('units', unitRows.map((u) => ({ ...u, area_km2: round3(u.area_km2) }))),
    ratings: ratingColumns(ratings, input.indicators.map((i) => i.column)),
    priority: tableColumns('priority', priority),
    zones: tableColumns('zones', input.zones),
    crosswalk: tableColumns('crosswalk', input.crosswalk),
  };
  const parts = {} as Record<RequiredPart, Uint8Array>;
  const csv = {} as PackedBundle['csv'];
  for (const t of TABLES) {
    parts[t] = toArrowStream(columns[t]);
    csv[t] = columnsToCsv(columns[t]);
  }
  parts.boundaries = new TextEncoder().encode(JSON.stringify(topology));

  const partInfo = await requiredPartInfo(parts);
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    id: `import-${await bundleIdentity(partInfo)}`,
    title: options.title ?? { ...PACK_TEXTS.title },
    source: options.source ?? { ...PACK_TEXTS.source },
    illustrative: false,
    dataDate: options.dataDate ?? `${years[years.length - 1]}-12-31`,
    years,
    structures: structureInfos,
    scale: input.scale,
    indicators: input.indicators.map((i) => ({ column: i.column, label: { vi: i.header, en: i.header }, higherIsBetter: defaultHigherIsBetter(i.column) })),
    parts: partInfo,
    priorityKinds,
    ...(options.sourceCrs ? { sourceCrs: options.sourceCrs } : {}),
  };
  return { manifest, parts, topology, issues, csv, flags: flagSummary };
}

/**
 * The flag summary as lines for the pack CLI: units per kind (with how many
 * flags were computed and declared), land-border units per neighbour, the
 * outer edge that is neither border nor coast, and the contradictions.
 */
/** Natural Earth's provinces as the bundle stores them (object `reference_provinces`), for the next import in the browser. */
export function referenceProvincesFc(provinces: readonly (Polygon | MultiPolygon)[]): FeatureCollection {
  return { type: 'FeatureCollection', features: provinces.map((geometry, i): Feature => ({ type: 'Feature', id: i, properties: null, geometry })) };
}

/** Units (structure and code) with land-border flags on two neighbours or more. */
function multiNeighbourUnits(priority: readonly (FlagRow & { structure: string })[]): number {
  const on = new Map<string, Set<string>>();
  for (const p of priority) {
    if (p.kind !== 'border' || !p.detail) continue;
    const key = `${p.structure}|${p.code}`;
    on.set(key, (on.get(key) ?? new Set()).add(p.detail));
  }
  return [...on.values()].filter((s) => s.size > 1).length;
}

export function renderFlagSummary(s: FlagSummary, maxContradictions = 20): string {
  const both = (k: keyof typeof FLAG_SUMMARY_WORDS, params: Record<string, string | number> = {}) => `${fill(FLAG_SUMMARY_WORDS[k].vi, params)} / ${fill(FLAG_SUMMARY_WORDS[k].en, params)}`;
  const lines = [`${both('heading')} (${(s.ms / 1000).toFixed(1)} s):`];
  for (const k of s.kinds) lines.push(`  ${k.id} (${k.label}): ${k.units} ${both('units')} — ${k.computed} ${both('computed')}, ${k.declared} ${both('declared')}`);
  if (s.neighbours.length) lines.push(`  border: ${s.neighbours.map((n) => `${n.name} ${n.units}`).join(', ')}${s.multiNeighbour ? ` (${s.multiNeighbour} ${both('twoNeighbours')})` : ''}`);
  lines.push(`  ${both('outerEdge')}: ${s.gapKm.toFixed(1)} km ${both('gaps')}, ${s.inlandKm.toFixed(1)} km ${both('inland')}`);
  if (s.contradictions.length) {
    lines.push(`  ${s.contradictions.length} ${both('contradicted')}:`);
    for (const c of s.contradictions.slice(0, maxContradictions)) {
      lines.push(`    ${c.code} ${c.kind}${c.computed.detail ? ` ${c.computed.detail}` : ''}${c.computed.length_km !== null ? ` ${c.computed.length_km} km` : ''}: ${c.why === 'not-listed' ? both('notListed') : `${both('listedAs')} ${c.declared.map((d) => d ?? '—').join(', ')}`}`);
    }
    if (s.contradictions.length > maxContradictions) lines.push(`    … ${both('more', { count: s.contradictions.length - maxContradictions })}`);
  }
  return lines.join('\n');
}

/**
 * The columns of the bundle's tables other than `ratings` (data/README.md):
 * name, Arrow type and the decimals CSV keeps. The packer and the demo write
 * their tables through it.
 */
export const TABLE_SCHEMA = {
  units: [['code', 'utf8'], ['name', 'utf8'], ['unit_type', 'utf8'], ['level', 'utf8'], ['structure', 'utf8'], ['province_code', 'utf8'], ['province_name', 'utf8'], ['area_km2', 'float64', 3]],
  priority: [['code', 'utf8'], ['structure', 'utf8'], ['kind', 'utf8'], ['detail', 'utf8'], ['source', 'utf8'], ['length_km', 'float64', 1]],
  zones: [['id', 'utf8'], ['kind', 'utf8'], ['name', 'utf8'], ['province_code', 'utf8']],
  crosswalk: [['old_code', 'utf8'], ['new_code', 'utf8'], ['share', 'float64']],
} as const satisfies Record<string, readonly (readonly [string, ColumnSpec['type'], number?])[]>;

type SchemaRow<T extends keyof typeof TABLE_SCHEMA> = { [C in (typeof TABLE_SCHEMA)[T][number][0]]: string | number | null };

/** A table's columns from its rows, in the schema's order and types. */
export function tableColumns<T extends keyof typeof TABLE_SCHEMA>(table: T, rows: readonly SchemaRow<T>[]): ColumnSpec[] {
  return TABLE_SCHEMA[table].map(([name, type, digits]: readonly [string, ColumnSpec['type'], number?]) => ({
    name,
    type,
    ...(digits === undefined ? {} : { digits }),
    values: rows.map((r) => (r as Record<string, string | number | null>)[name]),
  }));
}

/** The `ratings` table's columns (code, structure, year, rating, score, then the indicators), rows as given. */
export function ratingColumns(ratings: readonly PackRating[], indicators: readonly string[]): ColumnSpec[] {
  return [
    { name: 'code', type: 'utf8', values: ratings.map((r) => r.code) },
    { name: 'structure', type: 'utf8', values: ratings.map((r) => r.structure) },
    { name: 'year', type: 'int16', values: ratings.map((r) => r.year) },
    { name: 'rating', type: 'utf8', values: ratings.map((r) => r.rating) },
    { name: 'score', type: 'float32', digits: 2, values: ratings.map((r) => r.score) },
    ...indicators.map((column): ColumnSpec => ({ name: column, type: 'float32', digits: 3, values: ratings.map((r) => r.indicators[column] ?? null) })),
  ];
}

/** The manifest's entries of the required parts: kind, size and SHA-256 of each part's raw bytes. */
export async function requiredPartInfo(parts: Record<RequiredPart, Uint8Array>): Promise<Record<string, PartInfo>> {
  const info: Record<string, PartInfo> = {};
  for (const name of REQUIRED_PARTS) {
    info[name] = { kind: name === 'boundaries' ? 'topojson' : 'arrow', bytes: parts[name].byteLength, sha256: await sha256Hex(parts[name]) };
  }
  return info;
}

/** Short identity of a bundle: the first 8 hex digits of the SHA-256 of its required parts' hashes. */
export async function bundleIdentity(parts: Record<string, PartInfo>): Promise<string> {
  return (await sha256Hex(REQUIRED_PARTS.map((n) => parts[n].sha256).join(''))).slice(0, 8);
}

/** The classic-script payload of a packed bundle (parts gzip + base64). */
export async function toPayload(packed: Pick<PackedBundle, 'manifest' | 'parts'> | { manifest: BundleManifest; parts: Record<string, Uint8Array> }): Promise<BundleScriptPayload> {
  const encoded: Record<string, string> = {};
  for (const name of Object.keys(packed.manifest.parts)) encoded[name] = bytesToBase64(await gzip(packed.parts[name]));
  return { manifest: packed.manifest, parts: encoded };
}

/**
 * `atlas-data.js` (every part the manifest lists, gzip + base64, and the first
 * paint's scenes when given: src/map/poster-pack.ts packedScenes) and
 * `manifest.json`: what the packer and the demo write alike. (A protected
 * bundle is written by protectedBundleFiles, never with scenes.)
 */
export async function scriptFiles(packed: { manifest: BundleManifest; parts: Record<string, Uint8Array> }, poster: EncodedScene[] = []): Promise<Record<'atlas-data.js' | 'manifest.json', string>> {
  const payload: BundleScriptPayload = { ...(await toPayload(packed)), ...(poster.length ? { poster } : {}) };
  return { 'atlas-data.js': payloadToScript(payload), 'manifest.json': `${JSON.stringify(packed.manifest, null, 2)}\n` };
}

/** File name → content of the bundle folder (`atlas-data.js` and raw files, like the demo's). */
export async function bundleFiles(packed: PackedBundle, poster: EncodedScene[] = []): Promise<Record<string, Uint8Array | string>> {
  const files: Record<string, Uint8Array | string> = {
    ...(await scriptFiles(packed, poster)),
    'boundaries.topojson': packed.parts.boundaries,
  };
  for (const t of TABLES) {
    files[`${t}.arrow`] = packed.parts[t];
    files[`${t}.csv`] = packed.csv[t];
  }
  return files;
}

/**
 * The bundle folder of a protected pack: `atlas-data.js` only, every payload
 * encrypted (src/io/protect.ts). No manifest, Arrow, TopoJSON or CSV files:
 * nothing in clear may reach the portable folder.
 */
export async function protectedBundleFiles(packed: { manifest: BundleManifest; parts: Record<string, Uint8Array> }, passphrase: string, options?: EncryptOptions): Promise<Record<string, string>> {
  const payload = await encryptBundle({ manifest: packed.manifest, parts: packed.parts }, passphrase, options);
  return { 'atlas-data.js': protectedPayloadToScript(payload) };
}
