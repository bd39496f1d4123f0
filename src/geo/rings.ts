/**
 * Plain-array ring helpers, the one copy for every layer: signed planar area
 * (the winding), area in km², and point in ring. A ring is closed (first
 * position = last), [lon, lat] or any planar [x, y]. Pure, no DOM.
 */

type Ring = readonly (readonly number[])[];

/** Signed planar area (shoelace) in squared units: positive counter-clockwise (RFC 7946 outer rings), negative clockwise (Shapefile outer rings). */
export function ringSignedArea(ring: Ring): number {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return s / 2;
}

/** Approximate area in km² of a lon/lat ring, signed as ringSignedArea, with a local equirectangular projection (good to ~0.1% at commune scale). */
export function ringAreaKm2(ring: Ring): number {
  if (ring.length < 4) return 0;
  let lat = 0;
  for (const p of ring) lat += p[1];
  const k = Math.cos(((lat / ring.length) * Math.PI) / 180);
  return ringSignedArea(ring) * k * 111.32 * 111.32;
}

/** Whether (x, y) is inside the ring (even-odd crossing rule; a point on an edge may fall either way). */
export function pointInRing(x: number, y: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const xi = ring[i][0], yi = ring[i][1], xj = ring[j][0], yj = ring[j][1];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
