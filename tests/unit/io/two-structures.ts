/**
 * A hand-made pair of structures in Đồng Văn (Hà Giang), small enough to check
 * by eye. Before: four communes in a 2 × 2 grid of 0.1° squares. After: the top
 * row merged into Lũng Cú (which keeps code 00691), Đồng Văn (keeps 00697)
 * grown over the west half of Sủng Là, and a new Sủng Là (new code 10001) on
 * its east half. So Sủng Là (00700) is split 50/50, two codes exist in both
 * structures and 10001 only in the new one.
 *
 *   23.3 ┌──────────┬──────────┐        ┌─────────────────────┐
 *        │ 00691    │ 00694    │        │ 00691 Lũng Cú       │
 *   23.2 ├──────────┼──────────┤        ├───────────────┬─────┤
 *        │ 00697    │ 00700    │        │ 00697 Đồng Văn│10001│
 *   23.1 └──────────┴──────────┘        └───────────────┴─────┘
 *      105.0      105.1      105.2    105.0         105.15  105.2
 */
import type { ImportFile } from '../../../src/io/import.ts';

type Box = [number, number, number, number];

function square([x0, y0, x1, y1]: Box): number[][][] {
  return [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]];
}

function geojson(units: { code: string; name: string; box: Box }[]): string {
  return JSON.stringify({
    type: 'FeatureCollection',
    features: units.map((u) => ({ type: 'Feature', properties: { ma_xa: u.code, ten_xa: u.name, ma_tinh: '02', ten_tinh: 'Tỉnh Hà Giang' }, geometry: { type: 'Polygon', coordinates: square(u.box) } })),
  });
}

export const BEFORE_UNITS = [
  { code: '00691', name: 'Xã Lũng Cú', box: [105.0, 23.2, 105.1, 23.3] as Box },
  { code: '00694', name: 'Xã Ma Lé', box: [105.1, 23.2, 105.2, 23.3] as Box },
  { code: '00697', name: 'Thị trấn Đồng Văn', box: [105.0, 23.1, 105.1, 23.2] as Box },
  { code: '00700', name: 'Xã Sủng Là', box: [105.1, 23.1, 105.2, 23.2] as Box },
];
export const AFTER_UNITS = [
  { code: '00691', name: 'Xã Lũng Cú', box: [105.0, 23.2, 105.2, 23.3] as Box },
  { code: '00697', name: 'Xã Đồng Văn', box: [105.0, 23.1, 105.15, 23.2] as Box },
  { code: '10001', name: 'Xã Sủng Là', box: [105.15, 23.1, 105.2, 23.2] as Box },
];

const enc = (s: string) => new TextEncoder().encode(s);

export function file(name: string, text: string, extra: Partial<ImportFile> = {}): ImportFile {
  return { name, bytes: enc(text), ...extra };
}

export const beforeBoundaries = (name = 'xa-cu.geojson') => file(name, geojson(BEFORE_UNITS), { role: 'boundaries', before: true });
export const afterBoundaries = (name = 'xa-moi.geojson') => file(name, geojson(AFTER_UNITS), { role: 'boundaries' });

/** A rating sheet: `[code, year, rating]` rows. */
export function sheet(name: string, rows: [string, number, string][], extra: Partial<ImportFile> = {}, header = 'Mã xã,Năm,Xếp loại'): ImportFile {
  return file(name, `${header}\n${rows.map((r) => r.join(',')).join('\n')}\n`, { role: 'ratings', ...extra });
}

export const CROSSWALK = 'old_code,new_code,share\n00691,00691,1\n00694,00691,1\n00697,00697,1\n00700,00697,0.5\n00700,10001,0.5\n';

export const OLD_YEARS: [string, number, string][] = [2023, 2024].flatMap((y) => [['00691', y, 'K'], ['00694', y, 'Y'], ['00697', y, 'XS'], ['00700', y, 'TB']] as [string, number, string][]);
export const NEW_2025: [string, number, string][] = [['00691', 2025, 'K'], ['00697', 2025, 'TB'], ['10001', 2025, 'Y']];

export function boundaryGeoJson(which: 'before' | 'after'): string {
  return geojson(which === 'before' ? BEFORE_UNITS : AFTER_UNITS);
}
