/** Zip writing for exports (fflate, stored entries). */
import { zipSync } from 'fflate';

/**
 * A set of images (e.g. the slides of a briefing) as one .zip, in order:
 * names are kept (made unique with -2, -3 …) and prefixed with their position,
 * so a file browser lists them as the slides run. PNGs are already compressed,
 * so they are stored, which is fast and keeps the zip readable everywhere.
 */
export async function slidesToZip(images: { name: string; blob: Blob }[]): Promise<Blob> {
  const files: Record<string, [Uint8Array, { level: 0; mtime: Date }]> = {};
  const width = String(images.length).length;
  const mtime = new Date();
  for (const [i, img] of images.entries()) {
    const base = `${String(i + 1).padStart(Math.max(2, width), '0')}-${img.name.replace(/[\\/:*?"<>|]+/g, '-')}`;
    let name = base;
    for (let k = 2; name in files; k++) name = base.replace(/(\.[^.]*)?$/, (ext) => `-${k}${ext}`);
    files[name] = [new Uint8Array(await img.blob.arrayBuffer()), { level: 0, mtime }];
  }
  return new Blob([zipSync(files) as Uint8Array<ArrayBuffer>], { type: 'application/zip' });
}
