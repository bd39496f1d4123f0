/**
 * Names are untrusted data from many lists that spell them differently. They are
 * normalised to NFC for display (NFD text renders broken in deck.gl's TextLayer)
 * and folded (no diacritics, lower case, đ → d) for matching.
 */

/** NFC-normalises and trims a name; non-strings become ''. */
export function cleanName(value: unknown): string {
  if (typeof value !== 'string') return '';
  return value.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/**
 * Folds text for diacritic- and case-insensitive matching: "Đồng Văn" → "dong van".
 * Đ/đ do not decompose under NFD, so they are mapped by hand.
 */
export function foldText(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * What a search box's text searches: the text as typed (NFC, trimmed), matched
 * exactly against codes, and its folded form, matched as a substring of folded
 * names. Undefined when it folds to nothing (no search).
 */
export function searchTerm(text: string): { raw: string; folded: string } | undefined {
  const raw = text.normalize('NFC').trim();
  const folded = foldText(raw);
  return folded === '' ? undefined : { raw, folded };
}

/** The distinct characters of some texts, for a TextLayer's characterSet. */
export function characterSetOf(texts: Iterable<string>): string[] {
  const set = new Set<string>();
  for (const s of texts) for (const ch of s) set.add(ch);
  return [...set].sort();
}

/** What a thrown value says: an Error's message, else the value as text (for the error lines users read). */
export function reasonOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
