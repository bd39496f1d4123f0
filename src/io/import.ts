/**
 * "Bring your own data": user files in (from a file picker, a drop, or the pack
 * CLI), a bundle the app can swap in plus a validation report out. Runs in the
 * browser and in node: files are `{ name, bytes }`, never paths.
 *
 * On a report that is not `usable` there is no bundle: the caller keeps the
 * data it has. Border/maritime flags need Natural Earth's neighbour countries
 * and Vietnam's outline: the app passes those of the bundle it already shows
 * (`referenceFromTopology(current.topology)`), the CLI those of Natural Earth.
 */
import { tableFromIPC } from 'apache-arrow';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { BundleScriptPayload } from '../model/bundle.ts';
import { DEFAULT_SCALE, type RatingScale } from '../model/scale.ts';
import type { BoundaryReference, NeighbourCountry } from '../geo/priority.ts';
import type { PriorityKindDef } from '../model/priority.ts';
import type { LoadedBundle } from './bundle.ts';
import { bundleFiles, packBundle, toPayload, type PackedBundle, type PackOptions } from './pack.ts';
import { BOUNDARY_EXTENSIONS, extensionOf, readBoundaryFile, readTable } from './read/index.ts';
import type { RawFeatureSet } from './read/features.ts';
import { headersFit, proposeMapping, type ColumnMapping } from './read/mapping.ts';
import type { RawTable } from './read/table.ts';
import type { CsvOptions } from './read/csv.ts';
import type { FileRole, FileSummary, ReportIssue, ValidationReport } from './report.ts';
import {
  validateBoundaries,
  validateCrosswalk,
  validatePriority,
  validateRatings,
  validateZones,
  type IndicatorColumn,
  type ValidCrosswalk,
  type ValidPriority,
  type ValidRating,
  type ValidUnit,
  type ValidZone,
} from './validate.ts';

export type { ColumnMapping, FieldId } from './read/mapping.ts';
export { FIELD_LABELS, ROLE_FIELDS, proposeMapping, applyMapping } from './read/mapping.ts';
export type { ValidationReport, ReportIssue, FileSummary, FileRole, ReasonId } from './report.ts';
export { renderReport, reportToCsv, issueMessage, REASONS } from './report.ts';
export { NAMED_CRS, VN2000_TM3_MERIDIANS } from './read/crs.ts';

/** One user file. `role` forces what it is used for; otherwise it is guessed. */
export interface ImportFile {
  name: string;
  bytes: Uint8Array;
  role?: FileRole;
}

export interface ImportOptions extends PackOptions {
  /** Rating scale the ratings must fit; default the movement's four levels. */
  scale?: RatingScale;
  /** Neighbour countries for the border/maritime flags; none → those flags are skipped (reported). */
  neighbours?: NeighbourCountry[];
  /** Vietnam's outline (Natural Earth admin-0) for the border/maritime flags; none → they are less sure (reported). */
  national?: BoundaryReference['national'];
  /** Column mappings by file name, as confirmed or edited by the user; proposed when absent. */
  mappings?: Record<string, ColumnMapping>;
  /** CRS of the boundary files when they have none or a wrong one (see `resolveCrs`: `EPSG:3405`, `VN2000-TM3:22`, …). */
  crs?: string;
  /** Digits of commune codes; default 5. */
  codeDigits?: number;
  /** TopoJSON object to read from a boundary topology; default the largest polygon object. */
  topoObject?: string;
  /** CSV reading overrides (delimiter, encoding). */
  csv?: CsvOptions;
}

/** What a file was taken for, with its headers and the mapping used, for the mapping UI. */
export interface FileInspection {
  name: string;
  role: FileRole;
  headers: string[];
  mapping: ColumnMapping;
}

export interface ImportResult {
  /** Present only when the report is usable: the bundle to swap in (same shape as a loaded default bundle). */
  bundle?: LoadedBundle;
  /** The same data as a classic-script payload (parts gzip + base64), e.g. to save as `atlas-data.js`. */
  payload?: BundleScriptPayload;
  /** The packed parts, for writers (the pack CLI). */
  packed?: PackedBundle;
  report: ValidationReport;
  files: FileInspection[];
}

const ZONE_NAME = /zone|kcn|kkt|khu[ _-]?(cong|kinh)/i;
const CROSSWALK_NAME = /crosswalk|chuyen[ _-]?doi|sap[ _-]?nhap/i;
const PRIORITY_NAME = /priority|uu[ _-]?tien|dia[ _-]?ban/i;

/** Guesses the role of a boundary file from its name. */
function boundaryRole(f: ImportFile): FileRole {
  return f.role ?? (ZONE_NAME.test(f.name) ? 'zones' : 'boundaries');
}

