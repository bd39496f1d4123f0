/**
 * The data bundle: what a portable folder carries as its default dataset.
 *
 * On disk it is one classic script, `data/atlas-data.js`, that assigns
 * `globalThis.__MOVEMENT_ATLAS_BUNDLE__ = { manifest, parts }`. A classic script
 * is the only way a page opened from file:// can read bytes that sit next to it
 * (fetch and XHR of file: URLs are refused). Each part is gzip-compressed and
 * base64-encoded; tables are Arrow IPC streams, boundaries are quantised TopoJSON.
 * The same parts are also written as plain files for http use and for users.
 */
import type { PriorityKindDef } from './priority.ts';
import type { RatingScale } from './scale.ts';

export const BUNDLE_GLOBAL = '__MOVEMENT_ATLAS_BUNDLE__';
export const BUNDLE_FORMAT = 'movement-atlas-bundle';
export const BUNDLE_VERSION = 1;

/** An administrative structure: the set of communes and provinces in force over a span of years. */
export interface StructureInfo {
  /** `pre2025` (63 provinces, ~10,600 communes) or `2025` (34 provinces, 3,321 communes). */
  id: string;
  label: { vi: string; en: string };
  /** First and last year whose ratings sit on this structure's codes (inclusive). */
  fromYear: number;
  toYear: number;
  /** Names of the TopoJSON objects in the `boundaries` part. */
  communeObject: string;
  provinceObject: string;
}

/**
 * Whether `year`'s ratings sit on another structure than `structure`'s own
 * codes, so that year every figure of the structure's communes is carried across
 * the 2025 merger: an area-weighted estimate (src/db/merger.ts).
 */
export function carriedYear(manifest: Pick<BundleManifest, 'structures'>, structure: string, year: number): boolean {
  const s = manifest.structures.find((x) => x.id === structure);
  return !!s && (year < s.fromYear || year > s.toYear);
}

export type PartKind = 'arrow' | 'topojson' | 'json';

export interface PartInfo {
  kind: PartKind;
  /** Size of the uncompressed bytes. */
  bytes: number;
  /** Hex SHA-256 of the uncompressed bytes, so a bundle can be identified. */
  sha256: string;
  /**
   * For a part worked out from others at pack time (the `series`): what it was
   * worked out from (see `seriesInputs`). It is used only while that still
   * matches the manifest; otherwise it is ignored and worked out again.
   */
  derivedFrom?: string;
}

/** A numeric indicator column of `ratings`, as the manifest describes it. */
export interface IndicatorInfo {
  column: string;
  label: { vi: string; en: string };
  unit?: string;
  /**
   * Whether a higher value is the better one (participation: yes; incidents:
   * no). The map's ramp runs so the weak end gets the strong colour. Bundles
   * written before this field fall back to defaultHigherIsBetter.
   */
  higherIsBetter?: boolean;
}

/**
 * The direction an indicator column gets when nothing says otherwise: every
 * indicator but `incidents` is better when higher. Pack writes it into the
 * manifest of a folder made from a user's sheet (whose headers say nothing of
 * direction), and bundles written before `higherIsBetter` existed fall back to it.
 */
export function defaultHigherIsBetter(column: string): boolean {
  return column !== 'incidents';
}

/** The direction of `score` (always better when higher) or an indicator of the manifest. */
export function indicatorHigherIsBetter(indicators: readonly Pick<IndicatorInfo, 'column' | 'higherIsBetter'>[], column: string): boolean {
  if (column === 'score') return true;
  return indicators.find((i) => i.column === column)?.higherIsBetter ?? defaultHigherIsBetter(column);
}

export interface BundleManifest {
  format: typeof BUNDLE_FORMAT;
  version: typeof BUNDLE_VERSION;
  /** Short identity shown in diagnostics, e.g. `demo-seed42-3f9a1c2b`. */
  id: string;
  title: { vi: string; en: string };
  source: { vi: string; en: string };
  /** True for the synthetic demo: the UI then says "Dữ liệu minh hoạ". */
  illustrative: boolean;
  /** Date the data stands for, ISO `YYYY-MM-DD`. */
  dataDate: string;
  years: number[];
  /** Structures, newest first. */
  structures: StructureInfo[];
  scale: RatingScale;
  /** Numeric indicator columns of `ratings` beyond `score`, with labels. */
  indicators: IndicatorInfo[];
  /**
   * The priority kinds of the `priority` table, in display order, with labels
   * and colours (src/model/priority.ts). Absent in bundles made before kinds
   * were data: the built-in five are shown then.
   */
  priorityKinds?: PriorityKindDef[];
  parts: Record<string, PartInfo>;
  /** True when the bundle came from a protected (encrypted) folder: exports then carry an "internal" marking. */
  protected?: boolean;
  /**
   * The coordinate system the imported boundaries came in, before reprojection
   * to WGS84 (absent for lon/lat input): its label, proj4 definition and, for a
   * transverse Mercator zone such as VN-2000 TM-3, the central meridian.
   */
  sourceCrs?: { label: string; proj4: string; meridian?: number };
}

