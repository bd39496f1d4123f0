/**
 * Two structures in one pack: years placed by the codes of their rows (never
 * by the calendar alone), stray rows reported and never moved, the crosswalk
 * checked against both structures' communes. On the hand-made Đồng Văn pair
 * (./two-structures.ts) and on bare code sets.
 */
import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { importFiles } from '../../../src/io/import.ts';
import { placeYears, type RowToPlace } from '../../../src/io/structures.ts';
import { structureInfo } from '../../../src/io/pack.ts';
import { expectBalanced } from './helpers.ts';
import { afterBoundaries, beforeBoundaries, CROSSWALK, file, NEW_2025, OLD_YEARS, sheet } from './two-structures.ts';

// As in the 2025 reform: every new code is also an old code (the new commune took a member's), most old codes are old only.
const OLD = { id: 'pre2025', codes: new Set(['01', '02', '03', '04', '05', '06']) };
const NEW = { id: '2025', codes: new Set(['01', '04']) };
const rows = (codes: string[], year: number, flag: 'current' | 'before'): RowToPlace[] => codes.map((code) => ({ code, year, hint: flag === 'current' ? NEW.id : OLD.id }));

describe('placeYears', () => {
  it('keeps a year of new codes on the current structure, even with every code also an old one, and reports a stray old code', () => {
    // Nine old communes merged three by three, each new one keeping its first member's code.
    const old9 = { id: 'pre2025', codes: new Set(['01', '02', '03', '04', '05', '06', '07', '08', '09']) };
    const new3 = { id: '2025', codes: new Set(['01', '04', '07']) };
    const p = placeYears([...rows(['01', '04', '07'], 2026, 'current'), ...rows(['02'], 2026, 'current')], [new3, old9]);
    expect(p.years).toEqual(new Map([[2026, '2025']]));
    expect(p.rows).toEqual([{ structure: '2025' }, { structure: '2025' }, { structure: '2025' }, { reason: 'code-other-structure', detail: '02, 2026 sits on 2025' }]);
  });

  it('puts the 63 provinces of 2024 on the old structure, though 34 of their codes live on in 2025', () => {
    // The 2025 provinces keep 34 of the 63 codes: fewer than half of a 2024 file's codes are old only.
    const KEPT = ['01', '04', '08', '11', '12', '14', '15', '19', '20', '22', '24', '25', '31', '33', '37', '38', '40', '42', '44', '46', '48', '51', '52', '56', '66', '68', '75', '79', '80', '82', '86', '91', '92', '96'];
    const GONE = ['02', '06', '10', '17', '26', '27', '30', '34', '35', '36', '45', '49', '54', '58', '60', '62', '64', '67', '70', '72', '74', '77', '83', '84', '87', '89', '93', '94', '95'];
    const old63 = { id: 'pre2025', codes: new Set([...KEPT, ...GONE]) };
    const new34 = { id: '2025', codes: new Set(KEPT) };
    const p = placeYears([...rows([...KEPT, ...GONE], 2024, 'current'), ...rows(KEPT, 2025, 'current')], [new34, old63]);
    expect(p.years).toEqual(new Map([[2024, 'pre2025'], [2025, '2025']]));
    expect(p.rows.every((r) => 'structure' in r)).toBe(true);
  });

  it('puts a year keyed by old codes on the old structure, whichever flag brought it', () => {
    const p = placeYears(rows(['01', '02', '03', '04', '05', '06'], 2020, 'current'), [NEW, OLD]);
    expect(p.years).toEqual(new Map([[2020, 'pre2025']]));
    expect(p.rows.every((r) => 'structure' in r && r.structure === 'pre2025')).toBe(true);
  });

  it('puts a 2024 of new codes on the current structure: the calendar does not decide', () => {
    const p = placeYears([...rows(['01', '04'], 2024, 'current'), ...rows(['01', '04'], 2025, 'current')], [NEW, OLD]);
    expect(p.years).toEqual(new Map([[2024, '2025'], [2025, '2025']]));
  });

  it('gives a year in both structures to the one with more rows, reporting the others', () => {
    const p = placeYears([...rows(['01', '04'], 2024, 'current'), ...rows(['01', '02', '03'], 2024, 'before')], [NEW, OLD]);
    expect(p.years.get(2024)).toBe('pre2025');
    expect(p.rows.slice(0, 2)).toEqual([
      { reason: 'year-in-two-structures', detail: '2024 sits on pre2025' },
      { reason: 'year-in-two-structures', detail: '2024 sits on pre2025' },
    ]);
    expect(p.rows.slice(2)).toEqual([{ structure: 'pre2025' }, { structure: 'pre2025' }, { structure: 'pre2025' }]);
  });

  it('keeps the years of each structure in order, giving up the fewest rows', () => {
    // 2023 on the old codes after 2022 on the new ones: the lighter side goes.
    const p = placeYears([...rows(['01', '02', '03'], 2021, 'before'), ...rows(['01', '04'], 2022, 'current'), ...rows(['02', '03', '05', '06'], 2023, 'before')], [NEW, OLD]);
    expect(p.years).toEqual(new Map([[2021, 'pre2025'], [2023, 'pre2025']]));
    expect(p.rows.slice(3, 5)).toEqual([
      { reason: 'year-structure-order', detail: '2022 on 2025' },
      { reason: 'year-structure-order', detail: '2022 on 2025' },
    ]);
  });

  it('never gives up a folder year that is kept: the new year goes instead', () => {
    const fixed = new Map([[2024, 'pre2025'], [2025, '2025']]);
    // An old-code 2026 cannot come after 2025 on the new structure.
    const p = placeYears(rows(['02', '03', '05'], 2026, 'current'), [NEW, OLD], fixed);
    expect(p.years).toEqual(fixed);
    expect(p.rows[0]).toEqual({ reason: 'year-structure-order', detail: '2026 on pre2025' });
  });
});

