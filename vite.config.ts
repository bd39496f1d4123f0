/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { firstPaintPlugin } from './scripts/lib/first-paint-plugin.ts';
import { packedTextPlugin } from './scripts/lib/packed-text-plugin.ts';
import { portableFolder } from './scripts/lib/portable-folder-plugin.ts';
import { reportFontsPlugin } from './scripts/lib/report-fonts-plugin.ts';

/**
 * The build must open from file:// (double-click on a shared drive) as well as
 * over http. Browsers refuse module scripts and `crossorigin` assets on the
 * `null` origin of file://, so the app is emitted as ONE classic script
 * (IIFE, no code splitting, no module preload) and the HTML is rewritten to load
 * it with `<script defer>`. Fonts and images are inlined as data: URIs.
 */
export default defineConfig({
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: ['chrome111', 'edge111', 'firefox115'],
    modulePreload: false,
    cssCodeSplit: false,
    // Everything small enough is inlined; fonts become data: URIs in the CSS.
    assetsInlineLimit: 4 * 1024 * 1024,
    chunkSizeWarningLimit: 8000,
    reportCompressedSize: false,
    sourcemap: false,
    rolldownOptions: {
      // A classic script has no module URL: maplibre-gl (module-worker helpers the
      // app never calls, it starts its worker from a Blob) and Vite's preload
      // wrapper around luma.gl's dynamic imports read import.meta.url/resolve.
      // Rolldown would replace import.meta with {} and warn once per use; saying
      // "undefined" here gives the same code without seven screens of warnings.
      transform: {
        define: { 'import.meta.url': 'undefined', 'import.meta.resolve': 'undefined' },
      },
      output: {
        format: 'iife',
        codeSplitting: false,
        entryFileNames: 'assets/app.js',
        assetFileNames: 'assets/[name][extname]',
      },
    },
  },
  plugins: [packedTextPlugin(), reportFontsPlugin(), portableFolder(), firstPaintPlugin()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 180_000,
          setupFiles: ['tests/unit/setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
