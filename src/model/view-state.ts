/**
 * The whole view as a value: what the map shows (structure, year, mode,
 * classification, filters, selection, camera, overlays, language). It lives in
 * the URL hash, so a link (a file:// link too) reopens the view exactly, and
 * saved views store the same value.
 *
 * Parsing is forgiving by design: a partial, old or damaged hash yields the
 * default for what is missing or wrong, plus a list of problems to show the
 * user; it never throws.
 */
import type { BundleManifest } from './bundle.ts';
import type { Lang } from './i18n.ts';

export type ClassMethod = 'quantile' | 'equal' | 'jenks' | 'custom';

/**
 * `rating` (categorical), `score`, `ind:<column>` (an indicator), `change`
 * (improved/unchanged/declined vs compareYear), `weakShare` (provinces by their
 * share of weak communes).
 */
export type MapMode = 'rating' | 'score' | 'change' | 'weakShare' | `ind:${string}`;

export interface Camera {
  lng: number;
  lat: number;
  zoom: number;
}

export interface ViewState {
  structure: string;
  year: number;
  provinces: string[];
  ratings: string[];
  kinds: string[];
  kindsMode: 'any' | 'all';
  text: string;
  /** Only communes weak at least this many years running (0: no restriction). */
  minWeakStreak?: number;
  mode: MapMode;
  method: ClassMethod;
  classes: number;
  customBreaks: number[];
  /** Keep the classes of `lockYear` for every year, so years compare fairly. */
  lockBreaks: boolean;
  compareYear?: number;
  /** Two maps side by side: `compareYear` (or the year before) on the left, `year` on the right. */
  split: boolean;
  selected?: string;
  camera?: Camera;
  overlays: string[];
  lang: Lang;
  /** The periodic review report is open for this scope: `national` or a province code of the structure. */
  report?: string;
  /** The year the report compares with (default: the year before `year`). */
  reportBase?: number;
  /**
   * The side panels: shown or folded away so the map fills the window. Unset,
   * the page decides by the window's size (folded on a small laptop screen);
   * once the user chooses, the choice travels with the link.
   */
  panels?: 'open' | 'closed';
}

/** What the bundle allows, so parsing can reject values that cannot apply. */
export interface ViewBounds {
  structures: string[];
  years: number[];
  levels: string[];
  indicators: string[];
}

export const VIEW_VERSION = 1;

/** What a manifest allows a view to name (the bounds a link is checked against). */
export function viewBoundsOf(manifest: Pick<BundleManifest, 'structures' | 'years' | 'scale' | 'indicators'>): ViewBounds {
  return {
    structures: manifest.structures.map((s) => s.id),
    years: manifest.years,
    levels: manifest.scale.levels.map((l) => l.id),
    indicators: manifest.indicators.map((i) => i.column),
  };
}

/** The language the address asks for (`?lang=en`), before any view is read. */
export function urlLang(search: string): Lang {
  return new URLSearchParams(search).get('lang') === 'en' ? 'en' : 'vi';
}

/** Below this window height the side panels start folded (a 1366×768 laptop); see src/ui/app/usePanels.ts. */
export const FOLD_BELOW_HEIGHT = 800;

/** Whether the side panels are shown: the view's choice, else by the window's height. */
export function panelsOpen(view: Pick<ViewState, 'panels'> | undefined, windowHeight: number): boolean {
  return (view?.panels ?? (windowHeight < FOLD_BELOW_HEIGHT ? 'closed' : 'open')) === 'open';
}

export function defaultView(b: ViewBounds): ViewState {
  return {
    structure: b.structures[0] ?? '',
    year: b.years.length ? Math.max(...b.years) : 0,
    provinces: [],
    ratings: [],
    kinds: [],
    kindsMode: 'any',
    text: '',
    mode: 'rating',
    method: 'quantile',
    classes: 5,
    customBreaks: [],
    lockBreaks: false,
    split: false,
    overlays: ['border'],
    lang: 'vi',
  };
}

