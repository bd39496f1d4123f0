// One lint gate, zero warnings (npm run lint). The layer rule keeps the pure
// layers pure: src/model and src/geo must not reach up into db, io, map or ui,
// so they run unchanged in node (scripts, vitest) and the browser.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const upperLayers = ['db', 'io', 'map', 'ui', 'demo'].flatMap((layer) => [`**/${layer}/**`, `../${layer}/*`, `../../${layer}/*`]);

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
            { group: upperLayers, message: 'src/model and src/geo are pure layers: they must not import db, io, map, ui or demo.' },
            { group: ['react', 'react-dom', 'maplibre-gl', '@deck.gl/*', '@duckdb/*'], message: 'src/model and src/geo stay free of UI, map and database libraries.' },
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
);
