/**
 * The commune under the pointer (on the map or in the worklist), kept outside
 * React state on purpose: a mouse move must not re-render the whole page. Only
 * the parts that show the hover subscribe (the tooltip, the map's outline layer,
 * the worklist's row highlight), so a move costs a few small renders.
 */
import { useSyncExternalStore } from 'react';

export interface Hover {
  code: string;
  /** Pointer position in the stage, CSS pixels (map hovers only). */
  x?: number;
  y?: number;
  /** True when the hover comes from the worklist: the map outlines it, no tooltip. */
  fromList?: boolean;
}

export class HoverStore {
  private value: Hover | undefined;
  private readonly listeners = new Set<() => void>();

  get = (): Hover | undefined => this.value;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Sets the hover (or derives it from the previous one); listeners run only when it changed. */
  set(next: Hover | undefined | ((prev: Hover | undefined) => Hover | undefined)): void {
    const v = typeof next === 'function' ? next(this.value) : next;
    if (v === this.value) return;
    this.value = v;
    for (const l of this.listeners) l();
  }
}

export function useHover(store: HoverStore): Hover | undefined {
  return useSyncExternalStore(store.subscribe, store.get);
}

/** Only the hovered code: components that do not place a tooltip re-render only when the unit changes. */
export function useHoveredCode(store: HoverStore): string | undefined {
  return useSyncExternalStore(store.subscribe, () => store.get()?.code);
}
