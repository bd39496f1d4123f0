/**
 * The page's view and its language: the bounds a link is checked against (the
 * data's structures, years, levels and indicators), the view kept in the URL
 * hash (useViewState), and the language, which before any data is read comes
 * from `?lang=en` (a protected folder's passphrase screen has no view yet).
 * The document's `lang` and title follow the language.
 */
import { useEffect, useMemo, useState } from 'react';
import type { BundleManifest } from '../../model/bundle.ts';
import { t, type Lang } from '../../model/i18n.ts';
import { urlLang, viewBoundsOf, type ViewBounds } from '../../model/view-state.ts';
import { useViewState } from './useViewState.ts';


export function useAtlasView(manifest: BundleManifest | undefined) {
  const bounds = useMemo<ViewBounds | undefined>(() => manifest && viewBoundsOf(manifest), [manifest]);
  const [fallbackLang, setFallbackLang] = useState<Lang>(() => urlLang(location.search));
  const state = useViewState(bounds, { lang: fallbackLang });
  const { view, setView } = state;
  const lang = view?.lang ?? fallbackLang;
  const setLang = (l: Lang) => (view ? setView({ lang: l }) : setFallbackLang(l));

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t(lang, 'appTitle');
  }, [lang]);

  return { ...state, bounds, lang, setLang };
}
