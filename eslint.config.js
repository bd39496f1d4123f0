// One lint gate, zero warnings (npm run lint). The layer rules keep imports
// pointing one way (ui → map/db/io → geo/model; scripts/ and tests/ may import
// anything): src/model and src/geo stay pure so they run unchanged in node
// (scripts, vitest) and the browser; src/db is the only place with SQL and
// knows no files or pages; src/io reads and writes files without the page or
// the map; src/map builds layers without React, DuckDB or files.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Import patterns that reach the given folders of src/ (from src/x/ or src/x/y/). */
const layers = (...names) => names.flatMap((layer) => [`**/${layer}/**`, `../${layer}/*`, `../../${layer}/*`]);
const UI_LIBRARIES = ['react', 'react-dom', 'react-dom/*'];

/** A layer rule: files under `folders` may not import `forbidden` (src folders) or `libraries`. */
function layerRule(folders, forbidden, why, libraries = []) {
  return {
    files: folders.map((f) => `src/${f}/**`),
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: layers(...forbidden), message: why },
            ...(libraries.length ? [{ group: libraries, message: why }] : []),
          ],
        },
      ],
    },
  };
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/build/**', 'bench/**', 'tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      'no-warning-comments': ['error', { terms: ['todo', 'fixme', 'xxx'], location: 'start' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-globals': ['error', { name: 'eval', message: 'No eval: the CSP forbids it and data is untrusted.' }],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Function']", message: 'No new Function: the CSP forbids it.' },
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Names are untrusted: render text, never HTML.' },
        { selector: "AssignmentExpression[left.property.name='innerHTML']", message: 'Names are untrusted: use textContent.' },
      ],
    },
  },
  {
    files: ['src/**/*.tsx', 'src/ui/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['src/model/**', 'src/geo/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: layers('db', 'io', 'map', 'ui', 'demo'), message: 'src/model and src/geo are pure layers: they must not import db, io, map, ui or demo.' },
            { group: [...UI_LIBRARIES, 'maplibre-gl', '@deck.gl/*', '@duckdb/*'], message: 'src/model and src/geo stay free of UI, map and database libraries.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'window', message: 'Pure layers do not touch the DOM.' },
        { name: 'document', message: 'Pure layers do not touch the DOM.' },
        { name: 'Worker', message: 'Pure layers do not start workers.' },
      ],
    },
  },
  layerRule(['db'], ['io', 'map', 'ui', 'demo'], 'src/db is the DuckDB boundary: it imports only model and geo, never io, map, ui or demo.', UI_LIBRARIES),
  layerRule(['io'], ['map', 'ui', 'demo'], 'src/io reads and writes files: it may use db, geo and model, never map, ui or demo.', UI_LIBRARIES),
  layerRule(['map'], ['db', 'io', 'ui', 'demo'], 'src/map builds layers from plain values: it imports only geo and model, never db, io, ui or demo.', UI_LIBRARIES),
);
