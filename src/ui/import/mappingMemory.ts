/**
 * Column choices the user confirmed, remembered field by field: once "MA_XA"
 * was chosen as the commune code, the next file with a column "MA_XA" maps it
 * the same way, as `--map code=MA_XA` does on the command line (the headers
 * also mark the header row of a report-style sheet). Only header names are
 * stored (never data), in this browser's localStorage.
 */
import type { ColumnMapping, FieldId } from '../../io/import.ts';

const KEY = 'movement-atlas:column-choices:v2';
/** Headers remembered per field, most recent first. */
const PER_FIELD = 5;

type Memory = Partial<Record<FieldId, string[]>>;

function readMemory(): Memory {
  try {
    const raw = localStorage.getItem(KEY);
    const v = raw ? (JSON.parse(raw) as unknown) : {};
    if (!v || typeof v !== 'object' || Array.isArray(v)) return {};
    const out: Memory = {};
    for (const [f, list] of Object.entries(v as Record<string, unknown>)) if (Array.isArray(list)) out[f as FieldId] = list.filter((h): h is string => typeof h === 'string');
    return out;
  } catch {
    return {};
  }
}

/**
 * The remembered choices as one mapping for every file to read (the most
 * recent header per field). The importer applies a choice only to files that
 * have that column.
 */
export function rememberedChoices(): ColumnMapping {
  const out: ColumnMapping = {};
  for (const [f, list] of Object.entries(readMemory())) if (list?.length) out[f as FieldId] = list[0];
  return out;
}

/**
 * For the headers of one file: the remembered header of each field that this
 * file has (an older choice when the latest is absent), for `proposeMapping`'s
 * fixed choices.
 */
export function rememberedFor(headers: string[]): ColumnMapping {
  const out: ColumnMapping = {};
  const used = new Set<string>();
  for (const [f, list] of Object.entries(readMemory())) {
    const h = list?.find((x) => headers.includes(x) && !used.has(x));
    if (h) {
      out[f as FieldId] = h;
      used.add(h);
    }
  }
  return out;
}

/** Remembers the columns chosen in a mapping that loaded. */
export function rememberChoices(mapping: ColumnMapping): void {
  try {
    const memory = readMemory();
    for (const [f, h] of Object.entries(mapping)) {
      if (!h) continue;
      const list = (memory[f as FieldId] ?? []).filter((x) => x !== h);
      memory[f as FieldId] = [h, ...list].slice(0, PER_FIELD);
    }
    localStorage.setItem(KEY, JSON.stringify(memory));
  } catch {
    // Storage may be disabled (private mode, policy): remembering is a convenience.
  }
}
