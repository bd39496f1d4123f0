/**
 * The colours of the map for a view, from DuckDB answers (the colour rules
 * themselves are pure, in src/map/colors.ts). Every year's ratings of a
 * structure are asked once and kept, so a year switch of the rating map is a
 * lookup worked out in the render.
 */
import { useEffect, useMemo, useState } from 'react';
import { levelChange, numericValues, pooledValues } from '../../db/queries.ts';
import { stringColumn } from '../../db/arrow-strings.ts';
import { seriesAllYears } from '../../db/series.ts';
import { communeProvinces, provinceWeakShares } from '../../db/worklist.ts';
import type { SqlRunner } from '../../db/runner.ts';
import type { LoadedBundle } from '../../io/bundle.ts';
import { changeMapColors, colorViewOf, firstPaint, keepEqualColors, numericColumn, numericMapColors, otherYear, ratingMapColors, usesPooledBreaks, weakShareMapColors, withEstimateMark, type ColorRequest, type MapColors } from '../../map/colors.ts';
import type { BundleManifest } from '../../model/bundle.ts';
import type { ViewState } from '../../model/view-state.ts';
import { firstListShown } from '../app/startup.ts';
import { reasonOf } from '../../model/text.ts';

type RatingsByYear = Map<number, Map<string, string | null>>;

/**
 * Every year's rating of every commune of a structure, asked of DuckDB once per
 * engine handle and structure, then kept by year: switching the year of the
 * rating map is then a lookup, not a query (the p95 budget is one frame).
 * `value` is set once DuckDB has answered, so a render can use it directly.
 */
const seriesCache = new WeakMap<SqlRunner, Map<string, { promise: Promise<RatingsByYear>; value?: RatingsByYear }>>();

function ratingsByYear(db: SqlRunner, structure: string): Promise<RatingsByYear> {
  let perDb = seriesCache.get(db);
  if (!perDb) {
    perDb = new Map();
    seriesCache.set(db, perDb);
  }
  let entry = perDb.get(structure);
  if (!entry) {
    const e: { promise: Promise<RatingsByYear>; value?: RatingsByYear } = {
      promise: seriesAllYears(db, structure).then((t) => {
        const out: RatingsByYear = new Map();
        const code = stringColumn(t, 'code'), rating = stringColumn(t, 'rating');
        const year = t.getChild('year')?.toArray() as ArrayLike<number> | undefined;
        for (let i = 0; i < t.numRows; i++) {
          const y = Number(year?.[i]);
          let m = out.get(y);
          if (!m) out.set(y, (m = new Map()));
          m.set(code[i] ?? '', rating[i]);
        }
        e.value = out;
        return out;
      }),
    };
    entry = e;
    perDb.set(structure, entry);
    entry.promise.catch(() => perDb!.delete(structure));
  }
  return entry.promise;
}

/** The ratings of every year of `structure`, if DuckDB has already answered them. */
function keptRatings(db: SqlRunner, structure: string): RatingsByYear | undefined {
  return seriesCache.get(db)?.get(structure)?.value;
}

async function compute(db: SqlRunner, manifest: BundleManifest, v: ColorRequest): Promise<MapColors> {
  return withEstimateMark(manifest, v, await computeColors(db, manifest, v));
}

async function computeColors(db: SqlRunner, manifest: BundleManifest, v: ColorRequest): Promise<MapColors> {
  const ratingByCode = (await ratingsByYear(db, v.structure)).get(v.year) ?? new Map<string, string | null>();
  if (v.mode === 'rating') return ratingMapColors(manifest, v, ratingByCode);
  if (v.mode === 'change') {
    const other = otherYear(manifest.years, v);
    return changeMapColors(v, other, await levelChange(db, v.structure, v.year, other), ratingByCode);
  }
  if (v.mode === 'weakShare') {
    const provinces = await provinceWeakShares(db, { structure: v.structure, year: v.year, provinces: [], ratings: [], kinds: [], kindsMode: 'any', text: '' });
    return weakShareMapColors(v, provinces, await communeProvinces(db, v.structure), ratingByCode);
  }
  const column = numericColumn(v.mode);
  const values = await numericValues(db, manifest, v.structure, v.year, column);
  const pooled = usesPooledBreaks(v) ? await pooledValues(db, manifest, v.structure, column) : undefined;
  return numericMapColors(manifest, v, values, pooled, ratingByCode);
}

