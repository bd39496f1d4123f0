/**
 * The first paint's own script (`assets/poster.js`, a small classic script
 * that index.html runs after the data bundle and before the app): the opening
 * view's map drawn on a 2D canvas from the bundle alone (src/map/first-paint.ts),
 * where the map will be, while the app's script is still being parsed and the
 * live map's shaders compiled. The app hands it the live map's own place and
 * camera as soon as the map exists (`place`), and removes it in the frame the
 * live map is first drawn coloured, or as soon as the view is no longer the
 * one painted (`remove`).
 *
 * It draws only what it can draw right, from the scenes packed with the data
 * (src/map/poster-scene.ts; a protected bundle has none): the rating map of a
 * year rated on the structure's own codes, no filter, no selection, no saved
 * camera, one map. Anything else, and any error, leaves the page to the app,
 * as before: this script never throws. It reads no Arrow, TopoJSON or gzip,
 * so it stays small, quick to compile, and quick to run.
 */
import type { StepTiming } from './model/timeline.ts';
import { FIRST_PAINT_GLOBAL, FIRST_PAINT_STEPS, fitCamera, MAP_PADDING, paintMap, paintsFirst, type FirstPaintHandle, type PaintCamera } from './map/first-paint.ts';
import { provinceLabelSize } from './map/labels.ts';
import { decodeScene, type PosterScene } from './map/poster-scene.ts';
import { sovereigntyLabels, type SovereigntyLabel } from './map/sovereignty.ts';
import { base64ToBytes, BUNDLE_GLOBAL, type BundleScriptPayload } from './model/bundle.ts';
import { hashToView, panelsOpen, urlLang, viewBoundsOf } from './model/view-state.ts';

const steps: StepTiming[] = [];
(globalThis as unknown as Record<string, unknown>)[FIRST_PAINT_STEPS] = steps;
let lap = performance.now();
/** Ends a step of the first paint's timeline (joined to the app's: src/ui/app/startup.ts). */
function step(name: string): void {
  const now = performance.now();
  steps.push({ step: name, start: lap, end: now });
  lap = now;
}

interface Made {
  scene: PosterScene;
  labels: SovereigntyLabel[];
  key: FirstPaintHandle['key'];
  panelsOpen: boolean;
}

function sceneOf(payload: BundleScriptPayload): Made | undefined {
  const { manifest } = payload;
  if (!manifest?.structures?.length || !Array.isArray(payload.poster)) return undefined;
  const { view } = hashToView(location.hash, viewBoundsOf(manifest), { lang: urlLang(location.search) });
  if (!paintsFirst(view)) return undefined;
  // The structure's scene packed with the data (src/map/poster-pack.ts), if that year was packed.
  const packed = payload.poster.find((p) => p.structure === view.structure);
  const scene = packed && decodeScene(packed, view.year, base64ToBytes);
  step('first-paint-decode');
  if (!scene) return undefined;
  const labels = sovereigntyLabels(view.lang, scene.archipelagos, provinceLabelSize(window.innerHeight));
  return { scene, labels, key: { structure: view.structure, year: view.year, lang: view.lang }, panelsOpen: panelsOpen(view, window.innerHeight) };
}

function run(): void {
  const g = globalThis as unknown as Record<string, unknown>;
  const payload = g[BUNDLE_GLOBAL] as BundleScriptPayload | undefined;
  if (!payload || typeof payload !== 'object' || !('parts' in payload)) return;
  const made = sceneOf(payload);
  if (!made) return;
  const { scene, labels, key, panelsOpen: open } = made;
  const canvas = document.createElement('canvas');
  canvas.className = 'first-paint';
  canvas.dataset.testid = 'first-paint';
  canvas.setAttribute('aria-hidden', 'true');
  let placed: { rect: DOMRect; camera: PaintCamera } | undefined;
  const draw = () => {
    if (!placed || !canvas.isConnected) return;
    const { rect, camera } = placed;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(rect.width * ratio);
    canvas.height = Math.round(rect.height * ratio);
    Object.assign(canvas.style, { left: `${rect.left}px`, top: `${rect.top}px`, width: `${rect.width}px`, height: `${rect.height}px` });
    // A canvas in main memory: with a software GPU (SwiftShader, WARP) an accelerated 2D canvas costs
    // the GPU process seconds of rasterising for these paths, on the cores the live map needs next.
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    paintMap(ctx, rect.width, rect.height, camera, scene, labels, provinceLabelSize(window.innerHeight));
  };
  const handle: FirstPaintHandle = {
    key,
    place(rect, camera) {
      placed = { rect, camera };
      if (!canvas.isConnected) document.body.append(canvas);
      draw();
    },
    remove() {
      canvas.remove();
      delete g[FIRST_PAINT_GLOBAL];
      document.documentElement.dataset.firstPaint = 'handed-over';
    },
  };
  g[FIRST_PAINT_GLOBAL] = handle;
  // Until the app has laid out its page, the map's place is the stage of the page's skeleton (index.html).
  const stage = document.getElementById('boot-stage');
  if (stage) {
    if (!open) stage.closest('.app')?.classList.add('panels-closed');
    const rect = stage.getBoundingClientRect();
    if (rect.width > 0 && rect.height > 0) handle.place(rect, fitCamera(scene.frame, rect.width, rect.height, MAP_PADDING));
  }
  if (!canvas.isConnected) return;
  step('first-paint-draw');
  // Marked in the frame that shows it (as the peer page marks its map: bench/peer/index.html), unless the app has already taken over.
  requestAnimationFrame(() => {
    step('first-paint-frame');
    if (!document.documentElement.dataset.firstPaint) document.documentElement.dataset.firstPaint = 'drawn';
  });
  // The labels' font is bundled in the style sheet; once it is ready, draw again with it.
  document.fonts?.load('700 16px "Be Vietnam Pro"', 'Trường Sa').then(draw, () => undefined);
}

try {
  run();
} catch {
  // A first paint is a courtesy: any failure leaves the page to the app.
}
