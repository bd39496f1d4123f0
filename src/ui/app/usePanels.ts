/**
 * The side panels, shown or folded away so the map fills the window. Until the
 * user chooses (a choice that travels in the link, `pn=`), a window less than
 * 800 px tall — a 1366×768 laptop, where the panels left the map about
 * 660 × 620 px — starts with them folded; every other starts with them shown.
 */
import { useEffect, useState } from 'react';
import { FOLD_BELOW_HEIGHT, panelsOpen, type ViewState } from '../../model/view-state.ts';


/** The right panel's tabs. */
export type PanelTab = 'list' | 'provinces' | 'views';

export function usePanels(view: ViewState | undefined, setView: (patch: Partial<ViewState>) => void) {
  const [short, setShort] = useState(() => window.innerHeight < FOLD_BELOW_HEIGHT);
  useEffect(() => {
    const onResize = () => setShort(window.innerHeight < FOLD_BELOW_HEIGHT);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  const [tab, setTab] = useState<PanelTab>('list');
  const open = panelsOpen(view, short ? 0 : FOLD_BELOW_HEIGHT);
  const show = () => setView({ panels: 'open' });
  const showWorklist = () => {
    if (!open) show();
    setTab('list');
    // The list is in the DOM once the panels are shown: focus it on the next frame.
    requestAnimationFrame(() => document.getElementById('worklist')?.focus());
  };
  return { open, toggle: () => setView({ panels: open ? 'closed' : 'open' }), show, tab, setTab, showWorklist };
}
