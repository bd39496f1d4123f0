/**
 * The history across the 2025 merger: how a commune's rating, score and weak
 * streak reach the years when it did not exist. This is the ONE place the rule
 * is written (as SQL); the rating series (./series.ts) applies it, and every
 * reader (map, worklist, streaks, detail, charts) takes it from the series.
 * data/README.md ("History across the 2025 merger") states the same rule in words;
 * tests/unit/merger-oracle.ts works it out again, apart, in plain TypeScript.
 *
 * The crosswalk cuts the land into pieces: a row (old commune, new commune,
 * share) is the piece of the old commune that went into the new one, of area
 * `share × area of the old commune`. In a year whose ratings sit on the OTHER
 * structure (years before a new commune existed, or after an old one ceased),
 * a commune is seen through the pieces of its land, each carrying the rating
 * of that year's commune it lay in. Both directions use the same pieces:
 *
 * - **rating**: the area-weighted median level, ties to the weaker level: the
 *   weakest level such that at least half of the rated area was rated at that
 *   level or weaker. So a new commune counts as weak in an earlier year when
 *   predecessors covering at least half of its (rated) area were weak, and an
 *   old commune counts as weak after the merger when at least half of its land
 *   lies in weak successors (a 50/50 split between Khá and Yếu gives Yếu: the
 *   rule never hides a weak half);
 * - **score**: the area-weighted mean of the pieces' scores (pieces without a
 *   score are left out of the mean);
 * - **estimated**: true, unless the two units are the same land (the crosswalk
 *   links them one to one: one row for the old code, one row for the new code,
 *   share 1 ± 0.01), in which case the commune was only renamed or recoded and
 *   keeps its own figures;
 * - no rated piece (a commune with no predecessor, or none rated that year):
 *   no rating, nothing estimated.
 *
 * The weak streak needs no rule of its own: it counts the consecutive years up
 * to the year in which the commune's series rating is weak, carried years
 * included (./year-table.ts). So a new commune's streak runs back through the
 * years in which predecessors covering at least half of its area were weak,
 * and a split old commune's streak runs on while successors holding at least
 * half of its land are weak. A streak that counts a carried year is marked
 * `streak_estimated`.
 *
 * Counts per year (how many communes were weak) do not use this rule: they are
 * answered in the communes of that year's own structure (./weak-by-year.ts).
 */

/** Share of a crosswalk row that counts as "whole" (the crosswalk's own tolerance). */
export const WHOLE_SHARE = 0.99;

/**
 * Relative tolerance of "at least half" of an area, so a tie made of shares
 * such as 0.3 + 0.2 against 0.5 is a tie in floating point too.
 */
export const HALF_TOLERANCE = 1e-9;

/**
 * The CTEs `links` and `pieces` over a relation `plan(structure, year,
 * data_structure, route)` (route `up`: the year's ratings sit on an older
 * structure; `down`: on a newer one). `pieces` has one row per plan row with a
 * crossing route and per piece of land of one of its communes:
 *
 *   pieces(structure, year, code, source, w, same_land)
 *
 * `code` is the commune of `structure`, `source` the commune of the year's own
 * structure that held the piece, `w` the piece's area and `same_land` whether
 * the two are the same land (one crosswalk row each way, share ~1).
 * Codes are joined with their structure (a code alone is not unique).
 */
export function piecesSql(plan: string): string {
  return `links AS (
       SELECT old_code, new_code, share,
              share >= ${WHOLE_SHARE} AND count(*) OVER (PARTITION BY old_code) = 1 AND count(*) OVER (PARTITION BY new_code) = 1 AS same_land
         FROM crosswalk),
     pieces AS (
       SELECT p.structure, p.year,
              CASE p.route WHEN 'up' THEN l.new_code ELSE l.old_code END AS code,
              CASE p.route WHEN 'up' THEN l.old_code ELSE l.new_code END AS source,
              l.share * o.area_km2 AS w, l.same_land
         FROM ${plan} p
         JOIN links l ON TRUE
         JOIN units o ON o.code = l.old_code AND o.level = 'commune'
                     AND o.structure = CASE p.route WHEN 'up' THEN p.data_structure ELSE p.structure END
        WHERE p.route IN ('up', 'down'))`;
}

/**
 * The CTEs that apply the rule to `pieces` (from `piecesSql`), ending in
 *
 *   carried(structure, code, year, rating, score, estimated)
 *
 * one row per commune and crossing year with at least one rated piece.
 */
export const CARRIED_SQL = `rated_pieces AS (
       SELECT q.structure, q.code, q.year, s.ord, CAST(r.score AS DOUBLE) AS score, q.w, q.same_land
         FROM pieces q
         JOIN ratings r ON r.code = q.source AND r.year = q.year
         JOIN scale s ON s.id = r.rating),
     by_level AS (
       SELECT structure, code, year, ord, sum(w) AS w, bool_or(same_land) AS same_land FROM rated_pieces GROUP BY structure, code, year, ord),
     cumulated AS (
       SELECT structure, code, year, ord, same_land,
              sum(w) OVER (PARTITION BY structure, code, year ORDER BY ord DESC) AS at_or_weaker,
              sum(w) OVER (PARTITION BY structure, code, year) AS rated_area
         FROM by_level),
     median AS (
       -- A piece is the same land as its commune only when it is that commune's one piece, so
       -- "not the same land" over the rated pieces is "not the same land" over all of them.
       SELECT structure, code, year, max(ord) FILTER (WHERE at_or_weaker >= rated_area * 0.5 * (1 - ${HALF_TOLERANCE})) AS ord,
              NOT bool_or(same_land) AS estimated
         FROM cumulated GROUP BY structure, code, year),
     mean_score AS (
       SELECT structure, code, year, sum(score * w) / sum(w) AS score
         FROM rated_pieces WHERE score IS NOT NULL GROUP BY structure, code, year),
     carried AS (
       SELECT m.structure, m.code, m.year, s.id AS rating, ms.score, m.estimated
         FROM median m
         JOIN scale s ON s.ord = m.ord
         LEFT JOIN mean_score ms ON ms.structure = m.structure AND ms.code = m.code AND ms.year = m.year)`;
