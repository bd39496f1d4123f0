/**
 * Gives each deck.gl instance layer instances of its own.
 *
 * A deck.gl layer instance belongs to the one Deck that initialised it: its
 * `internalState` holds that Deck's models, buffers and textures (objects of
 * one WebGL context), and deck.gl refuses to initialise an instance that
 * already has state ("initialization of MultiIconLayer({id:
 * 'province-labels-characters'}): deck.gl: assertion failed" — its assertion
 * reads "finalized layer cannot be reused"). The app builds its layers once per
 * change and hands the same instances to whichever map shows them; when
 * "So sánh hai năm" replaced the single map with two (or the reverse), the new
 * Deck was handed the instances the removed Deck had initialised and
 * finalised, and every layer failed; the text layer's sub-layer, the last one,
 * gave the message the user saw.
 *
 * So a map never draws the instances it is given: it draws a copy per given
 * instance (`layer.clone()`: same props, no state), made once and kept for as
 * long as the given instance lives. Handing the same instance again yields the
 * same copy, so deck.gl still sees an unchanged layer and does no work; a new
 * instance (new colours, a hover) yields a new copy that deck.gl matches by id
 * and updates as usual. Each map has its own owner, so two maps, or a map made
 * again after an error, never share an instance.
 */
import type { Layer } from '@deck.gl/core';

export class LayerOwner {
  private copies = new WeakMap<Layer, Layer>();

  /** This owner's copies of `layers`, in order. */
  own(layers: readonly Layer[]): Layer[] {
    return layers.map((layer) => {
      const kept = this.copies.get(layer);
      if (kept) return kept;
      const copy: Layer = layer.clone({});
      this.copies.set(layer, copy);
      return copy;
    });
  }
}
