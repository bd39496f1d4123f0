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

export interface LegendRow {
  key: string;
  color: string;
  label: string;
  /** Units in this class inside the filter (all units without a filter). */
  count: number;
  /** The national figure (every unit of the structure), given only when a filter narrows the count. */
  total?: number;
}

/** The key of the legend row of units with no class. */
export const NONE_KEY = 'none';

/**
 * The legend's rows: one per class in the map's order with its count inside
 * the filter and, when a filter is on, the national total beside it; then the
 * row of units with no class ("Chưa đánh giá" on a rating map), shown when
 * there are any or when `none.always` asks for it (the rating map always lists
 * it, so the grey of unrated units, such as the archipelagos', is explained).
 */
export function legendRows(
  classes: readonly { key: string; color: string; label: string }[],
  classOf: ReadonlyMap<string, string | null | undefined>,
  universe: readonly string[],
  within: ReadonlySet<string> | undefined,
  none: { color: string; label: string; always?: boolean },
): LegendRow[] {
  const inside = countByClass(classOf, universe, within);
  const all = within ? countByClass(classOf, universe) : inside;
  const rows: LegendRow[] = classes.map((c) => ({ ...c, count: inside.counts.get(c.key) ?? 0, ...(within ? { total: all.counts.get(c.key) ?? 0 } : {}) }));
  if (none.always || all.none > 0) rows.push({ key: NONE_KEY, color: none.color, label: none.label, count: inside.none, ...(within ? { total: all.none } : {}) });
  return rows;
}
