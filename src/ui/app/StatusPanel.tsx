/**
 * DuckDB's state (booting, ready with its version, failed with why), query
 * errors, and the count of weak communes on the map in the year; when the map's
 * figures are area-weighted estimates (a year before, or after, the structure
 * existed), it says so and gives that year's real count beside them.
 */
import type { WeakYear } from '../../db/weak-by-year.ts';
import type { MapColors } from '../../map/colors.ts';
import { formatNumber, t, type Lang } from '../../model/i18n.ts';
import type { DbState } from './DataProvider.tsx';
import { ErrorBox } from './ErrorBox.tsx';

export interface StatusPanelProps {
  lang: Lang;
  db: DbState;
  /** A failed colour or worklist query. */
  error?: string;
  year?: number;
  colors?: MapColors;
  /** Weak communes among `colors`' ratings. */
  weak?: number;
  /** The year's real count (in that year's own communes), shown beside an estimated map's. */
  real?: WeakYear;
}

export function StatusPanel({ lang, db, error, year, colors, weak, real }: StatusPanelProps) {
  // The total counts every unit on the map; those without a rating (đặc khu Hoàng Sa, Trường Sa) are said,
  // so it reads against the progress line's rated communes.
  let unrated = 0;
  if (colors) for (const r of colors.ratingByCode.values()) if (r == null) unrated++;
  return (
    <section className="status" aria-live="polite">
      <p data-testid="db-status" data-state={db.status}>
        {db.status === 'ready' ? `${t(lang, 'dbReady')} (${db.version})` : db.status === 'failed' ? t(lang, 'dbFailed') : t(lang, 'dbBooting')}
      </p>
      {db.status === 'failed' && <ErrorBox title={t(lang, 'dbFailed')} message={db.message} />}
      {error && <p className="error-text">{error}</p>}
      {colors && colors.source === 'duckdb' && year !== undefined && (
        <p data-testid="weak-count" data-estimated={colors.estimated ? 'true' : undefined}>
          {colors.estimated && real && real.year === year
            ? t(lang, 'weakCountEstimated', {
                year,
                count: formatNumber(lang, weak ?? 0),
                total: formatNumber(lang, colors.ratingByCode.size),
                realCount: formatNumber(lang, real.weak),
                realTotal: formatNumber(lang, real.total),
              })
            : `${t(lang, 'weakCount', {
                year,
                count: formatNumber(lang, weak ?? 0),
                total: formatNumber(lang, colors.ratingByCode.size),
              })}${colors.estimated ? ` (${t(lang, 'estimateShort')})` : unrated > 0 ? ` (${t(lang, 'unratedInTotal', { count: formatNumber(lang, unrated) })})` : ''}`}
        </p>
      )}
    </section>
  );
}
