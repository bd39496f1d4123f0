/**
 * Printing shows the whole extent on screen. The print stylesheet gives the
 * map a box of its own shape (the page's width, 150 mm tall); had the map's
 * container followed that box, MapLibre and deck.gl would have resized their
 * canvases around the same centre and zoom and cut off the north and south of
 * the country. So before printing the container keeps its size on screen and
 * is only scaled (a CSS transform, which resizes nothing) to fit the printed
 * box; afterwards it is given back.
 */
import { useEffect } from 'react';

/** The printed map box of app.css's print rules (A4 landscape less 10 mm margins, 150 mm tall), in CSS pixels. */
export const PRINT_MAP_BOX = { w: (277 * 96) / 25.4, h: (150 * 96) / 25.4 };

const VARS = ['--print-w', '--print-h', '--print-scale', '--print-dx', '--print-dy'];

export function usePrintFit(): void {
  useEffect(() => {
    let pinned: HTMLElement | undefined;
    const before = () => {
      // The map, or the two maps of a comparison, as one block.
      const el = document.querySelector<HTMLElement>('.stage > .map, .stage > .split-maps');
      if (!el || el.clientWidth === 0) return;
      const w = el.clientWidth, h = el.clientHeight;
      const k = Math.min(PRINT_MAP_BOX.w / w, PRINT_MAP_BOX.h / h);
      el.style.setProperty('--print-w', `${w}px`);
      el.style.setProperty('--print-h', `${h}px`);
      el.style.setProperty('--print-scale', String(k));
      el.style.setProperty('--print-dx', `${(PRINT_MAP_BOX.w - w * k) / 2}px`);
      el.style.setProperty('--print-dy', `${(PRINT_MAP_BOX.h - h * k) / 2}px`);
      el.classList.add('print-pinned');
      pinned = el;
    };
    const after = () => {
      if (!pinned) return;
      for (const v of VARS) pinned.style.removeProperty(v);
      pinned.classList.remove('print-pinned');
      pinned = undefined;
    };
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
    };
  }, []);
}
