/**
 * The planner's filters: a one-click "weak communes" preset, a search box that
 * ignores diacritics and case, provinces, rating levels and priority kinds
 * (any of / all of). Every control writes the view state; DuckDB answers.
 */
import { useMemo, useState } from 'react';
import { formatNumber, t, type Lang } from '../../model/i18n.ts';
import type { PriorityKindDef } from '../../model/priority.ts';
import { sortedLevels, weakLevelIds, type RatingScale } from '../../model/scale.ts';
import { foldText } from '../../model/text.ts';
import type { ViewState } from '../../model/view-state.ts';

export interface ProvinceOption {
  code: string;
  name: string;
}

export interface FilterPanelProps {
  lang: Lang;
  scale: RatingScale;
  view: ViewState;
  provinces: ProvinceOption[];
  /** The data's priority kinds (the manifest's), in display order. */
  kinds: PriorityKindDef[];
  kindCounts: Map<string, number>;
  matching?: number;
  onChange: (patch: Partial<ViewState>) => void;
}

function toggle(list: string[], id: string, on: boolean): string[] {
  const s = new Set(list);
  if (on) s.add(id);
  else s.delete(id);
  return [...s].sort();
}

export function FilterPanel({ lang, scale, view, provinces, kinds, kindCounts, matching, onChange }: FilterPanelProps) {
  const [provinceQuery, setProvinceQuery] = useState('');
  const weak = weakLevelIds(scale);
  const weakOnly = view.ratings.length > 0 && view.ratings.every((r) => weak.includes(r)) && weak.every((r) => view.ratings.includes(r));
  const shownProvinces = useMemo(() => {
    const q = foldText(provinceQuery);
    return q ? provinces.filter((p) => foldText(p.name).includes(q) || p.code.startsWith(q)) : provinces;
  }, [provinces, provinceQuery]);
  const active = view.provinces.length + view.ratings.length + view.kinds.length + (view.text ? 1 : 0) + (view.minWeakStreak ? 1 : 0);

  return (
    <section className="filters" aria-label={t(lang, 'filters')}>
      <header className="filters-head">
        <h2>{t(lang, 'filters')}</h2>
        <p className="matching" data-testid="match-count" aria-live="polite">
          {matching === undefined ? '…' : t(lang, 'matching', { count: formatNumber(lang, matching) })}
        </p>
      </header>
      <div className="preset-row">
        <button
          type="button"
          className={weakOnly ? 'preset active' : 'preset'}
          aria-pressed={weakOnly}
          data-testid="preset-weak"
          onClick={() => onChange({ ratings: weakOnly ? [] : [...weak].sort() })}
        >
          {t(lang, 'presetWeak')}
        </button>
        <button type="button" disabled={active === 0} onClick={() => onChange({ provinces: [], ratings: [], kinds: [], text: '', minWeakStreak: undefined })} data-testid="reset-filters">
          {t(lang, 'resetFilters')}
        </button>
      </div>
      <input
        type="search"
        className="search"
        placeholder={t(lang, 'search')}
        aria-label={t(lang, 'search')}
        value={view.text}
        maxLength={200}
        onChange={(e) => onChange({ text: e.target.value })}
        data-testid="search"
      />
      <label className="streak-filter">
        {t(lang, 'weakStreakFilter')}{' '}
        <select value={view.minWeakStreak ?? 0} onChange={(e) => onChange({ minWeakStreak: Number(e.target.value) || undefined })} data-testid="filter-weak-streak">
          <option value={0}>{t(lang, 'weakStreakAny')}</option>
          {[1, 2, 3, 4, 5].map((n) => (
            <option key={n} value={n}>
              {t(lang, 'weakStreakAtLeast', { n })}
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>{t(lang, 'ratingsFilter')}</legend>
        {sortedLevels(scale).map((l) => (
          <label key={l.id} className="check">
            <input type="checkbox" checked={view.ratings.includes(l.id)} onChange={(e) => onChange({ ratings: toggle(view.ratings, l.id, e.target.checked) })} data-level={l.id} />
            <i className="swatch" style={{ background: l.color }} />
            {l.label[lang]}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>
          {t(lang, 'kindsFilter')}{' '}
          <select value={view.kindsMode} onChange={(e) => onChange({ kindsMode: e.target.value as 'any' | 'all' })} aria-label={t(lang, 'kindsFilter')}>
            <option value="any">{t(lang, 'kindsAny')}</option>
            <option value="all">{t(lang, 'kindsAll')}</option>
          </select>
        </legend>
        {kinds.map((k) => (
          <label key={k.id} className="check">
            <input type="checkbox" checked={view.kinds.includes(k.id)} onChange={(e) => onChange({ kinds: toggle(view.kinds, k.id, e.target.checked) })} data-kind={k.id} />
            <span className="line" style={{ borderColor: k.color }} />
            {k.label[lang]} <span className="muted">({formatNumber(lang, kindCounts.get(k.id) ?? 0)})</span>
          </label>
        ))}
      </fieldset>
      <fieldset className="provinces">
        <legend>
          {t(lang, 'provinces')} {view.provinces.length > 0 && <span className="muted">({view.provinces.length})</span>}
        </legend>
        <input type="search" placeholder={t(lang, 'filterProvinces')} value={provinceQuery} onChange={(e) => setProvinceQuery(e.target.value)} aria-label={t(lang, 'filterProvinces')} />
        <div className="province-list">
          {shownProvinces.map((p) => (
            <label key={p.code} className="check">
              <input type="checkbox" checked={view.provinces.includes(p.code)} onChange={(e) => onChange({ provinces: toggle(view.provinces, p.code, e.target.checked) })} data-province={p.code} />
              {p.name}
            </label>
          ))}
        </div>
      </fieldset>
    </section>
  );
}
