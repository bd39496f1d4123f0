/**
 * Year comparison: two maps side by side with the same colour classes (rating
 * levels, or the same locked breaks for numeric modes), cameras kept in step.
 * The left map shows the comparison year, the right one the year on the map.
 */
import { useEffect, useState } from 'react';
import type { Layer } from '@deck.gl/core';
import { formatNumber, t, type Lang } from '../../model/i18n.ts';
import type { HoverStore } from './hover.ts';
import type { LabelView } from '../../map/label-fit.ts';
import { MapView, type Frame, type MapHandle, type MapPointer } from './MapView.tsx';

/**
 * The right pane starts halfway across the stage: tooltips are placed in stage coordinates.
 * (The halves are `half-left`/`half-right`, not `left`/`right`: those are the side panels,
 * which slides and print hide.)
 */
function rightOffset(): number {
  const el = document.querySelector('.split-maps .half-right');
  const stage = document.querySelector('.stage');
  return el && stage ? el.getBoundingClientRect().left - stage.getBoundingClientRect().left : 0;
}

export interface ComparePane {
  year: number;
  layers: Layer[];
  layersAt: (zoom: number, labelSize: number, view?: LabelView) => Layer[];
  weak?: number;
  /** The pane's figures are area-weighted estimates (a year before, or after, the structure existed). */
  estimated?: boolean;
  /** The colours the layers show (MapView's `colorsKey`). */
  colorsKey?: string;
}

/** The two maps of a comparison: `main` is the right one (the view's year), `left` the other year. */
export interface CompareHandles {
  main: MapHandle;
  left: MapHandle;
}

export interface CompareMapProps {
  lang: Lang;
  left: ComparePane;
  right: ComparePane;
  bounds: [[number, number], [number, number]];
  camera?: { lng: number; lat: number; zoom: number };
  ariaLabel: string;
  weakLabel: string;
  onPointerMove: (p: MapPointer | undefined) => void;
  onPointerClick: (p: MapPointer) => void;
  onError: (message: string) => void;
  onAfterRender: (drawn: Layer[]) => void;
  /** Both maps, once both are made (exports draw both halves). */
  onReady: (h: CompareHandles) => void;
  onMoveEnd?: (camera: { lng: number; lat: number; zoom: number }) => void;
  onZoom?: (zoom: number) => void;
  onFrame?: (frame: Frame, view: LabelView) => void;
  /** A request to show these bounds (on the right map; the left one follows). */
  focus?: { bounds: [[number, number], [number, number]]; seq: number };
  hover: HoverStore;
  hoverLayer: (code: string) => Layer | undefined;
}

export function CompareMap(p: CompareMapProps) {
  const [left, setLeft] = useState<MapHandle>();
  const [right, setRight] = useState<MapHandle>();

  const { onReady } = p;
  useEffect(() => {
    if (left && right) onReady({ main: right, left });
  }, [left, right, onReady]);

  // Keep cameras in step: a move made by the user on one map is copied to the other.
  useEffect(() => {
    if (!left || !right) return;
    let syncing = false;
    const copy = (from: MapHandle, to: MapHandle) => () => {
      if (syncing) return;
      syncing = true;
      to.map.jumpTo({ center: from.map.getCenter(), zoom: from.map.getZoom(), bearing: from.map.getBearing(), pitch: from.map.getPitch() });
      syncing = false;
    };
    const a = copy(left, right);
    const b = copy(right, left);
    left.map.on('move', a);
    right.map.on('move', b);
    return () => {
      left.map.off('move', a);
      right.map.off('move', b);
    };
  }, [left, right]);

  const pane = (side: 'left' | 'right', pn: ComparePane) => (
    <div className={`half half-${side}`} data-testid={`compare-${side}`}>
      <MapView
        lang={p.lang}
        layers={pn.layers}
        layersAt={pn.layersAt}
        colorsKey={pn.colorsKey}
        hover={p.hover}
        hoverLayer={p.hoverLayer}
        bounds={p.bounds}
        camera={p.camera}
        ariaLabel={`${p.ariaLabel} ${pn.year}`}
        onPointerMove={(pt) => p.onPointerMove(pt && { ...pt, x: pt.x + (side === 'right' ? rightOffset() : 0) })}
        onPointerClick={p.onPointerClick}
        onError={p.onError}
        onAfterRender={side === 'right' ? p.onAfterRender : undefined}
        onMoveEnd={side === 'right' ? p.onMoveEnd : undefined}
        onZoom={side === 'right' ? p.onZoom : undefined}
        onFrame={side === 'right' ? p.onFrame : undefined}
        focus={side === 'right' ? p.focus : undefined}
        onReady={side === 'left' ? setLeft : setRight}
      />
      <div className="pane-year" data-testid={`pane-year-${side}`}>
        <strong>{pn.year}</strong>
        {pn.weak !== undefined && (
          <span>
            {' '}
            · {p.weakLabel}: {formatNumber(p.lang, pn.weak)}
          </span>
        )}
        {pn.estimated && <span className="estimate-mark"> ({t(p.lang, 'estimateShort')})</span>}
      </div>
    </div>
  );

  return (
    <div className="split-maps">
      {pane('left', p.left)}
      {pane('right', p.right)}
    </div>
  );
}
