/** Legend of the rating choropleth with the count of communes in each level (from DuckDB). */
import { formatNumber, t, type Lang } from '../model/i18n.ts';
import { NO_DATA_COLOR, sortedLevels, type RatingScale } from '../model/scale.ts';

export function Legend({ lang, scale, counts }: { lang: Lang; scale: RatingScale; counts?: Map<string | null, number> }) {
  const noData = counts?.get(null) ?? 0;
  return (
    <section className="legend" aria-label={t(lang, 'legendTitle')}>
      <h2>{t(lang, 'legendTitle')}</h2>
      <ul>
        {sortedLevels(scale).map((l) => (
          <li key={l.id} data-level={l.id}>
            <span className="swatch" style={{ background: l.color }} />
            <span className="label">{l.label[lang]}</span>
            <span className="count">{counts ? formatNumber(lang, counts.get(l.id) ?? 0) : '…'}</span>
          </li>
        ))}
        {noData > 0 && (
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
