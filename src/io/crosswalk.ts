/**
 * The crosswalk between two structures (old commune → new commune, with the
 * share of the old commune that went into the new one): checks against both
 * structures' communes, and the proposal written from boundaries by area
 * overlap (`npm run crosswalk`, the geometry in src/geo/overlap.ts) as a CSV
 * for a person to review in Excel.
 */
import { proposeOverlaps, type OverlapUnit } from '../geo/overlap.ts';
import { readBoundaryFile } from './read/index.ts';
import { proposeMapping, type ColumnMapping } from './read/mapping.ts';
import { csvDocument, csvLine } from './csv.ts';
import type { FileSummary, ReportIssue, ValidationReport } from './report.ts';
import { validateBoundaries, type ValidCrosswalk } from './validate.ts';

/** Shares of one old code may add up to 1 within this. */
export const SHARE_TOLERANCE = 0.01;

function listed(codes: string[]): string {
  return `${codes.length}: ${codes.slice(0, 10).join(', ')}${codes.length > 10 ? ', …' : ''}`;
}

/**
 * Checks validated crosswalk rows against the communes of the structure before
 * (`oldCodes`) and after (`newCodes`): a row whose old code or new code is not
 * a commune of its structure is rejected (`unknown-code`, on the column
 * concerned; the summary is adjusted); old codes whose shares do not add up to
 * 1 (±0.01) are reported, as are old communes missing from the crosswalk and
 * new communes that no old commune went into. Returns the rows kept.
 */
export function checkCrosswalk(
  rows: readonly ValidCrosswalk[],
  oldCodes: ReadonlySet<string>,
  newCodes: ReadonlySet<string>,
  file: { summary: FileSummary; columns: { old_code?: string | null; new_code?: string | null; share?: string | null } },
): { rows: ValidCrosswalk[]; issues: ReportIssue[] } {
  const issues: ReportIssue[] = [];
  const kept: ValidCrosswalk[] = [];
  const reject = (r: ValidCrosswalk, column: string | null | undefined, detail: string) => {
    file.summary.loaded--;
    file.summary.rejected++;
    issues.push({ file: file.summary.file, row: r.row ?? null, column: column ?? null, reason: 'unknown-code', severity: 'error', detail });
  };
  for (const r of rows) {
    if (!oldCodes.has(r.old_code)) reject(r, file.columns.old_code, `${r.old_code}: not a commune of the structure before`);
    else if (!newCodes.has(r.new_code)) reject(r, file.columns.new_code, `${r.new_code}: not a commune of the current structure`);
    else kept.push(r);
  }
  const sums = new Map<string, { sum: number; row: number | null }>();
  for (const r of kept) {
    const s = sums.get(r.old_code) ?? { sum: 0, row: r.row ?? null };
    s.sum += r.share;
    sums.set(r.old_code, s);
  }
  for (const [code, s] of sums) {
    if (Math.abs(s.sum - 1) > SHARE_TOLERANCE) {
      issues.push({ file: file.summary.file, row: s.row, column: file.columns.share ?? null, reason: 'crosswalk-share-sum', severity: 'warning', detail: `${code}: ${Number(s.sum.toFixed(4))}` });
    }
  }
  const missingOld = [...oldCodes].filter((c) => !sums.has(c)).sort();
  if (missingOld.length) issues.push({ file: file.summary.file, row: null, column: null, reason: 'crosswalk-old-missing', severity: 'warning', detail: listed(missingOld) });
  const reached = new Set(kept.map((r) => r.new_code));
  const orphans = [...newCodes].filter((c) => !reached.has(c)).sort();
  if (orphans.length) issues.push({ file: file.summary.file, row: null, column: null, reason: 'crosswalk-new-without-old', severity: 'warning', detail: listed(orphans) });
  return { rows: kept, issues };
}

/** A commune as the crosswalk proposal reads it: code, name, province and geometry. */
export interface CrosswalkUnit extends OverlapUnit {
  name: string;
  province_name: string | null;
}

export interface CrosswalkProposal {
  rows: { old_code: string; new_code: string; share: number; area_km2: number }[];
  issues: ReportIssue[];
  /** Pairs whose bounding boxes met, and intersections computed (for the time report). */
  candidates: number;
  intersections: number;
}

/**
 * Proposes the crosswalk from the boundaries before and after: every old
 * commune goes to the new communes it overlaps, with shares by area (see
 * src/geo/overlap.ts for the sliver threshold and the normalisation). Slivers
 * dropped, old communes partly or wholly outside the new boundaries are issues
 * (`file` names the boundary files in them).
 */
