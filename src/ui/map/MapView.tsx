/**
 * MapLibre (offline style, camera, scale bar, compass) with a deck.gl overlay
 * that draws every data layer. MapLibre 6 finds its worker through
 * `import.meta.url`, which is empty on file://, so the worker source is bundled
 * as text and started from a Blob URL.
 */
import { MapboxOverlay } from '@deck.gl/mapbox';
import type { Layer } from '@deck.gl/core';
import { Map as MlMap, NavigationControl, ScaleControl, setWorkerUrl } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerSource from 'maplibre-gl/dist/maplibre-gl-worker.mjs?packed';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { offlineStyle } from '../../map/style.ts';
import { classicWorkerSource } from '../../map/worker-source.ts';
import { HoverStore, useHoveredCode } from './hover.ts';
import { probe } from '../app/startup.ts';
import { webglInfo } from '../app/webgl.ts';

let workerUrl: string | undefined;
function ensureWorkerUrl(): void {
  if (workerUrl) return;
  workerUrl = URL.createObjectURL(new Blob([classicWorkerSource(workerSource())], { type: 'text/javascript' })) + '#maplibre-worker.cjs';
  setWorkerUrl(workerUrl);
}

/** True when the browser can give us a WebGL2 context (deck.gl 9 needs it). */
export function hasWebGL2(): boolean {
  return webglInfo().webgl2;
}

export interface MapPointer {
  lng: number;
  lat: number;
  /** Position in the map's container, in CSS pixels. */
  x: number;
  y: number;
}

export interface MapHandle {
  map: MlMap;
  overlay: MapboxOverlay;
}

export interface Camera {
  lng: number;
  lat: number;
  zoom: number;
}

export interface MapViewProps {
  layers: Layer[];
  bounds: [[number, number], [number, number]];
  /** Opening camera (from the URL hash); otherwise the map fits `bounds`. */
  camera?: Camera;
  /** A request to show these bounds; a new `seq` triggers a camera move. */
  focus?: { bounds: [[number, number], [number, number]]; seq: number; maxZoom?: number };
  /** Space the side panels cover, so fitting keeps units out from under them. */
  padding?: { top: number; right: number; bottom: number; left: number };
  onMoveEnd?: (camera: Camera) => void;
  /** Hands the live map and overlay to the app once (for image export and slide camera moves). */
  onReady?: (handle: MapHandle) => void;
  ariaLabel: string;
  /** The pointer over the map (undefined when it leaves); units are found on the CPU, see src/geo/point-index.ts. */
  onPointerMove: (p: MapPointer | undefined) => void;
  onPointerClick: (p: MapPointer) => void;
  onError: (message: string) => void;
  /** Called after each deck.gl frame, so the app can tell when colours are on screen. */
  onAfterRender?: () => void;
  /** The hovered unit and the outline layer drawn for it: added here, so a hover re-renders only this view. */
  hover?: HoverStore;
  hoverLayer?: (code: string) => Layer | undefined;
}

/** Stands in when a map is given no hover store. */
const NO_HOVER = new HoverStore();

