/**
 * What the page asks DuckDB first at start-up, and how it avoids redrawing a
 * map whose colours did not change (src/ui/app/startup.ts, src/map/colors.ts).
 */
import { describe, expect, it } from 'vitest';
import { askAfterFirstList, firstMapShown, markFirstListShown, markFirstMapShown } from '../../src/ui/app/startup.ts';
import { keepEqualColors, type MapColors } from '../../src/map/colors.ts';

const tick = () => new Promise((r) => setTimeout(r, 0));

function colours(key: string, rgb: Record<string, [number, number, number]>, source: MapColors['source'] = 'duckdb'): MapColors {
  const colorByCode = new Map(Object.entries(rgb));
  return { key, source, colorByCode, ratingByCode: new Map(), classByCode: new Map(), title: 't', entries: [], noData: 0 };
}

describe('start-up order', () => {
  it("holds DuckDB's boot until the first coloured map is shown (or there will be none)", async () => {
    let shown = false;
    void firstMapShown.then(() => (shown = true));
    await tick();
    expect(shown).toBe(false);
    markFirstMapShown();
    await tick();
    expect(shown).toBe(true);
    // Marked again (a map error after the first map): nothing changes.
    markFirstMapShown();
    await tick();
    expect(shown).toBe(true);
  });

  it('holds questions until the first list is shown, then asks them a task later; a cancelled one is never asked', async () => {
    const asked: string[] = [];
    askAfterFirstList(() => asked.push('charts'));
    const cancel = askAfterFirstList(() => asked.push('cancelled'));
    await tick();
    await tick();
    expect(asked).toEqual([]);
    cancel();
    markFirstListShown();
    await Promise.resolve();
    // Not in the same task: a list asked in the same commit reaches DuckDB first.
    expect(asked).toEqual([]);
    await tick();
    expect(asked).toEqual(['charts']);
    // Once shown, later questions only wait a task.
    askAfterFirstList(() => asked.push('later'));
    await tick();
    await tick();
    expect(asked).toEqual(['charts', 'later']);
  });
});

describe('keepEqualColors', () => {
  it('keeps the colour map already handed out when every commune has the same colour', () => {
    const first = keepEqualColors(colours('pre2025|2024|rating', { a: [1, 2, 3], b: [4, 5, 6] }, 'bundle'))!;
    const again = colours('pre2025|2024|rating', { a: [1, 2, 3], b: [4, 5, 6] });
    const kept = keepEqualColors(again)!;
    expect(kept.colorByCode).toBe(first.colorByCode);
    // Everything else is the new answer's.
    expect(kept.source).toBe('duckdb');
    expect(kept.entries).toBe(again.entries);
  });

  it('hands out a new map when a colour, a commune or the key differs', () => {
    const base = keepEqualColors(colours('2025|2025|rating', { a: [1, 2, 3], b: [4, 5, 6] }))!;
    const recoloured = colours('2025|2025|rating', { a: [1, 2, 3], b: [4, 5, 7] });
    expect(keepEqualColors(recoloured)!.colorByCode).toBe(recoloured.colorByCode);
    const fewer = colours('2025|2025|rating', { a: [1, 2, 3] });
    expect(keepEqualColors(fewer)!.colorByCode).toBe(fewer.colorByCode);
    const otherYear = colours('2025|2024|rating', { a: [1, 2, 3], b: [4, 5, 6] });
    expect(keepEqualColors(otherYear)!.colorByCode).toBe(otherYear.colorByCode);
    expect(base.colorByCode).not.toBe(otherYear.colorByCode);
    expect(keepEqualColors(undefined)).toBeUndefined();
  });
});
