/** Sizes of every file of a folder, for the build report and the benchmark. */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface FileSize {
  path: string;
  bytes: number;
}

export function folderSizes(dir: string): FileSize[] {
  const out: FileSize[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else out.push({ path: relative(dir, p).split('\\').join('/'), bytes: st.size });
    }
  };
  walk(dir);
  return out;
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(2)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} kB`;
  return `${n} B`;
}

/** A plain table of the folder's files and total. */
export function sizeReport(dir: string): string {
  const files = folderSizes(dir);
  const width = Math.max(...files.map((f) => f.path.length), 5);
  const lines = files.map((f) => `  ${f.path.padEnd(width)}  ${formatBytes(f.bytes).padStart(10)}`);
  const total = files.reduce((s, f) => s + f.bytes, 0);
  lines.push(`  ${'total'.padEnd(width)}  ${formatBytes(total).padStart(10)}`);
  return lines.join('\n');
}
