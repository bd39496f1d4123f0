/**
 * Priority kinds are data: a bundle's manifest lists the kinds its `priority`
 * table has (`priorityKinds`: id, Vietnamese and English label, colour), and
 * the filter, overlays, charts, legend and exports show those. The five kinds
 * the directive names first keep their ids and, by default, these labels and
 * colours; a declared list may bring any other kind (religious areas, schools,
 * big cities, strategic areas …) with its own.
 *
 * Also here, because the demo and the import must apply them the same way: how
 * declared flags override computed ones (`mergePriority`) and how a flag's
 * evidence reads ("Biên giới Lào 12,4 km").
 */
import { formatNumber, t, type Lang } from './i18n.ts';
import { foldText } from './text.ts';

/** A priority kind as the manifest carries it. */
export interface PriorityKindDef {
  id: string;
  label: { vi: string; en: string };
  /** Overlay and chart colour, `#rrggbb`. */
  color: string;
}

/** The five kinds the directive names, in display order. Their ids are part of the data contract. */
export const BUILTIN_PRIORITY_KINDS: readonly PriorityKindDef[] = [
  { id: 'border', label: { vi: 'Biên giới đất liền', en: 'Land border' }, color: '#78288c' },
  { id: 'maritime', label: { vi: 'Biển, ven biển', en: 'Sea and coast' }, color: '#005aa0' },
  { id: 'island', label: { vi: 'Hải đảo', en: 'Islands' }, color: '#0096aa' },
  { id: 'ethnic_minority', label: { vi: 'Vùng đồng bào dân tộc thiểu số', en: 'Ethnic-minority areas' }, color: '#965a14' },
  { id: 'industrial_zone', label: { vi: 'Khu công nghiệp, khu kinh tế', en: 'Industrial and economic zones' }, color: '#3c3c3c' },
];

/**
 * Kinds the directive names beyond the five, recognised by name in a declared
 * list so that "Tôn giáo" and "religious" are one kind with one label.
 */
export const KNOWN_PRIORITY_KINDS: readonly PriorityKindDef[] = [
  { id: 'religious', label: { vi: 'Vùng tôn giáo', en: 'Religious areas' }, color: '#b8860b' },
  { id: 'school', label: { vi: 'Trường học', en: 'Schools' }, color: '#2e8b57' },
  { id: 'urban', label: { vi: 'Đô thị lớn', en: 'Big cities' }, color: '#c2185b' },
  { id: 'strategic', label: { vi: 'Địa bàn chiến lược', en: 'Strategic areas' }, color: '#5d4037' },
];

/** Folded synonyms of the built-in and known kinds, as offices write them in a sheet. */
const KIND_SYNONYMS: Record<string, string[]> = {
  border: ['border', 'land border', 'bien gioi', 'bien gioi dat lien', 'xa bien gioi'],
  maritime: ['maritime', 'coast', 'coastal', 'sea', 'bien', 'ven bien', 'bien dao', 'xa ven bien'],
  island: ['island', 'islands', 'dao', 'hai dao', 'xa dao'],
  ethnic_minority: ['ethnic minority', 'ethnic', 'dan toc thieu so', 'vung dan toc thieu so', 'vung dong bao dan toc thieu so', 'dtts'],
  industrial_zone: ['industrial zone', 'industrial', 'khu cong nghiep', 'kcn', 'khu kinh te', 'kkt', 'khu cong nghiep khu kinh te'],
  religious: ['religious', 'religion', 'ton giao', 'vung ton giao'],
  school: ['school', 'schools', 'truong hoc', 'co so giao duc'],
  urban: ['urban', 'big city', 'big cities', 'do thi', 'do thi lon', 'thanh pho lon'],
  strategic: ['strategic', 'strategic area', 'dia ban chien luoc', 'chien luoc'],
};

const SYNONYM_TO_ID = new Map<string, string>();
for (const [id, list] of Object.entries(KIND_SYNONYMS)) for (const s of [id, ...list]) SYNONYM_TO_ID.set(foldText(s.replace(/_/g, ' ')), id);

/** Colours for declared kinds that bring none, in order of first appearance (after the built-in and known ones). */
export const EXTRA_KIND_COLORS = ['#e6550d', '#31a354', '#756bb1', '#d6616b', '#3182bd', '#8c6d31', '#7b4173', '#17becf'];

const GREY = '#808080';

/** The id of a built-in or known kind written as `text` ("Biên giới", "ven biển", "religious"), or undefined. */
export function knownKindId(text: string): string | undefined {
  return SYNONYM_TO_ID.get(foldText(text.replace(/_/g, ' ')));
}