const round = (v: number, digits: number) => Number(v.toFixed(digits));
const list = (xs: readonly (string | number)[]) => xs.map(String).join(',');

/**
 * Serialises a view into a URL hash (with the leading `#`). Defaults are
 * omitted to keep links short; the language is written when it differs from
 * what the page would take without it (the fallback's, e.g. `?lang=en`), so
 * a language chosen with the button holds across a reload.
 */
export function viewToHash(v: ViewState, b: ViewBounds, fallback: ViewFallback = {}): string {
  const d = { ...defaultView(b), ...(fallback.lang ? { lang: fallback.lang } : {}) };
  const p = new URLSearchParams();
  p.set('v', String(VIEW_VERSION));
  if (v.structure !== d.structure) p.set('s', v.structure);
  if (v.year !== d.year) p.set('y', String(v.year));
  if (v.provinces.length) p.set('p', list(v.provinces));
  if (v.ratings.length) p.set('r', list(v.ratings));
  if (v.kinds.length) p.set('k', list(v.kinds));
  if (v.kindsMode !== d.kindsMode) p.set('km', v.kindsMode);
  if (v.text) p.set('q', v.text);
  if (v.minWeakStreak) p.set('ws', String(v.minWeakStreak));
  if (v.mode !== d.mode) p.set('m', v.mode);
  if (v.method !== d.method) p.set('cm', v.method);
  if (v.classes !== d.classes) p.set('ck', String(v.classes));
  if (v.customBreaks.length) p.set('cb', list(v.customBreaks));
  if (v.lockBreaks) p.set('cl', '1');
  if (v.compareYear !== undefined) p.set('cy', String(v.compareYear));
  if (v.split) p.set('sp', '1');
  if (v.selected) p.set('sel', v.selected);
  if (v.report) p.set('rp', v.report);
  if (v.report && v.reportBase !== undefined) p.set('rpb', String(v.reportBase));
  if (v.camera) p.set('c', `${round(v.camera.lng, 5)},${round(v.camera.lat, 5)},${round(v.camera.zoom, 2)}`);
  if (list(v.overlays) !== list(d.overlays)) p.set('o', list(v.overlays));
  if (v.lang !== d.lang) p.set('l', v.lang);
  if (v.panels) p.set('pn', v.panels);
  return `#${p.toString()}`;
}

export interface ParsedView {
  view: ViewState;
  /** Plain-language problems (English, technical; the UI wraps them), empty when the hash was clean. */
  problems: string[];
}

const CODE = /^[0-9A-Za-z_-]{1,12}$/;
const KIND = /^[a-z0-9_]{1,32}$/;

/** What the page knows besides the hash: the language asked for in the address (`?lang=en`) or chosen before the data came. */
export interface ViewFallback {
  lang?: Lang;
}

/**
 * Parses a hash (with or without `#`). Never throws. The language is the
 * hash's `l`, else the fallback's (`?lang=en` must still hold once the data
 * has loaded and the view is read), else Vietnamese.
 */
