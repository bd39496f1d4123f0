/**
 * Ratings by province for the year: one horizontal stacked bar per province,
 * segments in scale order (best left), weak last so it lines up on the right.
 * d3 computes scales and stacks; React renders the SVG. Clicking a bar filters
 * to that province.
 */
import { scaleBand, scaleLinear } from 'd3';
import { formatNumber, type Lang } from '../../../model/i18n.ts';
import { sortedLevels, type RatingScale } from '../../../model/scale.ts';

export interface ProvinceBar {
  provinceCode: string;
  provinceName: string;
  counts: Record<string, number>;
}

export interface StackedBarsProps {
  lang: Lang;
  scale: RatingScale;
  bars: ProvinceBar[];
  selected: string[];
  onSelect: (provinceCode: string) => void;
  /** Share (0–1) instead of counts, so big and small provinces compare. */
  normalise?: boolean;
  width?: number;
}

export function StackedBars({ lang, scale, bars, selected, onSelect, normalise = true, width = 300 }: StackedBarsProps) {
  const levels = sortedLevels(scale);
  const rowH = 14;
  const labelW = 96;
  const height = bars.length * rowH + 18;
  const totals = bars.map((b) => levels.reduce((s, l) => s + (b.counts[l.id] ?? 0), 0));
  const max = normalise ? 1 : Math.max(1, ...totals);
  const x = scaleLinear().domain([0, max]).range([labelW, width - 4]);
  const y = scaleBand<number>().domain(bars.map((_, i) => i)).range([0, bars.length * rowH]).padding(0.15);
  return (
    <svg className="chart stacked-bars" width={width} height={height} role="img" aria-label="stacked bars">
      {bars.map((b, i) => {
        let acc = 0;
        const total = totals[i] || 1;
        const isSel = selected.includes(b.provinceCode);
        return (
          <g
            key={b.provinceCode}
            className={isSel ? 'bar selected' : 'bar'}
            data-province={b.provinceCode}
            onClick={() => onSelect(b.provinceCode)}
            role="button"
            tabIndex={0}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                onSelect(b.provinceCode);
              }
            }}
          >
            <title>{`${b.provinceName}: ${levels.map((l) => `${l.label[lang]} ${formatNumber(lang, b.counts[l.id] ?? 0)}`).join(', ')}`}</title>
            <text x={labelW - 4} y={(y(i) ?? 0) + y.bandwidth() - 2} textAnchor="end" className="bar-label">
              {b.provinceName}
            </text>
            {levels.map((l) => {
              const v = (b.counts[l.id] ?? 0) / (normalise ? total : 1);
              const x0 = x(acc);
              acc += v;
              const w = x(acc) - x0;
              return w > 0 ? <rect key={l.id} x={x0} y={y(i)} width={w} height={y.bandwidth()} fill={l.color} /> : null;
            })}
          </g>
        );
      })}
      <g className="axis" transform={`translate(0, ${bars.length * rowH + 12})`}>
        {x.ticks(normalise ? 4 : 3).map((tk) => (
          <text key={tk} x={x(tk)} textAnchor="middle">
            {normalise ? `${Math.round(tk * 100)}%` : formatNumber(lang, tk)}
          </text>
        ))}
      </g>
    </svg>
  );
}
