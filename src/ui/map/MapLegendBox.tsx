/**
 * The map's corner: the archipelagos' inset, when a national frame leaves
 * Hoàng Sa and Trường Sa out (never in a province view), and the legend (once
 * DuckDB has answered the colours) with the overlays shown on the map, each
 * with its count of communes.
 *
 * The box goes to the corner of the stage where it covers no sovereignty label
 * or island and the least of the units (src/map/legend-corner.ts), asked again
 * after each move of the map and each resize of the stage or the box; when no
 * corner has room, it is drawn smaller, then folded to its title.
 */
import { useCallback, useLayoutEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import type { MapColors } from '../../map/colors.ts';
import { fitSovereigntyLabels, islandsOf, viewOfFrame } from '../../map/label-fit.ts';
import { estimateText, type MeasureText } from '../../map/labels.ts';
import { chooseLegendCorner, frameProjection, sovereigntyRects, unitBoxes, unitRects, type Corner } from '../../map/legend-corner.ts';
import type { Rect } from '../../map/print-layout.ts';
import { needsInset, sovereigntyLabels } from '../../map/sovereignty.ts';
import type { Lang } from '../../model/i18n.ts';
import type { LegendRow } from '../../model/legend.ts';
import { kindDef, type PriorityKindDef } from '../../model/priority.ts';
import { Inset } from './Inset.tsx';
import { Legend } from './Legend.tsx';
import type { Frame } from './MapView.tsx';
import type { StructureGeometry } from './useAtlasGeometry.ts';
import { canvasMeasure } from './useMapLayers.ts';

export interface MapLegendBoxProps {
  lang: Lang;
  geo?: StructureGeometry;
  /** What the map shows now (useLabelPlacement), which decides the inset and the corner. */
  frame?: Frame;
  /** The size of the map's labels (useLabelPlacement), of the sovereignty labels the box keeps clear of. */
  labelSize: number;
  colors?: MapColors;
  rows: LegendRow[];
  /** The overlays shown on the map; those the data has no kind for are left out. */
  overlays: string[];
  kinds: PriorityKindDef[];
  kindCounts: Map<string, number>;
}

/** What the box keeps clear of and slides past: the map's controls, a slide's title, note and bar, a comparison's year labels. */
const CONTROLS = '.maplibregl-ctrl, .north-arrow, .map-actions, .slide-title, .slide-note, .slide-foot, .pane-year';
/** The scale of the box when it has no room at full size: still read from a seat. */
const SMALL = 0.8;
const MARGIN = 12;
const GAP = 6;

interface Place {
  corner: Corner;
  dx: number;
  dy: number;
  /** 0 full size, 1 scaled down, 2 folded. */
  size: number;
  /** Folded, then unfolded by hand: it stays so until the box has room again. */
  expanded: boolean;
}

const DEFAULT_PLACE: Place = { corner: 'bottom-right', dx: MARGIN, dy: 24, size: 0, expanded: false };

const relative = (r: DOMRect, to: DOMRect): Rect => ({ x: r.left - to.left, y: r.top - to.top, w: r.width, h: r.height });

export function MapLegendBox({ lang, geo, frame, labelSize, colors, rows, overlays, kinds, kindCounts }: MapLegendBoxProps) {
  const insetLabels = useMemo(() => (geo ? sovereigntyLabels(lang, geo.archipelagos, 14) : []), [geo, lang]);
  const showInset = !!geo && !!frame && needsInset(frame, geo.archipelagos);
  const overlayLegend = useMemo(
    () => overlays.filter((id) => kinds.some((k) => k.id === id)).map((id) => ({ id, label: kindDef(kinds, id).label[lang], color: kindDef(kinds, id).color, count: kindCounts.get(id) ?? 0 })),
    [overlays, kinds, kindCounts, lang],
  );
  const hasLegend = !!colors && colors.source === 'duckdb';

  const box = useRef<HTMLDivElement>(null);
  const [place, setPlace] = useState<Place>(DEFAULT_PLACE);
  /** The box's size unfolded, kept while it is folded. */
  const full = useRef<{ w: number; h: number; legendH: number }>(undefined);
  const boxes = useMemo(() => (geo ? unitBoxes(geo.coarse?.communes ?? geo.communes) : undefined), [geo]);
  /** The map's own measure (where it places the labels), and a wider one for the room kept around them. */
  const measure = useRef<{ map: MeasureText; wide: MeasureText }>(undefined);
  const sovereign = useMemo(() => (geo ? sovereigntyLabels(lang, geo.archipelagos, labelSize) : []), [geo, lang, labelSize]);
  const latest = useRef(place);
  useLayoutEffect(() => {
    latest.current = place;
  });

  const arrange = useCallback(() => {
    const el = box.current;
    const stageEl = el?.parentElement;
    if (!el || !stageEl || !geo || !frame || !boxes) return;
    const stage = stageEl.getBoundingClientRect();
    if (stage.width === 0 || stage.height === 0) return;
    const folded = latest.current.size === 2 && !latest.current.expanded;
    const legendH = el.querySelector<HTMLElement>('.legend')?.offsetHeight ?? 0;
    if (!folded || !full.current) full.current = { w: el.offsetWidth, h: el.offsetHeight, legendH };
    const f = full.current;
    if (f.w === 0 || f.h === 0) return;
    const foldedSize = folded ? { w: el.offsetWidth, h: el.offsetHeight } : { w: f.w, h: f.h - f.legendH + 40 };
    if (!measure.current) {
      const canvas = canvasMeasure();
      measure.current = { map: canvas, wide: (s) => Math.max(estimateText(s), canvas(s)) };
    }
    // The map, or each map of a comparison: the same frame at its place in the stage.
    const keepClear: Rect[] = [];
    const data: Rect[] = [];
    for (const m of stageEl.querySelectorAll<HTMLElement>('.map')) {
      const r = relative(m.getBoundingClientRect(), stage);
      if (r.w === 0 || r.h === 0) continue;
      const project = frameProjection(frame, r.w, r.h);
      const at = (lng: number, lat: number): [number, number] => {
        const [x, y] = project(lng, lat);
        return [r.x + x, r.y + y];
      };
      // The labels where that map draws them (src/map/label-fit.ts): kept inside it, maybe moved.
      const inMap = fitSovereigntyLabels(sovereign, islandsOf(geo.archipelagos), viewOfFrame(frame, r.w, r.h), measure.current.map);
      keepClear.push(...sovereigntyRects(inMap, geo.archipelagos, at, labelSize, measure.current.wide));
      data.push(...unitRects(boxes, project, { w: r.w, h: r.h }).map((u) => ({ ...u, x: u.x + r.x, y: u.y + r.y })));
    }
    const controls = [...stageEl.querySelectorAll(CONTROLS)].map((c) => relative(c.getBoundingClientRect(), stage)).filter((c) => c.w > 0 && c.h > 0);
    const chosen = chooseLegendCorner({
      stage: { w: stage.width, h: stage.height },
      sizes: [{ w: f.w, h: f.h }, { w: f.w * SMALL, h: f.h * SMALL }, foldedSize],
      margin: MARGIN,
      gap: GAP,
      controls,
      keepClear,
      data,
      prefer: latest.current.corner,
    });
    if (!chosen) return;
    const next = { corner: chosen.corner, dx: Math.round(chosen.dx), dy: Math.round(chosen.dy), size: chosen.size };
    setPlace((cur) =>
      next.corner === cur.corner && next.dx === cur.dx && next.dy === cur.dy && next.size === cur.size ? cur : { ...next, expanded: next.size === 2 && cur.expanded },
    );
  }, [geo, frame, boxes, sovereign, labelSize]);

  // Again after each move (a new frame), and when the stage, the box or the controls change size.
  useLayoutEffect(() => {
    arrange();
    const el = box.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => arrange());
    observer.observe(el);
    if (el.parentElement) observer.observe(el.parentElement);
    for (const c of el.parentElement?.querySelectorAll(CONTROLS) ?? []) observer.observe(c);
    return () => observer.disconnect();
  }, [arrange, showInset, hasLegend, place.expanded]);

  const [v, h] = place.corner.split('-') as ['top' | 'bottom', 'left' | 'right'];
  const scaled = place.size === 1;
  const style: CSSProperties = {
    top: 'auto',
    bottom: 'auto',
    left: 'auto',
    right: 'auto',
    [v]: place.dy,
    [h]: place.dx,
    alignItems: h === 'left' ? 'flex-start' : 'flex-end',
    ...(scaled ? { transform: `scale(${SMALL})`, transformOrigin: `${v} ${h}` } : {}),
  };
  return (
    <div ref={box} className="map-legend" data-corner={place.corner} data-size={['full', 'small', 'folded'][place.size]} style={style}>
      {showInset && <Inset lang={lang} shapes={geo.archipelagos} labels={insetLabels} />}
      {hasLegend && (
        <Legend
          lang={lang}
          title={colors.title}
          rows={rows}
          overlays={overlayLegend}
          collapsed={place.size === 2 && !place.expanded}
          onExpand={() => setPlace((p) => ({ ...p, expanded: true }))}
          onCollapse={place.size === 2 && place.expanded ? () => setPlace((p) => ({ ...p, expanded: false })) : undefined}
        />
      )}
    </div>
  );
}
