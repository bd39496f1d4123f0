import { Deck } from '@deck.gl/core';
import type { MapboxOverlay } from '@deck.gl/mapbox';
import { AnimationLoop } from '@luma.gl/engine';
import { describe, expect, it } from 'vitest';
import { drawNow } from '../../src/map/draw-now.ts';

/** An overlay shaped as @deck.gl/mapbox 9.4 keeps its Deck (`_deck`) and the Deck its loop (`animationLoop`). */
function overlay(deck: unknown): MapboxOverlay {
  return { _deck: deck } as unknown as MapboxOverlay;
}

describe('drawNow: a deck.gl frame drawn in the caller’s task', () => {
  it('runs the Deck’s own frame (its animation loop’s redraw) once, when the Deck is ready', () => {
    let frames = 0;
    expect(drawNow(overlay({ isInitialized: true, animationLoop: { redraw: () => frames++ } }))).toBe(true);
    expect(frames).toBe(1);
  });

  it('does nothing before the Deck is made or ready (its next animation frame draws as before)', () => {
    let frames = 0;
    const loop = { redraw: () => frames++ };
    expect(drawNow(overlay(undefined))).toBe(false);
    expect(drawNow(overlay({ isInitialized: false, animationLoop: loop }))).toBe(false);
    expect(drawNow(overlay({ isInitialized: true, animationLoop: null }))).toBe(false);
    expect(frames).toBe(0);
  });

  it('reaches what deck.gl and luma.gl still have: Deck.isInitialized and AnimationLoop.redraw (an upgrade that drops them fails here)', () => {
    expect(Object.getOwnPropertyDescriptor(Deck.prototype, 'isInitialized')?.get).toBeTypeOf('function');
    expect(AnimationLoop.prototype.redraw).toBeTypeOf('function');
  });
});
