/**
 * MapLibre (offline style, camera, scale bar, zoom buttons) with a deck.gl
 * overlay that draws every data layer. MapLibre 6 finds its worker through
 * `import.meta.url`, which is empty on file://, so the worker source is bundled
 * as text and started from a Blob URL.
 *
 * Each map draws copies of the layers it is given (src/map/layer-owner.ts): a
 * deck.gl layer instance belongs to the one Deck that initialised it, and the
 * comparison's two maps, or a map made again after an error, must never be
 * handed another Deck's instances. The map is always north-up (no rotation,
 * no pitch), as a map of the country for a state body is, so a north arrow
 * never lies.
 */
import { MapboxOverlay } from '@deck.gl/mapbox';
import type { Layer } from '@deck.gl/core';
import { Map as MlMap } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { LabelView } from '../../map/label-fit.ts';
import { placementZoom } from '../../map/labels.ts';
import { LayerOwner } from '../../map/layer-owner.ts';
import { maplibreLocale } from '../../map/maplibre-locale.ts';
import { offlineStyle } from '../../map/style.ts';
import { t, type Lang } from '../../model/i18n.ts';
import type { HoverStore } from './hover.ts';
import { placeFirstPaint } from './firstPaintHandover.ts';
import { controlsFor, ensureWorkerUrl, listenPointer } from './mapSetup.ts';
import { useLayerHandover } from './useLayerHandover.ts';
import { probe } from '../app/startup.ts';
import { webglInfo } from '../app/webgl.ts';

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
  /** The map's layers with labels placed for its camera and size now, at this label size (an export's); fresh instances. */
  layersAt: (zoom: number, labelSize: number) => Layer[];
  /** While an export borrows the map, the page does not hand it layers; `restoreLayers` hands them back. */
  borrowed: boolean;
  restoreLayers: () => void;
  /** False once the map has been removed (a toggle of the comparison, a reload of the map). */
  alive: () => boolean;
}

/** [[west, south], [east, north]] of what the map shows. */
export type Frame = [[number, number], [number, number]];

export interface Camera {
  lng: number;
  lat: number;
  zoom: number;
}

export interface MapViewProps {
  lang: Lang;
  layers: Layer[];
  /**
   * The colours `layers` show: layers that come with new colours (a year switch, DuckDB's first
   * answer) are drawn at once, in the task that hands them over (src/map/draw-now.ts). Other
   * changes (a hover outline, a filter's fade, labels for a new zoom) wait for deck.gl's next
   * animation frame, so they never hold up the tooltip or the list committed with them.
   */
  colorsKey?: string;
  /** The same layers placed for another zoom, label size and view, for exports (see MapHandle.layersAt). */
  layersAt?: (zoom: number, labelSize: number, view?: LabelView) => Layer[];
  /** Called when the zoom crosses a label placement step (src/map/labels.ts placementZoom), and once at start. */
  onZoom?: (zoom: number) => void;
  /** What the map shows, at start and after each move and resize: the frame, and the camera with the map's size. */
  onFrame?: (frame: Frame, view: LabelView) => void;
  bounds: [[number, number], [number, number]];
  /** Opening camera (from the URL hash); otherwise the map fits `bounds`. */
  camera?: Camera;
  /** A request to show these bounds; a new `seq` triggers a camera move. */
  focus?: { bounds: [[number, number], [number, number]]; seq: number; maxZoom?: number };
  /** This map takes over from the first paint (src/poster.ts): it is moved to this map's place and camera. */
  firstPaint?: boolean;
  /** Space the side panels cover, so fitting keeps units out from under them. */
  padding?: { top: number; right: number; bottom: number; left: number };
  onMoveEnd?: (camera: Camera) => void;
  /** Hands the live map and overlay to the app once (for image export and slide camera moves). */
  onReady?: (handle: MapHandle) => void;
  ariaLabel: string;
  /** The pointer over the map (undefined when it leaves); units are found on the CPU, see src/geo/point-index.ts. */
  onPointerMove: (p: MapPointer | undefined) => void;
  onPointerClick: (p: MapPointer) => void;
  /** A failure of the map (MapLibre, deck.gl, or the graphics context lost), in words. */
  onError: (message: string) => void;
  /**
   * Called after each deck.gl frame that drew the page's layers, with the `layers` given that it
   * drew, so the app can tell which colours are on screen.
   */
  onAfterRender?: (drawn: Layer[]) => void;
  /** The hovered unit and the outline layer drawn for it: added here, so a hover re-renders only this view. */
  hover?: HoverStore;
  hoverLayer?: (code: string) => Layer | undefined;
}

