/**
 * What a national map of Vietnam must show (Law on Surveying and Mapping 2018
 * Art. 18; QCVN 80:2024/BTNMT as amended by Circular 24/2025/TT-BNNMT): the
 * archipelagos labelled with their governing unit and the sea named Biển Đông,
 * on a frame of 102–118°E, 4°30′–23°30′N. Label positions are fixed points
 * near the archipelagos, not taken from the data, so they are there whatever
 * boundaries a folder was packed with.
 */
import type { Lang } from '../model/i18n.ts';

/** The national frame of QCVN 80: [[west, south], [east, north]]. */
export const NATIONAL_EXTENT: [[number, number], [number, number]] = [
  [102, 4.5],
  [118, 23.5],
];

export interface SovereigntyLabel {
  kind: 'archipelago' | 'sea';
  text: string;
  /** Longitude, latitude of the label's baseline centre. */
  position: [number, number];
}

/** The labels of Hoàng Sa, Trường Sa and Biển Đông, in the map's language. */
export function sovereigntyLabels(lang: Lang): SovereigntyLabel[] {
  return lang === 'vi'
    ? [
        { kind: 'archipelago', text: 'QĐ. Hoàng Sa (TP. Đà Nẵng)', position: [112.0, 17.35] },
        { kind: 'archipelago', text: 'QĐ. Trường Sa (tỉnh Khánh Hòa)', position: [114.3, 12.0] },
        { kind: 'sea', text: 'BIỂN ĐÔNG', position: [113.2, 14.6] },
      ]
    : [
        { kind: 'archipelago', text: 'Hoàng Sa Archipelago (Đà Nẵng City)', position: [112.0, 17.35] },
        { kind: 'archipelago', text: 'Trường Sa Archipelago (Khánh Hòa Province)', position: [114.3, 12.0] },
        { kind: 'sea', text: 'BIỂN ĐÔNG (East Sea)', position: [113.2, 14.6] },
      ];
}
