/** DuckDB's state (booting, ready with its version, failed with why), query errors, and the count of weak communes in the year. */
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
}

export function StatusPanel({ lang, db, error, year, colors, weak }: StatusPanelProps) {
  return (
    <section className="status" aria-live="polite">
      <p data-testid="db-status" data-state={db.status}>
        {db.status === 'ready' ? `${t(lang, 'dbReady')} (${db.version})` : db.status === 'failed' ? t(lang, 'dbFailed') : t(lang, 'dbBooting')}
      </p>
      {db.status === 'failed' && <ErrorBox title={t(lang, 'dbFailed')} message={db.message} />}
      {error && <p className="error-text">{error}</p>}
      {colors && colors.source === 'duckdb' && year !== undefined && (
        <p data-testid="weak-count">
          {t(lang, 'weakCount', {
            year,
            count: formatNumber(lang, weak ?? 0),
            total: formatNumber(lang, colors.ratingByCode.size),
          })}
        </p>
      )}
    </section>
  );
}
