/**
 * A report drawing (src/model/drawing.ts) as SVG in the page: vector in the
 * print view and when printed to PDF. Colours and texts are attributes and
 * text content, never markup, so a name is always text.
 */
import { useId, type ReactNode } from 'react';
import type { Rgb, Scene, SceneItem } from '../../model/drawing.ts';

const rgb = (c: Rgb) => `rgb(${c[0]},${c[1]},${c[2]})`;

function pathOf(rings: readonly (readonly number[])[], close: boolean): string {
  let d = '';
  for (const r of rings) {
    if (r.length < 4) continue;
    d += `M${r[0]} ${r[1]}`;
    for (let i = 2; i + 1 < r.length; i += 2) d += `L${r[i]} ${r[i + 1]}`;
    if (close) d += 'Z';
  }
  return d;
}

function items(list: readonly SceneItem[], prefix: string): ReactNode[] {
  return list.map((it, i) => {
    const key = `${prefix}-${i}`;
    switch (it.type) {
      case 'polygon':
        return <path key={key} d={pathOf(it.rings, true)} fill={rgb(it.fill)} fillOpacity={it.opacity} />;
      case 'lines':
        return (
          <path key={key} d={pathOf(it.paths, false)} fill="none" stroke={rgb(it.stroke)} strokeWidth={it.width} strokeOpacity={it.opacity} strokeLinejoin="round" strokeDasharray={it.dash?.join(' ')} />
        );
      case 'rect':
        return <rect key={key} x={it.x} y={it.y} width={it.w} height={it.h} fill={it.fill ? rgb(it.fill) : 'none'} stroke={it.stroke ? rgb(it.stroke) : undefined} strokeWidth={it.stroke ? (it.strokeWidth ?? 0.5) : undefined} />;
      case 'text':
        return (
          <text
            key={key}
            x={it.x}
            y={it.y}
            fontSize={it.size}
            fontWeight={it.bold ? 700 : 400}
            fill={rgb(it.color)}
            textAnchor={it.anchor === 'middle' ? 'middle' : it.anchor === 'end' ? 'end' : 'start'}
            stroke={it.halo ? rgb(it.halo) : undefined}
            strokeWidth={it.halo ? it.size * 0.28 : undefined}
            paintOrder={it.halo ? 'stroke' : undefined}
          >
            {it.text}
          </text>
        );
      case 'group': {
        if (!it.clip) return <g key={key}>{items(it.items, key)}</g>;
        const id = `${prefix}-clip-${i}`;
        return (
          <g key={key}>
            <clipPath id={id}>
              <rect x={it.clip.x} y={it.clip.y} width={it.clip.w} height={it.clip.h} />
            </clipPath>
            <g clipPath={`url(#${id})`}>{items(it.items, key)}</g>
          </g>
        );
      }
    }
  });
}

export function SceneSvg({ scene, label }: { scene: Scene; label: string }) {
  // Clip ids must be unique in the page: several figures share it.
  const prefix = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  return (
    <svg className="report-drawing" viewBox={`0 0 ${scene.width} ${scene.height}`} role="img" aria-label={label} fontFamily="'Be Vietnam Pro', 'Noto Sans', sans-serif">
      {items(scene.items, `s${prefix}`)}
    </svg>
  );
}
