/**
 * The numbers of the periodic review report (src/model/report.ts), answered by
 * DuckDB from the same tables as the map and the worklist: the rating series
 * (./series.ts: every commune of a structure in every year, across the 2025
 * merger) and the worklist's year table (./year-table.ts: weak streak and
 * priority kinds). One function builds the whole `ReportData`, so the page and
 * the node CLI (`npm run report`) report the same figures.
 *
 * Scope: the communes of `request.structure`, of one province or all, and
 * (when the view filters on priority kinds) only those in any / all of the
 * kinds. Shares are of the communes rated that year. A year whose ratings sit
 * on the other structure is an area-weighted carry-over (./merger.ts), marked
 * `estimated`: that is what the report's maps and commune tables show. The
 * weak count of every year (summary, progress table) is the app's progress
 * line's: real, in that year's own communes (./weak-by-year.ts).
 */
import type { BundleManifest } from '../model/bundle.ts';
import { periodYears, type ReportCommune, type ReportData, type ReportKind, type ReportProvince, type ReportRequest, type ReportYear } from '../model/report.ts';
import { structureForYear } from './queries.ts';
import type { SqlParam, SqlRunner } from './runner.ts';
import { seriesFor } from './series.ts';
import { tablesReady } from './tables.ts';
import { weakByYear } from './weak-by-year.ts';
import { marks, unique } from './worklist.ts';
import { yearTable } from './year-table.ts';

/** The scope as a CTE named `scope` (code, name, province_code, province_name) and its parameters. */
function scopeCte(request: ReportRequest): { sql: string; params: SqlParam[] } {
  const params: SqlParam[] = [request.structure];
  let sql = `scope AS (
       SELECT u.code, u.name, u.province_code, u.province_name
         FROM units u
        WHERE u.structure = ? AND u.level = 'commune'`;
  if (request.province != null) {
    sql += ' AND u.province_code = ?';
    params.push(request.province);
  }
  const kinds = unique(request.kinds);
  if (kinds.length > 0) {
    // any of: at least one of the kinds; all of: every one of them.
    sql += `
          AND u.code IN (SELECT code FROM priority WHERE structure = ? AND kind IN (${marks(kinds.length)})
                          GROUP BY code HAVING count(DISTINCT kind) >= ?)`;
    params.push(request.structure, ...kinds, request.kindsMode === 'all' ? kinds.length : 1);
  }
  sql += ')';
  return { sql, params };
}

const rows = <T>(t: { toArray(): { toJSON(): unknown }[] }): T[] => t.toArray().map((r) => r.toJSON() as T);

/** True when `year`'s ratings sit on another structure than `structure` (carried over by area). */
export function isEstimatedYear(manifest: BundleManifest, structure: string, year: number): boolean {
  const own = structureForYear(manifest, year);
  return !!own && own.id !== structure;
}

/**
 * Everything a report on `request` says, from DuckDB. Throws a readable error
 * for a structure, province or year the data does not have.
 */
