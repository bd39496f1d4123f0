/**
 * The archipelagos' inset on the live map: shown when the map is at national
 * or regional scale but its frame leaves out Hoàng Sa or Trường Sa
 * (src/map/sovereignty.ts needsInset), drawn as SVG from the same drawing the
 * PNG exports paint with Canvas 2D (insetDrawing), so screen and image agree.
 */
import { insetDrawing, type ArchipelagoShape, type SovereigntyLabel } from '../../map/sovereignty.ts';
import { EXPORT_WORDS, t, type Lang } from '../../model/i18n.ts';

const rgba = (c: readonly number[]) => `rgba(${c[0]}, ${c[1]}, ${c[2]}, ${(c[3] ?? 255) / 255})`;

export function Inset({ lang, shapes, labels, width = 190, height = 270 }: { lang: Lang; shapes: ArchipelagoShape[]; labels: SovereigntyLabel[]; width?: number; height?: number }) {
  const d = insetDrawing(width, height, shapes, labels);
  return (
    <figure className="inset" aria-label={t(lang, 'insetTitle')} data-testid="inset">
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img">
        <title>{t(lang, 'insetTitle')}</title>
        <rect x={0.5} y={0.5} width={width - 1} height={height - 1} className="inset-sea" />
        {d.paths.map((p, i) => (
          <path key={`p${i}`} d={p} className="inset-land" />
        ))}
        {d.marks.map((m, i) => (
          <circle key={`m${i}`} cx={m.x} cy={m.y} r={m.r} className="inset-mark" />
        ))}
        {d.labels.map((l, i) => (
          <text key={`l${i}`} x={l.x} y={l.y} fontSize={l.size} fill={rgba(l.color)} className={`inset-label ${l.role}`} textAnchor="middle" dominantBaseline={l.baseline === 'top' ? 'hanging' : 'central'}>
            {l.lines.map((line, j) => (
              <tspan key={j} x={l.x} dy={j === 0 ? (l.baseline === 'top' ? 0 : -((l.lines.length - 1) * l.size * 1.15) / 2) : l.size * 1.15}>
                {line}
              </tspan>
            ))}
          </text>
        ))}
      </svg>
    </figure>
  );
}

/** A north arrow: the map is always north-up, so it only ever points up. */
export function NorthArrow({ lang }: { lang: Lang }) {
  return (
    <div className="north-arrow" role="img" aria-label={t(lang, 'northArrow')} data-testid="north-arrow">
      <svg width="34" height="48" viewBox="0 0 34 48" aria-hidden="true">
        <text x="17" y="11" textAnchor="middle" className="north-letter">
          {EXPORT_WORDS.northLetter[lang]}
        </text>
        <path d="M17 15 L27 44 L17 37 Z" className="north-dark" />
        <path d="M17 15 L7 44 L17 37 Z" className="north-light" />
      </svg>
    </div>
  );
}
