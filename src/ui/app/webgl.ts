/**
 * What WebGL this browser gives, asked once per page: whether WebGL2 is there
 * (deck.gl 9 needs it) and the renderer's name, which says whether frames are
 * drawn by a GPU or on the CPU (see src/map/renderer.ts).
 */
import { isSoftwareRenderer } from '../../map/renderer.ts';
import { reasonOf } from '../../model/text.ts';

export interface WebglInfo {
  webgl2: boolean;
  /** The unmasked renderer string when the browser gives it, else its masked one; '' without WebGL2. */
  renderer: string;
  software: boolean;
  error?: string;
}

let cached: WebglInfo | undefined;

export function webglInfo(): WebglInfo {
  if (cached) return cached;
  try {
    const canvas = document.createElement('canvas');
    const gl = canvas.getContext('webgl2');
    if (!gl) return (cached = { webgl2: false, renderer: '', software: false });
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
    // Give the context back at once: browsers cap the number of live WebGL contexts.
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    cached = { webgl2: true, renderer, software: isSoftwareRenderer(renderer) };
  } catch (e) {
    cached = { webgl2: false, renderer: '', software: false, error: reasonOf(e) };
  }
  return cached;
}
