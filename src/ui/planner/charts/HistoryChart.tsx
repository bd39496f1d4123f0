/**
 * A commune's rating history: one cell per year coloured by level (best at the
 * top row), so a run of weak years stands out. Years before 2025 for a current
 * commune come from the old communes it was formed from (and an old commune's
 * years after it from its successors): those cells are area-weighted estimates,
 * drawn paler with a dashed outline and said so in their tooltip.
 */
import type { Lang } from '../../../model/i18n.ts';
import { levelById, NO_DATA_COLOR, sortedLevels, type RatingScale } from '../../../model/scale.ts';
import { historyScale, historyTicks } from './historyTicks.ts';

export interface HistoryPoint {
  year: number;
  rating: string | null;
  score: number | null;
  /** Carried across the 2025 merger: an area-weighted estimate. */
  estimated?: boolean;
}

export function HistoryChart({ lang, scale, points, width = 280, markYear, estimatedLabel }: { lang: Lang; scale: RatingScale; points: HistoryPoint[]; width?: number; markYear?: number; estimatedLabel?: string }) {
  const levels = sortedLevels(scale);
  const rowH = 12;
  const labelW = 58;
  const height = levels.length * rowH + 18;
  const years = points.map((p) => p.year);
  const x = historyScale(years, width, labelW);
  return (
    <svg className="chart history" width={width} height={height} role="img" aria-label="history">
      {levels.map((l, i) => (
        <text key={l.id} x={labelW - 4} y={i * rowH + rowH - 2} textAnchor="end" className="tick">
          {l.short[lang]}
        </text>
      ))}
      {points.map((p) => {
        const lvl = p.rating ? levelById(scale, p.rating) : undefined;
        const row = lvl ? levels.indexOf(lvl) : levels.length - 1;
        return (
          <g key={p.year} data-year={p.year} data-rating={p.rating ?? ''} data-estimated={p.estimated ? 'true' : undefined}>
            <title>{`${p.year}: ${lvl ? lvl.label[lang] : '—'}${p.score != null ? ` (${p.score.toFixed(1)})` : ''}${p.estimated && estimatedLabel ? ` — ${estimatedLabel}` : ''}`}</title>
            <rect
              x={x(p.year)}
              y={row * rowH + 1}
              width={x.bandwidth()}
              height={rowH - 2}
              fill={lvl ? lvl.color : NO_DATA_COLOR}
              fillOpacity={p.estimated ? 0.55 : 1}
              stroke={p.year === markYear ? '#000' : p.estimated ? '#555' : 'none'}
              strokeDasharray={p.estimated ? '2 1.5' : undefined}
            />
          </g>
        );
      })}
      {historyTicks(years, { width, left: labelW }).map((tk) => (
        <text key={tk.year} x={tk.x} y={height - 3} textAnchor="middle" className="tick">
          {tk.year}
        </text>
      ))}
    </svg>
  );
}
