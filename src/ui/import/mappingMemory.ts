/**
 * Column mappings the user confirmed, remembered per set of headers, so the
 * next file with the same headers maps itself. Only header names are stored
 * (never data), in this browser's localStorage.
 */
import type { ColumnMapping, FileRole } from '../../io/import.ts';

const KEY = 'movement-atlas:mappings:v1';

function signature(role: FileRole, headers: string[]): string {
  return `${role}|${[...headers].sort().join('\u241f')}`;
}

function readAll(): Record<string, ColumnMapping> {
  try {
    const raw = localStorage.getItem(KEY);
    const v = raw ? (JSON.parse(raw) as unknown) : {};
    return v && typeof v === 'object' ? (v as Record<string, ColumnMapping>) : {};
  } catch {
    return {};
  }
}

export function recalledMapping(role: FileRole, headers: string[]): ColumnMapping | undefined {
  const m = readAll()[signature(role, headers)];
  // A remembered header must still exist in this file.
  if (!m || Object.values(m).some((h) => h != null && !headers.includes(h))) return undefined;
  return m;
}

export function rememberMapping(role: FileRole, headers: string[], mapping: ColumnMapping): void {
  if (!headers.length) return;
  try {
    const all = readAll();
    all[signature(role, headers)] = mapping;
    localStorage.setItem(KEY, JSON.stringify(all));
  } catch {
    // Storage may be disabled (private mode, policy): remembering is a convenience.
  }
}