/** Guesses the role of a table from its headers, then its name; ratings by default. */
function tableRole(f: ImportFile, headers: string[]): FileRole {
  if (f.role) return f.role;
  if (headersFit(headers, 'ratings')) return 'ratings';
  if (headersFit(headers, 'crosswalk') || CROSSWALK_NAME.test(f.name)) return 'crosswalk';
  if (headersFit(headers, 'priority') || PRIORITY_NAME.test(f.name)) return 'priority';
  return 'ratings';
}

function isBoundaryFile(f: ImportFile): boolean {
  if (f.role) return f.role === 'boundaries' || f.role === 'zones';
  return BOUNDARY_EXTENSIONS.includes(extensionOf(f.name)) || extensionOf(f.name) === 'shp';
}

/** The neighbour countries stored in a bundle's topology (object `neighbours`, property `name`). */
export function neighboursFromTopology(topology: Topology): NeighbourCountry[] {
  const object = topology.objects.neighbours as GeometryCollection | undefined;
  if (!object) return [];
  const fc = feature(topology, object) as FeatureCollection<Polygon | MultiPolygon, { name?: string } | null>;
  return fc.features
    .filter((f) => f.geometry && (f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon'))
    .map((f) => ({ id: String(f.id), name: f.properties?.name ?? String(f.id), geometry: f.geometry }));
}

/**
 * The reference a bundle carries for the border/maritime flags: its neighbour
 * countries and Vietnam's outline (object `national`, absent in bundles made
 * before it was stored), as `importFiles` options.
 */
export function referenceFromTopology(topology: Topology): Required<Pick<ImportOptions, 'neighbours' | 'national'>> {
  const object = topology.objects.national as GeometryCollection | undefined;
  let national: BoundaryReference['national'] = null;
  if (object) {
    const fc = feature(topology, object) as FeatureCollection<Polygon | MultiPolygon> | Feature<Polygon | MultiPolygon>;
    const features = fc.type === 'FeatureCollection' ? fc.features : [fc];
    const polys = features.flatMap((f) => (f.geometry?.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry?.type === 'MultiPolygon' ? f.geometry.coordinates : []));
    if (polys.length) national = { type: 'MultiPolygon', coordinates: polys };
  }
  return { neighbours: neighboursFromTopology(topology), national };
}

interface ReadFile {
  file: ImportFile;
  role: FileRole;
  table?: RawTable;
  features?: RawFeatureSet;
  headers: string[];
  mapping: ColumnMapping;
}

async function readAll(files: ImportFile[], options: ImportOptions): Promise<ReadFile[]> {
  const out: ReadFile[] = [];
  for (const f of files) {
    if (isBoundaryFile(f)) {
      const features = readBoundaryFile(f.name, f.bytes, options.topoObject);
      const role = boundaryRole(f);
      const mapping = options.mappings?.[f.name] ?? proposeMapping(features.headers, role);
      out.push({ file: f, role, features, headers: features.headers, mapping });
    } else {
      // Read as ratings first: the role only picks the XLSX sheet, and the headers then settle the role.
      const table = await readTable(f.name, f.bytes, f.role ?? 'ratings', options.csv);
      const role = tableRole(f, table.headers);
      const mapping = options.mappings?.[f.name] ?? proposeMapping(table.headers, role);
      out.push({ file: f, role, table, headers: table.headers, mapping });
    }
  }
  return out;
}

/**
 * Reads the files and proposes a column mapping for each, without validating:
 * what the mapping UI shows before the user confirms.
 */
export async function inspectFiles(files: ImportFile[], options: ImportOptions = {}): Promise<FileInspection[]> {
  return (await readAll(files, options)).map((r) => ({ name: r.file.name, role: r.role, headers: r.headers, mapping: r.mapping }));
}

/**
 * Validates user files and, when boundaries and at least one rating load,
 * packs them into a bundle. Every input row is accounted for in the report
 * (`loaded + rejected === total` per file). Never throws on bad data.
 */
export async function importFiles(files: ImportFile[], options: ImportOptions = {}): Promise<ImportResult> {
  const scale = options.scale ?? DEFAULT_SCALE;
  const digits = options.codeDigits ?? 5;
  const read = await readAll(files, options);
  const summaries: FileSummary[] = [];
  const issues: ReportIssue[] = [];
  const inspections = read.map((r) => ({ name: r.file.name, role: r.role, headers: r.headers, mapping: r.mapping }));

  const units: ValidUnit[] = [];
  const zones: ValidZone[] = [];
  for (const r of read.filter((x) => x.features)) {
    if (r.role === 'zones') {
      const v = validateZones(r.features!, r.mapping, { crs: options.crs });
      zones.push(...v.zones);
      summaries.push(v.summary);
      issues.push(...v.issues);
    } else {
      const v = validateBoundaries(r.features!, r.mapping, { crs: options.crs, codeDigits: digits });
      // Two boundary files may not define the same code twice: the later one's duplicates are dropped.
      const have = new Set(units.map((u) => u.code));
      for (const u of v.units) {
        if (have.has(u.code)) {
          v.summary.loaded--;
          v.summary.rejected++;
          v.issues.push({ file: r.file.name, row: u.row, column: r.mapping.code ?? null, reason: 'duplicate-code', severity: 'error', detail: `${u.code}, already in another file` });
        } else units.push(u);
      }
      summaries.push(v.summary);
      issues.push(...v.issues);
    }
  }
  const unitCodes = new Set(units.map((u) => u.code));

  const ratings: ValidRating[] = [];
  let indicators: IndicatorColumn[] = [];
  let ratingsWithoutUnits = 0;
  const declared: ValidPriority[] = [];
  const declaredKinds: PriorityKindDef[] = [];
  const crosswalk: ValidCrosswalk[] = [];
  for (const r of read.filter((x) => x.table)) {
    const table = r.table!;
    if (r.role === 'ratings') {
      const v = validateRatings(table, r.mapping, { scale, units: unitCodes, codeDigits: digits });
      // Several ratings files (one per year, say) are one table: later duplicates of code+year are rejected.
      const seen = new Map(ratings.map((x) => [`${x.code}|${x.year}`, x]));
      for (const x of v.ratings) {
        const prev = seen.get(`${x.code}|${x.year}`);
        if (prev) {
          v.summary.loaded--;
          v.summary.rejected++;
          v.issues.push({ file: table.file, row: x.row, column: r.mapping.code ?? null, reason: 'duplicate-key', severity: 'error', detail: `${x.code} ${x.year}, already in another file` });
        } else ratings.push(x);
      }
      if (v.indicators.length && indicators.length === 0) indicators = v.indicators;
      ratingsWithoutUnits += v.withoutUnits;
      summaries.push(v.summary);
      issues.push(...v.issues);
    } else if (r.role === 'priority') {
      const v = validatePriority(table, r.mapping, { units: unitCodes, codeDigits: digits });
      declared.push(...v.flags);
      for (const k of v.kinds) if (!declaredKinds.some((d) => d.id === k.id)) declaredKinds.push(k);
      summaries.push(v.summary);
      issues.push(...v.issues);
    } else if (r.role === 'crosswalk') {
      const v = validateCrosswalk(table, r.mapping, { codeDigits: digits });
      crosswalk.push(...v.rows);
      summaries.push(v.summary);
      issues.push(...v.issues);
    }
  }

  // Provinces: boundaries may lack them; ratings rows often carry them.
  const provinceOf = new Map<string, { code: string | null; name: string | null }>();
  for (const r of ratings) if (!provinceOf.has(r.code) && (r.province_code || r.province_name)) provinceOf.set(r.code, { code: r.province_code, name: r.province_name });
  for (const u of units) {
    const p = provinceOf.get(u.code);
    if (p) {
      u.province_code ??= p.code;
      u.province_name ??= p.name;
    }
  }

  const rated = new Set(ratings.map((r) => r.code));
  const unrated = units.filter((u) => !rated.has(u.code)).map((u) => u.code);
  if (unrated.length && ratings.length) {
    issues.push({ file: '', row: null, column: null, reason: 'units-without-ratings', severity: 'info', detail: `${unrated.length}: ${unrated.slice(0, 10).join(', ')}${unrated.length > 10 ? ', …' : ''}` });
  }
  const usable = units.length > 0 && ratings.length > 0;
  if (!read.some((r) => r.role === 'boundaries') || !read.some((r) => r.role === 'ratings')) {
    issues.unshift({ file: '', row: null, column: null, reason: 'missing-input', severity: 'error', detail: read.some((r) => r.role === 'boundaries') ? 'ratings' : 'boundaries' });
  }
  const report: ValidationReport = { files: summaries, issues, unitsWithoutRatings: ratings.length ? unrated.length : units.length, ratingsWithoutUnits, usable };
  if (!usable) return { report, files: inspections };

  const packed = await packBundle({ units, ratings, indicators, declared, declaredKinds, zones, crosswalk, neighbours: options.neighbours ?? [], national: options.national ?? null, scale }, options);
  report.issues.push(...packed.issues);
  const payload = await toPayload(packed);
  const bundle: LoadedBundle = { manifest: packed.manifest, parts: packed.parts, topology: packed.topology, units: tableFromIPC(packed.parts.units) };
  return { bundle, payload, packed, report, files: inspections };
}

export { bundleFiles };
