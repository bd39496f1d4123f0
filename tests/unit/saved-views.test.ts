import { describe, expect, it } from 'vitest';
import { captureView, viewsToJson, moveView, parseViewsFile, removeView, renameView, viewOf, type SavedView } from '../../src/model/saved-views.ts';
import { defaultView, type ViewBounds } from '../../src/model/view-state.ts';

const bounds: ViewBounds = { structures: ['2025', 'pre2025'], years: [2020, 2024, 2025], levels: ['XS', 'K', 'TB', 'Y'], indicators: [] };
const base = defaultView(bounds);
const a = captureView('a', { ...base, year: 2024, ratings: ['Y'] }, bounds, 'Xã yếu 2024', 'Ghi chú');
const b = captureView('b', { ...base, kinds: ['border'], camera: { lng: 105, lat: 22, zoom: 7 } }, bounds, 'Biên giới', '', [102, 20, 108, 24]);
const c = captureView('c', { ...base, structure: 'pre2025', year: 2020 }, bounds, 'Trước sáp nhập');

describe('saved views', () => {
  it('capture the whole view and give it back', () => {
    expect(viewOf(a, bounds).view).toEqual({ ...base, year: 2024, ratings: ['Y'] });
    expect(viewOf(b, bounds).view.camera).toEqual({ lng: 105, lat: 22, zoom: 7 });
    expect(b.extent).toEqual([102, 20, 108, 24]);
    expect(captureView('x', base, bounds, 't', '', [108, 20, 102, 24]).extent).toBeUndefined();
  });

  it('rename, reorder and delete', () => {
    let views: SavedView[] = [a, b, c];
    views = renameView(views, 'b', 'Biên giới đất liền', 'mới');
    expect(views[1]).toMatchObject({ title: 'Biên giới đất liền', note: 'mới' });
    views = moveView(views, 'c', -2);
    expect(views.map((v) => v.id)).toEqual(['c', 'a', 'b']);
    expect(moveView(views, 'b', 5).map((v) => v.id)).toEqual(['c', 'a', 'b']);
    views = removeView(views, 'a');
    expect(views.map((v) => v.id)).toEqual(['c', 'b']);
  });

  it('round-trip through a JSON file', () => {
    const parsed = parseViewsFile(viewsToJson([a, b, c], 'demo-1'));
    expect(parsed).toEqual({ views: [a, b, c], bundleId: 'demo-1', problems: [] });
  });

  it('read a damaged file without throwing, keeping what is usable', () => {
    expect(parseViewsFile('{not json').problems).toEqual(['not a JSON file']);
    expect(parseViewsFile('[]').problems).toEqual(['format is undefined, expected movement-atlas-views']);
    const text = JSON.stringify({ format: 'movement-atlas-views', version: 2, views: [a, { title: 'no hash' }, null, { ...b, id: 'a' }, { hash: '#y=2020' }] });
    const p = parseViewsFile(text);
    expect(p.problems).toEqual(['version 2 is not 1; read what could be read', 'view 2 has no view state and was skipped', 'view 3 has no view state and was skipped']);
    expect(p.views.map((v) => [v.id, v.title])).toEqual([['a', 'Xã yếu 2024'], ['a-4', 'Biên giới'], ['v5', '#5']]);
  });
});
