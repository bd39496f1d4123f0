/**
 * The offline MapLibre style: a plain sea-coloured background and nothing that
 * needs a server (no sources to fetch, no glyphs, no sprites). Everything else is
 * drawn by deck.gl from the bundle.
 */
import type { StyleSpecification } from 'maplibre-gl';

export const SEA_COLOR = '#dce9f2';

export function offlineStyle(): StyleSpecification {
  return {
    version: 8,
    name: 'movement-atlas-offline',
    sources: {},
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': SEA_COLOR } }],
  };
}
