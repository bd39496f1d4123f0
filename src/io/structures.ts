/**
 * Which administrative structure each year of ratings sits on, decided by the
 * data: by the codes of that year's rows, never by the calendar alone.
 *
 * A bundle may hold two structures (the communes before and after the 2025
 * reorganisation). Each year's ratings sit on exactly one of them (the app's
 * series crosses the merger from there, src/db/series.ts), and the structures
 * hold consecutive runs of years, the older structure first. Codes alone do not
 * tell: a new commune usually keeps the code of one of its members, so nearly
 * every new code is also an old code, while most old codes are old only. The rule:
 *
 * 1. The rows of one year from files given for one structure (`--ratings`: the
 *    current one, or the one a folder being updated has that year on;
 *    `--ratings-before`: the one before) sit on that structure, unless they
 *    look keyed by the other one's codes: ratings keyed by old codes belong to
 *    the old structure, whichever flag brought them. How much rows look keyed
 *    by a structure's codes: the share of rows whose code only that structure
 *    has, over the share of its codes that only it has (about 1 for a file of
 *    its units, near 0 for a few strays). The rows go to the other structure
 *    when that is at least 1/2 for it, and more of them have codes only it
 *    has than codes only the given one has. A plain majority of old-only codes
 *    would not do: two thirds of the communes of 2024 lost their code in 2025,
 *    but only 29 of the 63 provinces did.
 * 2. A year sits on one structure. When its rows went to two (a year in both
 *    files), the structure with more of that year's rows keeps it and the other
 *    rows are reported (`year-in-two-structures`).
 * 3. A row of that year whose code is not in that structure is reported
 *    (`code-other-structure`), never moved to the other structure.
 * 4. The years of each structure must come in order (every year of the older
 *    structure before every year of the newer). Years breaking the order are
 *    reported (`year-structure-order`): the fewest rows are given up, and years
 *    already in a folder being updated are never the ones given up.
 */

/** A structure's commune codes. */
export interface StructureCodes {
  id: string;
  codes: Set<string>;
}

/**
 * A rating row to place: its code, year, and the structure it is presumed to
 * sit on (the one its file was given for, or where a folder has its year now).
 */
export interface RowToPlace {
  code: string;
  year: number;
  hint: string;
}

export type PlaceRejection = { reason: 'code-other-structure' | 'year-in-two-structures' | 'year-structure-order'; detail: string };

export interface Placement {
  /** Structure of each year kept (the years of `fixed` included). */
  years: Map<number, string>;
  /** By row index: the structure the row goes to, or why it is rejected. */
  rows: ({ structure: string } | PlaceRejection)[];
}

/**
 * Places rows (all with codes known in at least one structure) on structures.
 * `structures` newest first, as in the manifest. `fixed`: years already placed
 * (a folder's kept years), which new years must fit around.
 */
export function placeYears(rows: readonly RowToPlace[], structures: readonly StructureCodes[], fixed: ReadonlyMap<number, string> = new Map()): Placement {
  const rank = new Map(structures.map((s, i) => [s.id, i]));

  // 1. Each (year, hint) group's structure.
  const groups = new Map<string, number[]>();
  rows.forEach((r, i) => {
    const key = `${r.year}|${r.hint}`;
    const list = groups.get(key);
    if (list) list.push(i);
    else groups.set(key, [i]);
  });
  // Share of a structure's codes that the other one has not.
  const ownShare = (s: StructureCodes, other: StructureCodes) => {
    let own = 0;
    for (const c of s.codes) if (!other.codes.has(c)) own++;
    return s.codes.size ? own / s.codes.size : 0;
  };
  const groupOf: string[] = new Array(rows.length);
  const yearVotes = new Map<number, Map<string, number>>();
  for (const idx of groups.values()) {
    const first = rows[idx[0]];
    const home = structures.find((s) => s.id === first.hint) ?? structures[0];
    const elsewhere = new Map<string, number>();
    for (const i of idx) {
      if (home.codes.has(rows[i].code)) continue;
      for (const s of structures) if (s !== home && s.codes.has(rows[i].code)) elsewhere.set(s.id, (elsewhere.get(s.id) ?? 0) + 1);
    }
    const [other, n] = [...elsewhere].sort((a, b) => b[1] - a[1] || rank.get(a[0])! - rank.get(b[0])!)[0] ?? [home.id, 0];
    const otherCodes = structures.find((s) => s.id === other)!;
    const homeOnly = idx.filter((i) => home.codes.has(rows[i].code) && !otherCodes.codes.has(rows[i].code)).length;
    const share = ownShare(otherCodes, home);
    const structure = n > homeOnly && share > 0 && n / idx.length / share >= 0.5 ? other : home.id;
    for (const i of idx) groupOf[i] = structure;
    const votes = yearVotes.get(first.year) ?? new Map<string, number>();
    votes.set(structure, (votes.get(structure) ?? 0) + idx.length);
    yearVotes.set(first.year, votes);
  }

  // 2. One structure per year: the one with more of its rows (ties: the newer).
  const chosen = new Map<number, string>();
  const rowCount = new Map<number, number>();
  for (const [year, votes] of yearVotes) {
    const best = [...votes].sort((a, b) => b[1] - a[1] || rank.get(a[0])! - rank.get(b[0])!)[0];
    chosen.set(year, best[0]);
    rowCount.set(year, best[1]);
  }

  // 4. Keep the heaviest set of years whose structures run from older to newer
  //    (a weighted longest non-increasing run of ranks; fixed years weigh the most).
  const all = [...new Set([...fixed.keys(), ...chosen.keys()])].sort((a, b) => a - b);
  const structureOf = (y: number) => fixed.get(y) ?? chosen.get(y)!;
  const weight = (y: number) => (fixed.has(y) ? 1e9 : rowCount.get(y)!);
  const best = all.map(() => 0);
  const prev = all.map(() => -1);
  all.forEach((y, j) => {
    best[j] = weight(y);
    for (let i = 0; i < j; i++) {
      if (rank.get(structureOf(all[i]))! >= rank.get(structureOf(y))! && best[i] + weight(y) > best[j]) {
        best[j] = best[i] + weight(y);
        prev[j] = i;
      }
    }
  });
  const keep = new Set<number>();
  for (let j = best.indexOf(Math.max(...best, 0)); j >= 0; j = prev[j]) keep.add(all[j]);

  const years = new Map<number, string>();
  for (const y of all) if (keep.has(y)) years.set(y, structureOf(y));
  const codesOf = new Map(structures.map((s) => [s.id, s.codes]));
  const placed = rows.map((r, i): { structure: string } | PlaceRejection => {
    const s = years.get(r.year);
    if (s === undefined) return { reason: 'year-structure-order', detail: `${r.year} on ${chosen.get(r.year)}` };
    // 3. Never moved: a row of a year that sits elsewhere, or whose code is not in the year's structure, is reported.
    if (groupOf[i] !== s) return { reason: 'year-in-two-structures', detail: `${r.year} sits on ${s}` };
    if (!codesOf.get(s)!.has(r.code)) return { reason: 'code-other-structure', detail: `${r.code}, ${r.year} sits on ${s}` };
    return { structure: s };
  });
  return { years, rows: placed };
}