export async function reportData(db: SqlRunner, manifest: BundleManifest, request: ReportRequest): Promise<ReportData> {
  if (!manifest.structures.some((s) => s.id === request.structure)) throw new Error(`unknown structure ${request.structure}`);
  for (const y of [request.year, request.baseYear]) if (!manifest.years.includes(y)) throw new Error(`the data has no year ${y}`);
  const period = periodYears(manifest, request.year);
  const years = unique([...period, request.baseYear].map(String)).map(Number).sort((a, b) => a - b);
  await tablesReady(db, 'units', 'ratings', 'scale', 'priority', 'crosswalk');
  await seriesFor(db, request.structure);

  let provinceName: string | null = null;
  let provinceType: string | null = null;
  if (request.province != null) {
    const t = rows<{ name: string; unit_type: string }>(
      await db.query(`SELECT name, unit_type FROM units WHERE structure = ? AND level = 'province' AND code = ?`, [request.structure, request.province]),
    );
    if (!t.length) throw new Error(`no province ${request.province} in structure ${request.structure}`);
    provinceName = String(t[0].name);
    provinceType = String(t[0].unit_type);
  }

  const scope = scopeCte(request);
  const yearMarks = marks(years.length);

  // Counts per year and level (rating NULL = not rated).
  const counts = rows<{ year: number; rating: string | null; weak: boolean | null; n: number }>(
    await db.query(
      `WITH ${scope.sql}
       SELECT s.year, s.rating, any_value(sc.weak) AS weak, CAST(count(*) AS INTEGER) AS n
         FROM series s JOIN scope ON scope.code = s.code
         LEFT JOIN scale sc ON sc.id = s.rating
        WHERE s.structure = ? AND s.year IN (${yearMarks})
        GROUP BY s.year, s.rating`,
      [...scope.params, request.structure, ...years],
    ),
  );
  const unitCount = rows<{ n: number }>(await db.query(`WITH ${scope.sql} SELECT CAST(count(*) AS INTEGER) AS n FROM scope`, scope.params))[0];
  const real = await weakByYear(db, manifest, request.structure, {
    provinces: request.province == null ? [] : [request.province],
    kinds: request.kinds,
    kindsMode: request.kindsMode,
  });
  const yearRows: ReportYear[] = years.map((year) => {
    const mine = counts.filter((c) => Number(c.year) === year);
    const byLevel: Record<string, number> = {};
    let rated = 0;
    let weak = 0;
    for (const c of mine) {
      if (c.rating == null) continue;
      byLevel[String(c.rating)] = Number(c.n);
      rated += Number(c.n);
      if (c.weak) weak += Number(c.n);
    }
    const r = real.find((x) => x.year === year);
    const counted = r ? { rated: r.total, weak: r.weak, estimated: r.estimated, structure: r.unitsStructure } : { rated, weak, estimated: false, structure: request.structure };
    return { year, units: Number(unitCount.n), rated, byLevel, weak, estimated: isEstimatedYear(manifest, request.structure, year), counted };
  });

  // Every commune in scope: its ratings over the period and the base year, score, streak and kinds.
  const table = await yearTable(db, request.structure, request.year);
  const communeRows = rows<{ code: string; name: string; province_code: string; province_name: string; score: number | null; weak_streak: number; streak_estimated: boolean; kinds: string }>(
    await db.query(
      `WITH ${scope.sql}
       SELECT scope.code, scope.name, scope.province_code, scope.province_name, y.score, y.weak_streak, y.streak_estimated, y.kinds
         FROM scope JOIN ${table} y ON y.code = scope.code
        ORDER BY scope.code`,
      scope.params,
    ),
  );
  const history = rows<{ code: string; year: number; rating: string | null }>(
    await db.query(
      `WITH ${scope.sql}
       SELECT s.code, s.year, s.rating FROM series s JOIN scope ON scope.code = s.code
        WHERE s.structure = ? AND s.year IN (${yearMarks})`,
      [...scope.params, request.structure, ...years],
    ),
  );
  const ratingOf = new Map<string, string | null>();
  for (const h of history) ratingOf.set(`${h.code}|${Number(h.year)}`, h.rating == null ? null : String(h.rating));
  const communes: ReportCommune[] = communeRows.map((r) => {
    const code = String(r.code);
    return {
      code,
      name: String(r.name),
      provinceCode: String(r.province_code),
      provinceName: String(r.province_name),
      rating: ratingOf.get(`${code}|${request.year}`) ?? null,
      baseRating: ratingOf.get(`${code}|${request.baseYear}`) ?? null,
      score: r.score == null ? null : Number(r.score),
      weakStreak: Number(r.weak_streak),
      streakEstimated: r.streak_estimated === true,
      kinds: r.kinds ? String(r.kinds).split(',') : [],
      history: period.map((y) => ratingOf.get(`${code}|${y}`) ?? null),
    };
  });

  // Each priority kind of the structure against the rest of the scope, in the report's year.
  const kinds = rows<{ kind: string; inside: boolean; units: number; rated: number; weak: number }>(
    await db.query(
      `WITH ${scope.sql},
       ks AS (SELECT DISTINCT kind FROM priority WHERE structure = ?),
       flags AS (SELECT DISTINCT code, kind FROM priority WHERE structure = ?),
       rated AS (
         SELECT scope.code, s.rating, coalesce(sc.weak, FALSE) AS weak
           FROM scope JOIN series s ON s.code = scope.code AND s.structure = ? AND s.year = ?
           LEFT JOIN scale sc ON sc.id = s.rating)
       SELECT k.kind, f.code IS NOT NULL AS inside, CAST(count(*) AS INTEGER) AS units,
              CAST(count(r.rating) AS INTEGER) AS rated, CAST(count(*) FILTER (WHERE r.weak) AS INTEGER) AS weak
         FROM rated r CROSS JOIN ks k
         LEFT JOIN flags f ON f.code = r.code AND f.kind = k.kind
        GROUP BY k.kind, f.code IS NOT NULL
        ORDER BY k.kind`,
      [...scope.params, request.structure, request.structure, request.structure, request.year],
    ),
  );
  const kindRows: ReportKind[] = unique(kinds.map((k) => String(k.kind))).map((kind) => {
    const inside = kinds.find((k) => String(k.kind) === kind && k.inside);
    const rest = kinds.find((k) => String(k.kind) === kind && !k.inside);
    return {
      kind,
      units: Number(inside?.units ?? 0),
      rated: Number(inside?.rated ?? 0),
      weak: Number(inside?.weak ?? 0),
      restUnits: Number(rest?.units ?? 0),
      restRated: Number(rest?.rated ?? 0),
      restWeak: Number(rest?.weak ?? 0),
    };
  });

  // The national ranking: every province of the structure, the report's year and the base year.
  let provinces: ReportProvince[] = [];
  if (request.province == null) {
    const p = rows<{ code: string; name: string; year: number; units: number; rated: number; weak: number }>(
      await db.query(
        `WITH ${scope.sql}
         SELECT scope.province_code AS code, any_value(scope.province_name) AS name, s.year,
                CAST(count(*) AS INTEGER) AS units, CAST(count(s.rating) AS INTEGER) AS rated,
                CAST(count(*) FILTER (WHERE sc.weak) AS INTEGER) AS weak
           FROM scope JOIN series s ON s.code = scope.code AND s.structure = ? AND s.year IN (?, ?)
           LEFT JOIN scale sc ON sc.id = s.rating
          GROUP BY scope.province_code, s.year
          ORDER BY code`,
        [...scope.params, request.structure, request.year, request.baseYear],
      ),
    );
    const byCode = new Map<string, ReportProvince>();
    for (const r of p) {
      const code = String(r.code);
      let e = byCode.get(code);
      if (!e) {
        e = { code, name: String(r.name), units: 0, rated: 0, weak: 0, baseRated: 0, baseWeak: 0 };
        byCode.set(code, e);
      }
      if (Number(r.year) === request.year) {
        e.units = Number(r.units);
        e.rated = Number(r.rated);
        e.weak = Number(r.weak);
      }
      if (Number(r.year) === request.baseYear) {
        e.baseRated = Number(r.rated);
        e.baseWeak = Number(r.weak);
      }
    }
    provinces = [...byCode.values()];
  }

  return { request, provinceName, provinceType, period, years: yearRows, communes, kinds: kindRows, provinces };
}

/** Provinces of a structure (code, name), by code: for the CLI's `all-provinces` and the report dialog. */
export async function reportProvinces(db: SqlRunner, structure: string): Promise<{ code: string; name: string }[]> {
  await tablesReady(db, 'units');
  return rows<{ code: string; name: string }>(
    await db.query(`SELECT code, name FROM units WHERE structure = ? AND level = 'province' ORDER BY code`, [structure]),
  ).map((r) => ({ code: String(r.code), name: String(r.name) }));
}
