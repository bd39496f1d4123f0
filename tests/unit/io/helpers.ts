/** Fixture access and the invariant every import test checks. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { ImportFile } from '../../../src/io/import.ts';
import type { ValidationReport } from '../../../src/io/report.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures');

/** A fixture as an import file. */
export function fixture(kind: 'bad' | 'good', name: string): ImportFile {
  return { name, bytes: new Uint8Array(readFileSync(join(root, kind, name))) };
}

/** loaded + rejected = total, for every file, always. */
export function expectBalanced(report: ValidationReport): void {
  for (const f of report.files) expect(f.loaded + f.rejected, `${f.file}: ${f.loaded} + ${f.rejected} ≠ ${f.total}`).toBe(f.total);
}
