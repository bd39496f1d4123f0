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
import { PROVINCES_2025, PROVINCES_PRE2025 } from '../model/provinces.ts';
import { DEFAULT_SCALE, type RatingScale } from '../model/scale.ts';
import type { BoundaryReference, NeighbourCountry } from '../geo/priority.ts';
import type { PriorityKindDef } from '../model/priority.ts';
import type { LoadedBundle } from './bundle.ts';
import { checkCrosswalk } from './crosswalk.ts';
import { bundleFiles, packBundle, toPayload, type PackedBundle, type PackOptions, type PackRating } from './pack.ts';
import { guessCrs, NAMED_CRS, previewBbox, resolveCrs, type KnownCrs } from './read/crs.ts';
import { BOUNDARY_EXTENSIONS, extensionOf, readBoundaryFile, readTable } from './read/index.ts';
import type { RawFeatureSet } from './read/features.ts';
import { headersFit, isDistrictCodeHeader, proposeMapping, type ColumnMapping } from './read/mapping.ts';
import type { RawTable, TableLayout } from './read/table.ts';
import type { CsvOptions } from './read/csv.ts';
import { orderIssues, type FileRole, type FileSummary, type ReportIssue, type ValidationReport } from './report.ts';
import { placeYears, type StructureCodes } from './structures.ts';
import {
  normaliseCode,
  samplePositions,
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
export { renderReport, reportToCsv, issueMessage, issueWhere, orderIssues, REASONS } from './report.ts';
export { CRS_CHOICES, NAMED_CRS, VN2000_TM3_MERIDIANS, crsLabelIn, formatMeridian, resolveCrs, tm3Meridians } from './read/crs.ts';
export type { KnownCrs } from './read/crs.ts';
export type { TableLayout } from './read/table.ts';

/** One user file. `role` forces what it is used for; otherwise it is guessed. */
export interface ImportFile {
  name: string;
  bytes: Uint8Array;
  role?: FileRole;
  /**
   * Given for the structure before the reorganisation (`--boundaries-before`,
   * `--ratings-before`, `--priority-before`). Boundaries and declared flags
   * follow it; ratings only as a hint, since their years go where their codes are.
   */
  before?: boolean;
  /** XLSX: the sheet to read (name or 1-based position); default the first whose header fits. */
  sheet?: string | number;
  /** XLSX/CSV: the sheet row (line) of the header; default the first row naming known columns. */
  headerRow?: number;
  /** Boundaries: the coordinate system chosen for this file (see `resolveCrs`); overrides `ImportOptions.crs`. */
  crs?: string;
}

export interface ImportOptions extends PackOptions {
  /** Rating scale the ratings must fit; default the movement's four levels. */
  scale?: RatingScale;
  /** Neighbour countries for the border/maritime flags; none → those flags are skipped (reported). */
  neighbours?: NeighbourCountry[];
  /** Vietnam's outline (Natural Earth admin-0) for the border/maritime flags; none → they are less sure (reported). */
  national?: BoundaryReference['national'];
  /** Natural Earth's provinces of Vietnam (admin-1) for the border flags of a partial set; none → a province's edge may read as border across the next province. */
  provinces?: BoundaryReference['provinces'];
  /** Column mappings by file name, as confirmed or edited by the user; proposed when absent. */
  mappings?: Record<string, ColumnMapping>;
  /**
   * Field → header choices that apply to every file holding that header
   * (`--map code=MA_XA`); the rest of each mapping is proposed around them.
   */
  map?: ColumnMapping;
  /** CRS of the boundary files when they have none or a wrong one (see `resolveCrs`: `EPSG:3405`, `VN2000-TM3:22`, …). */
  crs?: string;
  /** Digits of commune codes; default 5. */
  codeDigits?: number;
  /** TopoJSON object to read from a boundary topology; default the largest polygon object. */
  topoObject?: string;
  /** CSV reading overrides (delimiter, encoding). */
  csv?: CsvOptions;
}

/** What the dialog needs to choose a boundary file's coordinate system. */
export interface CrsInspection {
  /** The CRS the file declares (.prj, GeoJSON `crs`), if any. */
  declared: KnownCrs | null;
  /** The choice to preselect: the declared CRS's id when it is a choice, else a guess from the coordinates. */
  guess: { id: string; confident: boolean } | null;
  /** Sampled raw coordinates, for the preview bbox (`previewCrs`). */
  sample: [number, number][];
}

/** What a file was taken for, with its headers and the mapping used, for the mapping UI. */
export interface FileInspection {
  name: string;
  role: FileRole;
  headers: string[];
  mapping: ColumnMapping;
  /** Tables: the sheet and header row used, the workbook's sheets and the first rows (for the pickers). */
  layout?: TableLayout;
  /** Boundaries: the coordinate system declared or guessed. */
  crs?: CrsInspection;
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
const PROVINCE_NAME = /province|tinh|tỉnh/i;
const CROSSWALK_NAME = /crosswalk|chuyen[ _-]?doi|sap[ _-]?nhap/i;
const PRIORITY_NAME = /priority|uu[ _-]?tien|dia[ _-]?ban/i;

/**
 * Guesses the role of a boundary file: zones by name; a province layer when it
 * comes with other boundary files, has no commune code but a province code,
 * and its name says so; communes otherwise.
 */
function boundaryRole(f: ImportFile, headers: string[], boundaryFiles: number, fixed: ColumnMapping): FileRole {
  if (f.role) return f.role;
  if (ZONE_NAME.test(f.name)) return 'zones';
  if (boundaryFiles > 1 && PROVINCE_NAME.test(f.name) && !proposeMapping(headers, 'boundaries', fixed).code && headersFit(headers, 'provinces', fixed)) return 'provinces';
  return 'boundaries';
}

/** Guesses the role of a table from its headers, then its name; ratings by default. */
function tableRole(f: ImportFile, headers: string[], fixed: ColumnMapping): FileRole {
  if (f.role) return f.role;
  if (headersFit(headers, 'ratings', fixed)) return 'ratings';
  if (headersFit(headers, 'crosswalk', fixed) || CROSSWALK_NAME.test(f.name)) return 'crosswalk';
  if (headersFit(headers, 'priority', fixed) || PRIORITY_NAME.test(f.name)) return 'priority';
  return 'ratings';
}

function isBoundaryFile(f: ImportFile): boolean {
  if (f.role) return f.role === 'boundaries' || f.role === 'zones' || f.role === 'provinces';
  return BOUNDARY_EXTENSIONS.includes(extensionOf(f.name)) || extensionOf(f.name) === 'shp';
}

/** The user's `map` restricted to the headers a file has. */
function fixedFor(map: ColumnMapping | undefined, headers: string[]): ColumnMapping {
  const out: ColumnMapping = {};
  for (const [f, h] of Object.entries(map ?? {})) if (h && headers.includes(h)) out[f as keyof ColumnMapping] = h;
  return out;
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
export function referenceFromTopology(topology: Topology): Required<Pick<ImportOptions, 'neighbours' | 'national' | 'provinces'>> {
  const object = topology.objects.national as GeometryCollection | undefined;
  let national: BoundaryReference['national'] = null;
  if (object) {
    const fc = feature(topology, object) as FeatureCollection<Polygon | MultiPolygon> | Feature<Polygon | MultiPolygon>;
    const features = fc.type === 'FeatureCollection' ? fc.features : [fc];
    const polys = features.flatMap((f) => (f.geometry?.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry?.type === 'MultiPolygon' ? f.geometry.coordinates : []));
    if (polys.length) national = { type: 'MultiPolygon', coordinates: polys };
  }
  const ref = topology.objects.reference_provinces as GeometryCollection | undefined;
  const provinces = ref ? (feature(topology, ref) as FeatureCollection<Polygon | MultiPolygon>).features.map((f) => f.geometry).filter((g) => g && (g.type === 'Polygon' || g.type === 'MultiPolygon')) : null;
  return { neighbours: neighboursFromTopology(topology), national, provinces };
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
  const boundaryFiles = files.filter(isBoundaryFile).length;
  for (const f of files) {
    if (isBoundaryFile(f)) {
      const features = readBoundaryFile(f.name, f.bytes, options.topoObject);
      const fixed = fixedFor(options.map, features.headers);
      const role = boundaryRole(f, features.headers, boundaryFiles, fixed);
      const mapping = options.mappings?.[f.name] ?? proposeMapping(features.headers, role, fixed);
      out.push({ file: f, role, features, headers: features.headers, mapping });
    } else {
      // Read as ratings first: the role only picks the XLSX sheet, and the headers then settle the role.
      const table = await readTable(f.name, f.bytes, f.role ?? 'ratings', { csv: options.csv, sheet: f.sheet, headerRow: f.headerRow, fixed: options.map });
      const fixed = fixedFor(options.map, table.headers);
      const role = tableRole(f, table.headers, fixed);
      const mapping = options.mappings?.[f.name] ?? proposeMapping(table.headers, role, fixed);
      out.push({ file: f, role, table, headers: table.headers, mapping });
    }
  }
  return out;
}

function inspection(r: ReadFile): FileInspection {
  const base: FileInspection = { name: r.file.name, role: r.role, headers: r.headers, mapping: r.mapping };
  if (r.table?.layout) base.layout = r.table.layout;
  if (r.features) {
    const sample = samplePositions(r.features, 500);
    const provinceCol = r.mapping.province_code;
    const codes = provinceCol ? r.features.features.slice(0, 2000).map((f) => normaliseCode(f.properties[provinceCol] as string | number | null, 2)).flatMap((c) => (c.ok ? [c.value] : [])) : [];
    const declared = r.features.crs;
    const asChoice = declared && resolveCrs(declared.id)?.proj4 === declared.proj4 ? declared.id : declared?.meridian !== undefined && declared.datum === 'vn2000' && /TM-3/.test(declared.label) ? `VN2000-TM3:${declared.meridian}` : null;
    base.crs = { declared, guess: asChoice ? { id: asChoice, confident: true } : guessCrs(sample, codes), sample };
  }
  return base;
}

/**
 * Reads the files and proposes a column mapping for each, without validating:
 * what the mapping UI shows before the user confirms (with, for tables, the
 * sheet and header row found, and for boundaries, the coordinate system).
 */
export async function inspectFiles(files: ImportFile[], options: ImportOptions = {}): Promise<FileInspection[]> {
  return (await readAll(files, options)).map(inspection);
}

/**
 * Where a boundary file's sample would land under a CRS choice (`prj` or null:
 * the file's own): its WGS84 bbox, or null when the choice is unknown or fails.
 */
export function previewCrs(crs: CrsInspection, choice: string | null): [number, number, number, number] | null {
  const k = choice === null || choice === 'prj' ? (crs.declared ?? NAMED_CRS['EPSG:4326']) : resolveCrs(choice);
  return k ? previewBbox(crs.sample, k) : null;
}

/**
 * The official province list a lone structure's units belong to. Their own
 * province codes say it first: a code only the 63 provinces had (Hà Giang 02,
 * Bắc Kạn 06, …) means the list before July 2025; units in half or more of the
 * 34 provinces and in none of the 29 that went are the 2025 list, whatever years
 * are rated on them (history carried onto the new communes). Otherwise the
 * years decide: `2025` when every year is 2025 or later.
 */
function structureOf(units: readonly ValidUnit[], ratings: readonly ValidRating[]): string {
  const current = new Set(PROVINCES_2025.map((p) => p.code));
  const before = new Set(PROVINCES_PRE2025.map((p) => p.code));
  const present = new Set(units.map((u) => u.province_code).filter((c): c is string => !!c));
  if ([...present].some((c) => before.has(c) && !current.has(c))) return 'pre2025';
  if ([...present].filter((c) => current.has(c)).length >= current.size / 2 && [...present].every((c) => current.has(c))) return '2025';
  return ratings.length && ratings.every((r) => r.year >= 2025) ? '2025' : 'pre2025';
}

/**
 * Province names for the units: the boundaries' own province-name column, else
 * the ratings' province columns, else a province boundary file, else the
 * official list of the structure. Also reports provinces of the official list
 * that the boundaries lack (a national set with holes, not a provincial one).
 */
function settleProvinces(units: ValidUnit[], ratings: ValidRating[], provinceNames: Map<string, string>, structure: string, issues: ReportIssue[]): void {
  const fromRatings = new Map<string, { code: string | null; name: string | null }>();
  for (const r of ratings) if (!fromRatings.has(r.code) && (r.province_code || r.province_name)) fromRatings.set(r.code, { code: r.province_code, name: r.province_name });
  for (const u of units) {
    const p = fromRatings.get(u.code);
    if (p) {
      u.province_code ??= p.code;
      u.province_name ??= p.name;
    }
  }
  const official = new Map<string, string>((structure === '2025' ? PROVINCES_2025 : PROVINCES_PRE2025).map((p) => [p.code, p.name]));
  // One name per province code: the first given in the files, so every unit of a province agrees.
  const chosen = new Map<string, string>();
  for (const u of units) if (u.province_code && u.province_name && !chosen.has(u.province_code)) chosen.set(u.province_code, u.province_name);
  for (const u of units) {
    if (!u.province_code) continue;
    u.province_name = chosen.get(u.province_code) ?? provinceNames.get(u.province_code) ?? official.get(u.province_code) ?? u.province_code;
  }
  const present = new Set(units.map((u) => u.province_code).filter((c): c is string => !!c));
  const known = [...present].filter((c) => official.has(c)).length;
  // Half the country or more: a national set, so a missing province is a hole, not the scope.
  if (known >= official.size / 2 && known < official.size) {
    const missing = [...official.entries()].filter(([c]) => !present.has(c));
    issues.push({ file: '', row: null, column: null, reason: 'provinces-missing', severity: 'warning', params: { count: missing.length, structure, names: missing.map(([c, n]) => `${n} (${c})`).join(', ') } });
  }
}

/**
 * Code width when `--code-digits` is not given: 5, a commune code; 3 when every
 * unit boundary file is keyed by a district code (`level2_id`, "Mã huyện"), as the
 * GSO list writes them ("017" Huyện Đông Anh, not "00017", which reads as a commune's).
 */
function defaultCodeDigits(read: ReadFile[]): number {
  const units = read.filter((r) => r.features && r.role === 'boundaries');
  return units.length > 0 && units.every((r) => isDistrictCodeHeader(r.mapping.code)) ? 3 : 5;
}

/**
 * Validates user files and, when boundaries and at least one rating load,
 * packs them into a bundle. Every input row is accounted for in the report
 * (`loaded + rejected === total` per file). Never throws on bad data.
 */
export async function importFiles(files: ImportFile[], options: ImportOptions = {}): Promise<ImportResult> {
  const scale = options.scale ?? DEFAULT_SCALE;
  const read = await readAll(files, options);
  const digits = options.codeDigits ?? defaultCodeDigits(read);
  const summaries: FileSummary[] = [];
  const issues: ReportIssue[] = [];
  const inspections = read.map(inspection);

  // Boundaries by structure: `--boundaries` the current one, `--boundaries-before` the one before the reorganisation.
  const unitsBy = new Map<string, ValidUnit[]>();
  const zones: ValidZone[] = [];
  const provinceNames = new Map<string, string>();
  let sourceCrs: KnownCrs | null = null;
  const unitFile = new Map<string, string>();
  for (const r of read.filter((x) => x.features)) {
    if (r.role === 'zones') {
      const v = validateZones(r.features!, r.mapping, { crs: r.file.crs ?? options.crs });
      zones.push(...v.zones);
      summaries.push(v.summary);
      issues.push(...v.issues);
    } else if (r.role === 'provinces') {
      // Only the names are used: province outlines are merged from the communes, so they always match them.
      const v = validateBoundaries(r.features!, { code: r.mapping.province_code ?? null, name: r.mapping.province_name ?? r.mapping.name ?? null }, { crs: r.file.crs ?? options.crs, codeDigits: 2 });
      for (const u of v.units) if (u.name !== u.code) provinceNames.set(u.code, u.name);
      summaries.push({ ...v.summary, role: 'provinces' });
      issues.push(...v.issues);
    } else {
      const structure = structureOfFile(r.file);
      const units = unitsBy.get(structure) ?? [];
      unitsBy.set(structure, units);
      const v = validateBoundaries(r.features!, r.mapping, { crs: r.file.crs ?? options.crs, codeDigits: digits });
      sourceCrs ??= v.crs;
      // Two boundary files of one structure may not define the same code twice: the later one's duplicates are dropped.
      for (const u of v.units) {
        const other = unitFile.get(`${structure}|${u.code}`);
        if (other !== undefined) {
          v.summary.loaded--;
          v.summary.rejected++;
          v.issues.push({ file: r.file.name, row: u.row, column: r.mapping.code ?? null, reason: 'duplicate-code-file', severity: 'error', detail: u.code, params: { other } });
        } else {
          unitFile.set(`${structure}|${u.code}`, r.file.name);
          units.push(u);
        }
      }
      summaries.push({ ...v.summary, structure });
      issues.push(...v.issues);
    }
  }
  // Newest first, as in the manifest.
  const structureIds = [CURRENT, BEFORE].filter((id) => unitsBy.get(id)?.length);
  const codesBy = new Map(structureIds.map((id) => [id, new Set(unitsBy.get(id)!.map((u) => u.code))]));

  // Ratings: validated against every structure's codes, then each year placed on the structure its codes belong to.
  // Boundaries given but none loaded: ratings cannot be matched, and saying so row by row would bury the cause.
  const unitsUnavailable = structureIds.length === 0 && read.some((r) => r.role === 'boundaries');
  const rated = rateFiles(read, structureIds.map((id) => ({ id, codes: codesBy.get(id)! })), { ...options, scale, codeDigits: digits, unitsUnavailable });
  const { ratings, indicators, ratingsWithoutUnits } = rated;
  summaries.push(...rated.summaries);
  issues.push(...rated.issues);

  const declaredBy = new Map<string, ValidPriority[]>();
  const declaredKinds: PriorityKindDef[] = [];
  let crosswalk: ValidCrosswalk[] = [];
  for (const r of read.filter((x) => x.table && x.role !== 'ratings')) {
    const table = r.table!;
    if (r.role === 'priority') {
      // Declared flags belong to the structure their file was given for.
      const structure = structureIds.includes(structureOfFile(r.file)) ? structureOfFile(r.file) : (structureIds[0] ?? CURRENT);
      const v = validatePriority(table, r.mapping, { units: codesBy.get(structure) ?? new Set(), codeDigits: digits });
      declaredBy.set(structure, [...(declaredBy.get(structure) ?? []), ...v.flags]);
      for (const k of v.kinds) if (!declaredKinds.some((d) => d.id === k.id)) declaredKinds.push(k);
      summaries.push(v.summary);
      issues.push(...v.issues);
    } else if (r.role === 'crosswalk') {
      const v = validateCrosswalk(table, r.mapping, { codeDigits: digits });
      let rows = v.rows;
      if (structureIds.length === 2) {
        const c = checkCrosswalk(rows, codesBy.get(BEFORE)!, codesBy.get(CURRENT)!, { summary: v.summary, columns: r.mapping });
        rows = c.rows;
        v.issues.push(...c.issues);
      }
      crosswalk.push(...rows);
      summaries.push(v.summary);
      issues.push(...v.issues);
    }
  }
  if (structureIds.length === 2 && !read.some((r) => r.role === 'crosswalk')) issues.push({ file: '', row: null, column: null, reason: 'crosswalk-missing', severity: 'warning' });

  // Provinces: names from the files, else a province file, else the official list of the structure
  // (with one structure, the list its years point to; with two, each its own).
  for (const id of structureIds) {
    const list = structureIds.length === 2 ? id : structureOf(unitsBy.get(id)!, ratings);
    settleProvinces(unitsBy.get(id)!, ratings.filter((r) => r.structure === id), provinceNames, list, issues);
  }

  // A structure no year sits on is left out (its communes would have no map of their own).
  const kept = structureIds.filter((id) => {
    if (ratings.some((r) => r.structure === id)) return true;
    if (ratings.length) issues.push({ file: '', row: null, column: null, reason: 'structure-without-ratings', severity: 'warning', detail: id });
    return false;
  });
  if (structureIds.length === 2 && kept.length < 2) crosswalk = [];

  const withRating = new Set(ratings.map((r) => `${r.structure}|${r.code}`));
  const unrated = kept.flatMap((id) => unitsBy.get(id)!.filter((u) => !withRating.has(`${id}|${u.code}`)).map((u) => u.code));
  const unitCount = structureIds.reduce((n, id) => n + unitsBy.get(id)!.length, 0);
  if (unrated.length && ratings.length) {
    issues.push({ file: '', row: null, column: null, reason: 'units-without-ratings', severity: 'info', params: { count: unrated.length }, detail: `${unrated.slice(0, 10).join(', ')}${unrated.length > 10 ? ', …' : ''}` });
  }
  const usable = kept.length > 0 && ratings.length > 0;
  if (!read.some((r) => r.role === 'boundaries') || !read.some((r) => r.role === 'ratings')) {
    issues.unshift({ file: '', row: null, column: null, reason: 'missing-input', severity: 'error', params: { role: read.some((r) => r.role === 'boundaries') ? 'ratings' : 'boundaries' } });
  }
  const structures = kept.map((id) => ({ id, years: [...new Set(ratings.filter((r) => r.structure === id).map((r) => r.year))].sort((a, b) => a - b), communes: unitsBy.get(id)!.length }));
  const report: ValidationReport = { files: summaries, issues, unitsWithoutRatings: ratings.length ? unrated.length : unitCount, ratingsWithoutUnits, usable, structures };
  if (!usable) {
    report.issues = orderIssues(report.issues);
    return { report, files: inspections };
  }

  const crsInfo = sourceCrs && sourceCrs.proj4 !== null ? { sourceCrs: { label: sourceCrs.label, proj4: sourceCrs.proj4, ...(sourceCrs.meridian !== undefined ? { meridian: sourceCrs.meridian } : {}) } } : {};
  const packed = await packBundle(
    {
      structures: kept.map((id) => ({ id, units: unitsBy.get(id)!, declared: declaredBy.get(id) ?? [] })),
      ratings,
      indicators,
      zones,
      crosswalk,
      neighbours: options.neighbours ?? [],
      national: options.national ?? null,
      provinces: options.provinces ?? null,
      declaredKinds,
      scale,
    },
    { ...crsInfo, ...options },
  );
  report.issues.push(...packed.issues);
  report.issues = orderIssues(report.issues);
  const payload = await toPayload(packed);
  const bundle: LoadedBundle = { manifest: packed.manifest, parts: packed.parts, topology: packed.topology, units: tableFromIPC(packed.parts.units) };
  return { bundle, payload, packed, report, files: inspections };
}

/** Structure ids of a pack: the current structure, and the one before the 2025 reorganisation. */
export const CURRENT = '2025';
export const BEFORE = 'pre2025';

/** The structure a file was given for (`--…-before` flags: the one before). */
function structureOfFile(f: ImportFile): string {
  return f.before ? BEFORE : CURRENT;
}

/** Validated, placed ratings of some files, with the files' summaries and issues. */
export interface RatedFiles {
  ratings: PackRating[];
  /** The first file's indicator columns that has any. */
  indicators: IndicatorColumn[];
  ratingsWithoutUnits: number;
  summaries: FileSummary[];
  issues: ReportIssue[];
  files: FileInspection[];
}

/**
 * Validates and places the rating files among `files` (others are ignored):
 * each row against every structure's codes, then each year on the structure
 * its codes belong to (src/io/structures.ts), around the years in `fixed`
 * (a folder's kept years). The ratings of an import and of an update of a
 * folder's years (src/io/update.ts) go through here.
 */
export async function rateRatingFiles(files: ImportFile[], structures: StructureCodes[], options: ImportOptions & { scale: RatingScale }, fixed?: ReadonlyMap<number, string>): Promise<RatedFiles> {
  const read = await readAll(files.map((f) => ({ ...f, role: f.role ?? 'ratings' })), options);
  const ratingFiles = read.filter((r) => r.table && r.role === 'ratings');
  return { ...rateFiles(ratingFiles, structures, options, fixed), files: ratingFiles.map((r) => ({ name: r.file.name, role: r.role, headers: r.headers, mapping: r.mapping })) };
}

function rateFiles(read: ReadFile[], structures: StructureCodes[], options: ImportOptions & { scale: RatingScale; unitsUnavailable?: boolean }, fixed?: ReadonlyMap<number, string>): Omit<RatedFiles, 'files'> {
  const allCodes = new Set(structures.flatMap((s) => [...s.codes]));
  const validated: { r: ReadFile; v: ReturnType<typeof validateRatings> }[] = [];
  let indicators: IndicatorColumn[] = [];
  let ratingsWithoutUnits = 0;
  for (const r of read.filter((x) => x.table && x.role === 'ratings')) {
    const v = validateRatings(r.table!, r.mapping, { scale: options.scale, units: allCodes, unitsUnavailable: options.unitsUnavailable, codeDigits: options.codeDigits ?? 5 });
    if (v.indicators.length && indicators.length === 0) indicators = v.indicators;
    ratingsWithoutUnits += v.withoutUnits;
    validated.push({ r, v });
  }
  const rows = validated.flatMap(({ r, v }) => v.ratings.map((x) => ({ x, r, v })));
  // A year the new rows hold is being replaced: it is not one the others must fit around.
  const newYears = new Set(rows.map((p) => p.x.year));
  const kept = new Map([...(fixed ?? [])].filter(([y]) => !newYears.has(y)));
  // Presumed structure: `--…-before` files the oldest; others the newest, or where the folder has that year now.
  const hint = (f: ImportFile, year: number) => (f.before ? structures[structures.length - 1].id : (fixed?.get(year) ?? structures[0].id));
  const placement = structures.length ? placeYears(rows.map((p) => ({ code: p.x.code, year: p.x.year, hint: hint(p.r.file, p.x.year) })), structures, kept) : { rows: [] };
  // Several ratings files (one per year, say) are one table: the same code and year in two files is
  // a duplicate (same rating: the later row is dropped) or a conflict (both rows are rejected, naming both values).
  const byKey = new Map<string, { x: ValidRating; structure: string; file: string; summary: FileSummary; issues: ReportIssue[] }>();
  const conflicted = new Set<string>();
  rows.forEach(({ x, r, v }, i) => {
    const p = placement.rows[i];
    if ('reason' in p) {
      v.summary.loaded--;
      v.summary.rejected++;
      v.issues.push({ file: r.file.name, row: x.row, column: (p.reason === 'code-other-structure' ? r.mapping.code : r.mapping.year) ?? null, reason: p.reason, severity: 'error', detail: p.detail });
      return;
    }
    const key = `${x.code}|${x.year}`;
    const prev = byKey.get(key);
    if (!prev) {
      byKey.set(key, { x, structure: p.structure, file: r.file.name, summary: v.summary, issues: v.issues });
      return;
    }
    v.summary.loaded--;
    v.summary.rejected++;
    if (prev.x.rating === x.rating && prev.x.score === x.score && !conflicted.has(key)) {
      v.issues.push({ file: r.file.name, row: x.row, column: x.column, reason: 'duplicate-key-file', severity: 'error', params: { other: prev.file } });
      return;
    }
    const params = { code: x.code, year: x.year, first: `${prev.x.row} (${prev.file})`, firstValue: prev.x.score === null ? prev.x.raw : `${prev.x.raw}, ${prev.x.score}`, row: x.row, value: x.score === null ? x.raw : `${x.raw}, ${x.score}` };
    v.issues.push({ file: r.file.name, row: x.row, column: x.column, reason: 'duplicate-conflict', severity: 'error', params });
    if (!conflicted.has(key)) {
      conflicted.add(key);
      prev.summary.loaded--;
      prev.summary.rejected++;
      prev.issues.push({ file: prev.file, row: prev.x.row, column: prev.x.column, reason: 'duplicate-conflict', severity: 'error', params });
    }
  });
  const ratings: PackRating[] = [...byKey.entries()].filter(([k]) => !conflicted.has(k)).map(([, e]) => ({ ...e.x, structure: e.structure }));
  return { ratings, indicators, ratingsWithoutUnits, summaries: validated.map(({ v }) => v.summary), issues: validated.flatMap(({ v }) => v.issues) };
}

export { bundleFiles };