export function MapView(props: MapViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const overlay = useRef<MapboxOverlay | null>(null);
  const mapRef = useRef<MlMap | null>(null);
  const latest = useRef(props);
  useLayoutEffect(() => {
    latest.current = props;
  });
  // deck.gl would draw its first frame before its canvas has been measured (at the default
  // 300×150 pixels, stretched to the map's size): the layers wait until the canvas has its size.
  const [sized, setSized] = useState(false);
  const drawsLayers = useRef(false);

  useEffect(() => {
    if (!container.current) return;
    ensureWorkerUrl();
    const start = latest.current;
    const map = new MlMap({
      container: container.current,
      style: offlineStyle(),
      ...(start.camera ? { center: [start.camera.lng, start.camera.lat] as [number, number], zoom: start.camera.zoom } : { bounds: start.bounds, fitBoundsOptions: { padding: start.padding ?? 24 } }),
      attributionControl: false,
      renderWorldCopies: false,
      maxZoom: 14,
      minZoom: 3,
      canvasContextAttributes: { preserveDrawingBuffer: true },
    });
    map.addControl(new NavigationControl({ showCompass: true, visualizePitch: false }), 'top-right');
    map.addControl(new ScaleControl({ unit: 'metric', maxWidth: 140 }), 'bottom-left');
    map.on('error', (e) => latest.current.onError(e.error?.message ?? String(e)));
    // Hover and click are answered from pointer events and a CPU index, not deck.gl's GPU
    // picking, which costs a render pass per mouse move. Hover reads the pointer's raw updates
    // where the browser has them: mouse moves are otherwise delivered with the next animation
    // frame, up to a frame after the hand moved. pointermove stays as the fallback (and is a
    // no-op after a raw update at the same place); clicks come from MapLibre.
    const el = map.getCanvasContainer();
    let last = '';
    const onMove = (e: PointerEvent) => {
      if (e.pointerType !== 'mouse' || e.buttons !== 0) return;
      const r = el.getBoundingClientRect();
      const x = e.clientX - r.left, y = e.clientY - r.top;
      const at = `${x},${y}`;
      if (at === last) return;
      last = at;
      const ll = map.unproject([x, y]);
      latest.current.onPointerMove({ lng: ll.lng, lat: ll.lat, x, y });
    };
    if ('onpointerrawupdate' in window) el.addEventListener('pointerrawupdate', onMove as EventListener);
    el.addEventListener('pointermove', onMove);
    map.on('mouseout', () => {
      last = '';
      latest.current.onPointerMove(undefined);
    });
    map.on('click', (e) => latest.current.onPointerClick({ lng: e.lngLat.lng, lat: e.lngLat.lat, x: e.point.x, y: e.point.y }));
    map.on('moveend', () => {
      const c = map.getCenter();
      latest.current.onMoveEnd?.({ lng: c.lng, lat: c.lat, zoom: map.getZoom() });
    });
    mapRef.current = map;
    // The animation frame that checks the canvas size (below); deck.gl's onResize ends it too.
    let frame = 0;
    const ov = new MapboxOverlay({
      interleaved: false,
      layers: [],
      // Only frames that drew the page's layers count (not the empty ones before the canvas is sized).
      onAfterRender: () => {
        if (drawsLayers.current) latest.current.onAfterRender?.();
      },
      // deck.gl's view of its canvas size: the map's size means it has been measured.
      onResize: ({ width, height }: { width: number; height: number }) => {
        const el = container.current;
        if (el && width === el.clientWidth && height === el.clientHeight) {
          cancelAnimationFrame(frame);
          setSized(true);
        }
      },
      onError: (err) => latest.current.onError(err.message),
      // No multisampling on a software rasteriser: it would multiply the CPU's work per frame.
      deviceProps: { webgl: { preserveDrawingBuffer: true, antialias: !webglInfo().software } },
    } as ConstructorParameters<typeof MapboxOverlay>[0]);
    map.addControl(ov);
    overlay.current = ov;
    // Sized when the drawing buffer matches the canvas's CSS size (luma sizes it on its first
    // resize observation); 3 s at most, so a browser that sizes it differently still draws.
    const t0 = performance.now();
    const checkSize = () => {
      const c = ov.getCanvas();
      const dpr = window.devicePixelRatio || 1;
      const fits = !!c && c.clientWidth > 0 && Math.abs(c.width - Math.round(c.clientWidth * dpr)) <= 2 && Math.abs(c.height - Math.round(c.clientHeight * dpr)) <= 2;
      if (fits || performance.now() - t0 > 3000) setSized(true);
      else frame = requestAnimationFrame(checkSize);
    };
    frame = requestAnimationFrame(checkSize);
    latest.current.onReady?.({ map, overlay: ov });
    probe.camera = () => {
      const c = map.getCenter();
      return { lng: c.lng, lat: c.lat, zoom: map.getZoom(), moving: map.isMoving() };
    };
    probe.project = (lng, lat) => {
      const p = map.project([lng, lat]);
      const r = container.current!.getBoundingClientRect();
      return [r.left + p.x, r.top + p.y];
    };
    return () => {
      cancelAnimationFrame(frame);
      mapRef.current = null;
      overlay.current = null;
      probe.project = undefined;
      probe.camera = undefined;
      map.remove();
    };
  }, []);

  const hoverCode = useHoveredCode(props.hover ?? NO_HOVER);
  const { layers, hoverLayer } = props;
  useEffect(() => {
    if (!sized || !overlay.current) return;
    const extra = hoverCode && hoverLayer ? hoverLayer(hoverCode) : undefined;
    overlay.current.setProps({ layers: extra ? [...layers, extra] : layers });
    drawsLayers.current = true;
  }, [layers, hoverCode, hoverLayer, sized]);

  const focusSeq = props.focus?.seq;
  useEffect(() => {
    const f = latest.current.focus;
    if (!f || !mapRef.current) return;
    mapRef.current.fitBounds(f.bounds, { padding: latest.current.padding ?? 40, maxZoom: f.maxZoom ?? 11, duration: 800 });
  }, [focusSeq]);

  return <div ref={container} className="map" role="region" aria-label={props.ariaLabel} />;
}
