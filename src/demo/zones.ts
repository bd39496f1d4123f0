/**
 * Illustrative industrial parks and economic zones. Positions are near real
 * industrial areas; shapes and extents are invented, and names say so.
 */

export type ZoneKind = 'industrial_park' | 'economic_zone';

export interface ZoneSeed {
  id: string;
  kind: ZoneKind;
  /** Real place the illustration stands near. */
  place: string;
  centre: [number, number];
  radiusKm: number;
}

const KCN = 'industrial_park' as const;
const KKT = 'economic_zone' as const;

export const ZONE_SEEDS: readonly ZoneSeed[] = [
  { id: 'Z01', kind: KCN, place: 'Thăng Long', centre: [105.79, 21.12], radiusKm: 2.2 },
  { id: 'Z02', kind: KCN, place: 'Yên Phong', centre: [105.96, 21.2], radiusKm: 2.5 },
  { id: 'Z03', kind: KCN, place: 'Quang Châu', centre: [106.07, 21.26], radiusKm: 2.0 },
  { id: 'Z04', kind: KCN, place: 'Bình Xuyên', centre: [105.65, 21.29], radiusKm: 2.0 },
  { id: 'Z05', kind: KCN, place: 'Sông Công', centre: [105.85, 21.47], radiusKm: 2.0 },
  { id: 'Z06', kind: KCN, place: 'Phố Nối A', centre: [106.05, 20.95], radiusKm: 2.2 },
  { id: 'Z07', kind: KCN, place: 'Đại An', centre: [106.36, 20.93], radiusKm: 1.8 },
  { id: 'Z08', kind: KCN, place: 'Đình Vũ', centre: [106.74, 20.84], radiusKm: 2.2 },
  { id: 'Z09', kind: KCN, place: 'Khánh Phú', centre: [106.0, 20.22], radiusKm: 1.8 },
  { id: 'Z10', kind: KKT, place: 'Nghi Sơn', centre: [105.75, 19.36], radiusKm: 7 },
  { id: 'Z11', kind: KKT, place: 'Đông Nam Nghệ An', centre: [105.6, 18.86], radiusKm: 6 },
  { id: 'Z12', kind: KKT, place: 'Vũng Áng', centre: [106.35, 18.06], radiusKm: 6 },
  { id: 'Z13', kind: KKT, place: 'Chân Mây – Lăng Cô', centre: [107.96, 16.3], radiusKm: 5 },
  { id: 'Z14', kind: KCN, place: 'Hòa Khánh', centre: [108.13, 16.07], radiusKm: 1.8 },
  { id: 'Z15', kind: KKT, place: 'Chu Lai', centre: [108.62, 15.47], radiusKm: 7 },
  { id: 'Z16', kind: KKT, place: 'Dung Quất', centre: [108.76, 15.35], radiusKm: 6 },
  { id: 'Z17', kind: KKT, place: 'Nhơn Hội', centre: [109.2, 13.85], radiusKm: 5 },
  { id: 'Z18', kind: KKT, place: 'Vân Phong', centre: [109.18, 12.62], radiusKm: 6 },
  { id: 'Z19', kind: KCN, place: 'VSIP Bình Dương', centre: [106.7, 10.94], radiusKm: 2.2 },
  { id: 'Z20', kind: KCN, place: 'Nhơn Trạch', centre: [106.92, 10.74], radiusKm: 3 },
  { id: 'Z21', kind: KCN, place: 'Hiệp Phước', centre: [106.77, 10.66], radiusKm: 2.2 },
  { id: 'Z22', kind: KCN, place: 'Phú Mỹ', centre: [107.05, 10.58], radiusKm: 2.5 },
  { id: 'Z23', kind: KCN, place: 'Trà Nóc', centre: [105.66, 10.16], radiusKm: 1.6 },
  { id: 'Z24', kind: KKT, place: 'Định An', centre: [106.42, 9.62], radiusKm: 5 },
];

/** Display name, prefixed so nobody mistakes the polygon for the real zone. */
export function zoneName(z: ZoneSeed): string {
  const prefix = z.kind === 'economic_zone' ? 'KKT' : 'KCN';
  return `${prefix} ${z.place} (minh hoạ)`.normalize('NFC');
}