/** The definition of a built-in or known kind. */
export function knownKind(id: string): PriorityKindDef | undefined {
  return BUILTIN_PRIORITY_KINDS.find((k) => k.id === id) ?? KNOWN_PRIORITY_KINDS.find((k) => k.id === id);
}

/** An id for a kind that is not known: folded words joined by `_` ("Vùng giáo xứ" → `vung_giao_xu`). */
export function kindIdFromLabel(label: string): string {
  return foldText(label).replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 32).replace(/_+$/, '') || 'kind';
}

/** True for a `#rrggbb` colour. */
export function isHexColor(value: string): boolean {
  return /^#[0-9a-fA-F]{6}$/.test(value);
}

/**
 * The kinds a bundle shows: its manifest's list when it has one (bundles made
 * before kinds were data have none: the built-in five then).
 */
export function priorityKindsOf(manifest: { priorityKinds?: PriorityKindDef[] }): PriorityKindDef[] {
  return manifest.priorityKinds && manifest.priorityKinds.length > 0 ? manifest.priorityKinds : [...BUILTIN_PRIORITY_KINDS];
}

/** A kind's definition among `kinds`, or a grey one labelled with its id (a flag whose kind the manifest forgot). */
export function kindDef(kinds: readonly PriorityKindDef[], id: string): PriorityKindDef {
  return kinds.find((k) => k.id === id) ?? knownKind(id) ?? { id, label: { vi: id, en: id }, color: GREY };
}

/** `#rrggbb` → `[r, g, b, a]` for deck.gl. */
export function kindRgba(color: string, alpha = 255): [number, number, number, number] {
  const hex = isHexColor(color) ? color : GREY;
  return [parseInt(hex.slice(1, 3), 16), parseInt(hex.slice(3, 5), 16), parseInt(hex.slice(5, 7), 16), alpha];
}

/**
 * The kinds of a dataset, in display order: the built-in five that occur, then
 * known and declared kinds in order of first appearance. `declared` supplies
 * labels and colours of kinds that are not known; a kind without a colour gets
 * the next of `EXTRA_KIND_COLORS`.
 */
export function datasetKinds(ids: Iterable<string>, declared: readonly Partial<PriorityKindDef>[] = []): PriorityKindDef[] {
  const present = new Set(ids);
  const out: PriorityKindDef[] = BUILTIN_PRIORITY_KINDS.filter((k) => present.has(k.id)).map((k) => ({ ...k, label: { ...k.label } }));
  let extra = 0;
  const seen = new Set(out.map((k) => k.id));
  const order = [...present].filter((id) => !seen.has(id));
  for (const id of order) {
    const given = declared.find((d) => d.id === id);
    const known = knownKind(id);
    const label = given?.label ?? known?.label ?? { vi: id, en: id };
    const color = given?.color && isHexColor(given.color) ? given.color : (known?.color ?? EXTRA_KIND_COLORS[extra++ % EXTRA_KIND_COLORS.length]);
    out.push({ id, label: { vi: label.vi, en: label.en }, color });
    seen.add(id);
  }
  return out;
}

// ---- neighbours ------------------------------------------------------------------

/** The neighbour countries by id, with their names in Vietnamese (as `detail` of a border flag) and English. */
export const NEIGHBOUR_COUNTRIES = [
  { id: 'CN', vi: 'Trung Quốc', en: 'China', synonyms: ['trung quoc', 'china', 'tq', 'cn'] },
  { id: 'LA', vi: 'Lào', en: 'Laos', synonyms: ['lao', 'laos', 'cong hoa dan chu nhan dan lao', 'la'] },
  { id: 'KH', vi: 'Campuchia', en: 'Cambodia', synonyms: ['campuchia', 'cam pu chia', 'cambodia', 'kampuchea', 'kh'] },
] as const;

/** A neighbour's name as written in a sheet ("Lao", "China") → its Vietnamese name (`Lào`, `Trung Quốc`); other text unchanged. */
export function neighbourName(text: string): string {
  const f = foldText(text);
  return NEIGHBOUR_COUNTRIES.find((n) => (n.synonyms as readonly string[]).includes(f))?.vi ?? text;
}

/** A neighbour's name in a language, from its Vietnamese name; unknown names unchanged. */
export function neighbourLabel(vi: string, lang: Lang): string {
  return NEIGHBOUR_COUNTRIES.find((n) => n.vi === vi)?.[lang] ?? vi;
}

// ---- computed against declared ------------------------------------------------

