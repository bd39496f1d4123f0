/**
 * The view state, kept in the URL hash: the hash is read at start (and on
 * hashchange, e.g. a pasted link), and every change is written back with
 * replaceState (shortly after the last change), so copying the address shares
 * the exact view. Problems found in
 * a damaged hash are returned for the UI to show.
 *
 * `bounds` must be memoised by the caller (one object per bundle).
 */
import { useCallback, useEffect, useState } from 'react';
import { hashToView, viewToHash, type ViewBounds, type ViewFallback, type ViewState } from '../../model/view-state.ts';

/** How long the hash waits after the last change of the view. */
const HASH_DELAY_MS = 150;

/**
 * `fallback`: what holds when the hash does not say (the language of `?lang=`
 * or chosen before the data came); without it `?lang=en` reverted to
 * Vietnamese as soon as the data had loaded and the hash was read.
 */
export function useViewState(bounds: ViewBounds | undefined, fallback: ViewFallback = {}) {
  const [state, setState] = useState<{ bounds?: ViewBounds; view?: ViewState; problems: string[] }>({ problems: [] });
  const fallbackLang = fallback.lang;

  // A new bundle re-reads the hash against what that bundle allows.
  if (bounds && state.bounds !== bounds) {
    const parsed = hashToView(location.hash, bounds, { lang: state.view?.lang ?? fallbackLang });
    setState({ bounds, view: parsed.view, problems: parsed.problems });
  }

  useEffect(() => {
    if (!bounds) return;
    const onHash = () => {
      // A pasted link without a language keeps the one on screen.
      setState((s) => {
        const parsed = hashToView(location.hash, bounds, { lang: s.view?.lang ?? fallbackLang });
        return { bounds, view: parsed.view, problems: parsed.problems };
      });
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [bounds, fallbackLang]);

  const view = state.view;
  useEffect(() => {
    if (!view || !bounds) return;
    const write = () => {
      const hash = viewToHash(view, bounds, { lang: fallbackLang });
      const current = location.hash || '#v=1';
      if (hash !== current) history.replaceState(null, '', hash === '#v=1' ? location.pathname + location.search : hash);
    };
    // replaceState costs a few ms: written once typing pauses, not inside the keystroke that
    // starts the worklist query; a page being left writes it at once.
    const timer = setTimeout(write, HASH_DELAY_MS);
    window.addEventListener('pagehide', write);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('pagehide', write);
    };
  }, [view, bounds, fallbackLang]);

  const setView = useCallback((update: Partial<ViewState> | ((v: ViewState) => ViewState)) => {
    setState((s) => (s.view ? { ...s, view: typeof update === 'function' ? update(s.view) : { ...s.view, ...update } } : s));
  }, []);

  const dismissProblems = useCallback(() => setState((s) => ({ ...s, problems: [] })), []);
  return { view, setView, problems: state.problems, dismissProblems };
}
