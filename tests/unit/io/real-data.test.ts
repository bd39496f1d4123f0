/**
 * Real, messy boundaries from the shared data set vn-pre2025-dvhcvn (GPL-3.0
 * with unclear upstream rights: read in place, never copied into the
 * repository; found through tests/shared-data.ts: $ATLAS_SHARED_DATA or
 * ../shared/data beside the repository). Checks MultiPolygons, islands, Hoàng
 * Sa / Trường Sa and a ~12 MB input; the benchmark times that import.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tableFromIPC } from 'apache-arrow';
import { importFiles, inspectFiles } from '../../../src/io/import.ts';
import { naturalEarthNeighbours } from '../../../scripts/pack.ts';
import { sharedData } from '../../shared-data.ts';
import { expectBalanced } from './helpers.ts';

const { dir: DIR, present, why } = sharedData('vn-pre2025-dvhcvn', ['provinces_63.geojson', 'districts_excl_quang_ninh.geojson']);
if (!present) console.warn(`skipping the real-data import tests: ${why}`);

function ratingsFor(codes: string[]): Uint8Array {
  const levels = ['XS', 'K', 'TB', 'Y'];
  return new TextEncoder().encode(`code,year,rating\n${codes.map((c, i) => `${c},2024,${levels[i % 4]}`).join('\n')}\n`);
}

describe.skipIf(!present)('real pre-2025 boundaries (dvhcvn, shared data)', () => {
  it('imports the 63 provinces (MultiPolygons, islands) as units', async () => {
    const bytes = new Uint8Array(readFileSync(join(DIR, 'provinces_63.geojson')));
    const fc = JSON.parse(new TextDecoder().decode(bytes)) as { features: { properties: { level1_id: string } }[] };
    const r = await importFiles(
      [{ name: 'provinces_63.geojson', bytes }, { name: 'r.csv', bytes: ratingsFor(fc.features.map((f) => f.properties.level1_id)) }],
      { codeDigits: 2, mappings: { 'provinces_63.geojson': { code: 'level1_id', name: 'name' } }, neighbours: naturalEarthNeighbours() },
    );
    console.log(`provinces_63.geojson (${(bytes.length / 1e6).toFixed(1)} MB): ${r.report.issues.length} issues: ${[...new Set(r.report.issues.map((i) => i.reason))].join(', ')}`);
    expectBalanced(r.report);
    expect(r.report.files[0]).toMatchObject({ total: 63, loaded: 63 });
    expect(r.report.usable).toBe(true);
    const flags = tableFromIPC(r.bundle!.parts.priority).toArray().map((p) => `${p.code}:${p.kind}`);
    expect(flags).toContain('02:border'); // Hà Giang, on China
    expect(flags).toContain('56:maritime'); // Khánh Hòa
  });

  it('imports the 692 districts (~12 MB) with Hoàng Sa and Trường Sa as islands', async () => {
    const bytes = new Uint8Array(readFileSync(join(DIR, 'districts_excl_quang_ninh.geojson')));
    const fc = JSON.parse(new TextDecoder().decode(bytes)) as { features: { properties: { level2_id: string } }[] };
    const r = await importFiles(
      [{ name: 'districts.geojson', bytes }, { name: 'r.csv', bytes: ratingsFor(fc.features.map((f) => f.properties.level2_id)) }],
      { codeDigits: 3, mappings: { 'districts.geojson': { code: 'level2_id', name: 'name', province_code: 'level1_id', province_name: 'province_name' } }, neighbours: naturalEarthNeighbours() },
    );
    const reasons = new Map<string, number>();
    for (const i of r.report.issues) reasons.set(i.reason, (reasons.get(i.reason) ?? 0) + 1);
    console.log(`districts_excl_quang_ninh.geojson (${(bytes.length / 1e6).toFixed(1)} MB): issues ${JSON.stringify(Object.fromEntries(reasons))}; boundaries part ${(r.bundle!.parts.boundaries.length / 1e6).toFixed(1)} MB`);
    expectBalanced(r.report);
    expect(r.report.files[0].total).toBe(692);
    expect(r.report.files[0].loaded).toBe(692);
    const units = new Map(r.bundle!.units.toArray().map((u) => [u.code as string, u.name as string]));
    expect(units.get('498')).toMatch(/Hoàng Sa/);
    expect(units.get('576')).toMatch(/Trường Sa/);
    const islands = new Set(tableFromIPC(r.bundle!.parts.priority).toArray().filter((p) => p.kind === 'island').map((p) => p.code as string));
    expect(islands.has('498')).toBe(true);
    expect(islands.has('576')).toBe(true);
  });

  it('finds the districts file\'s level2_id, and a sheet\'s "Mã huyện", as the unit code with no mapping given', async () => {
    const bytes = new Uint8Array(readFileSync(join(DIR, 'districts_excl_quang_ninh.geojson')));
    const sheet = new TextEncoder().encode('\uFEFFMã huyện,Tên,Năm,Xếp loại\r\n001,Quận Ba Đình,2024,Khá\r\n');
    const ins = await inspectFiles([{ name: 'districts.geojson', bytes }, { name: 'xep-loai.csv', bytes: sheet }]);
    expect(ins.map((i) => [i.role, i.mapping.code, i.mapping.province_code ?? null])).toEqual([
      ['boundaries', 'level2_id', 'level1_id'],
      ['ratings', 'Mã huyện', null],
    ]);
  });
});
