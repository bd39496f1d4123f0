/**
 * Adding and replacing years in a dataset (src/io/update.ts) on the hand-made
 * Đồng Văn pair: years added, replaced and kept with their counts, kept rows
 * untouched, everything but the ratings and the manifest kept byte for byte,
 * derived parts dropped, new rows validated against the dataset's own communes.
 */
import { tableFromIPC } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { importFiles } from '../../../src/io/import.ts';
import { addYears, describeYearChanges, type DatasetParts } from '../../../src/io/update.ts';
import { expectBalanced } from './helpers.ts';
import { afterBoundaries, beforeBoundaries, CROSSWALK, file, NEW_2025, OLD_YEARS, sheet } from './two-structures.ts';

let dataset: DatasetParts;

beforeAll(async () => {
  const r = await importFiles([afterBoundaries(), beforeBoundaries(), sheet('r.csv', NEW_2025), sheet('r-cu.csv', OLD_YEARS, { before: true }), file('crosswalk.csv', CROSSWALK, { role: 'crosswalk' })]);
  // A derived part, as the pack CLI ships one: it must not survive a change of the ratings.
  const series = new Uint8Array([1, 2, 3]);
  dataset = {
    manifest: { ...r.packed!.manifest, parts: { ...r.packed!.manifest.parts, 'series.2025': { kind: 'arrow', bytes: 3, sha256: 'x', derivedFrom: 'y' } } },
    parts: { ...r.packed!.parts, 'series.2025': series },
  };
});

const rows = (d: DatasetParts) => tableFromIPC(d.parts.ratings).toArray().map((x) => x.toJSON() as { code: string; structure: string; year: number; rating: string; score: number | null });

