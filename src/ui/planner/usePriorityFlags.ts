/**
 * The priority flags of a structure's communes (land border, sea, islands,
 * ethnic-minority areas, zones), asked of DuckDB once the first list is on
 * screen, and how many communes have each kind (the filter and overlay counts).
 * The kinds themselves are data: the manifest's, and any its flags have that it
 * forgot.
 */
import { useEffect, useMemo, useState } from 'react';
import { priorityFlags, type PriorityFlag } from '../../db/queries.ts';
import type { SqlRunner } from '../../db/runner.ts';
import type { BundleManifest } from '../../model/bundle.ts';
import { kindsWithFlags, priorityKindsOf, type PriorityKindDef } from '../../model/priority.ts';
import { firstListShown } from '../app/startup.ts';
import { reasonOf } from '../../model/text.ts';

export interface PriorityFlags {
  /** The structure's flags; empty until DuckDB has answered. */
  flags: PriorityFlag[];
  /** The flags once DuckDB has answered for this structure, undefined before. */
  loaded?: PriorityFlag[];
  /** Communes per priority kind. */
  kindCounts: Map<string, number>;
  /** The data's priority kinds (none before the manifest). */
  kinds: PriorityKindDef[];
  /** Why DuckDB could not answer for this structure. */
  error?: string;
}

export function usePriorityFlags(runner: SqlRunner | undefined, manifest: BundleManifest | undefined, structure: string): PriorityFlags {
  const [flagsOf, setFlagsOf] = useState<{ structure: string; list?: PriorityFlag[]; error?: string }>();
  useEffect(() => {
    if (!runner || !structure) return;
    let current = true;
    firstListShown.then(() => (current ? priorityFlags(runner, structure) : undefined)).then(
      (list) => current && list && setFlagsOf({ structure, list }),
      (e: unknown) => {
        console.error(e);
        if (current) setFlagsOf({ structure, error: reasonOf(e) });
      },
    );
    return () => {
      current = false;
    };
  }, [runner, structure]);

  const mine = flagsOf?.structure === structure ? flagsOf : undefined;
  const loaded = mine?.list;
  const flags = useMemo(() => loaded ?? [], [loaded]);
  const kindCounts = useMemo(() => {
    const m = new Map<string, Set<string>>();
    for (const f of flags) {
      if (!m.has(f.kind)) m.set(f.kind, new Set());
      m.get(f.kind)!.add(f.code);
    }
    return new Map([...m].map(([k, s]) => [k, s.size]));
  }, [flags]);
  const kinds = useMemo(() => (manifest ? kindsWithFlags(priorityKindsOf(manifest), kindCounts.keys()) : []), [manifest, kindCounts]);
  return { flags, loaded, kindCounts, kinds, ...(mine?.error ? { error: mine.error } : {}) };
}
