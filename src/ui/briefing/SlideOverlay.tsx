/**
 * What the room sees in presentation mode, over the full-screen map: the slide
 * title, a subtitle saying the year, structure and filter in words, the note,
 * the slide counter, and the source line ("Dữ liệu minh hoạ" for the demo).
 */
import type { BundleManifest } from '../../model/bundle.ts';
import { describeFilterParts } from '../../model/filters.ts';
import { formatDate, t, type Lang } from '../../model/i18n.ts';
import type { SavedView } from '../../model/saved-views.ts';
import type { ViewState } from '../../model/view-state.ts';
import { filterOf } from '../planner/useWorklist.ts';

export interface SlideOverlayProps {
  lang: Lang;
  manifest: BundleManifest;
  view: ViewState;
  slide?: SavedView;
  index: number;
  count: number;
  provinces: { code: string; name: string }[];
  onStep: (delta: number) => void;
  onExit: () => void;
}

export function SlideOverlay({ lang, manifest, view, slide, index, count, provinces, onStep, onExit }: SlideOverlayProps) {
  const subtitle = describeFilterParts(filterOf(view), lang, {
    scale: manifest.scale,
    structures: manifest.structures,
    priorityKinds: manifest.priorityKinds,
    provinces: Object.fromEntries(provinces.map((p) => [p.code, p.name])),
  }).join(' · ');
  return (
    <div className="slide" data-testid="slide">
      <header className="slide-title">
        <h2 data-testid="slide-title">{slide?.title ?? t(lang, 'appTitle')}</h2>
        <p className="slide-subtitle">{subtitle}</p>
      </header>
      {slide?.note && <p className="slide-note">{slide.note}</p>}
      <footer className="slide-foot">
        <span className="slide-source">
          {manifest.illustrative && <strong>{t(lang, 'illustrative')} · </strong>}
          {t(lang, 'source')}: {manifest.source[lang]} · {t(lang, 'dataDate')} {formatDate(lang, manifest.dataDate)}
        </span>
        <span className="slide-nav">
          <button type="button" onClick={() => onStep(-1)} disabled={index <= 0} aria-label="←">
            ←
          </button>
          <span data-testid="slide-counter">
            {count ? index + 1 : 0} / {count}
          </span>
          <button type="button" onClick={() => onStep(1)} disabled={index >= count - 1} aria-label="→">
            →
          </button>
          <button type="button" onClick={() => void document.documentElement.requestFullscreen?.().catch(() => undefined)}>{t(lang, 'fullscreen')}</button>
          <button type="button" onClick={onExit} title={t(lang, 'presentExit')} data-testid="present-exit">
            ×
          </button>
        </span>
      </footer>
    </div>
  );
}
