/**
 * Year comparison: two maps side by side with the same colour classes (rating
 * levels, or the same locked breaks for numeric modes), cameras kept in step.
 * The left map shows the comparison year, the right one the year on the map.
 */
import { useEffect, useState } from 'react';
import type { Layer } from '@deck.gl/core';
import { formatNumber, t, type Lang } from '../../model/i18n.ts';
import type { HoverStore } from './hover.ts';
import { MapView, type MapHandle, type MapPointer } from './MapView.tsx';

/** The right pane starts halfway across the stage: tooltips are placed in stage coordinates. */
function rightOffset(): number {
  const el = document.querySelector('.split-maps .half.right');
  const stage = document.querySelector('.stage');
  return el && stage ? el.getBoundingClientRect().left - stage.getBoundingClientRect().left : 0;
}

export interface ComparePane {
  year: number;
  layers: Layer[];
  weak?: number;
  /** The pane's figures are area-weighted estimates (a year before, or after, the structure existed). */
  estimated?: boolean;
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
  onAfterRender: () => void;
  onReady: (h: MapHandle) => void;
  hover: HoverStore;
  hoverLayer: (code: string) => Layer | undefined;
}

export function CompareMap(p: CompareMapProps) {
  const [left, setLeft] = useState<MapHandle>();
  const [right, setRight] = useState<MapHandle>();

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
    <div className={`half ${side}`} data-testid={`compare-${side}`}>
      <MapView
        layers={pn.layers}
        hover={p.hover}
        hoverLayer={p.hoverLayer}
        bounds={p.bounds}
        camera={p.camera}
        ariaLabel={`${p.ariaLabel} ${pn.year}`}
        onPointerMove={(pt) => p.onPointerMove(pt && { ...pt, x: pt.x + (side === 'right' ? rightOffset() : 0) })}
        onPointerClick={p.onPointerClick}
        onError={p.onError}
        onAfterRender={side === 'right' ? p.onAfterRender : undefined}
        onReady={(h) => {
          if (side === 'left') setLeft(h);
          else {
            setRight(h);
            p.onReady(h);
          }
        }}
      />
      <div className="pane-year">
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
