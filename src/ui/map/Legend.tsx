/**
 * Legend of the current map: one row per class with the count of communes in
 * it inside the active filter and, when a filter is on, the national figure
 * beside it; then "Chưa đánh giá" (units with no rating, drawn in grey).
 * Counts are taken over the map's units (src/model/legend.ts legendRows).
 * Under them, the priority overlays shown, each as its outline colour with its
 * count of communes. Folded to its title when no corner of the map has room
 * for it clear of the sovereignty labels (src/map/legend-corner.ts).
 */
import { formatNumber, t, type Lang } from '../../model/i18n.ts';
import type { LegendRow } from '../../model/legend.ts';

/** An overlay in the legend: a priority kind outlined on the map. */
export interface OverlayLegendEntry {
  id: string;
  label: string;
  color: string;
  count: number;
}

export interface LegendProps {
  lang: Lang;
  title: string;
  rows: LegendRow[];
  overlays?: OverlayLegendEntry[];
  /** Folded to its title and a button that shows it (no corner of the map had room for it); printed whole. */
  collapsed?: boolean;
  onExpand?: () => void;
  /** Given when the legend was unfolded by hand: a button folds it again. */
  onCollapse?: () => void;
}

export function Legend({ lang, title, rows, overlays = [], collapsed = false, onExpand, onCollapse }: LegendProps) {
  const totals = rows.some((r) => r.total !== undefined);
  return (
    <section className={`legend${totals ? ' with-totals' : ''}${collapsed ? ' collapsed' : ''}`} aria-label={title} data-testid="legend">
      <h2>{title}</h2>
      {collapsed && (
        <button type="button" className="legend-show" onClick={onExpand} title={t(lang, 'legendShowHint')} data-testid="legend-show">
          {t(lang, 'legendShow')}
        </button>
      )}
      {!collapsed && onCollapse && (
        <button type="button" className="legend-show" onClick={onCollapse} data-testid="legend-hide">
          {t(lang, 'legendHide')}
        </button>
      )}
      {totals && (
        <p className="legend-cols" aria-hidden="true">
          <span>{t(lang, 'legendInFilter')}</span>
          <span>{t(lang, 'legendNational')}</span>
        </p>
      )}
      <ul>
        {rows.map((r) => (
          <li key={r.key} data-level={r.key}>
            <span className="swatch" style={{ background: r.color }} />
            <span className="label">{r.label}</span>
            <span className="count" data-testid="legend-count">
              {formatNumber(lang, r.count)}
            </span>
            {totals && (
              <span className="total" data-testid="legend-total" title={t(lang, 'legendNational')}>
                {formatNumber(lang, r.total ?? 0)}
              </span>
            )}
          </li>
        ))}
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
