/**
 * What the map shows: structure, year, colour mode (rating, score, an
 * indicator, change since another year) and, for numeric modes, the
 * classification (method, number of classes, custom breaks, same breaks for
 * every year).
 */
import { useState } from 'react';
import type { BundleManifest } from '../../model/bundle.ts';
import { t, type Lang } from '../../model/i18n.ts';
import type { ClassMethod, MapMode, ViewState } from '../../model/view-state.ts';
import { YearSelect } from '../app/YearSelect.tsx';

export interface MapControlsProps {
  lang: Lang;
  manifest: BundleManifest;
  view: ViewState;
  onChange: (patch: Partial<ViewState>) => void;
}

export function MapControls({ lang, manifest, view, onChange }: MapControlsProps) {
  const years = [...manifest.years].sort((a, b) => b - a);
  const numeric = view.mode === 'score' || view.mode.startsWith('ind:');
  const [breaksText, setBreaksText] = useState(view.customBreaks.join('; '));
  return (
    <>
      <label>
        <span className="lbl">{t(lang, 'structure')}</span>
        <select aria-label={t(lang, 'structure')} value={view.structure} onChange={(e) => onChange({ structure: e.target.value, selected: undefined })} data-testid="structure">
          {manifest.structures.map((s) => (
            <option key={s.id} value={s.id}>
              {!manifest.illustrative ? s.label[lang] : s.id === '2025' ? t(lang, 'structure2025') : s.id === 'pre2025' ? t(lang, 'structurePre2025') : s.label[lang]}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className="lbl">{t(lang, 'year')}</span>
        <YearSelect years={years} value={view.year} onChange={(year) => onChange({ year })} testId="year" ariaLabel={t(lang, 'year')} />
      </label>
      <label>
        <span className="lbl">{t(lang, 'mode')}</span>
        <select aria-label={t(lang, 'mode')} value={view.mode} onChange={(e) => onChange({ mode: e.target.value as MapMode })} data-testid="mode">
          <option value="rating">{t(lang, 'modeRating')}</option>
          <option value="score">{t(lang, 'modeScore')}</option>
          {manifest.indicators.map((i) => (
            <option key={i.column} value={`ind:${i.column}`}>
              {i.label[lang]}
            </option>
          ))}
          <option value="change">{t(lang, 'modeChange')}</option>
          <option value="weakShare">{t(lang, 'modeWeakShare')}</option>
        </select>
      </label>
      <label className="check">
        <input type="checkbox" checked={view.split} onChange={(e) => onChange({ split: e.target.checked })} data-testid="split" />
        {t(lang, 'compare')}
      </label>
      {(view.mode === 'change' || view.split) && (
        <label>
          <span className="lbl">{t(lang, 'compareYear')}</span>
          <select aria-label={t(lang, 'compareYear')} value={view.compareYear ?? ''} onChange={(e) => onChange({ compareYear: e.target.value ? Number(e.target.value) : undefined })} data-testid="compare-year">
            <option value="">{Math.max(Math.min(...manifest.years), view.year - 1)}</option>
            {years.filter((y) => y !== view.year).map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
      )}
      {numeric && (
        <>
          <label>
            <span className="lbl">{t(lang, 'method')}</span>
            <select aria-label={t(lang, 'method')} value={view.method} onChange={(e) => onChange({ method: e.target.value as ClassMethod })} data-testid="method">
              <option value="quantile">{t(lang, 'methodQuantile')}</option>
              <option value="equal">{t(lang, 'methodEqual')}</option>
              <option value="jenks">{t(lang, 'methodJenks')}</option>
              <option value="custom">{t(lang, 'methodCustom')}</option>
            </select>
          </label>
          {view.method === 'custom' ? (
            <label>
              <span className="lbl">{t(lang, 'customBreaks')}</span>
              <input
                className="breaks"
                aria-label={t(lang, 'customBreaks')}
                value={breaksText}
                onChange={(e) => setBreaksText(e.target.value)}
                onBlur={() => {
                  const nums = breaksText.split(/[;\s]+/).filter(Boolean).map((x) => Number(x.replace(',', '.')));
                  if (nums.length >= 2 && nums.every(Number.isFinite)) onChange({ customBreaks: [...new Set(nums)].sort((a, b) => a - b) });
                }}
                data-testid="custom-breaks"
              />
            </label>
          ) : (
            <label>
              <span className="lbl">{t(lang, 'classes')}</span>
              <select aria-label={t(lang, 'classes')} value={view.classes} onChange={(e) => onChange({ classes: Number(e.target.value) })} data-testid="classes">
                {[3, 4, 5, 6, 7].map((k) => (
                  <option key={k} value={k}>
                    {k}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label className="check">
            <input type="checkbox" checked={view.lockBreaks} onChange={(e) => onChange({ lockBreaks: e.target.checked })} data-testid="lock-breaks" />
            {t(lang, 'lockBreaks')}
          </label>
        </>
      )}
    </>
  );
}
