/**
 * Legend counts: how many units fall in each class of the map, counted over
 * the units the active filter keeps (a Lào Cai slide counts Lào Cai's weak
 * communes, not the nation's), and over all units of the structure for the
 * national figure shown beside them. Units with no class (no rating that
 * year, e.g. đặc khu Hoàng Sa and Trường Sa, which have no commune police)
 * are counted as such, never dropped.
 */

export interface ClassCounts {
  /** Units per class key. */
  counts: Map<string, number>;
  /** Units with no class ("Chưa đánh giá" on a rating map). */
  none: number;
  /** Every unit counted (the sum of the above). */
  total: number;
}

/**
 * Counts the units of `universe` (every unit of the structure, so a unit
 * missing from `classOf` is counted as unclassed) that are in `within` (all
 * of them when `within` is absent), by their class in `classOf`.
 */
export function countByClass(classOf: ReadonlyMap<string, string | null | undefined>, universe: Iterable<string>, within?: ReadonlySet<string>): ClassCounts {
  const counts = new Map<string, number>();
  let none = 0;
  let total = 0;
  for (const code of universe) {
    if (within && !within.has(code)) continue;
    total++;
    const k = classOf.get(code);
    if (k == null) none++;
    else counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return { counts, none, total };
}
