/**
 * How many communes were weak, year by year: the figure behind the directive's
 * target ("no commune with a weak movement"), the progress line, the weak-share
 * chart and the periodic report.
 *
 * Counts are REAL by default: each year is counted in the communes of the
 * structure that year's ratings sit on (2011 under the 2025 structure counts the
 * ~10,600 old communes as they were rated, not the 3,321 new ones with carried
 * ratings). Only when that is impossible (the year's structure has no flag of
 * an asked priority kind) or when asked (`basis: 'structure'`) is a year counted
 * on the communes of the structure on screen, with ratings carried across the
 * merger (./merger.ts), and then it says so: `estimated`.
 *
 * SQL only here and in the modules it imports; every value is a bound parameter.
 */
import type { BundleManifest } from '../model/bundle.ts';
import { piecesSql } from './merger.ts';
import type { SqlParam, SqlRunner } from './runner.ts';
import { seriesFor, yearRoute, type Route } from './series.ts';
import { tablesReady } from './tables.ts';
import { marks, unique } from './worklist.ts';

/**
 * Which communes to count. Only provinces and priority kinds apply (an
 * `AtlasFilter` may be passed: its rating levels and search text are ignored).
 */
export interface WeakCountFilter {
  /**
   * Province codes of the structure asked for; none = the whole country. A
   * commune of the other structure counts in the province (of the structure
   * asked for) that holds the largest part of its area (ties: the smaller code).
   */
  provinces?: readonly string[];
  /**
   * Priority kinds: only the communes flagged with any of them (`kindsMode`
   * 'all': with all of them), by the flags of the communes counted (a year's
   * own communes carry their own flags).
   */
  kinds?: readonly string[];
  kindsMode?: 'any' | 'all';
  /** With `kinds`: count the communes OUTSIDE them instead (the rest of the country or provinces). */
  outside?: boolean;
}

/** One year's count. */
export interface WeakYear {
  year: number;
  /** Communes rated at a weak level of the scale. */
  weak: number;
  /** Communes with a rating (of the scale) that year. */
  total: number;
  /** weak / total; null when no commune was rated. */
  share: number | null;
  /**
   * True when the figure is an area-weighted estimate: the communes of the
   * structure asked for, with ratings carried across the 2025 merger. False for
   * a count of real communes with their own ratings.
   */
  estimated: boolean;
  /** The structure whose communes were counted (that year's own structure for a real count). */
  unitsStructure: string;
}

export interface WeakByYearOptions {
  /**
   * 'year' (default): count each year in the communes of that year's own
   * structure (real counts). 'structure': count every year in the communes of
   * the structure asked for, with carried ratings in the years before (or
   * after) it existed (estimates, as the map of that structure shows them).
   */
  basis?: 'year' | 'structure';
}

/**
 * Weak communes per manifest year (ascending), as seen from `structure` (the
 * structure on screen: it decides what `filter.provinces` means).
 *
 * @example
 *   // The progress line under the 2025 structure: 2011 counts the old communes.
 *   const years = await weakByYear(db, manifest, '2025');
 *   // → [{ year: 2011, weak: 848, total: 10600, share: 0.08, estimated: false, unitsStructure: 'pre2025' }, …]
 */
export async function weakByYear(
  db: SqlRunner,
  manifest: BundleManifest,
  structure: string,
  filter: WeakCountFilter = {},
  options: WeakByYearOptions = {},
): Promise<WeakYear[]> {
  const basis = options.basis ?? 'year';
  const kinds = unique(filter.kinds ?? []);
  const years = [...new Set(manifest.years)].sort((a, b) => a - b);
  // Own counts read the ratings, flags and units (and the crosswalk for a province across the merger); estimates the series.
  await tablesReady(db, 'units', 'ratings', 'scale', 'priority', 'crosswalk');
  // A year's own communes can be counted by kind only if their structure flags every kind asked for.
  let flagsAll = (_structure: string) => true;
  if (basis === 'year' && kinds.length > 0) {
    const t = await db.query(
      `SELECT structure, count(DISTINCT kind) AS n FROM priority WHERE kind IN (${marks(kinds.length)}) GROUP BY structure`,
      kinds,
    );
    const full = new Set(t.toArray().filter((r) => Number(r.n) === kinds.length).map((r) => String(r.structure)));
    flagsAll = (s) => full.has(s);
  }
  const real = new Map<string, { route: Route; years: number[] }>();
  const carried: number[] = [];
  for (const year of years) {
    const { data, route } = yearRoute(manifest, structure, year);
    if (!data) continue;
    if (route === 'own' || (basis === 'year' && flagsAll(data))) real.set(data, { route, years: [...(real.get(data)?.years ?? []), year] });
    else carried.push(year);
  }
  const found = new Map<number, WeakYear>();
  for (const [units, { route, years: ys }] of real) {
    for (const r of await countOwnCommunes(db, structure, units, route, ys, filter, kinds)) found.set(r.year, r);
  }
  if (carried.length > 0) {
    for (const r of await countCarried(db, structure, carried, filter, kinds)) found.set(r.year, r);
  }
  return years.map((year) => {
    const f = found.get(year);
    if (f) return f;
    const { data } = yearRoute(manifest, structure, year);
    return { year, weak: 0, total: 0, share: null, estimated: false, unitsStructure: data && !carried.includes(year) ? data : structure };
  });
}

