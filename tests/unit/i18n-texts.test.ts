/**
 * The texts kept by id in src/model/i18n.ts (the importer's report, the column
 * mapping, the packer, the list export, the ratings template, the scripts'
 * lines and errors): every id has a text in Vietnamese and in English, with the same
 * placeholders, and every reason the importer's sources write has one.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  AXIS_WORDS,
  CLI_ERRORS,
  CROSSWALK_CLI,
  EXPORT_WORDS,
  FIELD_LABELS,
  FILE_ROLE_NAMES,
  FLAG_SUMMARY_WORDS,
  IMPORT_CLI,
  PACK_CLI,
  PACK_TEXTS,
  REPORT_CLI,
  REPORT_REASONS,
  REPORT_STRUCTURE_NAMES,
  REPORT_WORDS,
  SKIPPED_ROW_KINDS,
  START_CLI,
  TEMPLATE_CHECKS,
  TEMPLATE_CLI,
  TEMPLATE_INSTRUCTIONS,
  fill,
  messageKeys,
  t,
  type Texts,
} from '../../src/model/i18n.ts';

const TABLES: Record<string, Record<string, Texts>> = {
  AXIS_WORDS,
  REPORT_REASONS,
  FILE_ROLE_NAMES,
  SKIPPED_ROW_KINDS,
  REPORT_STRUCTURE_NAMES,
  REPORT_WORDS,
  FIELD_LABELS,
  PACK_TEXTS,
  PACK_CLI,
  FLAG_SUMMARY_WORDS,
  EXPORT_WORDS,
  TEMPLATE_INSTRUCTIONS,
  TEMPLATE_CHECKS,
  START_CLI,
  IMPORT_CLI,
  CROSSWALK_CLI,
  TEMPLATE_CLI,
  CLI_ERRORS,
  REPORT_CLI,
};

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** Every .ts/.tsx file below a folder. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : []));
}

/**
 * The reason ids written in the sources: `reason: 'id'`, the third argument of
 * the validator's `reject(row, column, reason…)` / `warn(…)` and the first of
 * the CRS check's `refuse(reason…)` (a ternary's ids included).
 */
function reasonsWritten(): Map<string, string> {
  const found = new Map<string, string>();
  const arg = String.raw`(?:[^,()]|\([^()]*\))*`;
  const patterns = [/\breason: ('[a-z0-9-]+')/g, new RegExp(String.raw`\b(?:reject|warn)\(${arg},${arg},\s*(${arg})`, 'g'), new RegExp(String.raw`\brefuse\((${arg})`, 'g')];
  for (const file of sources('src')) {
    const text = readFileSync(file, 'utf8');
    for (const re of patterns) {
      for (const m of text.matchAll(re)) for (const id of m[1].matchAll(/'([a-z0-9]+(?:-[a-z0-9]+)+)'/g)) found.set(id[1], file);
    }
  }
  return found;
}

describe('counts in English', () => {
  it('say one or many: "1 commune matches", "3 communes match", "1 province, 1,234 communes"', () => {
    expect(t('en', 'matching', { count: '1' })).toBe('1 commune matches');
    expect(t('en', 'matching', { count: '1,234' })).toBe('1,234 communes match');
    expect(t('en', 'matching', { count: 0 })).toBe('0 communes match');
    expect(t('vi', 'matching', { count: '1' })).toBe('1 xã khớp bộ lọc');
    expect(fill(PACK_TEXTS.size.en, { provinces: '1', communes: '692' })).toBe('1 province, 692 communes');
    expect(fill('{n:year|years} {n} {m:x|y}', { n: 1 })).toBe('year 1 {m:x|y}');
  });
  it('leave no count word unfilled in any English text', () => {
    for (const key of messageKeys()) expect(t('en', key, { count: 2, n: 2, units: 2, rows: 2, total: 2 }), key).not.toMatch(/\{\w+:[^}]*\}/);
  });
});

describe('texts by id in both languages', () => {
  it.each(Object.keys(TABLES))('%s: every id has a Vietnamese and an English text with the same placeholders', (table) => {
    for (const [id, texts] of Object.entries(TABLES[table])) {
      expect(texts.vi.trim(), `${table}.${id}.vi`).not.toBe('');
      expect(texts.en.trim(), `${table}.${id}.en`).not.toBe('');
      expect(placeholders(texts.vi), `${table}.${id}: placeholders`).toEqual(placeholders(texts.en));
    }
  });

  it('has a text in both languages for every reason the importer writes', () => {
    const written = reasonsWritten();
    // The scan must see the importer's reasons, or this test would pass on nothing.
    expect(written.size).toBeGreaterThan(40);
    const missing = [...written].filter(([id]) => !(id in REPORT_REASONS)).map(([id, file]) => `${id} (${file})`);
    expect(missing).toEqual([]);
    for (const id of written.keys()) {
      const texts = (REPORT_REASONS as Record<string, Texts>)[id];
      expect(texts.vi.trim() !== '' && texts.en.trim() !== '', id).toBe(true);
    }
  });

  it('keeps a Vietnamese text Vietnamese: the ids whose words differ are not left untranslated', () => {
    // Ids whose text is the same in both languages on purpose (names, symbols) would be listed here; none are.
    const same = Object.entries(TABLES).flatMap(([table, texts]) => Object.entries(texts).filter(([, x]) => x.vi === x.en).map(([id]) => `${table}.${id}`));
    expect(same).toEqual([]);
  });
});
