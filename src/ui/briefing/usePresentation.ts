/**
 * Presenting the saved views as slides: which slide is on screen, and the keys
 * a presenter uses (→, PageDown or Space for the next, ←/PageUp for the
 * previous, Home/End, Esc to leave), PageUp/PageDown being what a clicker sends.
 */
import { useEffect, useRef, useState } from 'react';
import type { SavedView } from '../../model/saved-views.ts';

export interface Presentation {
  /** The slide on screen while presenting. */
  present?: { index: number };
  start: (index: number) => void;
  /** Moves by `delta` slides, clamped to the first and last. */
  step: (delta: number) => void;
  exit: () => void;
}

export function usePresentation(views: SavedView[], applySaved: (v: SavedView) => void): Presentation {
  const [present, setPresent] = useState<{ index: number } | undefined>();
  const start = (index: number) => {
    setPresent({ index });
    const v = views[index];
    if (v) applySaved(v);
  };
  const step = (delta: number) => {
    if (!present || views.length === 0) return;
    const index = Math.max(0, Math.min(views.length - 1, present.index + delta));
    if (index === present.index) return;
    setPresent({ index });
    applySaved(views[index]);
  };
  const exit = () => setPresent(undefined);
  // One window listener for the page's life; it calls the latest handler.
  const keyHandler = useRef<(e: KeyboardEvent) => void>(() => undefined);
  useEffect(() => {
    keyHandler.current = (e: KeyboardEvent) => {
      if (!present) return;
      if (['ArrowRight', 'PageDown', ' '].includes(e.key)) step(1);
      else if (['ArrowLeft', 'PageUp'].includes(e.key)) step(-1);
      else if (e.key === 'Home') step(-views.length);
      else if (e.key === 'End') step(views.length);
      else if (e.key === 'Escape') setPresent(undefined);
      else return;
      e.preventDefault();
    };
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => keyHandler.current(e);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return { present, start, step, exit };
}
