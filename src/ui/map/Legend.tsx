/**
 * Legend of the current map: one entry per class with the count of communes in
 * it (answered by DuckDB), and "no data" when some have none.
 */
import { formatNumber, t, type Lang } from '../../model/i18n.ts';
import { NO_DATA_COLOR } from '../../model/scale.ts';
import type { LegendEntry } from '../../map/colors.ts';

export function Legend({ lang, title, entries, noData }: { lang: Lang; title: string; entries?: LegendEntry[]; noData?: number }) {
  return (
    <section className="legend" aria-label={title} data-testid="legend">
      <h2>{title}</h2>
      <ul>
        {(entries ?? []).map((e) => (
          <li key={e.key} data-level={e.key}>
            <span className="swatch" style={{ background: e.color }} />
            <span className="label">{e.label}</span>
            <span className="count">{formatNumber(lang, e.count)}</span>
          </li>
        ))}
        {!!noData && (
          <li data-level="none">
            <span className="swatch" style={{ background: NO_DATA_COLOR }} />
            <span className="label">{t(lang, 'noData')}</span>
            <span className="count">{formatNumber(lang, noData)}</span>
          </li>
        )}
      </ul>
    </section>
  );
}
