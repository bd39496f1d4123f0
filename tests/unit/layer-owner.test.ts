import { PathLayer, TextLayer } from '@deck.gl/layers';
import { describe, expect, it } from 'vitest';
import { LayerOwner } from '../../src/map/layer-owner.ts';

const path = () => new PathLayer({ id: 'provinces', data: [[[105.8, 21.0], [106.7, 10.8]]], getPath: (d: number[][]) => d as [number, number][], getWidth: 2 });

describe('LayerOwner: each map draws layer instances of its own', () => {
  it('two maps given the same layers get distinct instances with the same props', () => {
    const given = [path(), new TextLayer({ id: 'province-labels', data: [{ text: 'Hà Nội', position: [105.8, 21.0] }] })];
    const left = new LayerOwner().own(given);
    const right = new LayerOwner().own(given);
    for (let i = 0; i < given.length; i++) {
      expect(left[i]).not.toBe(given[i]);
      expect(right[i]).not.toBe(given[i]);
      expect(left[i]).not.toBe(right[i]);
      expect(left[i].id).toBe(given[i].id);
      expect(left[i].props.data).toBe(given[i].props.data);
      // A copy carries no deck.gl state, so a new Deck can initialise it.
      expect(left[i].internalState).toBeFalsy();
    }
  });

  it('the same instance given again yields the same copy (no work for deck.gl); a new one a new copy', () => {
    const owner = new LayerOwner();
    const a = path();
    const [first] = owner.own([a]);
    expect(owner.own([a])[0]).toBe(first);
    const b = path();
    const [second] = owner.own([a, b]).slice(1);
    expect(second).not.toBe(first);
    expect(second.id).toBe('provinces');
  });
});