describe('a pack of two structures', () => {
  const base = () => [afterBoundaries(), beforeBoundaries(), sheet('xep-loai-2025.csv', NEW_2025), sheet('xep-loai-cu.csv', OLD_YEARS, { before: true }), file('crosswalk.csv', CROSSWALK, { role: 'crosswalk' })];

  it('packs both structures, each year on its own, with the crosswalk', async () => {
    const r = await importFiles(base());
    expectBalanced(r.report);
    expect(r.report.usable).toBe(true);
    expect(r.report.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(r.report.files.map((f) => [f.file, f.structure ?? null, f.loaded, f.rejected])).toEqual([
      ['xa-moi.geojson', '2025', 3, 0],
      ['xa-cu.geojson', 'pre2025', 4, 0],
      ['xep-loai-2025.csv', null, 3, 0],
      ['xep-loai-cu.csv', null, 8, 0],
      ['crosswalk.csv', null, 5, 0],
    ]);
    const m = r.bundle!.manifest;
    expect(m.years).toEqual([2023, 2024, 2025]);
    expect(m.structures.map((s) => [s.id, s.fromYear, s.toYear, s.communeObject])).toEqual([
      ['2025', 2025, 2025, 'communes_2025'],
      ['pre2025', 2023, 2024, 'communes_pre2025'],
    ]);
    expect(m.structures.map((s) => s.label.en)).toEqual(['Current structure: 1 province, 3 communes', 'Former structure: 1 province, 4 communes']);
    expect(Object.keys(r.bundle!.topology.objects).sort()).toEqual(['communes_2025', 'communes_pre2025', 'neighbours', 'provinces_2025', 'provinces_pre2025', 'zones']);
    const ratings = tableFromIPC(r.bundle!.parts.ratings).toArray().map((x) => `${x.structure}:${x.code}:${x.year}`);
    expect(ratings.filter((x) => x.startsWith('2025:'))).toEqual(['2025:00691:2025', '2025:00697:2025', '2025:10001:2025']);
    expect(ratings.filter((x) => x.startsWith('pre2025:'))).toHaveLength(8);
    const units = tableFromIPC(r.bundle!.parts.units).toArray().map((u) => `${u.structure}:${u.level}:${u.code}`);
    expect(units).toEqual(['2025:province:02', '2025:commune:00691', '2025:commune:00697', '2025:commune:10001', 'pre2025:province:02', 'pre2025:commune:00691', 'pre2025:commune:00694', 'pre2025:commune:00697', 'pre2025:commune:00700']);
    expect(tableFromIPC(r.bundle!.parts.crosswalk).numRows).toBe(5);
    expect(r.report.structures).toEqual([
      { id: '2025', years: [2025], communes: 3 },
      { id: 'pre2025', years: [2023, 2024], communes: 4 },
    ]);
  });

  it('reports a 2024 on new codes next to the old 2024 instead of relabelling anything', async () => {
    const files = base();
    files[2] = sheet('xep-loai-2025.csv', [...NEW_2025, ['00691', 2024, 'K'], ['00697', 2024, 'K'], ['10001', 2024, 'K']]);
    const r = await importFiles(files);
    expectBalanced(r.report);
    expect(r.bundle!.manifest.structures.map((s) => [s.id, s.fromYear, s.toYear])).toEqual([['2025', 2025, 2025], ['pre2025', 2023, 2024]]);
    expect(r.report.issues.filter((i) => i.reason === 'year-in-two-structures').map((i) => [i.file, i.row, i.column])).toEqual([
      ['xep-loai-2025.csv', 5, 'Năm'],
      ['xep-loai-2025.csv', 6, 'Năm'],
      ['xep-loai-2025.csv', 7, 'Năm'],
    ]);
  });

  it('reports a row whose code is only in the other structure, without moving it', async () => {
    const files = base();
    files[2] = sheet('xep-loai-2025.csv', [...NEW_2025, ['00694', 2025, 'Y']]);
    const r = await importFiles(files);
    expectBalanced(r.report);
    expect(r.report.files[2]).toMatchObject({ loaded: 3, rejected: 1 });
    expect(r.report.issues.find((i) => i.reason === 'code-other-structure')).toMatchObject({ file: 'xep-loai-2025.csv', row: 5, column: 'Mã xã', detail: '00694, 2025 sits on 2025' });
    expect(tableFromIPC(r.bundle!.parts.ratings).toArray().filter((x) => x.code === '00694' && x.year === 2025)).toEqual([]);
  });

  it('validates the crosswalk against both structures: unknown codes, share sums, old communes missing, new communes without predecessor', async () => {
    const files = base();
    files[4] = file('crosswalk.csv', 'old_code,new_code,share\n00691,00691,1\n00694,00691,1\n00697,00697,1\n00700,00697,0.5\n00700,10001,0.4\n99999,00691,1\n00691,88888,1\n', { role: 'crosswalk' });
    const r = await importFiles(files);
    expectBalanced(r.report);
    expect(r.report.files[4]).toMatchObject({ loaded: 5, rejected: 2 });
    const found = r.report.issues.filter((i) => i.file === 'crosswalk.csv').map((i) => [i.reason, i.row, i.column, i.detail]);
    expect(found).toEqual([
      ['unknown-code', 7, 'old_code', '99999: not a commune of the structure before'],
      ['unknown-code', 8, 'new_code', '88888: not a commune of the current structure'],
      ['crosswalk-share-sum', 5, 'share', '00700: 0.9'],
    ]);
    const gaps = await importFiles([...base().slice(0, 4), file('crosswalk.csv', 'old_code,new_code,share\n00691,00691,1\n00694,00691,1\n', { role: 'crosswalk' })]);
    expect(gaps.report.issues.filter((i) => i.file === 'crosswalk.csv').map((i) => [i.reason, i.severity, i.detail])).toEqual([
      ['crosswalk-old-missing', 'warning', '2: 00697, 00700'],
      ['crosswalk-new-without-old', 'warning', '2: 00697, 10001'],
    ]);
  });

  it('warns when two structures come without a crosswalk', async () => {
    const r = await importFiles(base().slice(0, 4));
    expect(r.report.usable).toBe(true);
    expect(r.report.issues.some((i) => i.reason === 'crosswalk-missing' && i.severity === 'warning')).toBe(true);
  });

  it('packs old boundaries alone as the structure before, and new ones alone as the current structure', async () => {
    const old = await importFiles([beforeBoundaries(), sheet('r.csv', OLD_YEARS, { before: true })]);
    expect(old.bundle!.manifest.structures.map((s) => [s.id, s.fromYear, s.toYear])).toEqual([['pre2025', 2023, 2024]]);
    // The bug this replaces: 2024 rows on new codes used to relabel the whole dataset as pre-2025.
    const current = await importFiles([afterBoundaries(), sheet('r.csv', [...NEW_2025, ['00691', 2024, 'K'], ['10001', 2024, 'TB']])]);
    expect(current.bundle!.manifest.structures.map((s) => [s.id, s.fromYear, s.toYear])).toEqual([['2025', 2024, 2025]]);
    expect(current.bundle!.manifest.structures[0].label.vi).toBe('Dữ liệu nhập: 1 tỉnh, thành phố; 3 xã, phường');
  });

  it('says districts, not communes, when most units are quận, huyện or thị xã (a pre-2025 district file)', () => {
    const districts = structureInfo('2025', [2023, 2024], ['huyện', 'huyện', 'quận', 'thị xã', 'thành phố'], 1, 1);
    expect(districts.label).toEqual({ vi: 'Dữ liệu nhập: 1 tỉnh, thành phố; 5 quận, huyện, thị xã, thành phố', en: 'Imported data: 1 province, 5 districts' });
    const communes = structureInfo('2025', [2025], ['xã', 'phường', 'đặc khu', 'huyện'], 1, 1);
    expect(communes.label.en).toBe('Imported data: 1 province, 4 communes');
  });
});