export function hashToView(hash: string, b: ViewBounds, fallback: ViewFallback = {}): ParsedView {
  const view = defaultView(b);
  if (fallback.lang) view.lang = fallback.lang;
  const problems: string[] = [];
  const raw = hash.replace(/^#/, '');
  if (!raw) return { view, problems };
  let p: URLSearchParams;
  try {
    p = new URLSearchParams(raw);
  } catch {
    return { view, problems: ['the link could not be read'] };
  }
  const version = p.get('v');
  if (version !== null && version !== String(VIEW_VERSION)) problems.push(`link version ${version} is not ${VIEW_VERSION}; read what could be read`);

  const bad = (key: string, value: string) => problems.push(`ignored ${key}=${value.slice(0, 40)}`);
  const int = (key: string): number | undefined => {
    const s = p.get(key);
    if (s === null) return undefined;
    const n = Number(s);
    if (!Number.isInteger(n)) {
      bad(key, s);
      return undefined;
    }
    return n;
  };
  const codes = (key: string, re: RegExp, allowed?: string[]): string[] => {
    const s = p.get(key);
    if (s === null || s === '') return [];
    const out: string[] = [];
    for (const x of s.split(',')) {
      if (re.test(x) && (!allowed || allowed.includes(x))) out.push(x);
      else bad(key, x);
    }
    return [...new Set(out)].sort();
  };

  const s = p.get('s');
  if (s !== null) {
    if (b.structures.includes(s)) view.structure = s;
    else bad('s', s);
  }
  const y = int('y');
  if (y !== undefined) {
    if (b.years.includes(y)) view.year = y;
    else bad('y', String(y));
  }
  view.provinces = codes('p', CODE);
  view.ratings = codes('r', CODE, b.levels);
  view.kinds = codes('k', KIND);
  const km = p.get('km');
  if (km !== null) {
    if (km === 'any' || km === 'all') view.kindsMode = km;
    else bad('km', km);
  }
  const q = p.get('q');
  if (q !== null) view.text = q.slice(0, 200);
  const ws = int('ws');
  if (ws !== undefined) {
    if (ws >= 1 && ws <= 100) view.minWeakStreak = ws;
    else bad('ws', String(ws));
  }
  const m = p.get('m');
  if (m !== null) {
    if (m === 'rating' || m === 'score' || m === 'change' || m === 'weakShare' || (m.startsWith('ind:') && b.indicators.includes(m.slice(4)))) view.mode = m as MapMode;
    else bad('m', m);
  }
  const cm = p.get('cm');
  if (cm !== null) {
    if (cm === 'quantile' || cm === 'equal' || cm === 'jenks' || cm === 'custom') view.method = cm;
    else bad('cm', cm);
  }
  const ck = int('ck');
  if (ck !== undefined) {
    if (ck >= 2 && ck <= 9) view.classes = ck;
    else bad('ck', String(ck));
  }
  const cb = p.get('cb');
  if (cb) {
    const nums = cb.split(',').map(Number);
    if (nums.every(Number.isFinite) && nums.every((n, i) => i === 0 || n > nums[i - 1])) view.customBreaks = nums;
    else bad('cb', cb);
  }
  view.lockBreaks = p.get('cl') === '1';
  view.split = p.get('sp') === '1';
  const cy = int('cy');
  if (cy !== undefined) {
    if (b.years.includes(cy)) view.compareYear = cy;
    else bad('cy', String(cy));
  }
  const sel = p.get('sel');
  if (sel !== null) {
    if (CODE.test(sel)) view.selected = sel;
    else bad('sel', sel);
  }
  const rp = p.get('rp');
  if (rp !== null) {
    if (rp === 'national' || CODE.test(rp)) view.report = rp;
    else bad('rp', rp);
  }
  const rpb = int('rpb');
  if (rpb !== undefined) {
    if (view.report && b.years.includes(rpb)) view.reportBase = rpb;
    else bad('rpb', String(rpb));
  }
  const c = p.get('c');
  if (c !== null) {
    const [lng, lat, zoom] = c.split(',').map(Number);
    if ([lng, lat, zoom].every(Number.isFinite) && Math.abs(lng) <= 180 && Math.abs(lat) <= 85 && zoom >= 0 && zoom <= 22) view.camera = { lng, lat, zoom };
    else bad('c', c);
  }
  if (p.has('o')) view.overlays = codes('o', KIND);
  const l = p.get('l');
  if (l !== null) {
    if (l === 'vi' || l === 'en') view.lang = l;
    else bad('l', l);
  }
  const pn = p.get('pn');
  if (pn !== null) {
    if (pn === 'open' || pn === 'closed') view.panels = pn;
    else bad('pn', pn);
  }
  return { view, problems };
}
