/**
 * Saved views: capture the current view with a title and a note; rename,
 * reorder, delete; export and import them as a JSON file to share alongside the
 * folder; play them as slides.
 */
import { useRef, useState } from 'react';
import { viewsToJson, moveView, parseViewsFile, removeView, renameView, type SavedView } from '../../model/saved-views.ts';
import { t, type Lang } from '../../model/i18n.ts';
import { download } from '../app/download.ts';

export interface SavedViewsPanelProps {
  lang: Lang;
  views: SavedView[];
  bundleId?: string;
  current?: string;
  onChange: (views: SavedView[]) => void;
  onCapture: (title: string, note: string) => void;
  onApply: (view: SavedView) => void;
  onPresent: (index: number) => void;
  /** Exports every view as a PNG in one .zip; absent while the map is not ready. */
  onExportSlides?: () => void;
  /** Progress of a running slides export, e.g. "2 / 5". */
  slidesBusy?: string;
  /** Why the last slides export failed, in the page's language. */
  slidesError?: string;
  storageError?: string;
}

export function SavedViewsPanel({ lang, views, bundleId, current, onChange, onCapture, onApply, onPresent, onExportSlides, slidesBusy, slidesError, storageError }: SavedViewsPanelProps) {
  const [title, setTitle] = useState('');
  const [note, setNote] = useState('');
  const [editing, setEditing] = useState<string>();
  const [problems, setProblems] = useState<string[]>([]);
  const file = useRef<HTMLInputElement>(null);

  return (
    <section className="saved-views" aria-label={t(lang, 'savedViews')} data-testid="saved-views">
      <form
        className="capture"
        onSubmit={(e) => {
          e.preventDefault();
          onCapture(title.trim() || `${t(lang, 'slide')} ${views.length + 1}`, note.trim());
          setTitle('');
          setNote('');
        }}
      >
        <input value={title} onChange={(e) => setTitle(e.target.value)} placeholder={t(lang, 'viewTitle')} aria-label={t(lang, 'viewTitle')} maxLength={200} data-testid="view-title" />
        <textarea value={note} onChange={(e) => setNote(e.target.value)} placeholder={t(lang, 'viewNote')} aria-label={t(lang, 'viewNote')} maxLength={2000} rows={2} />
        <button type="submit" data-testid="view-capture">
          {t(lang, 'captureView')}
        </button>
      </form>
      {storageError && <p className="error-text">{t(lang, 'storageError', { reason: storageError })}</p>}
      <ol className="views" data-testid="views-list">
        {views.map((v, i) => (
          <li key={v.id} className={v.hash === current ? 'current' : ''} data-view={v.id}>
            {editing === v.id ? (
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  const fd = new FormData(e.currentTarget);
                  onChange(renameView(views, v.id, String(fd.get('title') ?? v.title), String(fd.get('note') ?? v.note)));
                  setEditing(undefined);
                }}
              >
                <input name="title" defaultValue={v.title} aria-label={t(lang, 'viewTitle')} />
                <textarea name="note" defaultValue={v.note} aria-label={t(lang, 'viewNote')} rows={2} />
                <button type="submit">{t(lang, 'save')}</button>
              </form>
            ) : (
              <>
                <button type="button" className="view-open" onClick={() => onApply(v)} title={v.note}>
                  <span className="n">{i + 1}.</span> {v.title}
                </button>
                <span className="view-actions">
                  <button type="button" onClick={() => onPresent(i)} aria-label={t(lang, 'presentFrom')} title={t(lang, 'presentFrom')}>
                    ▶
                  </button>
                  <button type="button" disabled={i === 0} onClick={() => onChange(moveView(views, v.id, -1))} aria-label={t(lang, 'moveUp')}>
                    ↑
                  </button>
                  <button type="button" disabled={i === views.length - 1} onClick={() => onChange(moveView(views, v.id, 1))} aria-label={t(lang, 'moveDown')}>
                    ↓
                  </button>
                  <button type="button" onClick={() => setEditing(v.id)} aria-label={t(lang, 'rename')}>
                    ✎
                  </button>
                  <button type="button" onClick={() => onChange(removeView(views, v.id))} aria-label={t(lang, 'delete')}>
                    ×
                  </button>
                </span>
              </>
            )}
          </li>
        ))}
      </ol>
      <div className="views-io">
        <button type="button" disabled={views.length === 0} onClick={() => onPresent(0)} data-testid="present" className="primary">
          {t(lang, 'present')}
        </button>
        <button type="button" disabled={views.length === 0} onClick={() => download(new Blob([viewsToJson(views, bundleId)], { type: 'application/json' }), 'goc-nhin-ban-do.json')} data-testid="views-export">
          {t(lang, 'viewsExport')}
        </button>
        <button type="button" onClick={() => file.current?.click()}>{t(lang, 'viewsImport')}</button>
        <button type="button" disabled={views.length === 0 || !onExportSlides || !!slidesBusy} onClick={onExportSlides} data-testid="slides-export">
          {slidesBusy ? `${t(lang, 'exporting')} ${slidesBusy}` : t(lang, 'slidesExport')}
        </button>
        <input
          ref={file}
          type="file"
          accept=".json,application/json"
          hidden
          data-testid="views-import"
          onChange={async (e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (!f) return;
            const parsed = parseViewsFile(await f.text());
            setProblems([...parsed.problems, ...(parsed.bundleId && bundleId && parsed.bundleId !== bundleId ? [t(lang, 'viewsOtherData')] : [])]);
            if (parsed.views.length) onChange([...views, ...parsed.views.filter((p) => !views.some((v) => v.id === p.id))]);
          }}
        />
      </div>
      {slidesError && (
        <p className="error-text" role="alert" data-testid="slides-export-error">
          {slidesError}
        </p>
      )}
      {problems.length > 0 && <p className="muted">{problems.join('; ')}</p>}
    </section>
  );
}