describe('addYears', () => {
  it('adds 2026 on the current structure and keeps every other year as it was', async () => {
    const r = await addYears(dataset, [sheet('xep-loai-2026.csv', [['00691', 2026, 'XS'], ['00697', 2026, 'K'], ['10001', 2026, 'TB']])]);
    expectBalanced(r.report);
    expect(r.years).toEqual({
      added: [{ year: 2026, structure: '2025', rows: 3 }],
      replaced: [],
      kept: [
        { year: 2023, structure: 'pre2025', rows: 4 },
        { year: 2024, structure: 'pre2025', rows: 4 },
        { year: 2025, structure: '2025', rows: 3 },
      ],
      structures: ['2025', 'pre2025'],
    });
    const m = r.dataset!.manifest;
    expect(m.years).toEqual([2023, 2024, 2025, 2026]);
    expect(m.structures.map((s) => [s.id, s.fromYear, s.toYear, s.label.vi])).toEqual([
      ['2025', 2025, 2026, dataset.manifest.structures[0].label.vi],
      ['pre2025', 2023, 2024, dataset.manifest.structures[1].label.vi],
    ]);
    expect(m.dataDate).toBe('2026-12-31');
    expect(m.id).toMatch(/^import-[0-9a-f]{8}$/);
    expect(m.id).not.toBe(dataset.manifest.id);
    const before = rows(dataset);
    const after = rows(r.dataset!);
    expect(after.filter((x) => x.year !== 2026)).toEqual(before);
    expect(after.filter((x) => x.year === 2026).map((x) => [x.structure, x.code, x.rating])).toEqual([['2025', '00691', 'XS'], ['2025', '00697', 'K'], ['2025', '10001', 'TB']]);
    for (const name of ['units', 'priority', 'zones', 'crosswalk', 'boundaries']) {
      expect(r.dataset!.parts[name], name).toBe(dataset.parts[name]);
      expect(m.parts[name], name).toEqual(dataset.manifest.parts[name]);
    }
    expect(r.dataset!.parts['series.2025']).toBeUndefined();
    expect(m.parts['series.2025']).toBeUndefined();
    expect(describeYearChanges(r.years, 'vi')).toEqual([
      'Năm thêm mới: 2026 (cơ cấu hiện hành): 3 dòng',
      'Năm thay thế: không có',
      'Năm giữ nguyên: 2023 (cơ cấu cũ): 4 dòng; 2024 (cơ cấu cũ): 4 dòng; 2025 (cơ cấu hiện hành): 3 dòng',
    ]);
    expect(describeYearChanges(r.years, 'en')[0]).toBe('Years added: 2026 (current structure): 3 rows');
  });

  it('replaces a year present in the new file, warning when it shrinks, and validates against the dataset', async () => {
    const r = await addYears(dataset, [sheet('sua-2024.csv', [['00691', 2024, 'XS'], ['00694', 2024, 'XS'], ['99999', 2024, 'K'], ['10001', 2024, 'K']])]);
    expectBalanced(r.report);
    expect(r.report.files[0]).toMatchObject({ loaded: 2, rejected: 2 });
    expect(r.report.issues.filter((i) => i.severity === 'error').map((i) => [i.reason, i.row, i.detail])).toEqual([
      ['unknown-code', 4, '99999'],
      ['code-other-structure', 5, '10001, 2024 sits on pre2025'],
    ]);
    expect(r.years.replaced).toEqual([{ year: 2024, structure: 'pre2025', rows: 2, previous: 4 }]);
    expect(r.report.issues.find((i) => i.reason === 'year-shrinks')?.detail).toBe('2024: 4 → 2');
    expect(rows(r.dataset!).filter((x) => x.year === 2024).map((x) => `${x.code}:${x.rating}`)).toEqual(['00691:XS', '00694:XS']);
    expect(r.dataset!.manifest.dataDate).toBe(dataset.manifest.dataDate);
    expect(describeYearChanges(r.years, 'en')[1]).toBe('Years replaced: 2024 (former structure): 2 rows instead of 4');
  });

  it('lists a year replaced by as many rows as replaced only, not also as added', async () => {
    const r = await addYears(dataset, [sheet('sua-2025.csv', [['00691', 2025, 'XS'], ['00697', 2025, 'XS'], ['10001', 2025, 'XS']])]);
    expectBalanced(r.report);
    expect(r.years.added).toEqual([]);
    expect(r.years.replaced).toEqual([{ year: 2025, structure: '2025', rows: 3, previous: 3 }]);
    expect(r.years.kept.map((y) => y.year)).toEqual([2023, 2024]);
    expect(r.report.issues.filter((i) => i.reason === 'year-shrinks')).toEqual([]);
    expect(describeYearChanges(r.years, 'en').slice(0, 2)).toEqual(['Years added: none', 'Years replaced: 2025 (current structure): 3 rows instead of 3']);
  });

  it('adds a new indicator column, empty for the years kept', async () => {
    const r = await addYears(dataset, [sheet('2026.csv', [['00691', 2026, 'K', '81.5'], ['00697', 2026, 'K', '79']] as unknown as [string, number, string][], {}, 'Mã xã,Năm,Xếp loại,Tỷ lệ tham gia')]);
    expect(r.dataset!.manifest.indicators.map((i) => [i.column, i.label.vi])).toEqual([['ty_le_tham_gia', 'Tỷ lệ tham gia']]);
    const t = tableFromIPC(r.dataset!.parts.ratings);
    const values = t.toArray().map((x) => [x.year, x.ty_le_tham_gia]);
    expect(values.filter(([y]) => y === 2026).map(([, v]) => v)).toEqual([81.5, 79]);
    expect(values.filter(([y]) => y !== 2026).every(([, v]) => v === null)).toBe(true);
  });

  it('keeps the mark of data opened from a protected folder (exports stay "internal")', async () => {
    const r = await addYears({ ...dataset, manifest: { ...dataset.manifest, protected: true } }, [sheet('2026.csv', [['00691', 2026, 'K']])]);
    expect(r.dataset!.manifest.protected).toBe(true);
  });

  it('changes nothing when no row is usable', async () => {
    const r = await addYears(dataset, [sheet('sai.csv', [['99999', 2026, 'K'], ['00691', 2026, 'Rất tốt']])]);
    expectBalanced(r.report);
    expect(r.report.usable).toBe(false);
    expect(r.dataset).toBeUndefined();
    expect(r.years.added).toEqual([]);
  });

  it('refuses an old-code year after the new structure began, keeping the folder years', async () => {
    const r = await addYears(dataset, [sheet('2026-ma-cu.csv', [['00694', 2026, 'K'], ['00700', 2026, 'K'], ['00691', 2026, 'K']])]);
    expect(r.report.usable).toBe(false);
    expect(new Set(r.report.issues.filter((i) => i.severity === 'error').map((i) => i.reason))).toEqual(new Set(['year-structure-order']));
  });
});
