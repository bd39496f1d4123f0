import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { topology } from 'topojson-server';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { computePriorityFlags, findIslands, measureOuterBoundary } from '../../../src/geo/priority.ts';
import type { ComputedFlag, NeighbourCountry } from '../../../src/geo/priority.ts';

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../fixtures/geo/${name}`, import.meta.url), 'utf8')) as FeatureCollection<Polygon | MultiPolygon, { name: string }>;

const haGiang = topology({ communes: fixture('ha-giang-border.geojson') });
const neighbours: NeighbourCountry[] = fixture('ha-giang-neighbours.geojson').features.map((f) => ({
  id: String(f.id), name: f.properties.name, geometry: f.geometry,
}));
const coast = topology({ communes: fixture('quang-ngai-coast.geojson') });

const flagsOf = (flags: ComputedFlag[], code: string) =>
  flags.filter((f) => f.code === code).map((f) => (f.detail ? `${f.kind}:${f.detail}` : f.kind)).sort();

describe('border flags on the Hà Giang fixture', () => {
  const flags = computePriorityFlags(haGiang, 'communes', neighbours);

  it('flags Lũng Cú, which runs along the China line, and along Laos within tolerance', () => {
    expect(flagsOf(flags, 'lung-cu')).toEqual(['border:Lào', 'border:Trung Quốc']);
  });

  it('does not flag Sà Phìn, which touches the China line at one point only', () => {
    expect(flagsOf(flags, 'sa-phin')).toEqual([]);
  });

  it('flags Xín Cái on a river border whose neighbour geometry is 205 m off', () => {
    expect(flagsOf(flags, 'xin-cai')).toEqual(['border:Lào']);
  });

  it('does not flag Mèo Vạc as border where the neighbour geometry is 460 m off, nor calls that edge sea', () => {
    expect(flagsOf(flags, 'meo-vac')).not.toContain('border:Lào');
    const m = measureOuterBoundary(haGiang, 'communes', neighbours).find((r) => r.code === 'meo-vac')!;
    // South edge (40 km wide × cos) and east edge are "sea" in the fixture; the 11 km west edge is neither.
    const south = 0.4 * 111_320 * Math.cos((22.8 * Math.PI) / 180);
    expect(m.sea).toBeGreaterThan(south);
    expect(m.sea).toBeLessThan(south + 0.1 * 111_320 + 50);
  });

  it('leaves the inland Đồng Văn unflagged', () => {
    expect(flagsOf(flags, 'dong-van')).toEqual([]);
  });

  it('measures about 15 km of China border for Lũng Cú', () => {
    const m = measureOuterBoundary(haGiang, 'communes', neighbours).find((r) => r.code === 'lung-cu')!;
    expect(m.border[0]).toBeGreaterThan(15_000);
    expect(m.border[0]).toBeLessThan(16_500);
  });

  it('counts Mèo Vạc as border once the tolerance is widened to 600 m', () => {
    const wide = computePriorityFlags(haGiang, 'communes', neighbours, { borderTolerance: 600 });
    expect(flagsOf(wide, 'meo-vac')).toContain('border:Lào');
  });
});

describe('coast and island flags on the Quảng Ngãi fixture', () => {
  const flags = computePriorityFlags(coast, 'communes', []);

  it('flags the coastal Bình Hải as maritime and not island', () => {
    expect(flagsOf(flags, 'binh-hai')).toEqual(['maritime']);
  });

  it('flags the đặc khu Lý Sơn, both of whose islets lie off the mainland, as island and maritime', () => {
    expect(flagsOf(flags, 'ly-son')).toEqual(['island', 'maritime']);
    expect(findIslands(coast, 'communes')).toEqual(['ly-son']);
  });

  it('leaves the inland Tịnh Ấn unflagged', () => {
    expect(flagsOf(flags, 'tinh-an')).toEqual([]);
  });

  it('is deterministic and ordered by geometry', () => {
    expect(computePriorityFlags(coast, 'communes', [])).toEqual(flags);
  });
});
