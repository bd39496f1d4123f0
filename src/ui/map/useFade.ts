/**
 * Which communes the map shows at full strength for the current filter: worked
 * out in memory (src/model/filter-match.ts) as soon as the filter changes, so
 * the map fades in the same frame; DuckDB's worklist answer is the fallback
 * while what the memory version needs (the year's ratings, the priority flags)
 * is not there yet.
 */
import { useMemo } from 'react';
import type { PriorityFlag } from '../../db/queries.ts';
import { matchingCodes, type FadeUnit } from '../../model/filter-match.ts';
import { isUnfiltered, weakStreakOf, type AtlasFilter } from '../../model/filters.ts';
import { foldText } from '../../model/text.ts';
import type { StructureGeometry } from './useAtlasGeometry.ts';

export interface FadeArgs {
  filter: AtlasFilter | undefined;
  geo: StructureGeometry | undefined;
  /** The rating per code of `filter.year` on `filter.structure`, when the map has it. */
  ratingByCode: ReadonlyMap<string, string | null> | undefined;
  /** Priority flags of `filter.structure`, when loaded. */
  flags: readonly PriorityFlag[] | undefined;
  /** DuckDB's answer: the worklist's codes and the filter (JSON) they answer. */
  dbMatches: Set<string> | undefined;
  dbKey: string | undefined;
}

/** `key`: the filter (JSON) that `matches` answers. */
export function useFade({ filter, geo, ratingByCode, flags, dbMatches, dbKey }: FadeArgs): { matches?: Set<string>; key?: string } {
  const units = useMemo<FadeUnit[]>(() => {
    if (!geo) return [];
    const out: FadeUnit[] = [];
    for (const f of geo.communes) {
      const info = geo.info.get(f.properties.code);
      if (info) out.push({ code: info.code, provinceCode: info.provinceCode, folded: foldText(info.name), provinceFolded: foldText(info.provinceName) });
    }
    return out;
  }, [geo]);
  const kindsByCode = useMemo(() => {
    if (!flags) return undefined;
    const m = new Map<string, Set<string>>();
    for (const f of flags) {
      if (!m.has(f.code)) m.set(f.code, new Set());
      m.get(f.code)!.add(f.kind);
    }
    return m;
  }, [flags]);
  const key = filter ? JSON.stringify(filter) : undefined;
  // Kept apart from DuckDB's answer, so that answer arriving does not make a new
  // set (and a new frame) when the memory version already holds.
  const inMemory = useMemo(() => {
    if (!filter || !geo) return undefined;
    if (isUnfiltered(filter)) return { matches: undefined, key };
    if ((filter.ratings.length > 0 && !ratingByCode) || (filter.kinds.length > 0 && !kindsByCode)) return undefined;
    // Weak years running are DuckDB's to count (across the merger): its answer draws the fade.
    if (weakStreakOf(filter) > 0) return undefined;
    return { matches: matchingCodes(filter, { units, ratingByCode: ratingByCode ?? new Map(), kindsByCode: kindsByCode ?? new Map() }), key };
    // `key` stands for `filter` (its JSON).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, geo, units, ratingByCode, kindsByCode]);
  return inMemory ?? { matches: dbMatches, key: dbKey };
}
