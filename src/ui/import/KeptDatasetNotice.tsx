/** The notice that this browser keeps a dataset, with buttons to open or forget it, and why opening it failed. */
import { t, type Lang } from '../../model/i18n.ts';
import type { KeptDatasetState } from './useKeptDataset.ts';

export function KeptDatasetNotice({ lang, state }: { lang: Lang; state: KeptDatasetState }) {
  const { kept, open, forget, openError } = state;
  if (!kept) return null;
  return (
    <div className="notice" role="status" data-testid="kept">
      {t(lang, 'keptFound', { date: new Date(kept.savedAt).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB') })}
      <button type="button" onClick={open}>
        {t(lang, 'keptOpen')}
      </button>
      <button type="button" onClick={forget}>
        {t(lang, 'keptForget')}
      </button>
      {openError && (
        <span className="error-text" role="alert" data-testid="kept-error">
          {t(lang, 'keptOpenFailed', { reason: openError })}
        </span>
      )}
    </div>
  );
}
