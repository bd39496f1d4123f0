/**
 * Lines over years (e.g. the share of weak communes, nationally and inside a
 * priority kind against the rest), with a dashed target line at 0 — the
 * directive's "no weak commune". A stretch that touches an estimated point (an
 * area-weighted estimate across the 2025 merger) is drawn dashed, and the
 * legend says what dashes mean.
 */
import { extent, line, max, scaleLinear } from 'd3';
import { formatNumber, type Lang } from '../../../model/i18n.ts';
import { yearAxisTicks } from './historyTicks.ts';

export interface Series {
  id: string;
  label: string;
  color: string;
  dashed?: boolean;
  points: LinePoint[];
}

export interface LinePoint {
  year: number;
  value: number | null;
  /** An area-weighted estimate, not a count: the line to and from it is dashed. */
  estimated?: boolean;
}

/**
 * A series' line as runs of consecutive points with values, cut where a stretch
 * changes between counted and estimated (a stretch is estimated when either end is).
 */
export function lineRuns(points: readonly LinePoint[]): { estimated: boolean; points: LinePoint[] }[] {
  const runs: { estimated: boolean; points: LinePoint[] }[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    if (a.value == null || b.value == null) continue;
    const estimated = !!a.estimated || !!b.estimated;
    const last = runs.at(-1);
    if (last && last.estimated === estimated && last.points.at(-1) === a) last.points.push(b);
    else runs.push({ estimated, points: [a, b] });
  }
  return runs;
}

export interface LineChartProps {
  lang: Lang;
  series: Series[];
  /** Format of the y axis: share (0–1 shown as %) or plain numbers. */
  asPercent?: boolean;
  width?: number;
  height?: number;
  ariaLabel: string;
  /** Marks a year (the one on the map). */
  markYear?: number;
  /** Legend entry for dashed (estimated) stretches, shown when there are any. */
  estimatedLabel?: string;
}

export function LineChart({ lang, series, asPercent = true, width = 300, height = 150, ariaLabel, markYear, estimatedLabel }: LineChartProps) {
  const m = { l: 36, r: 8, t: 8, b: 20 };
  const years = series.flatMap((s) => s.points.map((p) => p.year));
  const [y0, y1] = extent(years) as [number, number];
  const top = Math.max(asPercent ? 0.01 : 1, max(series.flatMap((s) => s.points.map((p) => p.value ?? 0))) ?? 0);
  const x = scaleLinear().domain([y0 ?? 0, y1 ?? 1]).range([m.l, width - m.r]);
  const y = scaleLinear().domain([0, top * 1.1]).nice().range([height - m.b, m.t]);
  const path = line<LinePoint>()
    .defined((p) => p.value != null)
    .x((p) => x(p.year))
    .y((p) => y(p.value ?? 0));
  const fmt = (v: number) => (asPercent ? `${formatNumber(lang, v * 100, 1)}%` : formatNumber(lang, v));
  return (
    <figure className="chart line-chart">
      <svg width={width} height={height} role="img" aria-label={ariaLabel}>
        {y.ticks(4).map((tk) => (
          <g key={tk}>
            <line x1={m.l} x2={width - m.r} y1={y(tk)} y2={y(tk)} className="grid" />
            <text x={m.l - 4} y={y(tk) + 4} textAnchor="end" className="tick">
              {fmt(tk)}
            </text>
          </g>
        ))}
        {yearAxisTicks(x.ticks(Math.min(6, (y1 ?? 0) - (y0 ?? 0) + 1)).filter(Number.isInteger), (v) => x(v), width).map((tk) => (
          <text key={tk.year} x={tk.x} y={height - 4} textAnchor="middle" className="tick">
            {tk.year}
          </text>
        ))}
        <line x1={m.l} x2={width - m.r} y1={y(0)} y2={y(0)} className="target" />
        {markYear !== undefined && <line x1={x(markYear)} x2={x(markYear)} y1={m.t} y2={height - m.b} className="mark" />}
        {series.flatMap((s) =>
          lineRuns(s.points).map((run, i) => (
            <path
              key={`${s.id}-${i}`}
              d={path(run.points) ?? ''}
              fill="none"
              stroke={s.color}
              strokeWidth={2}
              strokeDasharray={run.estimated ? '5 3' : s.dashed ? '2 2' : undefined}
              data-series={s.id}
              data-estimated={run.estimated ? 'true' : undefined}
            />
          )),
        )}
      </svg>
      <figcaption className="chart-legend">
        {series.map((s) => (
          <span key={s.id}>
            <i style={{ borderColor: s.color, borderStyle: s.dashed ? 'dotted' : 'solid' }} />
            {s.label}
          </span>
        ))}
        {estimatedLabel && series.some((s) => lineRuns(s.points).some((r) => r.estimated)) && (
          <span data-testid="chart-estimated">
            <i style={{ borderColor: '#444', borderStyle: 'dashed' }} />
            {estimatedLabel}
          </span>
        )}
      </figcaption>
    </figure>
  );
}