export function proposeCrosswalk(before: readonly CrosswalkUnit[], after: readonly CrosswalkUnit[], options: { minShare?: number; file?: string } = {}): CrosswalkProposal {
  const file = options.file ?? '';
  const r = proposeOverlaps(before, after, { minShare: options.minShare });
  const issues: ReportIssue[] = [];
  for (const s of r.slivers) {
    const where = s.new_code === null ? `${s.old_code} → (border)` : `${s.old_code} → ${s.new_code}`;
    issues.push({ file, row: null, column: null, reason: 'crosswalk-sliver', severity: 'info', detail: `${where}: ${formatShare(s.share)} (${(s.area_km2 * 100).toFixed(2)} ha)` });
  }
  for (const g of r.gaps) issues.push({ file, row: null, column: null, reason: 'crosswalk-gap', severity: 'warning', detail: `${g.old_code}: ${formatShare(1 - g.covered)} outside` });
  for (const code of r.unmatched) issues.push({ file, row: null, column: null, reason: 'crosswalk-no-overlap', severity: 'error', detail: code });
  for (const e of r.errors) issues.push({ file, row: null, column: null, reason: 'geometry-invalid', severity: 'error', detail: `${e.old_code} × ${e.new_code}: ${e.message}` });
  return { rows: r.rows, issues, candidates: r.candidates, intersections: r.intersections };
}

function formatShare(x: number): string {
  return `${(x * 100).toFixed(x < 0.001 ? 4 : 2)} %`;
}

/**
 * The proposal as CSV for review in Excel: UTF-8 with a BOM (Excel otherwise
 * mangles Vietnamese), CRLF, one row per old → new pair ordered by old code,
 * names and provinces next to the codes. `old_code`, `new_code` and `share`
 * are the columns the pack reads back (`--crosswalk`); the others are for the
 * reviewer and are ignored there. Excel may drop the codes' leading zeros when
 * the file is saved again: the pack restores them.
 */
export function crosswalkCsv(proposal: Pick<CrosswalkProposal, 'rows'>, before: readonly CrosswalkUnit[], after: readonly CrosswalkUnit[]): string {
  const oldBy = new Map(before.map((u) => [u.code, u]));
  const newBy = new Map(after.map((u) => [u.code, u]));
  const lines = [csvLine(['old_code', 'old_name', 'old_province', 'new_code', 'new_name', 'new_province', 'share', 'area_km2'])];
  for (const r of proposal.rows) {
    const o = oldBy.get(r.old_code);
    const n = newBy.get(r.new_code);
    lines.push(csvLine([r.old_code, o?.name, o?.province_name, r.new_code, n?.name, n?.province_name, r.share, Number(r.area_km2.toFixed(3))]));
  }
  return csvDocument(lines);
}

/** A boundary file for the crosswalk proposal. */
export interface BoundaryInput {
  name: string;
  bytes: Uint8Array;
  /** Which property holds what; proposed from the headers when absent. */
  mapping?: ColumnMapping;
}

export interface CrosswalkFromFiles {
  /** The CSV to review (empty when either file gave no commune). */
  csv: string;
  /** Both files' validation, then the overlap findings; `usable` when some pair was proposed. */
  report: ValidationReport;
  proposal?: CrosswalkProposal;
  /** Milliseconds spent reading and validating, and computing the overlaps. */
  ms: { read: number; overlap: number };
}

/**
 * `npm run crosswalk`: reads and validates the boundaries before and after (as
 * the pack does), proposes the crosswalk by area overlap and writes it as CSV.
 */
export function crosswalkFromFiles(before: BoundaryInput, after: BoundaryInput, options: { crs?: string; codeDigits?: number; minShare?: number } = {}): CrosswalkFromFiles {
  const t0 = performance.now();
  const read = (f: BoundaryInput) => {
    const set = readBoundaryFile(f.name, f.bytes);
    const v = validateBoundaries(set, f.mapping ?? proposeMapping(set.headers, 'boundaries'), { crs: options.crs, codeDigits: options.codeDigits });
    return v;
  };
  const b = read(before);
  const a = read(after);
  const t1 = performance.now();
  const report: ValidationReport = {
    files: [b.summary, a.summary].map((s, i) => ({ ...s, structure: i === 0 ? 'before' : 'after' })),
    issues: [...b.issues, ...a.issues],
    unitsWithoutRatings: 0,
    ratingsWithoutUnits: 0,
    usable: false,
  };
  if (!b.units.length || !a.units.length) return { csv: '', report, ms: { read: t1 - t0, overlap: 0 } };
  const proposal = proposeCrosswalk(b.units, a.units, { minShare: options.minShare, file: `${before.name} × ${after.name}` });
  const t2 = performance.now();
  report.issues.push(...proposal.issues);
  report.usable = proposal.rows.length > 0;
  return { csv: crosswalkCsv(proposal, b.units, a.units), report, proposal, ms: { read: t1 - t0, overlap: t2 - t1 } };
}