/** What the classic script assigns: the manifest in clear, parts as gzip+base64 strings. */
/**
 * The first paint's scene of a structure (src/map/poster-scene.ts) as the
 * bundle script carries it: SVG path data (absolute moveto, relative lineto,
 * closepath) in integer units of a grid on Web Mercator world pixels at zoom 0
 * (a point is `origin` + unit × its coordinates: a small fraction of a screen
 * pixel at the zoom of a national view), and each year's colours as one byte
 * per commune into `palette`.
 */
export interface EncodedScene {
  structure: string;
  /** The box the opening camera fits (lon/lat). */
  frame: [[number, number], [number, number]];
  /** World pixels (zoom 0) of the grid's 0 0, and of one grid unit. */
  origin: [number, number];
  unit: number;
  /** Each commune's rings, in the communes' order (closed subpaths). */
  communes: string[];
  neighbours: string;
  /** Lines (open subpaths). */
  communeBorders: string;
  provinceBorders: string;
  /** The built-in outlines of an archipelago the data does not have. */
  outlines: string;
  /** Island marks: world pixels at zoom 0, and the order of their commune (-1: not rated). */
  marks: [number, number, number][];
  /** The archipelagos' boxes, for their labels (src/map/sovereignty.ts). */
  archipelagos: { id: 'hoang-sa' | 'truong-sa'; box: [[number, number], [number, number]] }[];
  /** Every fill colour of the years below (RGBA). */
  palette: [number, number, number, number][];
  /** Each year rated on the structure's own codes: its communes' colours (base64 of one palette index per commune). */
  years: { year: number; colors: string }[];
}

export interface BundleScriptPayload {
  manifest: BundleManifest;
  parts: Record<string, string>;
  /**
   * The first paint's scene of each structure's opening view, packed beside the
   * parts (src/map/poster-scene.ts); only src/poster.ts reads it. Absent from
   * protected bundles and from bundles packed before it existed.
   */
  poster?: EncodedScene[];
}

/** Names of the parts every bundle has. */
export const REQUIRED_PARTS = ['units', 'ratings', 'priority', 'zones', 'crosswalk', 'boundaries'] as const;
export type RequiredPart = (typeof REQUIRED_PARTS)[number];

/**
 * Checks the shape of a payload read from the global, so a damaged or foreign
 * file gives a readable reason instead of a crash deep in the app.
 * Returns a list of problems; empty means usable.
 */
export function validatePayload(value: unknown): string[] {
  const problems: string[] = [];
  if (typeof value !== 'object' || value === null) return ['payload is not an object'];
  const p = value as Partial<BundleScriptPayload>;
  const m = p.manifest as Partial<BundleManifest> | undefined;
  if (!m || typeof m !== 'object') return ['manifest missing'];
  if (m.format !== BUNDLE_FORMAT) problems.push(`format is ${String(m.format)}, expected ${BUNDLE_FORMAT}`);
  if (m.version !== BUNDLE_VERSION) problems.push(`version is ${String(m.version)}, expected ${BUNDLE_VERSION}`);
  if (!Array.isArray(m.years) || m.years.length === 0) problems.push('manifest.years is empty');
  if (!Array.isArray(m.structures) || m.structures.length === 0) problems.push('manifest.structures is empty');
  if (!m.scale || !Array.isArray(m.scale.levels) || m.scale.levels.length === 0) problems.push('manifest.scale has no levels');
  if (!p.parts || typeof p.parts !== 'object') {
    problems.push('parts missing');
  } else {
    for (const name of REQUIRED_PARTS) {
      if (typeof p.parts[name] !== 'string') problems.push(`part ${name} missing`);
    }
  }
  return problems;
}

/** The platform's own base64 decoder where it has one (Chromium 140+, Firefox 133+, Node 25+). */
const fromBase64 = (Uint8Array as unknown as { fromBase64?: (s: string) => Uint8Array<ArrayBuffer> }).fromBase64;

/** Decodes base64 into bytes without Node's Buffer, so it runs in browsers and workers too. */
export function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  if (fromBase64) return fromBase64(b64);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Inflates gzip bytes with the platform's DecompressionStream (browsers and Node ≥ 18). */
export async function gunzip(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Decodes one part string of a payload into its raw bytes. */
export async function decodePart(b64gzip: string): Promise<Uint8Array<ArrayBuffer>> {
  return gunzip(base64ToBytes(b64gzip));
}

/**
 * Serialises a payload into the text of the classic script. JSON.stringify
 * escapes everything that could end the script early except `</script`, which
 * cannot appear in a .js file loaded by src, and U+2028/2029, which are legal in
 * JS string literals since ES2019.
 */
export function payloadToScript(payload: BundleScriptPayload): string {
  return `globalThis.${BUNDLE_GLOBAL} = ${JSON.stringify(payload)};\n`;
}
