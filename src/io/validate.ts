/**
 * Validation of user data: raw tables and feature sets (from src/io/read) in,
 * canonical rows out, and every input row accounted for: either loaded or
 * rejected with a reason, a row number and a column. Each `validate*` returns
 * a `FileSummary` whose `loaded + rejected === total` (asserted in tests).
 *
 * A rejected row gets exactly one error issue, for the first problem found in
 * the order the checks run (code, year, rating, numbers, then cross-file
 * checks), so the user fixes one thing at a time and tests can pin the reason.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { cleanName, foldText } from '../model/text.ts';
import { isHexColor, kindIdFromLabel, knownKind, knownKindId, neighbourName, type PriorityKindDef } from '../model/priority.ts';
import { splitTypePrefix, typeFromCell, typePrefix, unitTypeOf, type UnitType } from '../model/unit-types.ts';
import type { RatingScale } from '../model/scale.ts';
import type { FileRole, FileSummary, ReasonId, ReportIssue } from './report.ts';
import { looksMetres, looksSwapped, notLonLat, resolveCrs, toWgs84, VIETNAM_BBOX, type KnownCrs } from './read/crs.ts';
import type { RawFeatureSet } from './read/features.ts';
import { checkGeometry, forEachPosition, mapPositions } from './read/geometry.ts';
import { applyMapping, closestHeader, foldHeader, isNumberingHeader, missingFields, type ColumnMapping, type FieldId, type MappedRow } from './read/mapping.ts';
import type { RawCell, RawTable } from './read/table.ts';

// ---- value normalisers -------------------------------------------------------

/** Result of normalising one cell: a value or the reason it is unusable (with the value as found, and message params). */
export type Checked<T> = { ok: true; value: T } | { ok: false; reason: ReasonId; detail?: string; params?: Record<string, string | number> };

function show(v: RawCell): string {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).slice(0, 60);
}

function blank(v: RawCell | undefined): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

/**
 * Normalises an administrative code to `digits` digits: restores leading zeros
 * lost by Excel (123 → "00123"), accepts Excel's float text ("00123.0", "123.0"),
 * a leading apostrophe (Excel's "keep as text" mark) and inner spaces.
 */
