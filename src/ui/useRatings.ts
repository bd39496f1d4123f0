/**
 * Ratings of every commune of a structure in a year, answered by DuckDB.
 * Returns a map by code plus the counts per level, or undefined while DuckDB
 * is not ready. A newer request supersedes an older one.
 */
import { useEffect, useState } from 'react';
import { communeRatings } from '../db/queries.ts';
import type { SqlRunner } from '../db/runner.ts';
import type { BundleManifest } from '../model/bundle.ts';

export interface RatingsResult {
  structure: string;
  year: number;
  byCode: Map<string, string | null>;
  scoreByCode: Map<string, number | null>;
  counts: Map<string | null, number>;
  total: number;
}

export function useRatings(db: SqlRunner | undefined, manifest: BundleManifest | undefined, structure: string, year: number) {
  const [result, setResult] = useState<RatingsResult | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    if (!db || !manifest) return;
    let current = true;
    communeRatings(db, manifest, structure, year)
      .then((t) => {
        if (!current) return;
        const code = t.getChild('code')!, rating = t.getChild('rating')!, score = t.getChild('score')!;
        const byCode = new Map<string, string | null>();
        const scoreByCode = new Map<string, number | null>();
        const counts = new Map<string | null, number>();
        for (let i = 0; i < t.numRows; i++) {
          const c = String(code.get(i));
          const r = (rating.get(i) as string | null) ?? null;
          const s = score.get(i) as number | null;
          byCode.set(c, r);
          scoreByCode.set(c, s == null ? null : Number(s));
          counts.set(r, (counts.get(r) ?? 0) + 1);
        }
        setResult({ structure, year, byCode, scoreByCode, counts, total: t.numRows });
        setError(undefined);
      })
      .catch((e: unknown) => current && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      current = false;
    };
  }, [db, manifest, structure, year]);
  return { ratings: result, error };
}