export function MapView(props: MapViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const overlay = useRef<MapboxOverlay | null>(null);
  const owner = useRef<LayerOwner | null>(null);
  const handleRef = useRef<MapHandle | null>(null);
  const mapRef = useRef<MlMap | null>(null);
  const latest = useRef(props);
  useLayoutEffect(() => {
    latest.current = props;
  });
  // deck.gl would draw its first frame before its canvas has been measured (at the default
  // 300×150 pixels, stretched to the map's size): the layers wait until the canvas has its size.
  const [sized, setSized] = useState(false);
  const { push: pushLayers, handed, drawsLayers } = useLayerHandover({ overlay, owner, handle: handleRef, sized, layers: props.layers, colorsKey: props.colorsKey, hover: props.hover, hoverLayer: props.hoverLayer, failed: latest });

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
      locale: maplibreLocale(start.lang),
      // North up, always: a map of the country is read with north at the top, and the north
      // arrow of slides and exports is then always true.
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
    });
    map.touchZoomRotate.disableRotation();
    map.keyboard.disableRotation();
    controlsFor(map, start.lang);
    map.on('error', (e) => latest.current.onError(e.error?.message ?? String(e)));
    // A lost graphics context (a driver reset, a sleeping laptop, too many maps) leaves a blank
    // map with no error event: it is a failure the page must say and offer to recover from.
    // Removing a map loses its contexts on purpose (MapLibre and luma.gl call loseContext): only
    // a loss while the map is in use is a failure.
    let removed = false;
    const lost = (e: Event) => {
      if (removed) return;
      e.preventDefault();
      latest.current.onError(t(latest.current.lang, 'errorContextLost'));
    };
    map.getCanvas().addEventListener('webglcontextlost', lost);
    // Hover from raw pointer updates (see listenPointer); clicks come from MapLibre.
    listenPointer(map, (p) => latest.current.onPointerMove(p));
    map.on('click', (e) => latest.current.onPointerClick({ lng: e.lngLat.lng, lat: e.lngLat.lat, x: e.point.x, y: e.point.y }));
    const frameOf = (): Frame => {
      const b = map.getBounds();
      return [[b.getWest(), b.getSouth()], [b.getEast(), b.getNorth()]];
    };
    const viewOf = (): LabelView => {
      const c = map.getCenter();
      return { lng: c.lng, lat: c.lat, zoom: map.getZoom(), width: map.getContainer().clientWidth, height: map.getContainer().clientHeight };
    };
    map.on('moveend', () => {
      const c = map.getCenter();
      latest.current.onMoveEnd?.({ lng: c.lng, lat: c.lat, zoom: map.getZoom() });
      latest.current.onFrame?.(frameOf(), viewOf());
    });
    map.on('resize', () => latest.current.onFrame?.(frameOf(), viewOf()));
    let placedAt = placementZoom(map.getZoom());
    latest.current.onZoom?.(placedAt);
    latest.current.onFrame?.(frameOf(), viewOf());
    map.on('zoom', () => {
      const z = placementZoom(map.getZoom());
      if (z === placedAt) return;
      placedAt = z;
      latest.current.onZoom?.(z);
    });
    mapRef.current = map;
    if (start.firstPaint) placeFirstPaint(map, container.current);
    // The animation frame that checks the canvas size (below); deck.gl's onResize ends it too.
    let frame = 0;
    const ov = new MapboxOverlay({
      interleaved: false,
      layers: [],
      // Only frames that drew the page's layers count (not the empty ones before the canvas is sized).
      onAfterRender: () => {
        if (drawsLayers.current) latest.current.onAfterRender?.(handed.current);
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
    owner.current = new LayerOwner();
    ov.getCanvas()?.addEventListener('webglcontextlost', lost);
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
    const handle: MapHandle = {
      map,
      overlay: ov,
      borrowed: false,
      layersAt: (zoom, size) => latest.current.layersAt?.(zoom, size, viewOf()) ?? latest.current.layers,
      restoreLayers: () => {
        handle.borrowed = false;
        // Fresh copies: the export's layers took over the state of the ones drawn before.
        owner.current = new LayerOwner();
        pushLayers.current();
      },
      alive: () => !removed,
    };
    handleRef.current = handle;
    latest.current.onReady?.(handle);
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
      removed = true;
      cancelAnimationFrame(frame);
      mapRef.current = null;
      overlay.current = null;
      handleRef.current = null;
      probe.project = undefined;
      probe.camera = undefined;
      map.getCanvas().removeEventListener('webglcontextlost', lost);
      ov.getCanvas()?.removeEventListener('webglcontextlost', lost);
      map.remove();
    };
    // The hand-over's refs last as long as this view: the map is still made once.
  }, [pushLayers, handed, drawsLayers]);

  // MapLibre reads its controls' words when they are made: a new language makes them again.
  const lang = props.lang;
  const shownLang = useRef(lang);
  useEffect(() => {
    const map = mapRef.current;
    if (!map || shownLang.current === lang) return;
    shownLang.current = lang;
    (map as unknown as { _locale: Record<string, string> })._locale = { ...(map as unknown as { _locale: Record<string, string> })._locale, ...maplibreLocale(lang) };
    map.getCanvas().setAttribute('aria-label', t(lang, 'mapTitle'));
    controlsFor(map, lang);
  }, [lang]);

  // A request made before this map existed (a province picked, then the comparison toggled) is
  // not replayed: the new map opens on the view's camera, and its twin would not follow.
  const focusSeq = props.focus?.seq;
  const shownFocus = useRef(focusSeq);
  useEffect(() => {
    const f = latest.current.focus;
    if (!f || !mapRef.current || shownFocus.current === focusSeq) return;
    shownFocus.current = focusSeq;
    mapRef.current.fitBounds(f.bounds, { padding: latest.current.padding ?? 40, maxZoom: f.maxZoom ?? 11, duration: 800 });
  }, [focusSeq]);

  return <div ref={container} className="map" role="region" aria-label={props.ariaLabel} />;
}
