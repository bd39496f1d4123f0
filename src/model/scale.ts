/**
 * The rating scale is data, not code: a dataset may ship its own scale in its
 * manifest. This module holds the default four-level scale of the movement
 * and the helpers that read any scale.
 */

/** One level of a rating scale. `order` 0 is the best level. */
export interface RatingLevel {
  /** Stable id stored in the `ratings.rating` column. */
  id: string;
  label: { vi: string; en: string };
  /** Short label for tight spaces (legend ticks, table cells). */
  short: { vi: string; en: string };
  order: number;
  /** Hex colour, `#rrggbb`. */
  color: string;
  /** True for the level the directive wants no commune to be in. */
  weak: boolean;
}

export interface RatingScale {
  id: string;
  levels: RatingLevel[];
}

/**
 * Default scale: Xuất sắc, Khá, Trung bình, Yếu. Colours come from ColorBrewer's
 * RdYlBu (colour-blind safe); weak is the saturated red end so it stands out on
 * a projector.
 */
export const DEFAULT_SCALE: RatingScale = {
  id: 'movement-4',
  levels: [
    { id: 'XS', label: { vi: 'Xuất sắc', en: 'Excellent' }, short: { vi: 'XS', en: 'Exc.' }, order: 0, color: '#2c7bb6', weak: false },
    { id: 'K', label: { vi: 'Khá', en: 'Good' }, short: { vi: 'Khá', en: 'Good' }, order: 1, color: '#abd9e9', weak: false },
    { id: 'TB', label: { vi: 'Trung bình', en: 'Average' }, short: { vi: 'TB', en: 'Avg.' }, order: 2, color: '#fdae61', weak: false },
    { id: 'Y', label: { vi: 'Yếu', en: 'Weak' }, short: { vi: 'Yếu', en: 'Weak' }, order: 3, color: '#d7191c', weak: true },
  ],
};

/** Colour for units that have no rating in the chosen year. */
export const NO_DATA_COLOR = '#d9d9d9';

/** Parses `#rrggbb` into an RGB triple. Throws on anything else. */
export function hexToRgb(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  return [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)];
}

/** Levels sorted best first. */
export function sortedLevels(scale: RatingScale): RatingLevel[] {
  return [...scale.levels].sort((a, b) => a.order - b.order);
}

/** Looks up a level by id; undefined when the id is not on the scale. */
export function levelById(scale: RatingScale, id: string): RatingLevel | undefined {
  return scale.levels.find((l) => l.id === id);
}

/** Ids of the levels that count as weak. */
export function weakLevelIds(scale: RatingScale): string[] {
  return scale.levels.filter((l) => l.weak).map((l) => l.id);
}
