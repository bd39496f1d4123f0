/**
 * The history rule across the 2025 merger, worked out again in plain TypeScript
 * over a dataset's rows, from its statement in data/README.md ("History across
 * the 2025 merger"), apart from the SQL of src/db/merger.ts that the app runs
 * (STYLE.md #13: the test's expectation never comes from the code under test).
 * Loops and maps only: no DuckDB, nothing imported from src/db.
 */
import { tableFromIPC } from 'apache-arrow';
import type { BundleManifest } from '../../src/model/bundle.ts';
import type { HistoryRows } from '../fixtures/merger-bundle.ts';

export interface Cell {
  rating: string | null;
  score: number | null;
  weak: boolean;
  estimated: boolean;
}

export interface Streak {
  streak: number;
  estimated: boolean;
}

export interface Count {
  year: number;
  weak: number;
  total: number;
  estimated: boolean;
  unitsStructure: string;
}

export interface CountFilter {
  provinces?: readonly string[];
  kinds?: readonly string[];
  kindsMode?: 'any' | 'all';
  outside?: boolean;
}

/** A piece of land: part of a commune of one structure lying in a commune of the other. */
interface Piece {
  other: string;
  area: number;
  sameLand: boolean;
}

export class HistoryOracle {
  private readonly rating = new Map<string, { rating: string; score: number | null }>();
  private readonly units = new Map<string, HistoryRows['units'][number]>();
  private readonly order = new Map<string, number>();
  private readonly weakLevel = new Map<string, boolean>();
  private readonly cells = new Map<string, Cell>();
  private readonly byOld = new Map<string, HistoryRows['crosswalk']>();
  private readonly byNew = new Map<string, HistoryRows['crosswalk']>();
  private readonly flags = new Map<string, Set<string>>();

  constructor(readonly rows: HistoryRows) {
    for (const r of rows.ratings) this.rating.set(`${r.code}|${r.year}`, { rating: r.rating, score: r.score });
    for (const c of rows.crosswalk) {
      this.byOld.set(c.old_code, [...(this.byOld.get(c.old_code) ?? []), c]);
      this.byNew.set(c.new_code, [...(this.byNew.get(c.new_code) ?? []), c]);
    }
    for (const p of rows.priority) {
      const key = `${p.structure}|${p.code}`;
      this.flags.set(key, (this.flags.get(key) ?? new Set()).add(p.kind));
    }
    for (const u of rows.units) this.units.set(`${u.structure}|${u.code}`, u);
    for (const l of rows.scale) {
      this.order.set(l.id, l.order);
      this.weakLevel.set(l.id, l.weak);
    }
  }

  /** The structure whose codes carry the ratings of `year`. */
  ownStructure(year: number): string | undefined {
    return this.rows.structures.find((s) => year >= s.fromYear && year <= s.toYear)?.id;
  }

  private isOlder(a: string, b: string): boolean {
    const ids = this.rows.structures.map((s) => s.id);
    return ids.indexOf(a) > ids.indexOf(b);
  }

  communes(structure: string): string[] {
    return this.rows.units.filter((u) => u.structure === structure && u.level === 'commune').map((u) => u.code).sort();
  }

  /** The rows of a dataset as the bundle's Arrow parts hold them (decoded, not interpreted), for datasets built as Arrow. */
  static fromParts(manifest: BundleManifest, parts: Record<string, Uint8Array>): HistoryOracle {
    const rows = (name: string) => tableFromIPC(parts[name]).toArray().map((r) => r.toJSON() as Record<string, unknown>);
    const text = (v: unknown) => String(v);
    const num = (v: unknown) => (v == null ? null : Number(v));
    return new HistoryOracle({
      years: [...manifest.years],
      structures: manifest.structures.map((s) => ({ id: s.id, fromYear: s.fromYear, toYear: s.toYear })),
      scale: manifest.scale.levels.map((l) => ({ id: l.id, order: l.order, weak: l.weak })),
      units: rows('units').map((u) => ({
        code: text(u.code), name: text(u.name), structure: text(u.structure), level: u.level === 'province' ? 'province' : 'commune',
        province_code: text(u.province_code), area_km2: Number(u.area_km2),
      })),
      ratings: rows('ratings').map((r) => ({ code: text(r.code), year: Number(r.year), rating: text(r.rating), score: num(r.score) })),
      crosswalk: rows('crosswalk').map((c) => ({ old_code: text(c.old_code), new_code: text(c.new_code), share: Number(c.share) })),
      priority: rows('priority').map((p) => ({ code: text(p.code), structure: text(p.structure), kind: text(p.kind) })),
    });
  }

  /** The pieces of `code` (of `structure`) seen from the communes of `other`. */
  pieces(structure: string, code: string, other: string): Piece[] {
    const up = this.isOlder(other, structure);
    const older = up ? other : structure;
    const out: Piece[] = [];
    for (const row of (up ? this.byNew : this.byOld).get(code) ?? []) {
      const oldUnit = this.units.get(`${older}|${row.old_code}`);
      if (!oldUnit || oldUnit.level !== 'commune') continue;
      const oneOld = this.byOld.get(row.old_code)!.length === 1;
      const oneNew = this.byNew.get(row.new_code)!.length === 1;
      out.push({
        other: up ? row.old_code : row.new_code,
        area: row.share * oldUnit.area_km2,
        sameLand: oneOld && oneNew && row.share >= 0.99,
      });
    }
    return out;
  }

