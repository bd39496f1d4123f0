/**
 * The layer rules of eslint.config.js, run on one-line files placed in each
 * layer: every forbidden direction is reported, every allowed one is not.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });

async function restricted(file: string, from: string): Promise<boolean> {
  const [result] = await eslint.lintText(`import { a } from '${from}';\nexport const b = a;\n`, { filePath: file });
  return result.messages.some((m) => m.ruleId === 'no-restricted-imports');
}

describe('layer rules', () => {
  it.each([
    ['src/model/x.ts', '../db/queries.ts'],
    ['src/geo/x.ts', '../map/colors.ts'],
    ['src/geo/x.ts', 'react'],
    ['src/db/x.ts', '../io/bundle.ts'],
    ['src/db/x.ts', '../map/colors.ts'],
    ['src/db/x.ts', '../ui/app/App.tsx'],
    ['src/db/x.ts', '../demo/rng.ts'],
    ['src/io/x.ts', '../map/colors.ts'],
    ['src/io/x.ts', '../ui/app/download.ts'],
    ['src/io/read/x.ts', '../../demo/tables.ts'],
    ['src/io/x.ts', 'react'],
    ['src/map/x.ts', '../db/queries.ts'],
    ['src/map/x.ts', '../io/bundle.ts'],
    ['src/map/x.ts', '../ui/map/hover.ts'],
  ])('%s may not import %s', async (file, from) => expect(await restricted(file, from)).toBe(true));

  it.each([
    ['src/io/x.ts', '../db/queries.ts'],
    ['src/io/read/x.ts', '../report.ts'],
    ['src/map/x.ts', '../model/bundle.ts'],
    ['src/map/x.ts', '../geo/topo.ts'],
    ['src/ui/map/x.ts', '../../map/colors.ts'],
    ['src/ui/app/x.ts', '../../db/queries.ts'],
    ['src/demo/x.ts', '../io/tables.ts'],
    ['scripts/x.ts', '../src/demo/generate.ts'],
    ['tests/unit/x.ts', '../../src/ui/app/startup.ts'],
  ])('%s may import %s', async (file, from) => expect(await restricted(file, from)).toBe(false));
});