export function normaliseCode(v: RawCell | undefined, digits: number): Checked<string> {
  if (blank(v)) return { ok: false, reason: 'missing-code' };
  const bad = { ok: false as const, reason: 'bad-code' as const, detail: show(v!), params: { digits } };
  let s: string;
  if (typeof v === 'number') {
    if (!Number.isInteger(v) || v < 0) return bad;
    s = String(v);
  } else if (typeof v === 'string') {
    s = v.trim().replace(/^'/, '').replace(/\s+/g, '');
    const m = /^(\d+)(?:\.0+)?$/.exec(s);
    if (!m) return bad;
    s = m[1];
  } else return bad;
  if (s.length > digits) s = s.replace(/^0+/, '').padStart(digits, '0');
  if (s.length > digits) return bad;
  return { ok: true, value: s.padStart(digits, '0') };
}

/** Parses a year: 2024, "2024", "2024.0" or an Excel date. */
export function normaliseYear(v: RawCell | undefined): Checked<number> {
  if (blank(v)) return { ok: false, reason: 'missing-year' };
  let n: number;
  if (v instanceof Date) n = v.getFullYear();
  else if (typeof v === 'number') n = v;
  else if (typeof v === 'string' && /^\s*\d{4}(?:\.0+)?\s*$/.test(v)) n = Number(v);
  else return { ok: false, reason: 'bad-year', detail: show(v!) };
  if (!Number.isInteger(n) || n < 1990 || n > 2100) return { ok: false, reason: 'bad-year', detail: show(v!) };
  return { ok: true, value: n };
}

/** Parses a number: JS numbers, "73.5", Vietnamese decimal comma "73,5". Empty gives null. */
export function parseNumber(v: RawCell | undefined): Checked<number | null> {
  if (blank(v)) return { ok: true, value: null };
  if (typeof v === 'number') return Number.isFinite(v) ? { ok: true, value: v } : { ok: false, reason: 'bad-number', detail: show(v) };
  if (typeof v === 'string') {
    const s = v.trim().replace(/\s+/g, '');
    if (/^[-+]?\d+(?:[.,]\d+)?$/.test(s)) return { ok: true, value: Number(s.replace(',', '.')) };
  }
  return { ok: false, reason: 'bad-number', detail: show(v!) };
}

function compact(s: string): string {
  return s.replace(/[\s.\-_/]+/g, '');
}

/**
 * A rating normaliser for a scale: accepts the level ids and the labels in
 * both languages, whatever the case, diacritics, spacing and dots ("T.B",
 * "Trung binh", "TRUNG BÌNH", "xuất sắc", "Excellent"), the initials of the
 * Vietnamese label ("XS", "TB") and a leading "Loại"/"Mức". Keys that would
 * point at two levels are dropped rather than guessed.
 */
export function ratingMatcher(scale: RatingScale): (v: RawCell | undefined) => Checked<string> {
  const keys = new Map<string, string | null>();
  const add = (text: string, id: string) => {
    for (const k of [foldText(text), compact(foldText(text))]) {
      if (!k) continue;
      const prev = keys.get(k);
      keys.set(k, prev === undefined || prev === id ? id : null);
    }
  };
  for (const l of scale.levels) {
    for (const t of [l.id, l.label.vi, l.label.en, l.short.vi, l.short.en]) add(t, l.id);
    add(foldText(l.label.vi).split(' ').map((w) => w[0]).join(''), l.id);
  }
  const levels = { levels_vi: scale.levels.map((l) => l.label.vi).join(', '), levels_en: scale.levels.map((l) => l.label.en).join(', ') };
  return (v) => {
    if (blank(v)) return { ok: false, reason: 'missing-rating' };
    if (typeof v !== 'string') return { ok: false, reason: 'rating-off-scale', detail: show(v!), params: levels };
    const f = foldText(v).replace(/^(loai|muc|xep loai)\s+/, '');
    const id = keys.get(f) ?? keys.get(compact(f));
    return id ? { ok: true, value: id } : { ok: false, reason: 'rating-off-scale', detail: show(v), params: levels };
  };
}

/**
 * A unit's type and display name. The type comes from the type cell, else the
 * prefix of the full name, else of the name (src/model/unit-types.ts); `xã` when
 * none says. The name is the full name when there is one; a bare name whose type
 * is known gets it as a prefix ("Ba Đình" of type phường → "Phường Ba Đình"),
 * as the data contract's names carry their type.
 */
export function unitNameAndType(typeCell: RawCell | undefined, name: string, fullName: string): { name: string; unit_type: UnitType } {
  const unit_type = unitTypeOf(typeCell, [fullName, name]);
  if (fullName) return { name: fullName, unit_type };
  const typed = typeof typeCell === 'string' && typeFromCell(typeCell) !== undefined;
  if (name && typed && !splitTypePrefix(name)) return { name: `${typePrefix(unit_type)} ${name}`, unit_type };
  return { name, unit_type };
}

// ---- shared plumbing ----------------------------------------------------------

/** What a finding says beyond its reason: the value from the file and the message's params. */
interface Extra {
  detail?: string;
  params?: Record<string, string | number>;
}

function extra(e: Extra | undefined): Extra {
  return { ...(e?.detail !== undefined && e.detail !== '' ? { detail: e.detail } : {}), ...(e?.params ? { params: e.params } : {}) };
}

class Tally {
  readonly issues: ReportIssue[] = [];
  loaded = 0;
  rejected = 0;
  constructor(readonly file: string) {}
  reject(row: number, column: string | null | undefined, reason: ReasonId, e?: Extra): void {
    this.rejected++;
    this.issues.push({ file: this.file, row, column: column ?? null, reason, severity: 'error', ...extra(e) });
  }
  warn(row: number | null, column: string | null | undefined, reason: ReasonId, e?: Extra, severity: 'warning' | 'info' = 'warning'): void {
    this.issues.push({ file: this.file, row, column: column ?? null, reason, severity, ...extra(e) });
  }
  /** Rows left unchecked by a file-level error: counted as rejected, reported in one line. */
  notChecked(count: number, reason: 'rows-not-checked' | 'rows-not-checked-units' = 'rows-not-checked'): void {
    this.rejected += count;
    if (count > 0) this.issues.push({ file: this.file, row: null, column: null, reason, severity: 'error', params: { count } });
  }
}

function summary(role: FileRole, source: { file: string; format: string; encoding?: string; delimiter?: string; layout?: { sheet?: string } }, total: number, t: Tally): FileSummary {
  const sheet = source.layout?.sheet;
  return { file: source.file, role, format: source.format, encoding: source.encoding, delimiter: source.delimiter, ...(sheet ? { sheet } : {}), total, loaded: t.loaded, rejected: t.rejected };
}

/**
 * The file-level error for required fields a mapping leaves without a column:
 * it names the fields, the columns the file has, and the closest header when
 * one is close (`level2_id` for a code).
 */
export function missingColumnIssue(file: string, headers: string[], mapping: ColumnMapping, missing: FieldId[]): ReportIssue {
  const taken = new Set(Object.values(mapping).filter((h): h is string => !!h));
  const present = headers.filter((h) => h !== '').map((h) => `“${h}”`).join(', ') || '—';
  const hint = missing.map((f) => ({ f, h: closestHeader(f, headers, taken) })).find((x) => x.h);
  // The column only when the user named one the file lacks; a field id ("code") is no column of the file, and the message names the fields.
  const named = missing.map((f) => mapping[f]).filter((h): h is string => !!h);
  const column = named.length ? named.join(', ') : null;
  if (hint) return { file, row: null, column, reason: 'missing-column-closest', severity: 'error', params: { fields: missing.join(','), present, closest: hint.h!, field: hint.f } };
  return { file, row: null, column, reason: 'missing-column', severity: 'error', params: { fields: missing.join(','), present } };
}

/** Checks a table's required columns; on failure every row is rejected, in one line. */
function requireColumns(table: RawTable, mapping: ColumnMapping, role: FileRole, t: Tally): boolean {
  const missing = missingFields(mapping, role, table.headers);
  if (missing.length === 0) return true;
  t.issues.push(missingColumnIssue(table.file, table.headers, mapping, missing));
  t.notChecked(table.rows.length);
  return false;
}

function startTable(table: RawTable): { t: Tally; total: number } {
  const t = new Tally(table.file);
  t.issues.push(...table.issues);
  t.rejected += table.rejectedRows;
  return { t, total: table.rows.length + table.rejectedRows };
}

// ---- boundaries ---------------------------------------------------------------

/** A commune with checked geometry (WGS84 lon/lat). */
export interface ValidUnit {
  code: string;
  name: string;
  unit_type: string;
  province_code: string | null;
  province_name: string | null;
  geometry: Polygon | MultiPolygon;
  /** Feature number in the source file. */
  row: number;
}

export interface BoundaryOptions {
  /** Digits of a unit code (5 for communes). */
  codeDigits?: number;
  /** CRS chosen by the user, overriding the file's (see `resolveCrs`). */
  crs?: string;
}

/** The CRS a boundary file was read in: what the report says and what the dataset keeps. */
export interface CrsPlan {
  transform: ((p: number[]) => [number, number]) | null;
  refused: boolean;
  crs: KnownCrs | null;
}

/** Up to `max` positions spread over the features, for guessing and checking coordinates. */
export function samplePositions(set: RawFeatureSet, max = 2000): [number, number][] {
  const all: [number, number][] = [];
  const step = Math.max(1, Math.floor(set.features.length / 200));
  for (let i = 0; i < set.features.length && all.length < max; i += step) {
    let n = 0;
    forEachPosition(set.features[i].geometry, (x, y) => {
      if (n++ < 10 && Number.isFinite(x) && Number.isFinite(y)) all.push([x, y]);
    });
  }
  return all;
}

/**
 * Works out how a feature set's coordinates become WGS84 lon/lat: from the
 * user's choice, else the file's CRS, else as they are when they are lon/lat.
 * Refuses the file (one file-level error) when the coordinates are metres with
 * no CRS, or lon/lat with the axes swapped.
 */
function planCrs(set: RawFeatureSet, userCrs: string | undefined, t: Tally): CrsPlan {
  let sample = samplePositions(set);
  let crs: KnownCrs | null = set.crs;
  if (userCrs) {
    const chosen = resolveCrs(userCrs);
    if (!chosen) t.warn(null, null, 'crs-choice-unknown', { detail: userCrs });
    else {
      if (set.crs) t.warn(null, null, 'crs-overridden', { params: { crs: chosen.label } }, 'info');
      crs = chosen;
    }
  }
  // Findings made while reading the .prj (an assumed datum, a replaced shift) belong with the file.
  if (crs === set.crs) for (const n of crs?.notes ?? []) t.warn(null, null, n.reason, { params: n.params }, n.severity);
  const refuse = (reason: ReasonId, x: number, y: number): CrsPlan => {
    // Metres as whole metres, degrees to three decimals: enough to recognise, not to clutter.
    const r = (v: number) => (Math.abs(v) > 1000 ? Math.round(v) : Math.round(v * 1000) / 1000);
    t.issues.push({ file: t.file, row: null, column: null, reason, severity: 'error', params: { x: r(x), y: r(y) } });
    return { transform: null, refused: true, crs };
  };
  if (crs?.swapAxes) sample = sample.map(([x, y]) => [y, x]);
  const projected = sample.find(([x, y]) => notLonLat(x, y));
  const geographic = !crs || crs.proj4 === null || /\+proj=longlat/.test(crs.proj4);
  if (geographic && !crs?.swapAxes && sample.length > 0 && sample.every(([x, y]) => looksSwapped(x, y))) return refuse('axes-swapped', sample[0][0], sample[0][1]);
  if (!projected) {
    // Lon/lat-looking numbers with a projected CRS declared would be centimetres off the map: trust the numbers.
    if (crs && (crs.swapAxes || (crs.proj4 !== null && /\+proj=longlat/.test(crs.proj4)))) {
      if (crs.swapAxes && crs.proj4 === null) t.warn(null, null, 'axes-swapped-read', {}, 'warning');
      else t.warn(null, null, 'crs-reprojected', { params: { crs: crs.label } }, 'info');
      return { transform: toWgs84(crs), refused: false, crs };
    }
    return { transform: null, refused: false, crs: crs && crs.proj4 === null ? crs : null };
  }
  const [px, py] = projected;
  if (geographic) return refuse(looksMetres(px, py) ? 'crs-unknown-metres' : 'crs-unknown', px, py);
  t.warn(null, null, 'crs-reprojected', { params: { crs: crs!.label } }, 'info');
  return { transform: toWgs84(crs!), refused: false, crs };
}

/**
 * Validates boundaries: code present, well-formed and unique; geometry usable
 * (empty, non-polygon and broken geometries rejected; unclosed rings closed and
 * self-intersections repaired where safe, both reported); projected coordinates
 * reprojected or the file refused. Names are NFC-normalised and kept as text.
 */
export function validateBoundaries(set: RawFeatureSet, mapping: ColumnMapping, options: BoundaryOptions = {}): { units: ValidUnit[]; summary: FileSummary; issues: ReportIssue[]; crs: KnownCrs | null } {
  const digits = options.codeDigits ?? 5;
  const t = new Tally(set.file);
  t.issues.push(...set.issues);
  t.rejected += set.rejectedFeatures;
  const total = set.features.length + set.rejectedFeatures;
  const units: ValidUnit[] = [];
  let crs: KnownCrs | null = null;
  const done = () => ({ units, summary: summary('boundaries', set, total, t), issues: t.issues, crs });
  if (set.failed) {
    t.rejected += set.features.length;
    return done();
  }
  const codeCol = mapping.code ?? null;
  if (!codeCol && !set.features.some((f) => f.id !== undefined)) {
    t.issues.push(missingColumnIssue(set.file, set.headers, mapping, ['code']));
    t.notChecked(set.features.length);
    return done();
  }
  const plan = planCrs(set, options.crs, t);
  crs = plan.crs;
  if (plan.refused) {
    t.notChecked(set.features.length);
    return done();
  }
  let outside = 0;
  const seen = new Map<string, number>();
  for (const f of set.features) {
    const rawCode = codeCol ? (f.properties[codeCol] as RawCell) : (f.id ?? null);
    const code = normaliseCode(rawCode ?? null, digits);
    if (!code.ok) {
      t.reject(f.index, codeCol ?? 'id', code.reason, code);
      continue;
    }
    const first = seen.get(code.value);
    if (first !== undefined) {
      t.reject(f.index, codeCol ?? 'id', 'duplicate-code', { detail: code.value, params: { first } });
      continue;
    }
    const raw = plan.transform ? mapPositions(f.geometry, plan.transform) : f.geometry;
    const g = checkGeometry(raw);
    if (!g.geometry) {
      t.reject(f.index, null, g.error ?? 'geometry-invalid');
      continue;
    }
    if (g.unclosedRings) t.warn(f.index, null, 'ring-unclosed', { params: { rings: g.unclosedRings } });
    if (g.droppedRings) t.warn(f.index, null, 'rings-dropped', { params: { rings: g.droppedRings } });
    if (g.crossings.length) {
      const at = g.crossings[0].map((c) => c.toFixed(5)).join(', ');
      t.warn(f.index, null, g.repaired ? 'self-intersection' : 'self-intersection-kept', { params: { count: g.crossings.length, at } });
    }
    if (plan.transform) {
      let inVn = false;
      forEachPosition(g.geometry, (x, y) => {
        if (!inVn && x >= VIETNAM_BBOX[0] && x <= VIETNAM_BBOX[2] && y >= VIETNAM_BBOX[1] && y <= VIETNAM_BBOX[3]) inVn = true;
      });
      if (!inVn) outside++;
    }
    seen.set(code.value, f.index);
    const named = unitNameAndType(
      mapping.unit_type ? (f.properties[mapping.unit_type] as RawCell) : null,
      cleanName(mapping.name ? f.properties[mapping.name] : undefined),
      cleanName(mapping.full_name ? f.properties[mapping.full_name] : undefined),
    );
    const pc = mapping.province_code ? normaliseCode(f.properties[mapping.province_code] as RawCell, 2) : null;
    const pn = mapping.province_name ? cleanName(f.properties[mapping.province_name]) : '';
    units.push({
      code: code.value,
      name: named.name || code.value,
      unit_type: named.unit_type,
      province_code: pc && pc.ok ? pc.value : null,
      province_name: pn || null,
      geometry: g.geometry,
      row: f.index,
    });
    t.loaded++;
  }
  if (outside > 0) t.warn(null, null, 'crs-outside', { params: { count: outside } });
  return done();
}

// ---- ratings ------------------------------------------------------------------

/** A rating row ready for the `ratings` table (structure is added when packing). */
export interface ValidRating {
  code: string;
  year: number;
  rating: string;
  score: number | null;
  /** Indicator values by indicator column name. */
  indicators: Record<string, number | null>;
  row: number;
  /** Province columns of the row, used to fill units whose boundaries lack them. */
  province_code: string | null;
  province_name: string | null;
  /** The rating as written in the file, to name both values of a conflicting duplicate. */
  raw: string;
  /** The column of the code, for issues about the row. */
  column: string | null;
}

/** An indicator column found among the unmapped numeric columns. */
export interface IndicatorColumn {
  column: string;
  header: string;
}

export interface RatingContext {
  scale: RatingScale;
  /** Codes of the loaded units. */
  units: Set<string>;
  /** True when no boundary file could be loaded at all: codes are then not checked, row by row, against nothing. */
  unitsUnavailable?: boolean;
  codeDigits?: number;
}

const RESERVED = new Set(['code', 'structure', 'year', 'rating', 'score']);

/** Column name for an indicator header: folded ASCII snake case ("Tỷ lệ tham gia (%)" → `ty_le_tham_gia`). */
export function indicatorColumnName(header: string): string {
  const base = foldHeader(header).replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'indicator';
  const name = /^\d/.test(base) ? `i_${base}` : base;
  return RESERVED.has(name) ? `${name}_value` : name;
}

/** 1, 2, 3, … in row order: a numbering column whatever its header says. */
function isRunningNumber(values: RawCell[]): boolean {
  if (values.length < 3) return false;
  return values.every((v, i) => {
    const n = parseNumber(v);
    return n.ok && n.value === i + 1;
  });
}

function findIndicators(rows: MappedRow[], t: Tally): IndicatorColumn[] {
  const headers = rows.length ? Object.keys(rows[0].extra) : [];
  const out: IndicatorColumn[] = [];
  const used = new Set<string>();
  for (const h of headers) {
    const values = rows.map((r) => r.extra[h]).filter((v) => !blank(v));
    // Numbering columns (STT, TT, #, or 1, 2, 3 … down the sheet) are never an indicator to colour by.
    if (isNumberingHeader(h) || isRunningNumber(values)) continue;
    if (values.length > 0 && values.every((v) => parseNumber(v).ok)) {
      let column = indicatorColumnName(h);
      while (used.has(column)) column += '_';
      used.add(column);
      out.push({ column, header: h });
    } else t.warn(null, h, 'column-ignored', undefined, 'info');
  }
  return out;
}

/** How a rating row reads in a conflict message: the rating as written, and the score if any. */
function ratingText(r: { raw: string; score: number | null }): string {
  return r.score === null ? r.raw : `${r.raw}, ${r.score}`;
}

/**
 * Validates ratings against the scale and the loaded units. Unmapped columns
 * whose values are all numbers become indicators; others are ignored (reported).
 * The same code and year twice: the later row is dropped when it says the same,
 * and both rows are rejected when they disagree (a conflict nobody can settle here).
 */
export function validateRatings(table: RawTable, mapping: ColumnMapping, ctx: RatingContext): { ratings: ValidRating[]; indicators: IndicatorColumn[]; summary: FileSummary; issues: ReportIssue[]; withoutUnits: number } {
  const digits = ctx.codeDigits ?? 5;
  const { t, total } = startTable(table);
  let ratings: ValidRating[] = [];
  let withoutUnits = 0;
  const done = (indicators: IndicatorColumn[]) => ({ ratings, indicators, summary: summary('ratings', table, total, t), issues: t.issues, withoutUnits });
  if (table.failed) {
    t.notChecked(table.rows.length);
    return done([]);
  }
  if (!requireColumns(table, mapping, 'ratings', t)) return done([]);
  const rows = applyMapping(table, mapping);
  const indicators = findIndicators(rows, t);
  const rate = ratingMatcher(ctx.scale);
  const seen = new Map<string, ValidRating>();
  const conflicted = new Set<string>();
  let unchecked = 0;
  for (const r of rows) {
    const v = r.values;
    const col = (f: FieldId) => r.columns[f] ?? mapping[f] ?? null;
    const code = normaliseCode(v.code, digits);
    if (!code.ok) {
      t.reject(r.row, col('code'), code.reason, code);
      continue;
    }
    const year = normaliseYear(v.year);
    if (!year.ok) {
      t.reject(r.row, col('year'), year.reason, year);
      continue;
    }
    const rating = rate(v.rating);
    if (!rating.ok) {
      t.reject(r.row, col('rating'), rating.reason, rating);
      continue;
    }
    const score = parseNumber(v.score);
    if (!score.ok) {
      t.reject(r.row, col('score'), score.reason, score);
      continue;
    }
    if (score.value !== null && (score.value < 0 || score.value > 100)) {
      t.reject(r.row, col('score'), 'score-out-of-range', { detail: String(score.value) });
      continue;
    }
    if (ctx.unitsUnavailable) {
      unchecked++;
      continue;
    }
    if (!ctx.units.has(code.value)) {
      withoutUnits++;
      t.reject(r.row, col('code'), 'unknown-code', { detail: code.value });
      continue;
    }
    const raw = typeof v.rating === 'string' ? v.rating.trim() : String(v.rating);
    const key = `${code.value}|${year.value}`;
    const first = seen.get(key);
    if (first !== undefined) {
      const same = first.rating === rating.value && first.score === score.value;
      if (same && !conflicted.has(key)) {
        t.reject(r.row, col('code'), 'duplicate-key', { params: { first: first.row } });
        continue;
      }
      const params = { code: code.value, year: year.value, first: first.row, firstValue: ratingText(first), row: r.row, value: ratingText({ raw, score: score.value }) };
      t.reject(r.row, col('rating'), 'duplicate-conflict', { params });
      if (!conflicted.has(key)) {
        // The first row was counted as loaded: it is rejected too, with the same message at its own row.
        conflicted.add(key);
        t.loaded--;
        t.reject(first.row, first.column, 'duplicate-conflict', { params });
      }
      continue;
    }
    const ind: Record<string, number | null> = {};
    for (const i of indicators) {
      const n = parseNumber(r.extra[i.header]);
      ind[i.column] = n.ok ? n.value : null;
    }
    const pc = v.province_code !== undefined ? normaliseCode(v.province_code, 2) : null;
    const pn = v.province_name !== undefined ? cleanName(v.province_name) : '';
    const row: ValidRating = { code: code.value, year: year.value, rating: rating.value, score: score.value, indicators: ind, row: r.row, province_code: pc && pc.ok ? pc.value : null, province_name: pn || null, raw, column: col('rating') };
    seen.set(key, row);
    ratings.push(row);
    t.loaded++;
  }
  if (conflicted.size) ratings = ratings.filter((x) => !conflicted.has(`${x.code}|${x.year}`));
  if (unchecked) t.notChecked(unchecked, 'rows-not-checked-units');
  return done(indicators);
}

// ---- priority, crosswalk, zones -------------------------------------------------

/** A declared priority flag. */
export interface ValidPriority {
  code: string;
  kind: string;
  /** The zone, the ethnic groups' area (I, II, III), the park's name; for `border` the neighbour's Vietnamese name. */
  detail: string | null;
}

/**
 * The kind of a declared row: a built-in or known kind by any of its names
 * ("Biên giới", "ven biển", "Tôn giáo", "religious"), or a new kind named by the
 * cell ("Vùng giáo xứ" → id `vung_giao_xu`, that label). New kinds take their
 * English label and colour from the row's optional columns, first row first.
 */
function declaredKind(v: RawCell | undefined, labelEn: RawCell | undefined, color: RawCell | undefined): Checked<PriorityKindDef> {
  const text = typeof v === 'string' ? cleanName(v) : typeof v === 'number' ? String(v) : '';
  if (text === '') return { ok: false, reason: 'bad-value', detail: blank(v) ? 'empty' : show(v!) };
  const known = knownKindId(text);
  if (known) return { ok: true, value: knownKind(known)! };
  const id = kindIdFromLabel(text);
  const en = typeof labelEn === 'string' ? cleanName(labelEn) : '';
  const hex = typeof color === 'string' ? color.trim() : '';
  return { ok: true, value: { id, label: { vi: text, en: en || text }, color: isHexColor(hex) ? hex.toLowerCase() : '' } };
}

/**
 * Validates a table of declared priority flags (code, kind, detail; optionally
 * the English label and colour of a kind that is not built in). A unit may be
 * declared twice for one kind with two details (a commune on two borders), not
 * twice with the same one. Returns the kinds it brings that are not built in.
 */
export function validatePriority(table: RawTable, mapping: ColumnMapping, ctx: { units: Set<string>; codeDigits?: number }): { flags: ValidPriority[]; kinds: PriorityKindDef[]; summary: FileSummary; issues: ReportIssue[] } {
  const { t, total } = startTable(table);
  const flags: ValidPriority[] = [];
  const kinds: PriorityKindDef[] = [];
  const done = () => ({ flags, kinds, summary: summary('priority', table, total, t), issues: t.issues });
  if (table.failed) {
    t.notChecked(table.rows.length);
    return done();
  }
  if (!requireColumns(table, mapping, 'priority', t)) return done();
  const seen = new Map<string, number>();
  for (const r of applyMapping(table, mapping)) {
    const code = normaliseCode(r.values.code, ctx.codeDigits ?? 5);
    if (!code.ok) {
      t.reject(r.row, mapping.code, code.reason, code);
      continue;
    }
    const kind = declaredKind(r.values.kind, r.values.label_en, r.values.color);
    if (!kind.ok) {
      t.reject(r.row, mapping.kind, kind.reason, kind);
      continue;
    }
    if (!ctx.units.has(code.value)) {
      t.reject(r.row, mapping.code, 'unknown-code', { detail: code.value });
      continue;
    }
    const raw = cleanName(r.values.detail) || null;
    const detail = raw !== null && kind.value.id === 'border' ? neighbourName(raw) : raw;
    const key = `${code.value}|${kind.value.id}|${detail === null ? '' : foldText(detail)}`;
    const first = seen.get(key);
    if (first !== undefined) {
      t.reject(r.row, mapping.code, 'duplicate-key', { detail: `${code.value} ${kind.value.id}${detail ? ` ${detail}` : ''}`, params: { first } });
      continue;
    }
    seen.set(key, r.row);
    if (!knownKind(kind.value.id) && !kinds.some((k) => k.id === kind.value.id)) kinds.push(kind.value);
    flags.push({ code: code.value, kind: kind.value.id, detail });
    t.loaded++;
  }
  return done();
}

/** A crosswalk row. */
export interface ValidCrosswalk {
  old_code: string;
  new_code: string;
  share: number;
  /** Row in the source file (absent for rows that come from a bundle). */
  row?: number;
}

/** Validates a crosswalk table (old_code, new_code, share; share defaults to 1). */
export function validateCrosswalk(table: RawTable, mapping: ColumnMapping, ctx: { codeDigits?: number } = {}): { rows: ValidCrosswalk[]; summary: FileSummary; issues: ReportIssue[] } {
  const { t, total } = startTable(table);
  const rows: ValidCrosswalk[] = [];
  const done = () => ({ rows, summary: summary('crosswalk', table, total, t), issues: t.issues });
  if (table.failed) {
    t.notChecked(table.rows.length);
    return done();
  }
  if (!requireColumns(table, mapping, 'crosswalk', t)) return done();
  const seen = new Map<string, number>();
  for (const r of applyMapping(table, mapping)) {
    const o = normaliseCode(r.values.old_code, ctx.codeDigits ?? 5);
    if (!o.ok) {
      t.reject(r.row, mapping.old_code, o.reason, o);
      continue;
    }
    const n = normaliseCode(r.values.new_code, ctx.codeDigits ?? 5);
    if (!n.ok) {
      t.reject(r.row, mapping.new_code, n.reason, n);
      continue;
    }
    const s = parseNumber(r.values.share);
    if (!s.ok) {
      t.reject(r.row, mapping.share, s.reason, s);
      continue;
    }
    if (s.value !== null && (s.value <= 0 || s.value > 1)) {
      t.reject(r.row, mapping.share, 'share-out-of-range', { detail: String(s.value) });
      continue;
    }
    const key = `${o.value}|${n.value}`;
    const first = seen.get(key);
    if (first !== undefined) {
      t.reject(r.row, mapping.old_code, 'duplicate-key', { detail: `${o.value} → ${n.value}`, params: { first } });
      continue;
    }
    seen.set(key, r.row);
    rows.push({ old_code: o.value, new_code: n.value, share: s.value ?? 1, row: r.row });
    t.loaded++;
  }
  return done();
}

/** An industrial park or economic zone with its polygon. */
export interface ValidZone {
  id: string;
  kind: string;
  name: string;
  province_code: string | null;
  geometry: Polygon | MultiPolygon;
}

/** Validates zone polygons (id, kind, name, province code as properties). */
export function validateZones(set: RawFeatureSet, mapping: ColumnMapping, options: BoundaryOptions = {}): { zones: ValidZone[]; summary: FileSummary; issues: ReportIssue[] } {
  const t = new Tally(set.file);
  t.issues.push(...set.issues);
  t.rejected += set.rejectedFeatures;
  const total = set.features.length + set.rejectedFeatures;
  const zones: ValidZone[] = [];
  const done = () => ({ zones, summary: { ...summary('zones', set, total, t) }, issues: t.issues });
  if (set.failed) {
    t.rejected += set.features.length;
    return done();
  }
  const plan = planCrs(set, options.crs, t);
  if (plan.refused) {
    t.notChecked(set.features.length);
    return done();
  }
  const seen = new Map<string, number>();
  for (const f of set.features) {
    const idRaw = mapping.id ? f.properties[mapping.id] : f.id;
    const id = cleanName(typeof idRaw === 'number' ? String(idRaw) : idRaw);
    if (!id) {
      t.reject(f.index, mapping.id ?? 'id', 'missing-code');
      continue;
    }
    const first = seen.get(id);
    if (first !== undefined) {
      t.reject(f.index, mapping.id ?? 'id', 'duplicate-code', { detail: id, params: { first } });
      continue;
    }
    const g = checkGeometry(plan.transform ? mapPositions(f.geometry, plan.transform) : f.geometry);
    if (!g.geometry) {
      t.reject(f.index, null, g.error ?? 'geometry-invalid');
      continue;
    }
    if (g.unclosedRings) t.warn(f.index, null, 'ring-unclosed', { params: { rings: g.unclosedRings } });
    seen.set(id, f.index);
    const kindText = foldText(cleanName(mapping.kind ? f.properties[mapping.kind] : ''));
    const kind = /kinh te|economic|kkt/.test(kindText) ? 'economic_zone' : 'industrial_park';
    const pc = mapping.province_code ? normaliseCode(f.properties[mapping.province_code] as RawCell, 2) : null;
    zones.push({ id, kind, name: cleanName(mapping.name ? f.properties[mapping.name] : '') || id, province_code: pc && pc.ok ? pc.value : null, geometry: g.geometry });
    t.loaded++;
  }
  return done();
}
