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

/**
 * What a command line script says when it refuses its arguments (scripts/lib/cli-main.ts):
 * the Vietnamese line, then the English line, then (when `usage` is given) the usage of
 * that command in both languages' heading. Returns the message's lines.
 */
export function expectCliError(fail: () => unknown, vi: string | RegExp, en: string | RegExp, usage?: string): string[] {
  let message: string | undefined;
  try {
    fail();
  } catch (e) {
    message = (e as Error).message;
  }
  expect(message, 'the call should throw').toBeTypeOf('string');
  const lines = message!.split('\n');
  const match = (line: string, want: string | RegExp) => (typeof want === 'string' ? expect(line).toBe(want) : expect(line).toMatch(want));
  match(lines[0], vi);
  match(lines[1], en);
  if (usage !== undefined) expect(lines[2]).toMatch(new RegExp(`^cách dùng / usage: ${usage.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} `));
  return lines;
}

/** As `expectCliError`, for a promise that rejects. */
export async function expectCliRejection(fail: Promise<unknown>, vi: string | RegExp, en: string | RegExp): Promise<void> {
  await expect(fail).rejects.toThrow();
  await fail.catch((e: unknown) => expectCliError(() => { throw e; }, vi, en));
}
