/**
 * Legend of the current map: one entry per class with the count of communes in
 * it (answered by DuckDB), "no data" when some have none, and the priority
 * overlays shown, each as its outline colour with its count of communes.
 */
import { formatNumber, t, type Lang } from '../../model/i18n.ts';
import { NO_DATA_COLOR } from '../../model/scale.ts';
import type { LegendEntry } from '../../map/colors.ts';

/** An overlay in the legend: a priority kind outlined on the map. */
export interface OverlayLegendEntry {
  id: string;
  label: string;
  color: string;
  count: number;
}

export function Legend({ lang, title, entries, noData, overlays = [] }: { lang: Lang; title: string; entries?: LegendEntry[]; noData?: number; overlays?: OverlayLegendEntry[] }) {
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
      {overlays.length > 0 && (
        <ul className="legend-overlays" aria-label={t(lang, 'overlays')} data-testid="legend-overlays">
          {overlays.map((o) => (
            <li key={o.id} data-kind={o.id}>
              <span className="line" style={{ borderColor: o.color }} />
              <span className="label">{o.label}</span>
              <span className="count">{formatNumber(lang, o.count)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