/** The kind clause over `code` (a commune of `flagStructure`), as SQL and parameters; empty without kinds. */
function kindClause(code: string, flagStructure: string, filter: WeakCountFilter, kinds: string[]): { sql: string; params: SqlParam[] } {
  if (kinds.length === 0) return { sql: '', params: [] };
  const need = filter.kindsMode === 'all' ? kinds.length : 1;
  return {
    sql: `AND ${code} ${filter.outside ? 'NOT IN' : 'IN'} (
            SELECT code FROM priority WHERE structure = ? AND kind IN (${marks(kinds.length)})
             GROUP BY code HAVING count(DISTINCT kind) >= ?)`,
    params: [flagStructure, ...kinds, need],
  };
}

type CountRow = { year: number; total: number; weak: number; estimated?: boolean };

function toWeakYear(o: CountRow, units: string, estimated: boolean): WeakYear {
  const total = Number(o.total), weak = Number(o.weak);
  return { year: Number(o.year), weak, total, share: total > 0 ? weak / total : null, estimated, unitsStructure: units };
}

/**
 * Real counts: the communes of `units` (the structure `years`' ratings sit on,
 * reaching `structure` by `route`) with their own ratings and flags; provinces
 * of `structure`, reached through the crosswalk's pieces of land when `units`
 * is the other structure.
 */
async function countOwnCommunes(
  db: SqlRunner,
  structure: string,
  units: string,
  route: Route,
  years: number[],
  filter: WeakCountFilter,
  kinds: string[],
): Promise<WeakYear[]> {
  const provinces = unique(filter.provinces ?? []);
  const params: SqlParam[] = [];
  let ctes = '';
  let provinceOf = 'u.province_code';
  if (provinces.length > 0 && units !== structure) {
    // Each commune of `units` in the province of `structure` that holds the largest part of its land.
    ctes = `WITH plan AS (SELECT ? AS structure, ? AS year, ? AS data_structure, ? AS route),
     ${piecesSql('plan')},
     by_province AS (
       SELECT q.source AS code, t.province_code, sum(q.w) AS w
         FROM pieces q JOIN units t ON t.code = q.code AND t.structure = q.structure AND t.level = 'commune'
        GROUP BY q.source, t.province_code),
     home AS (SELECT code, first(province_code ORDER BY w DESC, province_code) AS province_code FROM by_province GROUP BY code)`;
    params.push(structure, years[0], units, route);
    provinceOf = '(SELECT h.province_code FROM home h WHERE h.code = u.code)';
  }
  const where: string[] = [];
  params.push(units, ...years);
  if (provinces.length > 0) {
    where.push(`AND ${provinceOf} IN (${marks(provinces.length)})`);
    params.push(...provinces);
  }
  const kc = kindClause('u.code', units, filter, kinds);
  params.push(...kc.params);
  const t = await db.query(
    `${ctes}
     SELECT r.year, count(*) AS total, count(*) FILTER (WHERE sc.weak) AS weak
       FROM ratings r
       JOIN scale sc ON sc.id = r.rating
       JOIN units u ON u.code = r.code AND u.structure = ? AND u.level = 'commune'
      WHERE r.year IN (${marks(years.length)}) ${where.join(' ')} ${kc.sql}
      GROUP BY r.year`,
    params,
  );
  return t.toArray().map((r) => toWeakYear(r.toJSON() as CountRow, units, false));
}

/**
 * Estimates: the communes of `structure` with their series ratings (carried
 * across the merger in `years`) and their own flags.
 */
async function countCarried(db: SqlRunner, structure: string, years: number[], filter: WeakCountFilter, kinds: string[]): Promise<WeakYear[]> {
  await seriesFor(db, structure);
  const provinces = unique(filter.provinces ?? []);
  const params: SqlParam[] = [structure, ...years];
  let province = '';
  if (provinces.length > 0) {
    province = `AND s.code IN (SELECT code FROM units WHERE structure = ? AND level = 'commune' AND province_code IN (${marks(provinces.length)}))`;
    params.push(structure, ...provinces);
  }
  const kc = kindClause('s.code', structure, filter, kinds);
  params.push(...kc.params);
  const t = await db.query(
    `SELECT s.year, count(s.rating) AS total, count(*) FILTER (WHERE s.weak) AS weak, coalesce(bool_or(s.estimated), FALSE) AS estimated
       FROM series s
      WHERE s.structure = ? AND s.year IN (${marks(years.length)}) ${province} ${kc.sql}
      GROUP BY s.year`,
    params,
  );
  return t.toArray().map((r) => {
    const o = r.toJSON() as CountRow;
    return toWeakYear(o, structure, o.estimated === true);
  });
}