/** Where a flag came from: worked out from the boundaries, or given in an official list. */
export type FlagSource = 'computed' | 'declared';

/** One row of the `priority` table (without its structure). */
export interface PriorityRow {
  code: string;
  kind: string;
  detail: string | null;
  source: FlagSource;
  /** Evidence of a computed border or coast flag: kilometres along that neighbour, or of coast. */
  length_km: number | null;
}

/** A computed flag that a declared list contradicts. */
export interface Contradiction {
  code: string;
  kind: string;
  /** What was computed: its detail (the neighbour) and evidence. */
  computed: { detail: string | null; length_km: number | null };
  /**
   * `not-listed`: the declared list of this kind does not name the unit;
   * `other-detail`: it names the unit with another detail (another neighbour).
   */
  why: 'not-listed' | 'other-detail';
  /** The declared details for the unit and kind, when `other-detail`. */
  declared: (string | null)[];
}

const detailKey = (d: string | null) => (d === null ? '' : foldText(d));

/**
 * Merges computed and declared flags. A declared flag replaces the computed
 * flags of its unit and kind (keeping their evidence when the detail agrees);
 * declared flags with nothing computed complete the table; computed flags of a
 * kind that a declared list covers but that the list does not confirm are kept
 * (the list may be older than the boundaries) and returned as contradictions.
 * Rows come out sorted by code, then in input order.
 */
export function mergePriority(computed: readonly PriorityRow[], declared: readonly PriorityRow[]): { rows: PriorityRow[]; contradictions: Contradiction[] } {
  const declaredKinds = new Set(declared.map((d) => d.kind));
  const declaredAt = new Map<string, PriorityRow[]>();
  for (const d of declared) {
    const key = `${d.code}|${d.kind}`;
    declaredAt.set(key, [...(declaredAt.get(key) ?? []), d]);
  }
  const computedAt = new Map<string, PriorityRow[]>();
  for (const c of computed) {
    const key = `${c.code}|${c.kind}`;
    computedAt.set(key, [...(computedAt.get(key) ?? []), c]);
  }
  const rows: PriorityRow[] = [];
  const contradictions: Contradiction[] = [];
  for (const c of computed) {
    const listed = declaredAt.get(`${c.code}|${c.kind}`);
    if (listed) {
      if (!listed.some((d) => d.detail === null || c.detail === null || detailKey(d.detail) === detailKey(c.detail))) {
        contradictions.push({ code: c.code, kind: c.kind, computed: { detail: c.detail, length_km: c.length_km }, why: 'other-detail', declared: listed.map((d) => d.detail) });
      }
      continue;
    }
    rows.push(c);
    if (declaredKinds.has(c.kind)) contradictions.push({ code: c.code, kind: c.kind, computed: { detail: c.detail, length_km: c.length_km }, why: 'not-listed', declared: [] });
  }
  for (const d of declared) {
    const same = computedAt.get(`${d.code}|${d.kind}`)?.find((c) => d.detail !== null && c.detail !== null && detailKey(c.detail) === detailKey(d.detail));
    rows.push({ ...d, source: 'declared', length_km: same?.length_km ?? d.length_km ?? null });
  }
  rows.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return { rows, contradictions };
}

// ---- evidence in words -------------------------------------------------------------

/**
 * A flag in words with its evidence: `Biên giới Lào 12,4 km`, `Biển, ven biển 8 km`,
 * `Hải đảo (đặc khu)`, `Vùng đồng bào dân tộc thiểu số — Khu vực III`.
 */
export function describeFlag(flag: { kind: string; detail: string | null; length_km?: number | null }, kinds: readonly PriorityKindDef[], lang: Lang): string {
  const km = flag.length_km == null || !Number.isFinite(flag.length_km) ? '' : ` ${formatNumber(lang, flag.length_km, 1)} km`;
  if (flag.kind === 'border' && flag.detail) return `${t(lang, 'borderWith', { country: neighbourLabel(flag.detail, lang) })}${km}`;
  const label = kindDef(kinds, flag.kind).label[lang];
  if (!flag.detail) return `${label}${km}`;
  return flag.kind === 'island' ? `${label} (${flag.detail})${km}` : `${label} — ${flag.detail}${km}`;
}

/** The kinds to show: the manifest's, then any kind the flags have that it does not list (grey, named by id). */
export function kindsWithFlags(kinds: readonly PriorityKindDef[], ids: Iterable<string>): PriorityKindDef[] {
  const out = [...kinds];
  for (const id of ids) if (!out.some((k) => k.id === id)) out.push(kindDef(out, id));
  return out;
}