export function useMapColors(db: SqlRunner | undefined, manifest: BundleManifest | undefined, view: ViewState | undefined) {
  const [colors, setColors] = useState<MapColors | undefined>();
  const [error, setError] = useState<string | undefined>();
  // Primitive dependencies: a camera move or a filter change must not recolour.
  const structure = view?.structure, year = view?.year, mode = view?.mode, method = view?.method, classes = view?.classes;
  const breaksText = view?.customBreaks.join(';') ?? '', lock = view?.lockBreaks, compareYear = view?.compareYear, lang = view?.lang;
  useEffect(() => {
    if (!db || !manifest || structure === undefined || year === undefined || !mode || !method || classes === undefined || lock === undefined || !lang) return;
    // Worked out in the render below, with nothing to wait for.
    if (mode === 'rating' && keptRatings(db, structure)) return;
    let current = true;
    const customBreaks = breaksText ? breaksText.split(';').map(Number) : [];
    firstListShown.then(() => compute(db, manifest, { structure, year, mode, method, classes, customBreaks, lockBreaks: lock, compareYear, lang })).then(
      (c) => {
        if (!current) return;
        setColors(c);
        setError(undefined);
      },
      (e: unknown) => current && setError(reasonOf(e)),
    );
    return () => {
      current = false;
    };
  }, [db, manifest, structure, year, mode, method, classes, breaksText, lock, compareYear, lang]);

  // The rating map, once its structure's years are in memory, is worked out in this render:
  // a year switch recolours without waiting for an effect, a promise and a second render.
  const kept = db && structure !== undefined ? keptRatings(db, structure) : undefined;
  const inRender = useMemo(() => {
    if (!kept || !manifest || mode !== 'rating' || structure === undefined || year === undefined || !method || classes === undefined || lock === undefined || !lang) return undefined;
    const v: ColorRequest = { structure, year, mode, method, classes, customBreaks: breaksText ? breaksText.split(';').map(Number) : [], lockBreaks: lock, compareYear, lang };
    return withEstimateMark(manifest, v, ratingMapColors(manifest, v, kept.get(year) ?? new Map()));
  }, [kept, manifest, structure, year, mode, method, classes, breaksText, lock, compareYear, lang]);
  return { colors: inRender ?? colors, error: inRender ? undefined : error };
}

/** The colours of the page's map(s): the right (or only) map, and the left one of a side-by-side view. */
export interface ViewColors {
  /** The map's colours: DuckDB's, or until they come the first paint from the bundle. */
  colors?: MapColors;
  /** The left map's colours side by side (year `leftYear`). */
  leftColors?: MapColors;
  leftYear: number;
  error?: string;
}

/**
 * The colours of the view, side by side included: both maps then use the same
 * classes (rating levels, or breaks pooled over all years), and a change map
 * becomes two rating maps. Until DuckDB's colours come, the rating map of a
 * year on its own structure is painted straight from the bundle, and DuckDB's
 * first answer, when equal, keeps the colours already drawn (keepEqualColors),
 * so no frame is redrawn for nothing.
 */
export function useViewColors(db: SqlRunner | undefined, bundle: LoadedBundle | undefined, view: ViewState | undefined): ViewColors {
  const manifest = bundle?.manifest;
  const colorView = useMemo(() => (view ? colorViewOf(view) : view), [view]);
  const leftYear = view && manifest ? otherYear(manifest.years, view) : 0;
  const leftView = useMemo(() => (colorView && colorView.split ? { ...colorView, year: leftYear } : undefined), [colorView, leftYear]);
  const { colors: dbColors, error } = useMapColors(db, manifest, colorView);
  const early = useMemo(() => (!dbColors && bundle && colorView ? firstPaint(bundle.manifest, bundle.parts.ratings, colorView) : undefined), [dbColors, bundle, colorView]);
  const colors = useMemo(() => keepEqualColors(dbColors ?? early), [dbColors, early]);
  const { colors: leftColors } = useMapColors(db, manifest, leftView);
  return { colors, leftColors, leftYear, error };
}