  /** A commune's rating, score, weakness and estimate flag in a year. */
  cell(structure: string, code: string, year: number): Cell {
    const key = `${structure}|${code}|${year}`;
    let c = this.cells.get(key);
    if (!c) {
      c = this.work(structure, code, year);
      this.cells.set(key, c);
    }
    return c;
  }

  private work(structure: string, code: string, year: number): Cell {
    const none: Cell = { rating: null, score: null, weak: false, estimated: false };
    const own = this.ownStructure(year);
    if (!own) return none;
    if (own === structure) {
      const r = this.rating.get(`${code}|${year}`);
      if (!r) return none;
      return { rating: r.rating, score: r.score, weak: this.weakLevel.get(r.rating) ?? false, estimated: false };
    }
    const pieces = this.pieces(structure, code, own);
    // Each piece carries the rating of the commune of that year it lay in.
    const rated = pieces
      .map((p) => ({ ...p, r: this.rating.get(`${p.other}|${year}`) }))
      .filter((p) => p.r !== undefined && this.order.has(p.r.rating));
    if (rated.length === 0) return none;
    const ratedArea = rated.reduce((s, p) => s + p.area, 0);
    // Weakest level first: the first at which the area rated that level or weaker reaches half.
    const levels = [...this.rows.scale].sort((a, b) => b.order - a.order);
    let atOrWeaker = 0;
    let level: string | null = null;
    for (const l of levels) {
      atOrWeaker += rated.filter((p) => p.r!.rating === l.id).reduce((s, p) => s + p.area, 0);
      if (atOrWeaker >= ratedArea / 2 - 1e-9 * ratedArea) {
        level = l.id;
        break;
      }
    }
    const scored = rated.filter((p) => p.r!.score !== null);
    const scoredArea = scored.reduce((s, p) => s + p.area, 0);
    const score = scored.length === 0 ? null : scored.reduce((s, p) => s + p.r!.score! * p.area, 0) / scoredArea;
    const estimated = !(pieces.length === 1 && pieces[0].sameLand);
    return { rating: level, score, weak: level !== null && (this.weakLevel.get(level) ?? false), estimated };
  }

  /** Consecutive weak years up to `year`, and whether any of them was carried (an estimate). */
  streak(structure: string, code: string, year: number): Streak {
    const years = [...this.rows.years].sort((a, b) => a - b).filter((y) => y <= year);
    let streak = 0;
    let estimated = false;
    for (let i = years.length - 1; i >= 0; i--) {
      const c = this.cell(structure, code, years[i]);
      if (!c.weak) break;
      streak++;
      estimated ||= c.estimated;
    }
    return { streak, estimated };
  }

  private flagged(structure: string, code: string, f: CountFilter): boolean {
    const kinds = [...new Set(f.kinds ?? [])];
    const mine = this.flags.get(`${structure}|${code}`) ?? new Set<string>();
    const hits = kinds.filter((k) => mine.has(k)).length;
    const inside = f.kindsMode === 'all' ? hits === kinds.length : hits > 0;
    return f.outside ? !inside : inside;
  }

  /** The province of `onScreen` a commune of `units` counts in: the one holding the largest part of its land (ties: smaller code). */
  home(units: string, code: string, onScreen: string): string | undefined {
    if (units === onScreen) return this.units.get(`${units}|${code}`)?.province_code;
    const byProvince = new Map<string, number>();
    for (const p of this.pieces(units, code, onScreen)) {
      const province = this.units.get(`${onScreen}|${p.other}`)?.province_code;
      if (province !== undefined) byProvince.set(province, (byProvince.get(province) ?? 0) + p.area);
    }
    return [...byProvince].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
  }

  /**
   * Weak communes per year seen from `structure`: real counts in the communes of
   * each year's own structure; estimates on `structure`'s communes when that
   * structure flags none of an asked kind, or when `basis` is 'structure'.
   */
  weakByYear(structure: string, f: CountFilter = {}, basis: 'year' | 'structure' = 'year'): Count[] {
    const kinds = [...new Set(f.kinds ?? [])];
    const provinces = new Set(f.provinces ?? []);
    return [...this.rows.years].sort((a, b) => a - b).map((year) => {
      const own = this.ownStructure(year);
      if (!own) return { year, weak: 0, total: 0, estimated: false, unitsStructure: structure };
      const flagsAll = kinds.every((k) => this.rows.priority.some((p) => p.structure === own && p.kind === k));
      const units = own === structure || (basis === 'year' && flagsAll) ? own : structure;
      let weak = 0, total = 0, estimated = false;
      for (const code of this.communes(units)) {
        if (provinces.size > 0 && !provinces.has(this.home(units, code, structure) ?? '')) continue;
        if (kinds.length > 0 && !this.flagged(units, code, f)) continue;
        const c = this.cell(units, code, year);
        if (c.rating === null) continue;
        total++;
        if (c.weak) weak++;
        estimated ||= c.estimated;
      }
      return { year, weak, total, estimated, unitsStructure: units };
    });
  }
}
