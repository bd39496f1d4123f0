/**
 * Priority kinds the directive names, with their labels and overlay colours.
 * Kinds outside this list (a dataset may declare more) are shown with a grey
 * outline and their raw id.
 */
import type { MessageKey } from './i18n.ts';

export interface PriorityKind {
  id: string;
  label: MessageKey;
  /** Outline colour on the map, RGBA. */
  color: [number, number, number, number];
}

export const PRIORITY_KINDS: PriorityKind[] = [
  { id: 'border', label: 'priorityBorder', color: [120, 40, 140, 255] },
  { id: 'maritime', label: 'priorityMaritime', color: [0, 90, 160, 255] },
  { id: 'island', label: 'priorityIsland', color: [0, 150, 170, 255] },
  { id: 'ethnic_minority', label: 'priorityEthnic', color: [150, 90, 20, 255] },
  { id: 'industrial_zone', label: 'priorityIndustrial', color: [60, 60, 60, 255] },
];

export function priorityKind(id: string): PriorityKind | undefined {
  return PRIORITY_KINDS.find((k) => k.id === id);
}
