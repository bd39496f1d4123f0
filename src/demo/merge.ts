/**
 * Seeded region growing: partitions the communes of one area into `k` groups of
 * adjacent communes, as the 2025 reform merged neighbouring communes.
 */
import type { Rng } from './rng.ts';

export interface GrowInput {
  /** Node ids (indices into the caller's arrays). */
  nodes: number[];
  /** Adjacency over all nodes (may include nodes outside `nodes`; those are ignored). */
  adjacency: number[][];
  centroids: [number, number][];
}

function dist2(a: [number, number], b: [number, number]): number {
  const dx = a[0] - b[0];
  const dy = a[1] - b[1];
  return dx * dx + dy * dy;
}

/**
 * Splits `nodes` into `k` contiguous groups of similar size. Components that
 * are not connected (islets attached to a cell, gaps in the graph) are linked to
 * the nearest node so the growth reaches them. Returns groups of node ids.
 */
export function growRegions(input: GrowInput, k: number, rng: Rng): number[][] {
  const { nodes, centroids } = input;
  if (k <= 0) throw new Error('k must be positive');
  if (k >= nodes.length) return nodes.map((n) => [n]);
  const inSet = new Set(nodes);
  const adj = new Map<number, number[]>();
  for (const n of nodes) adj.set(n, input.adjacency[n].filter((m) => inSet.has(m)));

  // Link components: each smaller component to its nearest node in the reached set.
  const comp = new Map<number, number>();
  const comps: number[][] = [];
  for (const n of nodes) {
    if (comp.has(n)) continue;
    const list: number[] = [];
    const stack = [n];
    comp.set(n, comps.length);
    while (stack.length) {
      const x = stack.pop()!;
      list.push(x);
      for (const y of adj.get(x)!) if (!comp.has(y)) { comp.set(y, comps.length); stack.push(y); }
    }
    comps.push(list);
  }
  if (comps.length > 1) {
    const order = comps.map((_, i) => i).sort((a, b) => comps[b].length - comps[a].length || a - b);
    const reached = [...comps[order[0]]];
    for (const ci of order.slice(1)) {
      let best: [number, number, number] = [Infinity, -1, -1];
      for (const a of comps[ci]) for (const b of reached) {
        const d = dist2(centroids[a], centroids[b]);
        if (d < best[0]) best = [d, a, b];
      }
      adj.get(best[1])!.push(best[2]);
      adj.get(best[2])!.push(best[1]);
      reached.push(...comps[ci]);
    }
  }

  // Farthest-point seeds spread the groups over the area.
  const seeds = [nodes[rng.int(nodes.length)]];
  const minD = new Map(nodes.map((n) => [n, dist2(centroids[n], centroids[seeds[0]])]));
  while (seeds.length < k) {
    let best = -1;
    let bestD = -1;
    for (const n of nodes) {
      const d = minD.get(n)! * (0.85 + 0.3 * rng());
      if (d > bestD) { bestD = d; best = n; }
    }
    seeds.push(best);
    for (const n of nodes) minD.set(n, Math.min(minD.get(n)!, dist2(centroids[n], centroids[best])));
  }

  const owner = new Map<number, number>();
  const groups: number[][] = seeds.map((s, g) => { owner.set(s, g); return [s]; });
  let remaining = nodes.length - k;
  const stuck = new Set<number>();
  while (remaining > 0) {
    // The smallest group that can still grow takes its nearest free neighbour.
    let g = -1;
    for (let i = 0; i < k; i++) if (!stuck.has(i) && (g < 0 || groups[i].length < groups[g].length)) g = i;
    if (g < 0) break;
    const seedC = centroids[seeds[g]];
    let pick = -1;
    let pickD = Infinity;
    for (const n of groups[g]) for (const m of adj.get(n)!) {
      if (owner.has(m)) continue;
      const d = dist2(centroids[m], seedC);
      if (d < pickD || (d === pickD && m < pick)) { pickD = d; pick = m; }
    }
    if (pick < 0) { stuck.add(g); continue; }
    owner.set(pick, g);
    groups[g].push(pick);
    remaining--;
  }
  if (remaining > 0) throw new Error('region growing left nodes unassigned');
  return groups;
}
