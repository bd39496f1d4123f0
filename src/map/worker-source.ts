/**
 * MapLibre's worker is an ES module whose only export is unused (it starts
 * itself on `self`). On the `null` origin of file:// MapLibre would turn a module
 * worker URL into a data: URL, which our CSP (worker-src blob:) refuses. So we
 * drop the export and hand it over as a classic worker: a URL ending in `.cjs`
 * (here in the fragment of the Blob URL) is what tells MapLibre to start a
 * classic worker.
 */
export function classicWorkerSource(moduleSource: string): string {
  const stripped = moduleSource.replace(/export\s*\{[^}]*\};?\s*(\/\/# sourceMappingURL=\S*)?\s*$/, '');
  if (stripped === moduleSource) throw new Error('MapLibre worker source has an unexpected shape');
  return stripped;
}
