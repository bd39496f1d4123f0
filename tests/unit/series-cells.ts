/**
 * The series rows of an engine compared, cell by cell, with the independent
 * oracle of the history rule (./merger-oracle.ts).
 */
import { expect } from 'vitest';
import type { SqlRunner } from '../../src/db/runner.ts';
import type { Cell, HistoryOracle } from './merger-oracle.ts';

/** Every series row of the engine, by `structure|code|year`. */
export async function seriesCells(db: SqlRunner): Promise<Map<string, Cell>> {
  const t = await db.query('SELECT structure, code, year, rating, score, weak, estimated FROM series');
  const out = new Map<string, Cell>();
  for (const r of t.toArray()) {
    const o = r.toJSON() as { structure: string; code: string; year: number; rating: string | null; score: number | null; weak: boolean; estimated: boolean };
    out.set(`${o.structure}|${o.code}|${Number(o.year)}`, {
      rating: o.rating == null ? null : String(o.rating),
      score: o.score == null ? null : Number(o.score),
      weak: o.weak === true,
      estimated: o.estimated === true,
    });
  }
  return out;
}

/** Asserts every series cell of the engine equals the oracle's; returns how many were compared. */
export async function expectSeriesAsOracle(db: SqlRunner, o: HistoryOracle, years = o.rows.years): Promise<number> {
  const cells = await seriesCells(db);
  let n = 0;
  for (const s of o.rows.structures) {
    for (const code of o.communes(s.id)) {
      for (const year of years) {
        const key = `${s.id}|${code}|${year}`;
        const got = cells.get(key);
        const want = o.cell(s.id, code, year);
        expect(got, key).toBeDefined();
        expect({ ...got!, score: null }, key).toEqual({ ...want, score: null });
        if (want.score === null) expect(got!.score, key).toBeNull();
        else expect(got!.score, key).toBeCloseTo(want.score, 4);
        n++;
      }
    }
  }
  return n;
}

