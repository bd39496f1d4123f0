/**
 * Vite plugin that builds the first paint's own script (src/poster.ts) into
 * `assets/poster.js` beside the app: a second, small classic script (IIFE),
 * built once the app's build is written, that index.html runs after the data
 * bundle and before the app (see classicHtml in ./portable-folder-plugin.ts).
 * It shares the app's sources (the same colours, projection and sovereignty
 * labels), not its bundle: the point is to draw before the app's 4 MB parse.
 */
import { resolve } from 'node:path';
import { build, type Plugin } from 'vite';

export const FIRST_PAINT_SCRIPT = 'assets/poster.js';

export function firstPaintPlugin(): Plugin {
  let root = process.cwd();
  let outDir = 'dist';
  let target: string | string[] | false = 'es2022';
  return {
    name: 'movement-atlas-first-paint',
    apply: 'build',
    configResolved(config) {
      root = config.root;
      outDir = resolve(config.root, config.build.outDir);
      target = config.build.target as string | string[] | false;
    },
    async closeBundle() {
      await build({
        configFile: false,
        root,
        publicDir: false,
        logLevel: 'warn',
        build: {
          outDir: resolve(outDir, 'assets'),
          emptyOutDir: false,
          target,
          sourcemap: false,
          reportCompressedSize: false,
          copyPublicDir: false,
          lib: { entry: resolve(root, 'src/poster.ts'), formats: ['iife'], name: 'movementAtlasFirstPaint', fileName: () => 'poster.js' },
          rolldownOptions: { transform: { define: { 'import.meta.url': 'undefined', 'import.meta.resolve': 'undefined' } } },
        },
      });
    },
  };
}
