import { describe, expect, it } from 'vitest';
import { defaultView, hashToView, viewToHash, type ViewBounds, type ViewState } from '../../src/model/view-state.ts';

const bounds: ViewBounds = { structures: ['2025', 'pre2025'], years: [2011, 2020, 2024, 2025], levels: ['XS', 'K', 'TB', 'Y'], indicators: ['participation'] };

const full: ViewState = {
  structure: 'pre2025',
  year: 2020,
  provinces: ['02', '04'],
  ratings: ['TB', 'Y'],
  kinds: ['border', 'ethnic_minority'],
  kindsMode: 'all',
  text: "Đồng Văn & 'x'",
  minWeakStreak: 2,
  mode: 'ind:participation',
  method: 'custom',
  classes: 4,
  customBreaks: [0, 25.5, 50, 100],
  lockBreaks: true,
  compareYear: 2011,
  split: true,
  selected: '00004',
  camera: { lng: 105.31234, lat: 23.25, zoom: 9.5 },
  overlays: ['maritime'],
  lang: 'en',
  report: '02',
  reportBase: 2011,
  panels: 'closed',
};

describe('view state in the URL hash', () => {
  it('round-trips every field', () => {
    const hash = viewToHash(full, bounds);
    expect(hash.startsWith('#v=1&')).toBe(true);
    expect(hashToView(hash, bounds)).toEqual({ view: full, problems: [] });
  });

  it('round-trips the province choropleth of weak share', () => {
    const v = { ...full, mode: 'weakShare' as const };
    expect(hashToView(viewToHash(v, bounds), bounds)).toEqual({ view: v, problems: [] });
    expect(hashToView('#v=1&ws=0', bounds).problems.length).toBe(1);
  });

  it('round-trips the default view as a short hash', () => {
    const d = defaultView(bounds);
    expect(viewToHash(d, bounds)).toBe('#v=1');
    expect(hashToView('#v=1', bounds)).toEqual({ view: d, problems: [] });
    expect(hashToView('', bounds).view).toEqual(d);
  });

  it('takes the language of ?lang= (the fallback) when the hash has none, the hash\'s own otherwise', () => {
    // ?lang=en reverted to Vietnamese once the data had loaded and the hash was read.
    expect(hashToView('', bounds, { lang: 'en' }).view.lang).toBe('en');
    expect(hashToView('#v=1&y=2024', bounds, { lang: 'en' }).view.lang).toBe('en');
    expect(hashToView('#v=1&l=vi', bounds, { lang: 'en' }).view.lang).toBe('vi');
    expect(hashToView('#v=1', bounds).view.lang).toBe('vi');
    // A view in English from ?lang=en is written with l=en, so a copied link keeps it.
    expect(viewToHash(hashToView('', bounds, { lang: 'en' }).view, bounds)).toBe('#v=1&l=en');
    // Vietnamese chosen with the button on a ?lang=en page is written, so a reload keeps it.
    expect(viewToHash({ ...defaultView(bounds), lang: 'vi' }, bounds, { lang: 'en' })).toBe('#v=1&l=vi');
    expect(viewToHash({ ...defaultView(bounds), lang: 'en' }, bounds, { lang: 'en' })).toBe('#v=1');
  });

  it('keeps the side panels open or closed only once the user chose', () => {
    expect(hashToView('#v=1', bounds).view.panels).toBeUndefined();
    expect(hashToView('#v=1&pn=closed', bounds).view.panels).toBe('closed');
    expect(hashToView('#v=1&pn=sideways', bounds).problems).toEqual(['ignored pn=sideways']);
  });

  it('fills what an old or partial hash lacks with defaults', () => {
    const { view, problems } = hashToView('#y=2024&r=Y', bounds);
    expect(view).toEqual({ ...defaultView(bounds), year: 2024, ratings: ['Y'] });
    expect(problems).toEqual([]);
  });

  it('reads what it can of a corrupted hash and says what it dropped', () => {
    const { view, problems } = hashToView('#v=7&y=abc&s=1999&r=Y,ZZ&m=ind:evil&c=999,1,2&ck=40&cb=5,3&sel=<img>&l=fr&km=some', bounds);
    expect(view).toEqual({ ...defaultView(bounds), ratings: ['Y'] });
    expect(problems).toEqual([
      'link version 7 is not 1; read what could be read',
      'ignored s=1999',
      'ignored y=abc',
      'ignored r=ZZ',
      'ignored km=some',
      'ignored m=ind:evil',
      'ignored ck=40',
      'ignored cb=5,3',
      'ignored sel=<img>',
      'ignored c=999,1,2',
      'ignored l=fr',
    ]);
  });

  it('never throws on garbage', () => {
    for (const h of ['#%', '#&&&', '#=', '#y', '#' + 'x'.repeat(10000), '#c=,,', '#p=,,,', '#%E0%A4%A']) {
      expect(() => hashToView(h, bounds)).not.toThrow();
    }
  });
});
