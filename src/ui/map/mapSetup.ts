/**
 * The pieces of a MapLibre map that MapView sets up once per map: its worker
 * (from a Blob, since MapLibre 6 finds it through `import.meta.url`, empty on
 * file://), its controls in the page's language, and hover from raw pointer
 * updates.
 */
import { Map as MlMap, NavigationControl, ScaleControl, setWorkerUrl } from 'maplibre-gl';
import workerSource from 'maplibre-gl/dist/maplibre-gl-worker.mjs?packed';
import { classicWorkerSource } from '../../map/worker-source.ts';
import type { Lang } from '../../model/i18n.ts';

let workerUrl: string | undefined;
export function ensureWorkerUrl(): void {
  if (workerUrl) return;
  workerUrl = URL.createObjectURL(new Blob([classicWorkerSource(workerSource())], { type: 'text/javascript' })) + '#maplibre-worker.cjs';
  setWorkerUrl(workerUrl);
}

const controls = new WeakMap<MlMap, (NavigationControl | ScaleControl)[]>();
/** Zoom buttons (top right) and the scale bar (bottom left), in the page's language; made again on a change of language. */
export function controlsFor(map: MlMap, lang: Lang): void {
  for (const c of controls.get(map) ?? []) map.removeControl(c);
  const made = [new NavigationControl({ showCompass: false, visualizePitch: false }), new ScaleControl({ unit: 'metric', maxWidth: 140 })];
  map.addControl(made[0], 'top-right');
  map.addControl(made[1], 'bottom-left');
  controls.set(map, made);
  map.getContainer().lang = lang;
}

/**
 * Calls `onMove` with the pointer's position over the map (longitude, latitude
 * and CSS pixels in the map) and `undefined` when it leaves. Hover and click are
 * answered from pointer events and a CPU index, not deck.gl's GPU picking, which
 * costs a render pass per mouse move. Hover reads the pointer's raw updates
 * where the browser has them: mouse moves are otherwise delivered with the next
 * animation frame, up to a frame after the hand moved. pointermove stays as the
 * fallback (and is a no-op after a raw update at the same place).
 */
export function listenPointer(map: MlMap, onMove: (p: { lng: number; lat: number; x: number; y: number } | undefined) => void): void {
  const el = map.getCanvasContainer();
  let last = '';
  const move = (e: PointerEvent) => {
    if (e.pointerType !== 'mouse' || e.buttons !== 0) return;
    const r = el.getBoundingClientRect();
    const x = e.clientX - r.left, y = e.clientY - r.top;
    const at = `${x},${y}`;
    if (at === last) return;
    last = at;
    const ll = map.unproject([x, y]);
    onMove({ lng: ll.lng, lat: ll.lat, x, y });
  };
  if ('onpointerrawupdate' in window) el.addEventListener('pointerrawupdate', move as EventListener);
  el.addEventListener('pointermove', move);
  map.on('mouseout', () => {
    last = '';
    onMove(undefined);
  });
}
